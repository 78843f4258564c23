// The Work family of endpoints (see routes.h): card tables, schedules and calendars, automatic
// check-ins, to-do set to-dos, hill charts, reports and lineup markers. Handlers are in
// endpoints_work_*.cpp (declared in work.h). Writes take the exclusive world lock (dispatch).
#include "api/routes.h"
#include "api/work.h"

namespace bcsim::api {

std::vector<Route> WorkRoutes() {
  using namespace work;
  return {
      // Card tables. The document writes colour, on-hold and wormholes under /buckets/ only.
      {"GET", "/{accountId}/card_tables/{cardTableId}", GetCardTable, true},
      {"POST", "/{accountId}/card_tables/{cardTableId}/columns.json", CreateCardColumn, true},
      {"POST", "/{accountId}/card_tables/{cardTableId}/moves.json", MoveCardColumn, true},
      {"GET", "/{accountId}/card_tables/columns/{columnId}", GetCardColumn, true},
      {"PUT", "/{accountId}/card_tables/columns/{columnId}", UpdateCardColumn, true},
      {"PUT", "/{accountId}/card_tables/columns/{columnId}/color.json", SetCardColumnColor, true},
      {"POST", "/{accountId}/card_tables/columns/{columnId}/on_hold.json", EnableOnHold, true},
      {"DELETE", "/{accountId}/card_tables/columns/{columnId}/on_hold.json", DisableOnHold, true},
      {"POST", "/{accountId}/card_tables/lists/{columnId}/subscription.json", SubscribeColumn,
       true},
      {"DELETE", "/{accountId}/card_tables/lists/{columnId}/subscription.json",
       UnsubscribeColumn, true},
      {"GET", "/{accountId}/card_tables/lists/{columnId}/cards.json", ListCards, true},
      {"POST", "/{accountId}/card_tables/lists/{columnId}/cards.json", CreateCard, true},
      {"GET", "/{accountId}/card_tables/cards/{cardId}", GetCard, true},
      {"PUT", "/{accountId}/card_tables/cards/{cardId}", UpdateCard, true},
      {"POST", "/{accountId}/card_tables/cards/{cardId}/moves.json", MoveCard, true},
      {"POST", "/{accountId}/card_tables/cards/{cardId}/steps.json", CreateCardStep, true},
      {"POST", "/{accountId}/card_tables/cards/{cardId}/positions.json", RepositionCardStep,
       true},
      {"GET", "/{accountId}/card_tables/steps/{stepId}", GetCardStep, true},
      {"PUT", "/{accountId}/card_tables/steps/{stepId}", UpdateCardStep, true},
      {"PUT", "/{accountId}/card_tables/steps/{stepId}/completions.json", SetCardStepCompletion,
       true},
      {"POST", "/{accountId}/card_tables/{cardTableId}/wormholes.json", CreateWormhole, true},
      {"PUT", "/{accountId}/card_tables/wormholes/{wormholeId}", UpdateWormhole, true},
      {"DELETE", "/{accountId}/card_tables/wormholes/{wormholeId}", DeleteWormhole, true},
      // Schedules and calendars.
      {"GET", "/{accountId}/schedules/{scheduleId}", GetSchedule, true},
      {"PUT", "/{accountId}/schedules/{scheduleId}", UpdateSchedule, true},
      {"GET", "/{accountId}/schedules/{scheduleId}/entries.json", ListScheduleEntries, true},
      {"POST", "/{accountId}/schedules/{scheduleId}/entries.json", CreateScheduleEntry, true},
      {"GET", "/{accountId}/schedule_entries/{entryId}", GetScheduleEntry, true},
      {"PUT", "/{accountId}/schedule_entries/{entryId}", ReplaceScheduleEntry, true},
      {"GET", "/{accountId}/schedule_entries/{entryId}/occurrences/{date}", GetOccurrence, true},
      {"GET", "/{accountId}/calendars/{calendarId}", GetCalendar, false},
      {"PUT", "/{accountId}/calendars/{calendarId}", UpdateCalendar, false},
      // Automatic check-ins.
      {"GET", "/{accountId}/questionnaires/{questionnaireId}", GetQuestionnaire, true},
      {"GET", "/{accountId}/questionnaires/{questionnaireId}/questions.json", ListQuestions, true},
      {"POST", "/{accountId}/questionnaires/{questionnaireId}/questions.json", CreateQuestion,
       true},
      {"GET", "/{accountId}/questions/{questionId}", GetQuestion, true},
      {"PUT", "/{accountId}/questions/{questionId}", UpdateQuestion, true},
      {"POST", "/{accountId}/questions/{questionId}/pause.json", PauseQuestion, true},
      {"DELETE", "/{accountId}/questions/{questionId}/pause.json", ResumeQuestion, true},
      {"PUT", "/{accountId}/questions/{questionId}/notification_settings.json",
       UpdateQuestionNotifications, true},
      {"GET", "/{accountId}/questions/{questionId}/answers.json", ListAnswers, true},
      {"POST", "/{accountId}/questions/{questionId}/answers.json", CreateAnswer, true},
      {"GET", "/{accountId}/questions/{questionId}/answers/by.json", ListAnswerers, true},
      {"GET", "/{accountId}/questions/{questionId}/answers/by/{personId}", AnswersByPerson, true},
      {"GET", "/{accountId}/question_answers/{answerId}", GetAnswer, true},
      {"PUT", "/{accountId}/question_answers/{answerId}", UpdateAnswer, true},
      {"GET", "/{accountId}/my/question_reminders.json", QuestionReminders, false},
      // To-do sets, hill charts, reports, lineup.
      {"POST", "/{accountId}/todosets/{todosetId}/todos.json", CreateTodosetTodo, true},
      {"GET", "/{accountId}/todosets/{todosetId}/hill.json", GetHillChart, true},
      {"PUT", "/{accountId}/todosets/{todosetId}/hills/settings.json", UpdateHillChart, true},
      {"GET", "/{accountId}/reports/progress.json", ProgressReport, false},
      {"GET", "/{accountId}/reports/users/progress/{personId}.json", PersonProgress, false},
      {"GET", "/{accountId}/reports/schedules/upcoming.json", UpcomingSchedule, false},
      {"GET", "/{accountId}/reports/todos/overdue.json", OverdueTodos, false},
      {"GET", "/{accountId}/lineup/markers.json", ListLineupMarkers, false},
      {"POST", "/{accountId}/lineup/markers.json", CreateLineupMarker, false},
      {"PUT", "/{accountId}/lineup/markers/{markerId}", UpdateLineupMarker, false},
      {"DELETE", "/{accountId}/lineup/markers/{markerId}", DeleteLineupMarker, false},
  };
}

}  // namespace bcsim::api
