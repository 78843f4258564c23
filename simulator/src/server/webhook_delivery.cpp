// The webhook delivery engine (webhook_delivery.h).
#include "server/webhook_delivery.h"

#include <httplib.h>
#include <strings.h>

#include <chrono>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "server/http_util.h"
#include "server/journal_capture.h"
#include "server/state.h"

namespace bcsim {
namespace {

constexpr std::size_t kRecentDeliveries = 25;
constexpr std::size_t kMaxAttemptsPerFlush = 100'000;

struct Job {
  Id webhook = 0;
  Id event = 0;
  int attempts = 0;
  std::string url;
  nlohmann::json body;
};

struct Target {
  std::string origin;  // scheme://host[:port]
  std::string host;
  std::string target;  // path?query
  std::string path;
  std::multimap<std::string, std::string> params;
};

std::optional<Target> ParseTarget(const std::string& url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return std::nullopt;
  const std::size_t start = scheme_end + 3;
  std::size_t slash = url.find_first_of("/?#", start);
  Target t;
  const std::string authority = url.substr(start, slash == std::string::npos ? slash : slash - start);
  if (authority.empty() || authority.find('@') != std::string::npos) return std::nullopt;
  t.origin = scheme + "://" + authority;
  if (authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    t.host = authority.substr(1, close - 1);
  } else {
    t.host = authority.substr(0, authority.find(':'));
  }
  std::string rest = slash == std::string::npos ? "/" : url.substr(slash);
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() != '/') rest = "/" + rest;
  t.target = rest;
  const std::size_t q = rest.find('?');
  t.path = rest.substr(0, q);
  if (q != std::string::npos) httplib::detail::parse_query_text(rest.substr(q + 1), t.params);
  return t;
}

bool LoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::vector<Job> Collect(SimState& s) {
  std::vector<Job> jobs;
  std::shared_lock lock(s.world_mu);
  const Millis now = s.Now();
  for (const Account& a : s.world.accounts) {
    for (const Project& p : a.projects) {
      for (const Webhook& w : p.webhooks) {
        if (!w.active || w.queue.empty() || w.queue.front().due_ms > now) continue;
        const PendingDelivery& d = w.queue.front();
        jobs.push_back(Job{w.id, d.event, d.attempts, w.payload_url, d.body});
      }
    }
  }
  return jobs;
}

std::size_t Waiting(SimState& s) {
  std::size_t n = 0;
  std::shared_lock lock(s.world_mu);
  for (const Account& a : s.world.accounts) {
    for (const Project& p : a.projects) {
      for (const Webhook& w : p.webhooks) n += w.active ? w.queue.size() : 0;
    }
  }
  return n;
}

Webhook* FindWebhookById(World& world, Id id) {
  for (Account& a : world.accounts) {
    for (Project& p : a.projects) {
      for (Webhook& w : p.webhooks) {
        if (w.id == id) return &w;
      }
    }
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> Pairs(const std::map<std::string, std::string>& m) {
  std::multimap<std::string, std::string> mm(m.begin(), m.end());
  return JournalHeaderList(mm);
}

}  // namespace

Millis WebhookRetryDelay(int failures) {
  if (failures < 1) failures = 1;
  if (failures > kWebhookMaxAttempts) failures = kWebhookMaxAttempts;
  return 60'000LL << (failures - 1);
}

void RecordWebhookAttempt(Webhook& w, const WebhookAttempt& a, Id delivery_id, Millis now) {
  WebhookDelivery d;
  d.id = delivery_id;
  d.created_at = now;
  d.request_headers = a.request_headers;
  d.request_body = a.request_body;
  d.response_headers = a.response_headers;
  d.response_code = a.code;
  d.response_message = a.message;
  d.response_body = a.response_body.substr(0, kWebhookResponseKept);
  w.recent_deliveries.push_front(std::move(d));
  while (w.recent_deliveries.size() > kRecentDeliveries) w.recent_deliveries.pop_back();
  if (w.queue.empty() || w.queue.front().event != a.event ||
      w.queue.front().attempts != a.attempts_before) {
    return;  // the delivery went away (webhook turned off, queue cleared) while it was sent
  }
  if (a.code >= 200 && a.code < 300) {
    w.queue.pop_front();
    w.failed_attempts = 0;
    if (!w.queue.empty() && w.queue.front().due_ms < now) w.queue.front().due_ms = now;
    return;
  }
  PendingDelivery& head = w.queue.front();
  ++head.attempts;
  ++w.failed_attempts;
  if (head.attempts >= kWebhookMaxAttempts || w.failed_attempts >= kWebhookMaxAttempts) {
    w.active = false;
    w.queue.clear();
    w.updated_at = now;
    return;
  }
  head.due_ms = now + WebhookRetryDelay(head.attempts);
}

namespace {

// One attempt: faults, then the POST (no lock held). Fills `entry` for the journal.
WebhookAttempt Attempt(SimState& s, const Job& job, JournalEntry* entry,
                       const std::function<bool(httplib::Client*)>& track) {
  WebhookAttempt a;
  a.event = job.event;
  a.attempts_before = job.attempts;
  a.request_body = job.body;
  const std::string request_id = s.NextRequestId();
  a.request_headers = {{"Content-Type", "application/json"},
                       {"User-Agent", "Basecamp3 Webhook"},
                       {"X-Request-Id", request_id}};
  const std::string body = job.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  entry->time = s.Now();
  entry->method = "POST";
  entry->direction = "outbound";
  entry->request_id = request_id;
  std::optional<Target> t = ParseTarget(job.url);
  if (t) {
    entry->origin = t->origin;
    entry->path = t->path;
    entry->query = RedactParams(t->params);
  } else {
    entry->path = "/";
  }
  auto finish = [&]() -> WebhookAttempt& {
    entry->status = a.code;
    if (s.options().journal_bodies) {
      auto payload = std::make_shared<JournalPayload>();
      payload->request_headers = Pairs(a.request_headers);
      payload->request_body = JournalBodyText("application/json", body, &payload->request_body_elided);
      payload->response_headers = Pairs(a.response_headers);
      std::string type;
      for (const auto& [k, v] : a.response_headers) {
        if (strcasecmp(k.c_str(), "Content-Type") == 0) type = v;
      }
      payload->response_body = a.response_body.empty() ? std::string()
          : JournalBodyText(type, a.response_body, &payload->response_body_elided);
      entry->payload = std::move(payload);
    }
    return a;
  };
  if (!t) {
    a.message = "payload_url is not an http(s) URL";
    return finish();
  }
  if (!s.options().webhooks_to_any_host && !LoopbackHost(t->host)) {
    a.message = "not sent: the simulator delivers to loopback hosts only (--allow-remote-webhooks)";
    return finish();
  }
  std::optional<Fault> fault;
  if (!s.faults.Empty()) {
    FaultRequest fr;
    fr.method = "POST";
    fr.path = t->path;
    fr.params = &t->params;
    fr.header = [&a](const std::string& name) {
      for (const auto& [k, v] : a.request_headers) {
        if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
      }
      return std::string();
    };
    fr.body_fields = [&job]() -> const nlohmann::json& { return job.body; };
    fr.outbound = true;
    fault = s.faults.Evaluate(fr);
  }
  if (fault) {
    entry->faults.push_back(fault->id);
    if (fault->delay_ms >= kWebhookTimeoutMs) {
      if (s.options().virtual_delay) s.options().virtual_delay(kWebhookTimeoutMs);
      a.message = "timed out after " + std::to_string(kWebhookTimeoutMs / 1000) + "s (fault " + fault->id + ")";
      return finish();
    }
    if (fault->delay_ms > 0) {
      if (s.options().virtual_delay) {
        s.options().virtual_delay(fault->delay_ms);
      } else if (s.options().real_delays) {
        s.stopping.SleepFor(fault->delay_ms);
      }
    }
    if (fault->drop_connection) {
      a.message = "connection closed without an answer (fault " + fault->id + ")";
      return finish();
    }
    if (fault->respond) {
      a.code = fault->respond->status;
      a.message = "answered by fault " + fault->id;
      for (const auto& [k, v] : fault->respond->headers) a.response_headers[k] = v;
      for (const auto& [k, v] : fault->respond->replace_headers) a.response_headers[k] = v;
      a.response_body = fault->respond->body;
      return finish();
    }
  }
  httplib::Client cli(t->origin);
  const time_t secs = static_cast<time_t>(kWebhookTimeoutMs / 1000);
  cli.set_connection_timeout(secs, 0);
  cli.set_read_timeout(secs, 0);
  cli.set_write_timeout(secs, 0);
  cli.set_keep_alive(false);
  cli.set_follow_location(false);
  httplib::Request req;
  req.method = "POST";
  req.path = t->target;
  for (const auto& [k, v] : a.request_headers) req.headers.emplace(k, v);
  req.body = body;
  bool too_long = false;
  // The status and headers come from `res` (httplib calls a response_handler only for answers
  // with a body, so a 204 would read as none).
  req.response_handler = [&a](const httplib::Response& r) {
    a.code = r.status;
    return true;
  };
  req.content_receiver = [&a, &too_long](const char* data, std::size_t n, std::uint64_t,
                                         std::uint64_t) {
    if (a.response_body.size() + n > kWebhookResponseReadCap) {
      too_long = true;
      return false;
    }
    a.response_body.append(data, n);
    return true;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!track(&cli)) {  // stopping
    a.message = "not sent: the simulator is stopping";
    return finish();
  }
  const bool sent = cli.send(req, res, error);
  track(nullptr);
  if (!sent && !too_long) {
    a.code = 0;
    a.message = "no answer: " + httplib::to_string(error);
    return finish();
  }
  if (res.status > 0) a.code = res.status;
  a.message = res.reason;
  for (const auto& [k, v] : res.headers) a.response_headers[k] = v;
  if (too_long) a.message += " (answer over " + std::to_string(kWebhookResponseReadCap) + " bytes, cut)";
  return finish();
}

}  // namespace

WebhookDeliverer::Summary WebhookDeliverer::Flush() {
  std::lock_guard<std::mutex> round(round_mu_);
  Summary sum;
  SimState& s = state_;
  while (sum.attempted < kMaxAttemptsPerFlush) {
    std::vector<Job> jobs = Collect(s);
    if (jobs.empty()) break;
    for (const Job& job : jobs) {
      JournalEntry entry;
      WebhookAttempt a = Attempt(s, job, &entry, [this](httplib::Client* c) {
        std::lock_guard<std::mutex> lock(mu_);
        sending_ = c;
        return !stop_;
      });
      ++sum.attempted;
      (a.code >= 200 && a.code < 300 ? sum.delivered : sum.failed)++;
      {
        std::unique_lock lock(s.world_mu);
        if (Webhook* w = FindWebhookById(s.world, job.webhook)) {
          const Id id = StableId("webhook_delivery", std::to_string(w->id) + "#" +
                                                         std::to_string(++w->attempts_made));
          RecordWebhookAttempt(*w, a, id, s.Now());
        }
      }
      s.journal.Add(std::move(entry));
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) return sum;
      }
    }
  }
  sum.waiting = Waiting(s);
  return sum;
}

void WebhookDeliverer::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_ || poked_; });
      if (stop_) break;
      poked_ = false;
      lock.unlock();
      Flush();
      lock.lock();
    }
  });
}

void WebhookDeliverer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    if (sending_ != nullptr) sending_->stop();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  stop_ = false;
}

void WebhookDeliverer::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

}  // namespace bcsim
