// LoadProjectRecordings: messages, documents, uploads, schedule entries, card tables, comments,
// timesheet entries and generic recordings of one project (recording_loader.h).
#include "world/recording_loader.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "bcsim/recording_types.h"

namespace bcsim::loader {
namespace {

using Json = nlohmann::json;

struct Loader {
  const YamlReader& rd;
  Project& p;
  const RecordingLoadHooks& h;
  std::map<std::pair<Id, std::string>, int> next_position;  // (parent, type) -> last position
  std::set<Id> own_ids;  // ids of the project's recordings, for parent checks

  const YamlReader& r() const { return rd; }

  Recording* Tool(std::string_view type, const YAML::Node& at, const char* section) {
    for (Recording& rec : p.recordings) {
      if (rec.parent == 0 && rec.type == type) return &rec;
    }
    r().Fail(at, std::string("project `") + p.key + "` has no " + std::string(type) +
                     " tool for `" + section + "`");
  }

  // The keys every recording takes, read into `rec`; `kind` derives its id from its key or
  // from `fallback` (its place).
  void Common(const YAML::Node& v, const std::string& kind, const std::string& fallback,
              const std::string& what, Recording& rec) {
    if (std::optional<std::string> key = r().String(v, "key")) {
      rec.key = *key;
      h.claim_key(kind, rec.key, At(v, "key"));
    }
    rec.id = h.claim_id(v, kind, rec.key.empty() ? fallback : rec.key, what, v);
    if (std::optional<std::string> creator = r().String(v, "creator")) {
      rec.creator = h.person(*creator, At(v, "creator"));
    } else {
      rec.creator = h.default_creator;
    }
    rec.status = r().Recording(v, "status").value_or(RecordingStatus::kActive);
    rec.visible_to_clients = r().Bool(v, "visible_to_clients").value_or(false);
    rec.created_at = r().Timestamp(v, "created_at").value_or(p.created_at);
    rec.updated_at = r().Timestamp(v, "updated_at").value_or(rec.created_at);
    if (At(v, "position")) {
      rec.position = static_cast<int>(*r().Integer(v, "position", 0, 1'000'000));
    }
  }

  std::vector<std::string> People(const YAML::Node& v, const char* field) {
    std::vector<std::string> out;
    if (std::optional<std::vector<std::string>> keys = r().StringList(v, field)) {
      std::size_t i = 0;
      for (const std::string& k : *keys) out.push_back(h.person(k, At(v, field)[i++]));
    }
    return out;
  }

  // The next position among the siblings of `type` under `parent` (after those loaded).
  int NextPosition(Id parent, const std::string& type) {
    auto [it, fresh] = next_position.try_emplace({parent, type}, 0);
    if (fresh) {
      for (const Recording& rec : p.recordings) {
        if (rec.parent == parent && rec.type == type) {
          it->second = std::max(it->second, rec.position);
        }
      }
    }
    return ++it->second;
  }

  Id Add(Recording rec) {
    if (rec.position == 0) rec.position = NextPosition(rec.parent, rec.type);
    own_ids.insert(rec.id);
    const Id id = rec.id;
    p.recordings.push_back(std::move(rec));
    return id;
  }

  // By value: a YAML::Node is a handle, and callers pass temporaries (`for (... : Items(At(..)))`
  // must not iterate a node whose temporary is gone).
  YAML::Node Items(const YAML::Node& v, const char* section) {
    const YAML::Node& items = v;
    if (!items.IsDefined() || items.IsNull()) return YAML::Node();
    if (!items.IsSequence()) {
      r().Fail(items, std::string("expected a list for `") + section + "`, found " +
                          Describe(items));
    }
    return items;
  }

  void Comments(const YAML::Node& list, Id parent, const std::string& parent_title,
                const std::string& where) {
    if (!list.IsDefined() || list.IsNull()) return;
    if (!list.IsSequence()) {
      r().Fail(list, "expected a list of comments for `comments`, found " + Describe(list));
    }
    std::size_t i = 0;
    for (const YAML::Node& c : list) {
      const std::string what = "comment #" + std::to_string(++i) + " of " + where;
      r().ExpectMap(c, what, {"key", "id", "content", "creator", "status",
                              "visible_to_clients", "created_at", "updated_at"});
      Recording rec;
      rec.type = "Comment";
      rec.parent = parent;
      Common(c, "comment", where + "#" + std::to_string(i), what, rec);
      rec.title = "Re: " + parent_title;
      rec.content = r().RequiredString(c, "content", what);
      Add(std::move(rec));
    }
  }

  void Messages(const YAML::Node& v) {
    const YAML::Node items = Items(At(v, "messages"), "messages");
    std::size_t i = 0;
    for (const YAML::Node& m : items) {
      const std::string what = "message #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(m, what, {"key", "id", "subject", "content", "creator", "status",
                              "visible_to_clients", "created_at", "updated_at", "position",
                              "comments"});
      Recording rec;
      rec.type = "Message";
      rec.parent = Tool("Message::Board", m, "messages")->id;
      Common(m, "message", p.key + "/messages#" + std::to_string(i), what, rec);
      rec.title = r().RequiredString(m, "subject", what);
      rec.content = r().String(m, "content").value_or("");
      const std::string title = rec.title;
      const Id id = Add(std::move(rec));
      Comments(At(m, "comments"), id, title, what);
    }
  }

  void Documents(const YAML::Node& v) {
    const YAML::Node items = Items(At(v, "documents"), "documents");
    std::size_t i = 0;
    for (const YAML::Node& d : items) {
      const std::string what = "document #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(d, what, {"key", "id", "title", "content", "creator", "status",
                              "visible_to_clients", "created_at", "updated_at", "position",
                              "comments"});
      Recording rec;
      rec.type = "Document";
      rec.parent = Tool("Vault", d, "documents")->id;
      Common(d, "document", p.key + "/documents#" + std::to_string(i), what, rec);
      rec.title = r().RequiredString(d, "title", what);
      rec.content = r().String(d, "content").value_or("");
      const std::string title = rec.title;
      const Id id = Add(std::move(rec));
      Comments(At(d, "comments"), id, title, what);
    }
  }

  void Uploads(const YAML::Node& v) {
    const YAML::Node items = Items(At(v, "uploads"), "uploads");
    std::size_t i = 0;
    for (const YAML::Node& u : items) {
      const std::string what = "upload #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(u, what, {"key", "id", "filename", "content_type", "byte_size",
                              "description", "creator", "status", "visible_to_clients",
                              "created_at", "updated_at", "position", "comments"});
      Recording rec;
      rec.type = "Upload";
      rec.parent = Tool("Vault", u, "uploads")->id;
      Common(u, "upload", p.key + "/uploads#" + std::to_string(i), what, rec);
      const std::string filename = r().RequiredString(u, "filename", what);
      const std::string type = r().String(u, "content_type").value_or("application/octet-stream");
      const std::int64_t size = r().Integer(u, "byte_size", 0, std::int64_t{1} << 50).value_or(0);
      rec.title = filename;
      rec.fields["filename"] = filename;
      rec.fields["content_type"] = type;
      rec.fields["byte_size"] = size;
      rec.fields["description"] = r().String(u, "description").value_or("");
      // One version, as the upload's creation made it (metadata only: no file content).
      rec.fields["versions"] = Json::array({Json{{"id", StableId("upload_version",
                                                                 std::to_string(rec.id))},
                                                 {"filename", filename},
                                                 {"content_type", type},
                                                 {"byte_size", size},
                                                 {"creator", rec.creator},
                                                 {"created_at", rec.created_at}}});
      const Id id = Add(std::move(rec));
      Comments(At(u, "comments"), id, filename, what);
    }
  }

  void ScheduleEntries(const YAML::Node& v) {
    const YAML::Node items = Items(At(v, "schedule_entries"), "schedule_entries");
    std::size_t i = 0;
    for (const YAML::Node& e : items) {
      const std::string what =
          "schedule entry #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(e, what, {"key", "id", "summary", "description", "starts_at", "ends_at",
                              "all_day", "participants", "creator", "status",
                              "visible_to_clients", "created_at", "updated_at", "position",
                              "comments"});
      Recording rec;
      rec.type = "Schedule::Entry";
      rec.parent = Tool("Schedule", e, "schedule_entries")->id;
      Common(e, "schedule_entry", p.key + "/schedule_entries#" + std::to_string(i), what, rec);
      rec.title = r().RequiredString(e, "summary", what);
      rec.content = r().String(e, "description").value_or("");
      const std::optional<Millis> starts = r().Timestamp(e, "starts_at");
      if (!starts) r().Fail(e, "expected `starts_at` (a timestamp) in " + what + ", found none");
      const Millis ends = r().Timestamp(e, "ends_at").value_or(*starts);
      if (ends < *starts) r().Fail(At(e, "ends_at"), "`ends_at` is before `starts_at` in " + what);
      rec.fields["starts_at"] = *starts;
      rec.fields["ends_at"] = ends;
      rec.fields["all_day"] = r().Bool(e, "all_day").value_or(false);
      rec.fields["participants"] = People(e, "participants");
      const std::string title = rec.title;
      const Id id = Add(std::move(rec));
      Comments(At(e, "comments"), id, title, what);
    }
  }

  void Steps(const YAML::Node& list, Id card, const std::string& where) {
    std::size_t i = 0;
    for (const YAML::Node& s : Items(list, "steps")) {
      const std::string what = "step #" + std::to_string(++i) + " of " + where;
      r().ExpectMap(s, what, {"key", "id", "title", "completed", "due_on", "assignees",
                              "creator", "status", "created_at", "updated_at", "position"});
      Recording rec;
      rec.type = "Kanban::Step";
      rec.parent = card;
      Common(s, "card_step", where + "#" + std::to_string(i), what, rec);
      rec.title = r().RequiredString(s, "title", what);
      const bool completed = r().Bool(s, "completed").value_or(false);
      rec.fields["completed"] = completed;
      if (completed) {
        rec.fields["completed_at"] = rec.updated_at;
        rec.fields["completer"] = rec.creator;
      }
      if (std::optional<std::string> due = r().Date(s, "due_on")) rec.fields["due_on"] = *due;
      rec.fields["assignees"] = People(s, "assignees");
      Add(std::move(rec));
    }
  }

  void Cards(const YAML::Node& list, Id column, bool done, const std::string& where) {
    std::size_t i = 0;
    for (const YAML::Node& c : Items(list, "cards")) {
      const std::string what = "card #" + std::to_string(++i) + " of " + where;
      r().ExpectMap(c, what, {"key", "id", "title", "content", "due_on", "assignees",
                              "creator", "status", "visible_to_clients", "created_at",
                              "updated_at", "position", "steps", "comments"});
      Recording rec;
      rec.type = "Kanban::Card";
      rec.parent = column;
      Common(c, "card", where + "#" + std::to_string(i), what, rec);
      rec.title = r().RequiredString(c, "title", what);
      rec.content = r().String(c, "content").value_or("");
      if (std::optional<std::string> due = r().Date(c, "due_on")) rec.fields["due_on"] = *due;
      rec.fields["assignees"] = People(c, "assignees");
      if (done) {
        rec.fields["completed_at"] = rec.updated_at;
        rec.fields["completer"] = rec.creator;
      }
      const std::string title = rec.title;
      const Id id = Add(std::move(rec));
      Steps(At(c, "steps"), id, "card `" + title + "`");
      Comments(At(c, "comments"), id, title, what);
    }
  }

  void CardTable(const YAML::Node& v) {
    const YAML::Node table = At(v, "card_table");
    if (!table.IsDefined() || table.IsNull()) return;
    const std::string what = "card table of project `" + p.key + "`";
    r().ExpectMap(table, what, {"columns"});
    const Id board = Tool("Kanban::Board", table, "card_table")->id;
    static const std::map<std::string, std::string> kKinds = {
        {"triage", "Kanban::Triage"}, {"column", "Kanban::Column"},
        {"not_now", "Kanban::NotNowColumn"}, {"done", "Kanban::DoneColumn"}};
    std::size_t i = 0;
    for (const YAML::Node& col : Items(At(table, "columns"), "columns")) {
      const std::string cwhat = "column #" + std::to_string(++i) + " of the " + what;
      r().ExpectMap(col, cwhat, {"key", "id", "title", "kind", "color", "creator", "status",
                                 "created_at", "updated_at", "position", "cards"});
      Recording rec;
      const std::string kind = r().String(col, "kind").value_or("column");
      auto type = kKinds.find(kind);
      if (type == kKinds.end()) {
        r().Fail(At(col, "kind"), "unknown column kind `" + kind + "` in " + cwhat +
                                      "; expected one of: triage, column, not_now, done");
      }
      rec.type = type->second;
      rec.parent = board;
      Common(col, "card_column", p.key + "/columns#" + std::to_string(i), cwhat, rec);
      rec.title = r().RequiredString(col, "title", cwhat);
      if (std::optional<std::string> color = r().String(col, "color")) {
        rec.fields["color"] = *color;
      }
      // Columns share one order, whatever their type.
      if (rec.position == 0) rec.position = NextPosition(board, "column");
      const Id id = Add(std::move(rec));
      Cards(At(col, "cards"), id, kind == "done", "column `" + p.recordings.back().title + "`");
    }
  }

  void TimesheetEntries(const YAML::Node& v) {
    std::size_t i = 0;
    for (const YAML::Node& e : Items(At(v, "timesheet_entries"), "timesheet_entries")) {
      const std::string what =
          "timesheet entry #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(e, what, {"id", "todo", "recording", "person", "creator", "date", "hours",
                              "description", "created_at", "updated_at"});
      TimesheetEntry t;
      const int given = int(bool(At(e, "todo"))) + int(bool(At(e, "recording")));
      if (given != 1) {
        r().Fail(e, "expected exactly one of `todo` (a key) or `recording` (an id) in " + what);
      }
      if (std::optional<std::string> key = r().String(e, "todo")) {
        t.recording = TodoByKey(*key, At(e, "todo"));
      } else {
        t.recording = *r().IdField(e, "recording");
        if (!HasTodo(t.recording) && own_ids.count(t.recording) == 0 && t.recording != p.id) {
          r().Fail(At(e, "recording"), "no recording with id " + std::to_string(t.recording) +
                                           " in project `" + p.key + "`");
        }
      }
      t.id = h.claim_id(e, "timesheet_entry", p.key + "/timesheet#" + std::to_string(i), what, e);
      t.creator = r().String(e, "creator") ? h.person(*r().String(e, "creator"), At(e, "creator"))
                                           : h.default_creator;
      t.person = r().String(e, "person") ? h.person(*r().String(e, "person"), At(e, "person"))
                                         : t.creator;
      t.date = r().Date(e, "date").value_or("");
      if (t.date.empty()) r().Fail(e, "expected `date` (YYYY-MM-DD) in " + what + ", found none");
      t.hours = r().RequiredString(e, "hours", what);
      double hours = 0;
      auto [end, ec] = std::from_chars(t.hours.data(), t.hours.data() + t.hours.size(), hours);
      if (ec != std::errc() || end != t.hours.data() + t.hours.size() || hours < 0 ||
          hours > 24) {
        r().Fail(At(e, "hours"), "expected hours between 0 and 24 like 1.5 in " + what +
                                     ", found '" + t.hours + "'");
      }
      t.description = r().String(e, "description").value_or("");
      t.created_at = r().Timestamp(e, "created_at").value_or(p.created_at);
      t.updated_at = r().Timestamp(e, "updated_at").value_or(t.created_at);
      p.timesheet_entries.push_back(std::move(t));
    }
  }

  // Recordings of the project (or the project itself) by id, for what refers to one.
  void ExpectOwn(Id id, const YAML::Node& at) const {
    if (id == p.id || own_ids.count(id) != 0 || HasTodo(id) || IsList(id)) return;
    for (const TimesheetEntry& e : p.timesheet_entries) {
      if (e.id == id) return;
    }
    r().Fail(at, "no recording with id " + std::to_string(id) + " in project `" + p.key + "`");
  }

  void Subscriptions(const YAML::Node& v) {
    std::size_t i = 0;
    for (const YAML::Node& s : Items(At(v, "subscriptions"), "subscriptions")) {
      const std::string what =
          "subscription #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(s, what, {"recording", "people"});
      const std::optional<Id> id = r().IdField(s, "recording");
      if (!id) r().Fail(s, "expected `recording` (an id) in " + what + ", found none");
      ExpectOwn(*id, At(s, "recording"));
      p.subscriptions[*id] = People(s, "people");
    }
  }

  // The recordings' events, oldest first (GET /recordings/{id}/events.json).
  void Events(const YAML::Node& v) {
    std::size_t i = 0;
    for (const YAML::Node& e : Items(At(v, "events"), "events")) {
      const std::string what = "event #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(e, what, {"id", "recording", "action", "creator", "created_at",
                              "added_person_ids", "removed_person_ids"});
      RecordingEvent ev;
      ev.id = r().IdField(e, "id").value_or(0);
      if (ev.id == 0) r().Fail(e, "expected `id` in " + what + ", found none");
      ev.recording = r().IdField(e, "recording").value_or(0);
      ExpectOwn(ev.recording, e);
      ev.action = r().RequiredString(e, "action", what);
      if (std::optional<std::string> creator = r().String(e, "creator")) {
        ev.creator = h.person(*creator, At(e, "creator"));
      }
      ev.created_at = r().Timestamp(e, "created_at").value_or(p.created_at);
      for (const char* field : {"added_person_ids", "removed_person_ids"}) {
        const YAML::Node ids = At(e, field);
        if (!ids.IsDefined() || ids.IsNull()) continue;
        if (!ids.IsSequence()) {
          r().Fail(ids, std::string("expected a list of ids for `") + field + "`");
        }
        for (const YAML::Node& n : ids) {
          const Json id = YamlToJson(n);
          if (!id.is_number_integer()) r().Fail(n, "expected a person id");
          (std::string(field) == "added_person_ids" ? ev.added_person_ids
                                                    : ev.removed_person_ids)
              .push_back(id.get<Id>());
        }
      }
      p.events.push_back(std::move(ev));
    }
  }

  template <typename F>
  bool EachTodo(F&& f) const {
    for (const Todoset& s : p.todosets) {
      for (const Todolist& l : s.todolists) {
        for (const Todo& t : l.todos) if (f(t)) return true;
        for (const Todolist& g : l.groups) {
          for (const Todo& t : g.todos) if (f(t)) return true;
        }
      }
    }
    return false;
  }
  bool HasTodo(Id id) const {
    return EachTodo([id](const Todo& t) { return t.id == id; });
  }
  Id TodoByKey(const std::string& key, const YAML::Node& at) const {
    Id found = 0;
    EachTodo([&](const Todo& t) {
      if (t.key == key) found = t.id;
      return found != 0;
    });
    if (found == 0) r().Fail(at, "no to-do with key `" + key + "` in project `" + p.key + "`");
    return found;
  }

  // The generic list GET /__bcsim/world writes: any recording type, its parent by id.
  void Generic(const YAML::Node& v) {
    std::set<std::string> replaced;  // dock tool types whose default was replaced
    std::vector<std::pair<Id, YAML::Node>> parents;
    std::size_t i = 0;
    for (const YAML::Node& g : Items(At(v, "recordings"), "recordings")) {
      const std::string what = "recording #" + std::to_string(++i) + " of project `" + p.key + "`";
      r().ExpectMap(g, what, {"id", "type", "parent", "key", "creator", "status",
                              "visible_to_clients", "title", "content", "position",
                              "created_at", "updated_at", "fields"});
      Recording rec;
      rec.type = r().RequiredString(g, "type", what);
      const RecordingType* type = FindRecordingType(rec.type);
      if (type == nullptr || rec.type == "Todoset" || rec.type == "Todolist" ||
          rec.type == "Todo") {
        std::string names;
        for (const RecordingType& t : RecordingTypes()) {
          if (t.type != "Todoset" && t.type != "Todolist" && t.type != "Todo") {
            names += (names.empty() ? "" : ", ") + std::string(t.type);
          }
        }
        r().Fail(At(g, "type"), "unknown recording type `" + rec.type + "` in " + what +
                                    " (to-dos go under `todolists`); expected one of: " + names);
      }
      if (!At(g, "id")) r().Fail(g, "expected `id` in " + what + ", found none");
      rec.parent = r().IdField(g, "parent").value_or(0);
      rec.key = r().String(g, "key").value_or("");
      rec.id = h.claim_id(g, "recording", rec.key, what, g);
      // No default creator: a dock tool has none.
      if (std::optional<std::string> creator = r().String(g, "creator")) {
        rec.creator = h.person(*creator, At(g, "creator"));
      }
      rec.status = r().Recording(g, "status").value_or(RecordingStatus::kActive);
      rec.visible_to_clients = r().Bool(g, "visible_to_clients").value_or(false);
      rec.title = r().String(g, "title").value_or("");
      rec.content = r().String(g, "content").value_or("");
      rec.position = static_cast<int>(r().Integer(g, "position", 0, 1'000'000).value_or(0));
      rec.created_at = r().Timestamp(g, "created_at").value_or(p.created_at);
      rec.updated_at = r().Timestamp(g, "updated_at").value_or(rec.created_at);
      const YAML::Node fields = At(g, "fields");
      if (fields.IsDefined() && !fields.IsNull()) {
        if (!IsMapNode(fields)) r().Fail(fields, "expected a map for `fields` in " + what);
        rec.fields = YamlToJson(fields);
      }
      if (rec.parent != 0) parents.emplace_back(rec.parent, g);
      own_ids.insert(rec.id);
      // A dock tool with no parent stands for the project's default tool of its type (the
      // first time), which the loader made already: it takes its place.
      bool placed = false;
      if (!type->dock.empty() && rec.parent == 0 && replaced.insert(rec.type).second) {
        for (Recording& existing : p.recordings) {
          if (existing.parent == 0 && existing.type == rec.type) {
            existing = std::move(rec);
            placed = true;
            break;
          }
        }
      }
      if (!placed) p.recordings.push_back(std::move(rec));
    }
    for (const auto& [parent, at] : parents) {
      if (own_ids.count(parent) != 0 || HasTodo(parent) || IsList(parent)) continue;
      r().Fail(At(at, "parent"), "no recording with id " + std::to_string(parent) +
                                     " in project `" + p.key + "`");
    }
  }
  bool IsList(Id id) const {
    for (const Todoset& s : p.todosets) {
      if (s.id == id) return true;
      for (const Todolist& l : s.todolists) {
        if (l.id == id) return true;
        for (const Todolist& g : l.groups) {
          if (g.id == id) return true;
        }
      }
    }
    return false;
  }
};

}  // namespace

void LoadProjectRecordings(const YamlReader& r, const YAML::Node& v, Project& p,
                           const std::vector<PendingComments>& pending,
                           const RecordingLoadHooks& hooks) {
  Loader l{r, p, hooks, {}, {}};
  for (const Recording& rec : p.recordings) l.own_ids.insert(rec.id);
  l.Generic(v);
  l.Messages(v);
  l.Documents(v);
  l.Uploads(v);
  l.ScheduleEntries(v);
  l.CardTable(v);
  for (const PendingComments& c : pending) {
    l.Comments(c.comments, c.parent, c.parent_title, "`" + c.parent_title + "`");
  }
  l.TimesheetEntries(v);
  l.Subscriptions(v);
  l.Events(v);
}

}  // namespace bcsim::loader
