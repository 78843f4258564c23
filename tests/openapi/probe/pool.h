// The ids the probe knows: every object with a numeric `id` in every 2xx body it has seen, each
// with tags saying what it is, and the ids it belongs with. Path parameters are filled from it.
//
// Tags of an object (prefix, then a lower-case name):
//   t:  its `type`, without "::" ("Kanban::Card" -> t:kanbancard)
//   c:  the collection its `url` names (".../card_tables/cards/7.json" -> c:cards), or, for the
//       top-level object(s) of a body whose url names none, the collection of the request path
//       that returned it (GET /chats/1/lines.json -> c:lines; POST /todolists/1/todos.json ->
//       c:todos; but a chat upload from POST chats/1/uploads.json is c:lines, as its url says)
//   p:  for the top-level object(s) of a body, the collection of the request path, always
//       (GET todolists/1/groups.json -> p:groups, though a group's url names todolists)
//   k:  the key it was found under (k:creator, k:assignees, k:bucket, k:dock, ...)
//   d:  for a dock item, its `name` (d:todoset, d:message_board, d:kanban_board, ...)
//   s:disabled  an object whose `enabled` is false (a dock tool that is off)
// Related ids: its `bucket.id`, `parent.id`, `recording_id`, the object it is nested in, and
// the ids in the path of the request that returned it.
//
// A path parameter's candidate tags come from its name and the literal segment before it
// (`{todoId}` -> t:todo, c:todos; `/card_tables/cards/{cardId}` -> c:cards, t:kanbancard),
// plus a small table of Basecamp names (`{bucketId}` is a project, `{campfireId}` a chat, a
// `{recordingId}` is a to-do, the recording every world has). Nothing here knows the
// simulator's routes: only the document's paths and the bodies' own fields.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bcsim::probe {

using Id = long long;

// Which id to take when several fit: the first one seen (world objects come first), or the
// newest one the probe created itself (for deletes and trashing, so the world's own objects
// stay for later calls; falls back to the newest seen).
enum class Prefer { kFirstSeen, kNewestCreated };

struct Item {
  Id id = 0;
  std::set<std::string> tags;
  std::set<Id> related;
  Id parent = 0;    // its `parent.id`, when it has one
  std::string day;  // the date its `starts_at` / `starts_on` gives (YYYY-MM-DD), or ""

  bool created = false;  // first or also seen in the answer to a POST
  bool gone = false;     // deleted or trashed by the probe
  std::size_t seq = 0;   // order of first sighting
};

class IdPool {
 public:
  // Takes in a 2xx body. `collection` tags its top-level object(s) (see above; "" for none),
  // `path_ids` are the ids of the request's path, `created` marks the answer to a POST.
  void Harvest(const nlohmann::json& body, const std::string& collection,
               const std::vector<Id>& path_ids, bool created);

  // The candidate tags of path parameter `name` whose preceding literal segment is `segment`.
  static std::vector<std::string> CandidateTags(const std::string& name, const std::string& segment);

  // The best id with one of `tags` (earlier tags win), preferring ids related to `near`
  // (any related id of an already chosen one, or one of them); nullopt when none has the tags.
  // With `also`, only ids that carry that tag too.
  std::optional<Id> Pick(const std::vector<std::string>& tags, const std::set<Id>& near,
                         Prefer prefer, const std::string& also = "") const;

  // The first id seen whose `parent` is `parent`, else the first that belongs to it (has it
  // among its related ids: a nested object, its creator), not gone.
  std::optional<Id> ChildOf(Id parent) const;

  const Item* Find(Id id) const;
  void MarkGone(Id id);

  // Strings from `..._sgid` fields (attachable_sgid, readable_sgid): the newest of `key` in the
  // answer to a POST (what the probe made itself: an attachment it uploaded), else the newest of
  // `key` seen anywhere, else the newest of any key; "" when none was seen.
  std::string Sgid(const std::string& key) const;

  std::size_t size() const { return items_.size(); }

 private:
  void Walk(const nlohmann::json& node, const std::string& key, Id enclosing,
            const std::vector<std::string>& top_tags, const std::vector<Id>& path_ids, bool created);
  Item& Upsert(Id id);

  std::map<Id, Item> items_;
  std::vector<Id> order_;  // ids by seq
  std::map<std::string, std::vector<std::string>> sgids_;
  std::map<std::string, std::vector<std::string>> created_sgids_;  // top level of a POST's answer
};

// Normalised type name: lower case letters and digits only ("Kanban::Card" -> "kanbancard").
std::string NormalType(const std::string& type);

}  // namespace bcsim::probe
