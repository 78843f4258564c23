// Drives every API endpoint through HandleApi on fixtures/worlds/acme.yaml and validates each
// body against the response schema the official OpenAPI document gives for that operation and
// status (bucket-scoped paths map to the flat ones).
//
// OpenAPI 3.1 tolerance: `nullable: true` becomes a `null` alternative of `type`; `x-*` keys
// and unknown formats (`password`) are ignored by valijson. One documented gap is patched:
// DockItem.position is null for disabled tools (api-facts.md §3.2) but the schema types it as
// a plain integer.
#include <gtest/gtest.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "api/api.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;

void AllowNullable(json& node) {
  if (node.is_object()) {
    if (node.value("nullable", false) && node.contains("type") && node["type"].is_string()) {
      node["type"] = json::array({node["type"], "null"});
    }
    for (auto& [_, child] : node.items()) AllowNullable(child);
  } else if (node.is_array()) {
    for (auto& child : node) AllowNullable(child);
  }
}

std::vector<std::string> Segments(std::string path) {
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) path.resize(path.size() - 5);
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

std::string PointerEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

class OpenApi {
 public:
  static OpenApi& Get() {
    static OpenApi* instance = new OpenApi();
    return *instance;
  }

  // True when the operation documents this 2xx status with no body (e.g. RepositionTodo's 200).
  bool DocumentsNoBody(const std::string& method, const std::string& path, int status) const {
    const std::string templ = TemplateFor(method, path);
    if (templ.empty() || status < 200 || status > 299) return false;
    const json& responses = doc_["paths"][templ][Lower(method)]["responses"];
    const std::string code = std::to_string(status);
    return responses.contains(code) && !responses[code].contains("content");
  }

  // The document's path template for this request ("" when none).
  std::string TemplateFor(const std::string& method, const std::string& path) const {
    const std::vector<std::string> given = Segments(path);
    std::vector<std::string> want = given;
    // Bucket-scoped and legacy project-scoped recording paths map to the flat forms (unless
    // the document writes the operation under /buckets/ only: then the path is taken as is).
    if (want.size() > 3 && want[1] == "buckets") want.erase(want.begin() + 1, want.begin() + 3);
    if (want.size() > 4 && want[1] == "projects" && want[3] == "recordings") want.erase(want.begin() + 1, want.begin() + 3);
    std::string best = BestTemplate(method, want);
    if (best.empty() && want != given) best = BestTemplate(method, given);
    return best;
  }

  std::string BestTemplate(const std::string& method, const std::vector<std::string>& want) const {
    std::string best;
    int best_literals = -1;
    for (const auto& [templ, ops] : doc_["paths"].items()) {
      std::vector<std::string> have = Segments(templ);
      if (have.size() != want.size()) continue;
      int literals = 0;
      bool match = true;
      for (std::size_t i = 0; i < have.size() && match; ++i) {
        if (have[i].front() == '{') continue;
        match = have[i] == want[i];
        ++literals;
      }
      if (match && literals > best_literals && ops.contains(Lower(method))) {
        best = templ;
        best_literals = literals;
      }
    }
    return best;
  }

  // "#/..." pointer of the response schema for this request, or "" when none applies.
  std::string SchemaFor(const std::string& method, const std::string& path, int status) const {
    const std::string best = TemplateFor(method, path);
    if (best.empty()) return "";
    const json& responses = doc_["paths"][best][Lower(method)]["responses"];
    const std::string code = std::to_string(status);
    if (responses.contains(code) && responses[code].contains("content")) {
      return "#/paths/" + PointerEscape(best) + "/" + Lower(method) + "/responses/" + code +
             "/content/application~1json/schema";
    }
    if (status == 404) return "#/components/schemas/NotFoundErrorResponseContent";
    if (status == 422) return "#/components/schemas/ValidationErrorResponseContent";
    if (status == 400) return "#/components/schemas/BadRequestErrorResponseContent";
    return "";
  }

  // Validation errors of `body` against the schema at `pointer` (empty when valid).
  std::vector<std::string> Validate(const std::string& pointer, const json& body) {
    auto it = schemas_.find(pointer);
    if (it == schemas_.end()) {
      json root = doc_;
      root["$ref"] = pointer;
      auto schema = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser;
      valijson::adapters::NlohmannJsonAdapter adapter(root);
      parser.populateSchema(adapter, *schema);
      it = schemas_.emplace(pointer, std::move(schema)).first;
    }
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(body);
    std::vector<std::string> errors;
    if (!validator.validate(*it->second, target, &results)) {
      valijson::ValidationResults::Error error;
      while (results.popError(error)) {
        std::string where;
        for (const auto& p : error.context) where += p;
        errors.push_back(where + ": " + error.description);
      }
    }
    return errors;
  }

 private:
  OpenApi() {
    std::ifstream in(BCSIM_OPENAPI_JSON);
    doc_ = json::parse(in);
    AllowNullable(doc_);
    doc_["components"]["schemas"]["DockItem"]["properties"]["position"]["type"] = json::array({"integer", "null"});
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  json doc_;
  std::map<std::string, std::unique_ptr<valijson::Schema>> schemas_;
};

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<ScenarioDocument> doc = ReadScenarioFile(BCSIM_FIXTURES_DIR "/worlds/acme.yaml");
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    StatusOr<World> w = LoadWorld(*doc, {{"tracker", "http://t"}});
    ASSERT_TRUE(w.ok()) << w.status().message();
    world_ = std::move(*w);
  }

  // Calls the API and checks the body against the operation's schema for the status it got.
  ApiResponse Check(const std::string& method, const std::string& path, int expected_status,
                    std::multimap<std::string, std::string> params = {}, const std::string& body = "",
                    const std::string& identity = "alice") {
    ApiRequest req{method, path, std::move(params), body, "http://127.0.0.1:4567", kDefaultStartTime, identity};
    ApiResponse r = HandleApi(world_, req);
    EXPECT_EQ(r.status, expected_status) << method << " " << path << ": " << r.body;
    if (r.status == 204 || OpenApi::Get().DocumentsNoBody(method, path, r.status)) {
      EXPECT_EQ(r.body, "") << path;
      return r;
    }
    const std::string pointer = OpenApi::Get().SchemaFor(method, path, r.status);
    EXPECT_FALSE(pointer.empty()) << "no schema for " << method << " " << path << " " << r.status;
    if (pointer.empty()) return r;
    json parsed = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << path;
    for (const std::string& e : OpenApi::Get().Validate(pointer, parsed)) {
      ADD_FAILURE() << method << " " << path << " (" << pointer << "): " << e;
    }
    ++checked_;
    return r;
  }
  static std::string Id(const std::string& kind, const std::string& key) { return std::to_string(StableId(kind, key)); }

  World world_;
  int checked_ = 0;
};

TEST_F(OpenApiTest, MapsPathsToOperations) {
  EXPECT_EQ(OpenApi::Get().SchemaFor("GET", "/1/buckets/2/todos/3.json", 200),
            "#/paths/~1{accountId}~1todos~1{todoId}/get/responses/200/content/application~1json/schema");
  EXPECT_EQ(OpenApi::Get().SchemaFor("GET", "/1/projects/recordings.json", 200),
            "#/paths/~1{accountId}~1projects~1recordings.json/get/responses/200/content/application~1json/schema");
}

TEST_F(OpenApiTest, RejectsADeliberatelyWrongBody) {
  const std::string todo = OpenApi::Get().SchemaFor("GET", "/1/todos/3.json", 200);
  ApiRequest req{"GET", "/4000001/todos/" + Id("todo", "copy") + ".json", {}, "", "http://x", 0, "alice"};
  json good = json::parse(HandleApi(world_, req).body);
  EXPECT_TRUE(OpenApi::Get().Validate(todo, good).empty());
  json bad = good;
  bad["id"] = "not-a-number";
  EXPECT_FALSE(OpenApi::Get().Validate(todo, bad).empty());
  json missing = good;
  missing.erase("bucket");
  EXPECT_FALSE(OpenApi::Get().Validate(todo, missing).empty());
  json bad_assignee = good;
  bad_assignee["assignees"][0].erase("id");
  EXPECT_FALSE(OpenApi::Get().Validate(todo, bad_assignee).empty());
  EXPECT_FALSE(OpenApi::Get().Validate("#/components/schemas/NotFoundErrorResponseContent", json{{"status", 404}}).empty());

  // Nested items of a collection and of the dock are checked too.
  const std::string list = OpenApi::Get().SchemaFor("GET", "/1/todolists/2/todos.json", 200);
  json todos = json::array({good});
  EXPECT_TRUE(OpenApi::Get().Validate(list, todos).empty());
  todos[0]["creator"]["name"] = 7;
  EXPECT_FALSE(OpenApi::Get().Validate(list, todos).empty());
  const std::string project = OpenApi::Get().SchemaFor("GET", "/1/projects/2.json", 200);
  ApiRequest preq{"GET", "/4000001/projects/2000002.json", {}, "", "http://x", 0, "alice"};
  json p = json::parse(HandleApi(world_, preq).body);
  EXPECT_TRUE(OpenApi::Get().Validate(project, p).empty());
  p["dock"][1]["enabled"] = "no";
  EXPECT_FALSE(OpenApi::Get().Validate(project, p).empty());
}

TEST_F(OpenApiTest, PeopleAndProjectsValidate) {
  Check("GET", "/4000001/my/profile.json", 200);
  Check("GET", "/4000001/people.json", 200);
  Check("GET", "/4000001/people/" + Id("person", "acme/bob") + ".json", 200);
  Check("GET", "/4000001/people/1.json", 404);
  Check("GET", "/4000001/projects/2000001/people.json", 200);
  Check("GET", "/4000001/projects.json", 200);
  Check("GET", "/4000001/projects.json", 200, {{"status", "archived"}});
  Check("GET", "/4000001/projects.json", 200, {{"status", "trashed"}});  // empty page
  Check("GET", "/4000001/projects/2000001.json", 200);
  Check("GET", "/4000001/projects/2000002.json", 200);  // disabled to-do set in the dock
  Check("GET", "/4000001/projects/2000002.json", 404, {}, "", "bob");
  Check("GET", "/9999/projects.json", 404);
}

TEST_F(OpenApiTest, TodosetsListsGroupsAndTodosValidate) {
  const std::string set = Id("todoset", "website/todoset");
  for (const std::string prefix : {"/4000001", "/4000001/buckets/2000001"}) {
    Check("GET", prefix + "/todosets/" + set + ".json", 200);
    Check("GET", prefix + "/todosets/" + set + "/todolists.json", 200);
    Check("GET", prefix + "/todosets/" + set + "/todolists.json", 200, {{"status", "archived"}});
    Check("GET", prefix + "/todolists/3000001.json", 200);
    Check("GET", prefix + "/todolists/3000101.json", 200);  // a group
    Check("GET", prefix + "/todolists/3000001/groups.json", 200);
    Check("GET", prefix + "/todolists/3000001/todos.json", 200);
    Check("GET", prefix + "/todolists/3000001/todos.json", 200, {{"completed", "true"}});
    Check("GET", prefix + "/todolists/3000001/todos.json", 200, {{"status", "trashed"}});
    Check("GET", prefix + "/todolists/3000001/todos.json", 200, {{"page", "9"}});  // past the end
    Check("GET", prefix + "/todolists/3000101/todos.json", 200);
    Check("GET", prefix + "/todos/" + Id("todo", "old-task") + ".json", 200);  // completed
    Check("GET", prefix + "/todos/" + Id("todo", "review") + ".json", 200);    // two assignees, dates
    Check("GET", prefix + "/todos/" + Id("todo", "unassigned") + ".json", 200);
    Check("GET", prefix + "/todos/1.json", 404);
  }
  Check("GET", "/4000001/todosets/3000900.json", 200);
  Check("GET", "/4000001/todosets/3000900/todolists.json", 200);
}

TEST_F(OpenApiTest, AssignmentsReportsAndRecordingsValidate) {
  Check("GET", "/4000001/my/assignments.json", 200);
  Check("GET", "/4000001/reports/todos/assigned/" + Id("person", "acme/bob") + ".json", 200);
  Check("GET", "/4000001/reports/todos/assigned/" + Id("person", "acme/bob") + ".json", 200, {{"group_by", "date"}});
  Check("GET", "/4000001/projects/recordings.json", 200, {{"type", "Todo"}});
  Check("GET", "/4000001/projects/recordings.json", 200, {{"type", "Todo"}, {"status", "archived"}, {"sort", "updated_at"}});
  Check("GET", "/4000001/projects/recordings.json", 400, {{"type", "Nope"}});
  world_.accounts[0].serves_my_assignments = false;
  Check("GET", "/4000001/my/assignments.json", 404);
}

TEST_F(OpenApiTest, WritesValidate) {
  const std::string todo = Id("todo", "copy");
  Check("POST", "/4000001/todos/" + todo + "/completion.json", 204);
  Check("DELETE", "/4000001/buckets/2000001/todos/" + todo + "/completion.json", 204);
  Check("POST", "/4000001/todos/1/completion.json", 404);
  Check("POST", "/4000001/recordings/" + todo + "/timesheet/entries.json", 201, {},
        R"({"date":"2026-12-01","hours":"1.5"})");
  Check("POST", "/4000001/projects/2000001/recordings/" + todo + "/timesheet/entries.json", 201, {},
        R"({"date":"2026-12-01","hours":"0:45","description":"x"})");
  Check("POST", "/4000001/recordings/" + todo + "/timesheet/entries.json", 422, {}, R"({"date":"nope","hours":"1"})");
  Check("POST", "/4000001/recordings/" + todo + "/timesheet/entries.json", 400, {}, "nope");
}

// The recording model's operations: each 2xx (and error) body validates, in the document's form
// (no .json) and the bucket-scoped one.
TEST_F(OpenApiTest, RecordingWritesValidate) {
  const std::string set = Id("todoset", "website/todoset");
  const std::string bob = Id("person", "acme/bob");
  ApiResponse todo = Check("POST", "/4000001/todolists/3000001/todos.json", 201, {},
                           R"({"content":"New","assignee_ids":[)" + bob +
                               R"(],"due_on":"2026-12-09"})");
  const std::string id = std::to_string(json::parse(todo.body)["id"].get<long long>());
  Check("POST", "/4000001/todolists/3000001/todos.json", 422, {}, R"({"content":""})");
  Check("PUT", "/4000001/todos/" + id, 200, {}, R"({"content":"Renamed"})");
  Check("PUT", "/4000001/buckets/2000001/todos/" + id + ".json", 422, {}, R"({})");
  Check("PUT", "/4000001/todos/" + id + "/position.json", 200, {}, R"({"position":1})");
  Check("PUT", "/4000001/todos/" + id + "/position.json", 422, {}, R"({"position":0})");
  Check("POST", "/4000001/todosets/" + set + "/todolists.json", 201, {}, R"({"name":"L"})");
  Check("PUT", "/4000001/todolists/3000101", 200, {}, R"({"name":"Copy"})");  // a group
  Check("PUT", "/4000001/todolists/3000001.json", 422, {}, R"({})");
  Check("PUT", "/4000001/recordings/3000002/status/archived.json", 204);
  Check("PUT", "/4000001/recordings/3000002/status/active.json", 204);
  Check("PUT", "/4000001/buckets/2000001/recordings/" + id + "/status/trashed.json", 204);
  Check("PUT", "/4000001/recordings/" + Id("todo", "footer") + "/status/trashed.json", 403, {}, "",
        "carol");
  Check("PUT", "/4000001/recordings/1/status/trashed.json", 404);

  const std::string copy = Id("todo", "copy");
  ApiResponse comment = Check("POST", "/4000001/recordings/" + copy + "/comments.json", 201, {},
                              R"({"content":"<p>Hi</p>"})");
  const std::string cid = std::to_string(json::parse(comment.body)["id"].get<long long>());
  Check("POST", "/4000001/recordings/" + copy + "/comments.json", 422, {}, R"({"content":5})");
  Check("GET", "/4000001/recordings/" + copy + "/comments.json", 200);
  Check("GET", "/4000001/buckets/2000001/recordings/3000001/comments.json", 200);  // empty
  Check("GET", "/4000001/comments/" + cid, 200);
  Check("PUT", "/4000001/comments/" + cid, 200, {}, R"({"content":"<p>Hello</p>"})");
  Check("PUT", "/4000001/comments/" + cid, 403, {}, R"({"content":"x"})", "bob");
  Check("GET", "/4000001/recordings/" + copy + "/events.json", 200);
  Check("GET", "/4000001/recordings/" + id + "/events.json", 200);
  Check("GET", "/4000001/recordings/" + cid + "/events.json", 200);
  Check("GET", "/4000001/todos/" + copy, 200);  // comments_count 1
}

TEST_F(OpenApiTest, GroupsRepositionAndSubscriptionsValidate) {
  const std::string set = Id("todoset", "website/todoset");
  Check("POST", "/4000001/todolists/3000001/groups.json", 201, {}, R"({"name":"Visuals"})");
  Check("POST", "/4000001/todolists/3000001/groups.json", 422, {}, R"({"name":""})");
  Check("PUT", "/4000001/todolists/groups/3000101/position.json", 200, {}, R"({"position":2})");
  Check("PUT", "/4000001/todosets/todolists/3000002/position.json", 204, {}, R"({"position":1})");
  Check("PUT", "/4000001/todosets/todolists/3000002/position.json", 422, {}, R"({"position":9})");
  Check("GET", "/4000001/todosets/" + set + "/todolists.json", 200);
  const std::string sub = "/4000001/recordings/" + Id("todo", "review") + "/subscription.json";
  Check("GET", sub, 200);
  Check("DELETE", sub, 204);
  Check("POST", sub, 200);
  Check("PUT", sub, 200, {}, R"({"unsubscriptions":[)" + Id("person", "acme/bob") + "]}");
  Check("PUT", sub, 422, {}, R"({"subscriptions":[1]})");
  Check("GET", "/4000001/buckets/2000001/recordings/3000001/subscription.json", 200);
}

TEST_F(OpenApiTest, FeedsValidate) {
  const std::string copy = Id("todo", "copy");
  Check("POST", "/4000001/todos/" + copy + "/completion.json", 204);
  Check("POST", "/4000001/recordings/" + copy + "/comments.json", 201, {}, R"({"content":"c"})");
  Check("PUT", "/4000001/recordings/3000002/status/archived.json", 204);
  Check("GET", "/4000001/projects/2000001/timeline.json", 200);
  Check("GET", "/4000001/comments.json", 200);
  Check("GET", "/4000001/reports/todos/assigned.json", 200);
}

TEST_F(OpenApiTest, TimesheetValidates) {
  const std::string copy = Id("todo", "copy");
  ApiResponse e = Check("POST", "/4000001/recordings/" + copy + "/timesheet/entries.json", 201, {},
                        R"({"date":"2026-12-01","hours":"1.5","description":"x"})");
  const std::string eid = std::to_string(json::parse(e.body)["id"].get<long long>());
  Check("GET", "/4000001/timesheet_entries/" + eid, 200);
  Check("GET", "/4000001/timesheet_entries/" + eid + ".json", 200);
  Check("PUT", "/4000001/timesheet_entries/" + eid, 200, {}, R"({"hours":"2"})");
  Check("PUT", "/4000001/timesheet_entries/" + eid, 422, {}, R"({"date":"x"})");
  Check("GET", "/4000001/recordings/" + copy + "/timesheet.json", 200);
  Check("GET", "/4000001/projects/2000001/timesheet.json", 200);
  Check("GET", "/4000001/reports/timesheet.json", 200);
  Check("GET", "/4000001/reports/timesheet.json", 200, {{"person_id", "1"}});  // empty
  Check("DELETE", "/4000001/timesheet_entries/" + eid, 204);
  Check("GET", "/4000001/timesheet_entries/" + eid, 404);
}

// Every API url a served body carries (url, todos_url, comments_url, completion_url, ...) leads
// to a served endpoint. The kinds of url not served yet are listed, and each is checked to
// still 404, so the list can only shrink.
TEST_F(OpenApiTest, PayloadUrlsResolve) {
  const std::string origin = "http://127.0.0.1:4567";
  const std::string copy = Id("todo", "copy");
  auto call = [&](const std::string& method, const std::string& path, const std::string& body) {
    ApiRequest req{method, path, {}, body, origin, kDefaultStartTime, "alice"};
    return HandleApi(world_, req);
  };
  call("POST", "/4000001/recordings/" + copy + "/comments.json", R"({"content":"c"})");
  call("POST", "/4000001/recordings/" + copy + "/timesheet/entries.json",
       R"({"date":"2026-12-01","hours":"1"})");
  // A column with a card and a step, and a schedule entry, so their urls are followed too.
  auto id_of = [](const ApiResponse& r) { return std::to_string(json::parse(r.body)["id"].get<long long>()); };
  const std::string column = id_of(call("POST", "/4000001/card_tables/" + Id("kanban_board", "website") + "/columns.json",
                                        R"({"title":"Doing"})"));
  const std::string card = id_of(call("POST", "/4000001/card_tables/lists/" + column + "/cards.json", R"({"title":"C"})"));
  call("POST", "/4000001/card_tables/cards/" + card + "/steps.json", R"({"title":"S"})");
  call("POST", "/4000001/schedules/" + Id("schedule", "website") + "/entries.json",
       R"({"summary":"Launch","starts_at":"2026-12-03T09:00:00Z","ends_at":"2026-12-03T10:00:00Z"})");
  // Served by other families' branches (bookmarks and boosts: Activity; boards, vaults, chats,
  // inboxes: Content).
  const std::vector<std::string> unserved = {"/my/bookmarks/", "/bubble_up.json",
                                             "/boosts.json", "/message_boards/", "/bookmark.json",
                                             "/vaults/", "/chats/", "/inboxes/"};
  std::set<std::string> seen;
  std::vector<std::string> queue = {"/4000001/projects.json", "/4000001/people.json",
                                    "/4000001/my/assignments.json",
                                    "/4000001/reports/timesheet.json",
                                    "/4000001/projects/2000001/timeline.json",
                                    "/4000001/comments.json"};
  int followed = 0;
  while (!queue.empty()) {
    const std::string path = queue.back();
    queue.pop_back();
    if (!seen.insert(path).second) continue;
    ApiResponse r = call("GET", path, "");
    if (r.status == 404 && path.find("/completion.json") != std::string::npos) {
      // A write-only url (completion_url): POST is what it serves.
      EXPECT_EQ(call("POST", path, "").status, 204) << path;
      continue;
    }
    if (r.status == 404 && path.find("/position.json") != std::string::npos) {
      EXPECT_EQ(call("PUT", path, R"({"position":1})").status, 200) << path;  // group_position_url
      continue;
    }
    bool known_gap = false;
    for (const std::string& u : unserved) {
      known_gap = known_gap || path.find(u) != std::string::npos;
    }
    if (known_gap) {
      EXPECT_EQ(r.status, 404) << path << " is served now: drop it from `unserved`";
      continue;
    }
    ASSERT_EQ(r.status, 200) << path;
    ++followed;
    std::vector<const json*> stack;
    json body = json::parse(r.body);
    stack.push_back(&body);
    while (!stack.empty()) {
      const json* node = stack.back();
      stack.pop_back();
      if (node->is_array()) {
        for (const json& child : *node) stack.push_back(&child);
        continue;
      }
      if (!node->is_object()) continue;
      for (const auto& [key, value] : node->items()) {
        if (value.is_structured()) stack.push_back(&value);
        const bool url_key = key.size() >= 3 && key.compare(key.size() - 3, 3, "url") == 0;
        if (!url_key || !value.is_string()) continue;
        const std::string url = value.get<std::string>();
        if (url.rfind(origin + "/4000001/", 0) == 0) queue.push_back(url.substr(origin.size()));
      }
    }
  }
  EXPECT_GE(followed, 40);
  for (const char* must : {"/todos.json", "/comments.json", "/todolists.json",
                           "/timesheet_entries/", "/card_tables/", "/schedules/"}) {
    bool any = false;
    for (const std::string& p : seen) any = any || p.find(must) != std::string::npos;
    EXPECT_TRUE(any) << "no " << must << " url followed";
  }
}

TEST_F(OpenApiTest, AccountErrorsValidate) {
  world_.accounts[0].inactive = true;
  Check("GET", "/4000001/projects.json", 404);
  world_.accounts[0].inactive = false;
  world_.accounts[0].api_disabled = true;
  Check("GET", "/4000001/todos/" + Id("todo", "copy") + ".json", 404);
}

// The Work family: card tables, columns, cards, steps and wormholes, in both URL forms.
TEST_F(OpenApiTest, CardTablesValidate) {
  const std::string board = Id("kanban_board", "website");
  const std::string other = Id("kanban_board", "internal");
  auto id_of = [](const ApiResponse& r) { return std::to_string(json::parse(r.body)["id"].get<long long>()); };
  Check("GET", "/4000001/card_tables/" + board, 200);
  const std::string col = id_of(Check("POST", "/4000001/card_tables/" + board + "/columns.json", 201, {},
                                      R"({"title":"Doing","description":"Now"})"));
  const std::string col2 = id_of(Check("POST", "/4000001/buckets/2000001/card_tables/" + board + "/columns.json", 201,
                                       {}, R"({"title":"Done soon"})"));
  Check("POST", "/4000001/card_tables/" + board + "/columns.json", 422, {}, R"({"title":""})");
  Check("POST", "/4000001/card_tables/" + board + "/columns.json", 400, {}, "[]");
  Check("GET", "/4000001/card_tables/columns/" + col, 200);
  Check("PUT", "/4000001/card_tables/columns/" + col, 200, {}, R"({"title":"Doing now"})");
  Check("PUT", "/4000001/buckets/2000001/card_tables/columns/" + col + "/color.json", 200, {}, R"({"color":"red"})");
  Check("PUT", "/4000001/buckets/2000001/card_tables/columns/" + col + "/color.json", 422, {}, R"({"color":"plaid"})");
  Check("POST", "/4000001/buckets/2000001/card_tables/columns/" + col + "/on_hold.json", 200);
  Check("DELETE", "/4000001/buckets/2000001/card_tables/columns/" + col + "/on_hold.json", 200);
  Check("POST", "/4000001/card_tables/" + board + "/moves.json", 204, {},
        R"({"source_id":)" + col2 + R"(,"target_id":)" + board + R"(,"position":1})");
  Check("POST", "/4000001/card_tables/" + board + "/moves.json", 422, {}, R"({"source_id":1,"target_id":2})");
  Check("POST", "/4000001/card_tables/lists/" + col + "/subscription.json", 204);
  Check("DELETE", "/4000001/card_tables/lists/" + col + "/subscription.json", 204);
  const std::string card = id_of(Check("POST", "/4000001/card_tables/lists/" + col + "/cards.json", 201, {},
                                       R"({"title":"Hero image","content":"<p>Big</p>","due_on":"2026-12-09"})"));
  Check("POST", "/4000001/card_tables/lists/" + col + "/cards.json", 422, {}, R"({"title":"x","due_on":"soon"})");
  Check("GET", "/4000001/card_tables/lists/" + col + "/cards.json", 200);
  Check("PUT", "/4000001/card_tables/cards/" + card, 200, {},
        R"({"title":"Hero","assignee_ids":[)" + Id("person", "acme/bob") + "]}");
  Check("PUT", "/4000001/card_tables/cards/" + card, 422, {}, R"({"assignee_ids":[1]})");
  const std::string step = id_of(Check("POST", "/4000001/card_tables/cards/" + card + "/steps.json", 201, {},
                                       R"({"title":"Sketch","due_on":"2026-12-04"})"));
  const std::string step2 = id_of(Check("POST", "/4000001/card_tables/cards/" + card + "/steps.json", 201, {},
                                        R"({"title":"Shoot"})"));
  Check("POST", "/4000001/card_tables/cards/" + card + "/steps.json", 422, {}, R"({})");
  Check("POST", "/4000001/card_tables/cards/" + card + "/positions.json", 200, {},
        R"({"source_id":)" + step2 + R"(,"position":0})");
  Check("POST", "/4000001/card_tables/cards/" + card + "/positions.json", 422, {},
        R"({"source_id":)" + step2 + R"(,"position":5})");
  Check("GET", "/4000001/card_tables/steps/" + step, 200);
  Check("PUT", "/4000001/card_tables/steps/" + step, 200, {}, R"({"title":"Sketch it"})");
  Check("PUT", "/4000001/card_tables/steps/" + step + "/completions.json", 200, {}, R"({"completion":"on"})");
  Check("PUT", "/4000001/card_tables/steps/" + step + "/completions.json", 422, {}, R"({"completion":"yes"})");
  Check("POST", "/4000001/card_tables/cards/" + card + "/moves.json", 204, {}, R"({"column_id":)" + col2 + "}");
  Check("POST", "/4000001/card_tables/cards/" + card + "/moves.json", 422, {}, R"({"column_id":1})");
  Check("GET", "/4000001/card_tables/cards/" + card, 200);
  // A wormhole to a column of the internal project's card table, and a card through it.
  const std::string far = id_of(Check("POST", "/4000001/card_tables/" + other + "/columns.json", 201, {},
                                      R"({"title":"Inbox"})"));
  const std::string hole = id_of(Check("POST", "/4000001/buckets/2000001/card_tables/" + board + "/wormholes.json",
                                       201, {}, R"({"destination_recording_id":)" + far + "}"));
  Check("POST", "/4000001/buckets/2000001/card_tables/" + board + "/wormholes.json", 422, {},
        R"({"destination_recording_id":)" + col + "}");
  Check("PUT", "/4000001/buckets/2000001/card_tables/wormholes/" + hole, 200, {},
        R"({"destination_recording_id":)" + far + "}");
  Check("GET", "/4000001/card_tables/" + board, 200);
  Check("POST", "/4000001/card_tables/cards/" + card + "/moves.json", 204, {}, R"({"column_id":)" + hole + "}");
  Check("GET", "/4000001/buckets/2000002/card_tables/cards/" + card, 200);
  Check("GET", "/4000001/buckets/2000001/card_tables/cards/" + card, 404);
  Check("DELETE", "/4000001/buckets/2000001/card_tables/wormholes/" + hole, 204);
  Check("GET", "/4000001/card_tables/" + board, 404, {}, "", "carol");  // hidden from clients
}

TEST_F(OpenApiTest, SchedulesAndCalendarsValidate) {
  const std::string schedule = Id("schedule", "website");
  auto id_of = [](const ApiResponse& r) { return std::to_string(json::parse(r.body)["id"].get<long long>()); };
  Check("GET", "/4000001/schedules/" + schedule, 200);
  Check("PUT", "/4000001/schedules/" + schedule, 200, {}, R"({"include_due_assignments":false})");
  Check("PUT", "/4000001/schedules/" + schedule, 422, {}, R"({"include_due_assignments":"no"})");
  const std::string entry = id_of(Check("POST", "/4000001/schedules/" + schedule + "/entries.json", 201, {},
      R"({"summary":"Launch","starts_at":"2026-12-03T09:00:00Z","ends_at":"2026-12-03T10:00:00Z","participant_ids":[)" +
          Id("person", "acme/bob") + "]}"));
  Check("POST", "/4000001/schedules/" + schedule + "/entries.json", 422, {},
        R"({"summary":"x","starts_at":"2026-12-03T09:00:00Z","ends_at":"2026-12-02T09:00:00Z"})");
  Check("POST", "/4000001/schedules/" + schedule + "/entries.json", 422, {}, R"({"summary":"x"})");
  Check("GET", "/4000001/schedules/" + schedule + "/entries.json", 200);
  Check("GET", "/4000001/schedules/" + schedule + "/entries.json", 200, {{"status", "archived"}});
  Check("GET", "/4000001/schedule_entries/" + entry, 200);
  Check("PUT", "/4000001/buckets/2000001/schedule_entries/" + entry + ".json", 200, {},
        R"({"summary":"Launch!","starts_at":"2026-12-04","ends_at":"2026-12-04","all_day":true})");
  Check("PUT", "/4000001/schedule_entries/" + entry, 422, {}, R"({"summary":"x"})");
  Check("GET", "/4000001/schedule_entries/" + entry + "/occurrences/2026-12-04", 200);
  Check("GET", "/4000001/schedule_entries/" + entry + "/occurrences/2026-12-05", 404);
  Check("GET", "/4000001/calendars/2000001", 200);
  Check("PUT", "/4000001/calendars/2000001", 200, {}, R"({"calendar":{"color":"green"}})");
  Check("PUT", "/4000001/calendars/2000001", 422, {}, R"({"calendar":{"color":"plaid"}})");
  Check("GET", "/4000001/calendars/2000002", 404, {}, "", "bob");  // not a member
}

TEST_F(OpenApiTest, CheckInsValidate) {
  const std::string set = Id("questionnaire", "website");
  const std::string bob = Id("person", "acme/bob");
  auto id_of = [](const ApiResponse& r) { return std::to_string(json::parse(r.body)["id"].get<long long>()); };
  Check("GET", "/4000001/questionnaires/" + set, 200);
  const std::string q = id_of(Check("POST", "/4000001/questionnaires/" + set + "/questions.json", 201, {},
      R"({"title":"What did you do?","schedule":{"frequency":"every_day","days":[1,2,3,4,5],"hour":17,"minute":0}})"));
  Check("POST", "/4000001/questionnaires/" + set + "/questions.json", 422, {}, R"({"title":"x","schedule":{"hour":25}})");
  Check("POST", "/4000001/questionnaires/" + set + "/questions.json", 422, {}, R"({"title":"x"})");
  Check("GET", "/4000001/questionnaires/" + set + "/questions.json", 200);
  Check("GET", "/4000001/questions/" + q, 200);
  Check("PUT", "/4000001/questions/" + q, 200, {}, R"({"title":"What did you ship?"})");
  Check("POST", "/4000001/questions/" + q + "/pause.json", 200);
  Check("DELETE", "/4000001/questions/" + q + "/pause.json", 200);
  Check("PUT", "/4000001/questions/" + q + "/notification_settings.json", 200, {}, R"({"notify_on_answer":true})");
  Check("PUT", "/4000001/questions/" + q + "/notification_settings.json", 422, {}, R"({"notify_on_answer":"y"})");
  Check("GET", "/4000001/my/question_reminders.json", 200);
  const std::string ans = id_of(Check("POST", "/4000001/questions/" + q + "/answers.json", 201, {},
                                      R"({"content":"<p>Shipped</p>"})"));
  Check("POST", "/4000001/questions/" + q + "/answers.json", 422, {}, R"({"content":"<p>Again</p>"})");
  Check("POST", "/4000001/questions/" + q + "/answers.json", 201, {}, R"({"content":"Mine"})", "bob");
  Check("GET", "/4000001/questions/" + q + "/answers.json", 200);
  Check("GET", "/4000001/question_answers/" + ans, 200);
  Check("PUT", "/4000001/question_answers/" + ans, 204, {}, R"({"content":"<p>Shipped it</p>"})");
  Check("PUT", "/4000001/question_answers/" + ans, 403, {}, R"({"content":"x"})", "bob");
  Check("GET", "/4000001/questions/" + q + "/answers/by.json", 200);
  Check("GET", "/4000001/questions/" + q + "/answers/by/" + bob, 200);
  Check("GET", "/4000001/questions/" + q + "/answers/by/1", 404);
}

TEST_F(OpenApiTest, HillChartsReportsAndLineupValidate) {
  const std::string set = Id("todoset", "website/todoset");
  Check("POST", "/4000001/buckets/2000001/todosets/" + set + "/todos.json", 201, {}, R"({"content":"Loose"})");
  Check("POST", "/4000001/buckets/2000001/todosets/" + set + "/todos.json", 422, {}, R"({})");
  Check("GET", "/4000001/todosets/" + set + "/hill.json", 200);
  Check("PUT", "/4000001/todosets/" + set + "/hills/settings.json", 200, {}, R"({"tracked":[3000001]})");
  Check("PUT", "/4000001/todosets/" + set + "/hills/settings.json", 422, {}, R"({"tracked":[1]})");
  Check("GET", "/4000001/todosets/" + set + "/hill.json", 200);
  Check("GET", "/4000001/reports/progress.json", 200);
  Check("GET", "/4000001/reports/users/progress/" + Id("person", "acme/alice") + ".json", 200);
  Check("GET", "/4000001/reports/users/progress/1.json", 404);
  Check("POST", "/4000001/schedules/" + Id("schedule", "website") + "/entries.json", 201, {},
        R"({"summary":"Launch","starts_at":"2026-12-03T09:00:00Z","ends_at":"2026-12-03T10:00:00Z"})");
  Check("GET", "/4000001/reports/schedules/upcoming.json", 200,
        {{"window_starts_on", "2026-11-30"}, {"window_ends_on", "2026-12-31"}});
  Check("GET", "/4000001/reports/schedules/upcoming.json", 422, {{"window_starts_on", "x"}});
  Check("GET", "/4000001/reports/todos/overdue.json", 200);
  Check("POST", "/4000001/lineup/markers.json", 201, {}, R"({"name":"Launch","date":"2026-12-15"})");
  Check("POST", "/4000001/lineup/markers.json", 422, {}, R"({"name":"Launch"})");
  ApiResponse list = Check("GET", "/4000001/lineup/markers.json", 200);
  const std::string marker = std::to_string(json::parse(list.body)[0]["id"].get<long long>());
  Check("PUT", "/4000001/lineup/markers/" + marker, 200, {}, R"({"date":"2026-12-16"})");
  Check("PUT", "/4000001/lineup/markers/" + marker, 422, {}, R"({"date":"soon"})");
  Check("DELETE", "/4000001/lineup/markers/" + marker, 204);
  Check("DELETE", "/4000001/lineup/markers/" + marker, 404);
}

}  // namespace
}  // namespace bcsim
