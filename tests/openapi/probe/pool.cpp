#include "probe/pool.h"

#include <cctype>

namespace bcsim::probe {
namespace {

using nlohmann::json;

// Basecamp's names for what a parameter stem or path segment means, where the name alone does
// not say it: the stem or segment on the left, extra candidate tags on the right, best first.
const std::map<std::string, std::vector<std::string>>& Aliases() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"bucket", {"t:project", "c:projects", "k:bucket"}},
      {"buckets", {"t:project", "c:projects", "k:bucket"}},
      {"project", {"c:projects", "t:project", "k:bucket"}},
      {"person", {"c:people", "t:person", "k:creator", "k:assignees", "k:people", "k:completer"}},
      {"recording", {"t:todo", "c:todos"}},  // a to-do: the recording every world has
      {"recordings", {"t:todo", "c:todos"}},
      {"message", {"t:message", "c:messages"}},
      {"board", {"d:message_board", "t:messageboard", "c:message_boards"}},
      {"cardtable", {"d:kanban_board", "t:kanbanboard", "c:card_tables"}},
      {"card", {"t:kanbancard", "c:cards"}},
      {"column", {"t:kanbancolumn", "c:columns", "c:lists"}},
      {"step", {"t:kanbanstep", "c:steps"}},
      {"campfire", {"d:chat", "t:chattranscript", "c:chats"}},
      {"line", {"c:lines"}},
      {"todoset", {"d:todoset", "t:todoset", "c:todosets"}},
      {"todolist", {"t:todolist", "c:todolists"}},
      {"group", {"c:groups", "p:groups", "t:todolist"}},  // a group's url is todolists/{id}
      {"vault", {"d:vault", "t:vault", "c:vaults"}},
      {"schedule", {"d:schedule", "t:schedule", "c:schedules"}},
      {"questionnaire", {"d:questionnaire", "t:questionnaire", "c:questionnaires"}},
      {"question", {"t:question", "c:questions"}},
      {"answer", {"t:questionanswer", "c:question_answers", "c:answers"}},
      {"inbox", {"d:inbox", "t:inbox", "c:inboxes"}},
      {"forward", {"t:inboxforward", "c:inbox_forwards", "c:forwards"}},
      {"tool", {"k:dock", "c:tools"}},
      {"schedule_entries", {"t:scheduleentry"}},
      // "Get a calendar by its bucket id": a calendar is keyed by its bucket's id.
      {"calendar", {"c:calendars", "t:calendar", "t:project", "c:projects"}},
      {"timesheet_entries", {"t:timesheetentry"}},
  };
  return table;
}

// "cardTableId" -> "cardtable", "id" -> "".
std::string Stem(const std::string& name) {
  std::string s = name;
  if (s.size() >= 2 && s.compare(s.size() - 2, 2, "Id") == 0) s.resize(s.size() - 2);
  else if (s == "id") s.clear();
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<Id> AsId(const json& v) {
  if (v.is_number_integer()) return v.get<Id>();
  return std::nullopt;
}

// The collection segment a url names for `id`: ".../todos/7.json" -> "todos".
std::string UrlCollection(const std::string& url, Id id) {
  const std::string want = std::to_string(id);
  std::vector<std::string> segments;
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : url.find('/', start + 3);
  if (start == std::string::npos) return "";
  std::string path = url.substr(start);
  path = path.substr(0, path.find('?'));
  std::size_t pos = 1;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    segments.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  for (std::size_t i = segments.size(); i-- > 1;) {
    std::string s = segments[i];
    if (s.size() > 5 && s.compare(s.size() - 5, 5, ".json") == 0) s.resize(s.size() - 5);
    if (s == want) return segments[i - 1];
  }
  return "";
}

}  // namespace

std::string NormalType(const std::string& type) {
  std::string out;
  for (char c : type) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<std::string> IdPool::CandidateTags(const std::string& name, const std::string& segment) {
  std::vector<std::string> tags;
  auto add = [&](const std::string& t) {
    for (const std::string& have : tags) {
      if (have == t) return;
    }
    tags.push_back(t);
  };
  const std::string stem = Stem(name);
  auto alias = [&](const std::string& key) {
    auto it = Aliases().find(key);
    if (it != Aliases().end()) {
      for (const std::string& t : it->second) add(t);
    }
  };
  // A specific stem says more than the segment: /recordings/{messageId}/pin.json wants a
  // message, never the to-do a bare {recordingId} would get. A generic stem (id, entry,
  // recording) says less than its segment.
  const bool generic = stem.empty() || stem == "entry" || stem == "recording";
  if (!generic) {
    alias(stem);
    add("t:" + stem);
    add("c:" + stem + "s");  // owner_id -> the objects of an owners.json list
    if (!segment.empty()) add("c:" + segment);
    return tags;
  }
  if (!segment.empty()) {
    add("c:" + segment);
    alias(segment);
  }
  if (!stem.empty()) {
    alias(stem);
    add("t:" + stem);
  }
  return tags;
}

Item& IdPool::Upsert(Id id) {
  auto [it, fresh] = items_.try_emplace(id);
  if (fresh) {
    it->second.id = id;
    it->second.seq = order_.size();
    order_.push_back(id);
  }
  return it->second;
}

void IdPool::Walk(const json& node, const std::string& key, Id enclosing,
                  const std::vector<std::string>& top_tags, const std::vector<Id>& path_ids, bool created) {
  if (node.is_array()) {
    for (const json& child : node) Walk(child, key, enclosing, top_tags, path_ids, created);
    return;
  }
  if (!node.is_object()) return;
  Id self = enclosing;
  if (auto id = node.contains("id") ? AsId(node["id"]) : std::nullopt; id && *id > 0) {
    Item& item = Upsert(*id);
    self = *id;
    item.created = item.created || created;
    if (!key.empty()) item.tags.insert("k:" + key);
    if (node.contains("type") && node["type"].is_string()) item.tags.insert("t:" + NormalType(node["type"].get<std::string>()));
    std::string own;  // the collection its url names
    if (node.contains("url") && node["url"].is_string()) {
      own = UrlCollection(node["url"].get<std::string>(), *id);
      if (!own.empty()) item.tags.insert("c:" + own);
    }
    for (const std::string& t : top_tags) {
      item.tags.insert("p:" + t.substr(2));  // the request path's collection, always
      if (own.empty()) item.tags.insert(t);
    }
    if (key == "dock" && node.contains("name") && node["name"].is_string()) item.tags.insert("d:" + node["name"].get<std::string>());
    if (node.contains("enabled") && node["enabled"].is_boolean()) {
      if (node["enabled"].get<bool>()) {
        item.tags.erase("s:disabled");
      } else {
        item.tags.insert("s:disabled");
      }
    }
    for (const char* link : {"bucket", "parent"}) {
      if (node.contains(link) && node[link].is_object() && node[link].contains("id")) {
        if (auto r = AsId(node[link]["id"])) {
          item.related.insert(*r);
          if (std::string_view(link) == "parent") item.parent = *r;
        }
      }
    }
    for (const char* when : {"starts_at", "starts_on"}) {
      if (item.day.empty() && node.contains(when) && node[when].is_string() &&
          node[when].get<std::string>().size() >= 10) {
        item.day = node[when].get<std::string>().substr(0, 10);
      }
    }
    if (node.contains("recording_id")) {
      if (auto r = AsId(node["recording_id"])) item.related.insert(*r);
    }
    if (enclosing != 0 && enclosing != *id) item.related.insert(enclosing);
    for (Id p : path_ids) {
      if (p != *id) item.related.insert(p);
    }
  }
  for (const auto& [k, child] : node.items()) {
    if (child.is_string() && k.size() >= 4 && k.compare(k.size() - 4, 4, "sgid") == 0) {
      sgids_[k].push_back(child.get<std::string>());
      if (created) created_sgids_[k].push_back(child.get<std::string>());
    }
    // Only the top-level object(s) carry the request's collection tag.
    if (child.is_structured()) Walk(child, k, self, {}, {}, false);
  }
}

void IdPool::Harvest(const json& body, const std::string& collection, const std::vector<Id>& path_ids, bool created) {
  std::vector<std::string> top;
  if (!collection.empty()) top.push_back("c:" + collection);
  Walk(body, "", 0, top, path_ids, created);
}

std::optional<Id> IdPool::Pick(const std::vector<std::string>& tags, const std::set<Id>& near,
                               Prefer prefer, const std::string& also) const {
  auto is_near = [&](const Item& item) {
    if (near.count(item.id) != 0) return true;
    for (Id r : item.related) {
      if (near.count(r) != 0) return true;
    }
    for (Id n : near) {
      auto it = items_.find(n);
      if (it != items_.end() && it->second.related.count(item.id) != 0) return true;
    }
    return false;
  };
  for (const std::string& tag : tags) {
    std::optional<Id> best;
    int best_rank = -1;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      // kNewestCreated walks newest first; kFirstSeen oldest first.
      const Id id = prefer == Prefer::kNewestCreated ? order_[order_.size() - 1 - i] : order_[i];
      const Item& item = items_.at(id);
      if (item.gone || item.tags.count(tag) == 0) continue;
      if (!also.empty() && item.tags.count(also) == 0) continue;
      int rank = (near.empty() || is_near(item) ? 2 : 0) + (prefer == Prefer::kNewestCreated && item.created ? 1 : 0);
      if (rank > best_rank) {
        best = id;
        best_rank = rank;
      }
    }
    if (best) return best;
  }
  return std::nullopt;
}

std::optional<Id> IdPool::ChildOf(Id parent) const {
  for (Id id : order_) {
    const Item& item = items_.at(id);
    if (id != parent && !item.gone && item.parent == parent) return id;
  }
  for (Id id : order_) {
    const Item& item = items_.at(id);
    if (id != parent && !item.gone && item.related.count(parent) != 0) return id;
  }
  return std::nullopt;
}

const Item* IdPool::Find(Id id) const {
  auto it = items_.find(id);
  return it == items_.end() ? nullptr : &it->second;
}

void IdPool::MarkGone(Id id) {
  auto it = items_.find(id);
  if (it != items_.end()) it->second.gone = true;
}

std::string IdPool::Sgid(const std::string& key) const {
  auto made = created_sgids_.find(key);
  if (made != created_sgids_.end() && !made->second.empty()) return made->second.back();
  auto it = sgids_.find(key);
  if (it != sgids_.end() && !it->second.empty()) return it->second.back();
  for (const auto& [_, values] : sgids_) {
    if (!values.empty()) return values.back();
  }
  return "";
}

}  // namespace bcsim::probe
