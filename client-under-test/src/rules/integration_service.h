// Company and personal enablement and the OAuth connect flow around them.
//
// Rules: only owners/admins turn the company integration on or off (others get
// kPermissionDenied); the admin who connects the company gets their personal integration on
// with the same grant; turning the company off turns every personal integration off and drops
// its tokens; users see Basecamp in Integration Settings only while the company has it on.
// OAuth: each Begin* stores a random single-use state bound to the browser session (expires
// after 10 minutes); the callback refuses any state that is unknown, reused, expired or from
// another session (BC_STATE_MISMATCH) and changes nothing then.
//
// Locking: every method except HandleCallback expects the caller to hold the store lock (or
// to serialise all store use, as unit tests do with store_mu = nullptr). HandleCallback must be
// called WITHOUT it: it takes the lock only around its store work, not while Launchpad and
// Basecamp answer (the code exchange can wait on the shared throttle for a Retry-After).
// ChooseAccount still asks Basecamp for my/profile under the caller's lock (one request).
//
// Ownership: borrows everything.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bcsync/clock.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"

namespace bcsync::rules {

constexpr Millis kOAuthStateTtl = 10 * 60 * 1000;

struct CallbackOutcome {
  bool ok = false;
  std::string code;     // catalogue code when !ok
  std::string message;  // what the page shows
  std::string purpose;  // "company" | "personal" ("" when the state was refused)
};

class IntegrationService {
 public:
  IntegrationService(store::Store* store, oauth::LaunchpadClient* launchpad, const Clock* clock,
                     std::string account_mode, std::mutex* store_mu = nullptr);

  // purpose: "company" | "personal". Returns the Launchpad URL to redirect the browser to.
  StatusOr<std::string> BeginConnect(const store::User& user, const std::string& session_hash,
                                     const std::string& purpose);
  CallbackOutcome HandleCallback(const std::string& session_hash, const std::map<std::string, std::string>& params);
  Status TurnCompanyOff(const store::User& user);
  Status TurnPersonalOff(const store::User& user);
  // choose mode: the admin picks one of the pending accounts.
  Status ChooseAccount(const store::User& user, std::int64_t account_id);
  StatusOr<std::vector<std::string>> VisibleIntegrations(const store::User& user);

 private:
  CallbackOutcome ConnectCompany(const store::User& user, const oauth::TokenGrant& grant,
                                 const oauth::Authorization& auth);
  CallbackOutcome ConnectPersonal(const store::User& user, const oauth::TokenGrant& grant,
                                  const oauth::Authorization& auth);
  // Links p to the account (my/profile.json for the person id). Sets state on or error.
  Status LinkAccount(store::PersonalIntegration& p, const oauth::AuthAccount& account);
  Status CheckIdentity(const store::User& user, const store::PersonalIntegration& p);

  std::unique_lock<std::mutex> LockStore() const;

  store::Store* store_;
  oauth::LaunchpadClient* launchpad_;
  const Clock* clock_;
  std::string account_mode_;
  std::mutex* store_mu_;
};

}  // namespace bcsync::rules
