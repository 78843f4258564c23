// The Launchpad OAuth 2 client (legacy web_server flow, which Launchpad and the simulator
// both accept): authorize URL, code exchange, refresh, /authorization.json and
// {account}/my/profile.json. Token POSTs are never retried; GETs follow basecamp/retry.h.
// Secrets (client secret, codes, tokens) never appear in returned messages.
//
// Ownership: borrows the ApiDeps pointers. Thread safe if the deps are (they are in App).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "basecamp/api_client.h"
#include "bcsync/clock.h"

namespace bcsync::oauth {

constexpr Millis kRefreshMargin = 5 * 60 * 1000;  // refresh this long before expiry

// True when the token expires within the margin (pure).
inline bool NeedsRefresh(Millis expires_at, Millis now, Millis margin = kRefreshMargin) {
  return expires_at - margin <= now;
}

struct TokenGrant {
  std::string access_token;
  std::string refresh_token;  // "" when a refresh response omitted it (keep the old one)
  Millis expires_at = 0;
};

struct AuthAccount {
  std::int64_t id = 0;
  std::string name;
  std::string product;
  std::string href;
};

struct Authorization {
  std::int64_t identity_id = 0;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::vector<AuthAccount> accounts;
  std::string snapshot;  // authorization.json with nothing secret in it
  std::string name() const { return first_name + (last_name.empty() ? "" : " " + last_name); }
};

struct Profile {
  std::int64_t person_id = 0;
  std::string name;
  std::string email;
};

struct OAuthConfig {
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
};

class LaunchpadClient {
 public:
  LaunchpadClient(basecamp::ApiDeps deps, OAuthConfig config);

  std::string AuthorizeUrl(const std::string& state) const;
  StatusOr<TokenGrant> ExchangeCode(const std::string& code);
  // Failures carry the codes of basecamp::RefreshFailure (permanent ones: kUnauthenticated).
  StatusOr<TokenGrant> Refresh(const std::string& refresh_token);
  StatusOr<Authorization> GetAuthorization(const std::string& access_token);
  StatusOr<Profile> GetProfile(const std::string& account_href, const std::string& access_token);
  const OAuthConfig& config() const { return config_; }

 private:
  StatusOr<TokenGrant> PostToken(const std::string& form, bool refresh);
  basecamp::ApiDeps deps_;
  OAuthConfig config_;
};

}  // namespace bcsync::oauth
