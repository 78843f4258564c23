#include "api/render.h"

#include <algorithm>

#include "bcsim/recording_types.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

std::string Num(Id id) { return std::to_string(id); }

Json Bucket(const Project& p) { return RenderBucket(p); }

Json Creator(const RenderContext& c) {
  for (const Person& p : c.account.people) {
    if (p.owner || p.admin) return RenderPerson(c, p);
  }
  if (!c.account.people.empty()) return RenderPerson(c, c.account.people.front());
  return Json{{"id", StableId("person", c.account.key + "/basecamp")}, {"name", "Basecamp"}};
}

struct Ratio {
  int done = 0, total = 0;
  explicit Ratio(const Todolist& list) {
    for (const Todo& t : list.todos) {
      if (t.status != RecordingStatus::kActive) continue;
      ++total;
      done += t.completed ? 1 : 0;
    }
  }
  std::string Text() const { return std::to_string(done) + "/" + std::to_string(total); }
  bool Completed() const { return total > 0 && done == total; }
};

}  // namespace

std::string StatusName(RecordingStatus status) {
  switch (status) {
    case RecordingStatus::kActive: return "active";
    case RecordingStatus::kArchived: return "archived";
    case RecordingStatus::kTrashed: return "trashed";
  }
  return "active";
}

std::vector<DockEntry> Dock(const Project& project) {
  std::vector<DockEntry> out;
  std::vector<const Recording*> tools;
  for (const Recording& r : project.recordings) {
    const RecordingType* t = r.parent == 0 ? FindRecordingType(r.type) : nullptr;
    // A trashed tool (DELETE dock/tools/{id}) leaves the dock.
    if (t != nullptr && !t->dock.empty() && r.status == RecordingStatus::kActive) {
      tools.push_back(&r);
    }
  }
  std::stable_sort(tools.begin(), tools.end(), [](const Recording* a, const Recording* b) {
    return a->position < b->position;
  });
  int position = 0;
  auto add_tool = [&](const Recording& r) {
    const bool enabled = ToolEnabled(r);
    out.push_back({FindRecordingType(r.type), &r, -1, enabled, enabled ? ++position : -1});
  };
  // The message board leads, then the to-do sets, then the other tools in their order.
  for (const Recording* r : tools) {
    if (r->type == "Message::Board") add_tool(*r);
  }
  for (std::size_t i = 0; i < project.todosets.size(); ++i) {
    const bool enabled = project.todosets[i].enabled;
    out.push_back({FindRecordingType("Todoset"), nullptr, static_cast<int>(i), enabled,
                   enabled ? ++position : -1});
  }
  for (const Recording* r : tools) {
    if (r->type != "Message::Board") add_tool(*r);
  }
  if (!project.dock_order.empty()) {
    // Repositioned (PUT recordings/{tool}/position.json): that order, then anything newer.
    auto rank = [&](const DockEntry& e) {
      const Id id = e.tool != nullptr ? e.tool->id
                                      : project.todosets[static_cast<std::size_t>(e.todoset)].id;
      auto it = std::find(project.dock_order.begin(), project.dock_order.end(), id);
      return it - project.dock_order.begin();
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const DockEntry& a, const DockEntry& b) { return rank(a) < rank(b); });
    position = 0;
    for (DockEntry& e : out) e.position = e.enabled ? ++position : -1;
  }
  return out;
}

int DockPosition(const Project& project, std::size_t todoset_index) {
  for (const DockEntry& e : Dock(project)) {
    if (e.todoset == static_cast<int>(todoset_index)) return e.position;
  }
  return -1;
}

bool ToolEnabled(const Recording& tool) {
  auto it = tool.fields.find("enabled");
  return it == tool.fields.end() || !it->is_boolean() || it->get<bool>();
}

Json RenderPerson(const RenderContext& c, const Person& p) {
  const std::string at = FormatTimestamp(c.world.start_time);
  const bool manager = p.admin || p.owner;
  return Json{{"id", p.id},
              {"attachable_sgid", "bcsim-person-" + Num(p.id)},
              {"name", p.name},
              {"email_address", p.email},
              {"personable_type", p.client ? "Client" : "User"},
              {"title", p.title},
              {"bio", p.bio},
              {"location", p.location},
              {"created_at", at},
              {"updated_at", at},
              {"admin", p.admin},
              {"owner", p.owner},
              {"client", p.client},
              {"employee", !p.client},
              {"time_zone", p.time_zone},
              {"avatar_url", c.urls.origin + "/avatars/" + Num(p.id) + ".png"},
              {"company", {{"id", c.account.id}, {"name", c.account.name}}},
              {"can_ping", true},
              {"can_manage_projects", manager},
              {"can_manage_people", manager},
              {"can_access_timesheet", p.can_access_timesheet},
              {"can_access_hill_charts", !p.client}};
}

Json RenderPersonByKey(const RenderContext& c, const std::string& key) {
  const auto& by_key = c.world.index.person_by_key[c.account_index];
  if (auto it = by_key.find(key); it != by_key.end()) return RenderPerson(c, c.account.people[it->second]);
  if (key.empty()) return Creator(c);
  Person former;
  former.key = key;
  former.id = StableId("person", c.account.key + "/" + key);
  former.name = "Former person";
  former.email = "";
  former.can_access_timesheet = false;
  return RenderPerson(c, former);
}

Json RenderProject(const RenderContext& c, const Project& p) {
  std::string text;
  JsonOut out(text);
  WriteProject(c, p, out);
  return Json::parse(text);
}

void WriteProject(const RenderContext& c, const Project& p, JsonOut& out) {
  const std::string id = Num(p.id);
  const std::string bucket = c.urls.api + "/buckets/" + id;
  const std::string app_bucket = c.urls.app + "/buckets/" + id;
  out.BeginObject();
  out.Key("id").Int(p.id);
  out.Key("status").String(StatusName(p.status));
  out.Key("created_at").String(FormatTimestamp(p.created_at));
  out.Key("updated_at").String(FormatTimestamp(p.updated_at));
  out.Key("name").String(p.name);
  out.Key("description").String(p.description);
  out.Key("purpose").String("topic");
  out.Key("clients_enabled").Bool(false);
  out.Key("timesheet_enabled").Bool(p.timesheet_enabled);
  if (p.start_date && p.end_date) {
    out.Key("start_date").String(*p.start_date);
    out.Key("end_date").String(*p.end_date);
  }
  out.Key("bookmark_url").String(c.urls.api + "/my/bookmarks/project-" + id + ".json");
  out.Key("url").String(c.urls.api + "/projects/" + id + ".json");
  out.Key("app_url").String(c.urls.app + "/projects/" + id);
  out.Key("dock").BeginArray();
  for (const DockEntry& e : Dock(p)) {
    const Id tid = e.tool != nullptr ? e.tool->id : p.todosets[static_cast<std::size_t>(e.todoset)].id;
    const std::string sid = Num(tid);
    const std::string segment(e.type->segment);
    out.BeginObject();
    out.Key("id").Int(tid);
    out.Key("title").String(e.tool != nullptr ? e.tool->title
                                              : p.todosets[static_cast<std::size_t>(e.todoset)].title);
    out.Key("name").String(std::string(e.type->dock));
    out.Key("enabled").Bool(e.enabled);
    if (e.position > 0) {
      out.Key("position").Int(e.position);
    } else {
      out.Key("position").Null();
    }
    out.Key("url").String(bucket + "/" + segment + "/" + sid + ".json");
    out.Key("app_url").String(app_bucket + "/" + segment + "/" + sid);
    out.EndObject();
  }
  out.EndArray();
  out.Key("bookmarked").Bool(false);
  out.EndObject();
}

Json RenderTodoset(const RenderContext& c, const Project& p, const Todoset& s, int dock_position) {
  const std::string url = c.urls.api + "/buckets/" + Num(p.id) + "/todosets/" + Num(s.id);
  const std::string app = c.urls.app + "/buckets/" + Num(p.id) + "/todosets/" + Num(s.id);
  int lists = 0, done = 0, total = 0;
  for (const Todolist& l : s.todolists) {
    if (l.status != RecordingStatus::kActive) continue;
    ++lists;
    for (const Todo& t : l.todos) {
      if (t.status != RecordingStatus::kActive) continue;
      ++total;
      done += t.completed ? 1 : 0;
    }
  }
  Json out{{"id", s.id},
           {"status", "active"},
           {"visible_to_clients", false},
           {"created_at", FormatTimestamp(s.created_at)},
           {"updated_at", FormatTimestamp(s.updated_at)},
           {"title", s.title},
           {"inherits_status", true},
           {"type", "Todoset"},
           {"url", url + ".json"},
           {"app_url", app},
           {"bookmark_url", c.urls.api + "/my/bookmarks/todoset-" + Num(s.id) + ".json"},
           {"bucket", Bucket(p)},
           {"creator", Creator(c)},
           {"name", "todoset"},
           {"todolists_count", lists},
           {"todolists_url", url + "/todolists.json"},
           {"completed_ratio", std::to_string(done) + "/" + std::to_string(total)},
           {"completed", total > 0 && done == total},
           {"app_todolists_url", app + "/todolists"}};
  if (dock_position > 0) out["position"] = dock_position;
  return out;
}

Json RenderTodolist(const RenderContext& c, const Project& p, const Todoset& s, const Todolist* list,
                    const Todolist& e) {
  const std::string bucket = c.urls.api + "/buckets/" + Num(p.id);
  const std::string app_bucket = c.urls.app + "/buckets/" + Num(p.id);
  const std::string url = bucket + "/todolists/" + Num(e.id);
  const std::string app = app_bucket + "/todolists/" + Num(e.id);
  const Ratio ratio(e);
  Json parent = list == nullptr
                    ? Json{{"id", s.id}, {"title", s.title}, {"type", "Todoset"},
                           {"url", bucket + "/todosets/" + Num(s.id) + ".json"},
                           {"app_url", app_bucket + "/todosets/" + Num(s.id)}}
                    : Json{{"id", list->id}, {"title", list->name}, {"type", "Todolist"},
                           {"url", bucket + "/todolists/" + Num(list->id) + ".json"},
                           {"app_url", app_bucket + "/todolists/" + Num(list->id)}};
  Json out{{"id", e.id},
           {"status", StatusName(e.status)},
           {"visible_to_clients", false},
           {"created_at", FormatTimestamp(e.created_at)},
           {"updated_at", FormatTimestamp(e.updated_at)},
           {"title", e.name},
           {"inherits_status", true},
           {"type", "Todolist"},
           {"url", url + ".json"},
           {"app_url", app},
           {"bookmark_url", c.urls.api + "/my/bookmarks/todolist-" + Num(e.id) + ".json"},
           {"subscription_url", c.urls.api + "/recordings/" + Num(e.id) + "/subscription.json"},
           {"bubble_up_url", c.urls.api + "/recordings/" + Num(e.id) + "/bubble_up.json"},
           {"comments_count", CommentsCount(c.world, e.id)},
           {"comments_url", c.urls.api + "/recordings/" + Num(e.id) + "/comments.json"},
           {"comments_app_url", app + "#comments"},
           {"position", e.position},
           {"parent", std::move(parent)},
           {"bucket", Bucket(p)},
           {"creator", Creator(c)},
           {"description", e.description},
           {"description_attachments", Json::array()},
           {"completed", ratio.Completed()},
           {"completed_ratio", ratio.Text()},
           {"name", e.name},
           {"color", nullptr},
           {"todos_url", url + "/todos.json"},
           {"app_todos_url", app + "/todos"}};
  if (list == nullptr) {
    out["groups_url"] = url + "/groups.json";
  } else {
    out["group_position_url"] = bucket + "/todolists/groups/" + Num(e.id) + "/position.json";
  }
  return out;
}

Json RenderTodo(const RenderContext& c, const Project& p, const Todolist& parent, const Todo& t) {
  const std::string bucket = c.urls.api + "/buckets/" + Num(p.id);
  const std::string app_bucket = c.urls.app + "/buckets/" + Num(p.id);
  Json assignees = Json::array();
  for (const std::string& key : t.assignees) assignees.push_back(RenderPersonByKey(c, key));
  Json out{{"id", t.id},
           {"status", StatusName(t.status)},
           {"visible_to_clients", false},
           {"created_at", FormatTimestamp(t.created_at)},
           {"updated_at", FormatTimestamp(t.updated_at)},
           {"title", t.title},
           {"inherits_status", true},
           {"type", "Todo"},
           {"url", bucket + "/todos/" + Num(t.id) + ".json"},
           {"app_url", app_bucket + "/todos/" + Num(t.id)},
           {"bookmark_url", c.urls.api + "/my/bookmarks/todo-" + Num(t.id) + ".json"},
           {"subscription_url", c.urls.api + "/recordings/" + Num(t.id) + "/subscription.json"},
           {"comments_count", CommentsCount(c.world, t.id)},
           {"comments_url", c.urls.api + "/recordings/" + Num(t.id) + "/comments.json"},
           {"position", t.position},
           {"parent", {{"id", parent.id}, {"title", parent.name}, {"type", "Todolist"},
                       {"url", bucket + "/todolists/" + Num(parent.id) + ".json"},
                       {"app_url", app_bucket + "/todolists/" + Num(parent.id)}}},
           {"bucket", Bucket(p)},
           {"creator", RenderPersonByKey(c, t.creator)},
           {"description", t.description},
           {"description_attachments", Json::array()},
           {"completed", t.completed},
           {"content", t.title},
           {"starts_on", t.starts_on ? Json(*t.starts_on) : Json(nullptr)},
           {"due_on", t.due_on ? Json(*t.due_on) : Json(nullptr)},
           {"assignees", std::move(assignees)},
           {"completion_subscribers", Json::array()},
           {"completion_url", c.urls.api + "/todos/" + Num(t.id) + "/completion.json"}};
  if (t.completed) {
    out["completion"] = {{"created_at", FormatTimestamp(t.completed_at.value_or(t.updated_at))},
                         {"creator", RenderPersonByKey(c, t.completed_by)}};
  }
  return out;
}

Json RenderMyAssignment(const RenderContext& c, const Project& p, const Todolist& parent, const Todo& t) {
  const std::string app_bucket = c.urls.app + "/buckets/" + Num(p.id);
  Json assignees = Json::array();
  for (const std::string& key : t.assignees) {
    Json person = RenderPersonByKey(c, key);
    assignees.push_back({{"id", person["id"]}, {"name", person["name"]}, {"avatar_url", person["avatar_url"]}});
  }
  Json out{{"id", t.id},
           {"app_url", app_bucket + "/todos/" + Num(t.id)},
           {"content", t.title},
           {"bucket", {{"id", p.id}, {"name", p.name}, {"app_url", c.urls.app + "/projects/" + Num(p.id)}}},
           {"completed", t.completed},
           {"type", "todo"},
           {"assignees", std::move(assignees)},
           {"comments_count", CommentsCount(c.world, t.id)},
           {"has_description", !t.description.empty()},
           {"parent", {{"id", parent.id}, {"title", parent.name}, {"app_url", app_bucket + "/todolists/" + Num(parent.id)}}},
           {"children", Json::array()}};
  // The schema types these as plain strings: an unset date is left out rather than null.
  if (t.starts_on) out["starts_on"] = *t.starts_on;
  if (t.due_on) out["due_on"] = *t.due_on;
  return out;
}

Json RenderTimesheetEntry(const RenderContext& c, const Project& p, const Todolist& parent,
                          const Todo& t, const TimesheetEntry& e) {
  (void)parent;
  return Json{{"id", e.id},
              {"status", "active"},
              {"visible_to_clients", false},
              {"created_at", FormatTimestamp(e.created_at)},
              {"updated_at", FormatTimestamp(e.updated_at)},
              {"title", e.hours + " hours"},
              {"inherits_status", true},
              {"type", "Timesheet::Entry"},
              {"url", c.urls.api + "/timesheet_entries/" + Num(e.id) + ".json"},
              {"app_url", c.urls.app + "/buckets/" + Num(p.id) + "/timesheet/entries/" + Num(e.id)},
              {"bookmark_url", c.urls.api + "/my/bookmarks/timesheet-entry-" + Num(e.id) + ".json"},
              {"parent", {{"id", t.id}, {"title", t.title}, {"type", "Todo"},
                          {"url", c.urls.api + "/buckets/" + Num(p.id) + "/todos/" + Num(t.id) + ".json"},
                          {"app_url", c.urls.app + "/buckets/" + Num(p.id) + "/todos/" + Num(t.id)}}},
              {"bucket", Bucket(p)},
              {"creator", RenderPersonByKey(c, e.creator)},
              {"date", e.date},
              {"description", e.description},
              {"hours", e.hours},
              {"person", RenderPersonByKey(c, e.person)}};
}

namespace {

std::string Segment(std::string_view type) {
  const RecordingType* t = FindRecordingType(type);
  return t != nullptr ? std::string(t->segment) : "recordings";
}

std::string TitleOf(const RecordingRef& r) {
  if (r.todo != nullptr) return r.todo->title;
  if (r.holder() != nullptr) return r.holder()->name;
  if (r.set != nullptr) return r.set->title;
  if (r.recording != nullptr) return r.recording->title;
  if (r.entry != nullptr) return r.entry->hours + " hours";
  return "";
}

}  // namespace

namespace {

// The type's url segment with {parent} filled in.
std::string SegmentOf(const RecordingRef& r) {
  std::string segment = Segment(r.type);
  const std::size_t at = segment.find("{parent}");
  if (at != std::string::npos) segment.replace(at, 8, Num(r.parent));
  return segment;
}

}  // namespace

std::string RecordingUrl(const RenderContext& c, const RecordingRef& r) {
  if (r.entry != nullptr) return c.urls.api + "/timesheet_entries/" + Num(r.id) + ".json";
  return c.urls.api + "/buckets/" + Num(r.project->id) + "/" + SegmentOf(r) + "/" + Num(r.id) +
         ".json";
}

std::string RecordingAppUrl(const RenderContext& c, const RecordingRef& r) {
  return c.urls.app + "/buckets/" + Num(r.project->id) + "/" + SegmentOf(r) + "/" + Num(r.id);
}

Json RenderParent(const RenderContext& c, const RecordingRef& r) {
  return Json{{"id", r.id},
              {"title", TitleOf(r)},
              {"type", std::string(r.type)},
              {"url", RecordingUrl(c, r)},
              {"app_url", RecordingAppUrl(c, r)}};
}

Json RenderComment(const RenderContext& c, const RecordingRef& r, const RecordingRef& parent) {
  const Recording& rec = *r.recording;
  const std::string id = Num(rec.id);
  return Json{{"id", rec.id},
              {"status", StatusName(rec.status)},
              {"visible_to_clients", false},
              {"created_at", FormatTimestamp(rec.created_at)},
              {"updated_at", FormatTimestamp(rec.updated_at)},
              {"title", rec.title},
              {"inherits_status", true},
              {"type", "Comment"},
              {"url", RecordingUrl(c, r)},
              {"app_url", RecordingAppUrl(c, parent) + "#__recording_" + id},
              {"bookmark_url", c.urls.api + "/my/bookmarks/comment-" + id + ".json"},
              {"parent", RenderParent(c, parent)},
              {"bucket", Bucket(*r.project)},
              {"creator", RenderPersonByKey(c, rec.creator)},
              {"content", rec.content},
              {"content_attachments", Json::array()},
              {"boosts_count", BoostsCount(*r.project, rec.id)},
              {"boosts_url", c.urls.api + "/recordings/" + id + "/boosts.json"}};
}

Json RenderBucket(const Project& p) {
  return Json{{"id", p.id}, {"name", p.name}, {"type", "Project"}};
}

Json RenderRecordingBase(const RenderContext& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  const std::string id = Num(rec.id);
  Json out{{"id", rec.id},
           {"status", StatusName(rec.status)},
           {"visible_to_clients", rec.visible_to_clients},
           {"created_at", FormatTimestamp(rec.created_at)},
           {"updated_at", FormatTimestamp(rec.updated_at)},
           {"title", rec.title},
           {"inherits_status", true},
           {"type", rec.type},
           {"url", RecordingUrl(c, r)},
           {"app_url", RecordingAppUrl(c, r)},
           {"bookmark_url", c.urls.api + "/recordings/" + id + "/bookmark.json"},
           {"subscription_url", c.urls.api + "/recordings/" + id + "/subscription.json"},
           {"comments_count", CommentsCount(c.world, rec.id)},
           {"comments_url", c.urls.api + "/recordings/" + id + "/comments.json"},
           {"position", rec.position},
           {"bucket", RenderBucket(*r.project)},
           {"creator", RenderPersonByKey(c, rec.creator)},
           {"boosts_count", BoostsCount(*r.project, rec.id)},
           {"boosts_url", c.urls.api + "/recordings/" + id + "/boosts.json"}};
  if (rec.parent != 0) {
    // A const World would do; FindRecording takes the mutable one it indexes.
    World& world = const_cast<World&>(c.world);
    if (std::optional<RecordingRef> parent = FindRecording(world, rec.parent)) {
      out["parent"] = RenderParent(c, *parent);
    }
  }
  return out;
}

namespace {

// Boosts on one event (GET /recordings/{r}/events/{e}/boosts.json), from the recording's project.
int EventBoosts(const RenderContext& c, const RecordingEvent& e) {
  std::optional<RecordingRef> r = FindRecording(const_cast<World&>(c.world), e.recording);
  return r ? BoostsCount(*r->project, e.recording, e.id) : 0;
}

}  // namespace

Json RenderEvent(const RenderContext& c, const RecordingEvent& e) {
  Json out{{"id", e.id},
           {"recording_id", e.recording},
           {"action", e.action},
           {"details", Json::object()},
           {"created_at", FormatTimestamp(e.created_at)},
           {"creator", RenderPersonByKey(c, e.creator)},
           {"boosts_count", EventBoosts(c, e)},
           {"boosts_url", c.urls.api + "/recordings/" + Num(e.recording) + "/events/" +
                              Num(e.id) + "/boosts.json"}};
  if (!e.added_person_ids.empty() || !e.removed_person_ids.empty()) {
    out["details"] = {{"added_person_ids", e.added_person_ids},
                      {"removed_person_ids", e.removed_person_ids}};
  }
  return out;
}

}  // namespace bcsim::api
