// The TokenSource for one user's sync: hands out the stored access token, refreshing it when
// it is within the margin of expiry or after a 401. A refreshed grant is saved at once (outside
// the sync's task transaction); a permanent refresh failure marks the personal integration
// needs_reconnect with the failure's code, and every later call fails without a request.
// Borrows store, launchpad, clock and the integration record. Not thread safe.
#pragma once

#include "basecamp/api_client.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"

namespace bcsync::sync {

class UserTokens : public basecamp::TokenSource {
 public:
  UserTokens(store::Store* store, oauth::LaunchpadClient* launchpad, const Clock* clock,
             store::PersonalIntegration* integration)
      : store_(store), launchpad_(launchpad), clock_(clock), p_(integration) {}

  StatusOr<std::string> Token() override;
  StatusOr<std::string> RefreshNow() override;

 private:
  store::Store* store_;
  oauth::LaunchpadClient* launchpad_;
  const Clock* clock_;
  store::PersonalIntegration* p_;
};

}  // namespace bcsync::sync
