// WorldToYaml: the world back as the `basecamp:` section LoadWorld reads (world_export.h).
#include "bcsim/world_export.h"

#include <yaml-cpp/yaml.h>

#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using OJson = nlohmann::ordered_json;

const char* StatusName(RecordingStatus s) {
  switch (s) {
    case RecordingStatus::kArchived: return "archived";
    case RecordingStatus::kTrashed: return "trashed";
    case RecordingStatus::kActive: break;
  }
  return "active";
}

// A duration ParseDuration reads back: in the largest unit that divides it.
std::string Ms(Millis ms) {
  struct Unit {
    Millis size;
    const char* name;
  };
  for (const Unit u : {Unit{86'400'000, "d"}, Unit{3'600'000, "h"}, Unit{60'000, "m"},
                       Unit{1000, "s"}}) {
    if (ms > 0 && ms % u.size == 0) return std::to_string(ms / u.size) + u.name;
  }
  return std::to_string(ms) + "ms";
}

OJson LimitsJson(const Limits& l) {
  OJson out = OJson::object();
  if (l.rate_requests == 0) {
    out["rate"] = false;
  } else {
    out["rate"] = {{"requests", l.rate_requests}, {"per", Ms(l.rate_window_ms)}};
  }
  out["page_size"] = l.page_size;
  out["access_token_ttl"] = Ms(l.access_token_ttl_ms);
  out["code_ttl"] = Ms(l.code_ttl_ms);
  out["projects"] = l.project_limit;
  out["webhooks"] = l.webhook_limit;
  return out;
}

OJson PersonJson(const Person& p) {
  OJson out = {{"id", p.id}};
  if (!p.identity.empty()) out["identity"] = p.identity;
  out["name"] = p.name;
  out["email"] = p.email;
  out["admin"] = p.admin;
  out["owner"] = p.owner;
  out["client"] = p.client;
  out["can_access_timesheet"] = p.can_access_timesheet;
  out["time_zone"] = p.time_zone;
  if (!p.title.empty()) out["title"] = p.title;
  if (!p.bio.empty()) out["bio"] = p.bio;
  if (!p.location.empty()) out["location"] = p.location;
  return out;
}

OJson TodoJson(const Todo& t) {
  OJson out = OJson::object();
  if (!t.key.empty()) out["key"] = t.key;
  out["id"] = t.id;
  out["title"] = t.title;
  if (!t.description.empty()) out["description"] = t.description;
  if (!t.assignees.empty()) out["assignees"] = t.assignees;
  if (t.status != RecordingStatus::kActive) out["status"] = StatusName(t.status);
  if (t.completed) {
    out["completed"] = true;
    if (t.completed_at) out["completed_at"] = FormatTimestamp(*t.completed_at);
    if (!t.completed_by.empty()) out["completed_by"] = t.completed_by;
  }
  if (t.due_on) out["due_on"] = *t.due_on;
  if (t.starts_on) out["starts_on"] = *t.starts_on;
  if (!t.creator.empty()) out["creator"] = t.creator;
  out["created_at"] = FormatTimestamp(t.created_at);
  out["updated_at"] = FormatTimestamp(t.updated_at);
  out["position"] = t.position;
  return out;
}

OJson ListJson(const Todolist& l) {
  OJson out = {{"id", l.id}, {"name", l.name}};
  if (!l.description.empty()) out["description"] = l.description;
  if (l.status != RecordingStatus::kActive) out["status"] = StatusName(l.status);
  out["created_at"] = FormatTimestamp(l.created_at);
  out["updated_at"] = FormatTimestamp(l.updated_at);
  OJson todos = OJson::array();
  for (const Todo& t : l.todos) todos.push_back(TodoJson(t));
  if (!todos.empty()) out["todos"] = std::move(todos);
  if (!l.groups.empty()) {
    OJson groups = OJson::object();
    for (const Todolist& g : l.groups) groups[g.key] = ListJson(g);
    out["groups"] = std::move(groups);
  }
  return out;
}

OJson ListsJson(const Todoset& s) {
  OJson lists = OJson::object();
  for (const Todolist& l : s.todolists) lists[l.key] = ListJson(l);
  return lists;
}

OJson SetJson(const Todoset& s) {
  return {{"id", s.id}, {"title", s.title}, {"enabled", s.enabled},
          {"updated_at", FormatTimestamp(s.updated_at)}};
}

OJson RecordingJson(const Recording& r) {
  OJson out = {{"id", r.id}, {"type", r.type}};
  if (r.parent != 0) out["parent"] = r.parent;
  if (!r.key.empty()) out["key"] = r.key;
  if (!r.creator.empty()) out["creator"] = r.creator;
  if (r.status != RecordingStatus::kActive) out["status"] = StatusName(r.status);
  if (r.visible_to_clients) out["visible_to_clients"] = true;
  if (!r.title.empty()) out["title"] = r.title;
  if (!r.content.empty()) out["content"] = r.content;
  out["position"] = r.position;
  out["created_at"] = FormatTimestamp(r.created_at);
  out["updated_at"] = FormatTimestamp(r.updated_at);
  if (r.fields.is_object() && !r.fields.empty()) out["fields"] = OJson::parse(r.fields.dump());
  return out;
}

OJson EntryJson(const TimesheetEntry& e) {
  OJson out = {{"id", e.id}, {"recording", e.recording}, {"person", e.person}};
  if (!e.creator.empty()) out["creator"] = e.creator;
  out["date"] = e.date;
  out["hours"] = e.hours;
  if (!e.description.empty()) out["description"] = e.description;
  out["created_at"] = FormatTimestamp(e.created_at);
  out["updated_at"] = FormatTimestamp(e.updated_at);
  return out;
}

OJson ProjectJson(const Project& p) {
  OJson out = {{"id", p.id}, {"name", p.name}};
  if (!p.description.empty()) out["description"] = p.description;
  if (p.status != RecordingStatus::kActive) out["status"] = StatusName(p.status);
  out["members"] = p.members;
  out["timesheet_enabled"] = p.timesheet_enabled;
  out["created_at"] = FormatTimestamp(p.created_at);
  out["updated_at"] = FormatTimestamp(p.updated_at);
  if (!p.todosets.empty()) {
    out["todoset"] = SetJson(p.todosets.front());
    OJson lists = ListsJson(p.todosets.front());
    if (!lists.empty()) out["todolists"] = std::move(lists);
  } else {
    out["todoset"] = false;
  }
  if (p.todosets.size() > 1) {
    OJson sets = OJson::object();
    for (std::size_t i = 1; i < p.todosets.size(); ++i) {
      OJson s = SetJson(p.todosets[i]);
      OJson lists = ListsJson(p.todosets[i]);
      if (!lists.empty()) s["todolists"] = std::move(lists);
      sets[p.todosets[i].key] = std::move(s);
    }
    out["todosets"] = std::move(sets);
  }
  OJson recordings = OJson::array();
  for (const Recording& r : p.recordings) recordings.push_back(RecordingJson(r));
  if (!recordings.empty()) out["recordings"] = std::move(recordings);
  OJson entries = OJson::array();
  for (const TimesheetEntry& e : p.timesheet_entries) entries.push_back(EntryJson(e));
  if (!entries.empty()) out["timesheet_entries"] = std::move(entries);
  OJson subscriptions = OJson::array();
  for (const auto& [id, people] : p.subscriptions) {
    subscriptions.push_back({{"recording", id}, {"people", people}});
  }
  if (!subscriptions.empty()) out["subscriptions"] = std::move(subscriptions);
  OJson events = OJson::array();
  for (const RecordingEvent& e : p.events) {
    OJson ev = {{"id", e.id}, {"recording", e.recording}, {"action", e.action}};
    if (!e.creator.empty()) ev["creator"] = e.creator;
    ev["created_at"] = FormatTimestamp(e.created_at);
    if (!e.added_person_ids.empty()) ev["added_person_ids"] = e.added_person_ids;
    if (!e.removed_person_ids.empty()) ev["removed_person_ids"] = e.removed_person_ids;
    events.push_back(std::move(ev));
  }
  if (!events.empty()) out["events"] = std::move(events);
  return out;
}

OJson AccountJson(const Account& a) {
  OJson out = {{"id", a.id}, {"name", a.name}, {"product", a.product}};
  if (a.inactive) out["inactive"] = true;
  if (a.api_disabled) out["api_disabled"] = true;
  if (!a.serves_my_assignments) out["serves_my_assignments"] = false;
  OJson people = OJson::object();
  for (const Person& p : a.people) people[p.key] = PersonJson(p);
  out["people"] = std::move(people);
  OJson projects = OJson::object();
  for (const Project& p : a.projects) projects[p.key] = ProjectJson(p);
  out["projects"] = std::move(projects);
  return out;
}

void Emit(YAML::Emitter& out, const OJson& v) {
  switch (v.type()) {
    case OJson::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [k, item] : v.items()) {
        out << YAML::Key << YAML::DoubleQuoted << k << YAML::Value;
        Emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case OJson::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : v) Emit(out, item);
      out << YAML::EndSeq;
      break;
    case OJson::value_t::string: out << YAML::DoubleQuoted << v.get<std::string>(); break;
    case OJson::value_t::boolean: out << v.get<bool>(); break;
    case OJson::value_t::number_integer: out << v.get<std::int64_t>(); break;
    case OJson::value_t::number_unsigned: out << v.get<std::uint64_t>(); break;
    case OJson::value_t::number_float: out << v.get<double>(); break;
    default: out << YAML::Null; break;
  }
}

}  // namespace

OJson WorldToJson(const World& world, const ExportOptions& options) {
  OJson out = OJson::object();
  out["start_time"] = FormatTimestamp(options.now != 0 ? options.now : world.start_time);
  out["limits"] = LimitsJson(world.limits);
  OJson identities = OJson::object();
  for (const auto& [key, id] : world.identities) {
    identities[key] = {{"id", id.id}, {"email", id.email}, {"password", id.password},
                       {"first_name", id.first_name}, {"last_name", id.last_name}};
    if (id.removed) identities[key]["removed"] = true;
  }
  out["identities"] = std::move(identities);
  if (options.clients && !world.clients.empty()) {
    OJson clients = OJson::object();
    for (const auto& [key, c] : world.clients) {
      clients[key] = {{"client_id", c.client_id}, {"client_secret", c.client_secret},
                      {"redirect_uris", c.redirect_uris}, {"name", c.name},
                      {"rotate_refresh_token", c.rotate_refresh_token}};
    }
    out["clients"] = std::move(clients);
  }
  OJson accounts = OJson::object();
  for (const Account& a : world.accounts) accounts[a.key] = AccountJson(a);
  out["accounts"] = std::move(accounts);
  // So that a loaded copy gives the next write the id the original would.
  if (world.created != 0) out["api_creations"] = world.created;
  return out;
}

std::string JsonToYaml(const OJson& doc, const std::string& comment) {
  YAML::Emitter out;
  out.SetDoublePrecision(17);
  if (!comment.empty()) out << YAML::Comment(comment);
  Emit(out, doc);
  return std::string(out.c_str()) + "\n";
}

std::string WorldToYaml(const World& world, const ExportOptions& options) {
  OJson doc = {{"basecamp", WorldToJson(world, options)}};
  return JsonToYaml(doc, "bcsim world: load it as a scenario's basecamp: section (or include it)");
}

}  // namespace bcsim
