#include <cstdio>

#include "harness/reports.h"

namespace bcsim::harness {
namespace {

std::string Ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

std::string Clock(Millis at) {  // virtual time as HH:MM:SS on its day, with the day number
  long long s = at / 1000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "day %lld %02lld:%02lld:%02lld", s / 86400 % 100000, s / 3600 % 24, s / 60 % 60, s % 60);
  return buf;
}

const char* kStyle = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} .pass{color:#176f2c} .fail{color:#b00020}
details{border:1px solid #ddd;border-radius:6px;margin:.5em 0;padding:.4em .8em}
summary{cursor:pointer;font-weight:600} table{border-collapse:collapse;width:100%;margin:.3em 0}
td,th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;vertical-align:top;font-size:13px}
td.src{white-space:nowrap;color:#555} pre{background:#fff3f3;padding:.6em;white-space:pre-wrap}
.step{margin:.4em 0 .2em}.mark{color:#777;font-size:12px}
)css";

}  // namespace

std::string HtmlReport(const std::vector<ScenarioResult>& results) {
  int failed = 0;
  for (const auto& r : results) failed += r.passed ? 0 : 1;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bcsim report</title><style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>bcsim scenarios: " + std::to_string(results.size() - failed) + " passed, " +
         std::to_string(failed) + " failed</h1>\n";
  for (const auto& r : results) {
    out += "<details" + std::string(r.passed ? "" : " open") + "><summary class=\"" + (r.passed ? "pass" : "fail") +
           "\">" + (r.passed ? "PASS " : "FAIL ") + XmlEscape(r.name) + " <span class=\"mark\">(" + Ms(r.duration_ms) +
           ", " + XmlEscape(r.file) + ")</span></summary>\n";
    if (!r.summary.empty()) out += "<p>" + XmlEscape(r.summary) + "</p>\n";
    if (!r.passed) out += "<pre>" + XmlEscape(r.failure) + "</pre>\n";
    for (const auto& st : r.steps) {
      out += "<div class=\"step\"><span class=\"" + std::string(st.ok ? "pass" : "fail") + "\">" +
             (st.ok ? "&#10003; " : "&#10007; ") + "</span>" + XmlEscape(st.title) + " <span class=\"mark\">" +
             XmlEscape(st.mark.ToString()) + ", " + Ms(st.duration_ms) + "</span></div>\n";
      if (!st.ok) out += "<pre>" + XmlEscape(st.failure) + "</pre>\n";
      for (const auto& note : st.notes) out += "<p class=\"note\">note: " + XmlEscape(note) + "</p>\n";
      if (st.exchanges.empty()) continue;
      out += "<table><tr><th>virtual time</th><th>who</th><th>request</th><th>status</th><th>note</th></tr>\n";
      for (const auto& e : st.exchanges) {
        out += "<tr><td class=\"src\">" + Clock(e.at_ms) + "</td><td class=\"src\">" + XmlEscape(e.source) +
               "</td><td>" + XmlEscape(e.method + " " + e.url) + "</td><td>" +
               (e.status ? std::to_string(e.status) : std::string("-")) + "</td><td>" + XmlEscape(e.note) +
               "</td></tr>\n";
      }
      out += "</table>\n";
    }
    out += "</details>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace bcsim::harness
