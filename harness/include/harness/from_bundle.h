// `bcsim scenario from-bundle`: a runnable scenario from a bcsync support bundle
// (docs/support-bundle.schema.json, docs/support.md).
//
// The scenario holds a world with the bundle's identities, accounts, projects and to-dos as
// the bundle saw them (ids preserved: identities, accounts, people, projects, to-dos), the
// tracker's company, users and settings, the steps that lead to the last sync (connections,
// a first sync for the tasks the user already had, the Basecamp changes behind archived and
// vanished tasks, the time that passed) with the failing requests of that sync installed as
// `add_fault` steps (statuses, Retry-After, Reason, Link, dropped connections, Launchpad
// refusals), and expectations of what the customer saw: the error code (or sync_ok), each
// warning, the task list (active titles exactly, archived ones) and a broken integration's state.
//
// Pure: no I/O. Thread safe.
#pragma once

#include <string>

#include "bcsim/status.h"

namespace bcsim::harness {

// The largest bundle read (a bundle of 100,000 tasks is about 30 MB).
inline constexpr std::size_t kMaxBundleBytes = 64u << 20;

struct FromBundleOptions {
  std::string name;         // the scenario's name; "" = "support-" + the code (or "warning")
  std::string source_name;  // how messages name the bundle (its file)
};

// The scenario YAML, or InvalidArgument naming the bundle, the JSON path of the first problem
// ("/syncs/0/requests/2/status") and what was expected there.
StatusOr<std::string> ScenarioFromBundle(const std::string& bundle_text,
                                         const FromBundleOptions& options);

}  // namespace bcsim::harness
