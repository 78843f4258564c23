#include "basecamp/basecamp_url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace bcsync::basecamp {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Status Refuse(const std::string& url, const std::string& why) {
  return InvalidArgumentError("--basecamp " + url + ": " + why);
}

}  // namespace

bool IsLoopbackHost(const std::string& raw) {
  std::string host = Lower(raw);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost" || EndsWith(host, ".localhost")) return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

Status CheckBasecampUrl(const std::string& url, bool allow_insecure) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return Refuse(url, "expected an origin such as https://3.basecampapi.com");
  const std::string scheme = Lower(url.substr(0, scheme_end));
  if (scheme != "https" && scheme != "http") {
    return Refuse(url, "expected an https:// (or, for this machine, http://) origin, found " + scheme + "://");
  }
  const size_t authority_end = url.find_first_of("/?#", scheme_end + 3);
  const std::string authority = url.substr(scheme_end + 3, authority_end == std::string::npos
                                                               ? std::string::npos
                                                               : authority_end - scheme_end - 3);
  if (authority.find('@') != std::string::npos) return Refuse(url, "a user name or password in the URL is not allowed");
  std::string host = authority, port;
  bool has_port = false;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return Refuse(url, "unterminated [IPv6 address]");
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return Refuse(url, "unexpected text after the [IPv6 address]");
      has_port = true;
      port = authority.substr(close + 2);
    }
  } else if (const size_t colon = authority.find(':'); colon != std::string::npos) {
    has_port = true;
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return Refuse(url, "no host");
  if (has_port) {
    const bool digits = !port.empty() && port.size() <= 5 &&
                        std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits || std::stoi(port) == 0 || std::stoi(port) > 65535) {
      return Refuse(url, "the port must be a number from 1 to 65535");
    }
  }
  if (scheme == "https" || IsLoopbackHost(host) || allow_insecure) return OkStatus();
  return Refuse(url,
                "plain http to " + host +
                    " would send Basecamp tokens and the client secret unencrypted; use https://, or pass "
                    "--allow-insecure-basecamp if this really is a test server you trust");
}

}  // namespace bcsync::basecamp
