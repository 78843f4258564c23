#include "bcsim/recordings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/api_test_support.h"

#include <set>

#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using ::testing::ElementsAre;

class RecordingsTest : public testing::AcmeApiTest {
 protected:
  RecordingRef Find(Id id) {
    std::optional<RecordingRef> r = FindRecording(world_, id);
    EXPECT_TRUE(r.has_value()) << id;
    return r.value_or(RecordingRef{});
  }
  std::vector<std::string> Actions(Id id) {
    std::vector<std::string> out;
    for (const RecordingEvent& e : Find(id).project->events) {
      if (e.recording == id) out.push_back(e.action);
    }
    return out;
  }
};

TEST_F(RecordingsTest, FindsEveryTypeWithItsParent) {
  EXPECT_EQ(Find(StableId("todoset", "website/todoset")).type, "Todoset");
  RecordingRef list = Find(3000001);
  EXPECT_EQ(list.type, "Todolist");
  EXPECT_EQ(list.parent_type, "Todoset");
  EXPECT_TRUE(list.is_list());
  RecordingRef group = Find(3000101);
  EXPECT_TRUE(group.is_group());
  EXPECT_EQ(group.parent, 3000001);
  RecordingRef todo = Find(TodoId("proofread"));
  EXPECT_EQ(todo.type, "Todo");
  EXPECT_EQ(todo.parent, 3000101);
  const Id comment = AddComment(world_, todo, "<p>Hi</p>", "bob", 5);
  RecordingRef c = Find(comment);
  EXPECT_EQ(c.type, "Comment");
  EXPECT_EQ(c.parent, TodoId("proofread"));
  EXPECT_EQ(c.parent_type, "Todo");
  EXPECT_EQ(CommentsCount(world_, TodoId("proofread")), 1);
  EXPECT_THAT(Actions(TodoId("proofread")), ElementsAre("comment_created"));
  EXPECT_FALSE(FindRecording(world_, 1).has_value());
}

TEST_F(RecordingsTest, ArchivingAListTakesItsActiveChildrenAlongWithOneEvent) {
  ASSERT_TRUE(SetRecordingStatus(world_, Find(3000001), RecordingStatus::kArchived, "alice", 7)
                  .ok());
  EXPECT_EQ(*Find(TodoId("copy")).status, RecordingStatus::kArchived);
  EXPECT_EQ(*Find(TodoId("proofread")).status, RecordingStatus::kArchived);  // in the group
  EXPECT_EQ(*Find(TodoId("gone")).status, RecordingStatus::kTrashed);       // stays trashed
  EXPECT_THAT(Actions(3000001), ElementsAre("archived"));
  EXPECT_THAT(Actions(TodoId("copy")), ElementsAre());
  ASSERT_TRUE(SetRecordingStatus(world_, Find(3000001), RecordingStatus::kActive, "alice", 8)
                  .ok());
  EXPECT_EQ(*Find(TodoId("copy")).status, RecordingStatus::kActive);
  EXPECT_EQ(*Find(TodoId("shelved")).status, RecordingStatus::kActive);  // was archived: follows
  EXPECT_THAT(Actions(3000001), ElementsAre("archived", "unarchived"));
  EXPECT_FALSE(SetRecordingStatus(world_, Find(StableId("todoset", "website/todoset")),
                                  RecordingStatus::kTrashed, "alice", 9)
                   .ok());
}

TEST_F(RecordingsTest, RepositionRenumbersSiblingsFromOne) {
  ASSERT_TRUE(RepositionRecording(world_, Find(TodoId("review")), 1, std::nullopt, "alice", 3)
                  .ok());
  std::vector<int> positions;
  std::vector<std::string> titles;
  for (const Todo& t : Find(3000001).list->todos) {
    positions.push_back(t.position);
    titles.push_back(t.title);
  }
  EXPECT_THAT(positions, ElementsAre(1, 2, 3, 4, 5, 6, 7));
  EXPECT_EQ(titles.front(), "Review launch plan");
  EXPECT_FALSE(
      RepositionRecording(world_, Find(TodoId("review")), 8, std::nullopt, "alice", 3).ok());
  EXPECT_FALSE(RepositionRecording(world_, Find(TodoId("review")), 1, Id{3000004}, "alice", 3)
                   .ok());  // a list of another project
}

TEST_F(RecordingsTest, NewIdsAreFreshAndRepeatable) {
  World copy = world_;
  std::set<Id> ids;
  for (int i = 0; i < 50; ++i) {
    const Id id = NewId(world_, "todo");
    EXPECT_EQ(world_.index.recording_by_id.count(id), 0u);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 50u);
  World again = copy;  // the same writes after the same load give the same ids
  EXPECT_EQ(NewId(copy, "todo"), NewId(again, "todo"));
}

TEST_F(RecordingsTest, SubscribersDefaultToCreatorAndAssignees) {
  RecordingRef review = Find(TodoId("review"));
  EXPECT_EQ(Subscribers(review).size(), 2u);  // alice and bob; no creator given
  ChangeSubscribers(world_, review, {"carol"}, {"bob"}, "alice", 4);
  EXPECT_THAT(Subscribers(Find(TodoId("review"))), ElementsAre("alice", "carol"));
  ChangeSubscribers(world_, Find(TodoId("review")), {"carol"}, {}, "alice", 5);  // no change
  EXPECT_THAT(Actions(TodoId("review")), ElementsAre("subscribers_changed"));
}

}  // namespace
}  // namespace bcsim
