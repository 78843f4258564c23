// The Account family through HandleApi on fixtures/worlds/acme.yaml: every write is read back
// (no canned bodies), and each refusal (404, 403, 422, 400, 507) is shown next to the call that
// succeeds, so each check can fail.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/api_test_support.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;

class AccountApiTest : public testing::AcmeApiTest {
 protected:
  static std::string Header(const ApiResponse& r, const std::string& name) {
    return AcmeApiTest::Header(r, name, "<none>");
  }
  static std::string IdOf(const ApiResponse& r) { return std::to_string(Body(r)["id"].get<Id>()); }
  static std::string Person(const std::string& key) { return std::to_string(PersonId(key)); }
};

// --- Projects ------------------------------------------------------------------------------

TEST_F(AccountApiTest, CreatedProjectHasBasecampsDefaultDockAndIsListed) {
  ApiResponse r = Call("POST", "/4000001/projects.json", R"({"name":"Launch","description":"d"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const json p = Body(r);
  EXPECT_EQ(Header(r, "Location"), p["url"].get<std::string>());
  EXPECT_EQ(p["name"], "Launch");
  std::vector<std::string> on, off;
  for (const json& d : p["dock"]) (d["enabled"].get<bool>() ? on : off).push_back(d["name"]);
  EXPECT_EQ(on, (std::vector<std::string>{"message_board", "todoset", "vault", "chat", "schedule"}));
  EXPECT_EQ(off, (std::vector<std::string>{"questionnaire", "kanban_board", "inbox"}));
  // Read back: the project itself, the list, and its to-do set through the dock url.
  EXPECT_EQ(Get("/4000001/projects/" + IdOf(r) + ".json")["name"], "Launch");
  bool listed = false;
  for (const json& q : Get("/4000001/projects.json")) listed = listed || q["id"] == p["id"];
  EXPECT_TRUE(listed);
  EXPECT_EQ(Get("/4000001/projects.json", "bob").size(), 1u);  // bob is not on it
  const std::string set = std::to_string(p["dock"][1]["id"].get<Id>());
  EXPECT_EQ(Get("/4000001/todosets/" + set + ".json")["todolists_count"], 0);
}

TEST_F(AccountApiTest, ProjectCreateRefusesBadInputClientsAndTheLimit) {
  EXPECT_EQ(Call("POST", "/4000001/projects.json", R"({"description":"no name"})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/projects.json", R"({"name":""})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/projects.json", "[1]").status, 400);
  EXPECT_EQ(Call("POST", "/4000001/projects.json", R"({"name":"x"})", "carol").status, 403);
  world_.limits.project_limit = 3;  // acme has two active projects
  EXPECT_EQ(Call("POST", "/4000001/projects.json", R"({"name":"third"})").status, 201);
  ApiResponse full = Call("POST", "/4000001/projects.json", R"({"name":"fourth"})");
  EXPECT_EQ(full.status, 507);
  EXPECT_EQ(Body(full), json({{"error", "The project limit for this account has been reached."}}));
  EXPECT_EQ(Get("/4000001/account.json")["limits"]["can_create_projects"], false);
}

TEST_F(AccountApiTest, ProjectUpdateTrashArchiveAndUnarchive) {
  ApiResponse r = Call("PUT", "/4000001/projects/2000001",
                       R"({"name":"Renamed","schedule_attributes":{"start_date":"2026-01-01","end_date":"2026-02-01"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["name"], "Renamed");
  EXPECT_EQ(Body(r)["description"], "The new acme.test");  // omitted: kept
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["start_date"], "2026-01-01");
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001", R"({"description":"x"})").status, 422);
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001",
                 R"({"name":"a","schedule_attributes":{"start_date":"2026-01-01"}})").status, 422);
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000002", R"({"name":"a"})", "bob").status, 404);

  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001/status/archived.json").status, 204);
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["status"], "archived");
  world_.limits.project_limit = 1;  // internal ops is the one active project now
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001/status/active.json").status, 507);
  world_.limits.project_limit = 0;
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001/status/active.json").status, 204);
  EXPECT_EQ(Call("DELETE", "/4000001/projects/2000001.json", "", "carol").status, 403);
  EXPECT_EQ(Call("DELETE", "/4000001/projects/2000001.json").status, 204);
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["status"], "trashed");
  EXPECT_EQ(Call("DELETE", "/4000001/projects/1.json").status, 404);
}

TEST_F(AccountApiTest, PlanLimitsComeFromTheWorldFile) {
  const std::string base =
      "basecamp:\n  identities: {a: {email: a@x.test, password: p}}\n"
      "  accounts: {x: {id: 4000009, people: {a: {identity: a, owner: true}}, projects: {p: {id: 2000009}}}}\n";
  StatusOr<ScenarioDocument> doc = ReadScenarioText(base + "  limits: {projects: 1, webhooks: 2}\n", "t.yaml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  StatusOr<World> w = LoadWorld(*doc, {});
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->limits.project_limit, 1);
  EXPECT_EQ(w->limits.webhook_limit, 2);
  world_ = std::move(*w);
  ApiRequest req{"POST", "/4000009/projects.json", {}, R"({"name":"n"})", "http://o", now_, "a"};
  EXPECT_EQ(HandleApi(world_, req).status, 507);  // p is the one project allowed
  StatusOr<ScenarioDocument> bad = ReadScenarioText(base + "  limits: {projects: -1}\n", "t.yaml");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(LoadWorld(*bad, {}).ok());
}

// --- Webhooks ------------------------------------------------------------------------------

TEST_F(AccountApiTest, WebhookCreateReadUpdateDelete) {
  const std::string list = "/4000001/buckets/2000001/webhooks.json";
  ApiResponse r = Call("POST", list, R"({"payload_url":"https://example.com/hook","types":["Todo","Comment"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = IdOf(r);
  EXPECT_EQ(Header(r, "Location"), "http://127.0.0.1:4567/4000001/buckets/2000001/webhooks/" + id + ".json");
  EXPECT_EQ(Body(r)["active"], true);
  EXPECT_EQ(Body(r)["recent_deliveries"], json::array());
  const json listed = Get(list);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["types"], json({"Todo", "Comment"}));
  // The document's flat form and the bucket-scoped one.
  EXPECT_EQ(Get("/4000001/webhooks/" + id)["payload_url"], "https://example.com/hook");
  EXPECT_EQ(Get("/4000001/buckets/2000001/webhooks/" + id + ".json")["id"].get<Id>(), std::stoll(id));
  EXPECT_EQ(Call("GET", "/4000001/buckets/2000002/webhooks/" + id + ".json").status, 404);

  ApiResponse u = Call("PUT", "/4000001/webhooks/" + id, R"({"active":false,"types":["all"]})");
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(Get("/4000001/webhooks/" + id + ".json")["active"], false);
  EXPECT_EQ(Get("/4000001/webhooks/" + id + ".json")["types"], json({"all"}));
  EXPECT_EQ(Call("DELETE", "/4000001/webhooks/" + id).status, 204);
  EXPECT_EQ(Call("GET", "/4000001/webhooks/" + id).status, 404);
  EXPECT_EQ(Get(list), json::array());
}

TEST_F(AccountApiTest, WebhookRefusesBadUrlsTypesClientsAndTheLimit) {
  const std::string list = "/4000001/buckets/2000001/webhooks.json";
  ApiResponse bad = Call("POST", list, R"({"payload_url":"ftp://example.com"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad), json({{"payload_url", {"is not a valid URL"}}}));
  EXPECT_EQ(Call("POST", list, R"({"payload_url":"http://example.com/h"})").status, 400);
  EXPECT_EQ(Call("POST", list, R"({"types":["Todo"]})").status, 400);
  EXPECT_EQ(Call("POST", list, R"({"payload_url":"https://e.com","types":["Nope"]})").status, 400);
  // Plain http is taken for loopback receivers (the tracker under test).
  EXPECT_EQ(Call("POST", list, R"({"payload_url":"http://127.0.0.1:9/hook"})").status, 201);
  EXPECT_EQ(Call("POST", list, R"({"payload_url":"https://e.com"})", "carol").status, 403);
  EXPECT_EQ(Call("GET", list, "", "carol").status, 403);
  EXPECT_EQ(Call("POST", "/4000001/buckets/2000002/webhooks.json", R"({"payload_url":"https://e.com"})", "bob").status, 404);
  world_.limits.webhook_limit = 2;
  EXPECT_EQ(Call("POST", list, R"({"payload_url":"https://e.com/2"})").status, 201);
  EXPECT_EQ(Call("POST", list, R"({"payload_url":"https://e.com/3"})").status, 507);
  // Only under a bucket: the flat list is not a route.
  EXPECT_EQ(Call("GET", "/4000001/webhooks.json").status, 404);
}

TEST_F(AccountApiTest, WebhookShowsDeliveriesTheEngineRecords) {
  ApiResponse r = Call("POST", "/4000001/buckets/2000001/webhooks.json", R"({"payload_url":"https://e.com"})");
  Webhook& w = world_.accounts[0].projects[0].webhooks.back();
  for (int i = 0; i < 30; ++i) {
    WebhookDelivery d;
    d.id = 100 + i;
    d.created_at = now_;
    d.request_headers = {{"User-Agent", "Basecamp3 Webhook"}};
    d.response_code = 200;
    d.response_message = "OK";
    w.recent_deliveries.push_front(d);
  }
  const json got = Get("/4000001/webhooks/" + IdOf(r));
  ASSERT_EQ(got["recent_deliveries"].size(), 25u);  // the 25 newest
  EXPECT_EQ(got["recent_deliveries"][0]["id"], 129);
  EXPECT_EQ(got["recent_deliveries"][0]["response"]["code"], 200);
}

// --- Account and people --------------------------------------------------------------------

TEST_F(AccountApiTest, AccountNameAndLogo) {
  EXPECT_EQ(Get("/4000001/account.json")["name"], "Acme Inc");
  EXPECT_EQ(Get("/4000001/account.json")["owner_name"], "Alice Adams");
  EXPECT_EQ(Call("PUT", "/4000001/account/name.json", R"({"name":"Acme 2"})", "bob").status, 403);
  EXPECT_EQ(Call("PUT", "/4000001/account/name.json", R"({"name":""})").status, 400);
  ApiResponse r = Call("PUT", "/4000001/account/name.json", R"({"name":"Acme 2"})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Get("/4000001/account.json")["name"], "Acme 2");

  const std::string form = "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"l.png\"\r\n"
                           "Content-Type: image/png\r\n\r\nPNGDATA\r\n--XyZ--\r\n";
  EXPECT_EQ(Call("PUT", "/4000001/account/logo.json", "{}").status, 422);
  EXPECT_EQ(Call("PUT", "/4000001/account/logo.json", form, "bob").status, 403);
  EXPECT_EQ(Call("PUT", "/4000001/account/logo.json", form).status, 204);
  EXPECT_TRUE(Get("/4000001/account.json").contains("logo"));
  EXPECT_EQ(Call("DELETE", "/4000001/account/logo.json").status, 204);
  EXPECT_FALSE(Get("/4000001/account.json").contains("logo"));
}

TEST_F(AccountApiTest, PreferencesAndProfileAreStored) {
  EXPECT_EQ(Get("/4000001/my/preferences.json")["time_zone_name"], "UTC");
  ApiResponse r = Call("PUT", "/4000001/my/preferences.json",
                       R"({"person":{"time_zone_name":"America/Chicago","first_week_day":"Monday"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["time_zone_name"], "Central Time (US & Canada)");
  EXPECT_EQ(Get("/4000001/my/profile.json")["time_zone"], "America/Chicago");
  EXPECT_EQ(Call("PUT", "/4000001/my/preferences.json", R"({"person":{"first_week_day":"Funday"}})").status, 422);
  EXPECT_EQ(Call("PUT", "/4000001/my/preferences.json", R"({})").status, 422);

  EXPECT_EQ(Call("PUT", "/4000001/my/profile.json", R"({"title":"Chief","bio":"Hi"})").status, 204);
  EXPECT_EQ(Get("/4000001/my/profile.json")["title"], "Chief");
  EXPECT_EQ(Get("/4000001/people/" + Person("alice") + ".json", "bob")["bio"], "Hi");
  EXPECT_EQ(Call("PUT", "/4000001/my/profile.json", R"({"email_address":"nope"})").status, 422);
  EXPECT_EQ(Call("PUT", "/4000001/my/profile.json", R"({"name":""})").status, 422);
  EXPECT_EQ(Get("/4000001/my/profile.json")["name"], "Alice Adams");
}

TEST_F(AccountApiTest, OutOfOfficeEnableReadDisable) {
  const std::string bob = "/4000001/people/" + Person("bob") + "/out_of_office.json";
  EXPECT_EQ(Get(bob)["enabled"], false);
  EXPECT_FALSE(Get(bob).contains("start_date"));
  // Friday 2026-12-04 to Friday 2026-12-11: back on Monday.
  const std::string dates = R"({"out_of_office":{"start_date":"2026-12-04","end_date":"2026-12-11"}})";
  EXPECT_EQ(Call("POST", bob, dates, "carol").status, 403);  // not bob, not an admin
  ApiResponse r = Call("POST", bob, dates, "bob");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["back_on_date"], "2026-12-14");
  EXPECT_EQ(Get(bob)["end_date"], "2026-12-11");
  EXPECT_EQ(Call("POST", bob, R"({"out_of_office":{"start_date":"2026-12-11","end_date":"2026-12-04"}})").status, 422);
  EXPECT_EQ(Call("DELETE", bob).status, 204);  // an admin may
  EXPECT_EQ(Get(bob)["enabled"], false);
  EXPECT_EQ(Call("GET", "/4000001/people/1/out_of_office.json").status, 404);
}

TEST_F(AccountApiTest, ProjectAccessGrantsRevokesAndCreates) {
  const std::string access = "/4000001/projects/2000002/people/users.json";
  ApiResponse r = Call("PUT", access,
                       R"({"grant":[)" + Person("bob") +
                           R"(],"create":[{"name":"Dana","email_address":"dana@acme.test"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(Body(r)["granted"].size(), 2u);
  EXPECT_EQ(Get("/4000001/projects/2000002/people.json").size(), 3u);
  EXPECT_EQ(Call("GET", "/4000001/projects/2000002.json", "", "bob").status, 200);  // bob sees it now
  EXPECT_EQ(Call("PUT", access, R"({"grant":[1]})").status, 422);
  ApiResponse rv = Call("PUT", access, R"({"revoke":[)" + Person("bob") + "]}");
  EXPECT_EQ(Body(rv)["revoked"].size(), 1u);
  EXPECT_EQ(Call("GET", "/4000001/projects/2000002.json", "", "bob").status, 404);
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001/people/users.json", "{}", "carol").status, 403);
}

TEST_F(AccountApiTest, PingablePeopleAreTheOthersInTheAccount) {
  EXPECT_EQ(Get("/4000001/circles/people.json").size(), 2u);
}

// --- Dock tools ----------------------------------------------------------------------------

TEST_F(AccountApiTest, ToolCreateRenameRepositionDisableEnableTrash) {
  ApiResponse r = Call("POST", "/4000001/buckets/2000001/dock/tools.json", R"({"tool_type":"Chat::Transcript"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = IdOf(r);
  EXPECT_EQ(Body(r)["title"], "Chat 2");  // the next free default title
  EXPECT_EQ(Body(r)["position"], 8);      // at the end of the 7 enabled entries
  EXPECT_EQ(Call("PUT", "/4000001/dock/tools/" + id, R"({"title":"Q&A"})").status, 200);
  EXPECT_EQ(Get("/4000001/buckets/2000001/dock/tools/" + id + ".json")["title"], "Q&A");
  EXPECT_EQ(Call("PUT", "/4000001/dock/tools/" + id, R"({"title":""})").status, 422);

  const std::string pos = "/4000001/buckets/2000001/recordings/" + id + "/position.json";
  EXPECT_EQ(Call("PUT", pos, R"({"position":1})").status, 200);
  json dock = Get("/4000001/projects/2000001.json")["dock"];
  EXPECT_EQ(dock[0]["title"], "Q&A");
  EXPECT_EQ(dock[0]["position"], 1);
  EXPECT_EQ(dock[1]["name"], "message_board");
  EXPECT_EQ(dock[1]["position"], 2);
  EXPECT_EQ(Call("PUT", pos, R"({"position":99})").status, 422);

  EXPECT_EQ(Call("DELETE", pos).status, 204);
  EXPECT_FALSE(Get("/4000001/dock/tools/" + id).contains("position"));  // disabled
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["dock"][0]["name"], "message_board");
  EXPECT_EQ(Call("PUT", pos, R"({"position":1})").status, 422);
  EXPECT_EQ(Call("POST", pos).status, 201);
  EXPECT_EQ(Call("POST", pos).status, 422);  // already on
  EXPECT_EQ(Get("/4000001/dock/tools/" + id)["position"], 8);

  EXPECT_EQ(Call("DELETE", "/4000001/dock/tools/" + id, "", "carol").status, 404);  // hidden from clients
  EXPECT_EQ(Call("DELETE", "/4000001/dock/tools/" + id).status, 204);
  EXPECT_EQ(Call("GET", "/4000001/dock/tools/" + id).status, 404);
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["dock"].size(), 8u);
}

TEST_F(AccountApiTest, ToolsRefuseUnknownTypesAndOtherProjects) {
  EXPECT_EQ(Call("POST", "/4000001/buckets/2000001/dock/tools.json", R"({"tool_type":"Todo"})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/buckets/2000001/dock/tools.json", R"({})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/buckets/2000002/dock/tools.json", R"({"tool_type":"Vault"})", "bob").status, 404);
  const std::string set = std::to_string(StableId("todoset", "website/todoset"));
  EXPECT_EQ(Get("/4000001/dock/tools/" + set)["type"], "Todoset");
  EXPECT_EQ(Call("GET", "/4000001/buckets/2000002/dock/tools/" + set).status, 404);
  EXPECT_EQ(Call("GET", "/4000001/dock/tools/3000001").status, 404);  // a list is not a tool
  // A second to-do set joins the dock after the first.
  ApiResponse r = Call("POST", "/4000001/buckets/2000001/dock/tools.json", R"({"tool_type":"Todoset","title":"More"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["dock"][2]["title"], "More");
  // The SDK's tools.clone: POST dock/tools.json without the bucket, in the source's project.
  ApiResponse clone = Call("POST", "/4000001/dock/tools.json",
                           R"({"source_recording_id":)" + set + R"(,"title":"Third"})");
  ASSERT_EQ(clone.status, 201) << clone.body;
  EXPECT_EQ(Body(clone)["bucket"]["id"], 2000001);
  EXPECT_EQ(Get("/4000001/projects/2000001.json")["dock"][3]["title"], "Third");
  EXPECT_EQ(Call("POST", "/4000001/dock/tools.json", R"({"source_recording_id":3000001})").status,
            422);  // a list is not a tool
  EXPECT_EQ(Call("POST", "/4000001/dock/tools.json", R"({"tool_type":"Vault"})").status, 422);
  EXPECT_EQ(
      Call("POST", "/4000001/dock/tools.json", R"({"source_recording_id":)" + set + "}", "bob")
          .status,
      201);  // bob is in the project too
  EXPECT_EQ(Call("POST", "/4000001/dock/tools.json", "[]").status, 400);
}

// --- Templates and folders -----------------------------------------------------------------

TEST_F(AccountApiTest, TemplateLifecycleAndProjectConstruction) {
  ApiResponse t = Call("POST", "/4000001/templates.json", R"({"name":"Onboarding","description":"First week"})");
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string tid = IdOf(t);
  EXPECT_EQ(Get("/4000001/templates.json").size(), 1u);
  EXPECT_EQ(Get("/4000001/templates.json", "bob").size(), 0u);
  EXPECT_EQ(Call("PUT", "/4000001/templates/" + tid, R"({"name":"Onboarding 2"})").status, 200);
  EXPECT_EQ(Get("/4000001/templates/" + tid)["name"], "Onboarding 2");
  EXPECT_EQ(Get("/4000001/templates/" + tid)["description"], "First week");
  EXPECT_EQ(Call("PUT", "/4000001/templates/" + tid, R"({"name":""})").status, 422);

  ApiResponse pc = Call("POST", "/4000001/templates/" + tid + "/project_constructions.json",
                        R"({"project":{"name":"Dana's first week"}})");
  ASSERT_EQ(pc.status, 201) << pc.body;
  EXPECT_EQ(Body(pc)["status"], "completed");
  const Id project = Body(pc)["project"]["id"];
  EXPECT_EQ(Get("/4000001/projects/" + std::to_string(project) + ".json")["description"], "First week");
  EXPECT_EQ(Get("/4000001/templates/" + tid + "/project_constructions/" + IdOf(pc))["project"]["id"], project);
  // The SDK's flat body (Rails' params wrapper) is the same request; no name is still 422.
  EXPECT_EQ(
      Call("POST", "/4000001/templates/" + tid + "/project_constructions.json", R"({"name":"x"})")
          .status,
      201);
  EXPECT_EQ(Call("POST", "/4000001/templates/" + tid + "/project_constructions.json",
                 R"({"description":"no name"})")
                .status,
            422);

  EXPECT_EQ(Call("DELETE", "/4000001/templates/" + tid).status, 204);
  EXPECT_EQ(Call("GET", "/4000001/templates/" + tid).status, 404);
  EXPECT_EQ(Get("/4000001/templates.json").size(), 0u);
}

TEST_F(AccountApiTest, FoldersArePerPerson) {
  ApiResponse f = Call("POST", "/4000001/stacks.json", R"({"project_ids":[2000001,2000002]})");
  ASSERT_EQ(f.status, 201) << f.body;
  EXPECT_EQ(Body(f)["name"], "New folder");
  EXPECT_EQ(Body(f)["projects"].size(), 2u);
  const std::string id = IdOf(f);
  EXPECT_EQ(Get("/4000001/stacks.json")[0]["bucket_ids"], json({2000001, 2000002}));
  EXPECT_EQ(Get("/4000001/stacks.json", "bob"), json::array());
  EXPECT_EQ(Call("GET", "/4000001/stacks/" + id, "", "bob").status, 404);
  // bob cannot file a project he is not on; nothing is created.
  EXPECT_EQ(Call("POST", "/4000001/stacks.json", R"({"project_ids":[2000002]})", "bob").status, 404);
  EXPECT_EQ(Get("/4000001/stacks.json", "bob"), json::array());
  ApiResponse blank = Call("PUT", "/4000001/stacks/" + id, R"({"name":""})");
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(Body(blank), json({{"errors", {{"name", {"can't be blank"}}}}}));
  EXPECT_EQ(Call("PUT", "/4000001/stacks/" + id, R"({"name":"Clients"})").status, 200);
  EXPECT_EQ(Get("/4000001/stacks/" + id)["name"], "Clients");
  EXPECT_EQ(Call("DELETE", "/4000001/stacks/" + id).status, 204);
  EXPECT_EQ(Call("GET", "/4000001/stacks/" + id).status, 404);
}

}  // namespace
}  // namespace bcsim
