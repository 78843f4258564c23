#include "basecamp/link_header.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace bcsync::basecamp {
namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// True when the link-params (";rel=next; title=...") carry rel with "next" among its
// space-separated relation types (quoted or not, any case).
bool RelHoldsNext(const std::string& params) {
  size_t pos = 0;
  while (pos < params.size()) {
    size_t semi = params.find(';', pos);
    const std::string param = Trim(params.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos));
    pos = semi == std::string::npos ? params.size() : semi + 1;
    const size_t eq = param.find('=');
    if (eq == std::string::npos || Lower(Trim(param.substr(0, eq))) != "rel") continue;
    std::string value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    size_t t = 0;
    value = Lower(value);
    while (t < value.size()) {
      size_t space = value.find(' ', t);
      if (value.substr(t, space == std::string::npos ? std::string::npos : space - t) == "next") return true;
      t = space == std::string::npos ? value.size() : space + 1;
    }
  }
  return false;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = path.empty() || path[0] != '/' ? 0 : 1;
  std::string last;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    std::string segment = path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    const bool at_end = slash == std::string::npos;
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
      if (at_end) out.emplace_back("");
    } else if (segment == ".") {
      if (at_end) out.emplace_back("");
    } else {
      out.push_back(segment);
    }
    if (at_end) break;
    pos = slash + 1;
  }
  std::string result = "/";
  for (size_t i = 0; i < out.size(); ++i) result += (i == 0 ? "" : "/") + out[i];
  return result;
}

}  // namespace

std::optional<std::string> NextLink(const std::string& link_header) {
  size_t pos = 0;
  while (pos < link_header.size()) {
    const size_t open = link_header.find('<', pos);
    if (open == std::string::npos) break;
    const size_t close = link_header.find('>', open + 1);
    if (close == std::string::npos) break;  // an unterminated '<': no URL in the rest
    const size_t next_part = link_header.find('<', close + 1);
    const std::string params =
        link_header.substr(close + 1, next_part == std::string::npos ? std::string::npos : next_part - close - 1);
    const std::string target = Trim(link_header.substr(open + 1, close - open - 1));
    if (!target.empty() && RelHoldsNext(params)) return target;
    pos = close + 1;
  }
  return std::nullopt;
}

std::string ResolveReference(const std::string& base, const std::string& reference) {
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string::npos) return "";
  // A reference with its own scheme ("https:", "javascript:") is absolute.
  const size_t colon = reference.find(':');
  const size_t first_delim = reference.find_first_of("/?#");
  if (colon != std::string::npos && colon > 0 && (first_delim == std::string::npos || colon < first_delim) &&
      std::isalpha(static_cast<unsigned char>(reference[0]))) {
    return reference;
  }
  const std::string scheme = base.substr(0, scheme_end);
  const size_t path_start = base.find_first_of("/?#", scheme_end + 3);
  const std::string authority = base.substr(0, path_start);  // scheme://host:port
  std::string base_path = path_start == std::string::npos ? "" : base.substr(path_start);
  base_path = base_path.substr(0, base_path.find('#'));
  const size_t query = base_path.find('?');
  const std::string base_query = query == std::string::npos ? "" : base_path.substr(query);
  base_path = base_path.substr(0, query);
  if (base_path.empty()) base_path = "/";

  if (reference.rfind("//", 0) == 0) return scheme + ":" + reference;
  if (reference.empty()) return authority + base_path + base_query;
  if (reference[0] == '#') return authority + base_path + base_query + reference;
  if (reference[0] == '?') return authority + base_path + reference;
  // Split the reference's path from its query/fragment before removing dot segments.
  const size_t tail_at = reference.find_first_of("?#");
  const std::string ref_path = reference.substr(0, tail_at);
  const std::string tail = tail_at == std::string::npos ? "" : reference.substr(tail_at);
  std::string merged;
  if (!ref_path.empty() && ref_path[0] == '/') {
    merged = ref_path;
  } else {
    merged = base_path.substr(0, base_path.rfind('/') + 1) + ref_path;
  }
  return authority + RemoveDotSegments(merged) + tail;
}

}  // namespace bcsync::basecamp
