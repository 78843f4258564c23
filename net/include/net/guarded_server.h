// GuardedServer: cpp-httplib's Server with its own accept loop in front (RFC 9112 robustness).
//
// cpp-httplib 0.11.4 gives every accepted connection a worker for its whole life, reads each
// request head with per-read timeouts only, drops bytes it read past a request (pipelining), has
// a listen backlog of 5 and accepts ambiguous framing. Its settings cannot change that, so this
// class keeps httplib as the HTTP core (routing, handlers, request parsing, response writing)
// and replaces only the connection handling around it:
//
//  - one event thread (epoll) accepts (backlog `backlog`) and reads every request head, and any
//    body the endpoint allows, before a worker sees it; a head must arrive whole within
//    `head_timeout` of its first byte, a body within `body_timeout` (else 408 and close), an
//    idle keep-alive connection is closed after `idle_timeout`. Slow clients therefore hold no
//    worker: a worker only ever gets complete requests.
//  - framing is checked first (http_head.h): ambiguous or invalid framing gets 400, a body over
//    `body_limit(method, target)` gets 413 as soon as Content-Length says so (or once a chunked
//    body passes it), and httplib is handed a head it cannot misread (chunked bodies de-chunked
//    with a Content-Length, Expect answered here).
//  - a worker runs httplib's process_request on the buffered request, then goes on with any
//    request already pipelined behind it (answers in order), waits up to `linger` for the next
//    one, and otherwise hands the connection back to the event thread.
//  - Stop() wakes every wait (socket waits poll a stop eventfd too) and joins; it returns as soon
//    as running handlers return, whatever the clients do.
//
// Register handlers exactly as on httplib::Server; then Bind(), Start(), Stop(). Do not call
// httplib's listen()/bind_to_port() on it. The task queue comes from httplib's new_task_queue.
//
// Thread safety: Bind/Start/Stop from one thread; stats() from any thread.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "net/http_head.h"

namespace net {

struct GuardOptions {
  std::chrono::milliseconds head_timeout{10000};  // whole head, from its first byte
  std::chrono::milliseconds idle_timeout{5000};   // keep-alive wait for a next request
  std::chrono::milliseconds body_timeout{30000};  // whole body, from the end of the head
  std::chrono::milliseconds write_timeout{5000};  // one response
  // After a response a worker waits this long for the next request on the connection before
  // handing it back to the event thread (saves a thread hop per request under load); at most
  // `max_lingering` workers wait at once.
  std::chrono::milliseconds linger{20};
  std::size_t max_lingering = 64;
  HeadLimits head_limits;
  // Largest body accepted for a request; 0 = no body allowed beyond an empty one.
  std::function<std::size_t(std::string_view method, std::string_view target)> body_limit;
  std::size_t default_body_limit = 1 << 20;  // when body_limit is empty
  // Request bodies buffered at once, all connections together (Content-Length reserved up
  // front, chunked bodies as they grow); a request that would pass it gets 503.
  std::size_t max_buffered_bytes = std::size_t{128} << 20;
  std::size_t max_connections = 16384;
  std::size_t keep_alive_max = 100000;  // requests per connection
  int backlog = 4096;                   // the kernel caps it at net.core.somaxconn
  bool tcp_nodelay = true;
};

struct GuardStats {
  std::size_t connections = 0;      // open now
  std::size_t accepted = 0;         // since Start
  std::size_t requests = 0;         // handed to httplib
  std::size_t refused = 0;          // answered by the front (4xx/5xx framing, limits)
  std::size_t timed_out = 0;        // heads/bodies cut off by their deadline
  std::size_t waiting_heads = 0;    // open connections with a partial head
  std::size_t buffered_bytes = 0;   // request bodies held (see max_buffered_bytes)
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(GuardOptions options = {});
  ~GuardedServer() override;
  GuardedServer(const GuardedServer&) = delete;
  GuardedServer& operator=(const GuardedServer&) = delete;

  // Binds host:port (0 = any) and listens. Returns the port, or -1 (*error says why).
  int Bind(const std::string& host, int port, std::string* error = nullptr);
  // Starts the event thread and the task queue. False if not bound or already started.
  bool Start();
  // Stops accepting, closes every connection, joins. Idempotent.
  void Stop();
  bool running() const { return running_.load(); }
  GuardStats stats() const;

  // The same pipeline over bytes in memory (no socket): every request in `bytes` through the
  // framing checks and httplib, in order; returns everything the server would have written.
  // An incomplete last request is dropped as a closed connection would be. For the fuzz target.
  std::string ProcessBytes(std::string_view bytes);

  struct Conn;

 private:
  enum class Step { kNeedMore, kReady, kRefuse, kClose };
  Step Advance(Conn* c, std::chrono::steady_clock::time_point now);
  void Loop();
  void AcceptAll();
  void OnReadable(Conn* c);
  void Sweep(std::chrono::steady_clock::time_point now);
  void Refuse(Conn* c, int status);
  void Dispatch(Conn* c);
  void ServeInWorker(Conn* c);
  bool RunRequest(Conn* c, std::string* out);  // false: close the connection
  void ReturnToLoop(Conn* c);
  void CloseConn(Conn* c);
  void DrainReturns();
  std::size_t LimitFor(std::string_view method, std::string_view target) const;

  GuardOptions options_;
  int listen_fd_ = -1;
  int epoll_fd_ = -1;
  int stop_fd_ = -1;    // eventfd: readable once Stop() began, never reset
  int wake_fd_ = -1;    // eventfd: connections returned by workers
  std::thread loop_;
  std::unique_ptr<httplib::TaskQueue> queue_;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopping_{false};
  bool accepting_ = true;  // loop thread only
  std::chrono::steady_clock::time_point accept_pause_until_{};  // loop thread only

  std::mutex returns_mu_;
  std::vector<Conn*> returns_;  // guarded by returns_mu_
  std::vector<std::unique_ptr<Conn>> conns_;  // loop thread only (after Start)
  std::atomic<std::size_t> buffered_{0};
  std::atomic<std::size_t> lingering_{0};

  std::atomic<std::size_t> n_connections_{0}, n_accepted_{0}, n_requests_{0}, n_refused_{0},
      n_timed_out_{0}, n_waiting_heads_{0};
};

}  // namespace net
