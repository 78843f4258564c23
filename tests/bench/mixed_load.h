// bcsim_bench_tool mixed-load (mixed_load.cpp): 90% reads, 10% writes, each write read back.
#pragma once

#include <string>

namespace bench {

// Runs the mixed workload against URL for SECONDS on CONNS connections; prints one line of
// figures; returns 0 when there was no error and no stale read.
int MixedLoad(const std::string& url, int seconds, int conns, const std::string& account);

}  // namespace bench
