// LoadAccount: one account of the world, with defaults and cross-reference checks.
#include "world/account_loader.h"

#include "api/webhook_payload.h"
#include "bcsim/recording_types.h"
#include "world/recording_loader.h"

#include <algorithm>

namespace bcsim::loader {
namespace {

const char* const kProducts[] = {"bc3", "bcx", "basecamp", "campfire", "hey", "highrise", "backpack"};

struct AccountLoader {
  AccountContext& ctx;
  Account& account;
  const Project* project_ = nullptr;  // the project whose to-dos are being loaded
  std::vector<PendingComments> comments_;  // the to-dos' `comments:`, loaded after the tools
  const YamlReader& r() const { return ctx.reader; }

  std::string FirstAt(const YAML::Node& first) const {
    if (!first.IsDefined()) return "already in the world";
    return "first at " + r().doc().MarkOf(first).ToString();
  }
  void ClaimKey(const std::string& kind, const std::string& key, const YAML::Node& at) {
    auto [it, inserted] = ctx.used_keys.try_emplace(kind + ":" + key, at);
    if (!inserted) {
      r().Fail(at, "duplicate " + kind + " key `" + key + "` (" + FirstAt(it->second) + "): " +
                       kind + " keys must be unique across the world");
    }
  }
  // Takes `id` for `what`, written at `at`; `is_explicit`: given as `id:`. A derived id that is
  // taken or reserved moves on to the next free one (one hash insert in the common case).
  Id ClaimId(Id id, const std::string& what, const YAML::Node& at, bool is_explicit) {
    while (true) {
      if (!is_explicit && !ctx.reserved_ids.empty() && ctx.reserved_ids.count(id) != 0) {
        id = NextStableId(id);
        continue;
      }
      auto [it, inserted] = ctx.used_ids.try_emplace(id, what);
      if (inserted) break;
      if (!is_explicit) {
        id = NextStableId(id);
        continue;
      }
      auto first = ctx.explicit_id_at.find(id);
      r().Fail(at, "id " + std::to_string(id) + " of " + what + " is already used by " +
                       it->second + " (" +
                       FirstAt(first == ctx.explicit_id_at.end() ? YAML::Node() : first->second) +
                       ")");
    }
    if (is_explicit) ctx.explicit_id_at.emplace(id, at);
    return id;
  }
  // The id of the recording `map` describes: its `id:`, or derived from (kind, key), claimed.
  Id ClaimRecordingId(const YAML::Node& map, const std::string& kind, const std::string& key,
                      const std::string& what, const YAML::Node& at) {
    if (std::optional<Id> id = r().IdField(map, "id")) return ClaimId(*id, what, at, true);
    return ClaimId(StableId(kind, key), what, at, false);
  }
  // Assignees are members of the to-do's project: Basecamp cannot hold anything else.
  void CheckMembers(const std::vector<std::string>& people, const YAML::Node& list,
                    const std::string& what) const {
    if (project_ == nullptr) return;
    std::size_t i = 0;
    for (const std::string& key : people) {
      const YAML::Node at = list[i++];
      if (std::find(project_->members.begin(), project_->members.end(), key) !=
          project_->members.end()) {
        continue;
      }
      std::string members;
      for (const std::string& m : project_->members) members += (members.empty() ? "" : ", ") + m;
      r().Fail(at, "expected the assignees of " + what + " to be members of project `" +
                       project_->key + "`, found `" + key + "`, who is not; its members: " +
                       (members.empty() ? "(none)" : members));
    }
  }
  std::string PersonRef(const std::string& key, const YAML::Node& at) const {
    for (const Person& p : account.people) {
      if (p.key == key) return key;
    }
    std::string known;
    for (const Person& p : account.people) known += (known.empty() ? "" : ", ") + p.key;
    r().Fail(at, "unknown person `" + key + "` in account `" + account.key + "`; expected one of: " +
                     (known.empty() ? "(no people)" : known));
  }
  std::optional<std::string> OptionalPerson(const YAML::Node& map, const char* field) const {
    std::optional<std::string> key = r().String(map, field);
    if (!key) return std::nullopt;
    return PersonRef(*key, At(map, field));
  }
  std::vector<std::string> PersonList(const YAML::Node& map, const char* field) const {
    std::vector<std::string> out;
    if (auto list = r().StringList(map, field)) {
      const YAML::Node items = At(map, field);
      std::size_t i = 0;
      out.reserve(list->size());
      for (const auto& key : *list) out.push_back(PersonRef(key, items[i++]));
    }
    return out;
  }
  std::string DefaultCreator() const { return DefaultCreatorOf(account); }

  void LoadPeople(const YAML::Node& people) {
    r().ExpectKeyedMap(people, "people");
    if (!people.IsDefined() || people.IsNull()) return;
    for (const auto& kv : people) {
      const std::string key = kv.first.Scalar();
      const std::string what = "person `" + key + "`";
      const YAML::Node& v = kv.second;
      r().ExpectMap(v, what, {"id", "identity", "name", "email", "admin", "owner", "client",
                              "can_access_timesheet", "time_zone", "title", "bio", "location"});
      Person p;
      p.key = key;
      // No identity: a person invited by email who never signed in (no Launchpad login).
      static const Identity kNoIdentity;
      if (!At(v, "identity") && (!At(v, "name") || !At(v, "email"))) {
        r().Fail(v, "expected `identity` (or `name` and `email`) in " + what + ", found none");
      }
      p.identity = r().String(v, "identity").value_or("");
      auto identity = ctx.world.identities.find(p.identity);
      if (!p.identity.empty() && identity == ctx.world.identities.end()) {
        std::string known;
        for (const auto& [k, _] : ctx.world.identities) known += (known.empty() ? "" : ", ") + k;
        r().Fail(At(v, "identity"), "unknown identity `" + p.identity + "`; expected one of: " + known);
      }
      for (const Person& other : account.people) {
        if (!p.identity.empty() && other.identity == p.identity) {
          r().Fail(At(v, "identity"), "identity `" + p.identity + "` already has person `" + other.key +
                                      "` in account `" + account.key + "`");
        }
      }
      const Identity& id = p.identity.empty() ? kNoIdentity : identity->second;
      const std::string path = account.key + "/" + key;
      if (std::optional<Id> explicit_id = r().IdField(v, "id")) {
        p.id = *explicit_id;
        auto [it, inserted] = ctx.person_ids.try_emplace(p.id, path);
        if (!inserted) {
          r().Fail(At(v, "id"), "person id " + std::to_string(p.id) + " of `" + path +
                                    "` is already used by person `" + it->second + "`");
        }
      } else {
        p.id = StableId("person", path);
        while (ctx.person_ids.count(p.id) != 0) p.id = NextStableId(p.id);
        ctx.person_ids.emplace(p.id, path);
      }
      std::string full = id.first_name + (id.last_name.empty() ? "" : " " + id.last_name);
      p.name = r().String(v, "name").value_or(full);
      p.email = r().String(v, "email").value_or(id.email);
      p.admin = r().Bool(v, "admin").value_or(false);
      p.owner = r().Bool(v, "owner").value_or(false);
      p.client = r().Bool(v, "client").value_or(false);
      p.can_access_timesheet = r().Bool(v, "can_access_timesheet").value_or(!p.client);
      p.time_zone = r().String(v, "time_zone").value_or("Etc/UTC");
      p.title = r().String(v, "title").value_or("");
      p.bio = r().String(v, "bio").value_or("");
      p.location = r().String(v, "location").value_or("");
      account.people.push_back(std::move(p));
    }
  }

  Todo LoadTodo(const YAML::Node& v, const std::string& list_key, std::size_t index, Millis created) {
    const std::string what = "to-do #" + std::to_string(index + 1) + " of `" + list_key + "`";
    r().ExpectMap(v, what, {"key", "id", "title", "description", "assignees", "completed",
                            "completed_at", "completed_by", "status", "due_on", "starts_on",
                            "creator", "created_at", "updated_at", "position", "comments"});
    Todo t;
    t.key = r().String(v, "key").value_or("");
    if (!t.key.empty()) ClaimKey("todo", t.key, At(v, "key"));
    t.id = ClaimRecordingId(v, "todo",
                            t.key.empty() ? list_key + "#" + std::to_string(index + 1) : t.key,
                            t.key.empty() ? what : "to-do `" + t.key + "`", v);
    t.title = r().RequiredString(v, "title", what);
    t.description = r().String(v, "description").value_or("");
    t.assignees = PersonList(v, "assignees");
    CheckMembers(t.assignees, At(v, "assignees"), t.key.empty() ? what : "to-do `" + t.key + "`");
    t.status = r().Recording(v, "status").value_or(RecordingStatus::kActive);
    t.due_on = r().Date(v, "due_on");
    t.starts_on = r().Date(v, "starts_on");
    t.creator = OptionalPerson(v, "creator").value_or(DefaultCreator());
    t.created_at = r().Timestamp(v, "created_at").value_or(created);
    t.updated_at = r().Timestamp(v, "updated_at").value_or(t.created_at);
    t.completed = r().Bool(v, "completed").value_or(false);
    if (t.completed) {
      t.completed_at = r().Timestamp(v, "completed_at").value_or(t.updated_at);
      t.completed_by = OptionalPerson(v, "completed_by")
                           .value_or(t.assignees.empty() ? t.creator : t.assignees.front());
    } else if (At(v, "completed_at") || At(v, "completed_by")) {
      r().Fail(v, "`completed_at`/`completed_by` need `completed: true` in " + what);
    }
    t.position = static_cast<int>(r().Integer(v, "position", 1, 1'000'000).value_or(static_cast<std::int64_t>(index + 1)));
    if (At(v, "comments")) comments_.push_back({t.id, t.title, At(v, "comments")});
    return t;
  }

  std::vector<Todo> LoadTodos(const YAML::Node& todos, const std::string& list_key, Millis created,
                              RecordingStatus inherited) {
    std::vector<Todo> out;
    if (!todos.IsDefined() || todos.IsNull()) return out;
    if (!todos.IsSequence()) r().Fail(todos, "expected a list of to-dos for `todos`, found " + Describe(todos));
    out.reserve(todos.size());
    std::size_t i = 0;
    for (const auto& item : todos) {
      out.push_back(LoadTodo(item, list_key, i++, created));
      if (out.back().status == RecordingStatus::kActive) out.back().status = inherited;
    }
    return out;
  }

  Todolist LoadList(const YAML::Node& keynode, const YAML::Node& v, bool is_group, int position,
                    Millis created, RecordingStatus inherited) {
    const std::string key = keynode.Scalar();
    const std::string what = std::string(is_group ? "group" : "to-do list") + " `" + key + "`";
    if (is_group) {
      r().ExpectMap(v, what, {"id", "name", "description", "status", "todos", "created_at",
                              "updated_at"});
    } else {
      r().ExpectMap(v, what, {"id", "name", "description", "status", "todos", "groups",
                              "created_at", "updated_at"});
    }
    ClaimKey("todolist", key, keynode);
    Todolist l;
    l.key = key;
    l.is_group = is_group;
    l.id = ClaimRecordingId(v, "todolist", key, what, keynode);
    l.name = r().String(v, "name").value_or(key);
    l.description = r().String(v, "description").value_or("");
    l.status = r().Recording(v, "status").value_or(RecordingStatus::kActive);
    if (l.status == RecordingStatus::kActive) l.status = inherited;
    l.created_at = r().Timestamp(v, "created_at").value_or(created);
    l.updated_at = r().Timestamp(v, "updated_at").value_or(l.created_at);
    l.position = position;
    l.todos = LoadTodos(At(v, "todos"), key, l.created_at, l.status);
    if (!is_group) {
      r().ExpectKeyedMap(At(v, "groups"), "groups");
      int pos = 1;
      if (IsMapNode(At(v, "groups"))) {
        for (const auto& g : At(v, "groups")) {
          l.groups.push_back(LoadList(g.first, g.second, true, pos++, l.created_at, l.status));
        }
      }
    }
    return l;
  }

  Todoset LoadTodoset(const std::string& key, const YAML::Node& settings, const YAML::Node& lists,
                      const YAML::Node& at, Millis created) {
    Todoset s;
    s.key = key;
    if (settings.IsDefined() && settings.IsScalar()) {  // `todoset: false` / `todoset: true`
      if (settings.Scalar() != "true" && settings.Scalar() != "false") {
        r().Fail(settings, "expected true, false or a map like {enabled: true} for `todoset`, found " + Describe(settings));
      }
      s.enabled = settings.Scalar() == "true";
    } else if (settings.IsDefined() && !settings.IsNull()) {
      r().ExpectMap(settings, "to-do set `" + key + "`",
                    {"id", "title", "enabled", "todolists", "updated_at"});
      s.id = r().IdField(settings, "id").value_or(0);
      s.title = r().String(settings, "title").value_or("To-dos");
      s.enabled = r().Bool(settings, "enabled").value_or(true);
    }
    const bool is_explicit = s.id != 0;
    if (s.id == 0) s.id = StableId("todoset", key);
    s.id = ClaimId(s.id, "to-do set `" + key + "`", settings.IsDefined() ? settings : at,
                   is_explicit);
    s.created_at = created;
    s.updated_at = IsMapNode(settings) ? r().Timestamp(settings, "updated_at").value_or(created)
                                       : created;
    r().ExpectKeyedMap(lists, "to-do lists");
    int pos = 1;
    if (IsMapNode(lists)) {
      for (const auto& l : lists) {
        s.todolists.push_back(LoadList(l.first, l.second, false, pos++, created, RecordingStatus::kActive));
      }
    }
    return s;
  }

  Project LoadProject(const YAML::Node& keynode, const YAML::Node& v) {
    const std::string key = keynode.Scalar();
    const std::string what = "project `" + key + "`";
    r().ExpectMap(v, what, {"id", "name", "description", "status", "members", "todoset", "todosets",
                            "todolists", "timesheet_enabled", "tools", "created_at", "updated_at",
                            "messages", "documents", "uploads", "schedule_entries", "card_table",
                            "timesheet_entries", "recordings", "subscriptions", "events",
                            "webhooks"});
    ClaimKey("project", key, keynode);
    Project p;
    p.key = key;
    p.id = ClaimRecordingId(v, "project", key, what, keynode);
    p.name = r().String(v, "name").value_or(key);
    p.description = r().String(v, "description").value_or("");
    p.status = r().Recording(v, "status").value_or(RecordingStatus::kActive);
    p.timesheet_enabled = r().Bool(v, "timesheet_enabled").value_or(true);
    p.created_at = r().Timestamp(v, "created_at").value_or(ctx.start_time);
    p.updated_at = r().Timestamp(v, "updated_at").value_or(p.created_at);
    if (At(v, "members")) {
      p.members = PersonList(v, "members");
    } else {
      for (const Person& person : account.people) p.members.push_back(person.key);
    }
    if (account.people.empty()) r().Fail(keynode, what + " needs the account to have people");
    const YAML::Node extra = At(v, "todosets");
    if (At(v, "todoset") || At(v, "todolists") || !extra) {
      if (At(v, "todoset") && At(v, "todoset").IsSequence()) {
        r().Fail(At(v, "todoset"), "expected true, false or a map like {enabled: true} for `todoset`, found " + Describe(At(v, "todoset")));
      }
      if (IsMapNode(At(v, "todoset")) && At(v, "todoset")["todolists"]) {
        r().Fail(At(v, "todoset")["todolists"], "put the main to-do set's lists under the project's `todolists`");
      }
      project_ = &p;
      p.todosets.push_back(LoadTodoset(key + "/todoset", At(v, "todoset"), At(v, "todolists"), keynode, p.created_at));
    }
    project_ = &p;
    r().ExpectKeyedMap(extra, "to-do sets");
    if (IsMapNode(extra)) {
      for (const auto& s : extra) {
        p.todosets.push_back(LoadTodoset(s.first.Scalar(), s.second, At(s.second, "todolists"), s.first, p.created_at));
      }
    }
    project_ = nullptr;
    LoadTools(p, At(v, "tools"));
    RecordingLoadHooks hooks{
        [this](const YAML::Node& map, const std::string& kind, const std::string& k,
               const std::string& w, const YAML::Node& at) {
          return ClaimRecordingId(map, kind, k, w, at);
        },
        [this](const std::string& kind, const std::string& k, const YAML::Node& at) {
          ClaimKey(kind, k, at);
        },
        [this](const std::string& k, const YAML::Node& at) { return PersonRef(k, at); },
        DefaultCreator()};
    LoadProjectRecordings(r(), v, p, comments_, hooks);
    comments_.clear();
    LoadWebhooks(p, At(v, "webhooks"));
    return p;
  }

  // `webhooks: {NAME: {payload_url, types: [Todo, ...] (default all), active: true}}`, as
  // POST buckets/{p}/webhooks.json would make them (api/webhook_payload.h checks the same).
  void LoadWebhooks(Project& p, const YAML::Node& hooks) {
    r().ExpectKeyedMap(hooks, "project `" + p.key + "` webhooks");
    if (!IsMapNode(hooks)) return;
    for (const auto& entry : hooks) {
      const std::string name = entry.first.Scalar();
      const std::string what = "webhook `" + name + "` of project `" + p.key + "`";
      r().ExpectMap(entry.second, what, {"payload_url", "types", "active", "id"});
      Webhook w;
      w.payload_url = r().RequiredString(entry.second, "payload_url", what);
      if (!ValidWebhookUrl(w.payload_url)) {
        r().Fail(At(entry.second, "payload_url"),
                 "expected an https URL (or http to a loopback host) for `payload_url` of " +
                     what + ", found \"" + w.payload_url + "\"");
      }
      const std::vector<std::string> types =
          r().StringList(entry.second, "types").value_or(std::vector<std::string>{});
      for (const std::string& t : types) {
        if (t == "all") {
          w.types.clear();
          break;
        }
        if (WebhookTypes().count(t) == 0) {
          r().Fail(At(entry.second, "types"), "unknown webhook type `" + t + "` in " + what +
                                                  "; expected all or a recording type like Todo");
        }
        if (std::find(w.types.begin(), w.types.end(), t) == w.types.end()) w.types.push_back(t);
      }
      w.active = r().Bool(entry.second, "active").value_or(true);
      w.id = ClaimRecordingId(entry.second, "webhook", p.key + "/" + name, what, entry.first);
      w.creator = account.people.front().key;
      w.created_at = w.updated_at = p.created_at;
      p.webhooks.push_back(std::move(w));
    }
  }

  // The dock's tools besides to-do sets (api-facts.md §3.2): every one Basecamp has, enabled
  // unless `tools:` says otherwise (the inbox, Email Forwards, is off by default as in a new
  // project). `tools: {chat: false, inbox: true, vault: {title: Files}}`.
  void LoadTools(Project& p, const YAML::Node& tools) {
    if (tools) r().ExpectKeyedMap(tools, "project `" + p.key + "` tools");
    std::string names;
    for (const RecordingType& t : RecordingTypes()) {
      if (!t.dock.empty() && t.dock != "todoset") {
        names += (names.empty() ? "" : ", ") + std::string(t.dock);
      }
    }
    if (IsMapNode(tools)) {
      for (const auto& entry : tools) {
        const RecordingType* t = FindDockTool(entry.first.Scalar());
        if (t == nullptr || t->dock == "todoset") {
          r().Fail(entry.first, "unknown tool `" + entry.first.Scalar() + "` in project `" +
                                    p.key + "`; expected one of: " + names +
                                    " (to-do sets go under `todosets`)");
        }
      }
    }
    int position = 0;
    for (const RecordingType& t : RecordingTypes()) {
      if (t.dock.empty() || t.dock == "todoset") continue;
      const std::string dock(t.dock);
      const YAML::Node given = IsMapNode(tools) ? tools[dock] : YAML::Node();
      Recording tool;
      tool.type = std::string(t.type);
      tool.key = p.key + "/" + dock;
      tool.title = std::string(t.title);
      bool enabled = t.dock != "inbox";
      if (given && given.IsScalar()) {
        enabled = r().Bool(tools, dock.c_str()).value_or(enabled);
      } else if (IsMapNode(given)) {
        const std::string what = "tool `" + dock + "` of project `" + p.key + "`";
        r().ExpectMap(given, what, {"enabled", "title", "id"});
        enabled = r().Bool(given, "enabled").value_or(true);
        tool.title = r().String(given, "title").value_or(tool.title);
      }
      // The message board keeps the id it always had (StableId("message_board", project key)).
      const YAML::Node at = given ? given : YAML::Node();
      tool.id = IsMapNode(given) ? ClaimRecordingId(given, dock, p.key, "tool `" + dock + "`", at)
                                 : ClaimId(StableId(dock, p.key), "tool `" + dock + "`", at, false);
      tool.position = ++position;
      tool.fields["enabled"] = enabled;
      tool.created_at = tool.updated_at = p.created_at;
      p.recordings.push_back(std::move(tool));
    }
  }
};

}  // namespace

void SeedFromWorld(AccountContext& ctx) {
  for (const auto& [key, _] : ctx.world.index.by_key) ctx.used_keys.emplace(key, YAML::Node());
  for (const auto& [id, _] : ctx.world.index.recording_by_id) {
    ctx.used_ids.emplace(id, "an existing recording");
  }
  for (const Account& a : ctx.world.accounts) {
    for (const Project& p : a.projects) {
      ctx.used_ids.emplace(p.id, "project `" + p.key + "`");
    }
    for (const Person& person : a.people) {
      ctx.person_ids.emplace(person.id, a.key + "/" + person.key);
    }
  }
}

namespace {

void ReserveId(AccountContext& ctx, const YAML::Node& map) {
  if (!IsMapNode(map)) return;
  const YAML::Node id = At(map, "id");
  if (!id.IsDefined() || !id.IsScalar()) return;
  const std::string& s = id.Scalar();
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return;
  ctx.reserved_ids.insert(std::stoll(s));
}

// The explicit ids of the maps in the list `items` and of what they hold (recording_loader.h).
void ReserveItems(AccountContext& ctx, const YAML::Node& items, std::size_t* count, int depth = 0) {
  if (!items.IsDefined() || !items.IsSequence() || depth > 4) return;
  *count += items.size();
  for (const auto& item : items) {
    ReserveId(ctx, item);
    if (!IsMapNode(item)) continue;
    for (const char* nested : {"comments", "cards", "steps"}) {
      ReserveItems(ctx, At(item, nested), count, depth + 1);
    }
  }
}

void ReserveRecordings(AccountContext& ctx, const YAML::Node& project, std::size_t* count) {
  if (!IsMapNode(project)) return;
  for (const char* section : {"messages", "documents", "uploads", "schedule_entries",
                              "timesheet_entries", "recordings"}) {
    ReserveItems(ctx, At(project, section), count);
  }
  const YAML::Node table = At(project, "card_table");
  if (IsMapNode(table)) ReserveItems(ctx, At(table, "columns"), count);
}

void ReserveTodos(AccountContext& ctx, const YAML::Node& list, std::size_t* count) {
  ReserveId(ctx, list);
  ++*count;
  if (!IsMapNode(list)) return;
  const YAML::Node todos = At(list, "todos");
  if (todos.IsDefined() && todos.IsSequence()) {
    *count += todos.size();
    for (const auto& t : todos) {
      ReserveId(ctx, t);
      if (IsMapNode(t)) ReserveItems(ctx, At(t, "comments"), count);
    }
  }
}

void ReserveLists(AccountContext& ctx, const YAML::Node& lists, std::size_t* count) {
  if (!IsMapNode(lists)) return;
  for (const auto& l : lists) {
    ReserveTodos(ctx, l.second, count);
    if (!IsMapNode(l.second)) continue;
    const YAML::Node groups = At(l.second, "groups");
    if (IsMapNode(groups)) {
      for (const auto& g : groups) ReserveTodos(ctx, g.second, count);
    }
  }
}

}  // namespace

void ReserveExplicitIds(AccountContext& ctx, const YAML::Node& accounts) {
  if (!IsMapNode(accounts)) return;
  std::size_t count = 0;  // recordings about to be loaded: used_ids is sized once
  for (const auto& a : accounts) {
    if (!IsMapNode(a.second) || !IsMapNode(At(a.second, "projects"))) continue;
    for (const auto& p : At(a.second, "projects")) {
      ReserveId(ctx, p.second);
      count += 2;
      if (!IsMapNode(p.second)) continue;
      ReserveRecordings(ctx, p.second, &count);
      ReserveId(ctx, At(p.second, "todoset"));
      ReserveLists(ctx, At(p.second, "todolists"), &count);
      const YAML::Node sets = At(p.second, "todosets");
      if (IsMapNode(sets)) {
        for (const auto& s : sets) {
          ReserveId(ctx, s.second);
          ++count;
          if (IsMapNode(s.second)) ReserveLists(ctx, At(s.second, "todolists"), &count);
        }
      }
    }
  }
  ctx.used_ids.reserve(ctx.used_ids.size() + count);
}

Account LoadAccount(AccountContext& ctx, const YAML::Node& keynode, const YAML::Node& v) {
  const YamlReader& r = ctx.reader;
  Account account;
  account.key = keynode.Scalar();
  const std::string what = "account `" + account.key + "`";
  r.ExpectMap(v, what, {"id", "name", "product", "people", "projects", "inactive", "api_disabled",
                        "serves_my_assignments"});
  account.id = r.IdField(v, "id").value_or(StableId("account", account.key));
  for (const Account& other : ctx.world.accounts) {
    if (other.key == account.key) r.Fail(keynode, "duplicate account key `" + account.key + "`");
    if (other.id == account.id) {
      r.Fail(keynode, "account id " + std::to_string(account.id) + " is already used by account `" + other.key + "`");
    }
  }
  account.name = r.String(v, "name").value_or(account.key);
  account.product = r.String(v, "product").value_or("bc3");
  bool known = false;
  for (const char* p : kProducts) known = known || account.product == p;
  if (!known) {
    r.Fail(At(v, "product"), "unknown product '" + account.product +
                             "'; expected one of: bc3, bcx, basecamp, campfire, hey, highrise, backpack");
  }
  account.inactive = r.Bool(v, "inactive").value_or(false);
  account.api_disabled = r.Bool(v, "api_disabled").value_or(false);
  account.serves_my_assignments = r.Bool(v, "serves_my_assignments").value_or(true);
  AccountLoader loader{ctx, account};
  loader.LoadPeople(At(v, "people"));
  r.ExpectKeyedMap(At(v, "projects"), "projects");
  if (IsMapNode(At(v, "projects"))) {
    for (const auto& p : At(v, "projects")) account.projects.push_back(loader.LoadProject(p.first, p.second));
  }
  return account;
}

}  // namespace bcsim::loader
