// The `basecamp:` steps for other people's common changes: comment, move_card, log_time. They
// go through the same world functions as the API's writes, so they record the same events.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "bcsim/events.h"
#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using json = nlohmann::json;

class RecordingEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(std::string(BCSIM_FIXTURES_DIR) + "/worlds/recordings.yaml");
    std::stringstream s;
    s << in.rdbuf();
    StatusOr<ScenarioDocument> doc = ReadScenarioText(s.str(), "w.yaml");
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    StatusOr<World> w = LoadWorld(*doc, {});
    ASSERT_TRUE(w.ok()) << w.status().message();
    world_ = std::move(*w);
  }
  Project& Web() { return world_.accounts[0].projects[0]; }
  Recording& Keyed(const std::string& key) {
    for (Recording& r : Web().recordings) {
      if (r.key == key) return r;
    }
    ADD_FAILURE() << "no " << key;
    return Web().recordings.front();
  }
  std::vector<std::string> ActionsOn(Id id) const {
    std::vector<std::string> out;
    for (const RecordingEvent& e : world_.accounts[0].projects[0].events) {
      if (e.recording == id) out.push_back(e.action + ":" + e.creator);
    }
    return out;
  }
  Status Apply(const json& e) { return ApplyEvent(world_, e, kNow); }
  void ExpectRefused(const json& e, const std::string& part) {
    const std::size_t recordings = Web().recordings.size(), events = Web().events.size();
    Status s = Apply(e);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find(part), std::string::npos) << s.message();
    EXPECT_EQ(Web().recordings.size(), recordings);
    EXPECT_EQ(Web().events.size(), events);
  }
  static constexpr Millis kNow = kDefaultStartTime + 3'600'000;
  World world_;
};

TEST_F(RecordingEventsTest, CommentOnAMessageRecordsWhatTheApiRecords) {
  const Id kickoff = Keyed("kickoff").id;
  ASSERT_EQ(CommentsCount(world_, kickoff), 1);
  ASSERT_TRUE(Apply({{"event", "comment"}, {"on", "kickoff"}, {"content", "<div>Yes</div>"},
                     {"by", "bob"}}).ok());
  EXPECT_EQ(CommentsCount(world_, kickoff), 2);
  const Recording& c = Web().recordings.back();
  EXPECT_EQ(c.type, "Comment");
  EXPECT_EQ(c.creator, "bob");
  EXPECT_EQ(c.content, "<div>Yes</div>");
  EXPECT_EQ(c.created_at, kNow);
  EXPECT_EQ(ActionsOn(kickoff), std::vector<std::string>{"comment_created:bob"});
  EXPECT_EQ(ActionsOn(c.id), std::vector<std::string>{"created:bob"});
  // On a to-do by its key, by the account's admin when no `by`.
  ASSERT_TRUE(Apply({{"event", "comment"}, {"on", "copy"}, {"content", "hi"}}).ok());
  EXPECT_EQ(Web().recordings.back().creator, "alice");
}

TEST_F(RecordingEventsTest, CommentRefusesWhatTakesNone) {
  ExpectRefused({{"event", "comment"}, {"on", "nope"}, {"content", "x"}},
                "unknown recording `nope`");
  ExpectRefused({{"event", "comment"}, {"on", "kickoff-reply"}, {"content", "x"}},
                "a Comment takes no comments");
  ExpectRefused({{"event", "comment"}, {"on", "kickoff"}, {"content", "x"}, {"by", "dora"}},
                "found `dora`, who is not");
  ExpectRefused({{"event", "comment"}, {"on", "kickoff"}, {"text", "x"}}, "unknown field `text`");
}

TEST_F(RecordingEventsTest, MoveCardIntoDoneCompletesIt) {
  const Id hero = Keyed("hero").id, done = Keyed("done").id;
  ASSERT_TRUE(Apply({{"event", "move_card"}, {"card", "hero"}, {"column", "done"},
                     {"by", "bob"}}).ok());
  const Recording& card = Keyed("hero");
  EXPECT_EQ(card.parent, done);
  EXPECT_EQ(card.position, 1);
  EXPECT_EQ(card.fields["completed_at"], kNow);
  EXPECT_EQ(card.fields["completer"], "bob");
  EXPECT_EQ(ActionsOn(hero), (std::vector<std::string>{"moved:bob", "completed:bob"}));
  // And back out: moved, uncompleted.
  ASSERT_TRUE(Apply({{"event", "move_card"}, {"card", "hero"}, {"column", "doing"}}).ok());
  EXPECT_EQ(ActionsOn(hero).back(), "uncompleted:alice");
}

TEST_F(RecordingEventsTest, MoveCardRefusesWhatIsNotAColumn) {
  ExpectRefused({{"event", "move_card"}, {"card", "hero"}, {"column", "kickoff"}},
                "expected Kanban::Triage or Kanban::Column");
  ExpectRefused({{"event", "move_card"}, {"card", "kickoff"}, {"column", "done"}},
                "expected Kanban::Card for `card`, found `kickoff`, a Message");
  ExpectRefused({{"event", "move_card"}, {"card", "hero"}, {"column", "done"}, {"position", 0}},
                "whole number from 1");
  EXPECT_EQ(Keyed("hero").parent, Keyed("doing").id);
}

TEST_F(RecordingEventsTest, LogTimeWritesAnEntryAsTheApiDoes) {
  const std::size_t before = Web().timesheet_entries.size();
  ASSERT_TRUE(Apply({{"event", "log_time"}, {"todo", "copy"}, {"hours", 1.5}, {"by", "bob"},
                     {"description", "More drafting"}}).ok());
  ASSERT_EQ(Web().timesheet_entries.size(), before + 1);
  const TimesheetEntry& e = Web().timesheet_entries.back();
  EXPECT_EQ(e.hours, "1.5");
  EXPECT_EQ(e.person, "bob");
  EXPECT_EQ(e.creator, "bob");
  EXPECT_EQ(e.date, "2026-12-01");  // today on the clock when no `date`
  EXPECT_EQ(e.recording, StableId("todo", "copy"));
  EXPECT_TRUE(FindRecording(world_, e.id).has_value());
  EXPECT_EQ(ActionsOn(e.id), std::vector<std::string>{"created:bob"});
  ASSERT_TRUE(Apply({{"event", "log_time"}, {"todo", "copy"}, {"hours", "0.25"},
                     {"date", "2026-11-30"}}).ok());
  EXPECT_EQ(Web().timesheet_entries.back().hours, "0.25");
}

TEST_F(RecordingEventsTest, LogTimeRefusesBadHoursAndNonTodos) {
  const std::size_t before = Web().timesheet_entries.size();
  ExpectRefused({{"event", "log_time"}, {"todo", "copy"}, {"hours", 25}}, "at most 24");
  ExpectRefused({{"event", "log_time"}, {"todo", "copy"}, {"hours", "soon"}}, "like 1.5");
  ExpectRefused({{"event", "log_time"}, {"todo", "kickoff"}, {"hours", 1}}, "expected Todo");
  ExpectRefused({{"event", "log_time"}, {"todo", "copy"}, {"hours", 1}, {"date", "12/01"}},
                "expected a date");
  EXPECT_EQ(Web().timesheet_entries.size(), before);
}

}  // namespace
}  // namespace bcsim
