#include "runner/body_match.h"

#include <httplib.h>
#include <strings.h>

#include <string>

namespace bcsim::harness {

nlohmann::json BodyFields(const nlohmann::json& entry) {
  if (!entry.is_object() || !entry.contains("request_body") || !entry["request_body"].is_string())
    return nullptr;
  const std::string body = entry["request_body"];
  if (body.empty() || entry.value("request_body_elided", 0) != 0) return nullptr;
  std::string type;
  if (entry.contains("request_headers") && entry["request_headers"].is_array()) {
    for (const auto& h : entry["request_headers"]) {
      if (h.is_array() && h.size() == 2 && h[0].is_string() &&
          strcasecmp(h[0].get<std::string>().c_str(), "Content-Type") == 0 && h[1].is_string())
        type = h[1];
    }
  }
  if (strncasecmp(type.c_str(), "application/x-www-form-urlencoded", 33) == 0) {
    httplib::Params params;
    httplib::detail::parse_query_text(body, params);
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : params) out[k] = v;
    return out;
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nlohmann::json() : j;
}

bool BodyIncludes(const nlohmann::json& have, const nlohmann::json& want) {
  if (!want.is_object()) return have == want;
  if (!have.is_object()) return false;
  for (auto it = want.begin(); it != want.end(); ++it) {
    auto found = have.find(it.key());
    if (found == have.end() || !BodyIncludes(*found, *it)) return false;
  }
  return true;
}

}  // namespace bcsim::harness
