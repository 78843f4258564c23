// Lenient field readers for Basecamp/Launchpad JSON: a missing key or a value of another type
// reads as "" / 0 / false instead of throwing. Pure; thread safe.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

namespace bcsync::util {

inline std::string JsonStr(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

inline std::int64_t JsonInt(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

inline bool JsonBool(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// Whether a field, parameter or header of this name holds a secret: the name contains, in any
// case, token, secret, password, code, key, csrf, authorization or cookie.
inline bool IsSecretName(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* s : {"token", "secret", "password", "code", "key", "csrf", "authorization",
                        "cookie"}) {
    if (lower.find(s) != std::string::npos) return true;
  }
  return false;
}

// A copy of `j` with every secret-named field's value, at any depth, "[REDACTED]" (what
// bcsync keeps of Basecamp answers, e.g. the authorization.json snapshot).
inline nlohmann::json RedactSecrets(const nlohmann::json& j) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
      out[it.key()] = IsSecretName(it.key()) ? nlohmann::json("[REDACTED]") : RedactSecrets(*it);
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j) out.push_back(RedactSecrets(v));
    return out;
  }
  return j;
}

}  // namespace bcsync::util
