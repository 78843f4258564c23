#include "bcsim/events.h"

#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;

constexpr Millis kNow = kDefaultStartTime + 60'000;

class EventsTest : public testing::AcmeApiTest {
 protected:
  const WorldPath& PathOf(const std::string& key) { return world_.index.by_key.at(key); }
  Project& ProjectOf(const WorldPath& p) {
    return world_.accounts[static_cast<std::size_t>(p.account)].projects[static_cast<std::size_t>(p.project)];
  }
  Todolist& ListOf(const WorldPath& p) {
    Todolist& l = ProjectOf(p).todosets[static_cast<std::size_t>(p.todoset)].todolists[static_cast<std::size_t>(p.list)];
    return p.group >= 0 ? l.groups[static_cast<std::size_t>(p.group)] : l;
  }
  Todo& TodoNamed(const std::string& key) {
    const WorldPath& p = PathOf("todo:" + key);
    return ListOf(p).todos[static_cast<std::size_t>(p.todo)];
  }
  Status Apply(const json& e) { return ApplyEvent(world_, e, kNow); }
  void ExpectRejectedUnchanged(const json& e, const std::string& message) {
    const World before = world_;
    Status s = Apply(e);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), message);
    EXPECT_EQ(json(world_.accounts.size()), json(before.accounts.size()));
    EXPECT_EQ(TodoNamed("copy").assignees, std::vector<std::string>{"alice"});
    EXPECT_EQ(TodoNamed("copy").updated_at, kDefaultStartTime);
  }
};

TEST_F(EventsTest, AssignReplacesAssigneesAndBumpsUpdatedAt) {
  ASSERT_TRUE(Apply({{"event", "assign"}, {"todo", "copy"}, {"to", {"bob", "carol"}}}).ok());
  EXPECT_EQ(TodoNamed("copy").assignees, (std::vector<std::string>{"bob", "carol"}));
  EXPECT_EQ(TodoNamed("copy").updated_at, kNow);
}

TEST_F(EventsTest, CompleteAndUncomplete) {
  ASSERT_TRUE(Apply({{"event", "complete"}, {"todo", "footer"}}).ok());
  EXPECT_TRUE(TodoNamed("footer").completed);
  EXPECT_EQ(TodoNamed("footer").completed_at, kNow);
  EXPECT_EQ(TodoNamed("footer").completed_by, "bob");
  ASSERT_TRUE(Apply({{"event", "uncomplete"}, {"todo", "footer"}}).ok());
  EXPECT_FALSE(TodoNamed("footer").completed);
  EXPECT_FALSE(TodoNamed("footer").completed_at.has_value());
}

TEST_F(EventsTest, TrashAndArchiveTodo) {
  ASSERT_TRUE(Apply({{"event", "trash"}, {"todo", "copy"}}).ok());
  EXPECT_EQ(TodoNamed("copy").status, RecordingStatus::kTrashed);
  ASSERT_TRUE(Apply({{"event", "archive"}, {"todo", "footer"}}).ok());
  EXPECT_EQ(TodoNamed("footer").status, RecordingStatus::kArchived);
}

TEST_F(EventsTest, ArchiveTodolistArchivesItsTodosAndGroups) {
  ASSERT_TRUE(Apply({{"event", "archive"}, {"todolist", "launch"}}).ok());
  EXPECT_EQ(ListOf(PathOf("todolist:launch")).status, RecordingStatus::kArchived);
  EXPECT_EQ(TodoNamed("review").status, RecordingStatus::kArchived);
  EXPECT_EQ(TodoNamed("proofread").status, RecordingStatus::kArchived);
  EXPECT_EQ(TodoNamed("gone").status, RecordingStatus::kTrashed);  // trashed stays trashed
}

TEST_F(EventsTest, ArchiveProject) {
  ASSERT_TRUE(Apply({{"event", "archive"}, {"project", "website"}}).ok());
  EXPECT_EQ(ProjectOf(PathOf("project:website")).status, RecordingStatus::kArchived);
}

TEST_F(EventsTest, RenameTodo) {
  ASSERT_TRUE(Apply({{"event", "rename"}, {"todo", "copy"}, {"title", "Write better copy"}}).ok());
  EXPECT_EQ(TodoNamed("copy").title, "Write better copy");
}

TEST_F(EventsTest, AddTodoAppendsWithStableIdAndIndexesIt) {
  ASSERT_TRUE(Apply({{"event", "add_todo"}, {"list", "bugs"}, {"key", "bug-2"}, {"title", "New bug"},
                     {"assignees", {"bob"}}, {"due_on", "2026-12-09"}})
                  .ok());
  const Todo& t = TodoNamed("bug-2");
  EXPECT_EQ(t.id, StableId("todo", "bug-2"));
  EXPECT_EQ(t.assignees, std::vector<std::string>{"bob"});
  EXPECT_EQ(t.position, 2);
  EXPECT_EQ(t.created_at, kNow);
  EXPECT_EQ(t.due_on, "2026-12-09");
  EXPECT_EQ(world_.index.recording_by_id.count(t.id), 1u);
}

TEST_F(EventsTest, RemoveFromProject) {
  ASSERT_TRUE(
      Apply({{"event", "remove_from_project"}, {"person", "bob"}, {"project", "website"}}).ok());
  EXPECT_EQ(ProjectOf(PathOf("project:website")).members, (std::vector<std::string>{"alice", "carol"}));
}

TEST_F(EventsTest, PasswordChangedBumpsEpoch) {
  ASSERT_TRUE(Apply({{"event", "password_changed"}, {"identity", "alice"}}).ok());
  EXPECT_EQ(world_.identities.at("alice").credentials_epoch, 1);
}

TEST_F(EventsTest, RevokeAccessMarksGrants) {
  world_.grants.push_back(Grant{"tracker", "alice", 0, false});
  world_.grants.push_back(Grant{"tracker", "bob", 0, false});
  ASSERT_TRUE(Apply({{"event", "revoke_access"}, {"identity", "alice"}, {"client", "tracker"}}).ok());
  EXPECT_TRUE(world_.grants[0].revoked);
  EXPECT_FALSE(world_.grants[1].revoked);
}

TEST_F(EventsTest, RemoveIdentityTakesItsPeopleOutOfEveryAccount) {
  ASSERT_TRUE(Apply({{"event", "remove_identity"}, {"identity", "alice"}}).ok());
  EXPECT_TRUE(world_.identities.at("alice").removed);
  EXPECT_EQ(world_.index.person_by_identity[0].count("alice"), 0u);
  EXPECT_EQ(world_.index.person_by_identity[1].count("alice"), 0u);
  EXPECT_TRUE(TodoNamed("copy").assignees.empty());
  EXPECT_EQ(TodoNamed("review").assignees, std::vector<std::string>{"bob"});
}

TEST_F(EventsTest, AccountInactiveAndApiDisabled) {
  ASSERT_TRUE(Apply({{"event", "account_inactive"}, {"account", "acme"}}).ok());
  ASSERT_TRUE(Apply({{"event", "api_disabled"}, {"account", "globex"}}).ok());
  EXPECT_TRUE(world_.accounts[0].inactive);
  EXPECT_TRUE(world_.accounts[1].api_disabled);
}

TEST_F(EventsTest, AddAccountLoadsLikeAWorldAccount) {
  json e = {{"event", "add_account"}, {"key", "initech"}, {"name", "Initech"}, {"id", 4000009},
            {"people", {{"bob-i", {{"identity", "bob"}}}}},
            {"projects", {{"tps", {{"todolists", {{"reports", {{"todos", {{{"key", "tps-1"}, {"title", "TPS"}, {"assignees", {"bob-i"}}}}}}}}}}}}}};
  ASSERT_TRUE(Apply(e).ok());
  ASSERT_EQ(world_.accounts.size(), 5u);
  EXPECT_EQ(world_.accounts[4].id, 4000009);
  EXPECT_EQ(world_.index.account_by_id.at(4000009), 4u);
  EXPECT_EQ(TodoNamed("tps-1").assignees, std::vector<std::string>{"bob-i"});
  EXPECT_EQ(world_.accounts[4].projects[0].created_at, kNow);
}

TEST_F(EventsTest, AssigningSomeoneOutsideTheProjectIsRefused) {
  ASSERT_TRUE(
      Apply({{"event", "remove_from_project"}, {"person", "bob"}, {"project", "website"}}).ok());
  ExpectRejectedUnchanged({{"event", "assign"}, {"todo", "copy"}, {"to", {"bob"}}},
                          "event `assign`: expected an assignee who is a member of project "
                          "`website`, found `bob`, who is not; its members: alice, carol");
}

TEST(EventsIdTest, AddTodoWhoseDerivedIdIsTakenGetsTheNextFreeOne) {
  const std::string text = R"(basecamp:
  identities: {alice: {email: a@x.test, password: pw}}
  accounts:
    acme:
      people: {alice: {identity: alice}}
      projects:
        web:
          todolists:
            launch:
              todos: [{key: task-50543, title: A}]
)";
  StatusOr<ScenarioDocument> doc = ReadScenarioText(text, "w.yaml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  StatusOr<World> w = LoadWorld(*doc, {});
  ASSERT_TRUE(w.ok()) << w.status().message();
  ASSERT_TRUE(ApplyEvent(*w, {{"event", "add_todo"}, {"list", "launch"}, {"key", "task-115596"},
                              {"title", "B"}},
                         kNow)
                  .ok());
  const Todolist& list = w->accounts[0].projects[0].todosets[0].todolists[0];
  ASSERT_EQ(list.todos.size(), 2u);
  EXPECT_EQ(list.todos[1].id, NextStableId(list.todos[0].id));
}

TEST_F(EventsTest, RejectsUnknownEventAndLeavesWorldUnchanged) {
  ExpectRejectedUnchanged({{"event", "explode"}, {"todo", "copy"}},
                          "unknown event `explode`; expected one of: account_inactive, add_account, add_todo, "
                          "api_disabled, archive, assign, comment, complete, log_time, move_card, "
                          "password_changed, remove_from_project, "
                          "remove_identity, rename, revoke_access, trash, uncomplete");
}

TEST_F(EventsTest, RejectsUnknownKeysAndLeavesWorldUnchanged) {
  ExpectRejectedUnchanged({{"event", "assign"}, {"todo", "nope"}, {"to", {"bob"}}}, "event `assign`: unknown todo `nope`");
  ExpectRejectedUnchanged({{"event", "assign"}, {"todo", "copy"}, {"to", {"bob", "zed"}}},
                          "event `assign`: unknown person `zed` in account `acme`");
  ExpectRejectedUnchanged({{"event", "assign"}, {"todo", "copy"}, {"who", {"bob"}}},
                          "event `assign`: unknown field `who`; expected: todo, to");
  ExpectRejectedUnchanged({{"event", "add_account"}, {"key", "acme"}}, "event `add_account`: add_account event:1:26: duplicate account key `acme`");
}

}  // namespace
}  // namespace bcsim
