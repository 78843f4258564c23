// To-dos straight into a to-do set, hill charts, the progress / upcoming / overdue reports and
// lineup markers: views computed from the world across the caller's projects.
#include <algorithm>

#include "api/paginate.h"
#include "api/work.h"
#include "bcsim/recording_types.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::work {
namespace {

std::string Num(Id id) { return std::to_string(id); }
constexpr Millis kDay = 24LL * 3600 * 1000;

Json Small(const RenderContext& rc, const std::string& key) {
  Json p = RenderPersonByKey(rc, key);
  return Json{{"id", p["id"]}, {"name", p["name"]}, {"avatar_url", p["avatar_url"]}};
}


// Every event of the caller's active projects on a recording it can see, newest first;
// `person` filters by creator.
std::vector<std::pair<const RecordingEvent*, RecordingRef>> Progress(Ctx& c, const std::string* person) {
  std::vector<std::pair<const RecordingEvent*, RecordingRef>> out;
  for (Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    for (const RecordingEvent& e : p.events) {
      if (e.action == "comment_created" || (person != nullptr && e.creator != *person)) continue;
      if (std::optional<RecordingRef> r = FindVisible(c, e.recording)) out.emplace_back(&e, *r);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first->created_at != b.first->created_at ? a.first->created_at > b.first->created_at
                                                      : a.first->id > b.first->id;
  });
  return out;
}

Json RenderTimelineEvent(Ctx& c, const RecordingEvent& e, const RecordingRef& r) {
  Json parent = RenderParent(c.rc, r);
  return Json{{"id", e.id},
              {"created_at", FormatTimestamp(e.created_at)},
              {"kind", SnakeType(r.type) + "_" + e.action},
              {"parent_recording_id", r.parent},
              {"url", parent["url"]},
              {"app_url", parent["app_url"]},
              {"creator", RenderPersonByKey(c.rc, e.creator)},
              {"action", e.action},
              {"target", SnakeType(r.type)},
              {"title", parent["title"]},
              {"summary_excerpt", ""},
              {"bucket", RenderBucket(*r.project)}};
}

}  // namespace

// POST buckets/{b}/todosets/{id}/todos.json: a to-do in the set's first active list.
ApiResponse CreateTodosetTodo(Ctx& c, const PathArgs& a) {
  const std::optional<Id> sid = ParseId(a[0]);
  std::optional<Found> f = sid ? FindTodoset(c, *sid) : std::nullopt;
  if (!f || !f->set->enabled) return NotFound();
  for (const Todolist& l : f->set->todolists) {
    if (l.status == RecordingStatus::kActive) return PostTodo(c, Num(l.id));
  }
  return Unprocessable("The to-do set has no active to-do list to hold the to-do");
}

namespace {

Json RenderHill(Ctx& c, const Found& f) {
  const Todoset& s = *f.set;
  const std::string app = c.rc.urls.app + "/buckets/" + Num(f.project->id) + "/todosets/" + Num(s.id);
  Json dots = Json::array();
  for (const Todolist& l : s.todolists) {
    if (l.status != RecordingStatus::kActive ||
        std::find(s.hill_tracked.begin(), s.hill_tracked.end(), l.id) == s.hill_tracked.end()) {
      continue;
    }
    int done = 0, total = 0;
    for (const Todo& t : l.todos) {
      if (t.status != RecordingStatus::kActive) continue;
      ++total;
      done += t.completed ? 1 : 0;
    }
    // Position on the hill (0..100): how far the list's to-dos are done.
    dots.push_back({{"id", l.id},
                    {"label", l.name},
                    {"color", "blue"},
                    {"position", total == 0 ? 0 : done * 100 / total},
                    {"url", c.rc.urls.api + "/buckets/" + Num(f.project->id) + "/todolists/" + Num(l.id) + ".json"},
                    {"app_url", c.rc.urls.app + "/buckets/" + Num(f.project->id) + "/todolists/" + Num(l.id)}});
  }
  Json out{{"enabled", !s.hill_tracked.empty()},
           {"stale", false},
           {"app_update_url", app + "/hill/edit"},
           {"app_versions_url", app + "/hill/versions"},
           {"dots", std::move(dots)}};
  if (s.hill_updated_at != 0) out["updated_at"] = FormatTimestamp(s.hill_updated_at);
  return out;
}

}  // namespace

ApiResponse GetHillChart(Ctx& c, const PathArgs& a) {
  const std::optional<Id> sid = ParseId(a[0]);
  std::optional<Found> f = sid ? FindTodoset(c, *sid) : std::nullopt;
  if (!f || !f->set->enabled) return NotFound();
  return Json200(RenderHill(c, *f));
}

// PUT todosets/{id}/hills/settings.json {tracked: [list ids], untracked: [list ids]}.
ApiResponse UpdateHillChart(Ctx& c, const PathArgs& a) {
  const std::optional<Id> sid = ParseId(a[0]);
  std::optional<Found> f = sid ? FindTodoset(c, *sid) : std::nullopt;
  if (!f || !f->set->enabled) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  Todoset& s = *f->set;
  std::vector<Id> tracked = s.hill_tracked;
  for (const char* key : {"tracked", "untracked"}) {
    const Json ids = body->value(key, Json::array());
    if (!ids.is_array()) return Unprocessable(std::string(key) + " must be a list of to-do list ids");
    for (const Json& id : ids) {
      const bool known = id.is_number_integer() &&
                         std::any_of(s.todolists.begin(), s.todolists.end(),
                                     [&](const Todolist& l) { return l.id == id.get<Id>(); });
      if (!known) return Unprocessable(std::string(key) + " must name to-do lists of this to-do set");
      tracked.erase(std::remove(tracked.begin(), tracked.end(), id.get<Id>()), tracked.end());
      if (std::string(key) == "tracked") tracked.push_back(id.get<Id>());
    }
  }
  if (tracked != s.hill_tracked) {
    s.hill_tracked = tracked;
    s.hill_updated_at = c.req.now;
    RecordEvent(*f->project, c.world, s.id, "hill_updated", c.me.key, c.req.now);
  }
  return Json200(RenderHill(c, *f));
}

ApiResponse ProgressReport(Ctx& c, const PathArgs&) {
  const auto items = Progress(c, nullptr);
  return Paginate(c.req, c.world.limits.page_size, items.size(), [&](std::size_t i) {
    return RenderTimelineEvent(c, *items[i].first, items[i].second);
  });
}

// GET reports/users/progress/{person}.json: {person, events} (the events are paginated).
ApiResponse PersonProgress(Ctx& c, const PathArgs& a) {
  const std::optional<Id> pid = ParseId(a[0]);
  const Person* person = pid ? PersonById(c, *pid) : nullptr;
  if (person == nullptr) return NotFound();
  const auto items = Progress(c, &person->key);
  ApiResponse page = Paginate(c.req, c.world.limits.page_size, items.size(), [&](std::size_t i) {
    return RenderTimelineEvent(c, *items[i].first, items[i].second);
  });
  page.body = Json{{"person", RenderPerson(c.rc, *person)}, {"events", Json::parse(page.body)}}.dump();
  return page;
}

// GET reports/schedules/upcoming.json?window_starts_on&window_ends_on: schedule entries
// overlapping the window and the caller's projects' to-dos and cards due (or starting) in it.
ApiResponse UpcomingSchedule(Ctx& c, const PathArgs&) {
  const std::string from = Param(c.req, "window_starts_on");
  const std::string to = Param(c.req, "window_ends_on");
  if (!IsValidDate(from) || !IsValidDate(to) || to < from) {
    return Unprocessable("window_starts_on and window_ends_on must be dates (YYYY-MM-DD), in order");
  }
  const Millis start = *ParseTimestamp(from), end = *ParseTimestamp(to) + kDay;
  Json entries = Json::array(), assignables = Json::array();
  auto in_window = [&](const std::optional<std::string>& d) { return d && *d >= from && *d <= to; };
  for (Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    const Json bucket{{"id", p.id}, {"name", p.name}};
    for (const Recording& rec : p.recordings) {
      if (rec.status != RecordingStatus::kActive) continue;
      const bool entry = rec.type == "Schedule::Entry";
      const bool card = rec.type == "Kanban::Card" || rec.type == "Kanban::Step";
      if (!entry && !card) continue;
      std::optional<RecordingRef> r = FindVisible(c, rec.id);
      if (!r) continue;
      if (entry) {
        const Millis s = rec.fields.value("starts_at", Millis{0}), e = rec.fields.value("ends_at", Millis{0});
        if (e < start || s >= end) continue;
        Json people = Json::array();
        for (const Json& k : rec.fields.value("participants", Json::array())) people.push_back(Small(c.rc, k.get<std::string>()));
        entries.push_back({{"id", rec.id}, {"status", "active"}, {"visible_to_clients", rec.visible_to_clients},
                           {"url", RecordingUrl(c.rc, *r)}, {"app_url", RecordingAppUrl(c.rc, *r)},
                           {"type", rec.type}, {"summary", rec.title},
                           {"all_day", rec.fields.value("all_day", false)}, {"recurring", rec.fields.contains("recurrence")},
                           {"starts_at", FormatTimestamp(s)}, {"ends_at", FormatTimestamp(e)},
                           {"creator", Small(c.rc, rec.creator)}, {"participants", std::move(people)},
                           {"bucket", bucket}, {"comments_count", CommentsCount(c.world, rec.id)}});
        continue;
      }
      const Json due = rec.fields.value("due_on", Json());
      if (!due.is_string() || !in_window(due.get<std::string>())) continue;
      Json people = Json::array();
      for (const Json& k : rec.fields.value("assignees", Json::array())) people.push_back(Small(c.rc, k.get<std::string>()));
      std::optional<RecordingRef> parent = FindRecording(c.world, rec.parent);
      assignables.push_back({{"id", rec.id}, {"status", "active"}, {"visible_to_clients", rec.visible_to_clients},
                             {"url", RecordingUrl(c.rc, *r)}, {"app_url", RecordingAppUrl(c.rc, *r)},
                             {"due_on", due}, {"type", rec.type}, {"content", rec.title},
                             {"assignees", std::move(people)}, {"bucket", bucket},
                             {"parent", {{"id", rec.parent}, {"title", parent && parent->recording ? parent->recording->title : ""}}},
                             {"completion_url", RecordingUrl(c.rc, *r)},
                             {"completed", rec.fields.value("completed", false)}, {"repeating", false},
                             {"comments_count", CommentsCount(c.world, rec.id)}});
    }
    for (const Todoset& s : p.todosets) {
      if (!s.enabled) continue;
      auto add = [&](const Todolist& holder, const Todo& t) {
        if (t.status != RecordingStatus::kActive || (!in_window(t.due_on) && !in_window(t.starts_on))) return;
        Json people = Json::array();
        for (const std::string& k : t.assignees) people.push_back(Small(c.rc, k));
        const std::string url = c.rc.urls.api + "/buckets/" + Num(p.id) + "/todos/" + Num(t.id);
        Json item{{"id", t.id}, {"status", "active"}, {"visible_to_clients", false},
                  {"url", url + ".json"}, {"app_url", c.rc.urls.app + "/buckets/" + Num(p.id) + "/todos/" + Num(t.id)},
                  {"type", "Todo"}, {"content", t.title}, {"assignees", std::move(people)}, {"bucket", bucket},
                  {"parent", {{"id", holder.id}, {"title", holder.name}}},
                  {"completion_url", c.rc.urls.api + "/todos/" + Num(t.id) + "/completion.json"},
                  {"completed", t.completed}, {"repeating", false}, {"comments_count", CommentsCount(c.world, t.id)}};
        if (t.starts_on) item["starts_on"] = *t.starts_on;
        if (t.due_on) item["due_on"] = *t.due_on;
        if (t.completed) {
          item["completion"] = {{"created_at", FormatTimestamp(t.completed_at.value_or(t.updated_at))},
                                {"creator", Small(c.rc, t.completed_by)}};
        }
        assignables.push_back(std::move(item));
      };
      for (const Todolist& l : s.todolists) {
        if (l.status != RecordingStatus::kActive) continue;
        for (const Todo& t : l.todos) add(l, t);
        for (const Todolist& g : l.groups) {
          if (g.status != RecordingStatus::kActive) continue;
          for (const Todo& t : g.todos) add(g, t);
        }
      }
    }
  }
  return Json200({{"schedule_entries", std::move(entries)},
                  {"recurring_schedule_entry_occurrences", Json::array()},
                  {"assignables", std::move(assignables)}});
}

// GET reports/todos/overdue.json: open to-dos past due, by how late they are.
ApiResponse OverdueTodos(Ctx& c, const PathArgs&) {
  const Millis today = *ParseTimestamp(DateOf(c.req.now));
  Json out{{"under_a_week_late", Json::array()}, {"over_a_week_late", Json::array()},
           {"over_a_month_late", Json::array()}, {"over_three_months_late", Json::array()}};
  for (Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    for (const Todoset& s : p.todosets) {
      if (!s.enabled) continue;
      auto add = [&](const Todolist& holder, const Todo& t) {
        if (t.status != RecordingStatus::kActive || t.completed || !t.due_on) return;
        StatusOr<Millis> due = ParseTimestamp(*t.due_on);
        if (!due.ok() || *due >= today) return;
        const Millis late = (today - *due) / kDay;
        const char* bucket = late < 7 ? "under_a_week_late" : late < 30 ? "over_a_week_late"
                             : late < 90 ? "over_a_month_late" : "over_three_months_late";
        out[bucket].push_back(RenderTodo(c.rc, p, holder, t));
      };
      for (const Todolist& l : s.todolists) {
        if (l.status != RecordingStatus::kActive) continue;
        for (const Todo& t : l.todos) add(l, t);
        for (const Todolist& g : l.groups) {
          if (g.status != RecordingStatus::kActive) continue;
          for (const Todo& t : g.todos) add(g, t);
        }
      }
    }
  }
  return Json200(out);
}

namespace {

Json RenderMarker(const Recording& m) {
  return Json{{"id", m.id}, {"name", m.title}, {"date", m.fields.value("date", "")},
              {"created_at", FormatTimestamp(m.created_at)}, {"updated_at", FormatTimestamp(m.updated_at)}};
}

Recording* FindMarker(Ctx& c, const std::string& id) {
  const std::optional<Id> mid = ParseId(id);
  for (Recording& m : c.account.lineup_markers) {
    if (mid && m.id == *mid && m.status == RecordingStatus::kActive) return &m;
  }
  return nullptr;
}

// 422 with the document's bare field-keyed body ({"date": ["is not a date"]}).
ApiResponse FieldError(const char* field, const char* message) {
  Json body = Json::object();
  body[field] = Json::array({message});
  return Json200(body, 422);
}

// name and date of a marker body; `create` requires both.
std::optional<ApiResponse> ApplyMarker(const Json& body, bool create, Recording& m) {
  const OptString name = OptionalString(body, "name");
  const OptString date = OptionalString(body, "date");
  if (name.bad || (name.value && name.value->empty()) || (create && !name.value)) {
    return FieldError("name", "can't be blank");
  }
  if (date.bad || (date.value && !IsValidDate(*date.value)) || (create && !date.value)) {
    return FieldError("date", "is not a date (YYYY-MM-DD)");
  }
  if (name.value) m.title = *name.value;
  if (date.value) m.fields["date"] = *date.value;
  return std::nullopt;
}

}  // namespace

ApiResponse ListLineupMarkers(Ctx& c, const PathArgs&) {
  std::vector<const Recording*> markers;
  for (const Recording& m : c.account.lineup_markers) {
    if (m.status == RecordingStatus::kActive) markers.push_back(&m);
  }
  std::stable_sort(markers.begin(), markers.end(), [](const Recording* x, const Recording* y) {
    return x->fields.value("date", "") < y->fields.value("date", "");
  });
  Json out = Json::array();
  for (const Recording* m : markers) out.push_back(RenderMarker(*m));
  return Json200(out);
}

// POST lineup/markers.json {name, date}: the document answers 201 with no body.
ApiResponse CreateLineupMarker(Ctx& c, const PathArgs&) {
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  Recording m;
  m.type = "Lineup::Marker";
  if (auto error = ApplyMarker(*body, true, m)) return *error;
  m.id = NewId(c.world, "lineup_marker");
  m.creator = c.me.key;
  m.created_at = m.updated_at = c.req.now;
  c.account.lineup_markers.push_back(std::move(m));
  ApiResponse r;
  r.status = 201;
  return r;
}

// PUT lineup/markers/{id} {name?, date?}: 200 with no body.
ApiResponse UpdateLineupMarker(Ctx& c, const PathArgs& a) {
  Recording* m = FindMarker(c, a[0]);
  if (m == nullptr) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  Recording next = *m;
  if (auto error = ApplyMarker(*body, false, next)) return *error;
  next.updated_at = c.req.now;
  *m = std::move(next);
  ApiResponse r;
  r.status = 200;
  return r;
}

ApiResponse DeleteLineupMarker(Ctx& c, const PathArgs& a) {
  Recording* m = FindMarker(c, a[0]);
  if (m == nullptr) return NotFound();
  if (c.me.client) return Forbidden();
  m->status = RecordingStatus::kTrashed;
  m->updated_at = c.req.now;
  return NoContent();
}

}  // namespace bcsim::api::work
