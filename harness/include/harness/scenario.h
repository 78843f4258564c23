// The scenario model: what a scenario file (shared/scenario-format.md) says, parsed and checked.
//
// Plain data, built by ParseScenarioFile (scenario_parser.h) and read by the runner. The
// `basecamp:` and `faults:` sections are not modelled here: the simulator reads them itself from
// the same file. Every step and expectation keeps the SourceMark of its YAML node so failures can
// name FILE:LINE:COL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bcsim::harness {

using Millis = std::int64_t;

struct Mark {  // where a node came from; line and column are 1-based
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;  // "FILE:LINE:COL"
};

struct TrackerUser {
  std::string key;
  std::string email;
  std::string password;
  std::string role = "user";  // owner | admin | user
  std::string name;           // defaults to the key, capitalised
};

struct Tracker {
  std::string company = "Acme Corp";
  std::map<std::string, TrackerUser> users;  // by key
  std::vector<std::string> user_order;        // file order
  std::string account_mode = "strict";        // strict | choose (an extension)
  std::optional<Millis> auto_sync_interval_ms;  // extension: the client's automatic sync interval
  bool webhooks = false;  // extension: bcsync registers webhooks and syncs on their deliveries
};

// What the runner needs to know about the Basecamp world (the simulator owns the rest).
struct WorldIdentity {
  std::string key;
  std::string email;
  std::string password;
  std::string name;  // "First Last"
};
struct WorldAccount {
  std::string key;
  std::string name;
  std::optional<std::int64_t> id;  // when the file sets one
};
struct WorldClient {
  std::string key;
  std::string client_id;
  std::string client_secret;
};
struct WorldFacts {
  std::map<std::string, WorldClient> clients;
  std::map<std::string, WorldIdentity> identities;
  std::map<std::string, WorldAccount> accounts;
  std::map<std::string, std::int64_t> todo_ids;     // key -> id, as the simulator loads it
  std::vector<std::string> todo_keys;               // every keyed to-do
  std::map<std::string, std::string> todo_titles;   // key -> title (as loaded)
  std::set<std::string> account_ids;                // decimal ids of the loaded world's accounts
  std::vector<std::string> titles;                  // every to-do title, keyed or not, and those
                                                    // that basecamp: steps add or rename to
};

struct Expectation {
  std::string kind;  // tasks, sync_error, sync_ok, integration, visible_integrations, ...
  Mark mark;
  nlohmann::json args;  // the expectation's map, as JSON (checked by the parser)
  std::map<std::string, Mark> marks;  // where each argument's value is
  Mark At(const std::string& key) const { auto it = marks.find(key); return it == marks.end() ? mark : it->second; }
};

struct Step {
  std::string kind;  // browser_login, enable_company_integration, ..., basecamp, expect
  Mark mark;
  nlohmann::json args;  // the step's map, as JSON (checked by the parser)
  std::map<std::string, Mark> marks;  // where each argument's value is
  Mark At(const std::string& key) const { auto it = marks.find(key); return it == marks.end() ? mark : it->second; }
  std::vector<Expectation> expectations;  // kind == "expect"
  std::string change;                     // kind == "basecamp": the world change's name
};

// A fault of the scenario's `faults:` list (the simulator parses and runs it; the runner checks
// that it fired unless it is optional).
struct FaultInfo {
  Mark mark;
  bool optional = false;
};

struct Scenario {
  std::string file;  // the path it was read from
  std::vector<std::string> include_roots;  // where its includes may come from, besides its tree
  std::string name;
  Mark name_mark;    // where `scenario:` names it
  std::string summary;
  std::vector<std::string> tags;
  Tracker tracker;
  WorldFacts world;
  std::vector<Step> steps;
  std::vector<FaultInfo> faults;  // in file order: the simulator's f1, f2, ...
  std::optional<Millis> start_time_ms;  // extension `start_time:`; default 2026-12-01T09:00:00Z
};

// The step and expectation names of the format, in the order the docs list them.
const std::vector<std::string>& KnownSteps();
const std::vector<std::string>& KnownExpectations();
const std::vector<std::string>& KnownWorldChanges();

}  // namespace bcsim::harness
