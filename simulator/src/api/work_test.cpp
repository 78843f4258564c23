// The Work family's endpoints (card tables, schedules, check-ins, reports, lineup) through
// HandleApi on fixtures/worlds/acme.yaml: what a write does is what the next read shows, and
// the 400/403/404/422 cases. (Body shapes are validated in tests/openapi.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/api_test_support.h"
#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;

class WorkApiTest : public testing::AcmeApiTest {
 protected:
  static std::string IdOf(const ApiResponse& r) {
    return std::to_string(json::parse(r.body).at("id").get<long long>());
  }
  static std::string Key(const std::string& kind, const std::string& key) {
    return std::to_string(StableId(kind, key));
  }
  std::string Board() const { return Key("kanban_board", "website"); }
};

TEST_F(WorkApiTest, ACardMovesToTheDoneColumnAndIsCompleted) {
  const std::string doing = IdOf(Call("POST", "/4000001/card_tables/" + Board() + "/columns.json", R"({"title":"Doing"})"));
  Recording done;
  done.type = "Kanban::DoneColumn";
  done.parent = StableId("kanban_board", "website");
  done.title = "Done";
  done.position = 100;  // after the columns, as Basecamp keeps it
  const Id done_id = AddRecording(world_, world_.accounts[0].projects[0], done, "alice", now_);
  ApiResponse created = Call("POST", "/4000001/card_tables/lists/" + doing + "/cards.json", R"({"title":"Hero"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string card = IdOf(created);
  EXPECT_EQ(Get("/4000001/card_tables/cards/" + card)["completed"], false);
  EXPECT_EQ(Get("/4000001/card_tables/columns/" + doing)["cards_count"], 1);

  now_ += 5000;
  EXPECT_EQ(Call("POST", "/4000001/card_tables/cards/" + card + "/moves.json",
                 R"({"column_id":)" + std::to_string(done_id) + "}").status, 204);
  json moved = Get("/4000001/card_tables/cards/" + card);
  EXPECT_EQ(moved["completed"], true);
  EXPECT_EQ(moved["parent"]["id"], done_id);
  EXPECT_EQ(moved["completer"]["name"], "Alice Adams");
  EXPECT_EQ(Get("/4000001/card_tables/columns/" + doing)["cards_count"], 0);
  // The card table lists both columns, Done after Doing.
  json table = Get("/4000001/card_tables/" + Board());
  ASSERT_EQ(table["lists"].size(), 2u);
  EXPECT_EQ(table["lists"][0]["title"], "Doing");
  bool completed_event = false;
  for (const json& e : Get("/4000001/recordings/" + card + "/events.json")) {
    completed_event = completed_event || e["action"] == "completed";
  }
  EXPECT_TRUE(completed_event);
}

TEST_F(WorkApiTest, CardUpdatesAndStepsAreStateful) {
  const std::string col = IdOf(Call("POST", "/4000001/card_tables/" + Board() + "/columns.json", R"({"title":"Doing"})"));
  const std::string card = IdOf(Call("POST", "/4000001/card_tables/lists/" + col + "/cards.json", R"({"title":"A"})"));
  const std::string bob = Key("person", "acme/bob");
  ApiResponse put = Call("PUT", "/4000001/card_tables/cards/" + card,
                         R"({"title":"B","due_on":"2026-12-10","assignee_ids":[)" + bob + "]}");
  ASSERT_EQ(put.status, 200) << put.body;
  json got = Get("/4000001/card_tables/cards/" + card);
  EXPECT_EQ(got["title"], "B");
  EXPECT_EQ(got["due_on"], "2026-12-10");
  ASSERT_EQ(got["assignees"].size(), 1u);
  EXPECT_EQ(got["assignees"][0]["name"], "Bob Brown");

  const std::string s1 = IdOf(Call("POST", "/4000001/card_tables/cards/" + card + "/steps.json", R"({"title":"one"})"));
  const std::string s2 = IdOf(Call("POST", "/4000001/card_tables/cards/" + card + "/steps.json", R"({"title":"two"})"));
  EXPECT_EQ(Call("POST", "/4000001/card_tables/cards/" + card + "/positions.json",
                 R"({"source_id":)" + s2 + R"(,"position":0})").status, 200);
  EXPECT_EQ(Get("/4000001/card_tables/cards/" + card)["steps"][0]["title"], "two");
  EXPECT_EQ(Call("PUT", "/4000001/card_tables/steps/" + s1 + "/completions.json", R"({"completion":"on"})").status, 200);
  EXPECT_EQ(Get("/4000001/card_tables/steps/" + s1)["completed"], true);
  EXPECT_EQ(Call("PUT", "/4000001/card_tables/steps/" + s1 + "/completions.json", R"({"completion":""})").status, 200);
  EXPECT_EQ(Get("/4000001/card_tables/steps/" + s1)["completed"], false);

  // Trashed through the generic route: gone from the column's list, a write answers 404.
  EXPECT_EQ(Call("PUT", "/4000001/recordings/" + card + "/status/trashed.json").status, 204);
  EXPECT_EQ(Get("/4000001/card_tables/lists/" + col + "/cards.json").size(), 0u);
  EXPECT_EQ(Call("PUT", "/4000001/card_tables/cards/" + card, R"({"title":"C"})").status, 404);
  EXPECT_EQ(Call("POST", "/4000001/card_tables/cards/" + card + "/steps.json", R"({"title":"x"})").status, 404);
}

TEST_F(WorkApiTest, CardTableErrors) {
  const std::string col = IdOf(Call("POST", "/4000001/card_tables/" + Board() + "/columns.json", R"({"title":"Doing"})"));
  EXPECT_EQ(Call("POST", "/4000001/card_tables/lists/" + col + "/cards.json", "not json").status, 400);
  EXPECT_EQ(Call("POST", "/4000001/card_tables/lists/" + col + "/cards.json", R"({"title":5})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/card_tables/lists/" + col + "/cards.json", R"({"title":"x","due_on":"2026-02-30"})").status, 422);
  // A client cannot see a card table hidden from clients, and cannot add columns.
  EXPECT_EQ(Call("GET", "/4000001/card_tables/" + Board(), "", "carol").status, 404);
  // The card table of a project bob is not on: 404 for him.
  EXPECT_EQ(Call("GET", "/4000001/card_tables/" + Key("kanban_board", "internal"), "", "bob").status, 404);
  // A wrong bucket is 404 too.
  EXPECT_EQ(Call("GET", "/4000001/buckets/2000003/card_tables/columns/" + col).status, 404);
  EXPECT_EQ(Call("GET", "/4000001/card_tables/columns/" + col).status, 200);
  EXPECT_EQ(Call("PUT", "/4000001/buckets/2000001/card_tables/columns/" + col + "/color.json", R"({"color":"plaid"})").status, 422);
  EXPECT_EQ(Get("/4000001/card_tables/columns/" + col)["color"], "white");
  // bob may not edit alice's step? Only clients are limited: bob (a user) edits.
  const std::string card = IdOf(Call("POST", "/4000001/card_tables/lists/" + col + "/cards.json", R"({"title":"x"})"));
  EXPECT_EQ(Call("PUT", "/4000001/card_tables/cards/" + card, R"({"title":"y"})", "bob").status, 200);
}

TEST_F(WorkApiTest, ScheduleEntriesAreListedByStartAndReplaced) {
  const std::string schedule = Key("schedule", "website");
  auto entry = [&](const std::string& summary, const std::string& day) {
    return IdOf(Call("POST", "/4000001/schedules/" + schedule + "/entries.json",
                     R"({"summary":")" + summary + R"(","starts_at":")" + day + R"(T09:00:00Z","ends_at":")" + day + R"(T10:00:00Z"})"));
  };
  const std::string late = entry("Late", "2026-12-20");
  entry("Early", "2026-12-02");
  json list = Get("/4000001/schedules/" + schedule + "/entries.json");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["summary"], "Early");
  EXPECT_EQ(Get("/4000001/schedules/" + schedule)["entries_count"], 2);
  ApiResponse put = Call("PUT", "/4000001/schedule_entries/" + late,
                         R"({"summary":"Earliest","starts_at":"2026-12-01T08:00:00Z","ends_at":"2026-12-01T09:00:00Z"})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Get("/4000001/schedules/" + schedule + "/entries.json")[0]["summary"], "Earliest");
  EXPECT_EQ(Get("/4000001/schedule_entries/" + late)["starts_at"], "2026-12-01T08:00:00.000Z");
  EXPECT_EQ(Call("PUT", "/4000001/schedule_entries/" + late, R"({"starts_at":"2026-12-02T08:00:00Z","ends_at":"2026-12-01T08:00:00Z"})").status, 422);
  EXPECT_EQ(Call("PUT", "/4000001/schedule_entries/" + late, R"({"summary":"x"})", "carol").status, 404);  // hidden
  EXPECT_EQ(Call("PUT", "/4000001/recordings/" + late + "/status/archived.json").status, 204);
  EXPECT_EQ(Get("/4000001/schedules/" + schedule + "/entries.json").size(), 1u);
  ApiRequest req{"GET", "/4000001/schedules/" + schedule + "/entries.json", {{"status", "archived"}}, "",
                 "http://x", now_, "alice"};
  EXPECT_EQ(json::parse(HandleApi(world_, req).body).size(), 1u);
  // The upcoming report shows the entry still active in its window.
  ApiRequest up{"GET", "/4000001/reports/schedules/upcoming.json",
                {{"window_starts_on", "2026-12-01"}, {"window_ends_on", "2026-12-05"}}, "", "http://x", now_, "alice"};
  json report = json::parse(HandleApi(world_, up).body);
  ASSERT_EQ(report["schedule_entries"].size(), 1u);
  EXPECT_EQ(report["schedule_entries"][0]["summary"], "Early");
}

TEST_F(WorkApiTest, CheckInAnswersArePerPersonAndDay) {
  const std::string set = Key("questionnaire", "website");
  const std::string q = IdOf(Call("POST", "/4000001/questionnaires/" + set + "/questions.json",
                                  R"({"title":"Status?","schedule":{"frequency":"every_day"}})"));
  EXPECT_EQ(Call("POST", "/4000001/questionnaires/" + set + "/questions.json", R"({"title":"x","schedule":{}})", "carol").status, 404);
  EXPECT_EQ(Get("/4000001/my/question_reminders.json").size(), 1u);
  EXPECT_EQ(Call("POST", "/4000001/questions/" + q + "/answers.json", R"({"content":"ok"})").status, 201);
  EXPECT_EQ(Get("/4000001/my/question_reminders.json").size(), 0u);
  EXPECT_EQ(Call("POST", "/4000001/questions/" + q + "/answers.json", R"({"content":"again"})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/questions/" + q + "/answers.json", R"({"content":"bob"})", "bob").status, 201);
  EXPECT_EQ(Get("/4000001/questions/" + q)["answers_count"], 2);
  EXPECT_EQ(Get("/4000001/questions/" + q + "/answers/by.json").size(), 2u);
  EXPECT_EQ(Get("/4000001/questions/" + q + "/answers/by/" + Key("person", "acme/bob")).size(), 1u);
  EXPECT_EQ(Call("POST", "/4000001/questions/" + q + "/pause.json").status, 200);
  EXPECT_EQ(Get("/4000001/questions/" + q)["paused"], true);
  EXPECT_EQ(Get("/4000001/my/question_reminders.json", "bob").size(), 0u);
  EXPECT_EQ(Call("DELETE", "/4000001/questions/" + q + "/pause.json").status, 200);
  EXPECT_EQ(Get("/4000001/questions/" + q)["paused"], false);
}

TEST_F(WorkApiTest, LineupMarkersAndHillChart) {
  EXPECT_EQ(Call("POST", "/4000001/lineup/markers.json", R"({"name":"Ship","date":"2026-12-24"})").status, 201);
  EXPECT_EQ(Call("POST", "/4000001/lineup/markers.json", R"({"name":"Ship","date":"x"})").status, 422);
  EXPECT_EQ(Call("POST", "/4000001/lineup/markers.json", R"({"name":"Ship","date":"2026-12-24"})", "carol").status, 403);
  json markers = Get("/4000001/lineup/markers.json");
  ASSERT_EQ(markers.size(), 1u);
  EXPECT_EQ(markers[0]["name"], "Ship");
  const std::string set = Key("todoset", "website/todoset");
  EXPECT_EQ(Get("/4000001/todosets/" + set + "/hill.json")["enabled"], false);
  EXPECT_EQ(Call("PUT", "/4000001/todosets/" + set + "/hills/settings.json", R"({"tracked":[3000001]})").status, 200);
  json hill = Get("/4000001/todosets/" + set + "/hill.json");
  EXPECT_EQ(hill["enabled"], true);
  ASSERT_EQ(hill["dots"].size(), 1u);
  EXPECT_EQ(hill["dots"][0]["label"], "Launch checklist");
}

}  // namespace
}  // namespace bcsim
