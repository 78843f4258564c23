#include "store/store.h"

#include <gtest/gtest.h>

namespace bcsync::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.Open(":memory:").ok());
    auto company = store_.CreateCompany("Acme Corp");
    ASSERT_TRUE(company.ok());
    company_ = *company;
    auto user = store_.CreateUser(User{0, company_, "alice@acme.test", "Alice", "owner", "hash"});
    ASSERT_TRUE(user.ok());
    user_ = *user;
  }
  Store store_;
  Id company_ = 0;
  Id user_ = 0;
};

TEST_F(StoreTest, MigratesToCurrentSchemaVersion) { EXPECT_EQ(store_.schema_version(), 1); }

TEST_F(StoreTest, FindsUserByEmailCaseInsensitively) {
  auto user = store_.FindUserByEmail("ALICE@acme.test");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->id, user_);
  EXPECT_EQ(user->role, "owner");
}

TEST_F(StoreTest, RejectsDuplicateEmail) {
  auto again = store_.CreateUser(User{0, company_, "alice@acme.test", "A2", "user", "h"});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_F(StoreTest, OAuthStateIsSingleUse) {
  ASSERT_TRUE(store_.PutOAuthState(OAuthState{"st", user_, "sess", "company", 100}).ok());
  auto first = store_.TakeOAuthState("st");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->purpose, "company");
  EXPECT_EQ(store_.TakeOAuthState("st").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, IntegrationDefaultsToOff) {
  auto company = store_.GetCompanyIntegration(company_);
  ASSERT_TRUE(company.ok());
  EXPECT_EQ(company->state, "off");
  auto personal = store_.GetPersonal(user_);
  ASSERT_TRUE(personal.ok());
  EXPECT_EQ(personal->state, "off");
}

TEST_F(StoreTest, RolledBackTransactionKeepsOldTasks) {
  ASSERT_TRUE(store_.ReplaceTasks(user_, {Task{1, 10, 5, "Old", "P", "L", "", "active", ""}}).ok());
  {
    Transaction tx(&store_.db());
    ASSERT_TRUE(tx.begin_status().ok());
    ASSERT_TRUE(store_.ReplaceTasks(user_, {Task{1, 11, 5, "New", "P", "L", "", "active", ""}}).ok());
  }  // no Commit: rolled back
  auto tasks = store_.ListTasks(user_);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].title, "Old");
}

TEST_F(StoreTest, StoresSyncRunWithRequestIds) {
  SyncRun run;
  run.user_id = user_;
  run.outcome = "error";
  run.code = "108";
  run.request_ids = {"r1", "r2"};
  ASSERT_TRUE(store_.AddSyncRun(run).ok());
  auto last = store_.LastSyncRun(user_);
  ASSERT_TRUE(last.ok());
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->code, "108");
  EXPECT_EQ((*last)->request_ids, (std::vector<std::string>{"r1", "r2"}));
}

TEST_F(StoreTest, WarningsAreDeduplicated) {
  ASSERT_TRUE(store_.AddWarning(user_, Warning{"wrong_account", "m"}).ok());
  ASSERT_TRUE(store_.AddWarning(user_, Warning{"wrong_account", "m"}).ok());
  auto warnings = store_.ListWarnings(user_);
  ASSERT_TRUE(warnings.ok());
  EXPECT_EQ(warnings->size(), 1u);
}

}  // namespace
}  // namespace bcsync::store
