#include "bcsim/simulator.h"

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <string_view>

#include "bcsim/world_loader.h"
#include "server/dispatch.h"
#include "server/http_server.h"
#include "server/http_util.h"
#include "server/state.h"
#include "server/worker_pool.h"

namespace bcsim {

struct Simulator::Impl {
  explicit Impl(SimulatorOptions o) : state(std::move(o)) {}
  SimState state;
  std::unique_ptr<net::GuardedServer> server;
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

// Request bodies the simulator reads, by endpoint (Basecamp-like): a scenario upload may be
// big, other control calls and JSON API writes a few MB at most, Launchpad forms small.
std::size_t BodyLimit(std::string_view /*method*/, std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path == "/__bcsim/scenario") return kScenarioBodyLimit;
  if (path.substr(0, 9) == "/__bcsim/") return kControlBodyLimit;
  std::size_t digits = 1;
  while (digits < path.size() && path[digits] >= '0' && path[digits] <= '9') ++digits;
  if (digits > 1 && (digits == path.size() || path[digits] == '/')) return kApiBodyLimit;
  return kFormBodyLimit;
}

std::unique_ptr<net::GuardedServer> MakeHttpServer(SimState& state) {
  net::GuardOptions guard;
  guard.head_timeout = std::chrono::milliseconds(state.options().head_timeout_ms);
  guard.idle_timeout = std::chrono::milliseconds(state.options().idle_timeout_ms);
  guard.body_limit = BodyLimit;
  auto server = std::make_unique<net::GuardedServer>(guard);
  // Workers are made on demand (see worker_pool.h): start-up pays for two threads, and a burst
  // of requests or delayed requests gets a thread each up to options.threads. Connections
  // waiting for a request hold none (net/guarded_server.h).
  const std::size_t threads = static_cast<std::size_t>(std::max(2, state.options().threads));
  server->new_task_queue = [threads] { return new WorkerPool(threads, 2); };
  server->set_keep_alive_max_count(100000);
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
  return server;
}

Status Simulator::Start() {
  if (impl_->server) return FailedPreconditionError("the simulator is already started");
  SimState& state = impl_->state;
  state.EnsureClock(kDefaultStartTime);
  std::unique_ptr<net::GuardedServer> server = MakeHttpServer(state);

  const std::string& host = state.options().host;
  std::string error;
  const int port = server->Bind(host, state.options().port, &error);
  if (port <= 0) return UnavailableError(error);
  impl_->port = port;
  const bool v6 = host.find(':') != std::string::npos;
  state.origin = "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopped = false;
  }
  if (!server->Start()) return UnavailableError("cannot start serving on " + state.origin);
  impl_->server = std::move(server);
  if (state.options().deliver_webhooks_in_background) state.webhooks.Start();
  return OkStatus();
}

int Simulator::port() const { return impl_->port; }

std::string Simulator::base_url() const { return impl_->state.origin; }

void Simulator::Stop() {
  impl_->state.webhooks.Stop();
  if (impl_->server) {
    impl_->state.stopping.Stop();  // wakes delay faults that sleep for real
    impl_->server->Stop();
    impl_->server.reset();
    impl_->state.stopping.Reset();
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->stopped = true;
  impl_->stopped_cv.notify_all();
}

std::size_t Simulator::FlushWebhooks() { return impl_->state.webhooks.Flush().attempted; }

void Simulator::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace bcsim
