#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "check_files.h"
#include "harness/chromium_browser.h"
#include "harness/cli.h"
#include "harness/reports.h"
#include "harness/runner.h"
#include "harness/scenario_parser.h"
#include "harness/validate.h"
#include "scenario/suggest.h"

namespace bcsim::harness {
namespace {

using Job = CheckedFile;

bool WriteFile(const std::string& path, const std::string& text, std::ostream& out) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) {
    out << "cannot write " << path << "\n";
    return false;
  }
  return true;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// "FILE:LINE" of a failure: where its reason points, else the file.
std::string FileLine(const ScenarioResult& r) {
  const std::string& why = r.reason;
  if (why.rfind(r.file + ":", 0) == 0) {
    std::size_t line_end = why.find(':', r.file.size() + 1);
    std::string line = why.substr(r.file.size() + 1, line_end - r.file.size() - 1);
    if (!line.empty() && std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isdigit(c); }))
      return r.file + ":" + line;
  }
  return r.file;
}

}  // namespace

std::string ConsoleSafe(const std::string& text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if ((c < 0x20 && !(keep_newlines && c == '\n')) || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Checks and parses every file with the one checker; a second file with a scenario name
// already used is an error naming both.
std::vector<CheckedFile> CheckFiles(const std::vector<std::string>& files,
                                    const std::vector<std::string>& include_roots) {
  std::vector<CheckedFile> jobs;
  std::map<std::string, std::string> first_of;  // scenario name -> FILE:LINE:COL
  for (const auto& file : files) {
    Job j{file, std::nullopt, ""};
    std::vector<std::string> problems = ValidateScenarioFile(file, "", include_roots);
    if (!problems.empty()) {
      j.error = JoinLines(problems);
    } else if (auto parsed = ParseScenarioFile(file, include_roots); !parsed.ok()) {
      j.error = parsed.status().message();
    } else {
      auto [it, fresh] = first_of.emplace(parsed->name, parsed->name_mark.ToString());
      if (!fresh) {
        j.error = parsed->name_mark.ToString() + ": expected a scenario name of its own, found \"" +
                        parsed->name + "\", which " + it->second + " already uses: reports and JUnit tell "
                        "scenarios apart by name";
      } else {
        j.scenario = std::move(parsed).value();
      }
    }
    jobs.push_back(std::move(j));
  }
  return jobs;
}

int RunCommand(const RunCommandOptions& o, std::ostream& out) {
  int shard_i = 1, shard_n = 1;
  if (!o.shard.empty()) {
    if (std::sscanf(o.shard.c_str(), "%d/%d", &shard_i, &shard_n) != 2 || shard_n < 1 || shard_i < 1 ||
        shard_i > shard_n) {
      out << "--shard: expected I/N with 1 <= I <= N, found \"" << ConsoleSafe(o.shard) << "\"\n";
      return 2;
    }
  }
  std::vector<std::string> files = CollectScenarioFiles(o.paths);
  if (files.empty()) {
    out << "no scenario files (*.yaml) under " << ConsoleSafe(JoinLines(o.paths)) << "\n";
    return 2;
  }
  std::vector<Job> checked = CheckFiles(files, o.include_roots);
  std::set<std::string> known_tags;
  for (const auto& j : checked)
    if (j.scenario) known_tags.insert(j.scenario->tags.begin(), j.scenario->tags.end());
  std::vector<std::string> tag_list(known_tags.begin(), known_tags.end());
  for (const auto& t : o.tags) {
    if (known_tags.count(t)) continue;
    out << "--tag " << ConsoleSafe(t) << ": no scenario has this tag" << DidYouMean(t, tag_list)
        << "; the tags: " << NameList(tag_list, 100) << "\n";
    return 2;
  }
  std::vector<Job> jobs;
  for (auto& j : checked) {
    if (!o.tags.empty()) {
      if (!j.scenario) continue;  // a file that does not check has no tags to select it by
      const auto& tags = j.scenario->tags;
      bool any = std::any_of(o.tags.begin(), o.tags.end(),
                             [&](const std::string& t) { return std::find(tags.begin(), tags.end(), t) != tags.end(); });
      if (!any) continue;
    }
    jobs.push_back(std::move(j));
  }
  std::vector<Job> mine;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(shard_n)) == shard_i - 1) mine.push_back(std::move(jobs[i]));
  if (mine.empty()) {
    out << "no scenario selected: shard " << shard_i << "/" << shard_n << " of " << jobs.size()
        << " scenario(s) is empty\n";
    return 2;
  }
  if (o.list) {
    for (const auto& j : mine)
      out << (j.scenario ? ConsoleSafe(j.scenario->name) + "  " : std::string("(does not check)  ")) << j.file << "\n";
    out << mine.size() << " scenario(s) would run\n";
    return 0;
  }

  RunOptions run_options;
  run_options.prove = o.prove;
  run_options.bundles_dir = o.bundles;
  run_options.browser = o.browser;
  if (o.browser == "chromium") {
    if (std::string why = ChromiumMissing(DefaultChromiumPaths()); !why.empty()) {
      out << "--browser chromium: skipped: " << ConsoleSafe(why) << "\n";
      return 77;
    }
  }
  std::vector<ScenarioResult> results(mine.size());
  std::vector<char> ran(mine.size(), 0);  // not vector<bool>: its bits share words across threads
  std::mutex out_mu;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  auto worker = [&] {
    for (std::size_t i = next++; i < mine.size(); i = next++) {
      if (stop) break;
      ScenarioResult r;
      if (mine[i].scenario) {
        r = RunScenario(*mine[i].scenario, run_options);
      } else {
        r.name = mine[i].file;
        r.file = mine[i].file;
        r.parse_error = true;
        r.reason = mine[i].error.substr(0, mine[i].error.find('\n'));
        r.failure = mine[i].error;
      }
      if (!r.passed && o.fail_fast) stop = true;
      {
        std::lock_guard<std::mutex> lock(out_mu);
        if (r.passed) {
          out << "PASS " << ConsoleSafe(r.name) << " (" << static_cast<long long>(r.duration_ms + 0.5) << " ms)\n";
        } else {
          out << "FAIL " << ConsoleSafe(r.name) << ": " << ConsoleSafe(r.reason) << "\n";
          std::string details = r.failure == r.reason ? "" : ConsoleSafe(r.failure, true);
          for (std::size_t p = 0; (p = details.find('\n', p)) != std::string::npos && p + 1 < details.size(); p += 5)
            details.replace(p, 1, "\n    ");
          if (!details.empty()) out << "    " << details << (details.back() == '\n' ? "" : "\n");
        }
        for (const auto& step : r.steps)
          for (const auto& note : step.notes)
            out << "    note: " << step.mark.ToString() << ": " << ConsoleSafe(note) << "\n";
        out.flush();
      }
      results[i] = std::move(r);
      ran[i] = 1;
    }
  };
  int n = std::max(1, std::min<int>(o.jobs, static_cast<int>(mine.size())));
  std::vector<std::thread> threads;
  for (int t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  std::vector<ScenarioResult> done;
  for (std::size_t i = 0; i < results.size(); ++i)
    if (ran[i]) done.push_back(std::move(results[i]));

  int failed = 0;
  for (const auto& r : done) failed += r.passed ? 0 : 1;
  bool wrote = true;
  if (!o.junit.empty()) wrote = WriteFile(o.junit, JUnitXml(done, "bcsim", o.paths), out) && wrote;
  if (!o.report.empty()) wrote = WriteFile(o.report, HtmlReport(done), out) && wrote;
  if (o.prove) {
    long long expectations = 0, mutants = 0, survived = 0;
    for (const auto& r : done) {
      expectations += r.expectations_proved;
      mutants += r.mutants;
      survived += static_cast<long long>(r.survivors.size());
    }
    out << "proved: " << expectations << " expectations, " << mutants << " mutants, " << survived << " survived\n";
  }
  if (failed > 0) {
    out << "failed:\n";
    for (const auto& r : done)
      if (!r.passed) out << "  " << ConsoleSafe(FileLine(r)) << "  " << ConsoleSafe(r.name) << "\n";
  }
  if (done.size() < mine.size()) out << (mine.size() - done.size()) << " not run (--fail-fast)\n";
  out << (done.size() - static_cast<std::size_t>(failed)) << " passed, " << failed << " failed\n";
  out.flush();
  return failed == 0 && wrote ? 0 : 1;
}

void AddRunCommand(CLI::App& app) {
  auto opts = std::make_shared<RunCommandOptions>();
  CLI::App* run = app.add_subcommand("run", "Run scenario files (or every *.yaml under folders)");
  run->add_option("paths", opts->paths, "Scenario files or folders")->required();
  run->add_option("--junit", opts->junit, "Write a JUnit XML report here");
  run->add_option("--report", opts->report, "Write a self-contained HTML report here");
  run->add_option("--jobs,-j", opts->jobs, "Scenarios run at once (each has its own simulator and client)")
      ->check(CLI::Range(1, 64));
  run->add_option("--shard", opts->shard, "Run only shard I of N (1-based), e.g. 1/4");
  run->add_option("--tag", opts->tags, "Run only scenarios with this tag (repeatable)");
  run->add_option("--include-root", opts->include_roots,
                  "A folder whose files include: may name, besides the scenario's own tree (repeatable)");
  run->add_option("--bundles", opts->bundles,
                  "Write each tracker user's support bundle to DIR/SCENARIO/USER.json after each "
                  "scenario");
  run->add_option("--browser", opts->browser,
                  "builtin (the default: fast, no pictures) or chromium (Debian's Chromium through "
                  "playwright-core; each step's screenshot goes in the report; exit 77 when it is "
                  "not installed)")
      ->check(CLI::IsMember({"builtin", "chromium"}));
  run->add_flag("--list", opts->list, "Print the scenarios that would run, and run none");
  run->add_flag("--fail-fast", opts->fail_fast, "Start no further scenario after the first failure");
  run->add_flag("--prove", opts->prove,
                "Mutation-test every expectation: each mutant (a flipped state, a moved title, a count off by "
                "one, ...) must fail; survivors fail their scenario");
  run->callback([opts] { throw CLI::RuntimeError(RunCommand(*opts, std::cout)); });
}

}  // namespace bcsim::harness
