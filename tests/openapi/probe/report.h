// The probe's findings: counts per document tag and one line per operation not served, as text
// for people and as JSON for tools (see tests/openapi/README.md for how to read both).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probe/runner.h"

namespace bcsim::probe {

struct Tally {
  int total = 0, served = 0, invalid = 0, not_served = 0, error = 0;
  void Add(Outcome o);
};

Tally TallyOf(const std::vector<Result>& results);
// Served operations as a percentage of all of them (0 for none).
double ServedPercent(const Tally& t);
// True when the served share reaches `floor_percent` (what the ctest entry requires).
bool MeetsFloor(const Tally& t, double floor_percent);

std::string SummaryText(const std::vector<Result>& results);
nlohmann::json ReportJson(const std::vector<Result>& results, int seed_requests);

}  // namespace bcsim::probe
