// The world as scenario YAML (GET /__bcsim/world, `bcsim snapshot`, `bcsim record`): a
// `basecamp:` section that LoadWorld reads back into a world that answers the same.
//
// What is in it: start_time, limits, identities (with their passwords: a world input, needed to
// sign in), OAuth clients (with their client secrets, for the same reason), accounts with their
// people, projects, to-do sets, lists, groups and to-dos, and every other recording of each
// project (dock tools, messages, comments, documents, uploads' metadata, schedule entries, card
// tables, columns, cards, steps, ...) as the generic `recordings:` list, and timesheet entries,
// all with their explicit ids and timestamps, the recordings' events and changed subscriber
// lists, and `api_creations` (World::created). What is not: OAuth state (codes, tokens, grants,
// sessions: never), boosts, webhooks, personal state (bookmarks, notes), folders, templates and
// lineup markers.
// Pure; the caller holds the world lock (shared is enough).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bcsim/world.h"

namespace bcsim {

struct ExportOptions {
  bool clients = true;  // include OAuth clients (with their secrets)
  // The clock's time, written as `start_time` so a loaded copy goes on from there (0: the
  // world's own start_time).
  Millis now = 0;
};

// The `basecamp:` section as JSON (key order kept).
nlohmann::ordered_json WorldToJson(const World& world, const ExportOptions& options = {});

// JSON (objects, arrays, scalars) as block YAML; strings double-quoted, so they read back as
// strings whatever they look like. A leading comment line when `comment` is not empty.
std::string JsonToYaml(const nlohmann::ordered_json& doc, const std::string& comment = "");

// {"basecamp": WorldToJson(world)} as YAML.
std::string WorldToYaml(const World& world, const ExportOptions& options = {});

}  // namespace bcsim
