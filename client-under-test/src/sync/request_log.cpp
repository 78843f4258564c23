#include "sync/request_log.h"

#include <cctype>

#include "util/json_fields.h"

namespace bcsync::sync {
namespace {

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!std::isdigit(c)) return false;
  return true;
}

// "a=1&client_secret=x" with secret-named values "[REDACTED]".
std::string RedactQuery(const std::string& query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(start, end - start);
    std::size_t eq = part.find('=');
    if (eq != std::string::npos && util::IsSecretName(part.substr(0, eq)))
      part = part.substr(0, eq + 1) + "[REDACTED]";
    out += (out.empty() ? "" : "&") + part;
    start = end + 1;
  }
  return out;
}

// What a refusal said, short and without secrets: the JSON "error" field, else the start.
std::string ErrorText(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object()) {
    std::string error = util::JsonStr(util::RedactSecrets(j), "error");
    if (!error.empty()) return error.substr(0, 120);
  }
  if (!j.is_discarded()) return "";
  std::string text = body.substr(0, 120);
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return util::IsSecretName(text) ? "[REDACTED]" : text;
}

}  // namespace

std::string PathTemplate(const std::string& path) {
  std::string out;
  std::string previous;
  bool account_seen = false;
  std::size_t start = 1;
  while (start <= path.size() && path.size() > 1) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    std::string stem = seg, suffix;
    if (seg.size() > 5 && seg.compare(seg.size() - 5, 5, ".json") == 0) {
      stem = seg.substr(0, seg.size() - 5);
      suffix = ".json";
    }
    if (AllDigits(stem)) {
      const char* name = !account_seen && out.empty() ? "{account}"
                         : previous == "buckets"      ? "{bucket}"
                                                      : "{id}";
      if (out.empty()) account_seen = true;
      seg = name + suffix;
    }
    out += "/" + seg;
    previous = seg;
    start = end + 1;
  }
  return out.empty() ? path : out;
}

RequestLog::RequestLog(basecamp::HttpTransport* inner, const Clock* clock)
    : inner_(inner), clock_(clock), started_at_(clock->NowMs()) {}

StatusOr<basecamp::HttpResponse> RequestLog::Send(const basecamp::HttpRequest& request) {
  const Millis t0 = clock_->NowMs();
  StatusOr<basecamp::HttpResponse> response = inner_->Send(request);
  const Millis t1 = clock_->NowMs();
  std::string origin, target;
  basecamp::SplitUrl(request.url, &origin, &target);
  const std::size_t q = target.find('?');
  const std::string path = target.substr(0, q);
  nlohmann::json e{{"method", request.method},
                   {"path", path},
                   {"path_template", PathTemplate(path)},
                   {"at_ms", t0 - started_at_},
                   {"duration_ms", t1 - t0}};
  if (q != std::string::npos) e["query"] = RedactQuery(target.substr(q + 1));
  if (!response.ok()) {
    e["status"] = 0;
    e["error"] = "no response";
  } else {
    e["status"] = response->status;
    auto put = [&](const char* key, const std::string& value, std::size_t cap) {
      if (!value.empty()) e[key] = value.substr(0, cap);
    };
    put("retry_after", response->Header("Retry-After"), 64);
    put("reason", response->Header("Reason"), 64);
    put("link", response->Header("Link"), 300);
    put("request_id", response->Header("X-Request-Id"), 100);
    if (response->status >= 400) put("error", ErrorText(response->body), 120);
  }
  std::lock_guard<std::mutex> lock(mu_);
  entries_.push_back(std::move(e));
  if (entries_.size() > kMaxEntries) {
    entries_.pop_front();
    ++dropped_;
  }
  return response;
}

std::string RequestLog::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : entries_) list.push_back(e);
  return nlohmann::json{{"requests", std::move(list)}, {"dropped", dropped_}}.dump();
}

}  // namespace bcsync::sync
