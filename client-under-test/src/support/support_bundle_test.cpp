// Support bundles: size and time of a big one (1,000 tasks, 100 syncs), sync runs kept per user,
// nothing secret inside, consistent pseudonyms with redact_people, and the admin-only
// "Download support bundle" form (CSRF). The bundle's JSON Schema and the round trip to a
// scenario are tested by tests/e2e (bcsim_bundle_tests). Real App, loopback, FakeClock.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>

#include "bcsync/app.h"
#include "net/testing/raw_http.h"
#include "store/store.h"
#include "sync/request_log.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync {
namespace {

const std::string kKeyHex(64, '5');
const std::string kAccessToken = "BAh-access-token-for-the-grep";
const std::string kRefreshToken = "BAh-refresh-token-for-the-grep";
const std::string kPassword = "alice-password-for-the-grep";

// Every secret of `secrets` found in `text`.
std::vector<std::string> SecretsIn(const std::string& text,
                                   const std::vector<std::string>& secrets) {
  std::vector<std::string> found;
  for (const auto& s : secrets)
    if (text.find(s) != std::string::npos) found.push_back(s);
  return found;
}

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("bcsync-bundle-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    AppOptions o;
    o.clock = &clock;
    o.db_path = (dir / "t.db").string();
    o.token_key = kKeyHex;
    o.durable = false;
    o.password_hash_iterations = 1;
    app = std::make_unique<App>(o);
    ASSERT_TRUE(app->Start().ok());
    ASSERT_TRUE(app->SeedCompany("Acme Corp").ok());
    ASSERT_TRUE(app->SeedUser("alice@acme.test", kPassword, "owner", "Alice Adams").ok());
    ASSERT_TRUE(app->SeedUser("bob@acme.test", "bob-password", "user", "Bob Brown").ok());
    ASSERT_TRUE(st.Open(o.db_path, false).ok());
    st.SetTokenKey(std::string(32, 'U'));  // kKeyHex's bytes (0x55): the App reads these rows
  }
  void TearDown() override {
    app.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // Alice connected (company and personal), `tasks` tasks, `runs` sync runs of 3 requests each.
  void Fill(int tasks, int runs) {
    auto alice = st.FindUserByEmail("alice@acme.test");
    ASSERT_TRUE(alice.ok());
    store::CompanyIntegration c;
    c.company_id = alice->company_id;
    c.state = "on";
    c.account_id = 5000001;
    c.account_name = "Acme Inc";
    c.connected_by = alice->id;
    c.connected_at = clock.NowMs();
    c.account_mode = "strict";
    c.auth_snapshot =
        R"({"identity":{"id":42,"first_name":"Alice","last_name":"Adams",)"
        R"("email_address":"alice@acme.test"},"accounts":[{"id":5000001,"name":"Acme Inc",)"
        R"("product":"bc3","href":"http://127.0.0.1:1/5000001"}]})";
    ASSERT_TRUE(st.PutCompanyIntegration(c).ok());
    store::PersonalIntegration p;
    p.user_id = alice->id;
    p.state = "on";
    p.identity_id = 42;
    p.identity_email = "alice@acme.test";
    p.identity_name = "Alice Adams";
    p.account_id = 5000001;
    p.account_name = "Acme Inc";
    p.person_id = 777;
    p.access_token = kAccessToken;
    p.refresh_token = kRefreshToken;
    p.expires_at = clock.NowMs() + 14LL * 86'400'000;
    p.connected_at = clock.NowMs();
    p.auth_snapshot = c.auth_snapshot;
    ASSERT_TRUE(st.PutPersonal(p).ok());
    std::vector<store::Task> list;
    for (int i = 0; i < tasks; ++i) {
      list.push_back(store::Task{
          5000001, 9000000 + i, 2100000 + i % 20, "Task number " + std::to_string(i),
          "Project " + std::to_string(i % 20), "List " + std::to_string(i % 7), "2026-12-24",
          i % 10 == 0 ? "archived" : "active", i % 10 == 0 ? "completed" : ""});
    }
    ASSERT_TRUE(st.ReplaceTasks(alice->id, list).ok());
    nlohmann::json log = nlohmann::json::array();
    for (const char* path :
         {"/5000001/my/assignments.json", "/5000001/buckets/2100001/todos/9000000.json",
          "/authorization/token"}) {
      log.push_back({{"method", path[1] == 'a' ? "POST" : "GET"},
                     {"path", path},
                     {"path_template", "/{account}/my/assignments.json"},
                     {"status", 503},
                     {"retry_after", "30"},
                     {"request_id", "req-0123456789abcdef"},
                     {"error", "Service Unavailable"},
                     {"at_ms", 12},
                     {"duration_ms", 3}});
    }
    for (int i = 0; i < runs; ++i) {
      store::SyncRun run;
      run.user_id = alice->id;
      run.started_at = clock.NowMs() + i * 60'000;
      run.finished_at = run.started_at + 1000;
      run.outcome = i + 1 == runs ? "error" : "ok";
      run.code = i + 1 == runs ? "BC_UNAVAILABLE" : "";
      run.counts_json = R"({"active":900,"added":0,"archived":0,"requests":3})";
      run.request_log_json = nlohmann::json{{"requests", log}, {"dropped", 0}}.dump();
      ASSERT_TRUE(st.AddSyncRun(run).ok());
    }
    ASSERT_TRUE(
        st.AddWarning(alice->id, {"wrong_account", "Linked to alice@acme.test (Alice Adams)."})
            .ok());
  }

  FakeClock clock;
  std::filesystem::path dir;
  std::unique_ptr<App> app;
  store::Store st;
};

TEST_F(BundleTest, ThousandTasksAndHundredSyncsFitInTwoMegabytes) {
  Fill(1000, 120);
  auto alice = st.FindUserByEmail("alice@acme.test");
  auto kept = st.ListSyncRuns(alice->id, 1000);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->size(),
            static_cast<std::size_t>(store::Store::kSyncRunsKept));  // the 20 oldest are gone
  EXPECT_EQ(kept->back().code, "BC_UNAVAILABLE");
  SupportBundleOptions options;
  options.syncs = 100;
  StatusOr<std::string> text = NotFoundError("not made");
  double ms = 0;
  for (int round = 0; round < 3; ++round) {  // the best of three: a busy machine adds noise
    auto t0 = std::chrono::steady_clock::now();
    text = app->SupportBundle("alice@acme.test", options);
    const double took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ms = round == 0 ? took : std::min(ms, took);
  }
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto bundle = nlohmann::json::parse(*text);
  EXPECT_EQ(bundle["tasks"].size(), 1000u);
  EXPECT_EQ(bundle["syncs"].size(), 100u);
  EXPECT_EQ(bundle["syncs"].back()["code"], "BC_UNAVAILABLE");
  EXPECT_EQ(bundle["syncs"].back()["requests"][0]["retry_after"], "30");
  EXPECT_EQ(bundle["personal_integration"]["authorization"]["accounts"][0]["id"], 5000001);
  // Measured, not asserted (machines differ): the issue asks for < 200 ms.
  std::cout << "support bundle: 1000 tasks, 100 syncs: " << text->size() << " bytes in " << ms
            << " ms\n";
  EXPECT_LT(text->size(), 2u * 1024 * 1024);
}

TEST_F(BundleTest, HoldsNoSecret) {
  Fill(10, 3);
  auto text = app->SupportBundle("alice@acme.test");
  ASSERT_TRUE(text.ok());
  auto alice = st.FindUserByEmail("alice@acme.test");
  const std::vector<std::string> secrets = {
      kAccessToken,         kRefreshToken, kPassword, "bob-password",
      alice->password_hash, "enc1:",       kKeyHex};
  EXPECT_EQ(SecretsIn(*text, secrets), std::vector<std::string>{});
  // The check itself can fail: a bundle with a token in it is caught.
  EXPECT_EQ(SecretsIn(*text + kAccessToken, secrets), std::vector<std::string>{kAccessToken});
}

TEST_F(BundleTest, RedactPeopleUsesOnePseudonymPerPersonEverywhere) {
  Fill(10, 2);
  SupportBundleOptions options;
  options.redact_people = true;
  auto text = app->SupportBundle("alice@acme.test", options);
  ASSERT_TRUE(text.ok());
  for (const char* real : {"alice@acme.test", "bob@acme.test", "Alice Adams", "Bob Brown", "Alice"})
    EXPECT_EQ(text->find(real), std::string::npos) << real;
  auto b = nlohmann::json::parse(*text);
  EXPECT_TRUE(b["people_redacted"].get<bool>());
  EXPECT_EQ(b["user"]["email"], "person-1@example.invalid");
  EXPECT_EQ(b["user"]["name"], "Person 1");
  EXPECT_EQ(b["tracker"]["users"][1]["email"], "person-2@example.invalid");
  EXPECT_EQ(b["personal_integration"]["identity"]["email"], "person-1@example.invalid");
  EXPECT_EQ(b["company_integration"]["connected_by"], "person-1@example.invalid");
  EXPECT_EQ(b["company_integration"]["authorization"]["identity"]["first_name"], "Person");
  EXPECT_EQ(b["company_integration"]["authorization"]["identity"]["last_name"], "1");
  EXPECT_EQ(b["warnings"][0]["message"], "Linked to person-1@example.invalid (Person 1).");
  // Without the option the same bundle names them.
  auto plain = app->SupportBundle("alice@acme.test");
  ASSERT_TRUE(plain.ok());
  EXPECT_NE(plain->find("alice@acme.test"), std::string::npos);
}

TEST_F(BundleTest, RefusesAnUnknownUserAndTooManySyncs) {
  EXPECT_FALSE(app->SupportBundle("nobody@acme.test").ok());
  SupportBundleOptions options;
  options.syncs = 101;
  auto r = app->SupportBundle("alice@acme.test", options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("expected 0 to 100"), std::string::npos)
      << r.status().message();
}

// Logs in on the dashboard: the session cookie and the page's CSRF token.
struct Login {
  std::string cookie, csrf;
};
Login LogIn(httplib::Client& cli, const std::string& email, const std::string& password) {
  auto form = cli.Get("/login");
  std::string cookie = form->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  std::smatch m;
  std::regex re("name=\"csrf\" value=\"([^\"]+)\"");
  std::regex_search(form->body, m, re);
  auto res =
      cli.Post("/login", {{"Cookie", cookie}},
               httplib::Params{{"csrf", m[1].str()}, {"email", email}, {"password", password}});
  std::string session = res->get_header_value("Set-Cookie");
  session = session.substr(0, session.find(';'));
  auto page = cli.Get("/settings/tracker", {{"Cookie", session}});
  std::regex meta("name=\"csrf-token\" content=\"([^\"]+)\"");
  std::regex_search(page->body, m, meta);
  return {session, m[1].str()};
}

TEST_F(BundleTest, DownloadButtonIsForOwnersAndAdminsWithCsrf) {
  Fill(3, 1);
  httplib::Client cli("127.0.0.1", app->port());
  Login alice = LogIn(cli, "alice@acme.test", kPassword);
  ASSERT_FALSE(alice.csrf.empty());
  auto page = cli.Get("/settings/tracker", {{"Cookie", alice.cookie}});
  EXPECT_NE(page->body.find("Download support bundle</button>"), std::string::npos);
  auto got = cli.Post("/settings/support-bundle", {{"Cookie", alice.cookie}},
                      httplib::Params{{"csrf", alice.csrf}, {"user", "alice@acme.test"}});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->get_header_value("Content-Disposition"),
            "attachment; filename=\"support-bundle.json\"");
  auto b = nlohmann::json::parse(got->body);
  EXPECT_EQ(b["tasks"].size(), 3u);
  EXPECT_EQ(b["user"]["email"], "alice@acme.test");
  auto redacted = cli.Post(
      "/settings/support-bundle", {{"Cookie", alice.cookie}},
      httplib::Params{{"csrf", alice.csrf}, {"user", "bob@acme.test"}, {"redact_people", "1"}});
  EXPECT_EQ(nlohmann::json::parse(redacted->body)["user"]["email"], "person-1@example.invalid");
  // No CSRF token: refused.
  auto forged = cli.Post("/settings/support-bundle", {{"Cookie", alice.cookie}},
                         httplib::Params{{"user", "alice@acme.test"}});
  EXPECT_EQ(forged->status, 403);
  // A plain user sees no button, and the POST is refused.
  Login bob = LogIn(cli, "bob@acme.test", "bob-password");
  auto bobs = cli.Get("/settings/tracker", {{"Cookie", bob.cookie}});
  EXPECT_EQ(bobs->body.find("Download support bundle"), std::string::npos);
  auto refused = cli.Post("/settings/support-bundle", {{"Cookie", bob.cookie}},
                          httplib::Params{{"csrf", bob.csrf}, {"user", "alice@acme.test"}});
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body.find("\"tasks\""), std::string::npos);
}

// The command line: `bcsync support-bundle --db ... --user ... -o FILE` writes the bundle 0600.
TEST(BundleCliTest, WritesTheBundleToAFileOnlyItsOwnerReads) {
  using namespace std::chrono_literals;
  const std::string db =
      ::testing::TempDir() + "bcsync-bundle-cli-" + std::to_string(::getpid()) + ".db";
  const std::string out = db + ".bundle.json";
  for (const std::string& f : {db, db + ".key", out}) ::unlink(f.c_str());
  auto run = [](const std::vector<std::string>& argv) {
    net::testing::Child child = net::testing::Spawn(argv, net::testing::In(20s));
    int status = -1;
    EXPECT_TRUE(net::testing::WaitExit(child.pid, net::testing::In(20s), &status));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  ASSERT_EQ(run({BCSYNC_BINARY, "init", "--db", db, "--company", "Acme"}), 0);
  ASSERT_EQ(run({BCSYNC_BINARY, "add-user", "--db", db, "--email", "alice@acme.test", "--password",
                 "pw-cli", "--role", "owner", "--name", "Alice Adams"}),
            0);
  ASSERT_EQ(run({BCSYNC_BINARY, "support-bundle", "--db", db, "--user", "alice@acme.test", "-o",
                 out, "--redact-people"}),
            0);
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(out);
  auto b = nlohmann::json::parse(in);
  EXPECT_EQ(b["user"]["email"], "person-1@example.invalid");
  EXPECT_EQ(b["bundle_version"], 1);
  EXPECT_NE(run({BCSYNC_BINARY, "support-bundle", "--db", db, "--user", "nobody@acme.test"}), 0);
  EXPECT_NE(run({BCSYNC_BINARY, "support-bundle", "--db", db, "--user", "alice@acme.test",
                 "--syncs", "101"}),
            0);
  for (const std::string& f : {db, db + ".key", out}) ::unlink(f.c_str());
}

TEST(RequestLogTest, PathTemplateNamesTheAccountTheBucketAndIds) {
  EXPECT_EQ(sync::PathTemplate("/5000001/buckets/2100001/todos/7.json"),
            "/{account}/buckets/{bucket}/todos/{id}.json");
  EXPECT_EQ(sync::PathTemplate("/5000001/my/assignments.json"), "/{account}/my/assignments.json");
  EXPECT_EQ(sync::PathTemplate("/authorization/token"), "/authorization/token");
  EXPECT_NE(sync::PathTemplate("/5000001/projects/9.json"), "/5000001/projects/9.json");
}

// A transport that answers from a list (an error Status = no response).
class Scripted : public basecamp::HttpTransport {
 public:
  std::vector<StatusOr<basecamp::HttpResponse>> answers;
  StatusOr<basecamp::HttpResponse> Send(const basecamp::HttpRequest&) override {
    auto next = answers.front();
    answers.erase(answers.begin());
    return next;
  }
};

TEST(RequestLogTest, NotesEveryAttemptWithoutSecrets) {
  FakeClock clock;
  Scripted inner;
  basecamp::HttpResponse busy;
  busy.status = 429;
  busy.headers = {{"retry-after", "30"}, {"x-request-id", "r-1"}};
  busy.body = R"({"error":"Too Many Requests","access_token":"BAh-leak"})";
  inner.answers = {busy, UnavailableError("connection reset")};
  sync::RequestLog log(&inner, &clock);
  basecamp::HttpRequest get;
  get.url = "http://127.0.0.1:9/5000001/projects.json?page=2&client_secret=s3cret";
  EXPECT_TRUE(log.Send(get).ok());
  EXPECT_FALSE(log.Send(get).ok());
  const std::string text = log.ToJson();
  auto j = nlohmann::json::parse(text);
  ASSERT_EQ(j["requests"].size(), 2u);
  EXPECT_EQ(j["requests"][0]["status"], 429);
  EXPECT_EQ(j["requests"][0]["retry_after"], "30");
  EXPECT_EQ(j["requests"][0]["request_id"], "r-1");
  EXPECT_EQ(j["requests"][0]["error"], "Too Many Requests");
  EXPECT_EQ(j["requests"][0]["query"], "page=2&client_secret=[REDACTED]");
  EXPECT_EQ(j["requests"][1]["status"], 0);
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
  EXPECT_EQ(text.find("BAh-leak"), std::string::npos);
}

}  // namespace
}  // namespace bcsync
