// RecordAccount (recorder.h): the account's API, read collection by collection, into a World.
#include "support/recorder.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "bcsim/recording_types.h"
#include "bcsim/world_loader.h"

namespace bcsim::support {
namespace {

using Json = nlohmann::json;

// Typed reads that never throw: a field of the wrong type reads as absent.
std::string Str(const Json& j, const char* k, const std::string& fallback = "") {
  auto it = j.is_object() ? j.find(k) : j.end();
  return j.is_object() && it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
Id IdOf(const Json& j, const char* k = "id") {
  auto it = j.is_object() ? j.find(k) : j.end();
  return j.is_object() && it != j.end() && it->is_number_integer() ? it->get<Id>() : 0;
}
bool Flag(const Json& j, const char* k, bool fallback = false) {
  auto it = j.is_object() ? j.find(k) : j.end();
  return j.is_object() && it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
int IntOf(const Json& j, const char* k) {
  auto it = j.is_object() ? j.find(k) : j.end();
  if (!j.is_object() || it == j.end() || !it->is_number_integer()) return 0;
  return static_cast<int>(std::clamp<std::int64_t>(it->get<std::int64_t>(), 0, 1'000'000));
}
const Json& Obj(const Json& j, const char* k) {
  static const Json kNull;
  auto it = j.is_object() ? j.find(k) : j.end();
  return j.is_object() && it != j.end() ? *it : kNull;
}
Millis Time(const Json& j, const char* k, Millis fallback) {
  StatusOr<Millis> t = ParseTimestamp(Str(j, k));
  return t.ok() ? *t : fallback;
}
RecordingStatus StatusOf(const Json& j) {
  const std::string s = Str(j, "status");
  if (s == "archived") return RecordingStatus::kArchived;
  if (s == "trashed") return RecordingStatus::kTrashed;
  return RecordingStatus::kActive;
}
std::optional<std::string> DateOf(const Json& j, const char* k) {
  const std::string d = Str(j, k);
  if (d.empty() || !IsValidDate(d)) return std::nullopt;
  return d;
}

// A key from free text: lower-case letters, digits and dashes.
std::string Slug(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
    if (out.size() >= 40) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

struct Recorder {
  ApiClient& api;
  const RecordOptions& opts;
  World world;
  Account* account = nullptr;
  std::string base;
  std::map<Id, std::string> person_key;  // person id -> key
  std::set<std::string> keys;            // keys taken (people, projects, lists)
  std::size_t todos = 0, recordings = 0;

  std::string Unique(const std::string& want) {
    std::string key = want;
    for (int n = 2; !keys.insert(key).second; ++n) key = want + "-" + std::to_string(n);
    return key;
  }
  void Progress(const std::string& stage) {
    if (!opts.progress) return;
    opts.progress(stage + ": " + std::to_string(account->projects.size()) + " projects, " +
                  std::to_string(todos) + " to-dos, " + std::to_string(recordings) +
                  " other recordings, " + std::to_string(api.requests()) + " requests");
  }
  StatusOr<Json> All(const std::string& url) {
    const std::string path = api.PathOf(url);
    if (path.empty() || path.rfind(base, 0) != 0) {
      return InvalidArgumentError("a payload leads off the account: " + url);
    }
    return api.GetAll(path);
  }

  // The key of the person `p` (a rendered person), adding them when first met.
  std::string Person(const Json& p) {
    const Id id = IdOf(p);
    if (id == 0) return "";
    auto it = person_key.find(id);
    if (it != person_key.end()) return it->second;
    bcsim::Person person;
    person.id = id;
    const std::size_t n = account->people.size() + 1;
    if (opts.redact_people) {
      person.key = Unique("person-" + std::to_string(n));
      person.name = "Person " + std::to_string(n);
      person.email = person.key + "@example.test";
    } else {
      person.name = Str(p, "name", "Person " + std::to_string(n));
      person.email = Str(p, "email_address");
      const std::string local = person.email.substr(0, person.email.find('@'));
      person.key = Unique(Slug(local.empty() ? person.name : local));
      person.title = Str(p, "title");
      person.bio = Str(p, "bio");
      person.location = Str(p, "location");
    }
    if (person.email.empty()) person.email = person.key + "@example.test";
    person.admin = Flag(p, "admin");
    person.owner = Flag(p, "owner");
    person.client = Flag(p, "client");
    person.can_access_timesheet = Flag(p, "can_access_timesheet", !person.client);
    person.time_zone = Str(p, "time_zone", "Etc/UTC");
    bool email_taken = false;
    for (const auto& [_, other] : world.identities) email_taken |= other.email == person.email;
    if (!email_taken) {  // one Launchpad login per person, so the world can be signed in to
      Identity identity;
      identity.key = person.key;
      identity.id = StableId("identity", "recorded/" + std::to_string(id));
      identity.email = person.email;
      identity.password = kRecordedPassword;
      const std::size_t space = person.name.find(' ');
      identity.first_name = person.name.substr(0, space);
      identity.last_name = space == std::string::npos ? "" : person.name.substr(space + 1);
      person.identity = identity.key;
      world.identities.emplace(identity.key, std::move(identity));
    }
    person_key.emplace(id, person.key);
    account->people.push_back(std::move(person));
    return account->people.back().key;
  }

  Recording Generic(const Json& j, Id parent) {
    Recording r;
    r.id = IdOf(j);
    r.type = Str(j, "type");
    r.parent = parent;
    r.creator = Person(Obj(j, "creator"));
    r.status = StatusOf(j);
    r.visible_to_clients = Flag(j, "visible_to_clients");
    r.title = Str(j, "title");
    r.position = IntOf(j, "position");
    r.created_at = Time(j, "created_at", world.start_time);
    r.updated_at = Time(j, "updated_at", r.created_at);
    return r;
  }
  std::vector<std::string> People(const Json& list) {
    std::vector<std::string> out;
    if (!list.is_array()) return out;
    for (const Json& p : list) {
      std::string key = Person(p);
      if (!key.empty()) out.push_back(std::move(key));
    }
    return out;
  }

  Status Comments(Project& p, const Json& on) {
    if (IntOf(on, "comments_count") == 0) return OkStatus();
    StatusOr<Json> list = All(Str(on, "comments_url"));
    if (!list.ok()) return list.status();
    for (const Json& c : *list) {
      Recording r = Generic(c, IdOf(on));
      r.type = "Comment";
      r.content = Str(c, "content");
      p.recordings.push_back(std::move(r));
      ++recordings;
    }
    return OkStatus();
  }

  // The items of a tool's collection (messages, documents, ...), each with its comments.
  Status Items(Project& p, const std::string& url, Id parent,
               const std::function<void(const Json&, Recording&)>& fill) {
    StatusOr<Json> list = All(url);
    if (!list.ok()) return list.status();
    for (const Json& item : *list) {
      Recording r = Generic(item, parent);
      fill(item, r);
      p.recordings.push_back(std::move(r));
      ++recordings;
      if (Status s = Comments(p, item); !s.ok()) return s;
    }
    return OkStatus();
  }

  Status Todos(Project& p, Todolist& list, const std::string& url) {
    for (const std::string& which : {url, url + "?completed=true"}) {
      StatusOr<Json> items = All(which);
      if (!items.ok()) return items.status();
      for (const Json& j : *items) {
        Todo t;
        t.id = IdOf(j);
        t.title = Str(j, "content", Str(j, "title"));
        t.description = Str(j, "description");
        t.assignees = People(Obj(j, "assignees"));
        t.completed = Flag(j, "completed");
        t.status = StatusOf(j);
        t.due_on = DateOf(j, "due_on");
        t.starts_on = DateOf(j, "starts_on");
        t.creator = Person(Obj(j, "creator"));
        t.created_at = Time(j, "created_at", world.start_time);
        t.updated_at = Time(j, "updated_at", t.created_at);
        t.position = IntOf(j, "position");
        if (t.completed) {
          const Json& done = Obj(j, "completion");
          t.completed_at = Time(done, "created_at", t.updated_at);
          t.completed_by = Person(Obj(done, "creator"));
        }
        list.todos.push_back(std::move(t));
        ++todos;
        if (Status s = Comments(p, j); !s.ok()) return s;
      }
    }
    std::stable_sort(list.todos.begin(), list.todos.end(),
                     [](const Todo& a, const Todo& b) { return a.position < b.position; });
    for (Todo& t : list.todos) {  // assignees must be members: Basecamp holds nothing else
      for (const std::string& a : t.assignees) {
        if (std::find(p.members.begin(), p.members.end(), a) == p.members.end()) {
          p.members.push_back(a);
        }
      }
    }
    if (todos % 500 < 100) Progress("to-dos");
    return OkStatus();
  }

  Todolist List(const Json& j, bool group) {
    Todolist l;
    l.id = IdOf(j);
    l.key = Unique("list-" + std::to_string(l.id));
    l.name = Str(j, "name", Str(j, "title"));
    l.description = Str(j, "description");
    l.status = StatusOf(j);
    l.is_group = group;
    l.created_at = Time(j, "created_at", world.start_time);
    l.updated_at = Time(j, "updated_at", l.created_at);
    l.position = IntOf(j, "position");
    return l;
  }

  Status Todoset(Project& p, const Json& dock_item, bool main) {
    StatusOr<ApiPage> page = api.Get(api.PathOf(Str(dock_item, "url")));
    if (!page.ok()) return page.status();
    if (page->status != 200) {
      return UnavailableError("GET to-do set answered " + std::to_string(page->status));
    }
    bcsim::Todoset s;
    s.id = IdOf(dock_item);
    s.key = p.key + (main ? "/todoset" : "/todoset-" + std::to_string(s.id));
    s.title = Str(dock_item, "title", "To-dos");
    s.enabled = Flag(dock_item, "enabled", true);
    s.created_at = Time(page->body, "created_at", p.created_at);
    s.updated_at = Time(page->body, "updated_at", s.created_at);
    StatusOr<Json> lists = All(Str(page->body, "todolists_url"));
    if (!lists.ok()) return lists.status();
    for (const Json& lj : *lists) {
      Todolist l = List(lj, false);
      if (Status st = Comments(p, lj); !st.ok()) return st;
      StatusOr<Json> groups = All(Str(lj, "groups_url"));
      if (!groups.ok()) return groups.status();
      for (const Json& gj : *groups) {
        Todolist g = List(gj, true);
        if (Status st = Todos(p, g, Str(gj, "todos_url")); !st.ok()) return st;
        l.groups.push_back(std::move(g));
      }
      if (Status st = Todos(p, l, Str(lj, "todos_url")); !st.ok()) return st;
      s.todolists.push_back(std::move(l));
    }
    p.todosets.push_back(std::move(s));
    return OkStatus();
  }

  Status Tool(Project& p, const Json& item, const RecordingType& type) {
    Recording tool;
    tool.id = IdOf(item);
    tool.type = std::string(type.type);
    tool.key = p.key + "/" + std::string(type.dock);
    tool.title = Str(item, "title", std::string(type.title));
    int position = 0;  // the default dock order, as the loader numbers tools
    for (const RecordingType& t : RecordingTypes()) {
      if (t.dock.empty() || t.dock == "todoset") continue;
      ++position;
      if (t.type == type.type) break;
    }
    tool.position = position;
    tool.fields["enabled"] = Flag(item, "enabled", true);
    tool.created_at = tool.updated_at = p.created_at;
    StatusOr<ApiPage> page = api.Get(api.PathOf(Str(item, "url")));
    if (!page.ok()) return page.status();
    const Json body = page->status == 200 ? page->body : Json();
    if (body.is_object()) {
      tool.created_at = Time(body, "created_at", tool.created_at);
      tool.updated_at = Time(body, "updated_at", tool.created_at);
    }
    const Id id = tool.id;
    p.recordings.push_back(std::move(tool));
    if (!body.is_object()) return OkStatus();
    const std::string dock(type.dock);
    if (dock == "message_board") {
      return Items(p, Str(body, "messages_url"), id, [](const Json& j, Recording& r) {
        r.title = Str(j, "subject", r.title);
        r.content = Str(j, "content");
      });
    }
    if (dock == "vault") return Vault(p, body, id, 0);
    if (dock == "schedule") {
      return Items(p, Str(body, "entries_url"), id, [this](const Json& j, Recording& r) {
        r.title = Str(j, "summary", r.title);
        r.content = Str(j, "description");
        r.position = 0;
        r.fields["starts_at"] = Time(j, "starts_at", r.created_at);
        r.fields["ends_at"] = Time(j, "ends_at", r.created_at);
        r.fields["all_day"] = Flag(j, "all_day");
        r.fields["participants"] = People(Obj(j, "participants"));
        if (Flag(j, "highlighted")) r.fields["highlighted"] = true;
      });
    }
    if (dock == "kanban_board") return CardTable(p, body, id);
    return OkStatus();
  }

  Status Vault(Project& p, const Json& vault, Id id, int depth) {
    Status s = Items(p, Str(vault, "documents_url"), id, [](const Json& j, Recording& r) {
      r.content = Str(j, "content");
    });
    if (!s.ok()) return s;
    s = Items(p, Str(vault, "uploads_url"), id, [](const Json& j, Recording& r) {
      const std::string filename = Str(j, "filename", r.title);
      r.fields["filename"] = filename;
      r.fields["content_type"] = Str(j, "content_type", "application/octet-stream");
      const Json& size = Obj(j, "byte_size");
      r.fields["byte_size"] = size.is_number_integer() ? size.get<std::int64_t>() : 0;
      r.fields["description"] = Str(j, "description");
      r.fields["versions"] = Json::array({Json{{"id", StableId("upload_version",
                                                               std::to_string(r.id))},
                                               {"filename", filename},
                                               {"content_type", r.fields["content_type"]},
                                               {"byte_size", r.fields["byte_size"]},
                                               {"creator", r.creator},
                                               {"created_at", r.created_at}}});
    });
    if (!s.ok() || depth >= 8) return s;
    StatusOr<Json> vaults = All(Str(vault, "vaults_url"));
    if (!vaults.ok()) return vaults.status();
    for (const Json& v : *vaults) {
      Recording r = Generic(v, id);
      r.type = "Vault";
      p.recordings.push_back(std::move(r));
      if (Status st = Vault(p, v, IdOf(v), depth + 1); !st.ok()) return st;
    }
    return OkStatus();
  }

  Status CardTable(Project& p, const Json& table, Id id) {
    const Json& lists = Obj(table, "lists");
    if (!lists.is_array()) return OkStatus();
    for (const Json& col : lists) {
      Recording c = Generic(col, id);
      if (!Str(col, "color").empty()) c.fields["color"] = Str(col, "color");
      const Id column = c.id;
      p.recordings.push_back(std::move(c));
      Status s = Items(p, Str(col, "cards_url"), column, [this, &p](const Json& j, Recording& r) {
        r.content = Str(j, "content");
        if (DateOf(j, "due_on")) r.fields["due_on"] = *DateOf(j, "due_on");
        r.fields["assignees"] = People(Obj(j, "assignees"));
        if (Flag(j, "completed")) r.fields["completed"] = true;
        const Json& steps = Obj(j, "steps");
        if (!steps.is_array()) return;
        for (const Json& st : steps) {
          Recording step = Generic(st, r.id);
          step.type = "Kanban::Step";
          step.fields["completed"] = Flag(st, "completed");
          if (DateOf(st, "due_on")) step.fields["due_on"] = *DateOf(st, "due_on");
          step.fields["assignees"] = People(Obj(st, "assignees"));
          p.recordings.push_back(std::move(step));
        }
      });
      if (!s.ok()) return s;
    }
    return OkStatus();
  }

  Status Timesheet(Project& p) {
    StatusOr<ApiPage> page = api.Get(base + "projects/" + std::to_string(p.id) + "/timesheet.json");
    if (!page.ok()) return page.status();
    if (page->status != 200 || !page->body.is_array()) return OkStatus();  // not enabled
    for (const Json& e : page->body) {
      TimesheetEntry t;
      t.id = IdOf(e);
      t.recording = IdOf(Obj(e, "parent"));
      t.person = Person(Obj(e, "person"));
      t.creator = Person(Obj(e, "creator"));
      t.date = Str(e, "date");
      t.hours = Str(e, "hours");
      t.description = Str(e, "description");
      t.created_at = Time(e, "created_at", p.created_at);
      t.updated_at = Time(e, "updated_at", t.created_at);
      if (t.id != 0 && t.recording != 0) p.timesheet_entries.push_back(std::move(t));
    }
    return OkStatus();
  }

  Status ProjectFrom(const Json& j) {
    Project p;
    p.id = IdOf(j);
    p.name = Str(j, "name");
    p.key = Unique("project-" + Slug(p.name));
    p.description = Str(j, "description");
    p.status = StatusOf(j);
    p.timesheet_enabled = Flag(j, "timesheet_enabled", true);
    p.created_at = Time(j, "created_at", world.start_time);
    p.updated_at = Time(j, "updated_at", p.created_at);
    StatusOr<Json> members = All(base + "projects/" + std::to_string(p.id) + "/people.json");
    if (!members.ok()) return members.status();
    p.members = People(*members);
    std::set<std::string> tools_seen;
    const Json& dock = Obj(j, "dock");
    if (dock.is_array()) {
      for (const Json& item : dock) {
        const std::string name = Str(item, "name");
        const RecordingType* type = FindDockTool(name);
        if (type == nullptr) continue;
        if (name == "todoset") {
          if (Status s = Todoset(p, item, p.todosets.empty()); !s.ok()) return s;
        } else if (tools_seen.insert(name).second) {
          if (Status s = Tool(p, item, *type); !s.ok()) return s;
        }
      }
    }
    if (p.timesheet_enabled) {
      if (Status s = Timesheet(p); !s.ok()) return s;
    }
    account->projects.push_back(std::move(p));
    Progress("projects");
    return OkStatus();
  }

  Status Run() {
    base = "/" + std::to_string(opts.account) + "/";
    world.start_time = kDefaultStartTime;
    world.accounts.emplace_back();
    account = &world.accounts.back();
    account->id = opts.account;
    account->key = "recorded";
    account->name = opts.account_name.empty() ? "Recorded account" : opts.account_name;
    StatusOr<ApiPage> acct = api.Get(base + "account.json");
    if (acct.ok() && acct->status == 200 && opts.account_name.empty()) {
      account->name = Str(acct->body, "name", account->name);
    }
    StatusOr<Json> people = All(base + "people.json");
    if (!people.ok()) return people.status();
    for (const Json& p : *people) Person(p);
    for (const char* status : {"", "?status=archived", "?status=trashed"}) {
      StatusOr<Json> projects = All(base + "projects.json" + status);
      if (!projects.ok()) return projects.status();
      for (const Json& j : *projects) {
        if (Status s = ProjectFrom(j); !s.ok()) return s;
      }
    }
    IndexWorld(world);
    Progress("done");
    return OkStatus();
  }
};

}  // namespace

StatusOr<World> RecordAccount(ApiClient& client, const RecordOptions& options) {
  Recorder r{client, options, {}, nullptr, "", {}, {}, 0, 0};
  if (Status s = r.Run(); !s.ok()) return s;
  return std::move(r.world);
}

}  // namespace bcsim::support
