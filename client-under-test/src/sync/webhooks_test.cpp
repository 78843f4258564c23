// What a webhook delivery asks bcsync to sync (sync/webhooks.h AffectedUsers), each rule with
// the delivery that must not trigger it.
#include "sync/webhooks.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "util/crypto.h"

namespace bcsync::sync {
namespace {

using nlohmann::json;

class WebhookDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.Open(":memory:").ok());
    const store::Id company = *store_.CreateCompany("Acme");
    uma_ = *store_.CreateUser(store::User{0, company, "uma@t.test", "Uma", "user", "h"});
    adam_ = *store_.CreateUser(store::User{0, company, "adam@t.test", "Adam", "admin", "h"});
    Connect(uma_, 501);
    Connect(adam_, 502);
    ASSERT_TRUE(store_.PutWebhook({4000001, 2000001, 9, util::Sha256Hex("tok"), 0}).ok());
    store::Task task;
    task.account_id = 4000001;
    task.basecamp_id = 777;
    task.project_id = 2000001;
    ASSERT_TRUE(store_.ReplaceTasks(uma_, {task}).ok());
  }
  void Connect(store::Id user, store::Id person) {
    store::PersonalIntegration p;
    p.user_id = user;
    p.state = "on";
    p.account_id = 4000001;
    p.person_id = person;
    ASSERT_TRUE(store_.PutPersonal(p).ok());
  }
  static std::string Event(const std::string& kind, const json& details = json::object(),
                           long long todo = 777) {
    return json{{"id", 1}, {"kind", kind}, {"details", details}, {"recording", {{"id", todo}}}}.dump();
  }

  store::Store store_;
  store::Id uma_ = 0, adam_ = 0;
};

TEST_F(WebhookDeliveryTest, AnUnknownTokenIs404AndABadBody400) {
  EXPECT_EQ(AffectedUsers(store_, "nope", Event("todo_completed")).status, 404);
  EXPECT_EQ(AffectedUsers(store_, "", Event("todo_completed")).status, 404);
  EXPECT_EQ(AffectedUsers(store_, "tok", "[1,2").status, 400);
  EXPECT_EQ(AffectedUsers(store_, "tok", "[1,2]").status, 400);
  EXPECT_EQ(AffectedUsers(store_, "tok", Event("todo_completed")).status, 204);
}

TEST_F(WebhookDeliveryTest, AssignmentChangesSyncThePeopleNamed) {
  DeliveryVerdict v = AffectedUsers(store_, "tok", Event("todo_assignment_changed",
      {{"added_person_ids", {502}}, {"removed_person_ids", json::array()}}, 1));
  EXPECT_EQ(v.users, std::vector<store::Id>{adam_});
  v = AffectedUsers(store_, "tok", Event("todo_assignment_changed",
      {{"added_person_ids", json::array()}, {"removed_person_ids", {999}}}, 1));
  EXPECT_TRUE(v.users.empty());  // nobody of ours named, nobody holds to-do 1
}

TEST_F(WebhookDeliveryTest, OtherTodoEventsSyncWhoeverHoldsTheTodo) {
  EXPECT_EQ(AffectedUsers(store_, "tok", Event("todo_trashed")).users, std::vector<store::Id>{uma_});
  EXPECT_TRUE(AffectedUsers(store_, "tok", Event("todo_trashed", json::object(), 778)).users.empty());
  EXPECT_EQ(AffectedUsers(store_, "tok", Event("todo_created", json::object(), 1)).users.size(), 2u);
}

TEST_F(WebhookDeliveryTest, KindsOtherThanTodoOnesAreIgnored) {
  DeliveryVerdict v = AffectedUsers(store_, "tok", Event("comment_created"));
  EXPECT_EQ(v.status, 204);
  EXPECT_TRUE(v.users.empty());
  EXPECT_TRUE(AffectedUsers(store_, "tok", R"({"kind": 5})").users.empty());
}

}  // namespace
}  // namespace bcsync::sync
