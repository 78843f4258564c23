// Test support (unit tests only): a store with a company and users, a FakeBasecamp with a
// Launchpad, and the wired services, on a FakeClock/FakeSleeper.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "oauth/launchpad_client.h"
#include "rules/integration_service.h"
#include "store/store.h"
#include "sync/sync_service.h"
#include "testing/fake_basecamp.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync::testing {

inline constexpr const char* kOrigin = "http://bc.test";

inline json Account(std::int64_t id, const std::string& name, const std::string& product = "bc3") {
  return json{{"id", id},
              {"name", name},
              {"product", product},
              {"href", std::string(kOrigin) + "/" + std::to_string(id)},
              {"app_href", "http://app.bc.test/" + std::to_string(id)}};
}

inline std::string Href(std::int64_t account_id) { return std::string(kOrigin) + "/" + std::to_string(account_id); }

class World {
 public:
  explicit World(const std::string& mode = "strict") {
    EXPECT_TRUE(store.Open(":memory:").ok());
    company = *store.CreateCompany("Acme Corp");
    basecamp::ApiDeps deps;
    deps.transport = &fake;
    deps.throttle = &throttle;
    deps.clock = &clock;
    deps.sleeper = &sleeper;
    deps.user_agent = "bcsync (qa@bcsim.test)";
    deps.basecamp_url = kOrigin;
    launchpad = std::make_unique<oauth::LaunchpadClient>(
        deps, oauth::OAuthConfig{"tracker", "s3cret", "http://tracker.test/oauth/basecamp/callback"});
    integrations = std::make_unique<rules::IntegrationService>(&store, launchpad.get(), &clock, mode);
    sync = std::make_unique<sync::SyncService>(&store, launchpad.get(), deps);
  }

  store::User AddUser(const std::string& email, const std::string& name, const std::string& role) {
    store::User user{0, company, email, name, role, "x"};
    user.id = *store.CreateUser(user);
    return user;
  }

  // Launchpad: the next code exchange yields these tokens; authorization.json names this identity.
  void Grant(const std::string& access, std::int64_t identity_id, const std::string& email,
             const std::string& first, const std::string& last, json accounts) {
    fake.On("POST", std::string(kOrigin) + "/authorization/token",
            JsonResponse(200, json{{"access_token", access},
                                   {"refresh_token", "refresh-" + access},
                                   {"expires_in", 1209600},
                                   {"token_type", "Bearer"}}));
    fake.On("GET", std::string(kOrigin) + "/authorization.json",
            JsonResponse(200, json{{"expires_at", "2026-12-15T09:00:00Z"},
                                   {"identity",
                                    {{"id", identity_id},
                                     {"first_name", first},
                                     {"last_name", last},
                                     {"email_address", email}}},
                                   {"accounts", accounts}}));
  }
  void Profile(std::int64_t account_id, std::int64_t person_id, const std::string& name, const std::string& email) {
    fake.On("GET", Href(account_id) + "/my/profile.json",
            JsonResponse(200, json{{"id", person_id}, {"name", name}, {"email_address", email}}));
  }

  // Starts a connect as `user` and completes the callback with `params` (state filled in).
  rules::CallbackOutcome Connect(const store::User& user, const std::string& purpose,
                                 std::map<std::string, std::string> params = {{"code", "c0de"}}) {
    const std::string session = "session-" + std::to_string(user.id);
    StatusOr<std::string> url = integrations->BeginConnect(user, session, purpose);
    EXPECT_TRUE(url.ok()) << url.status().message();
    if (!url.ok()) return {};
    params["state"] = url->substr(url->find("state=") + 6);
    return integrations->HandleCallback(session, params);
  }

  store::PersonalIntegration Personal(const store::User& user) { return *store.GetPersonal(user.id); }
  store::CompanyIntegration CompanyState() { return *store.GetCompanyIntegration(company); }

  FakeBasecamp fake;
  FakeClock clock;
  FakeSleeper sleeper{&clock};
  basecamp::Throttle throttle{0, 0};
  store::Store store;
  store::Id company = 0;
  std::unique_ptr<oauth::LaunchpadClient> launchpad;
  std::unique_ptr<rules::IntegrationService> integrations;
  std::unique_ptr<sync::SyncService> sync;
};

}  // namespace bcsync::testing
