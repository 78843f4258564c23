#include "harness/path_template.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace bcsim::harness {

bool PathMatches(const std::string& tmpl, const std::string& path) {
  auto split = [](const std::string& p) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= p.size()) {
      std::size_t slash = p.find('/', start);
      out.push_back(p.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return out;
  };
  std::vector<std::string> t = split(tmpl.substr(0, tmpl.find('?')));
  std::vector<std::string> p = split(path);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == "*") return true;
    if (i >= p.size()) return false;
    if (t[i] == "{account}") {
      if (p[i].empty() || !std::all_of(p[i].begin(), p[i].end(), [](unsigned char c) { return std::isdigit(c) != 0; })) return false;
    } else if (t[i].size() > 2 && t[i].front() == '{' && t[i].back() == '}') {
      if (p[i].empty()) return false;
    } else if (t[i] != p[i]) {
      return false;
    }
  }
  return t.size() == p.size();
}

}  // namespace bcsim::harness
