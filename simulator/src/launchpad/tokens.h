// Launchpad's token bookkeeping over a World: minting codes, grants, access and refresh
// tokens, and checking a Bearer token. Tokens are 32 random bytes, base64url, prefixed "BAh"
// like Launchpad's; codes are 8 random characters. Nothing here logs a token.
//
// Thread safety: functions that take `World&` need the world lock held exclusively; those that
// take `const World&` need it at least shared.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bcsim/world.h"

namespace bcsim {

const OAuthClient* FindClientById(const World& w, const std::string& client_id);
// By key first, then by client_id.
const OAuthClient* FindClient(const World& w, const std::string& key_or_id);
const Identity* FindIdentity(const World& w, const std::string& key);

std::string NewAccessToken();
std::string NewVerificationCode();

// A new grant of `client_id` by `identity` at the identity's current credentials epoch.
std::size_t AddGrant(World& w, const std::string& client_id, const std::string& identity);

// Pruning (bounded state). Every issue of a code, token or session calls PruneOAuth, which drops,
// oldest first and in O(1) amortized: codes past their expiry (used or not); access tokens
// kExpiredAccessKeptMs past theirs (until then a call still gets "expired (old age)");
// sessions past kSessionTtlMs, or the oldest beyond kMaxSessions. Per grant at most
// kLiveAccessPerGrant access tokens stay valid (a refresh past that retires the oldest) and
// kRetiredRefreshPerGrant rotated-away refresh tokens are remembered (their reuse revokes the
// grant; an older one is just unknown). Grants themselves are kept (a few bytes each).
inline constexpr Millis kExpiredAccessKeptMs = 14LL * 24 * 3600 * 1000;
inline constexpr Millis kSessionTtlMs = 30LL * 24 * 3600 * 1000;
inline constexpr std::size_t kMaxSessions = 10'000;
inline constexpr std::size_t kLiveAccessPerGrant = 16;
inline constexpr std::size_t kRetiredRefreshPerGrant = 16;
void PruneOAuth(World& w, Millis now);

// Records a code / a session for pruning (after inserting it into w.codes / w.browser_sessions).
void TrackCode(World& w, const std::string& code, Millis now);
void TrackSession(World& w, const std::string& session, Millis now);
// The refresh token was rotated away: remembered (bounded) so that its reuse can be detected.
void RetireRefreshToken(World& w, const std::string& token);
// Every token issued from the grant stops working (RFC 6749 §4.1.2, §10.4; RFC 9700 §4.14).
void RevokeGrant(World& w, std::size_t grant);

// Mints an access token (ttl from w.limits) and, when `with_refresh`, a refresh token for
// `grant`. Returns the token endpoint's JSON: access_token, token_type, expires_in,
// refresh_token (only when minted).
nlohmann::json IssueTokens(World& w, std::size_t grant, Millis now, bool with_refresh);

// The outcome of checking "Authorization: Bearer ..." (the header's value).
struct BearerCheck {
  bool ok = false;
  std::string identity;  // set when ok
  Millis expires_at = 0;  // the access token's expiry, when ok
  int status = 401;      // when not ok
  std::string body;      // JSON {"error": ...} when not ok
};
BearerCheck CheckBearer(const World& w, const std::string& authorization, Millis now,
                        const std::string& origin);

// The identity a bearer token names (valid or not), "" when unknown. For journaling and
// identity-matched faults on Launchpad paths.
std::string IdentityOfBearer(const World& w, const std::string& authorization);

}  // namespace bcsim
