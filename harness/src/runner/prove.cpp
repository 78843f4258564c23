// `bcsim run --prove`: mutation testing of the scenario's own checks. After an expectation
// held, each of its mutants (made by the registry: a flipped state, a moved title, a count off
// by one, another identity or code, `absent` toggled) is checked at the same point of the same
// run; every one must fail. Expectations only read (the tracker's JSON API with the user's own
// session, a page in the checker's own browser, the journal), so checking a mutant in place is
// the same as running the scenario again with it, at a fraction of the cost.
//
// Also here: the run-time check that every fault of the scenario fired.
#include <algorithm>

#include "bcsync/app.h"
#include "scenario/registry.h"
#include "session.h"

namespace bcsim::harness {

int Session::Prove(const Expectation& e, std::vector<std::string>* survivors) {
  const ExpectKind* kind = FindExpectKind(e.kind);
  if (kind == nullptr || !kind->mutate) return 0;
  MutationNames names;
  for (const auto& [key, id] : s_.world.identities) names.identities.push_back(key);
  for (const auto& [key, a] : s_.world.accounts) names.accounts.push_back(key);
  for (const auto& c : bcsync::ErrorCatalogue()) (c.warning ? names.warning_codes : names.error_codes).push_back(c.code);
  names.titles = s_.world.titles;
  names.key_titles = s_.world.todo_titles;
  std::vector<Mutant> mutants = kind->mutate(e, names);
  for (const Mutant& m : mutants) {
    Status held = Check(m.expectation);
    if (held.ok())
      survivors->push_back(e.mark.ToString() + ": survived: " + m.expectation.kind + " " + Brief(m.expectation.args) +
                           " (" + m.change + ")");
  }
  return static_cast<int>(mutants.size());
}

Status Session::CheckFaultsFired() {
  if (s_.faults.empty() && step_faults_.empty()) return OkStatus();
  auto installed = Control("GET", "/__bcsim/faults", {});
  if (!installed.ok()) return installed.status();
  const nlohmann::json& list = (*installed)["faults"];
  std::string problems;
  auto check = [&problems](const nlohmann::json& listed, const Mark& mark, bool optional) {
    long long hits = listed.value("hits", 0LL), fired = listed.value("fired", 0LL);
    if (fired > 0 || optional) return;
    problems += (problems.empty() ? "" : "\n") + mark.ToString() + ": fault at " + mark.ToString() +
                (hits == 0 ? " matched no request"
                           : " matched " + std::to_string(hits) +
                                 " requests but never fired (see its nth/after)") +
                ": its effect was never tested; fix its match, or mark it optional: true if it may "
                "not fire";
  };
  for (std::size_t i = 0; i < s_.faults.size() && i < list.size(); ++i)
    check(list[i], s_.faults[i].mark, s_.faults[i].optional);
  for (const StepFault& f : step_faults_)
    for (const auto& listed : list)
      if (listed.value("id", std::string()) == f.id) check(listed, f.mark, f.optional);
  return problems.empty() ? OkStatus() : FailedPreconditionError(problems);
}

}  // namespace bcsim::harness
