// Loading one `accounts:` entry (people, projects, to-do sets, lists, groups, to-dos) of a
// scenario's `basecamp:` section. Used by LoadWorld and by the add_account event.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "bcsim/world.h"
#include "world/yaml_reader.h"

namespace bcsim::loader {

struct AccountContext {
  const YamlReader& reader;
  const World& world;  // identities must already be loaded; existing accounts count for uniqueness
  Millis start_time = 0;
  std::unordered_set<std::string> used_keys;  // "project:K", "todolist:K", "todo:K" taken so far
  std::unordered_map<Id, std::string> used_ids;  // recording ids taken so far -> what took them
};

// Seeds used_keys/used_ids from what `world` already holds (for add_account).
void SeedFromWorld(AccountContext& ctx);

// Throws LoadError on any problem.
Account LoadAccount(AccountContext& ctx, const YAML::Node& key, const YAML::Node& value);

}  // namespace bcsim::loader
