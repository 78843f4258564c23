#include <cctype>

#include "harness/browser.h"

namespace bcsim::harness {
namespace {

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void CookieJar::Store(const std::string& origin, const std::string& header) {
  std::size_t semi = header.find(';');
  std::string pair = header.substr(0, semi);
  std::size_t eq = pair.find('=');
  if (eq == std::string::npos) return;
  std::string name = Trim(pair.substr(0, eq));
  std::string value = Trim(pair.substr(eq + 1));
  bool remove = value.empty();
  if (semi != std::string::npos) {
    std::string attrs = Lower(header.substr(semi));
    if (attrs.find("max-age=0") != std::string::npos || attrs.find("max-age=-") != std::string::npos ||
        attrs.find("expires=thu, 01 jan 1970") != std::string::npos)
      remove = true;
  }
  if (remove) {
    jars_[origin].erase(name);
  } else {
    jars_[origin][name] = value;
  }
}

std::string CookieJar::Header(const std::string& origin) const {
  auto it = jars_.find(origin);
  if (it == jars_.end()) return "";
  std::string out;
  for (const auto& [k, v] : it->second) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

void CookieJar::Clear(const std::string& origin) { jars_.erase(origin); }

bool CookieJar::Has(const std::string& origin, const std::string& name) const {
  auto it = jars_.find(origin);
  return it != jars_.end() && it->second.count(name) > 0;
}

}  // namespace bcsim::harness
