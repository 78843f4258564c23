// Schedules (the Schedule dock tool), their entries (Schedule::Entry), occurrences of recurring
// entries, and calendars (a project's schedule seen as a BC5 calendar: the calendar id is the
// bucket id, its colour is kept on the schedule tool).
#include <algorithm>

#include "api/work.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::work {
namespace {

std::string Num(Id id) { return std::to_string(id); }

const std::vector<std::string> kCalendarColors = {"white", "red",  "orange", "yellow",
                                                  "green", "blue", "aqua",   "purple",
                                                  "gray",  "pink", "brown"};

Json RenderSchedule(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "comments_count",
                        "subscription_url", "position"}) {
    out.erase(k);
  }
  out["include_due_assignments"] = rec.fields.value("include_due_assignments", true);
  out["entries_count"] =
      static_cast<int>(ChildrenOf(*r.project, rec.id, "Schedule::Entry").size());
  out["entries_url"] = c.rc.urls.api + "/buckets/" + Num(r.project->id) + "/schedules/" +
                       Num(rec.id) + "/entries.json";
  return out;
}

// The entry as it is, or as its occurrence starting at `shift` ms later.
Json RenderEntry(Ctx& c, const RecordingRef& r, Millis shift = 0) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  out.erase("position");
  out["summary"] = rec.title;
  out["description"] = rec.content;
  out["description_attachments"] = Json::array();
  const bool all_day = rec.fields.value("all_day", false);
  out["all_day"] = all_day;
  out["starts_at"] = FormatTimestamp(rec.fields.value("starts_at", Millis{0}) + shift);
  out["ends_at"] = FormatTimestamp(rec.fields.value("ends_at", Millis{0}) + shift);
  out["participants"] = PeopleOf(c.rc, rec, "participants");
  out["highlighted"] = rec.fields.value("highlighted", false);
  if (rec.fields.value("url", Json()).is_string()) out["join_url"] = rec.fields["url"];
  return out;
}

// The entry fields of a create (all required ones present) or a replace body. An error
// response, or nullopt with `rec` updated; `events` gets what changed.
std::optional<ApiResponse> ApplyEntry(Ctx& c, const Project& project, const Json& body,
                                      bool create, Recording& rec,
                                      std::vector<std::string>& events) {
  const OptString summary = OptionalString(body, "summary");
  const OptString description = OptionalString(body, "description");
  const OptString url = OptionalString(body, "url");
  if (summary.bad || description.bad || url.bad) {
    return Unprocessable("summary, description and url must be text");
  }
  if (create && (!summary.value || summary.value->empty())) {
    return Unprocessable("Summary can't be blank");
  }
  if (summary.value && summary.value->empty()) return Unprocessable("Summary can't be blank");
  Millis times[2] = {0, 0};
  const char* names[2] = {"starts_at", "ends_at"};
  for (int i = 0; i < 2; ++i) {
    std::optional<std::string> text = StringField(body, names[i]);
    StatusOr<Millis> at = text ? ParseTimestamp(*text) : StatusOr<Millis>(InvalidArgumentError(""));
    if (!at.ok()) return Unprocessable(std::string(names[i]) + " must be a date or time (ISO 8601)");
    times[i] = *at;
  }
  if (times[1] < times[0]) return Unprocessable("ends_at must not be before starts_at");
  for (const char* flag : {"all_day", "notify", "highlighted", "visible_to_clients"}) {
    if (body.contains(flag) && !body[flag].is_boolean()) {
      return Unprocessable(std::string(flag) + " must be true or false");
    }
  }
  std::optional<std::vector<std::string>> participants;
  if (body.contains("participant_ids")) {
    participants = MemberKeys(c, project, body["participant_ids"]);
    if (!participants) return Unprocessable("Participants must be people on this project");
  }
  if (summary.value && *summary.value != rec.title) {
    rec.title = *summary.value;
    events.push_back("title_changed");
  }
  if (description.value && *description.value != rec.content) {
    rec.content = *description.value;
    events.push_back("content_changed");
  }
  if (rec.fields.value("starts_at", Millis{-1}) != times[0] ||
      rec.fields.value("ends_at", Millis{-1}) != times[1]) {
    rec.fields["starts_at"] = times[0];
    rec.fields["ends_at"] = times[1];
    events.push_back("rescheduled");
  }
  if (body.contains("all_day")) rec.fields["all_day"] = body["all_day"];
  if (body.contains("highlighted")) rec.fields["highlighted"] = body["highlighted"];
  if (create && body.contains("visible_to_clients")) {
    rec.visible_to_clients = body["visible_to_clients"].get<bool>();
  }
  if (url.value) rec.fields["url"] = *url.value;
  if (participants) rec.fields["participants"] = *participants;
  return std::nullopt;
}

}  // namespace

ApiResponse GetSchedule(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Schedule"});
  if (!r) return NotFound();
  return Json200(RenderSchedule(c, *r));
}

// PUT schedules/{id} {include_due_assignments}.
ApiResponse UpdateSchedule(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Schedule"});
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  const Json include = body->value("include_due_assignments", Json());
  if (!include.is_boolean()) return Unprocessable("include_due_assignments must be true or false");
  if (r->recording->fields.value("include_due_assignments", true) != include.get<bool>()) {
    r->recording->fields["include_due_assignments"] = include;
    Changed(c, *r, "settings_changed");
  }
  return Json200(RenderSchedule(c, *r));
}

// GET schedules/{id}/entries.json?status=active|archived|trashed.
ApiResponse ListScheduleEntries(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Schedule"});
  if (!r) return NotFound();
  const std::string status = Param(c.req, "status");
  RecordingStatus want = RecordingStatus::kActive;
  if (status == "archived") want = RecordingStatus::kArchived;
  else if (status == "trashed") want = RecordingStatus::kTrashed;
  else if (!status.empty() && status != "active") return Unprocessable("Unknown status " + status);
  std::vector<Recording*> entries = ChildrenOf(*r->project, r->id, "Schedule::Entry", want);
  std::stable_sort(entries.begin(), entries.end(), [](const Recording* x, const Recording* y) {
    return x->fields.value("starts_at", Millis{0}) < y->fields.value("starts_at", Millis{0});
  });
  return ListPage(c, entries, [&](const RecordingRef& e) { return RenderEntry(c, e); });
}

ApiResponse CreateScheduleEntry(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> schedule = Find(c, a[0], {"Schedule"}, true);
  if (!schedule) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  Recording rec;
  rec.type = "Schedule::Entry";
  rec.parent = schedule->id;
  rec.visible_to_clients = c.me.client;
  rec.fields["participants"] = Json::array();
  std::vector<std::string> events;
  if (auto error = ApplyEntry(c, *schedule->project, *body, true, rec, events)) return *error;
  const Id id = AddRecording(c.world, *schedule->project, std::move(rec), c.me.key, c.req.now);
  RecordingRef entry = Again(c, id);
  AssignmentChanged(c, entry, {}, entry.recording->fields["participants"].get<std::vector<std::string>>());
  return Created(RenderEntry(c, entry));
}

ApiResponse GetScheduleEntry(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Schedule::Entry"});
  if (!r) return NotFound();
  return Json200(RenderEntry(c, *r));
}

// PUT schedule_entries/{id}: starts_at and ends_at required; other fields change when given.
ApiResponse ReplaceScheduleEntry(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Schedule::Entry"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  Recording next = *r->recording;
  std::vector<std::string> events;
  if (auto error = ApplyEntry(c, *r->project, *body, false, next, events)) return *error;
  const std::vector<std::string> before = r->recording->fields.value("participants", std::vector<std::string>{});
  *r->recording = std::move(next);
  for (const std::string& e : events) Changed(c, *r, e);
  AssignmentChanged(c, *r, before, r->recording->fields.value("participants", std::vector<std::string>{}));
  return Json200(RenderEntry(c, *r));
}

// GET schedule_entries/{id}/occurrences/{date}: the entry on `date` (YYYY-MM-DD). An entry
// without fields["recurrence"] occurs once, on its start date; a recurring one ("daily",
// "weekly", until fields["recurrence"]["until"]) on each matching date from its start.
ApiResponse GetOccurrence(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Schedule::Entry"});
  if (!r) return NotFound();
  if (!IsValidDate(a[1])) return NotFound();
  const Recording& rec = *r->recording;
  const Millis start = rec.fields.value("starts_at", Millis{0});
  const Millis day = 24LL * 3600 * 1000;
  StatusOr<Millis> on = ParseTimestamp(a[1]);
  const Millis start_day = start - ((start % day) + day) % day;
  const Millis shift = *on - start_day;
  const Json recurrence = rec.fields.value("recurrence", Json());
  const std::string frequency = recurrence.is_object() ? recurrence.value("frequency", "") : "";
  bool occurs = shift == 0;
  if (!occurs && shift > 0 && (frequency == "daily" || frequency == "weekly")) {
    occurs = frequency == "daily" || (shift / day) % 7 == 0;
    const std::string until = recurrence.value("until", "");
    if (!until.empty() && a[1] > until) occurs = false;
  }
  if (!occurs) return NotFound();
  return Json200(RenderEntry(c, *r, shift));
}

namespace {

Recording* ScheduleOf(Ctx& c, const std::string& calendar_id) {
  const std::optional<Id> pid = ParseId(calendar_id);
  Project* project = pid ? FindProject(c, *pid) : nullptr;
  if (project == nullptr) return nullptr;
  Recording* tool = FindTool(*project, "Schedule");
  if (tool == nullptr || !ToolEnabled(*tool) || tool->status != RecordingStatus::kActive) return nullptr;
  return tool;
}

Json RenderCalendar(Ctx& c, Recording& schedule) {
  RecordingRef r = Again(c, schedule.id);
  const Project& p = *r.project;
  return Json{{"id", p.id},
              {"type", "Calendar"},
              {"name", p.name},
              {"color", schedule.fields.value("calendar_color", "blue")},
              {"created_at", FormatTimestamp(p.created_at)},
              {"updated_at", FormatTimestamp(std::max(p.updated_at, schedule.updated_at))},
              {"url", c.rc.urls.api + "/calendars/" + Num(p.id) + ".json"},
              {"app_url", c.rc.urls.app + "/calendars/" + Num(p.id)},
              {"schedule_url", RecordingUrl(c.rc, r)}};
}

}  // namespace

ApiResponse GetCalendar(Ctx& c, const PathArgs& a) {
  Recording* schedule = ScheduleOf(c, a[0]);
  if (schedule == nullptr) return NotFound();
  return Json200(RenderCalendar(c, *schedule));
}

// PUT calendars/{id} {calendar: {color}}: an unknown colour answers 422 keyed by field.
ApiResponse UpdateCalendar(Ctx& c, const PathArgs& a) {
  Recording* schedule = ScheduleOf(c, a[0]);
  if (schedule == nullptr) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  const Json calendar = body->value("calendar", Json());
  const Json color = calendar.is_object() ? calendar.value("color", Json()) : Json();
  if (!color.is_string() || std::find(kCalendarColors.begin(), kCalendarColors.end(),
                                      color.get<std::string>()) == kCalendarColors.end()) {
    Json errors = Json::object();
    errors["color"] = Json::array({"is not a valid color"});
    Json failed = Json::object();
    failed["errors"] = std::move(errors);
    return Json200(failed, 422);
  }
  if (schedule->fields.value("calendar_color", "blue") != color.get<std::string>()) {
    schedule->fields["calendar_color"] = color;
    Changed(c, Again(c, schedule->id), "color_changed");
  }
  return Json200(RenderCalendar(c, *schedule));
}

}  // namespace bcsim::api::work
