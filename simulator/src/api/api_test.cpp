#include "api/api.h"
#include "api/api_test_support.h"
#include "api/routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <set>

#include "bcsim/endpoints.h"
#include "bcsim/events.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::Pair;

constexpr const char* kOrigin = testing::kTestOrigin;

std::string Header(const ApiResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<none>";
}

World LoadText(const std::string& text) {
  StatusOr<ScenarioDocument> doc = ReadScenarioText(text, "test.yaml");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  StatusOr<World> w = LoadWorld(*doc, {});
  EXPECT_TRUE(w.ok()) << w.status().message();
  return w.ok() ? std::move(*w) : World{};
}

// True when the route table has a route for this path (placeholders still in it match any
// segment): the router's answer without running the handler.
bool Routed(const std::string& method, const std::string& path) {
  std::vector<std::string> rest;
  for (std::size_t start = path.find('/', 1); start != std::string::npos;) {
    const std::size_t end = path.find('/', start + 1);
    rest.push_back(path.substr(start + 1, end == std::string::npos ? end : end - start - 1));
    start = end;
  }
  std::string& last = rest.back();
  if (last.size() > 5 && last.compare(last.size() - 5, 5, ".json") == 0) last.resize(last.size() - 5);
  // As HandleApi: /buckets/{p}/... and the legacy /projects/{p}/recordings/... are in a bucket.
  const bool in_bucket = (rest.size() >= 3 && rest[0] == "buckets") ||
                         (rest.size() >= 4 && rest[0] == "projects" && rest[2] == "recordings");
  if (in_bucket) rest.erase(rest.begin(), rest.begin() + 2);
  api::PathArgs args;
  return api::MatchRoute(method, rest, in_bucket, &args) != nullptr;
}

class ApiTest : public testing::AcmeApiTest {
 protected:
  ApiResponse Call(const std::string& method, const std::string& path, const std::string& identity = "alice",
                   std::multimap<std::string, std::string> params = {}, const std::string& body = "") {
    return Handle(method, path, body, identity, std::move(params));
  }
  ApiResponse Get(const std::string& path, const std::string& identity = "alice",
                  std::multimap<std::string, std::string> params = {}) {
    return Call("GET", path, identity, std::move(params));
  }
  static std::vector<std::string> Titles(const ApiResponse& r) {
    std::vector<std::string> out;
    for (const auto& item : json::parse(r.body)) out.push_back(item.at("title").get<std::string>());
    return out;
  }
};

TEST_F(ApiTest, RecognisesApiPaths) {
  EXPECT_TRUE(IsApiPath("/4000001/projects.json"));
  EXPECT_FALSE(IsApiPath("/authorization.json"));
  EXPECT_FALSE(IsApiPath("/__bcsim/health"));
  EXPECT_FALSE(IsApiPath("/4000001"));
}

TEST_F(ApiTest, UnknownAccountIs404) {
  ApiResponse r = Get("/9999999/projects.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r), json({{"error", "Not Found"}}));
}

TEST_F(ApiTest, InactiveAccountIs404WithReason) {
  world_.accounts[0].inactive = true;
  ApiResponse r = Get("/4000001/projects.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Header(r, "Reason"), "Account Inactive");
}

TEST_F(ApiTest, ApiDisabledAccountIs404WithReason) {
  world_.accounts[0].api_disabled = true;
  ApiResponse r = Get("/4000001/my/profile.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Header(r, "Reason"), "API Disabled");
}

TEST_F(ApiTest, IdentityWithoutPersonInAccountIs404) {
  EXPECT_EQ(Get("/4000002/projects.json", "bob").status, 404);
  EXPECT_EQ(Get("/4000002/projects.json", "alice").status, 200);
  EXPECT_EQ(Get("/4000003/projects.json", "carol").status, 404);  // bcx: not on this API host
}

TEST_F(ApiTest, MyProfileIsThePersonInThisAccount) {
  json me = Body(Get("/4000001/my/profile.json"));
  EXPECT_EQ(me["id"], PersonId("alice"));
  EXPECT_EQ(me["name"], "Alice Adams");
  EXPECT_EQ(me["email_address"], "alice@acme.test");
  EXPECT_EQ(me["admin"], true);
  json globex = Body(Get("/4000002/my/profile.json"));
  EXPECT_EQ(globex["id"], StableId("person", "globex/alice-globex"));
}

TEST_F(ApiTest, PeopleAndPerson) {
  ApiResponse r = Get("/4000001/people.json");
  EXPECT_EQ(Header(r, "X-Total-Count"), "3");
  EXPECT_EQ(Body(r).size(), 3u);
  EXPECT_EQ(Body(Get("/4000001/people/" + std::to_string(PersonId("carol")) + ".json"))["personable_type"], "Client");
  EXPECT_EQ(Get("/4000001/people/1.json").status, 404);
  EXPECT_EQ(Body(Get("/4000001/projects/2000002/people.json")).size(), 1u);
}

TEST_F(ApiTest, ProjectsListsOnlyMemberProjectsByStatus) {
  std::vector<std::string> names;
  for (const auto& p : Body(Get("/4000001/projects.json", "bob"))) names.push_back(p["name"]);
  EXPECT_THAT(names, ElementsAre("Website relaunch"));
  json archived = Body(Get("/4000001/projects.json", "bob", {{"status", "archived"}}));
  ASSERT_EQ(archived.size(), 1u);
  EXPECT_EQ(archived[0]["name"], "Archive 2025");
  EXPECT_EQ(Body(Get("/4000001/projects.json", "alice")).size(), 2u);
}

TEST_F(ApiTest, NonMemberGets404ForProjectAndEverythingInside) {
  EXPECT_EQ(Get("/4000001/projects/2000002.json", "bob").status, 404);
  EXPECT_EQ(Get("/4000001/todosets/3000900.json", "bob").status, 404);
  EXPECT_EQ(Get("/4000001/todolists/3000004/todos.json", "bob").status, 404);
  EXPECT_EQ(Get("/4000001/todos/" + std::to_string(StableId("todo", "payroll")) + ".json", "bob").status, 404);
  EXPECT_EQ(Get("/4000001/todos/" + std::to_string(StableId("todo", "payroll")) + ".json", "alice").status, 200);
}

TEST_F(ApiTest, ProjectDockHasOneEntryPerTodoset) {
  json p = Body(Get("/4000001/projects/2000002.json"));
  // The message board, two to-do sets, then the other tools (api-facts.md §3.2).
  ASSERT_EQ(p["dock"].size(), 9u);
  EXPECT_EQ(p["dock"][0]["name"], "message_board");
  EXPECT_EQ(p["dock"][1]["name"], "todoset");
  EXPECT_EQ(p["dock"][1]["enabled"], false);
  EXPECT_TRUE(p["dock"][1]["position"].is_null());
  EXPECT_EQ(p["dock"][2]["id"], 3000900);
  EXPECT_EQ(p["dock"][2]["position"], 2);
  EXPECT_EQ(p["dock"][2]["url"], std::string(kOrigin) + "/4000001/buckets/2000002/todosets/3000900.json");
  std::vector<std::string> names;
  for (const json& e : p["dock"]) names.push_back(e["name"]);
  EXPECT_THAT(names, ElementsAre("message_board", "todoset", "todoset", "vault", "chat", "schedule",
                                 "questionnaire", "kanban_board", "inbox"));
  EXPECT_EQ(p["dock"][3]["position"], 3);
  EXPECT_EQ(p["dock"][8]["enabled"], false);  // Email Forwards are off unless the world enables them
  EXPECT_TRUE(p["dock"][8]["position"].is_null());
}

TEST_F(ApiTest, ListTodosDefaultIsActivePending) {
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000001/todos.json")),
              ElementsAre("Write copy", "Fix footer", "Review launch plan", "Pick a launch date"));
}

TEST_F(ApiTest, ListTodosCompletedAndStatusFilters) {
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000001/todos.json", "alice", {{"completed", "true"}})),
              ElementsAre("Old task"));
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000001/todos.json", "alice", {{"status", "archived"}})),
              ElementsAre("Shelved idea"));
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000001/todos.json", "alice", {{"status", "trashed"}})),
              ElementsAre("Gone"));
}

TEST_F(ApiTest, GroupTodosAreNotInTheParentListTodos) {
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000101/todos.json")), ElementsAre("Proofread", "Write headlines"));
  json groups = Body(Get("/4000001/todolists/3000001/groups.json"));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["id"], 3000101);
  EXPECT_TRUE(groups[0].contains("group_position_url"));
  EXPECT_FALSE(groups[0].contains("groups_url"));
  json list = Body(Get("/4000001/todolists/3000001.json"));
  EXPECT_TRUE(list.contains("groups_url"));
  EXPECT_FALSE(list.contains("group_position_url"));
  EXPECT_EQ(list["parent"]["type"], "Todoset");
}

TEST_F(ApiTest, TodolistsOfTodosetByStatus) {
  std::vector<std::string> names;
  for (const auto& l : Body(Get("/4000001/todosets/" + std::to_string(StableId("todoset", "website/todoset")) +
                                "/todolists.json"))) {
    names.push_back(l["name"]);
  }
  EXPECT_THAT(names, ElementsAre("Launch checklist", "Bugs"));
  json archived = Body(Get("/4000001/todosets/" + std::to_string(StableId("todoset", "website/todoset")) +
                           "/todolists.json", "alice", {{"status", "archived"}}));
  ASSERT_EQ(archived.size(), 1u);
  EXPECT_EQ(archived[0]["name"], "Last year's plan");
}

TEST_F(ApiTest, FlatAndBucketFormsGiveTheSameBody) {
  const std::string id = std::to_string(StableId("todo", "copy"));
  ApiResponse flat = Get("/4000001/todos/" + id + ".json");
  ApiResponse bucket = Get("/4000001/buckets/2000001/todos/" + id + ".json");
  EXPECT_EQ(flat.status, 200);
  EXPECT_EQ(flat.body, bucket.body);
  EXPECT_EQ(Get("/4000001/buckets/2000001/todolists/3000001/todos.json").body,
            Get("/4000001/todolists/3000001/todos.json").body);
  EXPECT_EQ(Get("/4000001/buckets/2000002/todos/" + id + ".json").status, 404);  // wrong bucket
}

TEST_F(ApiTest, TodoJsonShape) {
  json t = Body(Get("/4000001/todos/" + std::to_string(StableId("todo", "old-task")) + ".json"));
  EXPECT_EQ(t["type"], "Todo");
  EXPECT_EQ(t["completed"], true);
  EXPECT_EQ(t["completion"]["created_at"], "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(t["completion"]["creator"]["id"], PersonId("alice"));
  EXPECT_EQ(t["url"], std::string(kOrigin) + "/4000001/buckets/2000001/todos/" + std::to_string(t["id"].get<Id>()) + ".json");
  EXPECT_EQ(t["completion_url"], std::string(kOrigin) + "/4000001/todos/" + std::to_string(t["id"].get<Id>()) + "/completion.json");
  EXPECT_EQ(t["bucket"], json({{"id", 2000001}, {"name", "Website relaunch"}, {"type", "Project"}}));
  EXPECT_EQ(t["parent"]["id"], 3000001);
  EXPECT_TRUE(t["due_on"].is_null());
  json review = Body(Get("/4000001/todos/" + std::to_string(StableId("todo", "review")) + ".json"));
  EXPECT_EQ(review["assignees"].size(), 2u);
  EXPECT_EQ(review["due_on"], "2026-12-05");
  EXPECT_FALSE(review.contains("completion"));
}

TEST_F(ApiTest, MyAssignmentsListsActivePendingAssignedTodos) {
  json r = Body(Get("/4000001/my/assignments.json"));
  EXPECT_EQ(r["priorities"], json::array());
  std::vector<std::string> titles;
  for (const auto& a : r["non_priorities"]) titles.push_back(a["content"]);
  EXPECT_THAT(titles, ElementsAre("Write copy", "Review launch plan", "Proofread", "Run payroll"));
  EXPECT_EQ(r["non_priorities"][0]["type"], "todo");
  EXPECT_EQ(r["non_priorities"][0]["bucket"]["id"], 2000001);
}

TEST_F(ApiTest, AssignedReportForAPerson) {
  json r = Body(Get("/4000001/reports/todos/assigned/" + std::to_string(PersonId("bob")) + ".json"));
  EXPECT_EQ(r["person"]["id"], PersonId("bob"));
  EXPECT_EQ(r["grouped_by"], "bucket");
  std::vector<std::string> titles;
  for (const auto& t : r["todos"]) titles.push_back(t["title"]);
  EXPECT_THAT(titles, ElementsAre("Fix footer", "Review launch plan", "Write headlines", "Login button misaligned"));
}

TEST_F(ApiTest, AssignmentsAre404WhenAccountDoesNotServeThem) {
  world_.accounts[0].serves_my_assignments = false;
  ApiResponse r = Get("/4000001/my/assignments.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r), json({{"error", "Not Found"}}));
  EXPECT_EQ(Get("/4000001/reports/todos/assigned/" + std::to_string(PersonId("bob")) + ".json").status, 404);
}

TEST_F(ApiTest, RecordingsOfTypeTodoAcrossActiveProjects) {
  ApiResponse r = Get("/4000001/projects/recordings.json", "alice", {{"type", "Todo"}, {"bucket", "2000002"}});
  EXPECT_THAT(Titles(r), ElementsAre("Run payroll"));
  ApiResponse all = Get("/4000001/projects/recordings.json", "bob", {{"type", "Todo"}});
  // Website's active to-dos (completed included, the disabled/archived ones not).
  EXPECT_EQ(Header(all, "X-Total-Count"), "8");
  EXPECT_EQ(Get("/4000001/projects/recordings.json", "bob", {{"type", "Nope"}}).status, 400);
}

TEST_F(ApiTest, CompletionPostAndDeleteReturn204AndChangeTheTodo) {
  const std::string path = "/4000001/todos/" + std::to_string(StableId("todo", "footer")) + "/completion.json";
  ApiResponse done = Call("POST", path, "bob");
  EXPECT_EQ(done.status, 204);
  EXPECT_EQ(done.body, "");
  json t = Body(Get("/4000001/todos/" + std::to_string(StableId("todo", "footer")) + ".json", "bob"));
  EXPECT_EQ(t["completed"], true);
  EXPECT_EQ(t["completion"]["creator"]["id"], PersonId("bob"));
  EXPECT_EQ(t["updated_at"], "2026-12-01T09:00:01.000Z");
  EXPECT_EQ(Call("DELETE", "/4000001/buckets/2000001/todos/" + std::to_string(StableId("todo", "footer")) +
                              "/completion.json", "bob").status, 204);
  EXPECT_EQ(Body(Get("/4000001/todos/" + std::to_string(StableId("todo", "footer")) + ".json", "bob"))["completed"], false);
  EXPECT_EQ(Call("POST", "/4000001/todos/" + std::to_string(StableId("todo", "payroll")) + "/completion.json", "bob").status, 404);
}

TEST_F(ApiTest, TimesheetEntryCreated) {
  const std::string path = "/4000001/recordings/" + std::to_string(StableId("todo", "copy")) + "/timesheet/entries.json";
  ApiResponse r = Call("POST", path, "alice", {}, R"({"date":"2026-12-01","hours":"1:30","description":"Drafting"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json e = Body(r);
  EXPECT_EQ(e["hours"], "1.5");
  EXPECT_EQ(e["date"], "2026-12-01");
  EXPECT_EQ(e["type"], "Timesheet::Entry");
  EXPECT_EQ(e["person"]["id"], PersonId("alice"));
  EXPECT_EQ(e["parent"]["id"], StableId("todo", "copy"));
  EXPECT_EQ(world_.accounts[0].projects[0].timesheet_entries.size(), 1u);
  ApiResponse legacy = Call("POST", "/4000001/projects/2000001/recordings/" + std::to_string(StableId("todo", "copy")) +
                                        "/timesheet/entries.json", "alice", {}, R"({"date":"2026-12-02","hours":2})");
  EXPECT_EQ(legacy.status, 201);
  EXPECT_EQ(Body(legacy)["hours"], "2");
}

TEST_F(ApiTest, TimesheetEntryRejectsBadInputWith422) {
  const std::string path = "/4000001/recordings/" + std::to_string(StableId("todo", "copy")) + "/timesheet/entries.json";
  EXPECT_EQ(Call("POST", path, "alice", {}, R"({"date":"2026-12-01","hours":"abc"})").status, 422);
  EXPECT_EQ(Call("POST", path, "alice", {}, R"({"date":"2026-12-01","hours":"0"})").status, 422);
  EXPECT_EQ(Call("POST", path, "alice", {}, R"({"date":"2026-13-01","hours":"1"})").status, 422);
  ApiResponse client = Call("POST", path, "alice", {},
                            R"({"date":"2026-12-01","hours":"1","person_id":)" + std::to_string(PersonId("carol")) + "}");
  EXPECT_EQ(client.status, 422);
  EXPECT_TRUE(Body(client).contains("error"));
  EXPECT_EQ(Call("POST", path, "alice", {}, "not json").status, 400);
  EXPECT_TRUE(world_.accounts[0].projects[0].timesheet_entries.empty());
}

TEST_F(ApiTest, MalformedPathsAre404) {
  for (const char* path : {"/4000001/.json", "/4000001/buckets/x/todos/1.json", "/4000001/buckets/2000001/projects.json",
                           "/4000001/todos/99999999999999999999.json", "/0/projects.json", "/4000001/todos/-1.json",
                           "/4000001/buckets/2000001", "/4000001/my/profile.xml", "/4000001//projects.json"}) {
    EXPECT_EQ(Get(path).status, 404) << path;
  }
}

TEST_F(ApiTest, HugePageNumberIsAnEmptyPage) {
  ApiResponse r = Get("/4000001/projects.json", "alice", {{"page", "99999999"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "[]");
}

TEST_F(ApiTest, UnknownRoutesAre404) {
  EXPECT_EQ(Get("/4000001/nothing.json").status, 404);
  EXPECT_EQ(Get("/4000001/nothing").status, 404);
  EXPECT_EQ(Get("/4000001/projects.html").status, 404);
  EXPECT_EQ(Call("PUT", "/4000001/projects.json").status, 404);
}

std::string ManyTodosWorld(const std::string& limits) {
  std::string text = "basecamp:\n  identities: {a: {email: a@x.test, password: p}}\n  accounts:\n    acc:\n"
                     "      id: 77\n      people: {a: {identity: a}}\n      projects:\n        p:\n          id: 1001\n"
                     "          todolists:\n            l:\n              id: 2001\n              todos:\n";
  for (int i = 1; i <= 200; ++i) text += "                - {title: T" + std::to_string(i) + ", assignees: [a]}\n";
  return text + limits;
}

TEST(ApiPaginationTest, GearedPagesWithLinkAndTotalCount) {
  World w = LoadText(ManyTodosWorld(""));
  auto page = [&](int n) {
    std::multimap<std::string, std::string> params{{"status", "active"}};
    if (n > 0) params.emplace("page", std::to_string(n));
    return HandleApi(w, ApiRequest{"GET", "/77/todolists/2001/todos.json", params, "", kOrigin, 0, "a"});
  };
  const std::size_t sizes[] = {15, 30, 50, 100, 5};
  std::size_t seen = 0;
  for (int n = 1; n <= 5; ++n) {
    ApiResponse r = page(n == 1 ? 0 : n);
    json items = json::parse(r.body);
    ASSERT_EQ(items.size(), sizes[n - 1]) << "page " << n;
    EXPECT_EQ(items[0]["title"], "T" + std::to_string(seen + 1));
    seen += items.size();
    EXPECT_EQ(Header(r, "X-Total-Count"), "200");
    if (n < 5) {
      EXPECT_EQ(Header(r, "Link"), std::string("<") + kOrigin + "/77/todolists/2001/todos.json?page=" +
                                       std::to_string(n + 1) + "&status=active>; rel=\"next\"");
    } else {
      EXPECT_EQ(Header(r, "Link"), "<none>");
    }
  }
  EXPECT_EQ(seen, 200u);
  ApiResponse past = page(6);
  EXPECT_EQ(past.body, "[]");
  EXPECT_EQ(Header(past, "Link"), "<none>");
}

TEST(ApiPaginationTest, FixedPageSizeFromLimits) {
  World w = LoadText(ManyTodosWorld("  limits: {page_size: 20}\n"));
  ApiResponse r = HandleApi(w, ApiRequest{"GET", "/77/todolists/2001/todos.json", {{"page", "10"}}, "", kOrigin, 0, "a"});
  EXPECT_EQ(json::parse(r.body).size(), 20u);
  EXPECT_EQ(json::parse(r.body)[0]["title"], "T181");
  EXPECT_EQ(Header(r, "Link"), "<none>");
}

}  // namespace
}  // namespace bcsim

namespace bcsim {
namespace {

// Whatever the path, parameters or body, HandleApi answers with a status and JSON or nothing.
TEST_F(ApiTest, OddRequestsNeverCrash) {
  const std::vector<std::string> paths = {
      "/4000001/projects.json", "/4000001/todolists/3000001/todos.json", "/4000001/todos/3000001.json",
      "/4000001/todosets/3000900/todolists.json", "/4000001/recordings/1/timesheet/entries.json",
      "/4000001/todos/" + std::to_string(StableId("todo", "copy")) + "/completion.json",
      "/4000001/recordings/" + std::to_string(StableId("todo", "copy")) + "/timesheet/entries.json",
      "/4000001/projects/recordings.json", "/4000001/reports/todos/assigned/x.json", "/4000001/buckets/0/todos/0.json"};
  const std::vector<std::multimap<std::string, std::string>> params = {
      {}, {{"page", "-1"}}, {{"page", "abc"}}, {{"page", "0"}}, {{"status", "weird"}}, {{"type", "Todo"}, {"bucket", ",,x,"}},
      {{"completed", "true"}, {"status", "trashed"}}, {{"sort", "updated_at"}, {"direction", "asc"}, {"type", "Todo"}}};
  const std::vector<std::string> bodies = {"", "{}", "[]", "null", R"({"date":5,"hours":[1]})",
                                           R"({"date":"2026-12-01","hours":"25"})", R"({"date":"2026-12-01","hours":"1:75"})",
                                           R"({"date":"2026-12-01","hours":1e308})", R"({"date":"2026-12-01","hours":"1","person_id":"x"})",
                                           R"({"date":"2026-12-01","hours":"1","person_id":-3})"};
  for (const std::string method : {"GET", "POST", "DELETE", "HEAD", "PUT"}) {
    for (const auto& path : paths) {
      for (const auto& p : params) {
        for (const auto& body : bodies) {
          ApiResponse r = Call(method, path, "alice", p, body);
          EXPECT_GE(r.status, 200);
          EXPECT_LT(r.status, 500);
          if (!r.body.empty()) {
            EXPECT_FALSE(json::parse(r.body, nullptr, false).is_discarded()) << path;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace bcsim

namespace bcsim {
namespace {

// Every API template of ServedEndpoints(), with its placeholders filled from the acme world,
// reaches a handler (not the router's 404): the table the scenario checker trusts is true.
TEST_F(ApiTest, EveryListedEndpointIsRouted) {
  // The Account family's things to name (made first: a construction adds a project): a template and a construction, a webhook, a folder.
  auto made = [&](const std::string& path, const std::string& body) {
    ApiResponse r = Call("POST", path, "alice", {}, body);
    EXPECT_EQ(r.status, 201) << path << ": " << r.body;
    return std::to_string(Body(r)["id"].get<Id>());
  };
  const std::string template_id = made("/4000001/templates.json", R"({"name":"T"})");
  const std::string construction_id = made(
      "/4000001/templates/" + template_id + "/project_constructions.json", R"({"project":{"name":"P"}})");
  const std::string webhook_id = made("/4000001/buckets/2000001/webhooks.json",
                                      R"({"payload_url":"https://example.com/h"})");
  const std::string folder_id = made("/4000001/stacks.json", "{}");
  const Account& acc = world_.accounts.front();
  const Project* project = nullptr;
  for (const Project& p : acc.projects)
    if (!p.todosets.empty() && !p.todosets.front().todolists.empty() &&
        !p.todosets.front().todolists.front().todos.empty()) {
      project = &p;
      break;
    }
  ASSERT_NE(project, nullptr);
  const Todoset& set = project->todosets.front();
  const Todolist& list = set.todolists.front();
  const Todo& todo = list.todos.front();
  // A comment and a timesheet entry to name, made through the API.
  const std::string todo_id = std::to_string(todo.id);
  ApiResponse comment = Call("POST", "/4000001/recordings/" + todo_id + "/comments.json", "alice",
                             {}, R"({"content":"<p>Hi</p>"})");
  ASSERT_EQ(comment.status, 201) << comment.body;
  ApiResponse entry = Call("POST", "/4000001/recordings/" + todo_id + "/timesheet/entries.json",
                           "alice", {}, R"({"date":"2026-12-01","hours":"1"})");
  ASSERT_EQ(entry.status, 201) << entry.body;
  std::string tool_id;
  for (const Recording& r : project->recordings) {
    if (r.parent == 0 && r.type == "Message::Board") tool_id = std::to_string(r.id);
  }
  // A boost, a gauge needle and an event (the comment's) to name too.
  ApiResponse boost = Call("POST", "/4000001/recordings/" + todo_id + "/boosts.json", "alice", {},
                           R"({"content":"+1"})");
  ASSERT_EQ(boost.status, 201) << boost.body;
  ApiResponse needle = Call("POST", "/4000001/projects/" + std::to_string(project->id) +
                                        "/gauge/needles.json",
                            "alice", {}, R"({"gauge_needle":{"position":10}})");
  ASSERT_EQ(needle.status, 201) << needle.body;
  const json events = Body(Get("/4000001/recordings/" + todo_id + "/events.json"));
  ASSERT_FALSE(events.empty());
  const std::map<std::string, std::string> ids = {
      {"{templateId}", template_id}, {"{constructionId}", construction_id},
      {"{webhookId}", webhook_id},   {"{folderId}", folder_id},
      {"{toolId}", tool_id},         {"{bucketId}", std::to_string(project->id)},
      {"{boostId}", std::to_string(Body(boost)["id"].get<Id>())},
      {"{needleId}", std::to_string(Body(needle)["id"].get<Id>())},
      {"{eventId}", std::to_string(events[0]["id"].get<Id>())},
      {"{account}", std::to_string(acc.id)},     {"{projectId}", std::to_string(project->id)},
      {"{todosetId}", std::to_string(set.id)},   {"{todolistId}", std::to_string(list.id)},
      {"{id}", std::to_string(list.id)},         {"{todoId}", todo_id},
      {"{recordingId}", todo_id},
      {"{personId}", std::to_string(acc.people.front().id)},
      {"{commentId}", std::to_string(Body(comment)["id"].get<Id>())},
      {"{entryId}", std::to_string(Body(entry)["id"].get<Id>())},
      {"{groupId}", std::to_string(list.groups.front().id)}};
  int routed = 0;
  std::vector<std::string> last_deletes;
  for (const Endpoint& e : ServedEndpoints()) {
    if (e.part != "api") continue;
    std::string path = e.path;
    for (const auto& [name, id] : ids)
      for (std::size_t at; (at = path.find(name)) != std::string::npos;) path.replace(at, name.size(), id);
    if (path.find('{') != std::string::npos) {
      // A placeholder this world has no id for (a message, a chat line, ...): its family's
      // tests call it; here it is enough that the router knows the template.
      EXPECT_TRUE(Routed(e.method, path)) << e.method << " " << e.path;
      ++routed;
      continue;
    }
    // DELETE of the entry comes last: the table's order would otherwise remove it early.
    if (e.method == "DELETE" && e.path.find("timesheet_entries") != std::string::npos) continue;
    // So do the deletes that make their thing 404 afterwards (each form is called once below).
    bool gone_after = false;
    for (const char* p : {"/webhooks/{", "/stacks/{", "/templates/{templateId}", "/dock/tools/{"}) {
      gone_after = gone_after || (e.method == "DELETE" && e.path.find(p) != std::string::npos &&
                                  e.path.find("project_constructions") == std::string::npos);
    }
    if (gone_after) {
      last_deletes.push_back(path);
      continue;
    }
    // So do the boost's and the needle's (checked once, below).
    if (e.method == "DELETE" && (e.path.find("/boosts/") != std::string::npos ||
                                 e.path.find("/gauge_needles/") != std::string::npos)) {
      continue;
    }
    // {entryId} names the timesheet entry here, not a schedule entry, and client replies need a
    // client-visible recording: their own tests (work_test, content_test) route them.
    if (e.path.find("/schedule_entries/") != std::string::npos ||
        e.path.find("/client/recordings/") != std::string::npos) {
      continue;
    }
    ApiResponse r = Call(e.method, path, "alice", {}, R"({"date":"2026-12-01","hours":"1.0"})");
    EXPECT_NE(r.status, 404) << e.method << " " << path << " (" << e.path << ")";
    ++routed;
  }
  std::set<std::string> deleted_kinds;
  for (const std::string& path : last_deletes) {
    const std::string kind = path.substr(0, path.find_last_of('/'));
    if (!deleted_kinds.insert(kind.substr(kind.find_last_of('/'))).second) continue;  // once each
    EXPECT_NE(Call("DELETE", path, "alice").status, 404) << path;
    ++routed;
  }
  EXPECT_EQ(Call("DELETE", "/4000001/boosts/" + ids.at("{boostId}")).status, 204);
  EXPECT_EQ(Call("DELETE", "/4000001/gauge_needles/" + ids.at("{needleId}")).status, 204);
  EXPECT_GE(routed, 100);
  EXPECT_FALSE(Routed("GET", "/{account}/no_such_thing/{id}"));  // the helper can say no
  EXPECT_FALSE(Routed("GET", "/{account}/webhooks.json"));       // only under a bucket
}

}  // namespace
}  // namespace bcsim

namespace bcsim {
namespace {

// Writes on the recording model: create, replace, reposition, status, comments, events,
// timesheet entries. Each bad input gets Basecamp's status and changes nothing.
class ApiWriteTest : public ApiTest {
 protected:
  ApiResponse Write(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& identity = "alice") {
    return Call(method, path, identity, {}, body);
  }
  std::vector<std::string> Actions(const std::string& recording_id) {
    std::vector<std::string> out;
    ApiResponse r = Get("/4000001/recordings/" + recording_id + "/events.json");
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& e : Body(r)) out.push_back(e["action"]);
    return out;
  }
  static std::string Todo(const std::string& key) { return std::to_string(StableId("todo", key)); }
  // The path part of a url the API rendered.
  static std::string PathOf(const std::string& url) { return url.substr(std::strlen(kOrigin)); }
};

TEST_F(ApiWriteTest, CreateTodoIs201WithLocationAndShowsUpEverywhere) {
  const std::string bob = std::to_string(PersonId("bob"));
  ApiResponse r = Write("POST", "/4000001/todolists/3000001/todos.json",
                        R"({"content":"Ship it","description":"<p>Now</p>","assignee_ids":[)" +
                            bob + R"(],"due_on":"2026-12-24"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json t = Body(r);
  EXPECT_EQ(Header(r, "Location"), t["url"]);
  EXPECT_EQ(t["title"], "Ship it");
  EXPECT_EQ(t["parent"]["id"], 3000001);
  EXPECT_EQ(t["assignees"][0]["id"], PersonId("bob"));
  EXPECT_EQ(t["creator"]["id"], PersonId("alice"));
  EXPECT_EQ(t["position"], 8);
  EXPECT_EQ(Get(PathOf(t["url"])).body, r.body);
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000001/todos.json")),
              ElementsAre("Write copy", "Fix footer", "Review launch plan", "Pick a launch date",
                          "Ship it"));
  const std::string id = std::to_string(t["id"].get<Id>());
  EXPECT_THAT(Actions(id), ElementsAre("created", "assignment_changed"));
  json events = Body(Get("/4000001/recordings/" + id + "/events.json"));
  EXPECT_EQ(events[1]["details"]["added_person_ids"], json::array({PersonId("bob")}));
}

TEST_F(ApiWriteTest, CreateTodoRejectsBadInputAndChangesNothing) {
  const std::string path = "/4000001/todolists/3000001/todos.json";
  const World before = world_;
  EXPECT_EQ(Write("POST", path, R"({"description":"no content"})").status, 422);
  EXPECT_EQ(Write("POST", path, R"({"content":""})").status, 422);
  EXPECT_EQ(Write("POST", path, R"({"content":"x","assignee_ids":[1]})").status, 422);
  EXPECT_EQ(Write("POST", path, R"({"content":"x","due_on":"2026-02-30"})").status, 422);
  EXPECT_EQ(Write("POST", path, R"({"content":"x","starts_on":"2026-12-09","due_on":"2026-12-01"})")
                .status, 422);
  ApiResponse bad = Write("POST", path, "nope");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Body(bad).contains("error"));
  EXPECT_EQ(Write("POST", "/4000001/todolists/3000004/todos.json", R"({"content":"x"})", "bob")
                .status, 404);  // not a member
  EXPECT_EQ(world_.accounts[0].projects[0].todosets[0].todolists[0].todos.size(),
            before.accounts[0].projects[0].todosets[0].todolists[0].todos.size());
  EXPECT_TRUE(world_.accounts[0].projects[0].events.empty());
}

TEST_F(ApiWriteTest, ReplaceTodoClearsWhatTheBodyOmits) {
  const std::string path = "/4000001/todos/" + Todo("review") + ".json";
  ApiResponse r = Write("PUT", path, R"({"content":"Review the plan"})");
  ASSERT_EQ(r.status, 200) << r.body;
  json t = Body(r);
  EXPECT_EQ(t["title"], "Review the plan");
  EXPECT_EQ(t["assignees"], json::array());  // bc-api #174: omitted assignee_ids unassign
  EXPECT_TRUE(t["due_on"].is_null());
  EXPECT_EQ(t["updated_at"], "2026-12-01T09:00:01.000Z");
  EXPECT_EQ(Body(Get(path))["title"], "Review the plan");
  EXPECT_THAT(Actions(Todo("review")),
              ElementsAre("title_changed", "due_date_changed", "assignment_changed"));
  EXPECT_EQ(Write("PUT", path, R"({"description":"x"})").status, 422);
  EXPECT_EQ(Body(Get(path))["title"], "Review the plan");
}

TEST_F(ApiWriteTest, RepositionTodoWithinAndAcrossLists) {
  const std::string path = "/4000001/todos/" + Todo("unassigned") + "/position.json";
  ApiResponse r = Write("PUT", path, R"({"position":1})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000001/todos.json")),
              ElementsAre("Pick a launch date", "Write copy", "Fix footer", "Review launch plan"));
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("unassigned") + ".json"))["position"], 1);
  EXPECT_EQ(Write("PUT", path, R"({"position":0})").status, 422);
  EXPECT_EQ(Write("PUT", path, R"({"position":99})").status, 422);
  EXPECT_EQ(Write("PUT", path, R"({"position":"1"})").status, 422);
  // A list of another project:
  EXPECT_EQ(Write("PUT", path, R"({"position":1,"parent_id":3000004})").status, 422);
  ASSERT_EQ(Write("PUT", path, R"({"position":2,"parent_id":3000101})").status, 200);
  EXPECT_THAT(Titles(Get("/4000001/todolists/3000101/todos.json")),
              ElementsAre("Proofread", "Pick a launch date", "Write headlines"));
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("unassigned") + ".json"))["parent"]["id"], 3000101);
  EXPECT_THAT(Actions(Todo("unassigned")), ElementsAre("repositioned", "adopted"));
}

TEST_F(ApiWriteTest, ArchiveTrashAndUnarchiveThroughRecordingStatus) {
  ASSERT_EQ(Write("PUT", "/4000001/recordings/3000002/status/archived.json", "").status, 204);
  const std::string set = std::to_string(StableId("todoset", "website/todoset"));
  EXPECT_EQ(Body(Get("/4000001/todosets/" + set + "/todolists.json")).size(), 1u);
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("bug-login") + ".json"))["status"], "archived");
  EXPECT_THAT(Actions(Todo("bug-login")), ElementsAre());  // one event, for the list only
  ASSERT_EQ(Write("PUT", "/4000001/buckets/2000001/recordings/3000002/status/active.json", "")
                .status, 204);
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("bug-login") + ".json"))["status"], "active");
  EXPECT_THAT(Actions("3000002"), ElementsAre("archived", "unarchived"));
  ASSERT_EQ(Write("PUT", "/4000001/recordings/" + Todo("copy") + "/status/trashed.json", "")
                .status, 204);
  EXPECT_THAT(
      Titles(Get("/4000001/todolists/3000001/todos.json", "alice", {{"status", "trashed"}})),
      ElementsAre("Write copy", "Gone"));
  EXPECT_EQ(Write("PUT", "/4000001/recordings/3000004/status/trashed.json", "", "bob").status, 404);
  EXPECT_EQ(Write("PUT", "/4000001/recordings/" + Todo("footer") + "/status/trashed.json", "",
                  "carol").status, 403);  // a client, not the creator
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("footer") + ".json"))["status"], "active");
  EXPECT_EQ(Write("PUT", "/4000001/recordings/" + set + "/status/trashed.json", "").status, 422);
}

TEST_F(ApiWriteTest, CommentsOnAnyRecording) {
  const std::string on_todo = "/4000001/recordings/" + Todo("copy") + "/comments.json";
  ApiResponse r = Write("POST", on_todo, R"({"content":"<p>Draft is up</p>"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json c = Body(r);
  EXPECT_EQ(Header(r, "Location"), c["url"]);
  EXPECT_EQ(c["parent"]["id"], StableId("todo", "copy"));
  EXPECT_EQ(c["parent"]["type"], "Todo");
  EXPECT_EQ(c["content"], "<p>Draft is up</p>");
  EXPECT_EQ(Get(PathOf(c["url"])).body, r.body);
  EXPECT_EQ(Body(Get(on_todo)).size(), 1u);
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("copy") + ".json"))["comments_count"], 1);
  EXPECT_EQ(Write("POST", "/4000001/recordings/3000001/comments.json", R"({"content":"a"})").status,
            201);
  EXPECT_EQ(Body(Get("/4000001/todolists/3000001.json"))["comments_count"], 1);

  const std::string path = PathOf(c["url"]);
  EXPECT_EQ(Write("PUT", path, R"({"content":"<p>mine now</p>"})", "bob").status, 403);
  EXPECT_EQ(Write("PUT", path, R"({"content":""})").status, 422);
  ApiResponse edited = Write("PUT", path, R"({"content":"<p>Final draft</p>"})");
  ASSERT_EQ(edited.status, 200);
  EXPECT_EQ(Body(Get(path))["content"], "<p>Final draft</p>");
  EXPECT_THAT(Actions(Todo("copy")), ElementsAre("comment_created"));
  EXPECT_THAT(Actions(std::to_string(c["id"].get<Id>())),
              ElementsAre("created", "content_changed"));
  ASSERT_EQ(Write("PUT", "/4000001/recordings/" + std::to_string(c["id"].get<Id>()) +
                             "/status/trashed.json", "").status, 204);
  EXPECT_EQ(Body(Get(on_todo)).size(), 0u);
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("copy") + ".json"))["comments_count"], 0);
  EXPECT_EQ(Write("POST", on_todo, R"({"content":"x"})", "bob").status, 201);
  EXPECT_EQ(Write("POST", "/4000001/recordings/3000004/comments.json", R"({"content":"x"})", "bob")
                .status, 404);
}

TEST_F(ApiWriteTest, CommentsAndEntriesAreVisibleOnlyWhereTheirRecordingIs) {
  ApiResponse c = Write("POST", "/4000001/recordings/" + Todo("payroll") + "/comments.json",
                        R"({"content":"<p>Paid</p>"})");
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string path = PathOf(Body(c)["url"]);
  EXPECT_EQ(Get(path).status, 200);
  EXPECT_EQ(Get(path, "bob").status, 404);  // bob is not on Internal ops
  EXPECT_EQ(Get("/4000001/recordings/" + std::to_string(Body(c)["id"].get<Id>()) +
                    "/events.json", "bob").status, 404);
  world_.accounts[0].projects[1].todosets[1].enabled = false;  // the set holding payroll
  EXPECT_EQ(Get(path).status, 404);
}

TEST_F(ApiWriteTest, TimesheetEntriesListGetUpdateDelete) {
  const std::string todo = Todo("copy");
  ApiResponse r = Write("POST", "/4000001/recordings/" + todo + "/timesheet/entries.json",
                        R"({"date":"2026-12-01","hours":"1:30","description":"Drafting"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json e = Body(r);
  EXPECT_EQ(Header(r, "Location"), e["url"]);
  const std::string path = PathOf(e["url"]);
  EXPECT_EQ(Get(path).body, r.body);
  ASSERT_EQ(Write("POST", "/4000001/recordings/" + Todo("footer") + "/timesheet/entries.json",
                  R"({"date":"2026-11-20","hours":"2"})", "bob").status, 201);
  EXPECT_EQ(Body(Get("/4000001/recordings/" + todo + "/timesheet.json")).size(), 1u);
  EXPECT_EQ(Body(Get("/4000001/projects/2000001/timesheet.json")).size(), 2u);
  EXPECT_EQ(Body(Get("/4000001/reports/timesheet.json", "alice",
                     {{"start_date", "2026-11-25"}, {"end_date", "2026-12-31"}})).size(), 1u);
  EXPECT_EQ(Body(Get("/4000001/reports/timesheet.json", "alice",
                     {{"person_id", std::to_string(PersonId("bob"))}}))[0]["hours"], "2");
  EXPECT_EQ(Get("/4000001/reports/timesheet.json", "alice", {{"start_date", "soon"}}).status, 400);

  EXPECT_EQ(Write("PUT", path, R"({"hours":"3"})", "bob").status, 403);  // not his entry
  EXPECT_EQ(Write("PUT", path, R"({"hours":"25"})").status, 422);
  ApiResponse put = Write("PUT", path, R"({"hours":"2.25"})");
  ASSERT_EQ(put.status, 200);
  EXPECT_EQ(Body(put)["hours"], "2.25");
  EXPECT_EQ(Body(put)["description"], "Drafting");  // a partial update keeps the rest
  EXPECT_EQ(Body(Get(path))["hours"], "2.25");
  EXPECT_EQ(Call("DELETE", path, "bob").status, 403);
  EXPECT_EQ(Call("DELETE", path).status, 204);
  EXPECT_EQ(Get(path).status, 404);
  EXPECT_EQ(Body(Get("/4000001/projects/2000001/timesheet.json")).size(), 1u);
}

TEST_F(ApiWriteTest, ListCreateAndReplace) {
  const std::string set = std::to_string(StableId("todoset", "website/todoset"));
  ApiResponse r = Write("POST", "/4000001/buckets/2000001/todosets/" + set + "/todolists.json",
                        R"({"name":"Launch day","description":"<p>The day</p>"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json l = Body(r);
  EXPECT_EQ(Header(r, "Location"), l["url"]);
  EXPECT_EQ(l["parent"]["type"], "Todoset");
  EXPECT_EQ(Body(Get("/4000001/todosets/" + set + "/todolists.json")).size(), 3u);
  const std::string path = PathOf(l["url"]);
  ASSERT_EQ(Write("POST", path.substr(0, path.size() - 5) + "/todos.json", R"({"content":"Go"})")
                .status, 201);
  ApiResponse put = Write("PUT", path, R"({"name":"Launch night"})");
  ASSERT_EQ(put.status, 200);
  EXPECT_EQ(Body(put)["description"], "");  // omitted: cleared
  EXPECT_EQ(Body(Get(path))["name"], "Launch night");
  EXPECT_EQ(Write("PUT", path, R"({"description":"no name"})").status, 422);
  EXPECT_EQ(Write("POST", "/4000001/todosets/" + set + "/todolists.json", R"({"name":"x"})",
                  "carol").status, 403);
  EXPECT_EQ(Write("POST", "/4000001/todosets/" + set + "/todolists.json", R"({})").status, 422);
  EXPECT_EQ(Body(Get("/4000001/todosets/" + set + "/todolists.json")).size(), 3u);
}

TEST_F(ApiWriteTest, GroupsAreCreatedInAListAndListsAndGroupsReposition) {
  ApiResponse r = Write("POST", "/4000001/todolists/3000001/groups.json", R"({"name":"Visuals"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json g = Body(r);
  EXPECT_EQ(g["parent"]["id"], 3000001);
  EXPECT_TRUE(g.contains("group_position_url"));
  EXPECT_EQ(Write("POST", "/4000001/todolists/3000101/groups.json", R"({"name":"x"})").status,
            404);  // groups are one level deep
  const std::string gid = std::to_string(g["id"].get<Id>());
  ASSERT_EQ(Write("PUT", "/4000001/todolists/groups/" + gid + "/position.json",
                  R"({"position":1})").status, 200);
  std::vector<Id> groups;
  for (const auto& x : Body(Get("/4000001/todolists/3000001/groups.json"))) {
    groups.push_back(x["id"]);
  }
  EXPECT_THAT(groups, ElementsAre(g["id"].get<Id>(), 3000101));
  ASSERT_EQ(Write("PUT", "/4000001/todosets/todolists/3000002/position.json", R"({"position":1})")
                .status, 204);
  const std::string set = std::to_string(StableId("todoset", "website/todoset"));
  std::vector<std::string> names;
  for (const auto& l : Body(Get("/4000001/todosets/" + set + "/todolists.json"))) {
    names.push_back(l["name"]);
  }
  EXPECT_THAT(names, ElementsAre("Bugs", "Launch checklist"));
  EXPECT_EQ(Write("PUT", "/4000001/todosets/todolists/3000101/position.json", R"({"position":1})")
                .status, 404);  // a group is not a list of the set
}

// The official SDK's own path forms, which the document does not write and Rails serves:
// DELETE todos/{id} (trash), GET recordings/{id} (any type), PUT todolists/{id}/position.json.
TEST_F(ApiWriteTest, TheSdkPathFormsReuseTheDocumentedHandlers) {
  const json todo = Body(Get("/4000001/recordings/" + Todo("footer") + ".json"));
  EXPECT_EQ(todo, Body(Get("/4000001/todos/" + Todo("footer") + ".json")));
  EXPECT_EQ(Body(Get("/4000001/recordings/3000001"))["type"], "Todolist");
  EXPECT_EQ(Get("/4000001/recordings/1").status, 404);
  EXPECT_EQ(Get("/4000001/recordings/3000004", "bob").status, 404);  // not bob's project
  EXPECT_EQ(Write("DELETE", "/4000001/todos/" + Todo("footer"), "", "carol").status, 403);
  ASSERT_EQ(Write("DELETE", "/4000001/todos/" + Todo("footer"), "").status, 204);
  EXPECT_EQ(Body(Get("/4000001/todos/" + Todo("footer") + ".json"))["status"], "trashed");
  EXPECT_THAT(Actions(Todo("footer")), ElementsAre("trashed"));
  EXPECT_EQ(Write("DELETE", "/4000001/todos/1", "").status, 404);
  // A group answers 200 and a list 204, as their documented forms do; a to-do is neither.
  EXPECT_EQ(Write("PUT", "/4000001/todolists/3000101/position.json", R"({"position":1})").status,
            200);
  EXPECT_EQ(Write("PUT", "/4000001/todolists/3000002/position.json", R"({"position":1})").status,
            204);
  EXPECT_EQ(Body(Get("/4000001/todolists/3000002.json"))["position"], 1);
  EXPECT_EQ(
      Write("PUT", "/4000001/todolists/" + Todo("copy") + "/position.json", R"({"position":1})")
          .status,
      404);
  EXPECT_EQ(Write("PUT", "/4000001/todolists/3000002/position.json", R"({"position":0})").status,
            422);
}

TEST_F(ApiWriteTest, SubscribersAreCreatorAndAssigneesUntilChanged) {
  const std::string path = "/4000001/recordings/" + Todo("review") + "/subscription.json";
  json s = Body(Get(path));
  EXPECT_EQ(s["subscribed"], true);  // alice is an assignee
  EXPECT_EQ(s["count"], 2);
  EXPECT_EQ(Call("DELETE", path).status, 204);
  EXPECT_EQ(Body(Get(path))["subscribed"], false);
  EXPECT_EQ(Body(Get(path))["count"], 1);
  EXPECT_EQ(Body(Write("POST", path, ""))["subscribed"], true);
  const std::string bob = std::to_string(PersonId("bob"));
  EXPECT_EQ(Body(Write("PUT", path, R"({"unsubscriptions":[)" + bob + "]}"))["count"], 1);
  EXPECT_EQ(Write("PUT", path, R"({"subscriptions":[12]})").status, 422);
  EXPECT_EQ(Body(Get(path))["count"], 1);
  EXPECT_THAT(Actions(Todo("review")),
              ElementsAre("subscribers_changed", "subscribers_changed", "subscribers_changed"));
}

TEST_F(ApiWriteTest, ProjectTimelineAndEverythingCommentsFollowTheWrites) {
  EXPECT_EQ(Get("/4000001/projects/2000001/timeline.json").body, "[]");
  ASSERT_EQ(Call("POST", "/4000001/todos/" + Todo("copy") + "/completion.json").status, 204);
  ASSERT_EQ(Write("POST", "/4000001/recordings/" + Todo("copy") + "/comments.json",
                  R"({"content":"<p>Done</p>"})", "bob").status, 201);
  json timeline = Body(Get("/4000001/projects/2000001/timeline.json"));
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[0]["kind"], "comment_created");
  EXPECT_EQ(timeline[0]["parent_recording_id"], StableId("todo", "copy"));
  EXPECT_EQ(timeline[1]["kind"], "todo_completed");
  EXPECT_EQ(timeline[1]["creator"]["id"], PersonId("alice"));
  EXPECT_EQ(Get("/4000001/projects/2000002/timeline.json", "bob").status, 404);
  json comments = Body(Get("/4000001/comments.json"));
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0]["creator"]["id"], PersonId("bob"));
}

TEST_F(ApiWriteTest, AssignablePeopleAreTheAccountsNonClients) {
  std::vector<std::string> names;
  for (const auto& p : Body(Get("/4000001/reports/todos/assigned.json"))) {
    names.push_back(p["name"]);
  }
  EXPECT_THAT(names, ElementsAre("Alice Adams", "Bob Brown"));
  world_.accounts[0].serves_my_assignments = false;
  EXPECT_EQ(Get("/4000001/reports/todos/assigned.json").status, 404);
}

TEST_F(ApiWriteTest, TheDocumentFormWithoutJsonIsServedLikeTheJsonForm) {
  EXPECT_EQ(Get("/4000001/todos/" + Todo("copy")).body,
            Get("/4000001/todos/" + Todo("copy") + ".json").body);
  EXPECT_EQ(Get("/4000001/buckets/2000001/todolists/3000001/todos").body,
            Get("/4000001/todolists/3000001/todos.json").body);
  EXPECT_EQ(Get("/4000001/projects").status, 200);
}

// ServedEndpoints is the route table: every route, in the document's form, the other form and
// (bucket-scoped ones) under /buckets/{projectId}.
TEST(ServedEndpointsTest, ListsEveryRouteOfTheTableInEveryForm) {
  std::set<std::string> listed;
  for (const Endpoint& e : ServedEndpoints()) listed.insert(e.method + " " + e.path);
  EXPECT_TRUE(listed.count("GET /{account}/todos/{todoId}"));
  EXPECT_TRUE(listed.count("GET /{account}/todos/{todoId}.json"));
  EXPECT_TRUE(listed.count("GET /{account}/buckets/{projectId}/todos/{todoId}.json"));
  EXPECT_TRUE(listed.count("PUT /{account}/timesheet_entries/{entryId}"));
  EXPECT_TRUE(listed.count(
      "POST /{account}/projects/{projectId}/recordings/{recordingId}/timesheet/entries.json"));
  EXPECT_FALSE(listed.count("GET /{account}/buckets/{projectId}/projects.json"));
}

}  // namespace
}  // namespace bcsim
