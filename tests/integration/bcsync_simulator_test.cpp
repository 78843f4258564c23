// bcsync against the real simulator, both in this process over loopback. The browser is the
// MiniBrowser: it logs in to bcsync, presses the buttons of docs/contracts.md and goes through
// Launchpad's login and consent pages like a person would.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <set>
#include <cstdio>
#include <memory>

#include <unistd.h>

#include "bcsim/clock.h"
#include "bcsim/simulator.h"
#include "bcsync/app.h"
#include "mini_browser.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync::integration {
namespace {

using ::testing::UnorderedElementsAre;
using nlohmann::json;

struct Config {
  std::string world = "acme.yaml";
  std::string account_mode = "strict";
  std::vector<std::array<std::string, 4>> users;  // email, password, role, name
};

class BcsyncSimulatorTest : public ::testing::Test {
 protected:
  void Start(const Config& setup, const std::string& db_path = ":memory:") {
    bcsim::SimulatorOptions so;
    so.clock = std::make_shared<bcsim::ManualClock>(bcsim::kDefaultStartTime);
    so.real_delays = false;
    sim_ = std::make_unique<bcsim::Simulator>(so);
    ASSERT_TRUE(sim_->Start().ok());
    clock_.Set(bcsim::kDefaultStartTime);
    AppOptions opts;
    opts.basecamp_url = sim_->base_url();
    opts.client_id = "tracker";
    opts.client_secret = "tracker-secret";
    opts.account_mode = setup.account_mode;
    opts.db_path = db_path;
    opts.token_key = std::string(64, 'c');  // tokens are sealed at rest; a restart reuses it
    opts.clock = &clock_;
    opts.sleeper = &sleeper_;
    options_ = opts;
    app_ = std::make_unique<App>(opts);
    ASSERT_TRUE(app_->Start().ok());
    options_.port = app_->port();  // a restart reuses it, like the harness's restart_app
    if (setup.world.find('\n') != std::string::npos) {  // inline YAML
      auto loaded = sim_->LoadYaml(setup.world, "generated.yaml", {{"tracker", app_->base_url()}});
      ASSERT_TRUE(loaded.ok()) << loaded.message();
    } else {
      ASSERT_TRUE(sim_->LoadFile(std::string(BCSIM_FIXTURES_DIR) + "/worlds/" + setup.world,
                                 {{"tracker", app_->base_url()}})
                      .ok());
    }
    ASSERT_TRUE(app_->SeedCompany("Acme Corp").ok());
    for (const auto& u : setup.users) ASSERT_TRUE(app_->SeedUser(u[0], u[1], u[2], u[3]).ok());
  }

  void TearDown() override {
    if (app_) app_->Stop();
    if (sim_) sim_->Stop();
  }

  WebPage LogIn(MiniBrowser& b, const std::string& email, const std::string& password) {
    WebPage login = b.Get(app_->base_url() + "/");
    return b.Submit(login, "Log in", {{"email", email}, {"password", password}});
  }

  // Presses `button` on `page_path` and goes through Launchpad (sign in as email/password if
  // asked, then Allow or Deny).
  WebPage Connect(MiniBrowser& b, const std::string& page_path, const std::string& button, const std::string& email,
                  const std::string& password, const std::string& grant = "Allow") {
    WebPage page = b.Get(app_->base_url() + page_path);
    WebPage next = b.Submit(page, button);
    for (int i = 0; i < 4 && next.url.rfind(sim_->base_url(), 0) == 0; ++i) {
      if (HasButton(next, "Allow")) {
        next = b.Submit(next, grant);
      } else if (HasButton(next, "Sign in")) {
        next = b.Submit(next, "Sign in", {{"email", email}, {"password", password}});
      } else {
        break;
      }
    }
    return next;
  }

  json Api(MiniBrowser& b, const std::string& path) {
    WebPage page = b.Get(app_->base_url() + path);
    return json::parse(page.body, nullptr, false);
  }

  std::vector<std::string> ActiveTitles(MiniBrowser& b) {
    std::vector<std::string> out;
    const json tasks = Api(b, "/api/tasks");
    for (const auto& t : tasks["tasks"]) {
      if (t["status"] == "active") out.push_back(t["title"]);
    }
    return out;
  }

  // POSTs JSON to the simulator's control API; returns the status.
  int Control(const std::string& path, const json& body) {
    httplib::Client control(sim_->base_url());
    control.set_tcp_nodelay(true);
    auto res = control.Post(("/__bcsim/" + path).c_str(), body.dump(), "application/json");
    return res ? res->status : 0;
  }

  FakeClock clock_;
  FakeSleeper sleeper_{&clock_};
  AppOptions options_;
  std::unique_ptr<bcsim::Simulator> sim_;
  std::unique_ptr<App> app_;
};

const std::array<std::string, 4> kAlice{"alice@acme.test", "t-a", "owner", "Alice Adams"};
const std::array<std::string, 4> kBob{"bob@acme.test", "t-b", "user", "Bob Brown"};

TEST_F(BcsyncSimulatorTest, TwoBc3AccountsUnderOneLoginIsError108) {
  Start(Config{"acme.yaml", "strict", {kAlice}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "alice@acme.test", "t-a").status, 200);
  WebPage done = Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "alice@acme.test", "pw-alice");
  EXPECT_EQ(done.status, 200);
  json integrations = Api(b, "/api/integrations");
  EXPECT_EQ(integrations["company"]["state"], "error");
  EXPECT_EQ(integrations["company"]["error_code"], "108");
  WebPage tasks = b.Get(app_->base_url() + "/tasks");
  b.Submit(tasks, "Sync");
  json sync = Api(b, "/api/sync");
  EXPECT_EQ(sync["outcome"], "error");
  EXPECT_EQ(sync["code"], "108");
}

TEST_F(BcsyncSimulatorTest, ChooseModeLinksTheChosenAccountAndSyncsAssignedTodos) {
  Start(Config{"acme.yaml", "choose", {kAlice, kBob}});
  MiniBrowser alice;
  ASSERT_EQ(LogIn(alice, "alice@acme.test", "t-a").status, 200);
  WebPage done = Connect(alice, "/settings/company-integrations/basecamp", "Turn it on", "alice@acme.test", "pw-alice");
  ASSERT_TRUE(HasButton(done, "Use this account")) << done.body;
  WebPage chosen = alice.Submit(done, "Use this account", {{"account", "Acme Inc"}});
  EXPECT_EQ(chosen.status, 200);
  json integrations = Api(alice, "/api/integrations");
  EXPECT_EQ(integrations["company"]["state"], "on");
  EXPECT_EQ(integrations["company"]["account"]["id"], 4000001);
  EXPECT_EQ(integrations["personal"]["state"], "on");
  EXPECT_EQ(integrations["personal"]["identity"]["email"], "alice@acme.test");
  json sync = Api(alice, "/api/sync");  // not synced yet
  WebPage tasks = alice.Get(app_->base_url() + "/tasks");
  alice.Submit(tasks, "Sync");
  sync = Api(alice, "/api/sync");
  EXPECT_EQ(sync["outcome"], "ok") << sync.dump();
  EXPECT_THAT(ActiveTitles(alice), UnorderedElementsAre("Write copy", "Review launch plan", "Proofread", "Run payroll"));

  // Bob sees Basecamp, turns his personal integration on and syncs his own to-dos.
  MiniBrowser bob;
  ASSERT_EQ(LogIn(bob, "bob@acme.test", "t-b").status, 200);
  EXPECT_EQ(Api(bob, "/api/integrations")["visible"], json::array({"Basecamp"}));
  Connect(bob, "/settings/integrations", "ON", "bob@acme.test", "pw-bob");
  EXPECT_EQ(Api(bob, "/api/integrations")["personal"]["state"], "on");
  auto result = app_->SyncUser("bob@acme.test");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->ok) << result->code;
  std::vector<std::string> titles = ActiveTitles(bob);
  EXPECT_THAT(titles, ::testing::IsSupersetOf({"Fix footer", "Review launch plan", "Write headlines",
                                               "Login button misaligned"}));
  EXPECT_THAT(titles, ::testing::Not(::testing::Contains("Shelved idea")));
}

TEST_F(BcsyncSimulatorTest, DenyingConsentKeepsTheIntegrationOff) {
  Start(Config{"acme.yaml", "choose", {kAlice}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "alice@acme.test", "t-a").status, 200);
  WebPage done =
      Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "alice@acme.test", "pw-alice", "Deny");
  EXPECT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("You pressed Deny in Basecamp"), std::string::npos);
  EXPECT_EQ(Api(b, "/api/integrations")["company"]["state"], "off");
}

TEST_F(BcsyncSimulatorTest, UserCannotTurnOnTheCompanyIntegration) {
  Start(Config{"acme.yaml", "strict", {kAlice, kBob}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "bob@acme.test", "t-b").status, 200);
  WebPage page = b.Get(app_->base_url() + "/settings/company-integrations/basecamp");
  EXPECT_FALSE(HasButton(page, "Turn it on"));
  EXPECT_NE(page.body.find("Only your company owner or an admin"), std::string::npos);
  WebPage integrations = b.Get(app_->base_url() + "/settings/integrations");
  EXPECT_NE(integrations.body.find("Ask your company owner or admin to turn on an integration."), std::string::npos);
}

const std::array<std::string, 4> kOlivia{"olivia@team.test", "t-olivia", "owner", "Olivia Owens"};
const std::array<std::string, 4> kUma{"uma@team.test", "t-uma", "user", "Uma Udall"};

TEST_F(BcsyncSimulatorTest, OwnerEnablesCompanyAndSyncsOnlyHerOpenAssignedTodos) {
  Start(Config{"team.yaml", "strict", {kOlivia, kUma}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
  json integrations = Api(b, "/api/integrations");
  EXPECT_EQ(integrations["company"]["state"], "on");
  EXPECT_EQ(integrations["company"]["account"], (json{{"id", 5000001}, {"name", "Team Co"}}));
  EXPECT_EQ(integrations["company"]["connected_by"], "olivia@team.test");
  EXPECT_EQ(integrations["personal"]["state"], "on");
  auto result = app_->SyncUser("olivia@team.test");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->ok) << result->code;
  EXPECT_THAT(ActiveTitles(b), UnorderedElementsAre("Review plan", "Run payroll"));
  EXPECT_TRUE(Api(b, "/api/warnings")["warnings"].empty());
}

TEST_F(BcsyncSimulatorTest, BrowserSignedInAsSomeoneElseLinksTheWrongAccountWithAWarning) {
  Start(Config{"team.yaml", "strict", {kOlivia, kUma}});
  MiniBrowser b;
  WebPage signin = b.Get(sim_->base_url() + "/signin");
  b.Submit(signin, "Sign in", {{"email", "uma@team.test"}, {"password", "bc-uma"}});
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
  json integrations = Api(b, "/api/integrations");
  EXPECT_EQ(integrations["personal"]["identity"]["email"], "uma@team.test");
  json warnings = Api(b, "/api/warnings");
  ASSERT_EQ(warnings["warnings"].size(), 1u);
  EXPECT_EQ(warnings["warnings"][0]["code"], "wrong_account");
  ASSERT_TRUE(app_->SyncUser("olivia@team.test")->ok);
  EXPECT_THAT(ActiveTitles(b), UnorderedElementsAre("Write copy", "Review plan", "Proofread", "Login button misaligned"));
}

TEST_F(BcsyncSimulatorTest, PasswordChangeNeedsReconnect) {
  Start(Config{"team.yaml", "strict", {kOlivia}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
  ASSERT_TRUE(app_->SyncUser("olivia@team.test")->ok);
  ASSERT_EQ(Control("events", json{{"event", "password_changed"}, {"identity", "olivia"}}), 200);
  auto result = app_->SyncUser("olivia@team.test");
  EXPECT_EQ(result->code, "BC_TOKEN_PASSWORD_CHANGED");
  EXPECT_EQ(Api(b, "/api/integrations")["personal"]["state"], "needs_reconnect");
  EXPECT_THAT(ActiveTitles(b), UnorderedElementsAre("Review plan", "Run payroll"));  // kept
  // Reconnecting (ON, then Launchpad with the new password) brings it back.
  WebPage page = b.Get(app_->base_url() + "/settings/integrations");
  EXPECT_TRUE(HasButton(page, "ON"));
}

TEST_F(BcsyncSimulatorTest, RetriesA503WithRetryAfter) {
  Start(Config{"team.yaml", "strict", {kOlivia}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
  ASSERT_EQ(Control("faults", json{{"match", {{"method", "GET"}, {"path", "/{account}/my/assignments.json"}}},
                                   {"nth", 1},
                                   {"respond", {{"status", 503}, {"headers", {{"Retry-After", "2"}}}}}}),
            201);
  auto result = app_->SyncUser("olivia@team.test");
  EXPECT_TRUE(result->ok) << result->code;
  EXPECT_EQ(result->requests, 2);
  EXPECT_THAT(sleeper_.sleeps(), ::testing::Contains(2000));
}

TEST_F(BcsyncSimulatorTest, RestartOnTheSamePortKeepsSessionsIntegrationsAndTasks) {
  const std::string db = ::testing::TempDir() + "bcsync_restart_" + std::to_string(::getpid()) + ".db";
  std::remove(db.c_str());
  Start(Config{"team.yaml", "strict", {kOlivia}}, db);
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
  ASSERT_TRUE(app_->SyncUser("olivia@team.test")->ok);
  app_->Stop();
  app_.reset();
  app_ = std::make_unique<App>(options_);
  ASSERT_TRUE(app_->Start().ok());
  EXPECT_EQ(Api(b, "/api/integrations")["company"]["state"], "on");
  EXPECT_THAT(ActiveTitles(b), UnorderedElementsAre("Review plan", "Run payroll"));
  app_->Stop();
  std::remove(db.c_str());
}

TEST_F(BcsyncSimulatorTest, FormsRequireTheCsrfTokenAndCookiesAreHttpOnlyLax) {
  Start(Config{"team.yaml", "strict", {{"olivia@team.test", "t-olivia", "owner", "<script>x</script>"}}});
  httplib::Client raw(app_->base_url());
  auto login_page = raw.Get("/login");
  ASSERT_TRUE(login_page);
  const std::string cookie = login_page->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  // A login POST without the form's token is refused.
  auto forged = raw.Post("/login", "email=olivia%40team.test&password=t-olivia", "application/x-www-form-urlencoded");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 400);

  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  WebPage tasks = b.Get(app_->base_url() + "/tasks");
  EXPECT_EQ(tasks.body.find("<script>x</script>"), std::string::npos);
  // The Sync form posted with a wrong token: 403, nothing synced.
  WebPage forged_sync = b.Submit(tasks, "Sync", {{"csrf", "wrong"}});
  EXPECT_EQ(forged_sync.status, 403);
  EXPECT_TRUE(Api(b, "/api/sync")["outcome"].is_null());
  EXPECT_EQ(b.Get(app_->base_url() + "/api/me").status, 200);
  MiniBrowser stranger;
  EXPECT_EQ(stranger.Get(app_->base_url() + "/api/me").status, 401);
}

TEST_F(BcsyncSimulatorTest, ApiSyncPostNeedsTheCsrfTokenOrSameOriginJson) {
  Start(Config{"team.yaml", "strict", {{"olivia@team.test", "t-olivia", "owner", "Olivia"}}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  const std::string cookie = b.CookieHeader(app_->base_url());
  WebPage tasks = b.Get(app_->base_url() + "/tasks");
  const std::string marker = "name=\"csrf-token\" content=\"";
  const size_t at = tasks.body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string csrf = tasks.body.substr(at + marker.size(), tasks.body.find('"', at + marker.size()) -
                                                                     at - marker.size());
  httplib::Client raw(app_->base_url());
  // A cross-site form POST (what a hostile page can send with the Lax cookie on top-level nav).
  auto forged = raw.Post("/api/sync", {{"Cookie", cookie}, {"Origin", "http://evil.test"}}, "x=1",
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  auto cross_json = raw.Post("/api/sync", {{"Cookie", cookie}, {"Origin", "http://evil.test"}}, "{}",
                             "application/json");
  ASSERT_TRUE(cross_json);
  EXPECT_EQ(cross_json->status, 403);
  EXPECT_TRUE(Api(b, "/api/sync")["outcome"].is_null());  // nothing ran
  auto with_token = raw.Post("/api/sync", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, "", "text/plain");
  ASSERT_TRUE(with_token);
  EXPECT_EQ(with_token->status, 200);
  EXPECT_EQ(json::parse(with_token->body)["code"], "BC_COMPANY_INTEGRATION_OFF");
  auto same_origin = raw.Post("/api/sync", {{"Cookie", cookie}, {"Origin", app_->base_url()}}, "{}",
                              "application/json");
  ASSERT_TRUE(same_origin);
  EXPECT_EQ(same_origin->status, 200);
}

TEST_F(BcsyncSimulatorTest, SessionsExpireAfterTwelveHoursOnTheAppClock) {
  Start(Config{"team.yaml", "strict", {{"olivia@team.test", "t-olivia", "owner", "Olivia"}}});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
  clock_.Advance(12LL * 60 * 60 * 1000 - 1);
  EXPECT_EQ(b.Get(app_->base_url() + "/api/me").status, 200);
  clock_.Advance(1);
  EXPECT_EQ(b.Get(app_->base_url() + "/api/me").status, 401);
  EXPECT_NE(b.Get(app_->base_url() + "/tasks").url.find("/login"), std::string::npos);
}

// A generated world: `projects` projects x 50 to-dos assigned to olivia.
std::string BigWorld(bool serves_my_assignments) {
  std::string y =
      "basecamp:\n"
      "  identities:\n"
      "    olivia: {email: olivia@team.test, password: bc-olivia, first_name: Olivia, last_name: Owens}\n"
      "  clients:\n"
      "    tracker: {client_id: tracker, client_secret: tracker-secret, redirect_uri: \"{tracker}/oauth/basecamp/callback\"}\n"
      "  limits: {rate: {requests: 0}}\n"
      "  accounts:\n"
      "    team:\n"
      "      id: 5000001\n"
      "      name: Team Co\n"
      "      product: bc3\n"
      "      serves_my_assignments: " +
      std::string(serves_my_assignments ? "true" : "false") +
      "\n"
      "      people:\n"
      "        olivia: {identity: olivia, owner: true, admin: true}\n"
      "      projects:\n";
  for (int p = 0; p < 20; ++p) {
    y += "        p" + std::to_string(p) + ":\n          name: Project " + std::to_string(p) +
         "\n          todolists:\n            l" + std::to_string(p) + ":\n              name: List\n              todos:\n";
    for (int t = 0; t < 50; ++t) {
      y += "                - {title: T" + std::to_string(p) + "-" + std::to_string(t) + ", assignees: [olivia]}\n";
    }
  }
  return y;
}

TEST_F(BcsyncSimulatorTest, CountsRequestsForAThousandAssignedTodos) {
  std::map<std::string, int> counts;
  for (bool fast : {false, true}) {
    Start(Config{BigWorld(fast), "strict", {kOlivia}});
    MiniBrowser b;
    ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
    Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
    auto first = app_->SyncUser("olivia@team.test");
    auto second = app_->SyncUser("olivia@team.test");
    ASSERT_TRUE(first->ok) << first->code;
    ASSERT_TRUE(second->ok) << second->code;
    EXPECT_EQ(first->active, 1000);
    counts[fast ? "fast" : "crawl"] = first->requests;
    counts[fast ? "fast_again" : "crawl_again"] = second->requests;
    counts[fast ? "fast_304" : "crawl_304"] = second->not_modified;
    app_->Stop();
    sim_->Stop();
  }
  std::cout << "[requests vs simulator] 1000 assigned to-dos in 20 projects: crawl " << counts["crawl"]
            << ", crawl again " << counts["crawl_again"] << " (" << counts["crawl_304"] << " x 304), fast path "
            << counts["fast"] << ", fast path again " << counts["fast_again"] << " (" << counts["fast_304"]
            << " x 304)\n";
  EXPECT_EQ(counts["fast"], 1);
  EXPECT_EQ(counts["fast_again"], 1);
  // The first crawl also probes my/assignments once (404: remembered per account).
  EXPECT_EQ(counts["crawl"], counts["crawl_again"] + 1);
  EXPECT_EQ(counts["crawl_304"], counts["crawl_again"]);
  EXPECT_EQ(counts["fast_304"], 1);
}

}  // namespace
}  // namespace bcsync::integration

namespace bcsync::integration {
namespace {

// --- The fault matrix (issue 8): every fault kind at every phase of a sync ---------------------
//
// Olivia syncs once cleanly; then one fault is installed on one phase and she syncs again (after
// 15 days for the token-refresh phase, so the token must be refreshed). Whatever the fault, the
// sync either completes or fails with a code of the catalogue, and she keeps every task she had
// (the world did not change, so "kept" means the same active titles). Each fault must have met a
// request, or the phase was not exercised and the cell proves nothing. (The crawl reaches a
// project's to-do lists through its dock, so `todosets/{id}.json` is no phase of a sync.)
struct FaultKind {
  std::string name;
  json action;  // the fault's effect fields
};
struct SyncPhase {
  std::string name;
  bool crawl;  // the account does not serve my/assignments, so the client crawls
  json match;
  bool refresh = false;  // let the access token expire first
};

const std::vector<FaultKind>& FaultKinds() {
  static const std::vector<FaultKind> k = {
      {"503 every time", {{"respond", {{"status", 503}, {"body", "Service Unavailable"}}}}},
      {"429 Retry-After 1", {{"respond", {{"status", 429}, {"headers", {{"Retry-After", "1"}}}, {"body", ""}}}}},
      {"429 once", {{"nth", 1}, {"respond", {{"status", 429}, {"headers", {{"Retry-After", "3"}}}}}}},
      {"500", {{"respond", {{"status", 500}, {"body", "{\"error\":\"boom\"}"}}}}},
      {"502", {{"respond", {{"status", 502}, {"body", "Bad Gateway"}}}}},
      {"504", {{"respond", {{"status", 504}, {"body", "Gateway Timeout"}}}}},
      {"507", {{"respond", {{"status", 507}, {"body", "{\"error\":\"limit\"}"}}}}},
      {"404", {{"respond", {{"status", 404}, {"body", "{\"error\":\"Not Found\"}"}}}}},
      {"403", {{"respond", {{"status", 403}, {"body", "{\"error\":\"Forbidden\"}"}}}}},
      {"401", {{"respond", {{"status", 401}, {"body", "{\"error\":\"unauthorized\"}"}}}}},
      {"dropped connection", {{"drop_connection", true}}},
      {"truncated body", {{"truncate_body", 7}}},
      {"malformed JSON", {{"malformed_json", true}}},
      {"30 s delay", {{"delay", "30s"}}},
  };
  return k;
}

const std::vector<SyncPhase>& SyncPhases() {
  static const std::vector<SyncPhase> p = {
      {"token refresh", false, {{"method", "POST"}, {"path", "/authorization/token"}}, true},
      {"fast path", false, {{"method", "GET"}, {"path", "/{account}/my/assignments.json"}}},
      {"crawl: projects", true, {{"method", "GET"}, {"path", "/{account}/projects.json"}}},
      {"crawl: lists", true, {{"method", "GET"}, {"path", "/{account}/buckets/{p}/todosets/{s}/todolists.json"}}},
      {"crawl: to-dos page 1", true,
       {{"method", "GET"}, {"path", "/{account}/buckets/{p}/todolists/{l}/todos.json"}}},
      {"crawl: to-dos page 2", true,
       {{"method", "GET"}, {"path", "/{account}/buckets/{p}/todolists/{l}/todos.json"}, {"query", {{"page", "2"}}}}},
      {"crawl: groups", true, {{"method", "GET"}, {"path", "/{account}/buckets/{p}/todolists/{l}/groups.json"}}},
  };
  return p;
}

std::string MatrixWorld(bool crawl) {
  return std::string(
             "basecamp:\n"
             "  identities:\n"
             "    olivia: {email: olivia@team.test, password: bc-olivia, first_name: Olivia}\n"
             "  clients:\n"
             "    tracker: {client_id: tracker, client_secret: tracker-secret,"
             " redirect_uri: \"{tracker}/oauth/basecamp/callback\"}\n"
             "  limits: {page_size: 2, rate: false}\n"
             "  accounts:\n"
             "    team:\n"
             "      name: Team Co\n"
             "      serves_my_assignments: ") +
         (crawl ? "false" : "true") +
         "\n"
         "      people: {olivia: {identity: olivia, owner: true, admin: true}}\n"
         "      projects:\n"
         "        launch:\n"
         "          name: Launch\n"
         "          todolists:\n"
         "            checklist:\n"
         "              name: Checklist\n"
         "              todos:\n"
         "                - {title: One, assignees: [olivia]}\n"
         "                - {title: Two, assignees: [olivia]}\n"
         "                - {title: Three, assignees: [olivia]}\n"
         "                - {title: Four, assignees: [olivia]}\n"
         "                - {title: Five, assignees: [olivia]}\n"
         "              groups:\n"
         "                extra:\n"
         "                  name: Extra\n"
         "                  todos:\n"
         "                    - {title: Grouped, assignees: [olivia]}\n";
}

class FaultMatrixTest : public BcsyncSimulatorTest {
 protected:
  std::set<std::string> Catalogue() {
    std::set<std::string> codes;
    for (const auto& e : ErrorCatalogue()) codes.insert(e.code);
    return codes;
  }
  json Faults() {
    httplib::Client control(sim_->base_url());
    auto res = control.Get("/__bcsim/faults");
    return res ? json::parse(res->body, nullptr, false) : json();
  }
};

TEST_F(FaultMatrixTest, EveryFaultAtEveryPhaseCompletesOrFailsWithItsCodeAndLosesNoTask) {
  const std::set<std::string> catalogue = Catalogue();
  int cells = 0, completed = 0, failed_with_code = 0, lost = 0;
  std::map<std::string, int> codes_seen;
  for (const SyncPhase& phase : SyncPhases()) {
    for (const FaultKind& kind : FaultKinds()) {
      SCOPED_TRACE(phase.name + " x " + kind.name);
      TearDown();
      Start(Config{MatrixWorld(phase.crawl), "strict", {kOlivia}});
      MiniBrowser b;
      ASSERT_EQ(LogIn(b, "olivia@team.test", "t-olivia").status, 200);
      Connect(b, "/settings/company-integrations/basecamp", "Turn it on", "olivia@team.test", "bc-olivia");
      auto first = app_->SyncUser("olivia@team.test");
      ASSERT_TRUE(first.ok() && first->ok) << (first.ok() ? first->code : first.status().message());
      const std::vector<std::string> before = ActiveTitles(b);
      ASSERT_EQ(before.size(), 6u);
      if (phase.refresh) {
        clock_.Advance(15LL * 86'400'000);
        ASSERT_EQ(Control("clock", json{{"advance", "15d"}}), 200);
      }
      json fault = kind.action;
      fault["match"] = phase.match;
      ASSERT_EQ(Control("faults", fault), 201);
      auto second = app_->SyncUser("olivia@team.test");
      ASSERT_TRUE(second.ok()) << second.status().message();
      ++cells;
      json installed = Faults();
      ASSERT_TRUE(installed.contains("faults") && installed["faults"].size() == 1u);
      EXPECT_GT(installed["faults"][0].value("hits", 0), 0) << "the phase was not exercised";
      if (second->ok) {
        ++completed;
      } else {
        EXPECT_TRUE(catalogue.count(second->code)) << "code \"" << second->code << "\" is not in the catalogue";
        ++failed_with_code;
        ++codes_seen[second->code];
      }
      MiniBrowser again;  // 15 days on, the first session has expired
      ASSERT_EQ(LogIn(again, "olivia@team.test", "t-olivia").status, 200);
      const std::vector<std::string> after = ActiveTitles(again);
      std::set<std::string> kept(after.begin(), after.end());
      for (const auto& t : before) {
        if (!kept.count(t)) ++lost;
        EXPECT_TRUE(kept.count(t)) << "lost the task " << t;
      }
    }
  }
  std::string seen;
  for (const auto& [code, n] : codes_seen) seen += " " + code + "×" + std::to_string(n);
  std::printf("fault matrix: %d cells (%zu phases x %zu kinds), %d completed, %d failed with a catalogue "
              "code (%s ), %d tasks lost\n",
              cells, SyncPhases().size(), FaultKinds().size(), completed, failed_with_code, seen.c_str(), lost);
  EXPECT_EQ(cells, static_cast<int>(SyncPhases().size() * FaultKinds().size()));
  EXPECT_EQ(lost, 0);
}

}  // namespace
}  // namespace bcsync::integration
