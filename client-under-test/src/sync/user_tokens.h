// The TokenSource for one user's sync: hands out the stored access token, refreshing it when
// it is within the margin of expiry or after a 401. A refreshed grant is saved at once (outside
// the sync's task transaction); a permanent refresh failure marks the personal integration
// needs_reconnect with the failure's code, and every later call fails without a request.
// Saves are compare-and-set (Store::UpdatePersonalIfUnchanged): when the integration was
// turned off or reconnected while the sync ran, nothing is written and the call fails with
// BC_SYNC_SUPERSEDED.
//
// Borrows store, launchpad, clock, the store lock (nullptr = the caller serialises store use)
// and the integration record (the sync's working copy, kept equal to the stored row).
// Not thread safe: one instance per sync run; it takes the store lock only around store calls.
#pragma once

#include <mutex>

#include "basecamp/api_client.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"

namespace bcsync::sync {

class UserTokens : public basecamp::TokenSource {
 public:
  UserTokens(store::Store* store, oauth::LaunchpadClient* launchpad, const Clock* clock,
             store::PersonalIntegration* integration, std::mutex* store_mu = nullptr)
      : store_(store), launchpad_(launchpad), clock_(clock), p_(integration), store_mu_(store_mu) {}

  StatusOr<std::string> Token() override;
  StatusOr<std::string> RefreshNow() override;

 private:
  // Writes *p_ over `seen` (compare-and-set) under the store lock.
  Status Save(const store::PersonalIntegration& seen);

  store::Store* store_;
  oauth::LaunchpadClient* launchpad_;
  const Clock* clock_;
  store::PersonalIntegration* p_;
  std::mutex* store_mu_;
};

// Marks `p` (the working copy, equal to the stored row) with `next_state`/`code` via the
// compare-and-set. Shared by UserTokens and SyncService. Takes store_mu when non-null.
Status SavePersonal(store::Store* store, std::mutex* store_mu, const store::PersonalIntegration& next,
                    const store::PersonalIntegration& seen);

}  // namespace bcsync::sync
