// Automatic check-ins: the Questionnaire dock tool, its questions (Question: a title and a
// schedule, paused or not, per-person notification settings) and their answers
// (Question::Answer, one per person and day `group_on`), who answered, and the caller's pending
// reminders.
#include <algorithm>
#include <cstdio>

#include "api/paginate.h"

#include "api/work.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::work {
namespace {

std::string Num(Id id) { return std::to_string(id); }

const std::vector<std::string> kFrequencies = {"every_day", "every_week", "every_other_week",
                                               "every_month", "on_certain_days"};

Json RenderQuestionnaire(Ctx& c, const RecordingRef& r) {
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "comments_count",
                        "subscription_url", "position"}) {
    out.erase(k);
  }
  out["name"] = "questionnaire";
  out["questions_count"] = static_cast<int>(ChildrenOf(*r.project, r.id, "Question").size());
  out["questions_url"] = c.rc.urls.api + "/buckets/" + Num(r.project->id) + "/questionnaires/" +
                         Num(r.id) + "/questions.json";
  return out;
}

Json RenderQuestion(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "comments_count",
                        "position"}) {
    out.erase(k);
  }
  out["paused"] = rec.fields.value("paused", false);
  out["schedule"] = rec.fields.value("schedule", Json::object());
  out["answers_count"] = static_cast<int>(ChildrenOf(*r.project, r.id, "Question::Answer").size());
  out["answers_url"] = c.rc.urls.api + "/buckets/" + Num(r.project->id) + "/questions/" +
                       Num(r.id) + "/answers.json";
  return out;
}

Json RenderAnswer(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  out.erase("position");
  out["content"] = rec.content;
  out["content_attachments"] = Json::array();
  out["group_on"] = rec.fields.value("group_on", DateOf(rec.created_at));
  return out;
}

// A question schedule as the body gives it; nullopt when it is not a valid one.
std::optional<Json> ScheduleOf(const Json& given) {
  if (!given.is_object()) return std::nullopt;
  Json out = Json::object();
  const Json frequency = given.value("frequency", Json("every_day"));
  if (!frequency.is_string() ||
      std::find(kFrequencies.begin(), kFrequencies.end(), frequency.get<std::string>()) ==
          kFrequencies.end()) {
    return std::nullopt;
  }
  out["frequency"] = frequency;
  const Json days = given.value("days", Json::array({1, 2, 3, 4, 5}));
  if (!days.is_array()) return std::nullopt;
  for (const Json& d : days) {
    if (!d.is_number_integer() || d.get<int>() < 0 || d.get<int>() > 6) return std::nullopt;
  }
  out["days"] = days;
  struct Range { const char* key; int lo, hi, fallback; };
  for (const Range& f : {Range{"hour", 0, 23, 16}, Range{"minute", 0, 59, 0},
                         Range{"week_instance", 1, 5, 1}, Range{"week_interval", 1, 52, 1},
                         Range{"month_interval", 1, 12, 1}}) {
    const Json v = given.value(f.key, Json(f.fallback));
    if (!v.is_number_integer() || v.get<int>() < f.lo || v.get<int>() > f.hi) return std::nullopt;
    out[f.key] = v;
  }
  for (const char* k : {"start_date", "end_date"}) {
    if (!given.contains(k) || given[k].is_null()) continue;
    if (!given[k].is_string() || !IsValidDate(given[k].get<std::string>())) return std::nullopt;
    out[k] = given[k];
  }
  return out;
}

std::optional<ApiResponse> ContentError(const Json& body, std::string* content,
                                        std::optional<std::string>* group_on) {
  std::optional<std::string> text = StringField(body, "content");
  if (!text || text->empty()) return Unprocessable("Content can't be blank");
  *content = *text;
  const OptString group = OptionalString(body, "group_on");
  if (group.bad || (group.value && !IsValidDate(*group.value))) {
    return Unprocessable("group_on must be a date (YYYY-MM-DD)");
  }
  *group_on = group.value;
  return std::nullopt;
}

std::vector<std::string> Answerers(Project& project, Id question) {
  std::vector<std::string> out;
  for (const Recording* a : ChildrenOf(project, question, "Question::Answer")) {
    if (std::find(out.begin(), out.end(), a->creator) == out.end()) out.push_back(a->creator);
  }
  return out;
}

}  // namespace

ApiResponse GetQuestionnaire(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Questionnaire"});
  if (!r) return NotFound();
  return Json200(RenderQuestionnaire(c, *r));
}

ApiResponse ListQuestions(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Questionnaire"});
  if (!r) return NotFound();
  return ListPage(c, ChildrenOf(*r->project, r->id, "Question"),
                  [&](const RecordingRef& q) { return RenderQuestion(c, q); });
}

// POST questionnaires/{id}/questions.json {title, schedule, visible_to_clients?}.
ApiResponse CreateQuestion(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> set = Find(c, a[0], {"Questionnaire"}, true);
  if (!set) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  std::optional<std::string> title = StringField(*body, "title");
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  std::optional<Json> schedule = ScheduleOf(body->value("schedule", Json()));
  if (!schedule) return Unprocessable("Schedule must give a frequency, days (0-6), hour and minute");
  const Json visible = body->value("visible_to_clients", Json(false));
  if (!visible.is_boolean()) return Unprocessable("visible_to_clients must be true or false");
  Recording rec;
  rec.type = "Question";
  rec.parent = set->id;
  rec.title = *title;
  rec.visible_to_clients = visible.get<bool>();
  rec.fields["schedule"] = *schedule;
  rec.fields["paused"] = false;
  const Id id = AddRecording(c.world, *set->project, std::move(rec), c.me.key, c.req.now);
  return Created(RenderQuestion(c, Again(c, id)));
}

ApiResponse GetQuestion(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Question"});
  if (!r) return NotFound();
  return Json200(RenderQuestion(c, *r));
}

// PUT questions/{id} {title?, schedule?, paused?}.
ApiResponse UpdateQuestion(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Question"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  const OptString title = OptionalString(*body, "title");
  if (title.bad || (title.value && title.value->empty())) return Unprocessable("Title can't be blank");
  std::optional<Json> schedule;
  if (body->contains("schedule")) {
    schedule = ScheduleOf((*body)["schedule"]);
    if (!schedule) return Unprocessable("Schedule must give a frequency, days (0-6), hour and minute");
  }
  const Json paused = body->value("paused", Json());
  if (!paused.is_null() && !paused.is_boolean()) return Unprocessable("paused must be true or false");
  Recording& rec = *r->recording;
  if (title.value && *title.value != rec.title) {
    rec.title = *title.value;
    Changed(c, *r, "title_changed");
  }
  if (schedule && *schedule != rec.fields["schedule"]) {
    rec.fields["schedule"] = *schedule;
    Changed(c, *r, "schedule_changed");
  }
  if (paused.is_boolean() && paused != rec.fields.value("paused", Json(false))) {
    rec.fields["paused"] = paused;
    Changed(c, *r, paused.get<bool>() ? "paused" : "resumed");
  }
  return Json200(RenderQuestion(c, *r));
}

namespace {
ApiResponse SetPaused(Ctx& c, const PathArgs& a, bool paused) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Question"}, true);
  if (!r) return NotFound();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  if (r->recording->fields.value("paused", false) != paused) {
    r->recording->fields["paused"] = paused;
    Changed(c, *r, paused ? "paused" : "resumed");
  }
  return Json200({{"paused", paused}});
}
}  // namespace

ApiResponse PauseQuestion(Ctx& c, const PathArgs& a) { return SetPaused(c, a, true); }
ApiResponse ResumeQuestion(Ctx& c, const PathArgs& a) { return SetPaused(c, a, false); }

// PUT questions/{id}/notification_settings.json {notify_on_answer?, digest_include_unanswered?}:
// the caller's own settings. `subscribed` follows notify_on_answer (the question's
// subscribers); `responding` is whether the caller is asked the question (always, here: every
// member of the project is asked).
ApiResponse UpdateQuestionNotifications(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Question"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  for (const char* k : {"notify_on_answer", "digest_include_unanswered"}) {
    if (body->contains(k) && !(*body)[k].is_boolean()) {
      return Unprocessable(std::string(k) + " must be true or false");
    }
  }
  const std::vector<std::string> me = {c.me.key};
  if (body->contains("notify_on_answer")) {
    const bool on = (*body)["notify_on_answer"].get<bool>();
    ChangeSubscribers(c.world, *r, on ? me : std::vector<std::string>{},
                      on ? std::vector<std::string>{} : me, c.me.key, c.req.now);
  }
  if (body->contains("digest_include_unanswered")) {
    r->recording->fields["digest"][c.me.key] = (*body)["digest_include_unanswered"];
  }
  const std::vector<std::string> subs = Subscribers(*r);
  return Json200({{"responding", true},
                  {"subscribed", std::find(subs.begin(), subs.end(), c.me.key) != subs.end()}});
}

ApiResponse ListAnswers(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> q = Find(c, a[0], {"Question"});
  if (!q) return NotFound();
  std::vector<Recording*> answers = ChildrenOf(*q->project, q->id, "Question::Answer");
  std::reverse(answers.begin(), answers.end());  // newest first
  return ListPage(c, answers, [&](const RecordingRef& r) { return RenderAnswer(c, r); });
}

// POST questions/{id}/answers.json {content, group_on?}: one answer per person and day.
ApiResponse CreateAnswer(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> q = Find(c, a[0], {"Question"}, true);
  if (!q) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  std::string content;
  std::optional<std::string> group_on;
  if (auto error = ContentError(*body, &content, &group_on)) return *error;
  const std::string day = group_on.value_or(DateOf(c.req.now));
  for (const Recording* other : ChildrenOf(*q->project, q->id, "Question::Answer")) {
    if (other->creator == c.me.key && other->fields.value("group_on", "") == day) {
      return Unprocessable("You already answered for " + day);
    }
  }
  Recording rec;
  rec.type = "Question::Answer";
  rec.parent = q->id;
  rec.title = q->recording->title;
  rec.content = content;
  rec.visible_to_clients = q->recording->visible_to_clients;
  rec.fields["group_on"] = day;
  const Id id = AddRecording(c.world, *q->project, std::move(rec), c.me.key, c.req.now);
  return Created(RenderAnswer(c, Again(c, id)));
}

ApiResponse GetAnswer(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Question::Answer"});
  if (!r) return NotFound();
  return Json200(RenderAnswer(c, *r));
}

// PUT question_answers/{id} {content, group_on?}: only its author edits an answer; 204.
ApiResponse UpdateAnswer(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Question::Answer"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (r->recording->creator != c.me.key) return Forbidden();
  std::string content;
  std::optional<std::string> group_on;
  if (auto error = ContentError(*body, &content, &group_on)) return *error;
  Recording& rec = *r->recording;
  if (content != rec.content) {
    rec.content = content;
    Changed(c, *r, "content_changed");
  }
  if (group_on) rec.fields["group_on"] = *group_on;
  return NoContent();
}

ApiResponse ListAnswerers(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> q = Find(c, a[0], {"Question"});
  if (!q) return NotFound();
  const std::vector<std::string> keys = Answerers(*q->project, q->id);
  return Paginate(c.req, c.world.limits.page_size, keys.size(),
                  [&](std::size_t i) { return RenderPersonByKey(c.rc, keys[i]); });
}

ApiResponse AnswersByPerson(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> q = Find(c, a[0], {"Question"});
  if (!q) return NotFound();
  const std::optional<Id> pid = ParseId(a[1]);
  const Person* person = pid ? PersonById(c, *pid) : nullptr;
  if (person == nullptr) return NotFound();
  std::vector<Recording*> answers;
  for (Recording* r : ChildrenOf(*q->project, q->id, "Question::Answer")) {
    if (r->creator == person->key) answers.push_back(r);
  }
  std::reverse(answers.begin(), answers.end());
  return ListPage(c, answers, [&](const RecordingRef& r) { return RenderAnswer(c, r); });
}

// GET my/question_reminders.json: the active, unpaused questions of the caller's projects that
// the caller has not answered today.
ApiResponse QuestionReminders(Ctx& c, const PathArgs&) {
  const std::string today = DateOf(c.req.now);
  std::vector<Id> pending;
  for (Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    for (const Recording& rec : p.recordings) {
      if (rec.type != "Question" || rec.status != RecordingStatus::kActive ||
          rec.fields.value("paused", false) || !FindVisible(c, rec.id)) {
        continue;
      }
      bool answered = false;
      for (const Recording* ans : ChildrenOf(p, rec.id, "Question::Answer")) {
        answered = answered || (ans->creator == c.me.key && ans->fields.value("group_on", "") == today);
      }
      if (!answered) pending.push_back(rec.id);
    }
  }
  return Paginate(c.req, c.world.limits.page_size, pending.size(), [&](std::size_t i) {
    RecordingRef q = Again(c, pending[i]);
    const Json schedule = q.recording->fields.value("schedule", Json::object());
    char at[32];
    std::snprintf(at, sizeof at, "%sT%02d:%02d:00.000Z", today.c_str(), schedule.value("hour", 16),
                  schedule.value("minute", 0));
    return Json{{"reminder_id", StableId("question_reminder", c.me.key + "/" + std::to_string(q.id))},
                {"remind_at", at},
                {"group_on", today},
                {"question", RenderQuestion(c, q)}};
  });
}

}  // namespace bcsim::api::work
