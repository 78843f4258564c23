// Issue 10, item 5: `bcsync serve --basecamp http://<another host>` is refused unless
// --allow-insecure-basecamp is given (the official SDK's "HTTPS enforced for non-localhost
// requests"); loopback http (the simulator) needs no flag. Runs the real binary; every wait
// has a deadline.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "bcsync/app.h"
#include "net/testing/raw_http.h"

namespace bcsync {
namespace {

using namespace std::chrono_literals;
using net::testing::In;

TEST(InsecureBasecampTest, AppRefusesPlainHttpToAnotherHostBeforeAnythingOpens) {
  AppOptions opts;
  opts.basecamp_url = "http://basecamp.example.com";
  App app(opts);
  const Status refused = app.Open();
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("--allow-insecure-basecamp"), std::string::npos) << refused.message();
  EXPECT_EQ(app.SeedCompany("Acme").code(), StatusCode::kInvalidArgument);  // nothing was opened

  opts.allow_insecure_basecamp = true;
  EXPECT_TRUE(App(opts).Open().ok());
  opts.allow_insecure_basecamp = false;
  for (const char* fine : {"https://basecamp.example.com", "http://127.0.0.1:8123", "http://localhost:9"}) {
    opts.basecamp_url = fine;
    EXPECT_TRUE(App(opts).Open().ok()) << fine;
  }
}

class InsecureBasecampCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = ::testing::TempDir() + "bcsync-insecure-" + std::to_string(::getpid()) + ".db";
    ::unlink(db_.c_str());
    ::unlink((db_ + ".key").c_str());
    net::testing::Child init = net::testing::Spawn({BCSYNC_BINARY, "init", "--db", db_, "--company", "Acme"}, In(10s));
    ASSERT_TRUE(net::testing::WaitExit(init.pid, In(10s)));
  }
  void TearDown() override {
    ::unlink(db_.c_str());
    ::unlink((db_ + ".key").c_str());
  }
  std::string db_;
};

TEST_F(InsecureBasecampCliTest, ServeRefusesPlainHttpToAnotherHost) {
  net::testing::Child child =
      net::testing::Spawn({BCSYNC_BINARY, "serve", "--db", db_, "--basecamp", "http://basecamp.example.com"}, In(10s));
  int status = -1;
  ASSERT_TRUE(net::testing::WaitExit(child.pid, In(10s), &status)) << "serve started: " << child.first_line;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  EXPECT_EQ(child.first_line, "");  // never said it was listening
}

// The wrong variant: the same command with the flag starts.
TEST_F(InsecureBasecampCliTest, ServeStartsWithAllowInsecureBasecamp) {
  net::testing::Child child = net::testing::Spawn(
      {BCSYNC_BINARY, "serve", "--db", db_, "--basecamp", "http://basecamp.example.com", "--allow-insecure-basecamp"},
      In(10s));
  EXPECT_GT(net::testing::PortOf(child.first_line), 0) << child.first_line;
  EXPECT_EQ(child.first_line.rfind("bcsync listening on ", 0), 0u) << child.first_line;
  ::kill(child.pid, SIGTERM);
  if (!net::testing::WaitExit(child.pid, In(5s))) {
    ::kill(child.pid, SIGKILL);
    net::testing::WaitExit(child.pid, In(5s));
  }
}

}  // namespace
}  // namespace bcsync
