// SyncService with the store lock: a sync waiting for Basecamp does not hold it, and a
// connection changed meanwhile (turned off) makes the run commit nothing (BC_SYNC_SUPERSEDED).
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <thread>

#include "errors/catalogue.h"
#include "sync/sync_service.h"
#include "testing/world.h"

namespace bcsync::sync {
namespace {

using bcsync::testing::Account;
using bcsync::testing::Href;
using bcsync::testing::JsonResponse;
using bcsync::testing::World;
using bcsync::testing::json;

constexpr std::int64_t kAccount = 4000001;
constexpr std::int64_t kMe = 7001;

// Holds the first request to `url` until Open(); forwards everything to the fake.
class GateTransport : public basecamp::HttpTransport {
 public:
  GateTransport(basecamp::HttpTransport* inner, std::string url) : inner_(inner), url_(std::move(url)) {}
  StatusOr<basecamp::HttpResponse> Send(const basecamp::HttpRequest& request) override {
    if (request.url == url_ && !passed_.exchange(true)) {
      entered_.set_value();
      open_future_.wait();
    }
    return inner_->Send(request);
  }
  void WaitUntilHeld() { entered_future_.wait(); }
  void Open() { open_.set_value(); }

 private:
  basecamp::HttpTransport* inner_;
  std::string url_;
  std::atomic<bool> passed_{false};
  std::promise<void> entered_, open_;
  std::future<void> entered_future_ = entered_.get_future();
  std::future<void> open_future_ = open_.get_future();
};

class SyncLockingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alice = world.AddUser("alice@acme.test", "Alice Adams", "owner");
    bob = world.AddUser("bob@acme.test", "Bob Brown", "user");
    world.Grant("at-1", 501, "alice@acme.test", "Alice", "Adams", json::array({Account(kAccount, "Acme Inc")}));
    world.Profile(kAccount, kMe, "Alice Adams", "alice@acme.test");
    ASSERT_TRUE(world.Connect(alice, "company").ok);
    json item{{"id", 1},
              {"type", "todo"},
              {"content", "Ship it"},
              {"completed", false},
              {"bucket", {{"id", 100}, {"name", "Website"}}},
              {"parent", {{"id", 300}, {"title", "Launch"}}},
              {"assignees", json::array({json{{"id", kMe}, {"name", "Alice"}}})}};
    world.fake.On("GET", Href(kAccount) + "/my/assignments.json",
                  JsonResponse(200, json{{"priorities", json::array()}, {"non_priorities", json::array({item})}}));
  }

  // A SyncService over the gated transport, sharing the world's store under `store_mu`.
  std::unique_ptr<SyncService> GatedService(GateTransport* gate) {
    basecamp::ApiDeps deps;
    deps.transport = gate;
    deps.throttle = &world.throttle;
    deps.clock = &world.clock;
    deps.sleeper = &world.sleeper;
    deps.user_agent = "bcsync (qa@bcsim.test)";
    deps.basecamp_url = bcsync::testing::kOrigin;
    launchpad = std::make_unique<oauth::LaunchpadClient>(
        deps, oauth::OAuthConfig{"tracker", "s3cret", "http://tracker.test/oauth/basecamp/callback"});
    return std::make_unique<SyncService>(&world.store, launchpad.get(), deps, &store_mu);
  }

  World world;
  std::mutex store_mu;
  std::unique_ptr<oauth::LaunchpadClient> launchpad;
  store::User alice, bob;
};

TEST_F(SyncLockingTest, StoreLockIsFreeWhileASyncWaitsForBasecamp) {
  GateTransport gate(&world.fake, Href(kAccount) + "/my/assignments.json");
  auto service = GatedService(&gate);
  SyncResult result;
  std::thread sync([&] { result = service->SyncUser(alice.id); });
  gate.WaitUntilHeld();
  {
    std::unique_lock<std::mutex> lock(store_mu, std::try_to_lock);
    EXPECT_TRUE(lock.owns_lock());  // another user's page can read the store now
    EXPECT_EQ(world.store.GetUser(bob.id)->email, "bob@acme.test");
  }
  gate.Open();
  sync.join();
  EXPECT_TRUE(result.ok) << result.code;
  EXPECT_EQ(result.active, 1);
  EXPECT_EQ(world.store.ListTasks(alice.id)->size(), 1u);
}

TEST_F(SyncLockingTest, TurningOffDuringASyncDiscardsItsResult) {
  GateTransport gate(&world.fake, Href(kAccount) + "/my/assignments.json");
  auto service = GatedService(&gate);
  SyncResult result;
  std::thread sync([&] { result = service->SyncUser(alice.id); });
  gate.WaitUntilHeld();
  {
    std::lock_guard<std::mutex> lock(store_mu);
    ASSERT_TRUE(world.integrations->TurnPersonalOff(alice).ok());
  }
  gate.Open();
  sync.join();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.code, errors::kSyncSuperseded);
  EXPECT_TRUE(world.store.ListTasks(alice.id)->empty());
  EXPECT_EQ(world.Personal(alice).state, "off");
  EXPECT_EQ((**world.store.LastSyncRun(alice.id)).code, errors::kSyncSuperseded);
}

TEST_F(SyncLockingTest, RefreshFinishingAfterTurnOffDoesNotRestoreTokens) {
  store::PersonalIntegration p = world.Personal(alice);
  p.expires_at = world.clock.NowMs() + 60 * 1000;  // inside the refresh margin
  ASSERT_TRUE(world.store.PutPersonal(p).ok());
  world.fake.On("POST", "http://bc.test/authorization/token",
                JsonResponse(200, json{{"access_token", "at-2"}, {"refresh_token", "rt-2"}, {"expires_in", 1209600}}));
  GateTransport gate(&world.fake, "http://bc.test/authorization/token");
  auto service = GatedService(&gate);
  SyncResult result;
  std::thread sync([&] { result = service->SyncUser(alice.id); });
  gate.WaitUntilHeld();
  {
    std::lock_guard<std::mutex> lock(store_mu);
    ASSERT_TRUE(world.integrations->TurnPersonalOff(alice).ok());
  }
  gate.Open();
  sync.join();
  EXPECT_EQ(result.code, errors::kSyncSuperseded);
  store::PersonalIntegration after = world.Personal(alice);
  EXPECT_EQ(after.state, "off");
  EXPECT_EQ(after.access_token, "");
  EXPECT_EQ(after.refresh_token, "");
}

}  // namespace
}  // namespace bcsync::sync
