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

// The step log CI servers show beside a test: each step with its outcome, virtual time, notes.
std::string StepLog(const ScenarioResult& r) {
  std::string out;
  for (const auto& st : r.steps) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", st.duration_ms);
    out += std::string(st.ok ? "ok   " : "FAIL ") + IsoTime(st.at_ms) + " " + st.mark.ToString() +
           " " + st.title + " (" + ms + " ms)\n";
    for (const auto& note : st.notes) out += "     note: " + note + "\n";
    if (!st.ok) {
      std::string f = st.failure;
      for (std::size_t p = 0; (p = f.find('\n', p)) != std::string::npos; p += 6)
        f.replace(p, 1, "\n     ");
      out += "     " + f + "\n";
    }
  }
  return out;
}

// The failing step's message, its mark first; else (a fault that never fired, a survivor) the
// reason.
std::string FailureMessage(const ScenarioResult& r) {
  for (const auto& st : r.steps) {
    if (st.ok) continue;
    std::string f = st.failure;
    for (auto& c : f)
      if (c == '\n') c = ' ';
    return st.mark.ToString() + ": " + st.kind + ": " + f;
  }
  return r.reason;
}

std::string DotJoin(const std::filesystem::path& p) {
  std::string out;
  for (const auto& part : p) {
    std::string s = part.string();
    if (s == "." || s == "/" || s.empty()) continue;
    out += (out.empty() ? "" : ".") + s;
  }
  return out;
}

}  // namespace

std::string JUnitClassName(const std::string& file, const std::vector<std::string>& roots) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path f = fs::weakly_canonical(fs::absolute(file, ec), ec);
  for (const auto& root : roots) {
    if (!fs::is_directory(root, ec)) continue;
    fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
    fs::path rel = f.lexically_relative(r);
    if (rel.empty() || *rel.begin() == ".." || rel.is_absolute()) continue;
    return DotJoin(r.filename() / rel.replace_extension());
  }
  fs::path p = fs::path(file).lexically_normal();
  fs::path folder = p.parent_path().filename();
  if (folder.empty()) folder = f.parent_path().filename();
  return DotJoin(folder / p.filename().replace_extension());
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

std::string JUnitXml(const std::vector<ScenarioResult>& results, const std::string& suite_name,
                     const std::vector<std::string>& roots) {
  int failures = 0, errors = 0;
  double total = 0;
  Millis start = 0;
  bool have_start = false;
  for (const auto& r : results) {
    (r.parse_error ? errors : failures) += r.passed ? 0 : 1;
    total += r.duration_ms;
    if (!r.steps.empty() && (!have_start || r.steps.front().at_ms < start)) {
      start = r.steps.front().at_ms;
      have_start = true;
    }
  }
  std::string counts = "\" tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
                       std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + XmlEscape(suite_name) + counts + " time=\"" + Seconds(total) +
         "\">\n";
  out += "  <testsuite name=\"" + XmlEscape(suite_name) + counts + " skipped=\"0\" time=\"" +
         Seconds(total) + "\"";
  // The virtual time the scenarios started at (ISO 8601), not the wall clock: reports of one
  // library are the same on every run.
  if (have_start) out += " timestamp=\"" + IsoTime(start).substr(0, 19) + "\"";
  out += ">\n";
  for (const auto& r : results) {
    std::string name = r.parse_error ? std::filesystem::path(r.file).filename().string() : r.name;
    out += "    <testcase name=\"" + XmlEscape(name) + "\" classname=\"" +
           XmlEscape(JUnitClassName(r.file, roots)) + "\" time=\"" + Seconds(r.duration_ms) + "\"";
    std::string log = StepLog(r);
    if (r.passed && log.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!r.passed && r.parse_error) {
      out += "      <error message=\"" + XmlEscape(r.reason) + "\" type=\"ScenarioParseError\">" +
             XmlEscape(r.failure) + "</error>\n";
    } else if (!r.passed) {
      out += "      <failure message=\"" + XmlEscape(FailureMessage(r)) +
             "\" type=\"ScenarioFailure\">" + XmlEscape(r.failure) + "</failure>\n";
    }
    if (!log.empty()) out += "      <system-out>" + XmlEscape(log) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace bcsim::harness
