// Drives every API endpoint through HandleApi on fixtures/worlds/acme.yaml and validates each
// body against the response schema the official OpenAPI document gives for that operation and
// status (bucket-scoped paths map to the flat ones).
//
// OpenAPI 3.1 tolerance: `nullable: true` becomes a `null` alternative of `type`, and a no-op
// `propertyNames: {type: string}` is dropped (valijson misapplies it); `x-*` keys
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
#include "api/api_test_support.h"
#include "api/webhook_payload.h"
#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;

void AllowNullable(json& node) {
  if (node.is_object()) {
    // `propertyNames: {type: string}` says nothing (JSON names are strings), and valijson
    // misapplies it under a $ref'd property (FieldKeyedErrors.errors fails on a valid body).
    if (node.contains("propertyNames") && node["propertyNames"] == json{{"type", "string"}}) {
      node.erase("propertyNames");
    }
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
    std::vector<std::string> want = Segments(path);
    // A path the document itself writes under /buckets/ (webhooks.json, dock/tools.json) first.
    if (want.size() > 3 && want[1] == "buckets") {
      const std::string as_written = BestTemplate(method, want);
      if (!as_written.empty()) return as_written;
    }
    // Bucket-scoped and legacy project-scoped recording paths map to the flat forms.
    if (want.size() > 3 && want[1] == "buckets") want.erase(want.begin() + 1, want.begin() + 3);
    if (want.size() > 4 && want[1] == "projects" && want[3] == "recordings") want.erase(want.begin() + 1, want.begin() + 3);
    return BestTemplate(method, want);
  }

  // The template with the most literal segments matching `want`, or "".
  std::string BestTemplate(const std::string& method, const std::vector<std::string>& want) const {
    std::string best;
    int best_literals = -1;
    for (const auto& [templ, ops] : doc_["paths"].items()) {
      std::vector<std::string> have = Segments(templ);
      const std::vector<std::string>& against = want;
      if (have.size() != against.size()) continue;
      int literals = 0;
      bool match = true;
      for (std::size_t i = 0; i < have.size() && match; ++i) {
        if (have[i].front() == '{') continue;
        match = have[i] == against[i];
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
    // valijson rejects any non-empty FieldErrorMap nested in another object (FieldKeyedErrors,
    // the 422 of cloud files and Google documents) over its `propertyNames: {type: string}`,
    // while accepting the same map at the root. JSON names are always strings, so dropping the
    // constraint changes nothing a body could violate (see FieldErrorsValidate).
    doc_["components"]["schemas"]["FieldErrorMap"].erase("propertyNames");
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  json doc_;
  std::map<std::string, std::unique_ptr<valijson::Schema>> schemas_;
};

class OpenApiTest : public testing::AcmeApiTest {
 protected:

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
      ADD_FAILURE() << method << " " << path << " (" << pointer << "): " << e << "\n  body: " << r.body.substr(0, 400);
    }
    ++checked_;
    return r;
  }
  static std::string Id(const std::string& kind, const std::string& key) { return std::to_string(StableId(kind, key)); }

  // A path form the document does not write (the SDK's own): its answer must validate against
  // the schema of the documented operation it stands for (`twin`, answering `twin_status`).
  json CheckAs(const std::string& method, const std::string& path, int expected_status,
               const std::string& body, const std::string& twin_method, const std::string& twin,
               int twin_status) {
    EXPECT_TRUE(OpenApi::Get().SchemaFor(method, path, expected_status).empty())
        << method << " " << path << " is documented: use Check";
    ApiRequest req{method, path, {}, body, "http://127.0.0.1:4567", kDefaultStartTime, "alice"};
    ApiResponse r = HandleApi(world_, req);
    EXPECT_EQ(r.status, expected_status) << method << " " << path << ": " << r.body;
    if (r.status != expected_status || r.body.empty()) return json();
    const std::string pointer = OpenApi::Get().SchemaFor(twin_method, twin, twin_status);
    EXPECT_FALSE(pointer.empty()) << "no schema for " << twin_method << " " << twin;
    json parsed = json::parse(r.body, nullptr, false);
    for (const std::string& e : OpenApi::Get().Validate(pointer, parsed)) {
      ADD_FAILURE() << method << " " << path << " as " << twin << ": " << e
                    << "\n  body: " << r.body.substr(0, 400);
    }
    ++checked_;
    return parsed;
  }

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

// The Activity family: feeds, search, bookmarks, boosts, my/*, gauges. Recordings of other
// families' types are added to the world directly (their endpoints live elsewhere).
TEST_F(OpenApiTest, ActivityValidates) {
  Project& web = world_.accounts[0].projects[0];
  auto add = [&](const std::string& type, bcsim::Id parent, const std::string& title,
                 nlohmann::json fields) {
    Recording r;
    r.type = type;
    r.parent = parent;
    r.title = title;
    r.content = "<p>" + title + " body</p>";
    r.fields = std::move(fields);
    return AddRecording(world_, web, std::move(r), "bob", kDefaultStartTime);
  };
  const bcsim::Id board = FindTool(web, "Message::Board")->id;
  const bcsim::Id vault = FindTool(web, "Vault")->id;
  const bcsim::Id questionnaire = FindTool(web, "Questionnaire")->id;
  const bcsim::Id table = FindTool(web, "Kanban::Board")->id;
  FindTool(web, "Inbox")->fields["enabled"] = true;
  const bcsim::Id inbox = FindTool(web, "Inbox")->id;
  const bcsim::Id message = add("Message", board, "Launch news", {{"subject", "Launch news"}});
  add("Message", board, "Unsent", {{"subject", "Unsent"}, {"draft", true}});
  add("Upload", vault, "plan.pdf", {{"filename", "plan.pdf"}, {"content_type", "application/pdf"},
                                     {"byte_size", 1024}});
  const bcsim::Id question = add("Question", questionnaire, "What did you do?", {});
  add("Question::Answer", question, "Answer", {{"group_on", "2026-12-01"}});
  add("Inbox::Forward", inbox, "Fwd: launch", {{"subject", "Fwd: launch"}, {"from", "a@b.test"}});
  const bcsim::Id column = add("Kanban::Column", table, "Doing", {});
  const bcsim::Id not_now = add("Kanban::NotNowColumn", table, "Not now", {});
  add("Kanban::Card", column, "Design card", {{"due_on", "2026-11-20"}, {"assignees", {"alice"}}});
  add("Kanban::Card", not_now, "Later card", {});

  for (const char* f : {"open", "completed", "unassigned", "no_due_date", "overdue"}) {
    Check("GET", std::string("/4000001/todos/") + f + ".json", 200);
    Check("GET", std::string("/4000001/cards/") + f + ".json", 200);
  }
  Check("GET", "/4000001/cards/not_now.json", 200);
  Check("GET", "/4000001/todos/open.json", 200, {{"assignee_ids[]", Id("person", "acme/bob")}, {"due", "without"}});
  Check("GET", "/4000001/messages.json", 200);
  Check("GET", "/4000001/checkins.json", 200);
  Check("GET", "/4000001/forwards.json", 200);
  Check("GET", "/4000001/files.json", 200);
  Check("GET", "/4000001/files.json", 200, {{"kind", "images"}});  // empty
  for (const char* type : {"Comment", "Document", "Door", "Kanban::Card", "Kanban::Step", "Message",
                           "Question::Answer", "Schedule::Entry", "Todolist", "Upload", "Vault"}) {
    Check("GET", "/4000001/projects/recordings.json", 200, {{"type", type}});
  }
  Check("GET", "/4000001/search.json", 200, {{"q", "launch"}});
  Check("GET", "/4000001/search.json", 400);
  Check("GET", "/4000001/searches/metadata.json", 200);

  const std::string msg = "/4000001/recordings/" + std::to_string(message);
  Check("POST", msg + "/bookmark.json", 201);
  Check("GET", msg + "/bookmark.json", 200);
  Check("POST", "/4000001/recordings/" + Id("todo", "copy") + "/bookmark.json", 201);
  Check("GET", "/4000001/my/bookmarks.json", 200);
  Check("DELETE", msg + "/bookmark.json", 204);
  Check("GET", "/4000001/recordings/1/bookmark.json", 404);
  ApiResponse boost = Check("POST", msg + "/boosts.json", 201, {}, R"({"content":"yay"})");
  Check("POST", msg + "/boosts.json", 422, {}, R"({})");
  Check("GET", msg + "/boosts.json", 200);
  const std::string bid = std::to_string(json::parse(boost.body)["id"].get<long long>());
  Check("GET", "/4000001/boosts/" + bid, 200);
  ApiResponse events = Check("GET", msg + "/events.json", 200);
  const std::string ev = msg + "/events/" +
                         std::to_string(json::parse(events.body)[0]["id"].get<long long>()) + "/boosts.json";
  Check("POST", ev, 201, {}, R"({"content":"+1"})");
  Check("GET", ev, 200);
  Check("GET", "/4000001/comments.json", 200);  // boosts_count on comments stays an integer
  Check("DELETE", "/4000001/boosts/" + bid, 204);

  Check("GET", "/4000001/my/assignments/completed.json", 200);
  Check("GET", "/4000001/my/assignments/due.json", 200, {{"scope", "due_later"}});
  Check("GET", "/4000001/my/assignments/due.json", 400, {{"scope", "x"}});
  Check("POST", "/4000001/my/priorities.json", 204, {}, R"({"id":)" + Id("todo", "copy") + "}");
  Check("POST", "/4000001/my/priority_moves.json", 204, {},
        R"({"source_id":)" + Id("todo", "copy") + R"(,"position":1})");
  Check("POST", "/4000001/my/priority_moves.json", 422, {},
        R"({"source_id":)" + Id("todo", "copy") + R"(,"position":4})");
  Check("GET", "/4000001/my/assignments.json", 200);  // with a priority
  Check("DELETE", "/4000001/my/priorities/" + Id("todo", "copy"), 204);

  Check("POST", "/4000001/recordings/" + Id("todo", "copy") + "/comments.json", 201, {},
        R"({"content":"from bob"})", "bob");
  ApiResponse inboxes = Check("GET", "/4000001/my/readings.json", 200);
  Check("GET", "/4000001/my/readings.json", 200, {{"limit_bubble_ups", "true"}});
  Check("GET", "/4000001/my/readings/bubble_ups.json", 200);
  const std::string sgid = json::parse(inboxes.body)["unreads"][0]["readable_sgid"];
  Check("PUT", "/4000001/my/unreads.json", 200, {}, R"({"readables":[")" + sgid + R"("]})");
  Check("GET", "/4000001/my/readings.json", 200);  // now in reads
  Check("GET", "/4000001/my/notes.json", 200);     // never written: null ids
  Check("PUT", "/4000001/my/notes.json", 200, {}, R"({"note":{"content":"<p>n</p>"}})");
  Check("PUT", "/4000001/my/notes.json", 422, {}, R"({"note":{}})");
  Check("GET", "/4000001/my/notes.json", 200);
  Check("GET", "/4000001/my/drafts.json", 200, {}, "", "bob");

  Check("PUT", "/4000001/projects/2000001/gauge.json", 200, {}, R"({"gauge":{"enabled":true}})");
  Check("PUT", "/4000001/projects/2000001/gauge.json", 403, {}, R"({"gauge":{"enabled":true}})", "bob");
  ApiResponse needle = Check("POST", "/4000001/projects/2000001/gauge/needles.json", 201, {},
                             R"({"gauge_needle":{"position":40,"color":"yellow"}})");
  Check("POST", "/4000001/projects/2000001/gauge/needles.json", 422, {}, R"({"gauge_needle":{}})");
  Check("POST", "/4000001/projects/2000001/gauge/needles.json", 201, {},
        R"({"gauge_needle":{"position":50,"description":"<p>ok</p>"}})");
  const std::string nid = std::to_string(json::parse(needle.body)["id"].get<long long>());
  Check("GET", "/4000001/projects/2000001/gauge/needles.json", 200);
  Check("GET", "/4000001/gauge_needles/" + nid, 200);
  Check("PUT", "/4000001/gauge_needles/" + nid, 200, {}, R"({"gauge_needle":{"description":"d"}})");
  Check("GET", "/4000001/reports/gauges.json", 200);
  Check("GET", "/4000001/reports/gauges.json", 200, {{"bucket_ids", "2000002,2000001"}});
  Check("DELETE", "/4000001/gauge_needles/" + nid, 204);
  Check("GET", "/4000001/gauge_needles/" + nid, 404);
  EXPECT_GE(checked_, 60);

  // The schemas these bodies met can fail: a bucket group without its to-dos, a boost with a
  // string id, a search result without `content`.
  auto body_of = [&](const std::string& path, std::multimap<std::string, std::string> params) {
    ApiRequest req{"GET", path, std::move(params), "", "http://x", kDefaultStartTime, "alice"};
    return json::parse(HandleApi(world_, req).body);
  };
  const std::string open = OpenApi::Get().SchemaFor("GET", "/1/todos/open.json", 200);
  json groups = body_of("/4000001/todos/open.json", {});
  ASSERT_FALSE(groups.empty());
  EXPECT_TRUE(OpenApi::Get().Validate(open, groups).empty());
  groups[0].erase("todos");
  EXPECT_FALSE(OpenApi::Get().Validate(open, groups).empty());
  const std::string boosts = OpenApi::Get().SchemaFor("GET", "/1/recordings/2/boosts.json", 200);
  json wrong_boost = json::array({{{"id", "7"}, {"created_at", "2026-12-01T00:00:00Z"}}});
  EXPECT_FALSE(OpenApi::Get().Validate(boosts, wrong_boost).empty());
  const std::string search = OpenApi::Get().SchemaFor("GET", "/1/search.json", 200);
  json hits = body_of("/4000001/search.json", {{"q", "launch"}});
  ASSERT_FALSE(hits.empty());
  EXPECT_TRUE(OpenApi::Get().Validate(search, hits).empty());
  hits[0].erase("content");
  EXPECT_FALSE(OpenApi::Get().Validate(search, hits).empty());
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
  call("POST", "/4000001/buckets/2000001/webhooks.json", R"({"payload_url":"https://e.com/h"})");
  call("POST", "/4000001/stacks.json", R"({"project_ids":[2000001]})");
  // Content in the website project's tools, so its urls are followed too.
  const std::string vault = "/4000001/vaults/" + Id("vault", "website");
  call("POST", "/4000001/message_boards/" + Id("message_board", "website") + "/messages.json",
       R"({"subject":"Hello"})");
  call("POST", vault + "/documents.json", R"({"title":"Doc"})");
  call("POST", vault + "/vaults.json", R"({"title":"Folder"})");
  {
    ApiRequest att{"POST", "/4000001/attachments.json", {{"name", "a.pdf"}}, "PDF", origin,
                   kDefaultStartTime, "alice"};
    const json sgid = json::parse(HandleApi(world_, att).body)["attachable_sgid"];
    call("POST", vault + "/uploads.json", json{{"attachable_sgid", sgid}}.dump());
  }
  call("POST", "/4000001/buckets/2000001/vaults/" + Id("vault", "website") + "/cloud_files.json",
       R"({"service":"dropbox","url":"https://dropbox.com/s/1"})");
  call("POST", "/4000001/chats/" + Id("chat", "website") + "/lines.json", R"({"content":"hi"})");
  // A column with a card and a step, and a schedule entry, so their urls are followed too.
  auto id_of = [](const ApiResponse& r) { return std::to_string(json::parse(r.body)["id"].get<long long>()); };
  const std::string column = id_of(call("POST", "/4000001/card_tables/" + Id("kanban_board", "website") + "/columns.json",
                                        R"({"title":"Doing"})"));
  const std::string card = id_of(call("POST", "/4000001/card_tables/lists/" + column + "/cards.json", R"({"title":"C"})"));
  call("POST", "/4000001/card_tables/cards/" + card + "/steps.json", R"({"title":"S"})");
  call("POST", "/4000001/schedules/" + Id("schedule", "website") + "/entries.json",
       R"({"summary":"Launch","starts_at":"2026-12-03T09:00:00Z","ends_at":"2026-12-03T10:00:00Z"})");
  // A folder's star_url (buckets/{folder}/stars.json) is Basecamp's but no operation of the
  // document; to-dos' and comments' bookmark urls still use the old /my/bookmarks/ form.
  const std::vector<std::string> unserved = {"/my/bookmarks/", "/bubble_up.json", "/stars.json"};
  std::set<std::string> seen;
  std::vector<std::string> queue = {"/4000001/projects.json", "/4000001/people.json",
                                    "/4000001/my/assignments.json",
                                    "/4000001/reports/timesheet.json",
                                    "/4000001/projects/2000001/timeline.json",
                                    "/4000001/comments.json",
                                    "/4000001/buckets/2000001/webhooks.json",
                                    "/4000001/stacks.json", "/4000001/my/preferences.json",
                                    "/4000001/circles/people.json"};
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
      // A disabled dock tool is listed, but it and what is in it are out of reach (404).
      if (node->contains("enabled") && (*node)["enabled"] == false) continue;
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
  for (const char* must :
       {"/todos.json", "/comments.json", "/todolists.json", "/timesheet_entries/",
        "/message_boards/", "/messages/", "/vaults/", "/documents/", "/uploads/",
        "/cloud_files/", "/chats/", "/lines/", "/card_tables/", "/schedules/"}) {
    bool any = false;
    for (const std::string& p : seen) any = any || p.find(must) != std::string::npos;
    EXPECT_TRUE(any) << "no " << must << " url followed";
  }
}

// The Account family: every operation's bodies (and its refusals) validate, in the document's
// form and the bucket-scoped one where Basecamp serves both.
TEST_F(OpenApiTest, AccountFamilyValidates) {
  const std::string bob = Id("person", "acme/bob");
  auto id_of = [](const ApiResponse& r) { return std::to_string(json::parse(r.body)["id"].get<long long>()); };
  Check("GET", "/4000001/account.json", 200);
  Check("PUT", "/4000001/account/name.json", 200, {}, R"({"name":"Acme 2"})");
  Check("PUT", "/4000001/account/name.json", 400, {}, R"({"name":""})");
  Check("PUT", "/4000001/account/name.json", 403, {}, R"({"name":"x"})", "bob");
  Check("PUT", "/4000001/account/logo.json", 204, {},
        "--b\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"l.png\"\r\n\r\nPNG\r\n--b--\r\n");
  Check("GET", "/4000001/account.json", 200);  // with its logo
  Check("PUT", "/4000001/account/logo.json", 422, {}, "x");
  Check("DELETE", "/4000001/account/logo.json", 204);

  Check("GET", "/4000001/my/preferences.json", 200);
  Check("PUT", "/4000001/my/preferences.json", 200, {}, R"({"person":{"time_format":"twenty_four_hour"}})");
  Check("PUT", "/4000001/my/preferences.json", 422, {}, R"({"person":{"time_format":"x"}})");
  Check("PUT", "/4000001/my/profile.json", 204, {}, R"({"title":"Boss","location":"Here"})");
  Check("PUT", "/4000001/my/profile.json", 422, {}, R"({"name":""})");
  Check("GET", "/4000001/my/profile.json", 200);
  const std::string ooo = "/4000001/people/" + bob + "/out_of_office.json";
  Check("GET", ooo, 200);
  Check("POST", ooo, 200, {}, R"({"out_of_office":{"start_date":"2026-12-01","end_date":"2026-12-04"}})");
  Check("GET", ooo, 200);  // enabled, ongoing
  Check("POST", ooo, 422, {}, R"({"out_of_office":{}})");
  Check("DELETE", ooo, 204);
  Check("GET", "/4000001/people/1/out_of_office.json", 404);
  Check("GET", "/4000001/circles/people.json", 200);
  Check("PUT", "/4000001/projects/2000002/people/users.json", 200, {},
        R"({"grant":[)" + bob + R"(],"create":[{"name":"Dana","email_address":"d@acme.test"}]})");
  Check("PUT", "/4000001/projects/2000002/people/users.json", 200, {}, R"({"revoke":[)" + bob + "]}");
  Check("PUT", "/4000001/projects/2000002/people/users.json", 422, {}, R"({"grant":[1]})");
  Check("PUT", "/4000001/projects/2000002/people/users.json", 404, {}, "{}", "bob");

  ApiResponse p = Check("POST", "/4000001/projects.json", 201, {}, R"({"name":"New","description":"d"})");
  const std::string pid = id_of(p);
  Check("POST", "/4000001/projects.json", 422, {}, R"({"name":""})");
  Check("PUT", "/4000001/projects/" + pid, 200, {},
        R"({"name":"N2","admissions":"team","schedule_attributes":{"start_date":"2026-12-01","end_date":"2026-12-31"}})");
  Check("PUT", "/4000001/projects/" + pid + ".json", 422, {}, R"({"name":"x","admissions":"all"})");
  Check("GET", "/4000001/projects/" + pid, 200);
  Check("PUT", "/4000001/projects/" + pid + "/status/archived.json", 204);
  Check("PUT", "/4000001/projects/" + pid + "/status/active.json", 204);
  Check("DELETE", "/4000001/projects/" + pid, 204);
  Check("DELETE", "/4000001/projects/1", 404);
  world_.limits.project_limit = 2;
  Check("POST", "/4000001/projects.json", 507, {}, R"({"name":"Over"})");
  Check("PUT", "/4000001/projects/2000003/status/active.json", 507);
  world_.limits.project_limit = 0;

  ApiResponse t = Check("POST", "/4000001/templates.json", 201, {}, R"({"name":"T","description":"d"})");
  const std::string tid = id_of(t);
  Check("POST", "/4000001/templates.json", 422, {}, "{}");
  Check("GET", "/4000001/templates.json", 200);
  Check("GET", "/4000001/templates.json", 200, {{"status", "trashed"}});
  Check("GET", "/4000001/templates/" + tid, 200);
  Check("PUT", "/4000001/templates/" + tid, 200, {}, R"({"description":"e"})");
  Check("PUT", "/4000001/templates/" + tid, 422, {}, R"({"name":""})");
  ApiResponse pc = Check("POST", "/4000001/templates/" + tid + "/project_constructions.json", 201, {},
                         R"({"project":{"name":"From T"}})");
  Check("POST", "/4000001/templates/" + tid + "/project_constructions.json", 422, {}, "{}");
  Check("GET", "/4000001/templates/" + tid + "/project_constructions/" + id_of(pc), 200);
  Check("GET", "/4000001/templates/" + tid + "/project_constructions/1", 404);
  Check("DELETE", "/4000001/templates/" + tid, 204);
  Check("GET", "/4000001/templates/" + tid, 404);

  const std::string hooks = "/4000001/buckets/2000001/webhooks.json";
  ApiResponse w = Check("POST", hooks, 201, {}, R"({"payload_url":"https://e.com/h","types":["Todo"]})");
  const std::string wid = id_of(w);
  Check("POST", hooks, 400, {}, R"({"payload_url":"nope"})");
  Check("POST", hooks, 403, {}, R"({"payload_url":"https://e.com"})", "carol");
  Check("GET", hooks, 200);
  Check("GET", "/4000001/webhooks/" + wid, 200);
  Check("GET", "/4000001/buckets/2000001/webhooks/" + wid + ".json", 200);
  Check("PUT", "/4000001/webhooks/" + wid, 200, {}, R"({"active":false})");
  Check("PUT", "/4000001/webhooks/" + wid, 400, {}, R"({"types":"Todo"})");
  world_.limits.webhook_limit = 1;
  Check("POST", hooks, 507, {}, R"({"payload_url":"https://e.com/2"})");
  Check("DELETE", "/4000001/webhooks/" + wid, 204);
  Check("GET", "/4000001/webhooks/" + wid, 404);

  ApiResponse tool = Check("POST", "/4000001/buckets/2000001/dock/tools.json", 201, {},
                           R"({"tool_type":"Kanban::Board","visible_to_clients":true})");
  const std::string tool_id = id_of(tool);
  Check("POST", "/4000001/buckets/2000001/dock/tools.json", 422, {}, R"({"tool_type":"Nope"})");
  Check("GET", "/4000001/dock/tools/" + tool_id, 200);
  Check("GET", "/4000001/dock/tools/" + Id("todoset", "website/todoset"), 200);
  Check("GET", "/4000001/dock/tools/1", 404);
  Check("PUT", "/4000001/buckets/2000001/dock/tools/" + tool_id + ".json", 200, {}, R"({"title":"Board"})");
  Check("PUT", "/4000001/dock/tools/" + tool_id, 422, {}, "{}");
  Check("PUT", "/4000001/buckets/2000001/recordings/" + tool_id + "/position.json", 200, {}, R"({"position":2})");
  Check("PUT", "/4000001/recordings/" + tool_id + "/position.json", 422, {}, R"({"position":0})");
  Check("DELETE", "/4000001/recordings/" + tool_id + "/position.json", 204);
  Check("GET", "/4000001/dock/tools/" + tool_id, 200);  // disabled: no position
  Check("GET", "/4000001/projects/2000001.json", 200);
  Check("POST", "/4000001/recordings/" + tool_id + "/position.json", 201);
  Check("POST", "/4000001/recordings/" + tool_id + "/position.json", 422);
  Check("DELETE", "/4000001/dock/tools/" + tool_id, 204);
  Check("DELETE", "/4000001/dock/tools/" + tool_id, 404);

  ApiResponse f = Check("POST", "/4000001/stacks.json", 201, {}, R"({"name":"Mine","project_ids":[2000001]})");
  const std::string fid = id_of(f);
  Check("POST", "/4000001/stacks.json", 404, {}, R"({"project_ids":[2000003]})");  // archived
  Check("GET", "/4000001/stacks.json", 200);
  Check("GET", "/4000001/stacks/" + fid, 200);
  Check("PUT", "/4000001/stacks/" + fid, 200, {}, R"({"name":"Ours"})");
  Check("PUT", "/4000001/stacks/" + fid, 422, {}, R"({"name":""})");
  Check("DELETE", "/4000001/stacks/" + fid, 204);
  Check("GET", "/4000001/stacks/" + fid, 404);
  EXPECT_GE(checked_, 60);

  // The schemas these bodies met can fail: a wrong webhook, a folder without its projects, a
  // field-keyed error whose messages are not a list.
  json hook = json::parse(w.body);
  hook["payload_url"] = 5;
  EXPECT_FALSE(OpenApi::Get().Validate(OpenApi::Get().SchemaFor("GET", "/1/webhooks/2", 200), hook).empty());
  json folder = json::parse(f.body);
  folder.erase("projects");
  EXPECT_FALSE(OpenApi::Get().Validate(OpenApi::Get().SchemaFor("GET", "/1/stacks/2", 200), folder).empty());
  EXPECT_FALSE(OpenApi::Get()
                   .Validate(OpenApi::Get().SchemaFor("PUT", "/1/stacks/2", 422), json{{"errors", {{"name", "x"}}}})
                   .empty());
  json account = json::parse(Check("GET", "/4000001/account.json", 200).body);
  account.erase("name");
  EXPECT_FALSE(OpenApi::Get().Validate(OpenApi::Get().SchemaFor("GET", "/1/account.json", 200), account).empty());
}

// The Content family (messages, files, Campfire, client features, forwards): every operation's
// bodies, created first and then read, updated and deleted, in the document's form (flat, no
// .json) and bucket-scoped.
class ContentOpenApiTest : public OpenApiTest {
 protected:
  std::string New(const std::string& path, const std::string& body,
                  std::multimap<std::string, std::string> params = {}) {
    ApiResponse r = Check("POST", path, 201, std::move(params), body);
    json j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("id") ? std::to_string(j["id"].get<long long>()) : "0";
  }
  std::string Add(const std::string& type, bcsim::Id parent, json fields = json::object()) {
    Recording rec;
    rec.type = type;
    rec.parent = parent;
    rec.title = type;
    rec.content = "<p>x</p>";
    rec.creator = "bob";
    rec.fields = std::move(fields);
    return std::to_string(AddRecording(world_, world_.accounts[0].projects[0], std::move(rec), "bob",
                                       kDefaultStartTime));
  }
};

TEST_F(ContentOpenApiTest, MessagesAndMessageTypesValidate) {
  const std::string board = "/4000001/message_boards/" + Id("message_board", "website");
  const std::string types = "/4000001/buckets/2000001/categories";
  Check("GET", board, 200);
  Check("GET", "/4000001/buckets/2000001/message_boards/" + Id("message_board", "website") + ".json", 200);
  Check("GET", types + ".json", 200);
  const std::string type = New(types + ".json", R"({"name":"Update","icon":"U"})");
  Check("POST", types + ".json", 400, {}, R"({"name":"Update"})");
  Check("GET", types + "/" + type, 200);
  Check("PUT", types + "/" + type, 200, {}, R"({"name":"Weekly"})");
  const std::string m = New(board + "/messages.json",
                            R"({"subject":"Hi","content":"<p>x</p>","category_id":)" + type + "}");
  Check("POST", board + "/messages.json", 422, {}, R"({"content":"x"})");
  Check("GET", board + "/messages.json", 200);
  Check("GET", "/4000001/messages/" + m, 200);
  Check("PUT", "/4000001/messages/" + m, 200, {}, R"({"subject":"Hi again"})");
  Check("PUT", "/4000001/buckets/2000001/messages/" + m + ".json", 422, {}, R"({"subject":""})");
  Check("POST", "/4000001/recordings/" + m + "/pin.json", 204);
  Check("DELETE", "/4000001/recordings/" + m + "/pin.json", 204);
  Check("POST", "/4000001/recordings/" + m + "/comments.json", 201, {}, R"({"content":"c"})");
  Check("GET", "/4000001/recordings/" + m + "/comments.json", 200);
  Check("PUT", "/4000001/recordings/" + m + "/client_visibility.json", 200, {},
        R"({"visible_to_clients":true})");
  Check("PUT", "/4000001/recordings/" + m + "/client_visibility.json", 422, {}, R"({})");
  Check("DELETE", types + "/" + type, 204);
  Check("GET", types + "/" + type, 404);
  Check("GET", "/4000001/messages/" + m, 200);  // its type gone
  EXPECT_GE(checked_, 18);
}

TEST_F(ContentOpenApiTest, FilesValidate) {
  const std::string vault = "/4000001/vaults/" + Id("vault", "website");
  Check("GET", vault, 200);
  Check("PUT", vault, 200, {}, R"({"title":"Files"})");
  const std::string folder = New(vault + "/vaults.json", R"({"title":"Folder"})");
  Check("GET", vault + "/vaults.json", 200);
  Check("GET", "/4000001/vaults/" + folder, 200);
  const std::string doc = New(vault + "/documents.json", R"({"title":"Doc","content":"<p>1</p>"})");
  Check("POST", vault + "/documents.json", 422, {}, R"({})");
  Check("GET", vault + "/documents.json", 200);
  Check("GET", "/4000001/documents/" + doc, 200);
  Check("PUT", "/4000001/documents/" + doc, 200, {}, R"({"content":"<p>2</p>"})");
  ApiResponse att = Check("POST", "/4000001/attachments.json", 201, {{"name", "a.pdf"}}, "PDF");
  const std::string sgid = json::parse(att.body)["attachable_sgid"];
  Check("POST", "/4000001/attachments.json", 422, {}, "PDF");
  const std::string up = New(vault + "/uploads.json", json{{"attachable_sgid", sgid}}.dump());
  Check("POST", vault + "/uploads.json", 422, {}, R"({"attachable_sgid":"x"})");
  Check("GET", vault + "/uploads.json", 200);
  Check("GET", "/4000001/uploads/" + up, 200);
  Check("PUT", "/4000001/uploads/" + up, 200, {}, R"({"description":"d","base_name":"b"})");
  Check("POST", "/4000001/uploads/" + up + "/versions.json", 201, {},
        json{{"attachable_sgid", sgid}}.dump());
  Check("GET", "/4000001/uploads/" + up + "/versions.json", 200);
  const std::string under = "/4000001/buckets/2000001/vaults/" + Id("vault", "website");
  const std::string cf = New(under + "/cloud_files.json",
                             R"({"service":"dropbox","url":"https://dropbox.com/s/1"})");
  Check("POST", under + "/cloud_files.json", 422, {}, R"({"service":"dropbox"})");
  Check("GET", "/4000001/cloud_files/" + cf, 200);
  Check("PUT", "/4000001/cloud_files/" + cf, 200, {}, R"({"service":"box","url":"https://box.com/1"})");
  const std::string gd = New(under + "/google_documents.json",
                             R"({"document_type":"doc","url":"https://docs.google.com/d/1"})");
  Check("POST", under + "/google_documents.json", 422, {}, R"({"url":"https://docs.google.com/d/1"})");
  Check("GET", "/4000001/google_documents/" + gd, 200);
  Check("PUT", "/4000001/google_documents/" + gd, 200, {},
        R"({"document_type":"other","url":"https://docs.google.com/f/1"})");
  Check("POST", under + "/cloud_files.json", 201, {},
        R"({"service":"other","url":"https://files.example.test/1"})");
  Check("PUT", "/4000001/recordings/" + doc + "/client_visibility.json", 200, {},
        R"({"visible_to_clients":true})");
  Check("GET", vault, 200);  // counts
  EXPECT_GE(checked_, 25);
}

TEST_F(ContentOpenApiTest, CampfireValidates) {
  const std::string chat = "/4000001/chats/" + Id("chat", "website");
  const std::string bots = "/4000001/buckets/2000001/chats/" + Id("chat", "website") + "/integrations";
  Check("GET", "/4000001/chats.json", 200);
  Check("GET", chat, 200);
  const std::string line = New(chat + "/lines.json", R"({"content":"Hello"})");
  Check("POST", chat + "/lines.json", 422, {}, R"({})");
  Check("GET", chat + "/lines.json", 200);
  Check("GET", chat + "/lines/" + line, 200);
  Check("PUT", chat + "/lines/" + line, 204, {}, R"({"content":"Hi"})");
  New(chat + "/uploads.json", "GIF89a", {{"name", "cat.gif"}});
  Check("GET", chat + "/uploads.json", 200);
  Check("GET", chat + "/lines.json", 200);
  Check("DELETE", chat + "/lines/" + line, 204);
  Check("GET", bots + ".json", 200);
  const std::string bot = New(bots + ".json", R"({"service_name":"ci","command_url":"https://ci.test"})");
  Check("POST", bots + ".json", 422, {}, R"({})");
  Check("GET", bots + "/" + bot, 200);
  Check("PUT", bots + "/" + bot, 200, {}, R"({"service_name":"cd"})");
  Check("GET", bots + ".json", 200);
  Check("DELETE", bots + "/" + bot, 204);
  EXPECT_GE(checked_, 14);
}

TEST_F(ContentOpenApiTest, ClientFeaturesAndForwardsValidate) {
  const bcsim::Id board = StableId("message_board", "website");
  const std::string approval = Add("Client::Approval", board, {{"due_on", "2026-12-10"}, {"approver", "carol"}});
  const std::string corr = Add("Client::Correspondence", board);
  const std::string reply = Add("Client::Reply", std::stoll(approval));
  Check("GET", "/4000001/buckets/2000001/client/approvals.json", 200);
  Check("GET", "/4000001/client/approvals/" + approval, 200);
  Check("GET", "/4000001/buckets/2000001/client/correspondences.json", 200);
  Check("GET", "/4000001/client/correspondences/" + corr, 200);
  Check("GET", "/4000001/buckets/2000001/client/recordings/" + approval + "/replies.json", 200);
  Check("GET", "/4000001/buckets/2000001/client/recordings/" + approval + "/replies/" + reply, 200);
  Check("PUT", "/4000001/recordings/" + corr + "/client_visibility.json", 200, {},
        R"({"visible_to_clients":true})");

  FindRecording(world_, StableId("inbox", "website"))->recording->fields["enabled"] = true;
  const std::string inbox = "/4000001/inboxes/" + Id("inbox", "website");
  const std::string fwd = Add("Inbox::Forward", StableId("inbox", "website"), {{"from", "a@b.test"}});
  const std::string fwd_reply = Add("Inbox::Forward::Reply", std::stoll(fwd));
  Check("GET", inbox, 200);
  Check("GET", inbox + "/inbox_forwards.json", 200);
  Check("GET", "/4000001/inbox_forwards/" + fwd, 200);
  Check("GET", "/4000001/inbox_forwards/" + fwd + "/replies.json", 200);
  Check("GET", "/4000001/inbox_forwards/" + fwd + "/replies/" + fwd_reply, 200);
  Check("GET", "/4000001/inbox_forwards/" + fwd + "/replies/" + reply, 404);
  EXPECT_GE(checked_, 13);
}

// The official SDK's own path forms answer what their documented twins answer.
TEST_F(ContentOpenApiTest, TheSdkPathFormsValidateAsTheirDocumentedTwins) {
  const bcsim::Id board = StableId("message_board", "website");
  const std::string approval = Add("Client::Approval", board, {{"due_on", "2026-12-10"}});
  Add("Client::Correspondence", board);
  const std::string reply = Add("Client::Reply", std::stoll(approval));
  const std::string b = "/4000001/buckets/2000001";
  CheckAs("GET", "/4000001/client/approvals.json", 200, "", "GET", b + "/client/approvals.json",
          200);
  CheckAs("GET", "/4000001/client/correspondences.json", 200, "", "GET",
          b + "/client/correspondences.json", 200);
  CheckAs("GET", "/4000001/client/recordings/" + approval + "/replies.json", 200, "", "GET",
          b + "/client/recordings/1/replies.json", 200);
  CheckAs("GET", "/4000001/client/recordings/" + approval + "/replies/" + reply, 200, "", "GET",
          b + "/client/recordings/1/replies/2", 200);

  const json made = CheckAs("POST", "/4000001/categories.json", 201,
                            R"({"name":"Flat","icon":"F"})", "POST", b + "/categories.json", 201);
  CheckAs("GET", "/4000001/categories.json", 200, "", "GET", b + "/categories.json", 200);
  CheckAs("GET", "/4000001/categories/" + std::to_string(made.value("id", 0LL)), 200, "", "GET",
          b + "/categories/1", 200);

  const std::string chat = "/4000001/chats/" + Id("chat", "website");
  const json bot = CheckAs("POST", chat + "/integrations.json", 201, R"({"service_name":"ci"})",
                           "POST", b + "/chats/1/integrations.json", 201);
  CheckAs("GET", chat + "/integrations.json", 200, "", "GET", b + "/chats/1/integrations.json",
          200);
  CheckAs("GET", chat + "/integrations/" + std::to_string(bot.value("id", 0LL)), 200, "", "GET",
          b + "/chats/1/integrations/2", 200);

  FindRecording(world_, StableId("inbox", "website"))->recording->fields["enabled"] = true;
  const std::string fwd =
      Add("Inbox::Forward", StableId("inbox", "website"), {{"from", "a@b.test"}});
  CheckAs("GET", "/4000001/inboxes/" + Id("inbox", "website") + "/forwards.json", 200, "", "GET",
          "/4000001/inboxes/1/inbox_forwards.json", 200);
  CheckAs("POST", "/4000001/inbox_forwards/" + fwd + "/replies.json", 201,
          R"({"content":"Thanks"})", "GET", "/4000001/inbox_forwards/1/replies/2", 200);

  const std::string todo = std::to_string(StableId("todo", "copy"));
  const json as_todo =
      CheckAs("GET", "/4000001/recordings/" + todo, 200, "", "GET", "/4000001/todos/1", 200);
  // The twin's schema decides: the same to-do is no chatbot.
  EXPECT_FALSE(
      OpenApi::Get()
          .Validate(OpenApi::Get().SchemaFor("GET", b + "/chats/1/integrations/2", 200), as_todo)
          .empty());
  CheckAs("GET", "/4000001/recordings/3000001", 200, "", "GET", "/4000001/todolists/1", 200);
  const std::string set = Id("todoset", "website/todoset");
  CheckAs("POST", "/4000001/dock/tools.json", 201, R"({"source_recording_id":)" + set + "}", "POST",
          b + "/dock/tools.json", 201);
  CheckAs("PUT", "/4000001/todolists/3000101/position.json", 200, R"({"position":1})", "PUT",
          "/4000001/todolists/groups/1/position.json", 200);
  CheckAs("DELETE", "/4000001/todos/" + todo, 204, "", "PUT",
          "/4000001/recordings/1/status/trashed.json", 204);
  EXPECT_GE(checked_, 14);
}

// The field-keyed 422 body validates nested and at the root; a wrong one does not.
TEST_F(OpenApiTest, FieldErrorsValidate) {
  const std::string keyed = "#/components/schemas/FieldKeyedErrors";
  EXPECT_TRUE(OpenApi::Get().Validate(keyed, json::parse(R"({"errors":{"url":["x"]}})")).empty());
  EXPECT_FALSE(OpenApi::Get().Validate(keyed, json::parse(R"({"errors":{"url":"x"}})")).empty());
  EXPECT_FALSE(OpenApi::Get().Validate(keyed, json::parse(R"({"url":["x"]})")).empty());
  EXPECT_TRUE(OpenApi::Get().Validate("#/components/schemas/FieldErrorMap",
                                      json::parse(R"({"url":["x"]})")).empty());
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

// Webhook payloads (api/webhook_payload.h): what the delivery engine POSTs validates as the
// document's WebhookEvent, its recording as the generic Recording (no to-do fields).
TEST_F(OpenApiTest, WebhookPayloadsValidateAsWebhookEvents) {
  Check("POST", "/4000001/buckets/2000001/webhooks.json", 201, {},
        R"({"payload_url":"http://127.0.0.1:9/h","types":["Todo","Comment"]})");
  const std::string todo = Id("todo", "copy");
  Check("POST", "/4000001/todos/" + todo + "/completion.json", 204);
  Check("POST", "/4000001/recordings/" + todo + "/comments.json", 201, {},
        R"({"content":"<p>Done</p>"})");
  ASSERT_EQ(QueueWebhookDeliveries(world_, "http://127.0.0.1:4567", kDefaultStartTime), 2u);
  const Webhook& w = world_.accounts[0].projects[0].webhooks.back();
  ASSERT_EQ(w.queue.size(), 2u);
  const std::string event = "#/components/schemas/WebhookEvent";
  for (const PendingDelivery& d : w.queue) {
    for (const std::string& e : OpenApi::Get().Validate(event, d.body)) ADD_FAILURE() << e;
    EXPECT_FALSE(d.body["recording"].contains("assignees")) << d.body.dump();
    EXPECT_FALSE(d.body["recording"].contains("completed"));
    EXPECT_FALSE(d.body["recording"].contains("description"));
  }
  EXPECT_EQ(w.queue[0].body["kind"], "todo_completed");
  EXPECT_EQ(w.queue[0].body["recording"]["id"].get<bcsim::Id>(), std::stoll(todo));
  EXPECT_EQ(w.queue[1].body["kind"], "comment_created");
  EXPECT_EQ(w.queue[1].body["recording"]["type"], "Comment");
  // The wrong variant: a recording without its bucket, or with a text id, does not validate.
  json bad = w.queue[0].body;
  bad["recording"].erase("bucket");
  EXPECT_FALSE(OpenApi::Get().Validate(event, bad).empty());
  bad = w.queue[0].body;
  bad["id"] = "1";
  EXPECT_FALSE(OpenApi::Get().Validate(event, bad).empty());
}

}  // namespace
}  // namespace bcsim
