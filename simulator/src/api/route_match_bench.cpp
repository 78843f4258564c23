// bcsim_route_match_bench [ROUNDS]: the cost of the router (MatchRoute) on 10 representative
// request paths (lists, single items, writes, a bucket-prefixed form, a 404), so that a change
// to the route table or the matcher can be measured: prints ns per match for each path and the
// mean, over ROUNDS rounds (default 200,000) of every path. The table is built before timing.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "api/routes.h"

namespace {

struct Case {
  const char* method;
  std::vector<std::string> segments;  // after the account id, ".json" removed
  bool in_bucket;
  bool found;  // whether a route must match
};

}  // namespace

int main(int argc, char** argv) {
  const long rounds = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 200'000;
  const std::vector<Case> cases = {
      {"GET", {"projects"}, false, true},
      {"GET", {"todolists", "7000001", "todos"}, false, true},
      {"GET", {"todos", "4200001"}, false, true},
      {"PUT", {"todos", "4200001"}, false, true},
      {"POST", {"recordings", "4200001", "comments"}, false, true},
      {"GET", {"recordings", "4200001", "events"}, false, true},
      {"GET", {"card_tables", "cards", "9100001"}, false, true},
      {"GET", {"my", "assignments"}, false, true},
      {"GET", {"todos", "4200001"}, true, true},
      {"GET", {"nothing", "here"}, false, false},
  };
  bcsim::api::PathArgs args;
  for (const Case& c : cases) {  // builds the table; checks every case routes as it should
    const bool found = bcsim::api::MatchRoute(c.method, c.segments, c.in_bucket, &args) != nullptr;
    if (found != c.found) {
      std::fprintf(stderr, "route_match_bench: %s %s matched=%d\n", c.method, c.segments[0].c_str(),
                   found ? 1 : 0);
      return 1;
    }
  }
  std::printf("routes: %zu\n", bcsim::api::RouteTable().size());
  double total = 0;
  long sink = 0;
  for (const Case& c : cases) {
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < rounds; ++i) {
      sink += bcsim::api::MatchRoute(c.method, c.segments, c.in_bucket, &args) != nullptr ? 1 : 0;
    }
    const double ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
        static_cast<double>(rounds);
    total += ns;
    std::string path;
    for (const std::string& s : c.segments) path += "/" + s;
    std::printf("%-6s %-32s %s %8.1f ns\n", c.method, path.c_str(),
                c.in_bucket ? "bucket" : "      ", ns);
  }
  std::printf("mean %.1f ns per match (%ld matched)\n", total / static_cast<double>(cases.size()),
              sink);
  return 0;
}
