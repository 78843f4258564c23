// Internal to the Work family (card tables, schedules, check-ins, hill charts, reports, lineup):
// its handlers, in the route table's uniform signature, and the helpers they share. Handlers
// run with the world lock held by the dispatcher (GETs shared, writes exclusive).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/handlers.h"
#include "api/routes.h"

namespace bcsim::api::work {

using Json = nlohmann::json;

ApiResponse BadBody();  // 400: the body is not a JSON object

// A visible generic recording of one of `types`; `active` also requires it to be active (what a
// write goes into must not be archived or trashed).
std::optional<RecordingRef> Find(Ctx& c, const std::string& id,
                                 std::initializer_list<std::string_view> types,
                                 bool active = false);
// The recording `id` again after the world's recordings changed (pointers moved).
RecordingRef Again(Ctx& c, Id id);

// Clients may only change what they made themselves (403 otherwise).
bool MayEdit(const Ctx& c, const Recording& rec);

// fields[key] as a list of person keys rendered as people.
Json PeopleOf(const RenderContext& rc, const Recording& rec, const char* key);
// The person keys of `ids` (person ids); nullopt when `ids` is not a list of ids of people on
// the project.
std::optional<std::vector<std::string>> MemberKeys(Ctx& c, const Project& project, const Json& ids);
std::vector<Id> PersonIds(const Ctx& c, const std::vector<std::string>& keys);
// The person with this id in the account, or null.
const Person* PersonById(const Ctx& c, Id id);

// Marks the recording changed now and records `action` by the caller.
void Changed(Ctx& c, const RecordingRef& r, const std::string& action);
// Records an assignment change (added/removed people) on the recording, when there is one.
void AssignmentChanged(Ctx& c, const RecordingRef& r, const std::vector<std::string>& before,
                       const std::vector<std::string>& after);

// The optional string `key` of a body: nullopt when absent; an error message when not a string.
struct OptString {
  std::optional<std::string> value;
  bool bad = false;
};
OptString OptionalString(const Json& body, const char* key);

// Moves `moving` to 1-based `position` among `siblings` (it may or may not be among them yet)
// and numbers them 1..n. The position is clamped into range.
void PlaceAt(std::vector<Recording*> siblings, Recording* moving, int position);

// "2026-12-01" of a timestamp.
std::string DateOf(Millis ms);

// Card tables (endpoints_work_cards*.cpp).
ApiResponse GetCardTable(Ctx& c, const PathArgs& a);
ApiResponse CreateCardColumn(Ctx& c, const PathArgs& a);
ApiResponse MoveCardColumn(Ctx& c, const PathArgs& a);
ApiResponse GetCardColumn(Ctx& c, const PathArgs& a);
ApiResponse UpdateCardColumn(Ctx& c, const PathArgs& a);
ApiResponse SetCardColumnColor(Ctx& c, const PathArgs& a);
ApiResponse EnableOnHold(Ctx& c, const PathArgs& a);
ApiResponse DisableOnHold(Ctx& c, const PathArgs& a);
ApiResponse SubscribeColumn(Ctx& c, const PathArgs& a);
ApiResponse UnsubscribeColumn(Ctx& c, const PathArgs& a);
ApiResponse ListCards(Ctx& c, const PathArgs& a);
ApiResponse CreateCard(Ctx& c, const PathArgs& a);
ApiResponse GetCard(Ctx& c, const PathArgs& a);
ApiResponse UpdateCard(Ctx& c, const PathArgs& a);
ApiResponse MoveCard(Ctx& c, const PathArgs& a);
ApiResponse CreateCardStep(Ctx& c, const PathArgs& a);
ApiResponse RepositionCardStep(Ctx& c, const PathArgs& a);
ApiResponse GetCardStep(Ctx& c, const PathArgs& a);
ApiResponse UpdateCardStep(Ctx& c, const PathArgs& a);
ApiResponse SetCardStepCompletion(Ctx& c, const PathArgs& a);
ApiResponse CreateWormhole(Ctx& c, const PathArgs& a);
ApiResponse UpdateWormhole(Ctx& c, const PathArgs& a);
ApiResponse DeleteWormhole(Ctx& c, const PathArgs& a);

// Schedules and calendars (endpoints_work_schedule.cpp).
ApiResponse GetSchedule(Ctx& c, const PathArgs& a);
ApiResponse UpdateSchedule(Ctx& c, const PathArgs& a);
ApiResponse ListScheduleEntries(Ctx& c, const PathArgs& a);
ApiResponse CreateScheduleEntry(Ctx& c, const PathArgs& a);
ApiResponse GetScheduleEntry(Ctx& c, const PathArgs& a);
ApiResponse ReplaceScheduleEntry(Ctx& c, const PathArgs& a);
ApiResponse GetOccurrence(Ctx& c, const PathArgs& a);
ApiResponse GetCalendar(Ctx& c, const PathArgs& a);
ApiResponse UpdateCalendar(Ctx& c, const PathArgs& a);

// Automatic check-ins (endpoints_work_questions.cpp).
ApiResponse GetQuestionnaire(Ctx& c, const PathArgs& a);
ApiResponse ListQuestions(Ctx& c, const PathArgs& a);
ApiResponse CreateQuestion(Ctx& c, const PathArgs& a);
ApiResponse GetQuestion(Ctx& c, const PathArgs& a);
ApiResponse UpdateQuestion(Ctx& c, const PathArgs& a);
ApiResponse PauseQuestion(Ctx& c, const PathArgs& a);
ApiResponse ResumeQuestion(Ctx& c, const PathArgs& a);
ApiResponse UpdateQuestionNotifications(Ctx& c, const PathArgs& a);
ApiResponse ListAnswers(Ctx& c, const PathArgs& a);
ApiResponse CreateAnswer(Ctx& c, const PathArgs& a);
ApiResponse GetAnswer(Ctx& c, const PathArgs& a);
ApiResponse UpdateAnswer(Ctx& c, const PathArgs& a);
ApiResponse ListAnswerers(Ctx& c, const PathArgs& a);
ApiResponse AnswersByPerson(Ctx& c, const PathArgs& a);
ApiResponse QuestionReminders(Ctx& c, const PathArgs& a);

// To-do sets, hill charts, reports, lineup (endpoints_work_reports.cpp).
ApiResponse CreateTodosetTodo(Ctx& c, const PathArgs& a);
ApiResponse GetHillChart(Ctx& c, const PathArgs& a);
ApiResponse UpdateHillChart(Ctx& c, const PathArgs& a);
ApiResponse ProgressReport(Ctx& c, const PathArgs& a);
ApiResponse PersonProgress(Ctx& c, const PathArgs& a);
ApiResponse UpcomingSchedule(Ctx& c, const PathArgs& a);
ApiResponse OverdueTodos(Ctx& c, const PathArgs& a);
ApiResponse ListLineupMarkers(Ctx& c, const PathArgs& a);
ApiResponse CreateLineupMarker(Ctx& c, const PathArgs& a);
ApiResponse UpdateLineupMarker(Ctx& c, const PathArgs& a);
ApiResponse DeleteLineupMarker(Ctx& c, const PathArgs& a);

}  // namespace bcsim::api::work
