// bcsim_world_load_bench: how long a scenario file takes to become a World, and the memory
// it takes. For the "1,000 projects / 100,000 to-dos load in under 2 s, under 300 MB" goal:
//
//   bcsim_bench_tool gen-world 1000 100000 0 > /tmp/big.yaml   (tests/bench, sim-server's)
//   bcsim_world_load_bench /tmp/big.yaml [RUNS]
//
// Each run reads the file (ReadScenarioFile: YAML parse + includes), loads the world
// (LoadWorld: validation + ids + indexes), then frees both; it prints one line per run and
// the median, with the process's peak resident set size (getrusage ru_maxrss) at the end.
// Exit status 0 when every run loaded, 1 otherwise (the error is printed).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "bcsim/scenario_file.h"
#include "bcsim/world_loader.h"

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double CurrentRssMb() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return static_cast<double>(pages_resident) * 4096.0 / (1024.0 * 1024.0);
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double CpuMs() {  // user + system time of this process so far: steadier than wall time on a busy box
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s SCENARIO.yaml [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const int runs = argc == 3 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<double> read_ms, load_ms, total_ms, free_ms, cpu_ms;
  double loaded_rss = 0;
  std::size_t todos = 0, projects = 0;
  for (int run = 0; run < runs; ++run) {
    const double cpu_start = CpuMs();
    const auto start = Clock::now();
    std::optional<bcsim::StatusOr<bcsim::ScenarioDocument>> doc;
    doc.emplace(bcsim::ReadScenarioFile(path));
    const double read = MsSince(start);
    if (!doc->ok()) {
      std::fprintf(stderr, "%s\n", doc->status().message().c_str());
      return 1;
    }
    const auto load_start = Clock::now();
    std::optional<bcsim::StatusOr<bcsim::World>> world;
    world.emplace(bcsim::LoadWorld(**doc, {{"tracker", "http://127.0.0.1:0"}}));
    const double load = MsSince(load_start);
    const double total = MsSince(start);
    const double cpu = CpuMs() - cpu_start;
    if (!world->ok()) {
      std::fprintf(stderr, "%s\n", world->status().message().c_str());
      return 1;
    }
    loaded_rss = std::max(loaded_rss, CurrentRssMb());
    todos = (**world).index.recording_by_id.size();
    projects = 0;
    for (const auto& account : (**world).accounts) projects += account.projects.size();
    const auto free_start = Clock::now();
    world.reset();
    doc.reset();
    const double freed = MsSince(free_start);
    std::printf("run %d: read %.1f ms, load %.1f ms, read+load %.1f ms (cpu %.1f ms), free %.1f ms\n",
                run + 1, read, load, total, cpu, freed);
    read_ms.push_back(read);
    load_ms.push_back(load);
    total_ms.push_back(total);
    free_ms.push_back(freed);
    cpu_ms.push_back(cpu);
  }
  std::printf("%zu projects, %zu recordings (every type, docks included)\n", projects, todos);
  std::printf("median: read %.1f ms, load %.1f ms, read+load %.1f ms (cpu %.1f ms), free %.1f ms\n",
              Median(read_ms), Median(load_ms), Median(total_ms), Median(cpu_ms), Median(free_ms));
  std::printf("rss: %.1f MB with document and world alive, peak %.1f MB\n", loaded_rss, PeakRssMb());
  return 0;
}
