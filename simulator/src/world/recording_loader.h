// Loading a project's recordings besides its to-do tree (docs/scenario-format.md, "Recordings"):
// `messages`, `documents`, `uploads`, `schedule_entries`, `card_table` (columns, cards, steps),
// `comments` on any of them and on to-dos, `timesheet_entries`, and the generic `recordings`
// list that `GET /__bcsim/world` writes (every recording with its type, parent and fields).
// They become the generic `Recording`s of bcsim/world.h under the project's dock tools, so the
// API endpoints serve them as if they had been written through the API.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/world.h"
#include "bcsim/yaml_json.h"
#include "world/yaml_reader.h"

namespace bcsim::loader {

// What the account loader lends: its id and key bookkeeping and its person checks.
struct RecordingLoadHooks {
  // The id of the recording `map` describes: its `id:` or StableId(kind, key), claimed.
  std::function<Id(const YAML::Node& map, const std::string& kind, const std::string& key,
                   const std::string& what, const YAML::Node& at)>
      claim_id;
  std::function<void(const std::string& kind, const std::string& key, const YAML::Node& at)>
      claim_key;
  // A person key of the account (fails naming the known ones).
  std::function<std::string(const std::string& key, const YAML::Node& at)> person;
  std::string default_creator;
};

// Comments written under a recording loaded elsewhere (a to-do's `comments:`).
struct PendingComments {
  Id parent = 0;
  std::string parent_title;
  YAML::Node comments;
};

// Loads the sections above from the project map `v` into `p` (after its tools). Throws
// LoadError at FILE:LINE:COL.
void LoadProjectRecordings(const YamlReader& r, const YAML::Node& v, Project& p,
                           const std::vector<PendingComments>& pending,
                           const RecordingLoadHooks& hooks);

// YAML values become JSON with bcsim::YamlToJson (bcsim/yaml_json.h).
using bcsim::YamlToJson;

}  // namespace bcsim::loader
