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
  };
}

}  // namespace bcsim::api
