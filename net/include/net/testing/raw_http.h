// Test helpers: raw HTTP/1.1 over loopback sockets, every wait bounded by a deadline.
// Header-only, for the tests of bcsim_net, the simulator and bcsync (real servers, port 0).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace net::testing {

using Deadline = std::chrono::steady_clock::time_point;

inline Deadline In(std::chrono::milliseconds ms) { return std::chrono::steady_clock::now() + ms; }

inline int MsLeft(Deadline d) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      d - std::chrono::steady_clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(left.count());
}

// A blocking connect to 127.0.0.1:port; -1 on failure.
inline int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

inline bool Send(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

struct RawResponse {
  int status = 0;
  std::string head;
  std::string body;
};

// Length of the first complete response in `buf` (Content-Length framed, or a response without
// a body), 0 if incomplete. `head_request`: a response to HEAD has no body.
inline std::size_t CompleteResponse(std::string_view buf, RawResponse* out,
                                    bool head_request = false) {
  std::size_t end = buf.find("\r\n\r\n");
  if (end == std::string_view::npos) return 0;
  std::string head(buf.substr(0, end + 4));
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t length = 0;
  std::size_t at = lower.find("\r\ncontent-length:");
  if (at != std::string::npos && !head_request) length = std::stoul(lower.substr(at + 17));
  int status = 0;
  if (head.size() > 12) status = std::atoi(head.c_str() + 9);
  if (status == 100) {  // interim: report it as its own response
    out->status = 100;
    out->head = head;
    out->body.clear();
    return end + 4;
  }
  if (buf.size() < end + 4 + length) return 0;
  out->status = status;
  out->head = head;
  out->body = std::string(buf.substr(end + 4, length));
  return end + 4 + length;
}

// Reads until `count` responses arrived, the peer closed, or the deadline passed.
inline std::vector<RawResponse> ReadResponses(int fd, std::size_t count, Deadline deadline,
                                              bool* closed = nullptr) {
  std::vector<RawResponse> got;
  std::string buf;
  if (closed) *closed = false;
  while (got.size() < count) {
    RawResponse r;
    if (std::size_t n = CompleteResponse(buf, &r); n > 0) {
      buf.erase(0, n);
      got.push_back(std::move(r));
      continue;
    }
    pollfd p{fd, POLLIN, 0};
    int ms = MsLeft(deadline);
    if (ms == 0 || ::poll(&p, 1, ms) <= 0) break;
    char tmp[16384];
    ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      break;
    }
    buf.append(tmp, static_cast<std::size_t>(n));
  }
  return got;
}

// True when the peer closes the connection (EOF or reset) before the deadline; drops any data.
inline bool WaitClosed(int fd, Deadline deadline) {
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    int ms = MsLeft(deadline);
    if (ms == 0 || ::poll(&p, 1, ms) <= 0) return false;
    char tmp[4096];
    ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return true;
  }
}

// One request on a fresh connection; status 0 when nothing (complete) came back in time.
inline RawResponse RoundTrip(int port, std::string_view request, Deadline deadline) {
  RawResponse none;
  int fd = Connect(port);
  if (fd < 0) return none;
  if (!Send(fd, request)) {
    ::close(fd);
    return none;
  }
  auto got = ReadResponses(fd, 1, deadline);
  ::close(fd);
  return got.empty() ? none : got.front();
}

// A child process (a `serve` command) and the first line it printed on stdout.
struct Child {
  pid_t pid = -1;
  std::string first_line;
};

// Runs argv with stdout on a pipe; waits (until the deadline) for its first line.
inline Child Spawn(const std::vector<std::string>& argv, Deadline deadline) {
  Child child;
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return child;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  child.pid = pid;
  char c = 0;
  for (;;) {
    pollfd p{out[0], POLLIN, 0};
    int ms = MsLeft(deadline);
    if (ms == 0 || ::poll(&p, 1, ms) <= 0 || ::read(out[0], &c, 1) != 1 || c == '\n') break;
    child.first_line += c;
  }
  ::close(out[0]);
  return child;
}

// Raises the soft limit on open files to the hard one (tests that hold hundreds of sockets).
inline void RaiseFdLimit() {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = r.rlim_max;
  setrlimit(RLIMIT_NOFILE, &r);
}

// Starts `n` non-blocking connects to 127.0.0.1:port and returns their sockets (a socket that
// could not be made is -1).
inline std::vector<int> StartConnects(int port, int n) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<int> fds;
  for (int i = 0; i < n; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0) ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    fds.push_back(fd);
  }
  return fds;
}

// How many of `fds` (from StartConnects) completed their handshake before the deadline.
inline std::size_t CountConnected(const std::vector<int>& fds, Deadline deadline) {
  std::size_t connected = 0;
  for (int fd : fds) {
    pollfd p{fd, POLLOUT, 0};
    int err = -1;
    socklen_t len = sizeof err;
    if (fd >= 0 && ::poll(&p, 1, MsLeft(deadline)) == 1 &&
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
      ++connected;
    }
  }
  return connected;
}

inline void CloseAll(const std::vector<int>& fds) {
  for (int fd : fds) {
    if (fd >= 0) ::close(fd);
  }
}

// Sends every request in one write on a new connection (pipelining) and reads that many
// answers until the deadline.
inline std::vector<RawResponse> Pipelined(int port, const std::vector<std::string>& requests,
                                          Deadline deadline) {
  std::string batch;
  for (const std::string& r : requests) batch += r;
  int fd = Connect(port);
  if (fd < 0 || !Send(fd, batch)) {
    if (fd >= 0) ::close(fd);
    return {};
  }
  std::vector<RawResponse> got = ReadResponses(fd, requests.size(), deadline);
  ::close(fd);
  return got;
}

// `n` connections that each sent `head_start` (the start of a request head) and nothing more.
inline std::vector<int> OpenTrickling(int port, int n, std::string_view head_start) {
  std::vector<int> fds;
  for (int i = 0; i < n; ++i) {
    int fd = Connect(port);
    Send(fd, head_start);
    fds.push_back(fd);
  }
  return fds;
}

// The port at the end of "... listening on http://127.0.0.1:PORT"; 0 if none.
inline int PortOf(const std::string& line) {
  std::size_t colon = line.rfind(':');
  return colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
}

// Waits for the child to exit before the deadline (pidfd, no polling loop); false if it is
// still running then. Reaps it either way once it has exited.
inline bool WaitExit(pid_t pid, Deadline deadline, int* status = nullptr) {
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    ::poll(&p, 1, MsLeft(deadline));
    ::close(pidfd);
  }
  int st = 0;
  if (::waitpid(pid, &st, WNOHANG) != pid) return false;
  if (status) *status = st;
  return true;
}

// Sends SIGTERM and waits for the child until the deadline; true when it exited by then with
// status 0. A child still running is killed (SIGKILL) and reaped. `*status`: its wait status.
inline bool TerminatesCleanly(pid_t pid, Deadline deadline, int* status) {
  ::kill(pid, SIGTERM);
  *status = -1;
  if (!WaitExit(pid, deadline, status)) {
    ::kill(pid, SIGKILL);
    WaitExit(pid, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    return false;
  }
  return WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
}

}  // namespace net::testing
