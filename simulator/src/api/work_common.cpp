// Helpers the Work family's handlers share (work.h).
#include <algorithm>

#include "api/work.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::work {

ApiResponse BadBody() { return Error(400, "The request body must be a JSON object"); }

std::optional<RecordingRef> Find(Ctx& c, const std::string& id,
                                 std::initializer_list<std::string_view> types, bool active) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, types);
  if (!r) return std::nullopt;
  if (active && r->recording->status != RecordingStatus::kActive) return std::nullopt;
  return r;
}

RecordingRef Again(Ctx& c, Id id) { return *FindRecording(c.world, id); }

bool MayEdit(const Ctx& c, const Recording& rec) {
  return !c.me.client || rec.creator == c.me.key;
}

Json PeopleOf(const RenderContext& rc, const Recording& rec, const char* key) {
  Json out = Json::array();
  auto it = rec.fields.find(key);
  if (it == rec.fields.end() || !it->is_array()) return out;
  for (const Json& k : *it) {
    if (k.is_string()) out.push_back(RenderPersonByKey(rc, k.get<std::string>()));
  }
  return out;
}

std::optional<std::vector<std::string>> MemberKeys(Ctx& c, const Project& project, const Json& ids) {
  std::vector<std::string> out;
  if (ids.is_null()) return out;
  if (!ids.is_array()) return std::nullopt;
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  for (const Json& id : ids) {
    auto it = id.is_number_integer() ? by_id.find(id.get<Id>()) : by_id.end();
    if (it == by_id.end() || !IsMember(project, c.account.people[it->second].key)) {
      return std::nullopt;
    }
    const std::string& key = c.account.people[it->second].key;
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  }
  return out;
}

std::vector<Id> PersonIds(const Ctx& c, const std::vector<std::string>& keys) {
  std::vector<Id> out;
  const auto& by_key = c.world.index.person_by_key[c.account_index];
  for (const std::string& k : keys) {
    auto it = by_key.find(k);
    if (it != by_key.end()) out.push_back(c.account.people[it->second].id);
  }
  return out;
}

const Person* PersonById(const Ctx& c, Id id) {
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &c.account.people[it->second];
}

void Changed(Ctx& c, const RecordingRef& r, const std::string& action) {
  if (r.updated_at != nullptr) *r.updated_at = c.req.now;
  RecordEvent(*r.project, c.world, r.id, action, c.me.key, c.req.now);
}

void AssignmentChanged(Ctx& c, const RecordingRef& r, const std::vector<std::string>& before,
                       const std::vector<std::string>& after) {
  std::vector<std::string> added, removed;
  for (const std::string& k : after) {
    if (std::find(before.begin(), before.end(), k) == before.end()) added.push_back(k);
  }
  for (const std::string& k : before) {
    if (std::find(after.begin(), after.end(), k) == after.end()) removed.push_back(k);
  }
  if (added.empty() && removed.empty()) return;
  Changed(c, r, "assignment_changed");
  r.project->events.back().added_person_ids = PersonIds(c, added);
  r.project->events.back().removed_person_ids = PersonIds(c, removed);
}

OptString OptionalString(const Json& body, const char* key) {
  OptString out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_string()) {
    out.bad = true;
    return out;
  }
  out.value = it->get<std::string>();
  return out;
}

void PlaceAt(std::vector<Recording*> siblings, Recording* moving, int position) {
  siblings.erase(std::remove(siblings.begin(), siblings.end(), moving), siblings.end());
  const int at = std::clamp(position, 1, static_cast<int>(siblings.size()) + 1);
  siblings.insert(siblings.begin() + (at - 1), moving);
  for (std::size_t i = 0; i < siblings.size(); ++i) siblings[i]->position = static_cast<int>(i) + 1;
}

std::string DateOf(Millis ms) { return FormatTimestamp(ms).substr(0, 10); }

}  // namespace bcsim::api::work
