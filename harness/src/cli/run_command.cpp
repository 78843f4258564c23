#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "harness/cli.h"
#include "harness/reports.h"
#include "harness/runner.h"
#include "harness/scenario_parser.h"

namespace bcsim::harness {
namespace {

struct Job {
  std::string file;
  std::optional<Scenario> scenario;
  std::string parse_error;
};

bool WriteFile(const std::string& path, const std::string& text, std::ostream& out) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) {
    out << "cannot write " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

int RunCommand(const RunCommandOptions& o, std::ostream& out) {
  int shard_i = 1, shard_n = 1;
  if (!o.shard.empty()) {
    if (std::sscanf(o.shard.c_str(), "%d/%d", &shard_i, &shard_n) != 2 || shard_n < 1 || shard_i < 1 ||
        shard_i > shard_n) {
      out << "--shard: expected I/N with 1 <= I <= N, found \"" << o.shard << "\"\n";
      return 2;
    }
  }
  std::vector<Job> jobs;
  for (const auto& file : CollectScenarioFiles(o.paths)) {
    Job j{file, std::nullopt, ""};
    auto parsed = ParseScenarioFile(file);
    if (parsed.ok()) {
      j.scenario = std::move(parsed).value();
      if (!o.tags.empty()) {
        const auto& tags = j.scenario->tags;
        bool any = std::any_of(o.tags.begin(), o.tags.end(),
                               [&](const std::string& t) { return std::find(tags.begin(), tags.end(), t) != tags.end(); });
        if (!any) continue;
      }
    } else {
      j.parse_error = parsed.status().message();
    }
    jobs.push_back(std::move(j));
  }
  std::vector<Job> mine;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(shard_n)) == shard_i - 1) mine.push_back(std::move(jobs[i]));

  std::vector<ScenarioResult> results(mine.size());
  std::mutex out_mu;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < mine.size(); i = next++) {
      ScenarioResult r;
      if (mine[i].scenario) {
        r = RunScenario(*mine[i].scenario);
      } else {
        r.name = mine[i].file;
        r.file = mine[i].file;
        r.reason = mine[i].parse_error;
        r.failure = mine[i].parse_error;
      }
      {
        std::lock_guard<std::mutex> lock(out_mu);
        if (r.passed) {
          out << "PASS " << r.name << " (" << static_cast<long long>(r.duration_ms + 0.5) << " ms)\n";
        } else {
          out << "FAIL " << r.name << ": " << r.reason << "\n";
          std::string details = r.failure == r.reason ? "" : r.failure;
          for (std::size_t p = 0; (p = details.find('\n', p)) != std::string::npos && p + 1 < details.size(); p += 5)
            details.replace(p, 1, "\n    ");
          if (!details.empty()) out << "    " << details << (details.back() == '\n' ? "" : "\n");
        }
        out.flush();
      }
      results[i] = std::move(r);
    }
  };
  int n = std::max(1, std::min<int>(o.jobs, static_cast<int>(mine.size())));
  std::vector<std::thread> threads;
  for (int t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  int failed = 0;
  for (const auto& r : results) failed += r.passed ? 0 : 1;
  bool wrote = true;
  if (!o.junit.empty()) wrote = WriteFile(o.junit, JUnitXml(results), out) && wrote;
  if (!o.report.empty()) wrote = WriteFile(o.report, HtmlReport(results), out) && wrote;
  out << (results.size() - static_cast<std::size_t>(failed)) << " passed, " << failed << " failed\n";
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
  run->callback([opts] { throw CLI::RuntimeError(RunCommand(*opts, std::cout)); });
}

}  // namespace bcsim::harness
