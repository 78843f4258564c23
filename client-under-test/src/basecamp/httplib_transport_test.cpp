// The real transport against a loopback server that misbehaves at the socket level: a dropped
// connection, a reset, a body cut short are "no response" (kUnavailable), and a GET is retried
// over them while a POST is sent once (issue 10, item 2). Port 0, every wait bounded.
#include "basecamp/httplib_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "basecamp/retry.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync::basecamp {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Accepts one connection per script, reads the request head, runs the script on the socket
// and closes it. Gives up on a connection that does not come within 5 s.
class ScriptedServer {
 public:
  using Script = std::function<void(int fd)>;
  explicit ScriptedServer(std::vector<Script> scripts) : scripts_(std::move(scripts)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Run(); });
  }
  ~ScriptedServer() {
    thread_.join();
    ::close(listen_fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/1/projects.json"; }
  int connections() const { return connections_.load(); }

 private:
  void Run() {
    for (const Script& script : scripts_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 5000) != 1) return;
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) return;
      ++connections_;
      std::string head;
      char c;
      while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
        pollfd r{fd, POLLIN, 0};
        if (::poll(&r, 1, 5000) != 1 || ::read(fd, &c, 1) != 1) break;
        head += c;
      }
      script(fd);
      ::close(fd);
    }
  }
  std::vector<Script> scripts_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

void Write(int fd, const std::string& text) { (void)!::write(fd, text.data(), text.size()); }

const ScriptedServer::Script kDrop = [](int) {};  // closed before a byte of response
const ScriptedServer::Script kReset = [](int fd) {
  linger l{1, 0};  // close with RST
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
};
const ScriptedServer::Script kTruncated = [](int fd) {
  Write(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n[{\"id\": 1},");
};
const ScriptedServer::Script kOk = [](int fd) {
  Write(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]");
};

HttpRequest Request(const std::string& method, const std::string& url) {
  HttpRequest r;
  r.method = method;
  r.url = url;
  return r;
}

TEST(HttplibTransportTest, DroppedResetOrTruncatedIsNoResponse) {
  ScriptedServer server({kDrop, kReset, kTruncated, kOk});
  HttplibTransport transport;
  for (const char* what : {"dropped", "reset", "truncated"}) {
    EXPECT_EQ(transport.Send(Request("GET", server.url())).status().code(), StatusCode::kUnavailable) << what;
  }
  // The wrong variant: a whole response is a response.
  StatusOr<HttpResponse> whole = transport.Send(Request("GET", server.url()));
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_EQ(whole->body, "[]");
}

TEST(HttplibTransportTest, RetriesAGetOverATruncatedBodyAndADroppedConnection) {
  ScriptedServer server({kTruncated, kDrop, kOk});
  HttplibTransport transport;
  FakeClock clock;
  FakeSleeper sleeper(&clock);
  Throttle throttle(0, 0);
  int attempts = 0;
  auto response = SendWithRetry(transport, Request("GET", server.url()), throttle, clock, sleeper, RetryPolicy{},
                                &attempts);
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(attempts, 3);
  EXPECT_THAT(sleeper.sleeps(), ElementsAre(1000, 2000));
}

TEST(HttplibTransportTest, SendsAPostOnceWhenItsConnectionDrops) {
  ScriptedServer server({kDrop});
  HttplibTransport transport;
  FakeClock clock;
  FakeSleeper sleeper(&clock);
  Throttle throttle(0, 0);
  int attempts = 0;
  auto response = SendWithRetry(transport, Request("POST", server.url()), throttle, clock, sleeper, RetryPolicy{},
                                &attempts);
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(server.connections(), 1);
  EXPECT_THAT(sleeper.sleeps(), IsEmpty());
}

}  // namespace
}  // namespace bcsync::basecamp
