// bcsync as a careful web app: log-in throttling with its catalogue message, one hash for known
// and unknown emails, Basecamp tokens sealed at rest (and old rows sealed on open), the
// database file 0600, the key file, client_secret in the token request's body, and the
// automatic-sync interval floor. Real App on port 0, loopback, FakeClock; no sleeps.
#include <httplib.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "bcsync/app.h"
#include "errors/catalogue.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"
#include "testing/fake_basecamp.h"
#include "util/crypto.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync {
namespace {

const std::string kKeyHex(64, '7');

class LoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AppOptions o;
    o.clock = &clock;
    o.password_hash_iterations = 1;
    app = std::make_unique<App>(o);
    ASSERT_TRUE(app->Start().ok());
    ASSERT_TRUE(app->SeedCompany("Acme Corp").ok());
    ASSERT_TRUE(app->SeedUser("alice@acme.test", "right-pw", "owner", "Alice").ok());
    cli = std::make_unique<httplib::Client>("127.0.0.1", app->port());
  }

  // GET /login, then POST it: the response.
  httplib::Result LogIn(const std::string& email, const std::string& password) {
    auto form = cli->Get("/login");
    EXPECT_TRUE(form);
    std::string cookie = form->get_header_value("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    std::smatch m;
    std::regex re("name=\"csrf\" value=\"([^\"]+)\"");
    EXPECT_TRUE(std::regex_search(form->body, m, re));
    return cli->Post("/login", {{"Cookie", cookie}},
                     httplib::Params{{"csrf", m[1].str()}, {"email", email},
                                     {"password", password}});
  }

  FakeClock clock;
  std::unique_ptr<App> app;
  std::unique_ptr<httplib::Client> cli;
};

TEST_F(LoginTest, ThrottledAfterFiveFailuresEvenWithTheRightPassword) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(LogIn("alice@acme.test", "guess")->status, 401) << i;
  const std::string message = errors::Lookup(errors::kLoginThrottled).message;
  ASSERT_FALSE(message.empty());
  auto refused = LogIn("ALICE@acme.test", "right-pw");  // case folded: the same account
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_TRUE(refused->has_header("Retry-After"));
  EXPECT_NE(refused->body.find("Log-in is paused for 15"), std::string::npos) << refused->body;
  EXPECT_FALSE(refused->has_header("Location"));
  clock.Advance(15LL * 60 * 1000);  // the lockout ends
  auto ok = LogIn("alice@acme.test", "right-pw");
  EXPECT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/tasks");
}

TEST_F(LoginTest, ThrottledPerClientAddressAcrossAccounts) {
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(LogIn("user" + std::to_string(i) + "@nowhere.test", "guess")->status, 401) << i;
  }
  // Alice never failed, but this address did, twenty times.
  auto refused = LogIn("alice@acme.test", "right-pw");
  EXPECT_EQ(refused->status, 429);
  EXPECT_NE(refused->body.find("Log-in is paused"), std::string::npos);
}

TEST_F(LoginTest, UnknownAndKnownEmailsBothCostOnePasswordHash) {
  long before = util::PasswordHashCount();
  EXPECT_EQ(LogIn("nobody@acme.test", "guess")->status, 401);
  const long unknown_cost = util::PasswordHashCount() - before;
  before = util::PasswordHashCount();
  EXPECT_EQ(LogIn("alice@acme.test", "guess")->status, 401);
  const long known_cost = util::PasswordHashCount() - before;
  EXPECT_EQ(unknown_cost, 1);
  EXPECT_EQ(known_cost, 1);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every byte SQLite wrote for this database (main file, WAL, journal).
std::string DatabaseBytes(const std::string& path) {
  return ReadAll(path) + ReadAll(path + "-wal") + ReadAll(path + "-journal");
}

class AtRestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::path(::testing::TempDir()) /
          ("bcsync-at-rest-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = (dir / "bcsync.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  store::PersonalIntegration Tokens(store::Id user) {
    store::PersonalIntegration p;
    p.user_id = user;
    p.state = "on";
    p.access_token = "BAh-access-SECRET-1234567890";
    p.refresh_token = "BAh-refresh-SECRET-0987654321";
    return p;
  }

  std::filesystem::path dir;
  std::string db;
};

TEST_F(AtRestTest, TokensAreSealedInTheFileAndReadBack) {
  std::string key;
  ASSERT_TRUE(util::ParseKeyHex(kKeyHex, &key));
  {
    store::Store s;
    ASSERT_TRUE(s.Open(db).ok());
    s.SetTokenKey(key);
    store::Id company = *s.CreateCompany("Acme");
    store::Id user = *s.CreateUser(store::User{0, company, "a@acme.test", "A", "owner", "x"});
    ASSERT_TRUE(s.PutPersonal(Tokens(user)).ok());
    EXPECT_EQ(s.GetPersonal(user)->access_token, "BAh-access-SECRET-1234567890");
    // The compare-and-set still recognises the tokens it sealed.
    store::PersonalIntegration next = Tokens(user);
    next.access_token = "BAh-access-SECRET-rotated";
    ASSERT_TRUE(*s.UpdatePersonalIfUnchanged(next, Tokens(user)));
    EXPECT_FALSE(*s.UpdatePersonalIfUnchanged(next, Tokens(user)));  // no longer what was seen
    EXPECT_EQ(s.GetPersonal(user)->access_token, "BAh-access-SECRET-rotated");
  }
  const std::string bytes = DatabaseBytes(db);
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find("SECRET"), std::string::npos);
  EXPECT_NE(bytes.find(util::kSealedPrefix), std::string::npos);
  // Another key cannot read them, and says why.
  store::Store other;
  ASSERT_TRUE(other.Open(db).ok());
  std::string wrong;
  ASSERT_TRUE(util::ParseKeyHex(std::string(64, '1'), &wrong));
  other.SetTokenKey(wrong);
  auto p = other.GetPersonal(1);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("cannot be decrypted"), std::string::npos);
}

TEST_F(AtRestTest, AppSealsRowsLeftInClearWhenItOpens) {
  {
    store::Store plain;  // a database from before encryption
    ASSERT_TRUE(plain.Open(db).ok());
    store::Id company = *plain.CreateCompany("Acme");
    store::Id user = *plain.CreateUser(store::User{0, company, "a@acme.test", "A", "owner", "x"});
    ASSERT_TRUE(plain.PutPersonal(Tokens(user)).ok());
  }
  ASSERT_NE(DatabaseBytes(db).find("SECRET"), std::string::npos);  // the test sees clear text
  {
    AppOptions o;
    o.db_path = db;
    o.token_key = kKeyHex;
    App app(o);
    ASSERT_TRUE(app.Open().ok());
  }
  EXPECT_EQ(DatabaseBytes(db).find("SECRET"), std::string::npos);
  store::Store s;
  ASSERT_TRUE(s.Open(db).ok());
  std::string key;
  ASSERT_TRUE(util::ParseKeyHex(kKeyHex, &key));
  s.SetTokenKey(key);
  EXPECT_EQ(s.GetPersonal(1)->refresh_token, "BAh-refresh-SECRET-0987654321");
}

TEST_F(AtRestTest, DatabaseFileIsCreatedOwnerOnly) {
  AppOptions o;
  o.db_path = db;
  o.token_key = kKeyHex;
  {
    App app(o);
    ASSERT_TRUE(app.SeedCompany("Acme").ok());
  }
  struct stat st {};
  ASSERT_EQ(::stat(db.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // A looser file from an older bcsync is tightened.
  ASSERT_EQ(::chmod(db.c_str(), 0644), 0);
  {
    App app(o);
    ASSERT_TRUE(app.Open().ok());
  }
  ASSERT_EQ(::stat(db.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AtRestTest, KeyFileIsMade0600AndRequiredForAFileDatabase) {
  const std::string key_file = (dir / "bcsync.key").string();
  ASSERT_TRUE(GenerateKeyFile(key_file).ok());
  struct stat st {};
  ASSERT_EQ(::stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string key;
  EXPECT_TRUE(util::ParseKeyHex(ReadAll(key_file), &key));
  EXPECT_EQ(GenerateKeyFile(key_file).code(), StatusCode::kAlreadyExists);  // never overwritten

  AppOptions none;
  none.db_path = db;
  Status refused = App(none).Open();
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("--key-file"), std::string::npos) << refused.message();
  EXPECT_FALSE(std::filesystem::exists(db));  // refused before anything was created

  AppOptions with_file = none;
  with_file.token_key_file = key_file;
  EXPECT_TRUE(App(with_file).Open().ok());
  ASSERT_EQ(::chmod(key_file.c_str(), 0644), 0);
  Status loose = App(with_file).Open();
  EXPECT_FALSE(loose.ok());
  EXPECT_NE(loose.message().find("chmod 600"), std::string::npos) << loose.message();

  AppOptions bad_key = none;
  bad_key.token_key = "abc";
  EXPECT_EQ(App(bad_key).Open().code(), StatusCode::kInvalidArgument);
}

TEST(AutoSyncInterval, BelowOneMinuteIsRefusedWithAClearError) {
  AppOptions o;
  o.auto_sync_interval_ms = 1;
  App app(o);
  Status st = app.Start();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("at least 1m"), std::string::npos) << st.message();
  AppOptions ok;
  ok.auto_sync_interval_ms = kMinAutoSyncIntervalMs;
  EXPECT_TRUE(App(ok).Open().ok());
}

TEST(LaunchpadClientSecret, TravelsInTheFormBodyNotTheUrl) {
  testing::FakeBasecamp fake;
  fake.On("POST", "http://lp.test/authorization/token",
          testing::JsonResponse(200, {{"access_token", "a"}, {"refresh_token", "r"},
                                      {"expires_in", 1209600}}));
  FakeClock clock;
  FakeSleeper sleeper(&clock);
  basecamp::Throttle throttle{50, 10'000};
  basecamp::ApiDeps deps;
  deps.transport = &fake;
  deps.throttle = &throttle;
  deps.clock = &clock;
  deps.sleeper = &sleeper;
  deps.user_agent = "t (t@x.test)";
  deps.basecamp_url = "http://lp.test";
  oauth::LaunchpadClient lp(deps, {"tracker", "s3cret-value", "http://t.test/cb"});
  ASSERT_TRUE(lp.ExchangeCode("code1").ok());
  ASSERT_TRUE(lp.Refresh("r").ok());
  ASSERT_EQ(fake.requests().size(), 2u);
  for (const auto& r : fake.requests()) {
    EXPECT_EQ(r.url.find("s3cret"), std::string::npos) << r.url;
    EXPECT_EQ(r.url.find('?'), std::string::npos) << r.url;
    EXPECT_NE(r.body.find("client_secret=s3cret-value"), std::string::npos) << r.body;
    EXPECT_EQ(r.content_type, "application/x-www-form-urlencoded");
  }
}

}  // namespace
}  // namespace bcsync
