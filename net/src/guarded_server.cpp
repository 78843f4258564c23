#include "net/guarded_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace net {

using Clock = std::chrono::steady_clock;

struct GuardedServer::Conn {
  enum class Phase { kIdle, kHead, kBody, kChunked, kDrain };
  int fd = -1;
  std::size_t index = 0;  // in conns_
  std::string in;         // received, not yet consumed; the current request starts at in[0]
  std::size_t scanned = 0;
  Phase phase = Phase::kIdle;
  RequestHead head;
  std::size_t limit = 0;
  ChunkedDecoder chunked{0};
  std::size_t chunk_pos = 0;  // bytes after the head the decoder consumed (and erased)
  std::size_t chunk_raw = 0;  // raw chunked bytes consumed in all
  std::string body;           // the de-chunked body
  std::string request;        // the rewritten request httplib reads, when rewritten
  bool rewritten = false;
  std::size_t request_len = 0;  // bytes of `in` the current request takes
  std::size_t reserved = 0;     // bytes counted in buffered_
  std::string interim;          // "100 Continue" to send before reading on
  int refuse = 0;
  Clock::time_point deadline{};
  std::size_t requests = 0;
  std::size_t drained = 0;
  bool in_worker = false;
  bool want_close = false;
  std::string peer_ip, local_ip;
  int peer_port = 0, local_port = 0;
};

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;
char kListenTag, kWakeTag, kStopTag;

// The request bytes httplib parses, and the response bytes it writes, in memory.
class RequestStream : public httplib::Stream {
 public:
  RequestStream(std::string_view data, const GuardedServer::Conn& c, std::string* out)
      : data_(data), c_(c), out_(out) {}
  bool is_readable() const override { return pos_ < data_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    std::size_t n = std::min(size, data_.size() - pos_);
    std::memcpy(ptr, data_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_->append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  // httplib (built without CPPHTTPLIB_USE_POLL) answers 500 to a socket >= FD_SETSIZE; it never
  // selects on this one, so report none then.
  socket_t socket() const override;

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  const GuardedServer::Conn& c_;
  std::string* out_;
};

void RequestStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = c_.peer_ip;
  port = c_.peer_port;
}
void RequestStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = c_.local_ip;
  port = c_.local_port;
}
socket_t RequestStream::socket() const { return c_.fd < FD_SETSIZE ? c_.fd : INVALID_SOCKET; }

void Describe(const sockaddr_storage& ss, std::string* ip, int* port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    *port = ntohs(a->sin_port);
  } else if (ss.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    *port = ntohs(a->sin6_port);
  }
  *ip = buf;
}

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<long long>(0, std::min<long long>(left.count() + 1, 60000)));
}

void Signal(int efd) {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t r = ::write(efd, &one, sizeof one);
}

}  // namespace

GuardedServer::GuardedServer(GuardOptions options) : options_(std::move(options)) {}

GuardedServer::~GuardedServer() {
  Stop();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::size_t GuardedServer::LimitFor(std::string_view method, std::string_view target) const {
  return options_.body_limit ? options_.body_limit(method, target) : options_.default_body_limit;
}

int GuardedServer::Bind(const std::string& host, int port, std::string* error) {
  auto fail = [&](const std::string& what) {
    if (error) *error = what + ": " + std::strerror(errno);
    return -1;
  };
  if (listen_fd_ >= 0) {
    errno = EALREADY;
    return fail("already bound");
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res); rc != 0) {
    if (error) *error = "cannot resolve " + host + ": " + gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, options_.backlog) == 0) {
      break;
    }
    ::close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  if (fd < 0) return fail("cannot bind " + host + ":" + service);
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  std::string ip;
  int bound = 0;
  Describe(ss, &ip, &bound);
  listen_fd_ = fd;
  return bound;
}

bool GuardedServer::Start() {
  if (listen_fd_ < 0 || running_.load() || loop_.joinable()) return false;
  // Debian's cpp-httplib is a shared library that sets some state up lazily on the first request
  // it processes (under ThreadSanitizer, the first concurrent requests of a process report a
  // race inside it, and never again once one request went through: measured with
  // --gtest_repeat). One request through a server with no handlers, once per process and on
  // this thread before any worker exists, makes that set-up happen-before every worker: no
  // user handler runs, nothing is journaled.
  static std::once_flag warmed;
  std::call_once(warmed, [] {
    GuardedServer warm;
    warm.ProcessBytes("GET / HTTP/1.1\r\nHost: warm-up\r\n\r\n");
  });
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || stop_fd_ < 0 || wake_fd_ < 0) return false;
  auto add = [this](int fd, void* tag) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = tag;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  };
  add(listen_fd_, &kListenTag);
  add(wake_fd_, &kWakeTag);
  add(stop_fd_, &kStopTag);
  queue_.reset(new_task_queue ? new_task_queue() : new httplib::ThreadPool(8));
  // httplib's content providers stop writing once svr_sock_ is invalid ("shutting down").
  svr_sock_ = listen_fd_;
  stopping_ = false;
  running_ = true;
  loop_ = std::thread([this] { Loop(); });
  return true;
}

void GuardedServer::Stop() {
  if (!loop_.joinable()) return;
  stopping_ = true;
  svr_sock_ = INVALID_SOCKET;
  Signal(stop_fd_);
  loop_.join();
  if (queue_) queue_->shutdown();  // workers' waits poll stop_fd_ too, so this is quick
  queue_.reset();
  for (auto& c : conns_) {
    if (c->fd >= 0) ::close(c->fd);
  }
  conns_.clear();
  returns_.clear();
  n_connections_ = 0;
  n_waiting_heads_ = 0;
  buffered_ = 0;
  for (int* fd : {&listen_fd_, &epoll_fd_, &wake_fd_, &stop_fd_}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  running_ = false;
}

GuardStats GuardedServer::stats() const {
  GuardStats s;
  s.connections = n_connections_.load();
  s.accepted = n_accepted_.load();
  s.requests = n_requests_.load();
  s.refused = n_refused_.load();
  s.timed_out = n_timed_out_.load();
  s.waiting_heads = n_waiting_heads_.load();
  s.buffered_bytes = buffered_.load();
  return s;
}

// ---- the event thread

void GuardedServer::Loop() {
  epoll_event events[256];
  auto last_sweep = Clock::now();
  bool stop = false;
  while (!stop) {
    int n = epoll_wait(epoll_fd_, events, 256, 50);
    const auto now = Clock::now();
    for (int i = 0; i < n; ++i) {
      void* tag = events[i].data.ptr;
      if (tag == &kStopTag) {
        stop = true;
      } else if (tag == &kListenTag) {
        AcceptAll();
      } else if (tag == &kWakeTag) {
        std::uint64_t v;
        [[maybe_unused]] ssize_t r = ::read(wake_fd_, &v, sizeof v);
        DrainReturns();
      } else if (!static_cast<Conn*>(tag)->in_worker) {
        OnReadable(static_cast<Conn*>(tag));
      }
    }
    if (now - last_sweep >= std::chrono::milliseconds(50)) {
      Sweep(now);
      last_sweep = now;
    }
  }
}

void GuardedServer::AcceptAll() {
  for (int i = 0; i < 256 && accepting_; ++i) {
    sockaddr_storage peer{};
    socklen_t len = sizeof peer;
    int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &len,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // Out of descriptors: stop accepting for a moment instead of spinning on the listener.
        accepting_ = false;
        accept_pause_until_ = Clock::now() + std::chrono::milliseconds(100);
        epoll_event ev{};
        ev.data.ptr = &kListenTag;
        epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &ev);
      }
      return;
    }
    if (options_.tcp_nodelay) {
      int yes = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    }
    auto c = std::make_unique<Conn>();
    c->fd = fd;
    Describe(peer, &c->peer_ip, &c->peer_port);
    sockaddr_storage local{};
    socklen_t llen = sizeof local;
    getsockname(fd, reinterpret_cast<sockaddr*>(&local), &llen);
    Describe(local, &c->local_ip, &c->local_port);
    c->deadline = Clock::now() + options_.idle_timeout;
    c->index = conns_.size();
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = c.get();
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
      ::close(fd);
      continue;
    }
    conns_.push_back(std::move(c));
    ++n_accepted_;
    ++n_connections_;
    if (conns_.size() >= options_.max_connections) {
      accepting_ = false;
      accept_pause_until_ = Clock::time_point::max();
      epoll_event off{};
      off.data.ptr = &kListenTag;
      epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &off);
    }
  }
}

void GuardedServer::CloseConn(Conn* c) {
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
  ::close(c->fd);
  if (c->reserved) buffered_ -= c->reserved;
  const std::size_t i = c->index;
  if (i + 1 != conns_.size()) {
    std::swap(conns_[i], conns_.back());
    conns_[i]->index = i;
  }
  conns_.pop_back();  // destroys c
  --n_connections_;
  if (!accepting_ && conns_.size() < options_.max_connections &&
      accept_pause_until_ == Clock::time_point::max()) {
    accept_pause_until_ = Clock::now();  // Sweep resumes accepting
  }
}

void GuardedServer::OnReadable(Conn* c) {
  char buf[kReadChunk];
  bool eof = false;
  for (int round = 0; round < 4; ++round) {
    ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
    if (n > 0) {
      if (c->phase == Conn::Phase::kDrain) {
        c->drained += static_cast<std::size_t>(n);
        if (c->drained > (1u << 20)) eof = true;
      } else {
        c->in.append(buf, static_cast<std::size_t>(n));
      }
      if (static_cast<std::size_t>(n) < sizeof buf) break;
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) eof = true;
    break;
  }
  if (eof || c->phase == Conn::Phase::kDrain) {
    if (eof) CloseConn(c);
    return;
  }
  Step s = Advance(c, Clock::now());
  if (!c->interim.empty()) {
    [[maybe_unused]] ssize_t w =
        ::send(c->fd, c->interim.data(), c->interim.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    c->interim.clear();
  }
  switch (s) {
    case Step::kReady: Dispatch(c); break;
    case Step::kRefuse: Refuse(c, c->refuse); break;
    case Step::kClose: CloseConn(c); break;
    case Step::kNeedMore: break;
  }
}

void GuardedServer::Refuse(Conn* c, int status) {
  ++n_refused_;
  const std::string text = ErrorResponse(status);
  [[maybe_unused]] ssize_t w = ::send(c->fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  // Lingering close: stop writing, read and drop what the client still sends for a moment, so
  // the answer is not lost to a reset.
  ::shutdown(c->fd, SHUT_WR);
  c->phase = Conn::Phase::kDrain;
  c->in.clear();
  c->in.shrink_to_fit();
  c->body.clear();
  c->body.shrink_to_fit();
  c->request.clear();
  c->request.shrink_to_fit();
  c->deadline = Clock::now() + std::chrono::seconds(1);
}

void GuardedServer::Sweep(Clock::time_point now) {
  std::size_t heads = 0;
  for (std::size_t i = conns_.size(); i-- > 0;) {
    Conn* c = conns_[i].get();
    if (c->in_worker) continue;
    if (c->phase == Conn::Phase::kHead) ++heads;
    if (now < c->deadline) continue;
    if (c->phase == Conn::Phase::kIdle || c->phase == Conn::Phase::kDrain) {
      CloseConn(c);
    } else {
      ++n_timed_out_;
      Refuse(c, 408);
    }
  }
  n_waiting_heads_ = heads;
  if (!accepting_ && now >= accept_pause_until_ && conns_.size() < options_.max_connections) {
    accepting_ = true;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = &kListenTag;
    epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &ev);
  }
}

void GuardedServer::Dispatch(Conn* c) {
  c->in_worker = true;
  // Out of the epoll set while a worker has it (a disabled entry still reports hang-ups).
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
  queue_->enqueue([this, c] { ServeInWorker(c); });
}

void GuardedServer::ReturnToLoop(Conn* c) {
  {
    std::lock_guard<std::mutex> lock(returns_mu_);
    returns_.push_back(c);
  }
  Signal(wake_fd_);
}

void GuardedServer::DrainReturns() {
  std::vector<Conn*> back;
  {
    std::lock_guard<std::mutex> lock(returns_mu_);
    back.swap(returns_);
  }
  for (Conn* c : back) {
    c->in_worker = false;
    if (c->want_close || stopping_) {
      CloseConn(c);
      continue;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = c;
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c->fd, &ev) != 0) CloseConn(c);
  }
}

// ---- framing: one request at a time from c->in

GuardedServer::Step GuardedServer::Advance(Conn* c, Clock::time_point now) {
  using Phase = Conn::Phase;
  if (c->phase == Phase::kIdle) {
    std::size_t skip = 0;  // empty lines before a request line (RFC 9112 §2.2)
    while (skip + 1 < c->in.size() && c->in[skip] == '\r' && c->in[skip + 1] == '\n') skip += 2;
    if (skip) c->in.erase(0, skip);
    if (c->in.empty() || c->in == "\r") return Step::kNeedMore;
    c->phase = Phase::kHead;
    c->scanned = 0;
    c->deadline = now + options_.head_timeout;
  }
  if (c->phase == Phase::kHead) {
    long end = FindHeadEnd(c->in, &c->scanned, options_.head_limits);
    if (end == 0) return Step::kNeedMore;
    if (end < 0) {
      c->refuse = static_cast<int>(-end);
      return Step::kRefuse;
    }
    const std::size_t head_len = static_cast<std::size_t>(end);
    int st = ParseHead(std::string_view(c->in).substr(0, head_len), options_.head_limits, &c->head);
    if (st != 0) {
      c->refuse = st;
      return Step::kRefuse;
    }
    c->limit = LimitFor(c->head.method, c->head.target);
    c->rewritten = false;
    c->deadline = now + options_.body_timeout;
    if (c->head.framing == Framing::kLength) {
      if (c->head.content_length > c->limit) {
        c->refuse = 413;
        return Step::kRefuse;
      }
      const auto len = static_cast<std::size_t>(c->head.content_length);
      if (buffered_.fetch_add(len) + len > options_.max_buffered_bytes) {
        buffered_ -= len;
        c->refuse = 503;
        return Step::kRefuse;
      }
      c->reserved = len;
      c->request_len = head_len + len;
      c->phase = Phase::kBody;
    } else if (c->head.framing == Framing::kChunked) {
      c->chunked = ChunkedDecoder(c->limit);
      c->chunk_pos = 0;
      c->chunk_raw = 0;
      c->body.clear();
      c->phase = Phase::kChunked;
    } else {
      c->request_len = head_len;
      c->phase = Phase::kBody;
    }
    if (c->head.expect_continue && c->head.framing != Framing::kNone &&
        c->in.size() == head_len) {
      c->interim = "HTTP/1.1 100 Continue\r\n\r\n";
    }
  }
  const std::size_t head_len = c->head.head_len;
  if (c->phase == Phase::kChunked) {
    std::size_t used = 0;
    auto r = c->chunked.Feed(std::string_view(c->in).substr(head_len + c->chunk_pos), &used,
                             &c->body);
    c->chunk_raw += used;
    c->in.erase(head_len + c->chunk_pos, used);  // keep only what the decoder has not seen
    if (c->body.size() > c->reserved) {  // de-chunked bytes count against the global budget
      const std::size_t more = c->body.size() - c->reserved;
      c->reserved = c->body.size();
      if (buffered_.fetch_add(more) + more > options_.max_buffered_bytes) {
        c->refuse = 503;
        return Step::kRefuse;
      }
    }
    if (r == ChunkedDecoder::Result::kNeedMore) return Step::kNeedMore;
    if (r != ChunkedDecoder::Result::kDone) {
      c->refuse = r == ChunkedDecoder::Result::kTooLarge ? 413 : 400;
      return Step::kRefuse;
    }
    c->request = RewriteHead(std::string_view(c->in).substr(0, head_len), c->head,
                             {"Content-Length: " + std::to_string(c->body.size())});
    c->request += c->body;
    c->body.clear();
    c->body.shrink_to_fit();
    c->rewritten = true;
    c->request_len = head_len;  // the chunked bytes are already erased from `in`
    c->phase = Phase::kBody;
    return Step::kReady;
  }
  // kBody: everything up to request_len must be buffered.
  if (c->in.size() < c->request_len) return Step::kNeedMore;
  const bool no_framing = c->head.framing == Framing::kNone && ExpectsContent(c->head.method);
  if (!c->head.drop.empty() || no_framing) {
    // httplib reads a POST without Content-Length until EOF: give it an explicit 0.
    std::vector<std::string> extra;
    if (no_framing) extra.push_back("Content-Length: 0");
    c->request = RewriteHead(std::string_view(c->in).substr(0, head_len), c->head, extra);
    c->request.append(c->in, head_len, c->request_len - head_len);
    c->rewritten = true;
  }
  return Step::kReady;
}

// ---- workers

bool GuardedServer::RunRequest(Conn* c, std::string* out) {
  std::string_view bytes = c->rewritten ? std::string_view(c->request)
                                         : std::string_view(c->in).substr(0, c->request_len);
  RequestStream strm(bytes, *c, out);
  const bool close = c->head.close || ++c->requests >= options_.keep_alive_max || stopping_;
  bool closed = false;
  bool ok = false;
  ++n_requests_;
  try {
    ok = process_request(strm, close, closed, nullptr);
  } catch (...) {
    ok = false;
  }
  c->in.erase(0, c->request_len);
  c->request.clear();
  if (c->request.capacity() > kReadChunk) c->request.shrink_to_fit();
  c->rewritten = false;
  c->request_len = 0;
  if (c->reserved) {
    buffered_ -= c->reserved;
    c->reserved = 0;
  }
  c->phase = Conn::Phase::kIdle;
  c->deadline = Clock::now() + options_.idle_timeout;
  return ok && !close && !closed;
}

namespace {

// Sends all of `data` before `deadline`; false on error, timeout or stop.
bool SendAll(int fd, int stop_fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    pollfd fds[2] = {{fd, POLLOUT, 0}, {stop_fd, POLLIN, 0}};
    int ms = RemainingMs(deadline);
    if (ms == 0 || ::poll(fds, 2, ms) <= 0 || (fds[1].revents & POLLIN)) return false;
  }
  return true;
}

}  // namespace

void GuardedServer::ServeInWorker(Conn* c) {
  std::string out;
  auto finish = [&](bool close) {
    c->want_close = close;
    ReturnToLoop(c);
  };
  for (;;) {
    bool keep = RunRequest(c, &out);
    Step s = keep && !stopping_ ? Advance(c, Clock::now()) : Step::kClose;
    out += c->interim;  // a pipelined request's "100 Continue"
    c->interim.clear();
    if (s == Step::kReady && out.size() < kReadChunk) continue;  // pipelined: answer it too
    const bool sent =
        SendAll(c->fd, stop_fd_, out, Clock::now() + options_.write_timeout);
    out.clear();
    if (!sent && stopping_) {
      // Cut off mid-answer by Stop(): reset, rather than leave the kernel sending the rest.
      linger off{1, 0};
      setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &off, sizeof off);
    }
    if (!sent || s == Step::kClose) return finish(true);
    if (s == Step::kReady) continue;
    if (s == Step::kRefuse) {
      Refuse(c, c->refuse);
      return finish(false);
    }
    // Wait a little for the next request here rather than paying a hop through the loop.
    bool ready = false;
    if (lingering_.fetch_add(1) < options_.max_lingering) {
      const auto until = Clock::now() + options_.linger;
      while (!ready && !stopping_) {
        pollfd fds[2] = {{c->fd, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
        int ms = RemainingMs(until);
        if (ms == 0 || ::poll(fds, 2, ms) <= 0 || (fds[1].revents & POLLIN)) break;
        char buf[kReadChunk];
        ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
          lingering_.fetch_sub(1);
          return finish(true);
        }
        if (n < 0) continue;
        c->in.append(buf, static_cast<std::size_t>(n));
        s = Advance(c, Clock::now());
        if (!c->interim.empty()) {
          SendAll(c->fd, stop_fd_, c->interim, Clock::now() + options_.write_timeout);
          c->interim.clear();
        }
        if (s == Step::kRefuse) {
          lingering_.fetch_sub(1);
          Refuse(c, c->refuse);
          return finish(false);
        }
        ready = s == Step::kReady;
      }
    }
    lingering_.fetch_sub(1);
    if (!ready) return finish(stopping_.load());
  }
}

std::string GuardedServer::ProcessBytes(std::string_view bytes) {
  if (svr_sock_ == INVALID_SOCKET && !running_) svr_sock_ = 0;  // "not shutting down"
  Conn c;
  c.peer_ip = "127.0.0.1";
  c.local_ip = "127.0.0.1";
  c.in.assign(bytes);
  std::string out;
  const auto now = Clock::now();
  for (;;) {
    Step s = Advance(&c, now);
    out += c.interim;
    c.interim.clear();
    if (s == Step::kReady) {
      if (!RunRequest(&c, &out)) break;
      continue;
    }
    if (s == Step::kRefuse) out += ErrorResponse(c.refuse);
    break;
  }
  if (c.reserved) buffered_ -= c.reserved;
  return out;
}

}  // namespace net
