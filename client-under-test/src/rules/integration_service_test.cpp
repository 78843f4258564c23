#include "rules/integration_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "errors/catalogue.h"
#include "testing/world.h"

namespace bcsync::rules {
namespace {

using bcsync::testing::Account;
using bcsync::testing::World;
using bcsync::testing::json;

class IntegrationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alice = world.AddUser("alice@acme.test", "Alice Adams", "owner");
    bob = world.AddUser("bob@acme.test", "Bob Brown", "user");
  }
  void AliceGrant(json accounts) { world.Grant("at-alice", 501, "alice@acme.test", "Alice", "Adams", accounts); }
  World world;
  store::User alice, bob;
};

TEST_F(IntegrationServiceTest, AuthorizeUrlCarriesClientRedirectAndState) {
  auto url = world.integrations->BeginConnect(alice, "s", "company");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->rfind("http://bc.test/authorization/new?type=web_server&client_id=tracker&redirect_uri="
                       "http%3A%2F%2Ftracker.test%2Foauth%2Fbasecamp%2Fcallback&state=",
                       0),
            0u);
}

TEST_F(IntegrationServiceTest, OwnerConnectsCompanyAndGetsPersonalOn) {
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7001, "Alice Adams", "alice@acme.test");
  CallbackOutcome outcome = world.Connect(alice, "company");
  EXPECT_TRUE(outcome.ok) << outcome.code;
  auto c = world.CompanyState();
  EXPECT_EQ(c.state, "on");
  EXPECT_EQ(c.account_id, 4000001);
  EXPECT_EQ(c.account_name, "Acme Inc");
  EXPECT_EQ(c.connected_by, alice.id);
  EXPECT_EQ(c.auth_snapshot.find("at-alice"), std::string::npos);  // no token in the snapshot
  auto p = world.Personal(alice);
  EXPECT_EQ(p.state, "on");
  EXPECT_EQ(p.person_id, 7001);
  EXPECT_EQ(p.identity_email, "alice@acme.test");
  EXPECT_EQ(p.access_token, "at-alice");
  EXPECT_EQ(p.refresh_token, "refresh-at-alice");
  EXPECT_EQ(p.expires_at, world.clock.NowMs() + 1209600LL * 1000);
  EXPECT_TRUE(world.store.ListWarnings(alice.id)->empty());
  EXPECT_EQ(*world.integrations->VisibleIntegrations(bob), std::vector<std::string>{"Basecamp"});
}

TEST_F(IntegrationServiceTest, CodeExchangeSendsLegacyWebServerForm) {
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7001, "Alice Adams", "alice@acme.test");
  world.Connect(alice, "company");
  const auto requests = world.fake.requests();
  ASSERT_GE(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].body,
            "type=web_server&client_id=tracker&client_secret=s3cret&redirect_uri=http%3A%2F%2Ftracker.test%2Foauth%"
            "2Fbasecamp%2Fcallback&code=c0de");
  EXPECT_EQ(requests[0].content_type, "application/x-www-form-urlencoded");
}

TEST_F(IntegrationServiceTest, UserCannotTurnOnCompany) {
  auto url = world.integrations->BeginConnect(bob, "s", "company");
  EXPECT_EQ(url.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(world.integrations->TurnCompanyOff(bob).code(), StatusCode::kPermissionDenied);
}

TEST_F(IntegrationServiceTest, UsersDoNotSeeBasecampWhileCompanyIsOff) {
  EXPECT_TRUE(world.integrations->VisibleIntegrations(bob)->empty());
  auto url = world.integrations->BeginConnect(bob, "s", "personal");
  EXPECT_EQ(url.status().error_code(), errors::kCompanyOff);
}

TEST_F(IntegrationServiceTest, RefusesStateFromAnotherSession) {
  auto url = world.integrations->BeginConnect(alice, "session-a", "company");
  ASSERT_TRUE(url.ok());
  const std::string state = url->substr(url->find("state=") + 6);
  CallbackOutcome outcome = world.integrations->HandleCallback("session-other", {{"code", "c"}, {"state", state}});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.code, errors::kStateMismatch);
  EXPECT_EQ(world.fake.total(), 0);  // nothing exchanged
  EXPECT_EQ(world.CompanyState().state, "off");
}

TEST_F(IntegrationServiceTest, RefusesUnknownAndReusedState) {
  EXPECT_EQ(world.integrations->HandleCallback("s", {{"code", "c"}, {"state", "forged"}}).code,
            errors::kStateMismatch);
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7001, "Alice Adams", "alice@acme.test");
  auto url = world.integrations->BeginConnect(alice, "s", "company");
  const std::string state = url->substr(url->find("state=") + 6);
  EXPECT_TRUE(world.integrations->HandleCallback("s", {{"code", "c"}, {"state", state}}).ok);
  EXPECT_EQ(world.integrations->HandleCallback("s", {{"code", "c"}, {"state", state}}).code, errors::kStateMismatch);
}

TEST_F(IntegrationServiceTest, RefusesExpiredState) {
  auto url = world.integrations->BeginConnect(alice, "s", "company");
  const std::string state = url->substr(url->find("state=") + 6);
  world.clock.Advance(kOAuthStateTtl + 1);
  EXPECT_EQ(world.integrations->HandleCallback("s", {{"code", "c"}, {"state", state}}).code, errors::kStateMismatch);
}

TEST_F(IntegrationServiceTest, DeniedConsentKeepsIntegrationOff) {
  CallbackOutcome outcome = world.Connect(alice, "company", {{"error", "access_denied"}});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.code, errors::kAccessDenied);
  EXPECT_EQ(world.CompanyState().state, "off");
  EXPECT_EQ(world.fake.total(), 0);
}

TEST_F(IntegrationServiceTest, FailedCodeExchangeHasItsCode) {
  world.fake.On("POST", "http://bc.test/authorization/token",
                bcsync::testing::JsonResponse(400, json{{"error", "expired_verification_code"}}));
  EXPECT_EQ(world.Connect(alice, "company").code, errors::kTokenExchangeFailed);
  EXPECT_EQ(world.CompanyState().state, "off");
}

TEST_F(IntegrationServiceTest, WrongClientSecretAtExchangeIsMisconfigured) {
  world.fake.On("POST", "http://bc.test/authorization/token",
                bcsync::testing::JsonResponse(401, json{{"error", "invalid_client"}}));
  CallbackOutcome outcome = world.Connect(alice, "company");
  EXPECT_EQ(outcome.code, errors::kClientMisconfigured);
  EXPECT_EQ(outcome.message, errors::Lookup(errors::kClientMisconfigured).message);
  EXPECT_EQ(world.CompanyState().state, "off");
}

TEST_F(IntegrationServiceTest, StoresTheAccountModeTheCompanyConnectedIn) {
  AliceGrant(json::array({Account(1, "Acme")}));
  world.Profile(1, 7001, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(world.Connect(alice, "company").ok);
  EXPECT_EQ(world.CompanyState().account_mode, "strict");
}

TEST_F(IntegrationServiceTest, PersonalConnectFollowsTheStoredAccountMode) {
  World choose("choose");
  store::User owner = choose.AddUser("alice@acme.test", "Alice Adams", "owner");
  store::User user = choose.AddUser("bob@acme.test", "Bob Brown", "user");
  choose.Grant("at-alice", 501, "alice@acme.test", "Alice", "Adams", json::array({Account(1, "Acme"), Account(2, "Co")}));
  choose.Connect(owner, "company");
  choose.Profile(2, 7002, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(choose.integrations->ChooseAccount(owner, 2).ok());
  EXPECT_EQ(choose.CompanyState().account_mode, "choose");
  // The tracker restarts in strict mode: Bob (two accounts) is still matched as in choose mode.
  choose.integrations = std::make_unique<rules::IntegrationService>(&choose.store, choose.launchpad.get(),
                                                                    &choose.clock, "strict");
  choose.Grant("at-bob", 502, "bob@acme.test", "Bob", "Brown", json::array({Account(1, "Acme"), Account(2, "Co")}));
  choose.Profile(2, 8002, "Bob Brown", "bob@acme.test");
  CallbackOutcome outcome = choose.Connect(user, "personal");
  EXPECT_TRUE(outcome.ok) << outcome.code;
  EXPECT_EQ(choose.Personal(user).account_id, 2);
}

TEST_F(IntegrationServiceTest, TwoBc3AccountsIsSyncError108) {
  AliceGrant(json::array({Account(1, "Acme"), Account(2, "Client Co")}));
  CallbackOutcome outcome = world.Connect(alice, "company");
  EXPECT_EQ(outcome.code, "108");
  EXPECT_EQ(world.CompanyState().state, "error");
  EXPECT_EQ(world.CompanyState().error_code, "108");
  EXPECT_EQ(world.Personal(alice).state, "error");
  auto run = world.sync->SyncUser(alice.id);
  EXPECT_EQ(run.code, "108");
}

TEST_F(IntegrationServiceTest, ChooseModeLetsAdminPickTheAccount) {
  World choose("choose");
  store::User owner = choose.AddUser("alice@acme.test", "Alice Adams", "owner");
  store::User user = choose.AddUser("bob@acme.test", "Bob Brown", "user");
  choose.Grant("at-alice", 501, "alice@acme.test", "Alice", "Adams",
               json::array({Account(1, "Acme"), Account(2, "Client Co")}));
  EXPECT_TRUE(choose.Connect(owner, "company").ok);
  EXPECT_EQ(choose.CompanyState().state, "off");
  EXPECT_FALSE(choose.CompanyState().pending_accounts.empty());
  EXPECT_EQ(choose.sync->SyncUser(owner.id).code, errors::kAccountNotChosen);
  choose.Profile(2, 7002, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(choose.integrations->ChooseAccount(owner, 2).ok());
  EXPECT_EQ(choose.CompanyState().state, "on");
  EXPECT_EQ(choose.CompanyState().account_id, 2);
  EXPECT_EQ(choose.Personal(owner).person_id, 7002);
  // Bob's login holds both accounts: matched to his person in account 2.
  choose.Grant("at-bob", 502, "bob@acme.test", "Bob", "Brown", json::array({Account(1, "Acme"), Account(2, "Client Co")}));
  choose.Profile(2, 8002, "Bob Brown", "bob@acme.test");
  EXPECT_TRUE(choose.Connect(user, "personal").ok);
  EXPECT_EQ(choose.Personal(user).account_id, 2);
  EXPECT_EQ(choose.Personal(user).person_id, 8002);
}

TEST_F(IntegrationServiceTest, ChooseModeUserWithoutTheAccountGetsItsCode) {
  World choose("choose");
  store::User owner = choose.AddUser("alice@acme.test", "Alice Adams", "owner");
  store::User user = choose.AddUser("bob@acme.test", "Bob Brown", "user");
  choose.Grant("at-alice", 501, "alice@acme.test", "Alice", "Adams", json::array({Account(1, "Acme"), Account(2, "Co")}));
  choose.Connect(owner, "company");
  choose.Profile(2, 7002, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(choose.integrations->ChooseAccount(owner, 2).ok());
  choose.Grant("at-bob", 502, "bob@acme.test", "Bob", "Brown", json::array({Account(1, "Acme")}));
  CallbackOutcome outcome = choose.Connect(user, "personal");
  EXPECT_EQ(outcome.code, errors::kAccountNotInLogin);
  EXPECT_EQ(choose.Personal(user).state, "error");
  EXPECT_EQ(choose.sync->SyncUser(user.id).code, errors::kAccountNotInLogin);
}

TEST_F(IntegrationServiceTest, WarnsWhenIdentityEmailDiffers) {
  // Alice's browser was signed in to Bob's Basecamp: the link happens, with a warning.
  world.Grant("at-bob", 502, "bob@acme.test", "Bob", "Brown", json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7002, "Bob Brown", "bob@acme.test");
  EXPECT_TRUE(world.Connect(alice, "company").ok);
  auto p = world.Personal(alice);
  EXPECT_EQ(p.identity_email, "bob@acme.test");
  EXPECT_EQ(p.state, "on");
  auto warnings = *world.store.ListWarnings(alice.id);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "wrong_account");
  EXPECT_EQ(warnings[0].message,
            "Your tracker login Alice Adams (alice@acme.test) is linked to the Basecamp login Bob Brown "
            "(bob@acme.test). If that is not you, sign out of Basecamp and connect again.");
}

TEST_F(IntegrationServiceTest, WarnsBothUsersWhenTheSameIdentityIsLinkedTwice) {
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7001, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(world.Connect(alice, "company").ok);
  // Bob connects while the browser still holds Alice's Basecamp session.
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  EXPECT_TRUE(world.Connect(bob, "personal").ok);
  const std::string both =
      "Bob Brown (bob@acme.test) and Alice Adams (alice@acme.test) are both linked to the same Basecamp login "
      "Alice Adams (alice@acme.test).";
  auto bob_warnings = *world.store.ListWarnings(bob.id);
  ASSERT_EQ(bob_warnings.size(), 2u);  // email mismatch + same identity
  EXPECT_EQ(bob_warnings[1].message, both);
  auto alice_warnings = *world.store.ListWarnings(alice.id);
  ASSERT_EQ(alice_warnings.size(), 1u);
  EXPECT_EQ(alice_warnings[0].message, both);
}

TEST_F(IntegrationServiceTest, TurningCompanyOffTurnsEveryPersonalOff) {
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7001, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(world.Connect(alice, "company").ok);
  world.Grant("at-bob", 502, "bob@acme.test", "Bob", "Brown", json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7002, "Bob Brown", "bob@acme.test");
  ASSERT_TRUE(world.Connect(bob, "personal").ok);
  ASSERT_TRUE(world.integrations->TurnCompanyOff(alice).ok());
  EXPECT_EQ(world.CompanyState().state, "off");
  EXPECT_EQ(world.Personal(alice).state, "off");
  EXPECT_EQ(world.Personal(bob).state, "off");
  EXPECT_EQ(world.Personal(bob).access_token, "");
  EXPECT_TRUE(world.integrations->VisibleIntegrations(bob)->empty());
  EXPECT_EQ(world.sync->SyncUser(bob.id).code, errors::kCompanyOff);
}

TEST_F(IntegrationServiceTest, PersonalOffStopsSyncWithItsCode) {
  AliceGrant(json::array({Account(4000001, "Acme Inc")}));
  world.Profile(4000001, 7001, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(world.Connect(alice, "company").ok);
  ASSERT_TRUE(world.integrations->TurnPersonalOff(alice).ok());
  world.fake.ClearRequests();
  EXPECT_EQ(world.sync->SyncUser(alice.id).code, errors::kPersonalOff);
  EXPECT_EQ(world.fake.total(), 0);
}

}  // namespace
}  // namespace bcsync::rules
