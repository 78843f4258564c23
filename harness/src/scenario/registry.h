// Internal: the ONE registry of the scenario vocabulary. Each step and expectation is listed
// once with its fields; the parser (allowed and required keys), the checker (what an
// expectation must hold to check anything), the mutator of `bcsim run --prove` (how to make it
// wrong) and a test against scenarios/scenario.schema.json are all driven from here. Pure;
// thread safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "harness/scenario.h"

namespace bcsim::harness {

struct StepKind {
  std::string name;
  std::vector<std::string> keys;      // every key the step takes
  std::vector<std::string> required;  // of those, the ones it must have
};

// What a mutant may be made from: the names the scenario's world and the tracker know.
struct MutationNames {
  std::vector<std::string> identities;
  std::vector<std::string> accounts;
  std::vector<std::string> error_codes;    // catalogue codes of failed syncs
  std::vector<std::string> warning_codes;  // catalogue codes of warnings
  std::vector<std::string> titles;         // every to-do title of the world
  std::map<std::string, std::string> key_titles;  // to-do key -> its title
};

// A deliberately wrong variant of an expectation: a correct check must fail on it.
struct Mutant {
  std::string change;  // "titles [Write copy] -> excludes [Write copy]"
  Expectation expectation;
};

struct ExpectKind {
  std::string name;
  std::vector<std::string> keys;
  std::vector<std::string> required;
  // At least one of these must be given, else the expectation checks nothing (empty: the
  // required keys are the check).
  std::vector<std::string> checks;
  std::function<std::vector<Mutant>(const Expectation&, const MutationNames&)> mutate;
};

const std::vector<StepKind>& StepKinds();
const std::vector<ExpectKind>& ExpectKinds();
const StepKind* FindStepKind(const std::string& name);
const ExpectKind* FindExpectKind(const std::string& name);

// The integration states and page names expectations may name.
const std::vector<std::string>& IntegrationStates();
const std::vector<std::string>& PageNames();
// The states a time entry shows (time_entry {state}).
const std::vector<std::string>& TimeEntryStates();

}  // namespace bcsim::harness
