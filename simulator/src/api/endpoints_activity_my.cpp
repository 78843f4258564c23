// The caller's own lists: completed and due assignments, Up Next (priorities), the
// notification inbox (my/readings, computed from the events of what they are subscribed to,
// less what they marked read), their notebook (my/notes) and their drafts. Personal writes
// record no recording event: nobody else sees them.
#include <algorithm>

#include "api/activity.h"
#include "api/paginate.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

std::string Num(Id id) { return std::to_string(id); }

struct Assignment {
  Project* project;
  Todolist* holder;
  Todo* todo;
};

// To-dos assigned to the caller, active, in active projects and enabled to-do sets.
std::vector<Assignment> MyTodos(Ctx& c) {
  std::vector<Assignment> out;
  for (Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    for (Todoset& s : p.todosets) {
      if (!s.enabled) continue;
      auto add = [&](Todolist& holder, Todo& t) {
        if (t.status != RecordingStatus::kActive || holder.status != RecordingStatus::kActive) return;
        if (std::find(t.assignees.begin(), t.assignees.end(), c.me.key) == t.assignees.end()) return;
        out.push_back({&p, &holder, &t});
      };
      for (Todolist& l : s.todolists) {
        for (Todo& t : l.todos) add(l, t);
        for (Todolist& g : l.groups) {
          for (Todo& t : g.todos) add(g, t);
        }
      }
    }
  }
  return out;
}

// Days since 1970-01-01 of a YYYY-MM-DD date (the civil-from-days inverse); nullopt if malformed.
std::optional<long> DayNumber(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr const char* kScopes[] = {"overdue", "due_today", "due_tomorrow", "due_later_this_week",
                                   "due_next_week", "due_later"};

// Whether a due day falls in `scope`, today being `today` (weeks run Monday to Sunday).
bool InScope(const std::string& scope, long due, long today) {
  const long weekday = ((today % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
  const long end_of_week = today + (6 - weekday);
  if (scope == "overdue") return due < today;
  if (scope == "due_today") return due == today;
  if (scope == "due_tomorrow") return due == today + 1;
  if (scope == "due_later_this_week") return due > today + 1 && due <= end_of_week;
  if (scope == "due_next_week") return due > end_of_week && due <= end_of_week + 7;
  return due > end_of_week + 7;  // due_later
}

// --- notifications ---

struct Notice {
  RecordingRef r;
  const RecordingEvent* latest;  // the newest event by someone else
  int unread_count;
  Millis read_at;  // 0: never read
};

std::vector<Notice> Notices(Ctx& c) {
  const PersonalState* state = MyStateIfAny(c);
  std::vector<Notice> out;
  for (const RecordingRef& r : VisibleRecordings(c)) {
    const std::vector<std::string> subs = Subscribers(r);
    if (std::find(subs.begin(), subs.end(), c.me.key) == subs.end()) continue;
    Millis read_at = 0;
    if (state != nullptr) {
      if (auto it = state->read_at.find(r.id); it != state->read_at.end()) read_at = it->second;
    }
    const RecordingEvent* latest = nullptr;
    int unread = 0;
    for (const RecordingEvent& e : r.project->events) {
      if (e.recording != r.id || e.creator == c.me.key) continue;
      latest = &e;
      unread += e.created_at > read_at ? 1 : 0;
    }
    if (latest != nullptr) out.push_back({r, latest, unread, read_at});
  }
  std::stable_sort(out.begin(), out.end(), [](const Notice& a, const Notice& b) {
    return a.latest->created_at > b.latest->created_at;
  });
  return out;
}

std::string Sgid(Id recording) { return "bcsim-readable-" + Num(recording); }

Json RenderNotice(Ctx& c, const Notice& n) {
  const Json full = RenderAnyRecording(c, n.r);
  std::string excerpt = PlainText(n.r.recording != nullptr ? n.r.recording->content : "");
  if (excerpt.size() > 200) excerpt.resize(200);
  Json out{{"id", n.r.id},
           {"created_at", FormatTimestamp(n.latest->created_at)},
           {"updated_at", FormatTimestamp(n.latest->created_at)},
           {"section", "inbox"},
           {"unread_count", n.unread_count},
           {"readable_sgid", Sgid(n.r.id)},
           {"readable_identifier", Sgid(n.r.id)},
           {"title", full.value("title", std::string())},
           {"type", std::string(n.r.type)},
           {"bucket_name", n.r.project->name},
           {"creator", RenderPersonByKey(c.rc, n.latest->creator)},
           {"content_excerpt", excerpt},
           {"app_url", RecordingAppUrl(c.rc, n.r)},
           {"bookmark_url", c.rc.urls.api + "/recordings/" + Num(n.r.id) + "/bookmark.json"},
           {"subscription_url",
            c.rc.urls.api + "/recordings/" + Num(n.r.id) + "/subscription.json"},
           {"subscribed", true},
           {"previewable_attachments", Json::array()},
           {"participants", Json::array()},
           {"named", false}};
  if (n.unread_count > 0) out["unread_at"] = FormatTimestamp(n.latest->created_at);
  if (n.read_at > 0) out["read_at"] = FormatTimestamp(n.read_at);
  return out;
}

Json NoteBody(Ctx& c) {
  const PersonalState* s = MyStateIfAny(c);
  const bool written = s != nullptr && s->note_id != 0;
  return Json{{"id", written ? Json(s->note_id) : Json(nullptr)},
              {"type", "Notebook"},
              {"created_at", written ? Json(FormatTimestamp(s->note_created_at)) : Json(nullptr)},
              {"updated_at", written ? Json(FormatTimestamp(s->note_updated_at)) : Json(nullptr)},
              {"content", written ? s->note : std::string()},
              {"content_attachments", Json::array()},
              {"url", c.rc.urls.api + "/my/notes.json"},
              {"app_url", c.rc.urls.app + "/my/notes"}};
}

ApiResponse NoteRejected(const std::string& field, const std::string& message) {
  return Json200({{"error", field + " " + message},
                  {"errors", {{field, Json::array({message})}}}},
                 422);
}

}  // namespace

ApiResponse GetMyCompletedAssignments(Ctx& c) {
  if (!c.account.serves_my_assignments) return NotFound();
  std::vector<Assignment> done;
  for (const Assignment& a : MyTodos(c)) {
    if (a.todo->completed) done.push_back(a);
  }
  std::stable_sort(done.begin(), done.end(), [](const Assignment& a, const Assignment& b) {
    return a.todo->completed_at.value_or(0) > b.todo->completed_at.value_or(0);
  });
  Json out = Json::array();
  for (const Assignment& a : done) out.push_back(RenderMyAssignment(c.rc, *a.project, *a.holder, *a.todo));
  return Json200(out);
}

ApiResponse GetMyDueAssignments(Ctx& c) {
  if (!c.account.serves_my_assignments) return NotFound();
  std::string scope = Param(c.req, "scope");
  if (scope.empty()) scope = "overdue";
  if (std::find(std::begin(kScopes), std::end(kScopes), scope) == std::end(kScopes)) {
    return Error(400, "Invalid scope '" + scope + "'. Valid options: overdue, due_today, "
                      "due_tomorrow, due_later_this_week, due_next_week, due_later");
  }
  const long today = *DayNumber(DateOf(c.req.now));
  std::vector<std::pair<long, Assignment>> due;
  for (const Assignment& a : MyTodos(c)) {
    if (a.todo->completed || !a.todo->due_on) continue;
    std::optional<long> day = DayNumber(*a.todo->due_on);
    if (day && InScope(scope, *day, today)) due.emplace_back(*day, a);
  }
  std::stable_sort(due.begin(), due.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Json out = Json::array();
  for (const auto& [day, a] : due) out.push_back(RenderMyAssignment(c.rc, *a.project, *a.holder, *a.todo));
  return Json200(out);
}

ApiResponse PrioritizeAssignment(Ctx& c) {
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto id = body->find("id");
  if (id == body->end() || !id->is_number_integer()) return Error(400, "id must be an integer");
  std::optional<RecordingRef> r = FindVisible(c, id->get<Id>());
  if (!r) return NotFound();
  const bool mine = r->todo != nullptr &&
                    std::find(r->todo->assignees.begin(), r->todo->assignees.end(), c.me.key) !=
                        r->todo->assignees.end();
  if (!mine) return Unprocessable("Only your own assignments can be prioritized");
  std::vector<Id>& up_next = MyState(c).priorities;
  if (std::find(up_next.begin(), up_next.end(), r->id) == up_next.end()) up_next.push_back(r->id);
  return NoContent();
}

ApiResponse DeprioritizeAssignment(Ctx& c, const std::string& recording_id) {
  const std::optional<Id> id = ParseId(recording_id);
  if (!id) return NotFound();
  auto found = c.account.personal.find(c.me.key);
  if (found != c.account.personal.end()) {
    std::vector<Id>& up_next = found->second.priorities;
    up_next.erase(std::remove(up_next.begin(), up_next.end(), *id), up_next.end());
  }
  return NoContent();  // an absent priority is a no-op, so a retry is safe
}

ApiResponse ReorderUpNext(Ctx& c) {
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto source = body->find("source_id");
  auto position = body->find("position");
  if (position == body->end() || !position->is_number_integer()) {
    return Error(400, "position must be an integer");
  }
  if (source == body->end() || !source->is_number_integer()) return Error(400, "source_id must be an integer");
  if (!FindVisible(c, source->get<Id>())) {
    ApiResponse r;  // Basecamp's bare 404
    r.status = 404;
    return r;
  }
  auto found = c.account.personal.find(c.me.key);
  std::vector<Id>* up_next = found == c.account.personal.end() ? nullptr : &found->second.priorities;
  auto it = up_next ? std::find(up_next->begin(), up_next->end(), source->get<Id>())
                    : std::vector<Id>::iterator();
  if (up_next == nullptr || it == up_next->end()) return Unprocessable("That recording is not prioritized");
  const int to = position->get<int>();
  if (to < 1 || static_cast<std::size_t>(to) > up_next->size()) {
    return Unprocessable("Position must be between 1 and " + std::to_string(up_next->size()));
  }
  const Id moving = *it;
  up_next->erase(it);
  up_next->insert(up_next->begin() + (to - 1), moving);
  return NoContent();
}

ApiResponse GetMyReadings(Ctx& c) {
  const std::vector<Notice> all = Notices(c);
  Json unreads = Json::array();
  std::vector<const Notice*> reads;
  for (const Notice& n : all) {
    if (n.unread_count > 0 && unreads.size() < 100) {
      unreads.push_back(RenderNotice(c, n));
    } else if (n.unread_count == 0) {
      reads.push_back(&n);
    }
  }
  const PageRange page = ComputePage(reads.size(), std::max(1, std::atoi(Param(c.req, "page").c_str())), 50);
  Json read_page = Json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) read_page.push_back(RenderNotice(c, *reads[i]));
  // Bubble-ups are not modelled: nothing bubbles up, so both lists are empty.
  Json out{{"unreads", std::move(unreads)},
           {"reads", std::move(read_page)},
           {"memories", Json::array()},
           {"bubble_ups", Json::array()},
           {"bubble_ups_count", 0},
           {"scheduled_bubble_ups_count", 0}};
  if (Param(c.req, "limit_bubble_ups") != "true") out["scheduled_bubble_ups"] = Json::array();
  return Json200(out);
}

ApiResponse GetBubbleUps(Ctx& c) {
  return Paginate(c.req, c.world.limits.page_size, 0, [](std::size_t) { return Json(); });
}

ApiResponse MarkAsRead(Ctx& c) {
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto readables = body->find("readables");
  if (readables == body->end() || !readables->is_array()) {
    return Unprocessable("readables must be a list of readable sgids");
  }
  const std::string prefix = "bcsim-readable-";
  std::vector<Id> ids;
  for (const Json& sgid : *readables) {
    if (!sgid.is_string()) return Unprocessable("readables must be a list of readable sgids");
    const std::string s = sgid.get<std::string>();
    if (s.rfind(prefix, 0) != 0) continue;  // not one of ours: nothing to mark
    std::optional<Id> id = ParseId(s.substr(prefix.size()));
    if (id && FindVisible(c, *id)) ids.push_back(*id);
  }
  PersonalState& state = MyState(c);
  for (Id id : ids) state.read_at[id] = c.req.now;
  ApiResponse r;
  r.status = 200;  // the document's 200 has no body
  return r;
}

ApiResponse GetMyNote(Ctx& c) { return Json200(NoteBody(c)); }

ApiResponse UpdateMyNote(Ctx& c) {
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto note = body->find("note");
  if (note == body->end() || !note->is_object()) return NoteRejected("note", "is required");
  auto content = note->find("content");
  if (content == note->end() || !content->is_string()) return NoteRejected("content", "can't be blank");
  if (PlainText(content->get<std::string>()).find_first_not_of(" \t\r\n") == std::string::npos) {
    return NoteRejected("content", "can't be blank");
  }
  PersonalState& s = MyState(c);
  if (s.note_id == 0) {  // the first update creates the notebook
    s.note_id = NewId(c.world, "notebook");
    s.note_created_at = c.req.now;
  }
  s.note = content->get<std::string>();
  s.note_updated_at = c.req.now;
  return Json200(NoteBody(c));
}

ApiResponse ListMyDrafts(Ctx& c) {
  static const char* const kKinds[] = {"Message", "Document", "Upload", "Client::Approval",
                                       "Client::Correspondence"};
  std::vector<RecordingRef> drafts;
  for (const RecordingRef& r : VisibleRecordings(c)) {
    if (r.recording == nullptr || r.recording->creator != c.me.key) continue;
    if (!r.recording->fields.value("draft", false)) continue;
    if (r.recording->status != RecordingStatus::kActive) continue;
    if (std::find(std::begin(kKinds), std::end(kKinds), r.type) == std::end(kKinds)) continue;
    drafts.push_back(r);
  }
  std::stable_sort(drafts.begin(), drafts.end(), [](const RecordingRef& a, const RecordingRef& b) {
    return a.recording->updated_at > b.recording->updated_at;
  });
  if (drafts.size() > 250) drafts.resize(250);
  return Paginate(c.req, c.world.limits.page_size, drafts.size(), [&](std::size_t i) {
    const RecordingRef& r = drafts[i];
    const Recording& rec = *r.recording;
    Json parent = nullptr;
    if (std::optional<RecordingRef> p = FindRecording(c.world, rec.parent)) {
      const Json rp = RenderParent(c.rc, *p);
      parent = {{"id", rp["id"]}, {"title", rp["title"]}, {"app_url", rp["app_url"]}};
    }
    std::string excerpt = PlainText(rec.content);
    if (excerpt.size() > 200) excerpt.resize(200);
    auto scheduled = rec.fields.find("scheduled_posting_at");
    return Json{{"id", rec.id},
                {"app_url", RecordingAppUrl(c.rc, r)},
                {"title", rec.title.empty() ? rec.fields.value("subject", std::string()) : rec.title},
                {"type", rec.type},
                {"bucket", {{"id", r.project->id}, {"name", r.project->name},
                            {"app_url", c.rc.urls.app + "/projects/" + Num(r.project->id)}}},
                {"parent", std::move(parent)},
                {"excerpt", excerpt},
                {"created_at", FormatTimestamp(rec.created_at)},
                {"updated_at", FormatTimestamp(rec.updated_at)},
                {"scheduled_posting_at", scheduled != rec.fields.end() && scheduled->is_string()
                                             ? *scheduled
                                             : Json(nullptr)}};
  });
}

}  // namespace bcsim::api
