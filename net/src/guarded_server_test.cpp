// GuardedServer over real loopback sockets (port 0). No sleeps: every wait polls a socket or
// the server's stats with a deadline.
#include "net/guarded_server.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "net/testing/raw_http.h"

namespace net {
namespace {

using namespace std::chrono_literals;
using testing::Connect;
using testing::In;
using testing::ReadResponses;
using testing::RoundTrip;
using testing::Send;

using testing::RaiseFdLimit;

std::unique_ptr<GuardedServer> MakeServer(GuardOptions opts = {}, int* port = nullptr,
                                          std::size_t threads = 4) {
  auto s = std::make_unique<GuardedServer>(std::move(opts));
  s->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s->Get("/n/(\\d+)", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("n=" + std::string(req.matches[1]), "text/plain");
  });
  s->Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body, "text/plain");
  });
  s->Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(8 << 20, 'x'), "text/plain");
  });
  int p = s->Bind("127.0.0.1", 0);
  EXPECT_GT(p, 0);
  EXPECT_TRUE(s->Start());
  if (port) *port = p;
  return s;
}

std::string Get(const std::string& path) {
  return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
}

template <typename Pred>
bool WaitFor(Pred pred, std::chrono::milliseconds limit) {
  const auto deadline = In(limit);
  while (!pred()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

TEST(GuardedServer, AnswersPipelinedRequestsInOrder) {
  int port = 0;
  auto server = MakeServer({}, &port);
  for (int n : {2, 3, 10}) {
    std::string batch;
    for (int i = 0; i < n; ++i) batch += Get("/n/" + std::to_string(i));
    int fd = Connect(port);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(Send(fd, batch));
    auto got = ReadResponses(fd, static_cast<std::size_t>(n), In(5s));
    ::close(fd);
    ASSERT_EQ(got.size(), static_cast<std::size_t>(n)) << n << " pipelined";
    for (int i = 0; i < n; ++i) EXPECT_EQ(got[i].body, "n=" + std::to_string(i));
  }
}

TEST(GuardedServer, PipelinedBodiesKeepTheirBoundaries) {
  int port = 0;
  auto server = MakeServer({}, &port);
  std::string batch =
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: t\r\n\r\n" + Get("/n/7");
  int fd = Connect(port);
  ASSERT_TRUE(Send(fd, batch));
  auto got = ReadResponses(fd, 4, In(5s));
  ::close(fd);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].body, "hello");
  EXPECT_EQ(got[1].body, "abcde");
  EXPECT_EQ(got[2].body, "");
  EXPECT_EQ(got[3].body, "n=7");
}

TEST(GuardedServer, RefusesAmbiguousFramingWith400AndCloses) {
  int port = 0;
  auto server = MakeServer({}, &port);
  const std::string post = "POST /echo HTTP/1.1\r\nHost: t\r\n";
  const std::vector<std::string> cases = {
      post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
      post + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
      post + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      post + "Content-Length: abc\r\n\r\n",
      post + "Content-Length: -3\r\n\r\n",
      "GET /n/1 HTTP/1.1\r\n\r\n",
      "GET /n/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
      post + "Transfer-Encoding: identity\r\n\r\n",
      "GET /n/1 HTTP/1.1\nHost: t\n\n",
  };
  for (const std::string& c : cases) {
    int fd = Connect(port);
    ASSERT_TRUE(Send(fd, c + Get("/n/2")));
    bool closed = false;
    auto got = ReadResponses(fd, 2, In(3s), &closed);
    ::close(fd);
    ASSERT_GE(got.size(), 1u) << c;
    EXPECT_EQ(got[0].status, 400) << c;
    EXPECT_EQ(got.size(), 1u) << "the request behind a refused one must not run: " << c;
    EXPECT_TRUE(closed) << c;
  }
}

TEST(GuardedServer, ListenBacklogHoldsFiveHundredConnections) {
  // Bound but not started: nothing accepts, so only the kernel's accept queue (the backlog)
  // completes handshakes.
  GuardedServer server;
  int port = server.Bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  RaiseFdLimit();
  std::vector<int> fds = testing::StartConnects(port, 500);
  const std::size_t connected = testing::CountConnected(fds, In(3s));
  testing::CloseAll(fds);
  EXPECT_EQ(connected, 500u);
}

TEST(GuardedServer, TricklingHeadsDoNotStarveOthers) {
  RaiseFdLimit();
  int port = 0;
  auto server = MakeServer({}, &port, 2);
  std::vector<int> slow;
  for (int i = 0; i < 300; ++i) {
    int fd = Connect(port);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(Send(fd, "GET /n/1 HTTP/1.1\r\nHo"));
    slow.push_back(fd);
  }
  ASSERT_TRUE(WaitFor([&] { return server->stats().waiting_heads >= 300; }, 5s))
      << server->stats().waiting_heads;
  for (int i = 0; i < 20; ++i) {
    auto r = RoundTrip(port, Get("/n/" + std::to_string(i)), In(1s));
    EXPECT_EQ(r.status, 200) << i;
  }
  for (int fd : slow) ::close(fd);
}

TEST(GuardedServer, IdleKeepAliveConnectionsHoldNoWorker) {
  int port = 0;
  GuardOptions opts;
  opts.linger = 0ms;
  auto server = MakeServer(opts, &port, 1);
  std::vector<int> idle;
  for (int i = 0; i < 8; ++i) {
    int fd = Connect(port);
    ASSERT_TRUE(Send(fd, Get("/n/1")));
    ASSERT_EQ(ReadResponses(fd, 1, In(2s)).size(), 1u);
    idle.push_back(fd);  // kept open, keep-alive
  }
  EXPECT_EQ(RoundTrip(port, Get("/n/9"), In(1s)).status, 200);
  for (int fd : idle) ::close(fd);
}

TEST(GuardedServer, CutsOffAHeadThatMissesItsDeadline) {
  GuardOptions opts;
  opts.head_timeout = 200ms;
  int port = 0;
  auto server = MakeServer(opts, &port);
  int fd = Connect(port);
  ASSERT_TRUE(Send(fd, "GET /n/1 HTTP/1.1\r\n"));
  // Keep trickling: per-read timeouts would never fire, the whole-head deadline does.
  bool closed = false;
  std::vector<testing::RawResponse> got;
  const auto deadline = In(3s);
  while (got.empty() && !closed && testing::MsLeft(deadline) > 0) {
    Send(fd, "X");
    got = ReadResponses(fd, 1, In(20ms), &closed);
  }
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 408);
  EXPECT_TRUE(testing::WaitClosed(fd, In(3s)));
  ::close(fd);
  EXPECT_EQ(server->stats().timed_out, 1u);
}

TEST(GuardedServer, RefusesBodiesOverTheLimitWith413) {
  GuardOptions opts;
  opts.body_limit = [](std::string_view, std::string_view target) -> std::size_t {
    return target == "/echo" ? 10 : 0;
  };
  int port = 0;
  auto server = MakeServer(opts, &port);
  // Refused from Content-Length alone: the body is never sent.
  auto r = RoundTrip(port,
                     "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 62914560\r\n\r\n", In(2s));
  EXPECT_EQ(r.status, 413);
  r = RoundTrip(port,
                "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                "8\r\n12345678\r\n8\r\n12345678\r\n",
                In(2s));
  EXPECT_EQ(r.status, 413);
  // Expect: 100-continue is answered 413 without the 100.
  r = RoundTrip(port,
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n"
                "Expect: 100-continue\r\n\r\n",
                In(2s));
  EXPECT_EQ(r.status, 413);
  r = RoundTrip(port, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789",
                In(2s));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "0123456789");
}

TEST(GuardedServer, BoundsTheBodiesBufferedAcrossConnections) {
  GuardOptions opts;
  opts.max_buffered_bytes = 100;
  int port = 0;
  auto server = MakeServer(opts, &port);
  // 60 de-chunked bytes held by one connection (its body is not finished)...
  int held = Connect(port);
  ASSERT_TRUE(Send(held, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "3c\r\n" + std::string(60, 'a') + "\r\n"));
  ASSERT_TRUE(WaitFor([&] { return server->stats().buffered_bytes >= 60; }, 2s));
  // ...leave 40 for everyone else: a 50-byte body is refused.
  auto r =
      RoundTrip(port, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\n\r\n", In(2s));
  EXPECT_EQ(r.status, 503);
  r = RoundTrip(port, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 30\r\n\r\n" +
                          std::string(30, 'b'),
                In(2s));
  EXPECT_EQ(r.status, 200);
  ::close(held);
}

TEST(GuardedServer, StopReturnsWithinOneSecondWhateverClientsDo) {
  RaiseFdLimit();
  int port = 0;
  auto server = MakeServer({}, &port);
  std::vector<int> fds;
  for (int i = 0; i < 50; ++i) {  // partial heads
    int fd = Connect(port);
    Send(fd, "GET /n/1 HTTP/1.1\r\nHo");
    fds.push_back(fd);
  }
  for (int i = 0; i < 5; ++i) {  // partial bodies
    int fd = Connect(port);
    Send(fd, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\nabc");
    fds.push_back(fd);
  }
  for (int i = 0; i < 3; ++i) {  // 8 MB answers nobody reads: the workers block writing
    int fd = Connect(port);
    int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    Send(fd, Get("/big"));
    fds.push_back(fd);
  }
  ASSERT_TRUE(WaitFor([&] { return server->stats().requests >= 3; }, 5s));
  // Stop cannot cut a handler short, only what comes after it: wait until each 8 MB answer has
  // begun to arrive (its handler is done and its worker is blocked sending), so the second
  // measured below is Stop's own, also under a sanitizer on a loaded machine.
  for (std::size_t i = fds.size() - 3; i < fds.size(); ++i) {
    pollfd p{fds[i], POLLIN, 0};
    ASSERT_EQ(::poll(&p, 1, 20000), 1) << "no answer began on connection " << i;
  }
  const auto start = std::chrono::steady_clock::now();
  server->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  for (int fd : fds) {
    EXPECT_TRUE(testing::WaitClosed(fd, In(2s)));
    ::close(fd);
  }
}

TEST(GuardedServer, ProcessBytesRunsTheSamePipelineWithoutSockets) {
  GuardedServer server;
  server.Get("/n/(\\d+)", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("n=" + std::string(req.matches[1]), "text/plain");
  });
  std::string out = server.ProcessBytes(Get("/n/1") + Get("/n/2") +
                                        "GET / HTTP/1.1\r\nContent-Length: 1\r\n"
                                        "Content-Length: 1\r\n\r\nx" + Get("/n/3"));
  EXPECT_NE(out.find("n=1"), std::string::npos);
  EXPECT_NE(out.find("n=2"), std::string::npos);
  EXPECT_NE(out.find("HTTP/1.1 400"), std::string::npos);
  EXPECT_EQ(out.find("n=3"), std::string::npos);
}

}  // namespace
}  // namespace net
