#include "bcsim/simulator.h"

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "bcsim/world_loader.h"
#include "server/dispatch.h"
#include "server/http_util.h"
#include "server/state.h"
#include "server/worker_pool.h"

namespace bcsim {

struct Simulator::Impl {
  explicit Impl(SimulatorOptions o) : state(std::move(o)) {}
  SimState state;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
  std::mutex mu;
  std::condition_variable stopped_cv;
  bool stopped = false;  // guarded by mu
};

Simulator::Simulator(SimulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Simulator::~Simulator() { Stop(); }

Status Simulator::LoadFile(const std::string& path, const std::map<std::string, std::string>& vars) {
  return impl_->state.LoadFile(path, vars);
}

Status Simulator::LoadYaml(const std::string& text, const std::string& source_name,
                           const std::map<std::string, std::string>& vars) {
  return impl_->state.LoadText(text, source_name, vars);
}

Status Simulator::Start() {
  if (impl_->server) return FailedPreconditionError("the simulator is already started");
  SimState& state = impl_->state;
  state.EnsureClock(kDefaultStartMs);
  auto server = std::make_unique<httplib::Server>();
  server->set_tcp_nodelay(true);
  // Workers are made on demand (see worker_pool.h): start-up pays for two threads, and a burst
  // of connections or delayed requests gets a thread each up to options.threads.
  const std::size_t threads = static_cast<std::size_t>(std::max(2, state.options().threads));
  server->new_task_queue = [threads] { return new WorkerPool(threads, 2); };
  server->set_keep_alive_max_count(100000);
  server->set_payload_max_length(64u << 20);
  server->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = std::string("internal error: ") + e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(JsonError(what), "application/json; charset=utf-8");
      });
  auto handler = [&state](const httplib::Request& req, httplib::Response& res) {
    try {
      Dispatch(state, req, res);
    } catch (const std::exception& e) {
      res.status = 500;
      res.headers.erase("Content-Type");
      res.set_content(JsonError(std::string("internal error: ") + e.what()),
                      "application/json; charset=utf-8");
    }
  };
  // GETs without a body skip httplib's regex routing (a std::regex match per request); requests
  // that may carry a body go through the routes below, which run after httplib reads it.
  server->set_pre_routing_handler([handler](const httplib::Request& req, httplib::Response& res) {
    if ((req.method == "GET" || req.method == "HEAD") && !req.has_header("Content-Length") &&
        !req.has_header("Transfer-Encoding")) {
      handler(req, res);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server->Get(".*", handler);
  server->Post(".*", handler);
  server->Put(".*", handler);
  server->Patch(".*", handler);
  server->Delete(".*", handler);
  server->Options(".*", handler);

  const std::string& host = state.options().host;
  int port = state.options().port;
  if (port == 0) {
    port = server->bind_to_any_port(host);
    if (port <= 0) return UnavailableError("cannot bind " + host + " to any port");
  } else if (!server->bind_to_port(host, port)) {
    return UnavailableError("cannot bind " + host + ":" + std::to_string(port));
  }
  impl_->port = port;
  const bool v6 = host.find(':') != std::string::npos;
  state.origin = "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopped = false;
  }
  impl_->server = std::move(server);
  httplib::Server* raw = impl_->server.get();
  // The socket already listens (bind_* called listen), so clients may connect right away.
  impl_->thread = std::thread([raw] { raw->listen_after_bind(); });
  // Stop() before the accept loop runs would be lost, so wait until it runs (microseconds).
  for (int i = 0; i < 200000 && !raw->is_running(); ++i) std::this_thread::yield();
  return OkStatus();
}

int Simulator::port() const { return impl_->port; }

std::string Simulator::base_url() const { return impl_->state.origin; }

void Simulator::Stop() {
  if (impl_->server) {
    impl_->server->stop();
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->server.reset();
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->stopped = true;
  impl_->stopped_cv.notify_all();
}

void Simulator::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace bcsim
