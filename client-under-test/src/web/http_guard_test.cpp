// bcsync's dashboard server against hostile and careless clients (issue 8, item 3): raw
// loopback sockets, port 0, every wait bounded by a deadline, no sleeps.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bcsync/app.h"
#include "net/testing/raw_http.h"

namespace bcsync {
namespace {

using namespace std::chrono_literals;
using net::testing::Connect;
using net::testing::In;
using net::testing::ReadResponses;
using net::testing::RoundTrip;
using net::testing::Send;

using net::testing::RaiseFdLimit;

std::unique_ptr<App> StartApp(AppOptions opts = {}) {
  opts.basecamp_url = "http://127.0.0.1:9";  // never called here
  opts.durable = false;
  opts.password_hash_iterations = 1;
  auto app = std::make_unique<App>(opts);
  EXPECT_TRUE(app->SeedCompany("Acme").ok());
  EXPECT_TRUE(app->Start().ok());
  return app;
}

std::string Get(const std::string& path) {
  return "GET " + path + " HTTP/1.1\r\nHost: tracker\r\n\r\n";
}

// The login page (200) and the dashboard's entry point (303 to it), alternating.
std::vector<std::string> Pages(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(Get(i % 2 == 0 ? "/login" : "/"));
  return out;
}

void ExpectPages(const std::vector<net::testing::RawResponse>& got, int n) {
  ASSERT_EQ(got.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    if (i % 2 == 0) {
      EXPECT_EQ(got[i].status, 200) << i;
      EXPECT_NE(got[i].body.find("action=\"/login\""), std::string::npos) << i;
    } else {
      EXPECT_EQ(got[i].status, 303) << i;
    }
  }
}

TEST(DashboardHttp, AnswersTwoThreeAndTenPipelinedRequestsInOrder) {
  auto app = StartApp();
  for (int n : {2, 3, 10}) ExpectPages(net::testing::Pipelined(app->port(), Pages(n), In(5s)), n);
}

TEST(DashboardHttp, TwoHundredTricklingConnectionsDoNotTakeItDown) {
  RaiseFdLimit();
  auto app = StartApp();
  std::vector<int> slow = net::testing::OpenTrickling(app->port(), 200, "GET /login HTTP/1.1\r\nHos");
  // Accepted in order: each request below comes after all 200.
  const auto pages = Pages(6);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto r = RoundTrip(app->port(), pages[i], In(1s));
    EXPECT_EQ(r.status, i % 2 == 0 ? 200 : 303) << i;
  }
  net::testing::CloseAll(slow);
}

TEST(DashboardHttp, IdleKeepAliveBrowsersDoNotTakeItDown) {
  auto app = StartApp();
  std::vector<int> idle;
  for (int i = 0; i < 16; ++i) {  // more than the worker threads
    int fd = Connect(app->port());
    ASSERT_TRUE(Send(fd, Get("/login")));
    ASSERT_EQ(ReadResponses(fd, 1, In(2s)).size(), 1u);
    idle.push_back(fd);  // a browser keeps its connection open
  }
  EXPECT_EQ(RoundTrip(app->port(), Get("/login"), In(1s)).status, 200);
  for (int fd : idle) ::close(fd);
}

TEST(DashboardHttp, RefusesAmbiguousFramingWith400) {
  auto app = StartApp();
  // GET /login answers 200 whatever its body: only the framing can make these 400.
  const std::string get = "GET /login HTTP/1.1\r\n";
  const std::vector<std::string> cases = {
      get + "Host: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\na=b",
      get + "Host: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\na=bc",
      get + "Host: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
            "3\r\na=b\r\n0\r\n\r\n",
      get + "\r\n",  // no Host
      get + "Host: t\r\nContent-Length: three\r\n\r\na=b",
  };
  const std::string fine = get + "Host: t\r\nContent-Length: 3\r\n\r\na=b";
  EXPECT_EQ(RoundTrip(app->port(), fine, In(3s)).status, 200);
  for (const std::string& c : cases) {
    EXPECT_EQ(RoundTrip(app->port(), c, In(3s)).status, 400) << c;
  }
}

TEST(DashboardHttp, FiveHundredConnectionsOpenPromptly) {
  RaiseFdLimit();
  auto app = StartApp();
  std::vector<int> fds = net::testing::StartConnects(app->port(), 500);
  // Within the first SYN retransmission timeout (1 s): a dropped SYN (full backlog) misses it.
  EXPECT_EQ(net::testing::CountConnected(fds, In(900ms)), 500u);
  net::testing::CloseAll(fds);
  EXPECT_EQ(RoundTrip(app->port(), Get("/login"), In(2s)).status, 200);
}

TEST(DashboardHttp, CutsOffAHeadThatTricklesPastItsDeadline) {
  AppOptions opts;
  opts.head_timeout_ms = 200;
  auto app = StartApp(opts);
  int fd = Connect(app->port());
  ASSERT_TRUE(Send(fd, "GET /login HTTP/1.1\r\n"));
  std::vector<net::testing::RawResponse> got;
  bool closed = false;
  const auto deadline = In(3s);
  while (got.empty() && !closed && net::testing::MsLeft(deadline) > 0) {
    Send(fd, "X");
    got = ReadResponses(fd, 1, In(20ms), &closed);
  }
  ::close(fd);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 408);
}

TEST(DashboardHttp, StopReturnsWithinOneSecondWithSlowClients) {
  RaiseFdLimit();
  auto app = StartApp();
  std::vector<int> fds;
  for (int i = 0; i < 50; ++i) {
    int fd = Connect(app->port());
    Send(fd, "GET /login HTTP/1.1\r\nHo");
    fds.push_back(fd);
  }
  for (int i = 0; i < 3; ++i) {
    int fd = Connect(app->port());
    Send(fd, "POST /login HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\nemail=");
    fds.push_back(fd);
  }
  ASSERT_EQ(RoundTrip(app->port(), Get("/login"), In(2s)).status, 200);
  const auto start = std::chrono::steady_clock::now();
  app->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  for (int fd : fds) {
    EXPECT_TRUE(net::testing::WaitClosed(fd, In(2s)));
    ::close(fd);
  }
}

TEST(DashboardHttp, BodiesOverTheLimitGet413) {
  auto app = StartApp();
  auto r = RoundTrip(app->port(),
                     "POST /login HTTP/1.1\r\nHost: t\r\nContent-Type: "
                     "application/x-www-form-urlencoded\r\nContent-Length: 62914560\r\n\r\n",
                     In(2s));
  EXPECT_EQ(r.status, 413);
  r = RoundTrip(app->port(),
                "POST /api/sync HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                "Content-Length: 100000\r\n\r\n",
                In(2s));
  EXPECT_EQ(r.status, 413);
}

TEST(DashboardHttp, ServeExitsWithinOneSecondOfSigtermWithSlowClients) {
  RaiseFdLimit();
  const std::string db = ::testing::TempDir() + "bcsync-sigterm.db";
  ::unlink(db.c_str());
  net::testing::Child init = net::testing::Spawn(
      {BCSYNC_BINARY, "init", "--db", db, "--company", "Acme"}, In(10s));
  ASSERT_TRUE(net::testing::WaitExit(init.pid, In(10s)));
  net::testing::Child child = net::testing::Spawn(
      {BCSYNC_BINARY, "serve", "--db", db, "--basecamp", "http://127.0.0.1:9"}, In(10s));
  const int port = net::testing::PortOf(child.first_line);
  ASSERT_GT(port, 0) << child.first_line;
  std::vector<int> fds = net::testing::OpenTrickling(port, 50, "GET /login HTTP/1.1\r\nHo");
  EXPECT_EQ(RoundTrip(port, Get("/login"), In(2s)).status, 200);
  int status = -1;
  EXPECT_TRUE(net::testing::TerminatesCleanly(child.pid, In(1s), &status)) << status;
  net::testing::CloseAll(fds);
  ::unlink(db.c_str());
}

}  // namespace
}  // namespace bcsync
