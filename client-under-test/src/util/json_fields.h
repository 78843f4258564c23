// Lenient field readers for Basecamp/Launchpad JSON: a missing key or a value of another type
// reads as "" / 0 / false instead of throwing. Pure; thread safe.
#pragma once

#include <nlohmann/json.hpp>

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

}  // namespace bcsync::util
