// The Activity family of endpoints (see routes.h): its part of the route table, and the
// helpers its files share (activity.h). Feeds are in endpoints_activity_feeds.cpp, search in
// endpoints_activity_search.cpp, bookmarks/boosts/gauges in endpoints_activity_marks.cpp, the
// caller's own lists (assignments, Up Next, readings, notes, drafts) in
// endpoints_activity_my.cpp.
#include <algorithm>

#include "api/activity.h"
#include "api/routes.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

template <const char* Filter>
ApiResponse Todos(Ctx& c, const PathArgs&) { return GetEverythingTodos(c, Filter); }
template <const char* Filter>
ApiResponse Cards(Ctx& c, const PathArgs&) { return GetEverythingCards(c, Filter); }

constexpr char kOpen[] = "open";
constexpr char kCompleted[] = "completed";
constexpr char kUnassigned[] = "unassigned";
constexpr char kNoDueDate[] = "no_due_date";
constexpr char kOverdue[] = "overdue";
constexpr char kNotNow[] = "not_now";

ApiResponse Messages(Ctx& c, const PathArgs&) { return GetEverythingOfTypes(c, {"Message"}); }
ApiResponse Checkins(Ctx& c, const PathArgs&) {
  return GetEverythingOfTypes(c, {"Question::Answer"});
}
ApiResponse Forwards(Ctx& c, const PathArgs&) { return GetEverythingOfTypes(c, {"Inbox::Forward"}); }
ApiResponse RecordingBoosts(Ctx& c, const PathArgs& a) { return ListBoosts(c, a[0], ""); }
ApiResponse BoostRecording(Ctx& c, const PathArgs& a) { return CreateBoost(c, a[0], ""); }
ApiResponse EventBoosts(Ctx& c, const PathArgs& a) { return ListBoosts(c, a[0], a[1]); }
ApiResponse BoostEvent(Ctx& c, const PathArgs& a) { return CreateBoost(c, a[0], a[1]); }

// GET recordings/{id}: any visible recording as its own type renders it. The SDK's
// recordings.get sends this form; the document does not write it (Rails serves it).
ApiResponse GetRecording(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisible(c, a[0]);
  if (!r) return NotFound();
  return Json200(RenderAnyRecording(c, *r));
}

}  // namespace

std::vector<Route> ActivityRoutes() {
  return {
      {"GET", "/{accountId}/todos/open.json", Todos<kOpen>, false},
      {"GET", "/{accountId}/todos/completed.json", Todos<kCompleted>, false},
      {"GET", "/{accountId}/todos/unassigned.json", Todos<kUnassigned>, false},
      {"GET", "/{accountId}/todos/no_due_date.json", Todos<kNoDueDate>, false},
      {"GET", "/{accountId}/todos/overdue.json", Todos<kOverdue>, false},
      {"GET", "/{accountId}/cards/open.json", Cards<kOpen>, false},
      {"GET", "/{accountId}/cards/completed.json", Cards<kCompleted>, false},
      {"GET", "/{accountId}/cards/unassigned.json", Cards<kUnassigned>, false},
      {"GET", "/{accountId}/cards/no_due_date.json", Cards<kNoDueDate>, false},
      {"GET", "/{accountId}/cards/overdue.json", Cards<kOverdue>, false},
      {"GET", "/{accountId}/cards/not_now.json", Cards<kNotNow>, false},
      {"GET", "/{accountId}/messages.json", Messages, false},
      {"GET", "/{accountId}/checkins.json", Checkins, false},
      {"GET", "/{accountId}/forwards.json", Forwards, false},
      {"GET", "/{accountId}/files.json", NoArgs<GetEverythingFiles>, false},
      {"GET", "/{accountId}/search.json", NoArgs<Search>, false},
      {"GET", "/{accountId}/searches/metadata.json", NoArgs<GetSearchMetadata>, false},
      {"GET", "/{accountId}/recordings/{recordingId}", GetRecording, true},
      {"GET", "/{accountId}/my/bookmarks.json", NoArgs<ListMyBookmarks>, false},
      {"GET", "/{accountId}/recordings/{recordingId}/bookmark.json", OneArg<GetBookmark>, true},
      {"POST", "/{accountId}/recordings/{recordingId}/bookmark.json", OneArg<CreateBookmark>,
       true},
      {"DELETE", "/{accountId}/recordings/{recordingId}/bookmark.json", OneArg<DeleteBookmark>,
       true},
      {"GET", "/{accountId}/recordings/{recordingId}/boosts.json", RecordingBoosts, true},
      {"POST", "/{accountId}/recordings/{recordingId}/boosts.json", BoostRecording, true},
      {"GET", "/{accountId}/recordings/{recordingId}/events/{eventId}/boosts.json", EventBoosts,
       true},
      {"POST", "/{accountId}/recordings/{recordingId}/events/{eventId}/boosts.json", BoostEvent,
       true},
      {"GET", "/{accountId}/boosts/{boostId}", OneArg<GetBoost>, true},
      {"DELETE", "/{accountId}/boosts/{boostId}", OneArg<DeleteBoost>, true},
      {"GET", "/{accountId}/my/assignments/completed.json", NoArgs<GetMyCompletedAssignments>,
       false},
      {"GET", "/{accountId}/my/assignments/due.json", NoArgs<GetMyDueAssignments>, false},
      {"POST", "/{accountId}/my/priorities.json", NoArgs<PrioritizeAssignment>, false},
      {"DELETE", "/{accountId}/my/priorities/{recordingId}", OneArg<DeprioritizeAssignment>,
       false},
      {"POST", "/{accountId}/my/priority_moves.json", NoArgs<ReorderUpNext>, false},
      {"GET", "/{accountId}/my/readings.json", NoArgs<GetMyReadings>, false},
      {"GET", "/{accountId}/my/readings/bubble_ups.json", NoArgs<GetBubbleUps>, false},
      {"PUT", "/{accountId}/my/unreads.json", NoArgs<MarkAsRead>, false},
      {"GET", "/{accountId}/my/notes.json", NoArgs<GetMyNote>, false},
      {"PUT", "/{accountId}/my/notes.json", NoArgs<UpdateMyNote>, false},
      {"GET", "/{accountId}/my/drafts.json", NoArgs<ListMyDrafts>, false},
      {"PUT", "/{accountId}/projects/{projectId}/gauge.json", OneArg<ToggleGauge>, false},
      {"GET", "/{accountId}/projects/{projectId}/gauge/needles.json", OneArg<ListGaugeNeedles>,
       false},
      {"POST", "/{accountId}/projects/{projectId}/gauge/needles.json",
       OneArg<CreateGaugeNeedle>, false},
      {"GET", "/{accountId}/gauge_needles/{needleId}", OneArg<GetGaugeNeedle>, true},
      {"PUT", "/{accountId}/gauge_needles/{needleId}", OneArg<UpdateGaugeNeedle>, true},
      {"DELETE", "/{accountId}/gauge_needles/{needleId}", OneArg<DestroyGaugeNeedle>, true},
      {"GET", "/{accountId}/reports/gauges.json", NoArgs<ListGauges>, false},
  };
}

Json RenderActivityRecording(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  out["content"] = rec.content;
  out["content_attachments"] = Json::array();
  // The string fields the shared Recording shape knows, when the type keeps them.
  for (const char* key : {"subject", "description", "group_on", "from"}) {
    auto it = rec.fields.find(key);
    if (it != rec.fields.end() && it->is_string()) out[key] = *it;
  }
  return out;
}

Json RenderCard(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  out["content"] = rec.content;
  out["description"] = rec.fields.value("description", rec.content);
  out["description_attachments"] = Json::array();
  auto due = rec.fields.find("due_on");
  out["due_on"] = due != rec.fields.end() && due->is_string() ? *due : Json(nullptr);
  const bool completed = rec.fields.value("completed", false);
  out["completed"] = completed;
  Json assignees = Json::array();
  if (auto a = rec.fields.find("assignees"); a != rec.fields.end() && a->is_array()) {
    for (const Json& key : *a) {
      if (key.is_string()) assignees.push_back(RenderPersonByKey(c.rc, key.get<std::string>()));
    }
  }
  out["assignees"] = std::move(assignees);
  out["completion_subscribers"] = Json::array();
  out["completion_url"] = c.rc.urls.api + "/todos/" + std::to_string(rec.id) + "/completion.json";
  out["steps"] = Json::array();
  return out;
}

Json RenderAnyRecording(Ctx& c, const RecordingRef& r) {
  if (r.todo != nullptr) return RenderTodo(c.rc, *r.project, *r.holder(), *r.todo);
  if (r.list != nullptr) {
    return RenderTodolist(c.rc, *r.project, *r.set, r.group != nullptr ? r.list : nullptr,
                          *r.holder());
  }
  if (r.set != nullptr) {
    const std::size_t index = static_cast<std::size_t>(r.set - r.project->todosets.data());
    return RenderTodoset(c.rc, *r.project, *r.set, DockPosition(*r.project, index));
  }
  if (r.recording != nullptr && r.type == "Comment") {
    if (std::optional<RecordingRef> parent = FindRecording(c.world, r.parent)) {
      return RenderComment(c.rc, r, *parent);
    }
  }
  if (r.recording != nullptr && r.type == "Kanban::Card") return RenderCard(c, r);
  if (r.recording != nullptr) return RenderActivityRecording(c, r);
  // A timesheet entry: the shared envelope from its parent to-do.
  Json out = RenderParent(c.rc, r);
  out["status"] = "active";
  out["visible_to_clients"] = false;
  out["inherits_status"] = true;
  out["created_at"] = FormatTimestamp(r.entry->created_at);
  out["updated_at"] = FormatTimestamp(r.entry->updated_at);
  out["bucket"] = RenderBucket(*r.project);
  out["creator"] = RenderPersonByKey(c.rc, r.entry->creator);
  return out;
}

std::vector<Id> IdParams(const ApiRequest& req, const std::string& key) {
  std::vector<Id> out;
  auto [begin, end] = req.params.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    if (std::optional<Id> id = ParseId(it->second)) out.push_back(*id);
  }
  return out;
}

std::vector<std::string> StringParams(const ApiRequest& req, const std::string& key) {
  std::vector<std::string> out;
  auto [begin, end] = req.params.equal_range(key);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

const Person* PersonById(Ctx& c, Id id) {
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &c.account.people[it->second];
}

PersonalState& MyState(Ctx& c) { return c.account.personal[c.me.key]; }

const PersonalState* MyStateIfAny(const Ctx& c) {
  auto it = c.account.personal.find(c.me.key);
  return it == c.account.personal.end() ? nullptr : &it->second;
}

std::vector<RecordingRef> VisibleRecordings(Ctx& c) {
  std::vector<Id> ids;
  for (const Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    if (c.bucket && *c.bucket != p.id) continue;
    for (const Todoset& s : p.todosets) {
      if (!s.enabled) continue;
      for (const Todolist& l : s.todolists) {
        ids.push_back(l.id);
        for (const Todo& t : l.todos) ids.push_back(t.id);
        for (const Todolist& g : l.groups) {
          ids.push_back(g.id);
          for (const Todo& t : g.todos) ids.push_back(t.id);
        }
      }
    }
    for (const Recording& r : p.recordings) ids.push_back(r.id);
  }
  std::vector<RecordingRef> out;
  out.reserve(ids.size());
  for (Id id : ids) {
    if (std::optional<RecordingRef> r = FindVisible(c, id)) out.push_back(*r);
  }
  return out;
}

std::string PlainText(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char ch : html) {
    if (ch == '<') {
      in_tag = true;
      continue;
    }
    if (ch == '>') {
      in_tag = false;
      out += ' ';
      continue;
    }
    if (!in_tag) out += ch;
  }
  return out;
}

std::string DateOf(Millis t) { return FormatTimestamp(t).substr(0, 10); }

}  // namespace bcsim::api
