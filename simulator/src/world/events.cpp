// ApplyEvent: scenario `basecamp:` steps as world changes. Each change is made on a copy of the
// world that replaces the original only when the whole event succeeded.
#include "bcsim/events.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>

#include "bcsim/edit_distance.h"
#include "bcsim/recording_types.h"
#include "bcsim/recordings.h"
#include "bcsim/scenario_file.h"
#include "bcsim/world_loader.h"
#include "world/account_loader.h"
#include "world/yaml_reader.h"

namespace bcsim {
namespace {

using Json = nlohmann::json;

struct EventError {
  std::string message;
};

struct Applier {
  World& w;
  const Json& e;
  Millis now;
  std::string name;

  [[noreturn]] void Fail(const std::string& message) const { throw EventError{"event `" + name + "`: " + message}; }

  void ExpectFields(std::initializer_list<const char*> allowed) const {
    for (const auto& [key, _] : e.items()) {
      if (key == "event") continue;
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        Fail("unknown field `" + key + "`; expected: " + list);
      }
    }
  }
  std::string Str(const char* field) const {
    auto it = e.find(field);
    if (it == e.end() || !it->is_string() || it->get<std::string>().empty()) {
      Fail(std::string("expected `") + field + "` (a name)");
    }
    return it->get<std::string>();
  }
  std::vector<std::string> List(const char* field) const {
    auto it = e.find(field);
    if (it == e.end() || it->is_null()) return {};
    if (it->is_string()) return {it->get<std::string>()};
    if (!it->is_array()) Fail(std::string("expected `") + field + "` to be a list of names");
    std::vector<std::string> out;
    for (const auto& item : *it) {
      if (!item.is_string()) Fail(std::string("expected names in `") + field + "`");
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  const WorldPath& Find(const std::string& kind, const std::string& key) const {
    auto it = w.index.by_key.find(kind + ":" + key);
    if (it == w.index.by_key.end()) Fail("unknown " + kind + " `" + key + "`");
    return it->second;
  }
  Account& AccountAt(const WorldPath& p) const { return w.accounts[static_cast<std::size_t>(p.account)]; }
  Project& ProjectAt(const WorldPath& p) const { return AccountAt(p).projects[static_cast<std::size_t>(p.project)]; }
  Todolist& ListAt(const WorldPath& p) const {
    Todolist& list = ProjectAt(p).todosets[static_cast<std::size_t>(p.todoset)].todolists[static_cast<std::size_t>(p.list)];
    return p.group >= 0 ? list.groups[static_cast<std::size_t>(p.group)] : list;
  }
  Todo& TodoAt(const WorldPath& p) const { return ListAt(p).todos[static_cast<std::size_t>(p.todo)]; }
  void Touch(const WorldPath& p) const {
    if (p.todo >= 0) TodoAt(p).updated_at = now;
    if (p.list >= 0) ListAt(p).updated_at = now;
    ProjectAt(p).updated_at = now;
  }
  std::string PersonIn(const Account& account, const std::string& key) const {
    for (const Person& person : account.people) {
      if (person.key == key) return key;
    }
    Fail("unknown person `" + key + "` in account `" + account.key + "`");
  }
  // A person who may be assigned a to-do of the project at `p`: a member of that project.
  std::string AssigneeIn(const WorldPath& p, const std::string& key) const {
    PersonIn(AccountAt(p), key);
    const Project& project = ProjectAt(p);
    if (std::find(project.members.begin(), project.members.end(), key) != project.members.end()) {
      return key;
    }
    std::string members;
    for (const std::string& m : project.members) members += (members.empty() ? "" : ", ") + m;
    Fail("expected an assignee who is a member of project `" + project.key + "`, found `" + key +
         "`, who is not; its members: " + (members.empty() ? "(none)" : members));
  }
  Identity& IdentityNamed(const std::string& key) const {
    auto it = w.identities.find(key);
    if (it == w.identities.end()) Fail("unknown identity `" + key + "`");
    return it->second;
  }
  Account& AccountNamed(const std::string& key) const {
    auto it = w.index.account_by_key.find(key);
    if (it == w.index.account_by_key.end()) Fail("unknown account `" + key + "`");
    return w.accounts[it->second];
  }

  void Apply() {
    using Fn = std::function<void(Applier&)>;
    static const std::map<std::string, Fn> kEvents = {
        {"assign", [](Applier& a) {
           a.ExpectFields({"todo", "to"});
           const WorldPath& p = a.Find("todo", a.Str("todo"));
           std::vector<std::string> to;
           for (const auto& key : a.List("to")) to.push_back(a.AssigneeIn(p, key));
           const std::vector<std::string> was = a.TodoAt(p).assignees;
           a.TodoAt(p).assignees = to;
           a.Touch(p);
           if (was != to) a.Recorded(p, "assignment_changed", "", was, to);
         }},
        {"complete", [](Applier& a) {
           a.ExpectFields({"todo", "by"});
           const WorldPath& p = a.Find("todo", a.Str("todo"));
           Todo& t = a.TodoAt(p);
           std::string by = a.e.contains("by") ? a.PersonIn(a.AccountAt(p), a.Str("by"))
                                               : (t.assignees.empty() ? t.creator : t.assignees.front());
           t.completed = true;
           t.completed_at = a.now;
           t.completed_by = by;
           a.Touch(p);
           a.Recorded(p, "completed", by);
         }},
        {"uncomplete", [](Applier& a) {
           a.ExpectFields({"todo"});
           const WorldPath& p = a.Find("todo", a.Str("todo"));
           Todo& t = a.TodoAt(p);
           t.completed = false;
           t.completed_at.reset();
           t.completed_by.clear();
           a.Touch(p);
           a.Recorded(p, "uncompleted");
         }},
        {"trash", [](Applier& a) {
           a.ExpectFields({"todo"});
           const WorldPath& p = a.Find("todo", a.Str("todo"));
           a.TodoAt(p).status = RecordingStatus::kTrashed;
           a.Touch(p);
           a.Recorded(p, "trashed");
         }},
        {"archive", [](Applier& a) { a.Archive(); }},
        {"rename", [](Applier& a) {
           a.ExpectFields({"todo", "title"});
           const WorldPath& p = a.Find("todo", a.Str("todo"));
           a.TodoAt(p).title = a.Str("title");
           a.Touch(p);
           a.Recorded(p, "title_changed");
         }},
        {"add_todo", [](Applier& a) { a.AddTodo(); }},
        {"remove_from_project", [](Applier& a) {
           a.ExpectFields({"person", "project"});
           const WorldPath& p = a.Find("project", a.Str("project"));
           const std::string person = a.PersonIn(a.AccountAt(p), a.Str("person"));
           auto& members = a.ProjectAt(p).members;
           members.erase(std::remove(members.begin(), members.end(), person), members.end());
           a.ProjectAt(p).updated_at = a.now;
         }},
        {"password_changed", [](Applier& a) {
           a.ExpectFields({"identity"});
           ++a.IdentityNamed(a.Str("identity")).credentials_epoch;
         }},
        {"revoke_access", [](Applier& a) { a.RevokeAccess(); }},
        {"remove_identity", [](Applier& a) { a.RemoveIdentity(); }},
        {"account_inactive", [](Applier& a) {
           a.ExpectFields({"account"});
           a.AccountNamed(a.Str("account")).inactive = true;
         }},
        {"api_disabled", [](Applier& a) {
           a.ExpectFields({"account"});
           a.AccountNamed(a.Str("account")).api_disabled = true;
         }},
        {"add_account", [](Applier& a) { a.AddAccount(); }},
        {"comment", [](Applier& a) { a.Comment(); }},
        {"move_card", [](Applier& a) { a.MoveCardTo(); }},
        {"log_time", [](Applier& a) { a.LogTime(); }},
    };
    auto it = kEvents.find(name);
    if (it == kEvents.end()) {
      std::string list;
      for (const auto& [k, _] : kEvents) list += std::string(list.empty() ? "" : ", ") + k;
      throw EventError{"unknown event `" + name + "`; expected one of: " + list};
    }
    it->second(*this);
    IndexWorld(w);
  }

  // Records what a step did to the to-do at `p` as a recording event (its events feed and the
  // project's webhooks), by `by` (default: its creator); `was`/`now_assigned` for assignments.
  void Recorded(const WorldPath& p, const char* action, const std::string& by = "",
                const std::vector<std::string>& was = {},
                const std::vector<std::string>& now_assigned = {}) const {
    Project& project = ProjectAt(p);
    const Todo& t = TodoAt(p);
    RecordEvent(project, w, t.id, action, by.empty() ? t.creator : by, now);
    auto ids = [&](const std::vector<std::string>& keys, const std::vector<std::string>& other) {
      std::vector<Id> out;
      for (const Person& person : AccountAt(p).people) {
        const bool in = std::find(keys.begin(), keys.end(), person.key) != keys.end();
        if (in && std::find(other.begin(), other.end(), person.key) == other.end()) {
          out.push_back(person.id);
        }
      }
      return out;
    };
    project.events.back().added_person_ids = ids(now_assigned, was);
    project.events.back().removed_person_ids = ids(was, now_assigned);
  }

  void Archive() {
    ExpectFields({"todo", "todolist", "project"});
    const int given = int(e.contains("todo")) + int(e.contains("todolist")) + int(e.contains("project"));
    if (given != 1) Fail("expected exactly one of `todo`, `todolist`, `project`");
    if (e.contains("todo")) {
      const WorldPath& p = Find("todo", Str("todo"));
      TodoAt(p).status = RecordingStatus::kArchived;
      Touch(p);
      Recorded(p, "archived");
    } else if (e.contains("todolist")) {
      const WorldPath& p = Find("todolist", Str("todolist"));
      Todolist& list = ListAt(p);
      auto archive = [&](Todolist& l) {
        l.status = RecordingStatus::kArchived;
        l.updated_at = now;
        for (Todo& t : l.todos) {
          if (t.status == RecordingStatus::kActive) {
            t.status = RecordingStatus::kArchived;
            t.updated_at = now;
          }
        }
      };
      archive(list);
      for (Todolist& g : list.groups) archive(g);
      Touch(p);
      const std::vector<Person>& people = AccountAt(p).people;
      RecordEvent(ProjectAt(p), w, list.id, "archived", people.empty() ? "" : people[0].key, now);
    } else {
      const WorldPath& p = Find("project", Str("project"));
      ProjectAt(p).status = RecordingStatus::kArchived;
      ProjectAt(p).updated_at = now;
    }
  }

  void AddTodo() {
    ExpectFields({"list", "key", "title", "assignees", "due_on", "starts_on", "description"});
    const WorldPath& p = Find("todolist", Str("list"));
    const std::string key = Str("key");
    if (w.index.by_key.count("todo:" + key) != 0) Fail("to-do key `" + key + "` is already used");
    Todo t;
    t.key = key;
    t.id = StableId("todo", key);  // or the next free one: derived ids never collide
    while (w.index.recording_by_id.count(t.id) != 0) t.id = NextStableId(t.id);
    t.title = Str("title");
    for (const auto& person : List("assignees")) t.assignees.push_back(AssigneeIn(p, person));
    for (const char* field : {"due_on", "starts_on"}) {
      if (!e.contains(field)) continue;
      const std::string date = Str(field);
      if (date.size() != 10 || date[4] != '-' || date[7] != '-') Fail(std::string("expected a date (YYYY-MM-DD) for `") + field + "`");
      (std::string(field) == "due_on" ? t.due_on : t.starts_on) = date;
    }
    if (e.contains("description")) t.description = Str("description");
    const Account& account = AccountAt(p);
    t.creator = DefaultCreatorOf(account);
    t.created_at = t.updated_at = now;
    Todolist& list = ListAt(p);
    t.position = static_cast<int>(list.todos.size()) + 1;
    list.todos.push_back(std::move(t));
    list.updated_at = now;
    ProjectAt(p).updated_at = now;
    RecordEvent(ProjectAt(p), w, list.todos.back().id, "created", list.todos.back().creator, now);
  }

  // A recording by its world key: a to-do, a list or group, or any other recording's `key:`.
  RecordingRef RecordingNamed(const char* field,
                              std::initializer_list<std::string_view> types) const {
    const std::string key = Str(field);
    Id id = 0;
    for (const char* kind : {"todo:", "todolist:"}) {
      auto it = w.index.by_key.find(kind + key);
      if (it != w.index.by_key.end()) {
        const WorldPath& p = it->second;
        id = p.todo >= 0 ? TodoAt(p).id : ListAt(p).id;
      }
    }
    for (const Account& account : w.accounts) {
      for (const Project& project : account.projects) {
        for (const bcsim::Recording& r : project.recordings) {
          if (id == 0 && r.key == key) id = r.id;
        }
      }
    }
    std::optional<RecordingRef> r = id != 0 ? FindRecording(w, id) : std::nullopt;
    if (!r) {
      std::string near;  // the closest key of the world, when close enough to be a typo
      std::size_t best = key.size() / 3 + 2;
      auto consider = [&](const std::string& k) {
        const std::size_t d = EditDistance(key, k);
        if (d < best) best = d, near = k;
      };
      for (const auto& [k, _] : w.index.by_key) {
        if (k.rfind("todo:", 0) == 0) consider(k.substr(5));
        if (k.rfind("todolist:", 0) == 0) consider(k.substr(9));
      }
      for (const Account& account : w.accounts) {
        for (const Project& project : account.projects) {
          for (const bcsim::Recording& rec : project.recordings) {
            if (!rec.key.empty() && rec.key.find('/') == std::string::npos) consider(rec.key);
          }
        }
      }
      Fail("unknown recording `" + key + "` for `" + field + "` (a key of the world)" +
           (near.empty() ? "" : "; did you mean `" + near + "`?"));
    }
    bool fits = types.size() == 0;
    for (std::string_view t : types) fits = fits || r->type == t;
    if (!fits) {
      std::string names;
      for (std::string_view t : types) names += (names.empty() ? "" : " or ") + std::string(t);
      Fail("expected " + names + " for `" + field + "`, found `" + key + "`, a " +
           std::string(r->type));
    }
    return *r;
  }
  // The person `by` (or the account's first admin) for a change in the project at `r`.
  std::string Actor(const RecordingRef& r) const {
    if (e.contains("by")) return AssigneeIn(r.path, Str("by"));
    for (const Person& person : r.account->people) {
      if (person.owner || person.admin) return person.key;
    }
    if (r.account->people.empty()) Fail("account `" + r.account->key + "` has no people");
    return r.account->people.front().key;
  }

  void Comment() {
    ExpectFields({"on", "content", "by"});
    const RecordingRef on = RecordingNamed("on", {});
    const RecordingType* t = FindRecordingType(on.type);
    if (t == nullptr || !t->commentable) {
      Fail("a " + std::string(on.type) + " takes no comments (`on`)");
    }
    if (on.status != nullptr && *on.status == RecordingStatus::kTrashed) {
      Fail("`" + Str("on") + "` is in the trash");
    }
    AddComment(w, on, Str("content"), Actor(on), now);
  }

  void MoveCardTo() {
    ExpectFields({"card", "column", "position", "by"});
    const RecordingRef card = RecordingNamed("card", {"Kanban::Card"});
    const RecordingRef column = RecordingNamed("column", {"Kanban::Triage", "Kanban::Column",
                                                     "Kanban::NotNowColumn",
                                                     "Kanban::DoneColumn"});
    std::optional<RecordingRef> from = FindRecording(w, card.parent);
    if (!from || column.parent != from->parent) {
      Fail("column `" + Str("column") + "` is not in the card table of card `" + Str("card") + "`");
    }
    int position = 1;
    if (e.contains("position")) {
      if (!e["position"].is_number_integer() || e["position"].get<std::int64_t>() < 1 ||
          e["position"].get<std::int64_t>() > 1'000'000) {
        Fail("expected `position` to be a whole number from 1");
      }
      position = static_cast<int>(e["position"].get<std::int64_t>());
    }
    bcsim::MoveCard(w, card, column, position, Actor(card), now);
  }

  void LogTime() {
    ExpectFields({"todo", "hours", "date", "person", "description", "by"});
    const RecordingRef todo = RecordingNamed("todo", {"Todo"});
    if (!todo.project->timesheet_enabled) {
      Fail("project `" + todo.project->key + "` has no timesheet (timesheet_enabled: false)");
    }
    TimesheetEntry entry;
    entry.recording = todo.id;
    const std::string actor = Actor(todo);
    entry.person = e.contains("person") ? AssigneeIn(todo.path, Str("person")) : actor;
    entry.date = e.contains("date") ? Str("date") : FormatTimestamp(now).substr(0, 10);
    if (!IsValidDate(entry.date)) Fail("expected a date (YYYY-MM-DD) for `date`");
    const Json hours = e.value("hours", Json());
    entry.hours = hours.is_string() ? hours.get<std::string>()
                  : hours.is_number() ? hours.dump() : "";
    char* end = nullptr;
    const double h = std::strtod(entry.hours.c_str(), &end);
    if (entry.hours.empty() || end == nullptr || *end != '\0' || !(h > 0) || h > 24) {
      Fail("expected `hours` like 1.5, above 0 and at most 24");
    }
    // Written as the API writes it: whole minutes, "1.5", "2", "0.25".
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", std::round(h * 60) / 60.0);
    entry.hours = text;
    while (entry.hours.back() == '0') entry.hours.pop_back();
    if (entry.hours.back() == '.') entry.hours.pop_back();
    if (e.contains("description")) entry.description = Str("description");
    AddTimesheetEntry(w, *todo.project, std::move(entry), actor, now);
  }

  void RevokeAccess() {
    ExpectFields({"identity", "client"});
    const std::string identity = Str("identity");
    IdentityNamed(identity);
    auto client = w.clients.find(Str("client"));
    if (client == w.clients.end()) Fail("unknown client `" + Str("client") + "`");
    for (Grant& g : w.grants) {
      if (g.identity == identity && g.client_id == client->second.client_id) g.revoked = true;
    }
  }

  void RemoveIdentity() {
    ExpectFields({"identity"});
    const std::string key = Str("identity");
    IdentityNamed(key).removed = true;
    for (Account& account : w.accounts) {
      std::set<std::string> gone;
      for (const Person& p : account.people) {
        if (p.identity == key) gone.insert(p.key);
      }
      if (gone.empty()) continue;
      std::erase_if(account.people, [&](const Person& p) { return gone.count(p.key) != 0; });
      for (Project& project : account.projects) {
        std::erase_if(project.members, [&](const std::string& m) { return gone.count(m) != 0; });
        project.updated_at = now;
        for (Todoset& s : project.todosets) {
          for (Todolist& l : s.todolists) {
            auto drop = [&](Todolist& list) {
              for (Todo& t : list.todos) {
                if (std::erase_if(t.assignees, [&](const std::string& a) { return gone.count(a) != 0; }) > 0) {
                  t.updated_at = now;
                }
              }
            };
            drop(l);
            for (Todolist& g : l.groups) drop(g);
          }
        }
      }
    }
  }

  void AddAccount() {
    const std::string key = Str("key");
    Json body = e;
    body.erase("event");
    body.erase("key");
    // The account travels as YAML (JSON is YAML) so it goes through the same loader as a file.
    const std::string text = Json{{"basecamp", {{"accounts", {{key, body}}}}}}.dump();
    StatusOr<ScenarioDocument> doc = ReadScenarioText(text, "add_account event");
    if (!doc.ok()) Fail(doc.status().message());
    loader::YamlReader reader(*doc);
    loader::AccountContext ctx{reader, w, now, {}, {}};
    loader::SeedFromWorld(ctx);
    try {
      const YAML::Node accounts = doc->root()["basecamp"]["accounts"];
      loader::ReserveExplicitIds(ctx, accounts);
      for (const auto& kv : accounts) w.accounts.push_back(loader::LoadAccount(ctx, kv.first, kv.second));
    } catch (const loader::LoadError& err) {
      Fail(err.message);
    }
  }
};

}  // namespace

Status ApplyEvent(World& world, const nlohmann::json& event, Millis now) {
  if (!event.is_object() || !event.contains("event") || !event["event"].is_string()) {
    return InvalidArgumentError("expected an event object {\"event\": NAME, ...}");
  }
  World copy = world;
  Applier applier{copy, event, now, event["event"].get<std::string>()};
  try {
    applier.Apply();
  } catch (const EventError& e) {
    return InvalidArgumentError(e.message);
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgumentError(std::string("event: ") + e.what());
  }
  world = std::move(copy);
  return OkStatus();
}

}  // namespace bcsim
