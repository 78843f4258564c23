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
  // "project:K", "todolist:K", "todo:K" taken so far -> the key's node (undefined: a key of the
  // world already loaded), for "first at FILE:LINE:COL".
  std::unordered_map<std::string, YAML::Node> used_keys;
  std::unordered_map<Id, std::string> used_ids;  // recording ids taken so far -> what took them
  // Where each explicit `id:` was written (derived ids never clash, so only these are named in
  // "first at" messages).
  std::unordered_map<Id, YAML::Node> explicit_id_at;
  // Recording ids written as `id:` anywhere in the accounts being loaded: a derived id never
  // takes one of them (explicit ids win), whatever the order.
  std::unordered_set<Id> reserved_ids;
  std::unordered_map<Id, std::string> person_ids;  // person ids taken so far -> "acme/alice"
};

// Collects the explicit recording ids (projects, to-do sets, lists, groups, to-dos) under an
// `accounts:` node into ctx.reserved_ids, and sizes ctx.used_ids for what is coming. Lenient:
// malformed parts are left to LoadAccount. A derived id is StableId(kind, key) or, when that
// is taken or reserved, the next free one after it (NextStableId): deterministic for a given
// world, and explicit ids win whatever the order.
void ReserveExplicitIds(AccountContext& ctx, const YAML::Node& accounts);

// Seeds used_keys/used_ids from what `world` already holds (for add_account).
void SeedFromWorld(AccountContext& ctx);

// Throws LoadError on any problem.
Account LoadAccount(AccountContext& ctx, const YAML::Node& key, const YAML::Node& value);

}  // namespace bcsim::loader
