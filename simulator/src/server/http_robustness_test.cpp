// The simulator's HTTP transport against hostile and careless clients (issue 8, item 3): raw
// loopback sockets, port 0, every wait bounded by a deadline, no sleeps.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <string>
#include <vector>

#include "net/testing/raw_http.h"
#include "server/http_server.h"
#include "server/test_support.h"

namespace bcsim {
namespace {

using namespace std::chrono_literals;
using net::testing::Connect;
using net::testing::In;
using net::testing::ReadResponses;
using net::testing::RoundTrip;
using net::testing::Send;
using testing::TestSim;

using net::testing::RaiseFdLimit;

std::string Get(const std::string& path, const std::string& token = "") {
  std::string r = "GET " + path + " HTTP/1.1\r\nHost: sim\r\nUser-Agent: Tests (qa@acme.test)\r\n";
  if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
  return r + "\r\n";
}

// The three faces of the simulator: the API, Launchpad and the control API.
std::vector<std::string> Mixed(const std::string& token, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    switch (i % 3) {
      case 0: out.push_back(Get("/4000001/projects.json", token)); break;
      case 1: out.push_back(Get("/")); break;
      default: out.push_back(Get("/__bcsim/requests?since=0&limit=1")); break;
    }
  }
  return out;
}

void ExpectMixedAnswers(const std::vector<net::testing::RawResponse>& got, int n) {
  ASSERT_EQ(got.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(got[i].status, 200) << i;
    switch (i % 3) {
      case 0: EXPECT_EQ(got[i].body.substr(0, 1), "[") << i; break;
      case 1: EXPECT_NE(got[i].body.find("Sign in"), std::string::npos) << i; break;
      default: EXPECT_NE(got[i].body.find("\"last_seq\""), std::string::npos) << i; break;
    }
  }
}

TEST(SimulatorHttp, AnswersTwoThreeAndTenPipelinedRequestsInOrder) {
  TestSim t;
  const std::string token = t.Mint("alice")["access_token"];
  for (int n : {2, 3, 10}) {
    ExpectMixedAnswers(net::testing::Pipelined(t.sim->port(), Mixed(token, n), In(5s)), n);
  }
}

TEST(SimulatorHttp, TricklingConnectionsDoNotStarveApiLaunchpadOrControl) {
  RaiseFdLimit();
  TestSim t;
  const std::string token = t.Mint("alice")["access_token"];
  // More than the 64 workers TestSim's simulator may make.
  std::vector<int> slow = net::testing::OpenTrickling(
      t.sim->port(), 300, "GET /4000001/projects.json HTTP/1.1\r\nHost: sim\r\nUser-Ag");
  // Connections are accepted in order: each request below comes after all 300.
  const auto requests = Mixed(token, 9);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto r = RoundTrip(t.sim->port(), requests[i], In(1s));
    EXPECT_EQ(r.status, 200) << i;
  }
  net::testing::CloseAll(slow);
}

TEST(SimulatorHttp, RefusesAmbiguousFramingWith400) {
  TestSim t;
  const std::string post = "POST /__bcsim/reset HTTP/1.1\r\nUser-Agent: t\r\n";
  const std::vector<std::string> cases = {
      post + "Host: sim\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
      post + "Host: sim\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{} ",
      post + "Host: sim\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
             "2\r\n{}\r\n0\r\n\r\n",
      post + "Content-Length: 2\r\n\r\n{}",  // no Host
      post + "Host: sim\r\nContent-Length: 2x\r\n\r\n{}",
      post + "Host: sim\r\nContent-Length: -1\r\n\r\n",
  };
  for (const std::string& c : cases) {
    auto r = RoundTrip(t.sim->port(), c, In(3s));
    EXPECT_EQ(r.status, 400) << c;
  }
  // The journal shows none of them reached the dispatcher.
  EXPECT_EQ(RoundTrip(t.sim->port(), Get("/__bcsim/health"), In(3s)).status, 200);
}

TEST(SimulatorHttp, FiveHundredConnectionsOpenPromptly) {
  RaiseFdLimit();
  TestSim t;
  std::vector<int> fds = net::testing::StartConnects(t.sim->port(), 500);
  // Within the kernel's first SYN retransmission timeout (1 s): with a short backlog the
  // accept queue overflows, SYNs are dropped and those connects need a retry a second later.
  EXPECT_EQ(net::testing::CountConnected(fds, In(900ms)), 500u);
  EXPECT_EQ(RoundTrip(t.sim->port(), Get("/__bcsim/health"), In(2s)).status, 200);
  net::testing::CloseAll(fds);
}

TEST(SimulatorHttp, CutsOffAHeadThatTricklesPastItsDeadline) {
  SimulatorOptions opts;
  opts.head_timeout_ms = 200;
  Simulator sim(opts);
  ASSERT_TRUE(sim.Start().ok());
  int fd = Connect(sim.port());
  ASSERT_TRUE(Send(fd, "GET /__bcsim/health HTTP/1.1\r\n"));
  std::vector<net::testing::RawResponse> got;
  bool closed = false;
  const auto deadline = In(3s);
  while (got.empty() && !closed && net::testing::MsLeft(deadline) > 0) {
    Send(fd, "X");  // one byte at a time: only a deadline for the whole head stops this
    got = ReadResponses(fd, 1, In(20ms), &closed);
  }
  ::close(fd);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 408);
}

TEST(SimulatorHttp, StopReturnsWithinOneSecondWithSlowClientsAndADelayFault) {
  RaiseFdLimit();
  SimulatorOptions opts;
  opts.real_delays = true;
  auto sim = std::make_unique<Simulator>(opts);
  ASSERT_TRUE(sim->LoadYaml(testing::TestWorldYaml(), "t.yaml", {{"tracker", "http://t"}}).ok());
  ASSERT_TRUE(sim->Start().ok());
  const int port = sim->port();
  const std::string fault =
      R"({"match":{"path":"/authorization/new"},"delay":"30s"})";
  auto added = RoundTrip(port,
                         "POST /__bcsim/faults HTTP/1.1\r\nHost: sim\r\nContent-Type: "
                         "application/json\r\nContent-Length: " +
                             std::to_string(fault.size()) + "\r\n\r\n" + fault,
                         In(2s));
  ASSERT_EQ(added.status, 201) << added.body;
  std::vector<int> fds;
  for (int i = 0; i < 100; ++i) {  // partial heads
    int fd = Connect(port);
    Send(fd, "GET / HTTP/1.1\r\nHo");
    fds.push_back(fd);
  }
  for (int i = 0; i < 3; ++i) {  // requests sleeping in a 30 s delay fault
    int fd = Connect(port);
    Send(fd, Get("/authorization/new"));
    fds.push_back(fd);
  }
  {
    int fd = Connect(port);  // a partial body
    Send(fd, "PUT /__bcsim/scenario HTTP/1.1\r\nHost: sim\r\nContent-Length: 900000\r\n\r\nab");
    fds.push_back(fd);
  }
  // The delayed requests are in the journal only once answered; wait until a fresh request
  // is still answered (everything above was accepted before it).
  ASSERT_EQ(RoundTrip(port, Get("/__bcsim/health"), In(2s)).status, 200);
  const auto start = std::chrono::steady_clock::now();
  sim->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  for (int fd : fds) {
    EXPECT_TRUE(net::testing::WaitClosed(fd, In(2s)));
    ::close(fd);
  }
}

TEST(SimulatorHttp, BodyLimitsPerEndpointAnswer413) {
  TestSim t;
  const int port = t.sim->port();
  auto head_only = [&](const std::string& method, const std::string& path, std::size_t length) {
    return RoundTrip(port,
                     method + " " + path + " HTTP/1.1\r\nHost: sim\r\nUser-Agent: t\r\n"
                         "Content-Type: application/json\r\nContent-Length: " +
                         std::to_string(length) + "\r\n\r\n",
                     In(2s))
        .status;
  };
  EXPECT_EQ(head_only("POST", "/authorization/token", kFormBodyLimit + 1), 413);
  EXPECT_EQ(head_only("POST", "/signin", kFormBodyLimit + 1), 413);
  EXPECT_EQ(head_only("POST", "/4000001/buckets/1/todolists/2/todos.json", kApiBodyLimit + 1),
            413);
  EXPECT_EQ(head_only("POST", "/__bcsim/faults", kControlBodyLimit + 1), 413);
  EXPECT_EQ(head_only("PUT", "/__bcsim/scenario", 60u << 20), 413);
  // Within the limit the body is read and the endpoint answers (a YAML error here).
  const std::string yaml = "basecamp: [" + std::string(2u << 20, ' ') + "\n";
  auto r = RoundTrip(port,
                     "PUT /__bcsim/scenario HTTP/1.1\r\nHost: sim\r\nContent-Length: " +
                         std::to_string(yaml.size()) + "\r\n\r\n" + yaml,
                     In(10s));
  EXPECT_EQ(r.status, 400) << r.body;
  // A chunked body is cut off as soon as it passes the limit.
  int fd = Connect(port);
  ASSERT_TRUE(Send(fd, "POST /signin HTTP/1.1\r\nHost: sim\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "4000\r\n" + std::string(0x4000, 'a') + "\r\n";
  for (int i = 0; i < 5; ++i) Send(fd, chunk);
  auto got = ReadResponses(fd, 1, In(2s));
  ::close(fd);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 413);
}

TEST(SimulatorHttp, ServeExitsWithinOneSecondOfSigtermWithSlowClients) {
  RaiseFdLimit();
  net::testing::Child child = net::testing::Spawn({BCSIM_SERVE_BINARY, "serve"}, In(10s));
  const int port = net::testing::PortOf(child.first_line);
  ASSERT_GT(port, 0) << child.first_line;
  std::vector<int> fds = net::testing::OpenTrickling(port, 100, "GET /__bcsim/health HTTP/1.1\r\nHo");
  EXPECT_EQ(RoundTrip(port, Get("/__bcsim/health"), In(2s)).status, 200);
  int status = -1;
  EXPECT_TRUE(net::testing::TerminatesCleanly(child.pid, In(1s), &status)) << status;
  net::testing::CloseAll(fds);
}

}  // namespace
}  // namespace bcsim
