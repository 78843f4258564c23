#include "store/store.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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

TEST_F(StoreTest, MigratesToCurrentSchemaVersion) { EXPECT_EQ(store_.schema_version(), 6); }

TEST_F(StoreTest, KeepsOneWebhookPerProjectFoundByItsTokenHash) {
  ASSERT_TRUE(store_.PutWebhook({4000001, 2000001, 77, "hash-a", 5}).ok());
  auto by_project = store_.GetWebhook(4000001, 2000001);
  ASSERT_TRUE(by_project.ok());
  ASSERT_TRUE(by_project->has_value());
  EXPECT_EQ((*by_project)->webhook_id, 77);
  auto by_token = store_.FindWebhookByTokenHash("hash-a");
  ASSERT_TRUE(by_token.ok() && by_token->has_value());
  EXPECT_EQ((*by_token)->project_id, 2000001);
  // Re-registered: the new row replaces the old, whose token no longer matches.
  ASSERT_TRUE(store_.PutWebhook({4000001, 2000001, 78, "hash-b", 6}).ok());
  EXPECT_FALSE(store_.FindWebhookByTokenHash("hash-a")->has_value());
  EXPECT_EQ((*store_.GetWebhook(4000001, 2000001))->webhook_id, 78);
  EXPECT_FALSE(store_.GetWebhook(4000001, 2000002)->has_value());
}

TEST_F(StoreTest, RecordsEveryMigratedVersion) {
  auto s = store_.db().Prepare("SELECT group_concat(version, ',') FROM schema_version;");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(*s->Step());
  EXPECT_EQ(s->Text(0), "1,2,3,4,5,6");
}

std::string Pragma(Store& store, const std::string& name) {
  auto s = store.db().Prepare("PRAGMA " + name + ";");
  if (!s.ok() || !s->Step().ok()) return "?";
  return s->Text(0);
}

TEST(StoreFileTest, NonDurableStoreSkipsFsyncAndDurableUsesWal) {
  const std::string path = ::testing::TempDir() + "bcsync-store-durable-test.db";
  std::remove(path.c_str());
  {
    Store fast;
    ASSERT_TRUE(fast.Open(path, /*durable=*/false).ok());
    EXPECT_EQ(Pragma(fast, "journal_mode"), "memory");
    EXPECT_EQ(Pragma(fast, "synchronous"), "0");
    EXPECT_EQ(fast.schema_version(), 6);
  }
  {
    Store durable;
    ASSERT_TRUE(durable.Open(path).ok());  // reopens the migrated file: nothing to migrate
    EXPECT_EQ(Pragma(durable, "journal_mode"), "wal");
    EXPECT_EQ(Pragma(durable, "synchronous"), "1");
    EXPECT_EQ(durable.schema_version(), 6);
  }
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

TEST_F(StoreTest, StoresTheCompanyAccountMode) {
  CompanyIntegration c;
  c.company_id = company_;
  c.state = "on";
  c.account_mode = "choose";
  ASSERT_TRUE(store_.PutCompanyIntegration(c).ok());
  EXPECT_EQ(store_.GetCompanyIntegration(company_)->account_mode, "choose");
}

TEST_F(StoreTest, UpdatesPersonalOnlyWhileUnchanged) {
  PersonalIntegration seen;
  seen.user_id = user_;
  seen.state = "on";
  seen.identity_id = 501;
  seen.account_id = 9;
  seen.access_token = "at-1";
  seen.refresh_token = "rt-1";
  ASSERT_TRUE(store_.PutPersonal(seen).ok());
  PersonalIntegration next = seen;
  next.access_token = "at-2";
  next.refresh_token = "rt-2";
  EXPECT_EQ(*store_.UpdatePersonalIfUnchanged(next, seen), true);
  EXPECT_EQ(store_.GetPersonal(user_)->refresh_token, "rt-2");
  // `seen` is stale now (someone else saved rt-2): nothing is written.
  PersonalIntegration stale = seen;
  stale.access_token = "at-3";
  EXPECT_EQ(*store_.UpdatePersonalIfUnchanged(stale, seen), false);
  EXPECT_EQ(store_.GetPersonal(user_)->access_token, "at-2");
}

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

namespace bcsync::store {
namespace {

TEST_F(StoreTest, TrackerSettingsDefaultUntilSavedThenRoundTrip) {
  auto before = store_.GetTrackerSettings(1);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->account_mode, "");
  EXPECT_EQ(before->auto_sync_interval_ms, 0);
  ASSERT_TRUE(store_.PutTrackerSettings({1, "choose", 3'600'000}).ok());
  auto after = store_.GetTrackerSettings(1);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->account_mode, "choose");
  EXPECT_EQ(after->auto_sync_interval_ms, 3'600'000);
}

}  // namespace
}  // namespace bcsync::store
