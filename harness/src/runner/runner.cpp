#include "harness/runner.h"

#include <chrono>

#include "harness/scenario_parser.h"
#include "session.h"

namespace bcsim::harness {
namespace {

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string Title(const Step& st) {
  if (st.kind == "basecamp") return "basecamp " + st.change + " " + Brief(st.args);
  if (st.kind == "expect") {
    std::string out = "expect";
    for (const auto& e : st.expectations) out += " " + e.kind + " " + Brief(e.args);
    return out;
  }
  return st.kind + " " + Brief(st.args);
}

std::string FormatExchange(const Exchange& e) {
  std::string out = IsoTime(e.at_ms) + " [" + e.source + "] " + e.method + " " + e.url + " -> " +
                    (e.status ? std::to_string(e.status) : std::string("no response"));
  if (!e.note.empty()) out += "  (" + e.note + ")";
  return out;
}

}  // namespace

ScenarioResult RunScenario(const Scenario& s, const RunOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  ScenarioResult result;
  result.name = s.name;
  result.file = s.file;
  result.summary = s.summary;
  result.tags = s.tags;
  Session session(s, options);
  if (Status st = session.Start(); !st.ok()) {
    result.reason = "could not start: " + st.message();
    result.failure = s.file + ": " + result.reason;
    result.duration_ms = MsSince(t0);
    return result;
  }
  result.passed = true;
  std::vector<PageShot> last_pages;
  for (const Step& step : s.steps) {
    auto ts = std::chrono::steady_clock::now();
    StepResult sr;
    sr.kind = step.kind;
    sr.mark = step.mark;
    sr.title = Title(step);
    sr.at_ms = session.time().NowMs();
    Status st;
    try {
      st = session.RunStep(step);
      session.DeliverWebhooks();  // what the step made due, before the next step looks
    } catch (const std::exception& e) {  // a library that throws (JSON on an odd answer): a failure, not a crash
      st = InternalError(std::string("unexpected answer: ") + e.what());
    }
    sr.exchanges = session.TakeExchanges();
    sr.notes = session.TakeNotes();
    sr.pages = session.TakePages();
    if (!sr.pages.empty()) last_pages = sr.pages;
    sr.duration_ms = MsSince(ts);
    if (!st.ok()) {
      sr.ok = false;
      sr.failure = RedactText(st.message());
      sr.diffs = SplitDiffs(sr.failure);
      if (sr.pages.empty()) sr.pages = last_pages;  // what the person was looking at
      result.passed = false;
      std::string first_line = sr.failure.substr(0, sr.failure.find('\n'));
      result.reason = step.mark.ToString() + ": " + step.kind + ": " + first_line;
      std::string text =
          "step " + step.mark.ToString() + ": " + sr.title + " (at " + IsoTime(sr.at_ms) + ")\n";
      if (step.kind == "expect") {
        text += sr.failure + "\n";
      } else {
        text += "  " + sr.failure + "\n";
      }
      text += "last requests:\n";
      for (const auto& e : session.Recent(static_cast<std::size_t>(options.recent_exchanges)))
        text += "  " + FormatExchange(e) + "\n";
      result.failure = text;
    }
    result.steps.push_back(std::move(sr));
    if (!result.passed) break;
  }
  if (!options.bundles_dir.empty()) {
    if (Status wrote = session.WriteBundles(options.bundles_dir); !wrote.ok() && result.passed) {
      result.passed = false;
      result.reason = wrote.message();
      result.failure = wrote.message() + "\n";
    }
  }
  if (result.passed) {
    if (Status fired = session.CheckFaultsFired(); !fired.ok()) {
      result.passed = false;
      result.reason = fired.message().substr(0, fired.message().find('\n'));
      result.failure = fired.message() + "\n";
    }
  }
  result.expectations_proved = session.expectations_proved();
  result.mutants = session.mutants_tried();
  result.survivors = session.survivors();
  if (result.passed && !result.survivors.empty()) {
    result.passed = false;
    result.reason = result.survivors.front() +
                    (result.survivors.size() > 1 ? " (and " + std::to_string(result.survivors.size() - 1) + " more)" : "");
    result.failure.clear();
    for (const auto& sv : result.survivors) result.failure += sv + "\n";
  }
  result.duration_ms = MsSince(t0);
  return result;
}

ScenarioResult RunScenarioFile(const std::string& path, const RunOptions& options) {
  auto parsed = ParseScenarioFile(path);
  if (!parsed.ok()) {
    ScenarioResult r;
    r.name = path;
    r.file = path;
    r.parse_error = true;
    r.reason = parsed.status().message();
    r.failure = parsed.status().message();
    return r;
  }
  return RunScenario(*parsed, options);
}

}  // namespace bcsim::harness
