// bcsync_startup_timing: how long a fresh bcsync takes to be ready for a scenario
// (App::Start + SeedCompany + 3 SeedUser on a new database file), with the default options and
// with the scenario runner's (durable=false, password_hash_iterations=1). A measuring tool, not
// a test: it prints wall-clock milliseconds (median of N runs).
//   bcsync_startup_timing [--runs N] [--dir DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "bcsync/app.h"

namespace {

double RunOnce(const std::filesystem::path& db, bool fast) {
  std::filesystem::remove(db);
  std::filesystem::remove(db.string() + "-wal");
  std::filesystem::remove(db.string() + "-shm");
  bcsync::AppOptions options;
  options.db_path = db.string();
  options.basecamp_url = "http://127.0.0.1:1";  // never contacted
  options.token_key = std::string(64, 'a');      // a measuring tool: any key
  if (fast) {
    options.durable = false;
    options.password_hash_iterations = 1;
  }
  const auto start = std::chrono::steady_clock::now();
  bcsync::App app(options);
  bool ok = app.Start().ok() && app.SeedCompany("Acme Corp").ok();
  ok = ok && app.SeedUser("alice@acme.test", "t-a", "owner", "Alice Adams").ok();
  ok = ok && app.SeedUser("bob@acme.test", "t-b", "admin", "Bob Brown").ok();
  ok = ok && app.SeedUser("carol@acme.test", "t-c", "user", "Carol Chen").ok();
  const auto end = std::chrono::steady_clock::now();
  app.Stop();
  if (!ok) {
    std::fprintf(stderr, "bcsync_startup_timing: start or seeding failed\n");
    std::exit(1);
  }
  return std::chrono::duration<double, std::milli>(end - start).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--dir") dir = argv[i + 1];
  }
  const std::filesystem::path db = dir / ("bcsync-timing-" + std::to_string(::getpid()) + ".db");
  for (bool fast : {false, true}) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) ms.push_back(RunOnce(db, fast));
    std::printf("%-48s median %.1f ms (min %.1f, %d runs)\n",
                fast ? "durable=false, password_hash_iterations=1:" : "defaults (durable, 20000 iterations):",
                Median(ms), *std::min_element(ms.begin(), ms.end()), runs);
  }
  std::filesystem::remove(db);
  return 0;
}
