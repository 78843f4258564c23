#include "basecamp/transport.h"

#include <algorithm>
#include <cctype>

namespace bcsync::basecamp {

std::string HttpResponse::Header(const std::string& name) const {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  auto it = headers.find(key);
  return it == headers.end() ? "" : it->second;
}

bool SplitUrl(const std::string& url, std::string* origin, std::string* target) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  size_t path_start = url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) {
    *origin = url;
    *target = "/";
  } else {
    *origin = url.substr(0, path_start);
    *target = url.substr(path_start);
  }
  return true;
}

std::string OriginOf(const std::string& url) {
  std::string origin, target;
  if (!SplitUrl(url, &origin, &target)) return "";
  std::transform(origin.begin(), origin.end(), origin.begin(), [](unsigned char c) { return std::tolower(c); });
  return origin;
}

std::string UrlEncode(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace bcsync::basecamp
