// The Activity endpoints on fixtures/worlds/acme.yaml: feeds and search computed from the world,
// and the writes (bookmarks, boosts, Up Next, notes, reads, gauges) that later reads show.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/api_test_support.h"
#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kOrigin = testing::kTestOrigin;
constexpr Millis kDay = 24LL * 3600 * 1000;

class ActivityTest : public testing::AcmeApiTest {
 protected:
  ApiResponse Call(const std::string& method, const std::string& path,
                   const std::string& identity = "alice",
                   std::multimap<std::string, std::string> params = {},
                   const std::string& body = "") {
    return Handle(method, path, body, identity, std::move(params));
  }
  ApiResponse Get(const std::string& path, const std::string& identity = "alice",
                  std::multimap<std::string, std::string> params = {}) {
    return Call("GET", path, identity, std::move(params));
  }
  static std::vector<std::string> Titles(const json& items) {
    std::vector<std::string> out;
    for (const json& item : items) out.push_back(item.at("title").get<std::string>());
    return out;
  }
  Project& ProjectById(Id id) {
    for (Project& p : world_.accounts[0].projects) {
      if (p.id == id) return p;
    }
    ADD_FAILURE() << "no project " << id;
    return world_.accounts[0].projects[0];
  }
  // A message on the project's board, written by `creator` (another family owns the message
  // endpoints; the Activity feeds read whatever the world holds).
  Id AddMessage(Id project_id, const std::string& subject, const std::string& content,
                const std::string& creator = "bob", bool draft = false) {
    Project& p = ProjectById(project_id);
    Recording* board = FindTool(p, "Message::Board");
    EXPECT_NE(board, nullptr);
    Recording m;
    m.type = "Message";
    m.parent = board != nullptr ? board->id : 0;
    m.title = subject;
    m.content = content;
    m.fields = {{"subject", subject}};
    if (draft) m.fields["draft"] = true;
    return AddRecording(world_, p, std::move(m), creator, now_);
  }
  static std::string Todo(const std::string& key) { return std::to_string(StableId("todo", key)); }
};

TEST_F(ActivityTest, RecordingsOfAnyTypeComeFromTheWorldAndFollowStatus) {
  const Id id = AddMessage(2000001, "Kickoff", "<p>Hello team</p>");
  const Id hidden = AddMessage(2000002, "Payroll notes", "<p>Internal</p>", "alice");
  ApiResponse r = Get("/4000001/projects/recordings.json", "alice", {{"type", "Message"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(Titles(Body(r)), Contains("Kickoff"));
  EXPECT_THAT(Titles(Body(r)), Contains("Payroll notes"));
  // bob is not on the internal project: its message is not his to see.
  r = Get("/4000001/projects/recordings.json", "bob", {{"type", "Message"}});
  EXPECT_THAT(Titles(Body(r)), Contains("Kickoff"));
  EXPECT_THAT(Titles(Body(r)), Not(Contains("Payroll notes")));
  r = Get("/4000001/projects/recordings.json", "alice",
          {{"type", "Message"}, {"bucket", "2000002"}});
  EXPECT_THAT(Titles(Body(r)), ::testing::ElementsAre("Payroll notes"));
  (void)hidden;
  // carol is a client: a message not visible to clients is not in her feeds or search.
  r = Get("/4000001/projects/recordings.json", "carol", {{"type", "Message"}});
  EXPECT_THAT(Body(r), IsEmpty());
  EXPECT_THAT(Body(Get("/4000001/messages.json", "carol")), IsEmpty());
  EXPECT_THAT(Body(Get("/4000001/search.json", "carol", {{"q", "kickoff"}})), IsEmpty());
  EXPECT_EQ(Body(Get("/4000001/search.json", "bob", {{"q", "kickoff"}})).size(), 1u);

  ASSERT_EQ(Call("PUT", "/4000001/recordings/" + std::to_string(id) + "/status/trashed.json").status,
            204);
  r = Get("/4000001/projects/recordings.json", "bob", {{"type", "Message"}});
  EXPECT_THAT(Titles(Body(r)), Not(Contains("Kickoff")));
  r = Get("/4000001/projects/recordings.json", "bob", {{"type", "Message"}, {"status", "trashed"}});
  EXPECT_THAT(Titles(Body(r)), Contains("Kickoff"));

  r = Get("/4000001/projects/recordings.json", "bob", {{"type", "Todolist"}});
  EXPECT_THAT(Titles(Body(r)), Contains("Launch checklist"));
  EXPECT_THAT(Titles(Body(r)), Not(Contains("Last year's plan")));  // archived
  r = Get("/4000001/projects/recordings.json", "bob", {{"type", "Vault"}});
  EXPECT_EQ(Body(r).size(), 1u);  // the website's Docs & Files; internal is not bob's
}

TEST_F(ActivityTest, EverythingTodoFeedsGroupByBucketAndFilter) {
  // The Everything feed, not the to-do with id "open".
  ApiResponse r = Get("/4000001/todos/open.json", "bob");
  ASSERT_EQ(r.status, 200) << r.body;
  json groups = Body(r);
  ASSERT_EQ(groups.size(), 1u);  // bob sees the website only (archive-2025 is archived)
  EXPECT_EQ(groups[0]["bucket"]["id"], 2000001);
  EXPECT_THAT(Titles(groups[0]["todos"]), Contains("Fix footer"));
  EXPECT_THAT(Titles(groups[0]["todos"]), Not(Contains("Old task")));  // completed
  EXPECT_THAT(Titles(groups[0]["todos"]), Not(Contains("Gone")));      // trashed

  r = Get("/4000001/todos/open.json", "bob",
          {{"assignee_ids[]", std::to_string(PersonId("alice"))}, {"due", "with"}});
  EXPECT_THAT(Titles(Body(r)[0]["todos"]),
              ::testing::ElementsAre("Write copy", "Review launch plan"));
  r = Get("/4000001/todos/open.json", "bob", {{"assignee_ids[]", "1"}});  // nobody: empty
  EXPECT_THAT(Body(r), IsEmpty());

  r = Get("/4000001/todos/completed.json", "bob");
  EXPECT_THAT(Titles(Body(r)[0]["todos"]), ::testing::ElementsAre("Old task"));
  r = Get("/4000001/todos/unassigned.json", "bob");
  EXPECT_THAT(Titles(Body(r)[0]["todos"]), ::testing::ElementsAre("Pick a launch date"));
  r = Get("/4000001/todos/no_due_date.json", "bob");
  EXPECT_THAT(Titles(Body(r)[0]["todos"]), Not(Contains("Write copy")));

  // Overdue is a flat array, relative to the simulator's clock.
  EXPECT_THAT(Body(Get("/4000001/todos/overdue.json", "bob")), IsEmpty());
  now_ += 3 * kDay;  // 2026-12-04: copy (12-01) and the login bug (12-03) are late
  EXPECT_THAT(Titles(Body(Get("/4000001/todos/overdue.json", "bob"))),
              ::testing::ElementsAre("Write copy", "Login button misaligned"));
  // Completing a to-do moves it from open to completed.
  ASSERT_EQ(Call("POST", "/4000001/todos/" + Todo("footer") + "/completion.json", "bob").status, 204);
  EXPECT_THAT(Titles(Body(Get("/4000001/todos/open.json", "bob"))[0]["todos"]),
              Not(Contains("Fix footer")));
  EXPECT_THAT(Titles(Body(Get("/4000001/todos/completed.json", "bob"))[0]["todos"]),
              Contains("Fix footer"));
}

TEST_F(ActivityTest, EverythingCardFeedsSortCardsByColumnAndDueDate) {
  Project& web = ProjectById(2000001);
  const Id table = FindTool(web, "Kanban::Board")->id;
  auto add = [&](const std::string& type, Id parent, const std::string& title, json fields) {
    Recording r;
    r.type = type;
    r.parent = parent;
    r.title = title;
    r.fields = std::move(fields);
    return AddRecording(world_, web, std::move(r), "bob", now_);
  };
  const Id doing = add("Kanban::Column", table, "Doing", json::object());
  const Id later = add("Kanban::NotNowColumn", table, "Not now", json::object());
  const Id done = add("Kanban::DoneColumn", table, "Done", json::object());
  add("Kanban::Card", doing, "Late card", {{"due_on", "2026-11-20"}, {"assignees", {"bob"}}});
  add("Kanban::Card", doing, "Fresh card", json::object());
  add("Kanban::Card", later, "Someday card", json::object());
  add("Kanban::Card", done, "Shipped card", json::object());
  add("Kanban::Card", doing, "Ticked card", {{"completed", true}});
  auto cards = [&](const std::string& feed, std::multimap<std::string, std::string> params = {}) {
    json body = Body(Get("/4000001/cards/" + feed + ".json", "bob", std::move(params)));
    return feed == "overdue" ? Titles(body) : body.empty() ? std::vector<std::string>{}
                                                          : Titles(body[0]["cards"]);
  };
  EXPECT_THAT(cards("open"), ::testing::ElementsAre("Late card", "Fresh card"));
  EXPECT_THAT(cards("not_now"), ::testing::ElementsAre("Someday card"));
  EXPECT_THAT(cards("completed"), ::testing::ElementsAre("Shipped card", "Ticked card"));
  EXPECT_THAT(cards("overdue"), ::testing::ElementsAre("Late card"));
  EXPECT_THAT(cards("unassigned"), ::testing::ElementsAre("Fresh card"));
  EXPECT_THAT(cards("open", {{"assignee_ids[]", std::to_string(PersonId("bob"))}}),
              ::testing::ElementsAre("Late card"));
  // A card table turned off hides its cards; the bucket stays, empty.
  FindTool(web, "Kanban::Board")->fields["enabled"] = false;
  json groups = Body(Get("/4000001/cards/open.json", "bob"));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_THAT(groups[0]["cards"], IsEmpty());
}

TEST_F(ActivityTest, EverythingMessagesAreNewestFirstAndSkipDrafts) {
  AddMessage(2000001, "First", "a");
  now_ += 1000;
  AddMessage(2000001, "Second", "b");
  AddMessage(2000001, "Unsent", "c", "bob", /*draft=*/true);
  ApiResponse r = Get("/4000001/messages.json", "bob");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(Titles(Body(r)), ::testing::ElementsAre("Second", "First"));
  // The draft is in its author's drafts only.
  EXPECT_THAT(Titles(Body(Get("/4000001/my/drafts.json", "bob"))), ::testing::ElementsAre("Unsent"));
  EXPECT_THAT(Body(Get("/4000001/my/drafts.json", "alice")), IsEmpty());
}

TEST_F(ActivityTest, SearchFindsWordsInVisibleTitlesAndContent) {
  AddMessage(2000001, "Launch party", "<p>Bring <b>snacks</b></p>");
  AddMessage(2000002, "Secret snacks", "<p>ops only</p>", "alice");
  ApiResponse r = Get("/4000001/search.json", "bob", {{"q", "SNACKS"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(Titles(Body(r)), ::testing::ElementsAre("Launch party"));  // not the internal one
  r = Get("/4000001/search.json", "alice", {{"q", "snacks"}});
  EXPECT_EQ(Body(r).size(), 2u);
  r = Get("/4000001/search.json", "bob", {{"q", "footer"}});
  EXPECT_THAT(Titles(Body(r)), ::testing::ElementsAre("Fix footer"));
  r = Get("/4000001/search.json", "bob", {{"q", "footer"}, {"type_names[]", "Message"}});
  EXPECT_THAT(Body(r), IsEmpty());
  r = Get("/4000001/search.json", "bob", {{"q", "launch"}, {"creator_ids[]", std::to_string(PersonId("bob"))}});
  EXPECT_THAT(Titles(Body(r)), ::testing::ElementsAre("Launch party"));
  EXPECT_EQ(Get("/4000001/search.json", "bob").status, 400);  // no query
  EXPECT_EQ(Body(Get("/4000001/searches/metadata.json"))["default_type_label"], "Everything");
}

TEST_F(ActivityTest, BookmarksArePersonalIdempotentAndRemovable) {
  const std::string path = "/4000001/recordings/" + Todo("review") + "/bookmark.json";
  ApiResponse first = Call("POST", path, "alice");
  ASSERT_EQ(first.status, 201) << first.body;
  ApiResponse again = Call("POST", path, "alice");
  EXPECT_EQ(Body(again)["id"], Body(first)["id"]);  // never a duplicate
  EXPECT_EQ(Body(Get(path, "alice"))["bookmarked"], true);
  EXPECT_EQ(Body(Get(path, "bob"))["bookmarked"], false);  // only its creator's
  json list = Body(Get("/4000001/my/bookmarks.json", "alice"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["recording"]["title"], "Review launch plan");
  EXPECT_THAT(Body(Get("/4000001/my/bookmarks.json", "bob")), IsEmpty());
  EXPECT_EQ(Call("DELETE", path, "alice").status, 204);
  EXPECT_EQ(Call("DELETE", path, "alice").status, 204);  // absent: still 204
  EXPECT_EQ(Body(Get(path, "alice"))["bookmarked"], false);
  // A recording bob cannot see is a 404, whatever the method.
  const std::string hidden = "/4000001/recordings/" + Todo("payroll") + "/bookmark.json";
  EXPECT_EQ(Get(hidden, "bob").status, 404);
  EXPECT_EQ(Call("POST", hidden, "bob").status, 404);
}

TEST_F(ActivityTest, BoostsOnRecordingsAndEventsCanBeReadAndDeletedByTheirBooster) {
  const std::string rec = "/4000001/recordings/" + Todo("review");
  EXPECT_EQ(Call("POST", rec + "/boosts.json", "bob", {}, "nope").status, 400);
  EXPECT_EQ(Call("POST", rec + "/boosts.json", "bob", {}, R"({"content":""})").status, 422);
  ApiResponse b = Call("POST", rec + "/boosts.json", "bob", {}, R"({"content":"🎉"})");
  ASSERT_EQ(b.status, 201) << b.body;
  const std::string boost = "/4000001/boosts/" + std::to_string(Body(b)["id"].get<Id>());
  EXPECT_EQ(Body(b)["booster"]["id"], PersonId("bob"));
  EXPECT_EQ(Body(Get(rec + "/boosts.json")).size(), 1u);
  EXPECT_EQ(Body(Get(boost))["content"], "🎉");
  // A comment's envelope counts the boosts the world holds for it.
  ApiResponse comment = Call("POST", rec + "/comments.json", "bob", {}, R"({"content":"hi"})");
  const std::string cid = std::to_string(Body(comment)["id"].get<Id>());
  EXPECT_EQ(Body(comment)["boosts_count"], 0);
  ASSERT_EQ(Call("POST", "/4000001/recordings/" + cid + "/boosts.json", "alice", {},
                 R"({"content":"👍"})").status,
            201);
  EXPECT_EQ(Body(Get("/4000001/comments/" + cid))["boosts_count"], 1);

  // An event's boosts are its own; an event of another recording is a 404.
  json events = Body(Get(rec + "/events.json"));
  ASSERT_FALSE(events.empty());
  const std::string ev = rec + "/events/" + std::to_string(events[0]["id"].get<Id>()) + "/boosts.json";
  ASSERT_EQ(Call("POST", ev, "alice", {}, R"({"content":"+1"})").status, 201);
  EXPECT_EQ(Body(Get(ev)).size(), 1u);
  EXPECT_EQ(Body(Get(rec + "/events.json"))[0]["boosts_count"], 1);  // the event counts its own
  EXPECT_EQ(Body(Get(rec + "/boosts.json")).size(), 1u);
  EXPECT_EQ(Get("/4000001/recordings/" + Todo("copy") + "/events/" +
                std::to_string(events[0]["id"].get<Id>()) + "/boosts.json")
                .status,
            404);

  EXPECT_EQ(Call("DELETE", boost, "carol").status, 403);  // not the booster, not an admin
  // Only the booster (or an admin) removes a boost; bob boosted, so alice (admin) may too.
  ApiResponse a = Call("POST", rec + "/boosts.json", "alice", {}, R"({"content":"ok"})");
  EXPECT_EQ(Call("DELETE", "/4000001/boosts/" + std::to_string(Body(a)["id"].get<Id>()), "bob").status,
            403);
  EXPECT_EQ(Call("DELETE", boost, "bob").status, 204);
  EXPECT_EQ(Get(boost).status, 404);
}

TEST_F(ActivityTest, UpNextOrdersPrioritiesInMyAssignments) {
  const Id copy = StableId("todo", "copy"), review = StableId("todo", "review");
  EXPECT_EQ(Call("POST", "/4000001/my/priorities.json", "alice", {}, "{}").status, 400);
  EXPECT_EQ(Call("POST", "/4000001/my/priorities.json", "alice", {},
                 R"({"id":)" + Todo("footer") + "}").status,
            422);  // bob's to-do, not alice's
  ASSERT_EQ(Call("POST", "/4000001/my/priorities.json", "alice", {}, R"({"id":)" + Todo("copy") + "}").status, 204);
  ASSERT_EQ(Call("POST", "/4000001/my/priorities.json", "alice", {}, R"({"id":)" + Todo("review") + "}").status, 204);
  ASSERT_EQ(Call("POST", "/4000001/my/priorities.json", "alice", {}, R"({"id":)" + Todo("copy") + "}").status, 204);
  json mine = Body(Get("/4000001/my/assignments.json"));
  ASSERT_EQ(mine["priorities"].size(), 2u);
  EXPECT_EQ(mine["priorities"][0]["id"], copy);
  EXPECT_EQ(mine["priorities"][1]["priority_recording_id"], review);
  for (const json& item : mine["non_priorities"]) EXPECT_NE(item["id"], copy);

  EXPECT_EQ(Call("POST", "/4000001/my/priority_moves.json", "alice", {},
                 R"({"source_id":)" + Todo("review") + R"(,"position":3})").status,
            422);
  EXPECT_EQ(Call("POST", "/4000001/my/priority_moves.json", "alice", {},
                 R"({"source_id":)" + Todo("review") + "}").status,
            400);
  ASSERT_EQ(Call("POST", "/4000001/my/priority_moves.json", "alice", {},
                 R"({"source_id":)" + Todo("review") + R"(,"position":1})").status,
            204);
  EXPECT_EQ(Body(Get("/4000001/my/assignments.json"))["priorities"][0]["id"], review);
  EXPECT_EQ(Call("DELETE", "/4000001/my/priorities/" + Todo("review"), "alice").status, 204);
  EXPECT_EQ(Call("DELETE", "/4000001/my/priorities/" + Todo("review"), "alice").status, 204);
  mine = Body(Get("/4000001/my/assignments.json"));
  ASSERT_EQ(mine["priorities"].size(), 1u);
  EXPECT_EQ(mine["priorities"][0]["id"], copy);
  EXPECT_THAT(Body(Get("/4000001/my/assignments.json", "bob"))["priorities"], IsEmpty());
}

TEST_F(ActivityTest, CompletedAndDueAssignmentsFollowTheClock) {
  json done = Body(Get("/4000001/my/assignments/completed.json"));
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0]["content"], "Old task");
  json today = Body(Get("/4000001/my/assignments/due.json", "alice", {{"scope", "due_today"}}));
  ASSERT_EQ(today.size(), 1u);
  EXPECT_EQ(today[0]["content"], "Write copy");
  EXPECT_THAT(Body(Get("/4000001/my/assignments/due.json")), IsEmpty());  // overdue by default
  now_ += 2 * kDay;
  json late = Body(Get("/4000001/my/assignments/due.json"));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0]["content"], "Write copy");
  EXPECT_EQ(Get("/4000001/my/assignments/due.json", "alice", {{"scope", "soon"}}).status, 400);
}

TEST_F(ActivityTest, MyNoteIsCreatedByItsFirstUpdate) {
  json note = Body(Get("/4000001/my/notes.json"));
  EXPECT_TRUE(note["id"].is_null());
  EXPECT_EQ(note["content"], "");
  ApiResponse blank = Call("PUT", "/4000001/my/notes.json", "alice", {}, R"({"note":{"content":" "}})");
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(Body(blank)["errors"]["content"][0], "can't be blank");
  ApiResponse put = Call("PUT", "/4000001/my/notes.json", "alice", {}, R"({"note":{"content":"<p>Buy milk</p>"}})");
  ASSERT_EQ(put.status, 200) << put.body;
  note = Body(Get("/4000001/my/notes.json"));
  EXPECT_FALSE(note["id"].is_null());
  EXPECT_EQ(note["content"], "<p>Buy milk</p>");
  EXPECT_TRUE(Body(Get("/4000001/my/notes.json", "bob"))["id"].is_null());  // bob's own notebook
}

TEST_F(ActivityTest, ReadingsShowOthersActivityUntilMarkedRead) {
  EXPECT_THAT(Body(Get("/4000001/my/readings.json"))["unreads"], IsEmpty());
  ASSERT_EQ(Call("POST", "/4000001/recordings/" + Todo("copy") + "/comments.json", "bob", {},
                 R"({"content":"Done?"})").status,
            201);
  json inbox = Body(Get("/4000001/my/readings.json"));
  ASSERT_EQ(inbox["unreads"].size(), 1u);
  EXPECT_EQ(inbox["unreads"][0]["title"], "Write copy");
  EXPECT_EQ(inbox["unreads"][0]["creator"]["id"], PersonId("bob"));
  // bob wrote it: nothing new for him.
  EXPECT_THAT(Body(Get("/4000001/my/readings.json", "bob"))["unreads"], IsEmpty());
  const std::string sgid = inbox["unreads"][0]["readable_sgid"];
  EXPECT_EQ(Call("PUT", "/4000001/my/unreads.json", "alice", {}, R"({"readables":5})").status, 422);
  ASSERT_EQ(Call("PUT", "/4000001/my/unreads.json", "alice", {}, R"({"readables":[")" + sgid + R"("]})").status,
            200);
  inbox = Body(Get("/4000001/my/readings.json"));
  EXPECT_THAT(inbox["unreads"], IsEmpty());
  ASSERT_EQ(inbox["reads"].size(), 1u);
  EXPECT_EQ(inbox["reads"][0]["title"], "Write copy");
}

TEST_F(ActivityTest, GaugeNeedlesRecordProgressAndOnlyAdminsToggle) {
  const std::string needles = "/4000001/projects/2000001/gauge/needles.json";
  EXPECT_THAT(Body(Get(needles)), IsEmpty());
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001/gauge.json", "bob", {},
                 R"({"gauge":{"enabled":true}})").status,
            403);
  EXPECT_EQ(Call("PUT", "/4000001/projects/2000001/gauge.json", "alice", {}, R"({"gauge":{}})").status,
            422);
  EXPECT_EQ(Call("POST", needles, "bob", {}, R"({"gauge_needle":{"position":101}})").status, 422);
  EXPECT_EQ(Call("POST", needles, "bob", {}, R"({"gauge_needle":{"position":5,"color":"blue"}})").status,
            422);
  ApiResponse first = Call("POST", needles, "bob", {}, R"({"gauge_needle":{"position":20}})");
  ASSERT_EQ(first.status, 201) << first.body;
  now_ += 1000;
  ApiResponse second = Call("POST", needles, "bob", {},
                            R"({"gauge_needle":{"position":60,"color":"red","description":"Late"}})");
  ASSERT_EQ(second.status, 201);
  json list = Body(Get(needles));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["position"], 60);  // newest first
  EXPECT_EQ(list[0]["color"], "red");
  json gauges = Body(Get("/4000001/reports/gauges.json"));
  ASSERT_EQ(gauges.size(), 1u);
  EXPECT_EQ(gauges[0]["last_needle_position"], 60);
  EXPECT_EQ(gauges[0]["previous_needle_position"], 20);

  const std::string needle = "/4000001/gauge_needles/" + std::to_string(Body(second)["id"].get<Id>());
  ApiResponse put = Call("PUT", needle, "bob", {}, R"({"gauge_needle":{"description":"On track"}})");
  ASSERT_EQ(put.status, 200);
  EXPECT_EQ(Body(put)["description"], "On track");
  EXPECT_EQ(Body(put)["position"], 60);  // position and color are immutable
  EXPECT_EQ(Call("PUT", needle, "carol", {}, R"({"gauge_needle":{"description":"x"}})").status, 404);
  EXPECT_EQ(Call("DELETE", needle, "bob").status, 204);
  EXPECT_EQ(Get(needle).status, 404);
  EXPECT_EQ(Body(Get(needles)).size(), 1u);
  EXPECT_EQ(Body(Get("/4000001/reports/gauges.json"))[0]["last_needle_position"], 20);
  ASSERT_EQ(Call("PUT", "/4000001/projects/2000001/gauge.json", "alice", {},
                 R"({"gauge":{"enabled":false}})").status,
            200);
  EXPECT_EQ(Body(Get("/4000001/reports/gauges.json"))[0]["enabled"], false);
  EXPECT_EQ(Get("/4000001/projects/2000002/gauge/needles.json", "bob").status, 404);
}

}  // namespace
}  // namespace bcsim
