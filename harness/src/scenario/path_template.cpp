#include "harness/path_template.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace bcsim::harness {

namespace {

std::vector<std::string> Segments(const std::string& p) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::string path = p.substr(0, p.find('?'));
  while (true) {
    std::size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

struct Pattern {
  bool placeholder = false;
  std::string prefix, suffix;  // the literal text around the placeholder (all of it when none)
};

Pattern ParseSegment(const std::string& seg) {
  std::size_t open = seg.find('{');
  std::size_t close = seg.find('}', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return {false, seg, ""};
  return {true, seg.substr(0, open), seg.substr(close + 1)};
}

bool EndsWith(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

bool SegmentsOverlap(const std::string& a, const std::string& b) {
  Pattern x = ParseSegment(a), y = ParseSegment(b);
  if (!x.placeholder && !y.placeholder) return a == b;
  if (!x.placeholder) std::swap(x, y);
  if (!y.placeholder) {  // y is literal text
    const std::string& lit = y.prefix;
    return lit.size() > x.prefix.size() + x.suffix.size() && lit.rfind(x.prefix, 0) == 0 && EndsWith(lit, x.suffix);
  }
  bool prefixes = x.prefix.rfind(y.prefix, 0) == 0 || y.prefix.rfind(x.prefix, 0) == 0;
  bool suffixes = EndsWith(x.suffix, y.suffix) || EndsWith(y.suffix, x.suffix);
  return prefixes && suffixes;
}

}  // namespace

bool TemplatesOverlap(const std::string& a, const std::string& b) {
  std::vector<std::string> x = Segments(a), y = Segments(b);
  for (std::size_t i = 0;; ++i) {
    bool x_end = i >= x.size(), y_end = i >= y.size();
    if (!x_end && x[i] == "*") return true;
    if (!y_end && y[i] == "*") return true;
    if (x_end || y_end) return x_end && y_end;
    if (!SegmentsOverlap(x[i], y[i])) return false;
  }
}

}  // namespace bcsim::harness
