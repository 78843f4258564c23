#include <cstdio>
#include <filesystem>

#include "harness/reports.h"

namespace bcsim::harness {
namespace {

std::string Seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
  return buf;
}

// The step log CI servers show beside a test: each step with its outcome, time and notes.
std::string StepLog(const ScenarioResult& r) {
  std::string out;
  for (const auto& st : r.steps) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", st.duration_ms);
    out += std::string(st.ok ? "ok   " : "FAIL ") + st.mark.ToString() + " " + st.title + " (" + ms + " ms)\n";
    for (const auto& note : st.notes) out += "     note: " + note + "\n";
  }
  return out;
}

}  // namespace

std::string JUnitClassName(const std::string& file) {
  namespace fs = std::filesystem;
  fs::path p(file);
  std::error_code ec;
  if (p.is_absolute()) {
    fs::path rel = fs::relative(p, fs::current_path(ec), ec);
    if (!ec && !rel.empty() && *rel.begin() != "..") p = rel;
  }
  p = p.lexically_normal().replace_extension();
  std::string out;
  for (const auto& part : p) {
    std::string s = part.string();
    if (s == "." || s == "/" || s.empty()) continue;
    out += (out.empty() ? "" : ".") + s;
  }
  return out;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 forbids most control characters; keep tab, newline, carriage return.
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "?";
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string JUnitXml(const std::vector<ScenarioResult>& results, const std::string& suite_name) {
  int failures = 0;
  double total = 0;
  for (const auto& r : results) {
    failures += r.passed ? 0 : 1;
    total += r.duration_ms;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + XmlEscape(suite_name) + "\" tests=\"" + std::to_string(results.size()) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" time=\"" + Seconds(total) + "\">\n";
  out += "  <testsuite name=\"" + XmlEscape(suite_name) + "\" tests=\"" + std::to_string(results.size()) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"0\" time=\"" + Seconds(total) +
         "\">\n";
  for (const auto& r : results) {
    out += "    <testcase name=\"" + XmlEscape(r.name) + "\" classname=\"" + XmlEscape(JUnitClassName(r.file)) + "\" time=\"" +
           Seconds(r.duration_ms) + "\"";
    std::string log = StepLog(r);
    if (r.passed && log.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!r.passed)
      out += "      <failure message=\"" + XmlEscape(r.reason) + "\" type=\"ScenarioFailure\">" +
             XmlEscape(r.failure) + "</failure>\n";
    if (!log.empty()) out += "      <system-out>" + XmlEscape(log) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace bcsim::harness
