#include "server/dispatch.h"

#include <strings.h>

#include <mutex>
#include <optional>
#include <shared_mutex>

#include "api/api.h"
#include "control/control.h"
#include "launchpad/launchpad.h"
#include "launchpad/tokens.h"
#include "server/fault_effects.h"
#include "server/http_util.h"
#include "server/journal_capture.h"

namespace bcsim {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

// cpp-httplib parses a multipart/form-data body into req.files and leaves req.body empty; the
// handlers (PUT account/logo.json) read the parts from the body, so it is written back in one
// canonical form (same parts, same order, a fixed boundary).
std::string MultipartBody(const httplib::Request& req) {
  static const std::string kBoundary = "--bcsim-multipart-boundary";
  std::string out;
  for (const auto& [name, part] : req.files) {
    out += kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!part.filename.empty()) out += "; filename=\"" + part.filename + "\"";
    out += "\r\n";
    if (!part.content_type.empty()) out += "Content-Type: " + part.content_type + "\r\n";
    out += "\r\n" + part.content + "\r\n";
  }
  return out + kBoundary + "--\r\n";
}

// The uploads whose body is the file itself, sent with the file's own Content-Type
// (POST attachments.json, POST chats/{id}/uploads.json): every other write is JSON.
bool TakesFileBytes(const std::string& path) {
  auto ends_with = [&path](std::string_view tail) {
    return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with("/attachments.json") || ends_with("/attachments")) return true;
  const std::size_t chats = path.find("/chats/");
  return chats != std::string::npos && (ends_with("/uploads.json") || ends_with("/uploads"));
}

bool IsControlPath(const std::string& path) {
  return path.compare(0, 9, "/__bcsim/") == 0 || path == "/__bcsim";
}

// The body's fields for match.body: JSON parsed, a form as an object of texts, else null.
nlohmann::json BodyFields(const httplib::Request& req) {
  if (req.body.empty()) return nullptr;
  const std::string type = req.get_header_value("Content-Type");
  if (strncasecmp(type.c_str(), "application/x-www-form-urlencoded", 33) == 0) {
    httplib::Params params;
    httplib::detail::parse_query_text(req.body, params);
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : params) out[k] = v;
    return out;
  }
  nlohmann::json j = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::optional<Fault> EvaluateFaults(SimState& s, const httplib::Request& req,
                                    const std::string& identity,
                                    std::optional<FaultStage> stage = std::nullopt) {
  if (s.faults.Empty()) return std::nullopt;  // the common case: no std::function to build
  FaultRequest fr;
  fr.method = req.method;
  fr.path = req.path;
  fr.params = &req.params;
  fr.header = [&req](const std::string& name) { return req.get_header_value(name); };
  fr.identity = identity;
  // Parsed once, and only when a fault with match.body gets that far.
  fr.body_fields = [&req, parsed = std::optional<nlohmann::json>()]() mutable -> const nlohmann::json& {
    if (!parsed) parsed = BodyFields(req);
    return *parsed;
  };
  return s.faults.Evaluate(fr, stage);
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace

namespace {

// The middleware from the User-Agent check on, and the handler.
void ServeAfterEarlyFaults(SimState& s, const httplib::Request& req, httplib::Response& res,
                           RequestTrace* trace) {
  if (req.get_header_value("User-Agent").empty()) {
    res.status = 400;
    res.set_content(JsonError("A User-Agent header is required, naming your application and a "
                              "contact, e.g. \"MyApp (you@example.com)\""),
                    kJson);
    return;
  }
  const Millis now = s.Now();
  {
    std::shared_lock lock(s.world_mu);
    const Limits& limits = s.world.limits;
    int retry_after = s.limiter.Check(req.remote_addr, limits.rate_requests, limits.rate_window_ms, now);
    if (retry_after > 0) {
      res.status = 429;
      res.set_header("Retry-After", std::to_string(retry_after));
      res.set_content(
          nlohmann::json{{"error", "Too Many Requests"}, {"retry_after", retry_after}}.dump(), kJson);
      return;
    }
    BearerCheck check = CheckBearer(s.world, req.get_header_value("Authorization"), now, s.origin);
    if (!check.ok) {
      trace->identity = IdentityOfBearer(s.world, req.get_header_value("Authorization"));
      res.status = check.status;
      res.set_header("WWW-Authenticate", "Bearer realm=\"Basecamp\"");
      res.set_content(check.body, kJson);
      return;
    }
    trace->identity = check.identity;
  }
  if (IsWrite(req.method) && !req.body.empty() && !TakesFileBytes(req.path) &&
      req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    res.status = 415;
    res.set_content(JsonError("Content-Type must be application/json"), kJson);
    return;
  }
  std::optional<Fault> fault = EvaluateFaults(s, req, trace->identity, FaultStage::kAfterAuth);
  if (fault) {
    trace->faults.push_back(fault->id);
    if (ApplyFaultBefore(s, *fault, req, res)) return;
  }

  ApiRequest api;
  api.method = req.method == "HEAD" ? "GET" : req.method;
  api.path = req.path;
  api.params = req.params;
  api.body = req.files.empty() ? req.body : MultipartBody(req);
  api.origin = s.origin;
  api.now = s.Now();
  api.identity = trace->identity;
  // GETs: the rendered answer (and its ETag) comes from the cache when this exact request was
  // answered for the same world within the same millisecond (response_cache.h).
  std::shared_ptr<const CachedResponse> answer;
  if (api.method == "GET") {
    std::shared_lock lock(s.world_mu);
    const std::uint64_t generation = s.world_mu.generation();
    const std::string key = ResponseCache::KeyOf(api);
    if (!key.empty()) answer = s.responses.Find(generation, api.now, key);
    if (!answer) {
      auto fresh = std::make_shared<CachedResponse>();
      fresh->response = HandleApi(s.world, api);
      for (const auto& [name, value] : fresh->response.headers) {
        if (strcasecmp(name.c_str(), "ETag") == 0) fresh->etag = value;
      }
      if (fresh->etag.empty() && fresh->response.status == 200)
        fresh->etag = WeakEtag(fresh->response.body);
      if (!key.empty()) s.responses.Store(generation, api.now, key, fresh);
      answer = std::move(fresh);
    }
  } else {
    auto fresh = std::make_shared<CachedResponse>();
    bool queued = false;
    {
      std::unique_lock lock(s.world_mu);
      fresh->response = HandleApi(s.world, api);
      queued = s.QueueWebhookDeliveries();
    }
    if (queued) s.webhooks.Notify();  // sent by the engine's thread, never by this request
    for (const auto& [name, value] : fresh->response.headers) {
      if (strcasecmp(name.c_str(), "ETag") == 0) fresh->etag = value;
    }
    answer = std::move(fresh);
  }

  const ApiResponse& out = answer->response;
  res.status = out.status;
  std::string content_type;
  for (const auto& [name, value] : out.headers) {
    if (strcasecmp(name.c_str(), "Content-Type") == 0) {
      content_type = value;
    } else if (strcasecmp(name.c_str(), "ETag") != 0) {
      res.set_header(name, value);
    }
  }
  bool send_body = !out.body.empty();
  if (!answer->etag.empty()) res.set_header("ETag", answer->etag);
  if (api.method == "GET" && out.status == 200 &&
      EtagMatches(req.get_header_value("If-None-Match"), answer->etag)) {
    res.status = 304;
    send_body = false;
  }
  if (send_body) {
    res.set_content(out.body, content_type.empty() ? std::string(kJson) : content_type);
  }
  if (fault && fault->drop_after_handling) {  // handled (a write is stored), answer lost
    DropConnection(req);
    res.status = 500;
    res.set_content("", "text/plain");
    return;
  }
  if (fault) ApplyFaultAfter(*fault, res);
}

}  // namespace

void ServeApiRequest(SimState& s, const httplib::Request& req, httplib::Response& res,
                     RequestTrace* trace) {
  // stage: before_auth faults come first, so they can answer (or slow, or corrupt the answer
  // to) a request the User-Agent, rate-limit or token check would refuse. Their `identity`
  // match sees the bearer's identity even when the token is expired or revoked.
  std::optional<Fault> early;
  if (s.faults.HasBeforeAuth()) {
    std::string identity;
    if (req.has_header("Authorization")) {
      std::shared_lock lock(s.world_mu);
      identity = IdentityOfBearer(s.world, req.get_header_value("Authorization"));
    }
    early = EvaluateFaults(s, req, identity, FaultStage::kBeforeAuth);
  }
  if (early) {
    trace->faults.push_back(early->id);
    if (ApplyFaultBefore(s, *early, req, res)) return;
  }
  ServeAfterEarlyFaults(s, req, res, trace);
  if (early) ApplyFaultAfter(*early, res);
}

void Dispatch(SimState& s, const httplib::Request& req, httplib::Response& res) {
  std::string request_id = s.NextRequestId();
  res.set_header("X-Request-Id", request_id);
  if (IsControlPath(req.path)) {
    ServeControl(s, req, res);
    return;
  }
  JournalEntry entry;
  entry.time = s.Now();
  entry.method = req.method;
  entry.path = req.path;
  entry.query = RedactParams(req.params);
  entry.request_id = std::move(request_id);
  RequestTrace trace;
  if (IsApiPath(req.path)) {
    ServeApiRequest(s, req, res, &trace);
  } else {
    std::string identity;
    if (req.has_header("Authorization")) {
      std::shared_lock lock(s.world_mu);
      identity = IdentityOfBearer(s.world, req.get_header_value("Authorization"));
    }
    std::optional<Fault> fault = EvaluateFaults(s, req, identity);
    bool done = false;
    if (fault) {
      trace.faults.push_back(fault->id);
      done = ApplyFaultBefore(s, *fault, req, res);
    }
    if (!done) {
      ServeLaunchpad(s, req, res, &trace);
      if (trace.identity.empty()) trace.identity = identity;
      if (fault) ApplyFaultAfter(*fault, res);
    }
  }
  entry.status = res.status == -1 ? 200 : res.status;
  entry.identity = std::move(trace.identity);
  entry.faults = std::move(trace.faults);
  if (s.options().journal_bodies) entry.payload = CaptureExchange(req, res);
  s.journal.Add(std::move(entry));
}

}  // namespace bcsim
