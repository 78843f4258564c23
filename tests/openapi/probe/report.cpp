#include "probe/report.h"

#include <cstdio>
#include <map>

namespace bcsim::probe {
namespace {

std::string Percent(int part, int whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  return buf;
}

std::string Pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string PadLeft(const std::string& s, std::size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

}  // namespace

void Tally::Add(Outcome o) {
  ++total;
  switch (o) {
    case Outcome::kServed: ++served; break;
    case Outcome::kInvalid: ++invalid; break;
    case Outcome::kNotServed: ++not_served; break;
    case Outcome::kError: ++error; break;
  }
}

Tally TallyOf(const std::vector<Result>& results) {
  Tally t;
  for (const Result& r : results) t.Add(r.verdict.outcome);
  return t;
}

double ServedPercent(const Tally& t) { return t.total == 0 ? 0.0 : 100.0 * t.served / t.total; }

// The floor is written with one decimal (18.8 for 47/250): compare in tenths of a percent, so
// 47/250 meets 18.8 however the division rounds.
bool MeetsFloor(const Tally& t, double floor_percent) {
  return static_cast<long long>(t.served) * 1000 >= static_cast<long long>(floor_percent * 10 + 0.5) * t.total;
}

std::string SummaryText(const std::vector<Result>& results) {
  const Tally all = TallyOf(results);
  std::map<std::string, Tally> by_tag;
  for (const Result& r : results) by_tag[r.op->tag].Add(r.verdict.outcome);
  std::string out = "OpenAPI probe: " + std::to_string(all.served) + "/" + std::to_string(all.total) +
                    " operations served (" + Percent(all.served, all.total) + "); invalid " +
                    std::to_string(all.invalid) + ", not served " + std::to_string(all.not_served) +
                    ", error " + std::to_string(all.error) + "\n\n";
  out += Pad("tag", 18) + " served  total  percent  invalid  not-served  error\n";
  for (const auto& [tag, t] : by_tag) {
    out += Pad(tag, 18) + " " + PadLeft(std::to_string(t.served), 6) + " " + PadLeft(std::to_string(t.total), 6) +
           " " + PadLeft(Percent(t.served, t.total), 8) + " " + PadLeft(std::to_string(t.invalid), 8) + " " +
           PadLeft(std::to_string(t.not_served), 11) + " " + PadLeft(std::to_string(t.error), 6) + "\n";
  }
  out += "\nNot served (outcome, phase, method, document path, operation: status or first error):\n";
  for (const Result& r : results) {
    if (r.verdict.outcome == Outcome::kServed) continue;
    out += "  " + Pad(OutcomeName(r.verdict.outcome), 10) + " " + Pad(PhaseName(r.phase), 6) + " " +
           Pad(r.op->method, 6) + " " + r.op->path + "  " + r.op->id + ": " + r.verdict.detail + "\n";
  }
  return out;
}

nlohmann::json ReportJson(const std::vector<Result>& results, int seed_requests) {
  using nlohmann::json;
  const Tally all = TallyOf(results);
  auto counts = [](const Tally& t) {
    return json{{"total", t.total}, {"served", t.served}, {"invalid", t.invalid},
                {"not_served", t.not_served}, {"error", t.error}};
  };
  std::map<std::string, Tally> by_tag;
  for (const Result& r : results) by_tag[r.op->tag].Add(r.verdict.outcome);
  json report = counts(all);
  report["served_percent"] = ServedPercent(all);
  report["seed_requests"] = seed_requests;
  report["by_tag"] = json::object();
  for (const auto& [tag, t] : by_tag) report["by_tag"][tag] = counts(t);
  report["operations"] = json::array();
  for (const Result& r : results) {
    report["operations"].push_back({{"operation", r.op->id}, {"tag", r.op->tag}, {"method", r.op->method},
                                    {"path", r.op->path}, {"phase", PhaseName(r.phase)}, {"sent", r.target},
                                    {"status", r.status}, {"outcome", OutcomeName(r.verdict.outcome)},
                                    {"detail", r.verdict.detail}});
  }
  return report;
}

}  // namespace bcsim::probe
