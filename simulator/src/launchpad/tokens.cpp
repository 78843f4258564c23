#include "launchpad/tokens.h"

#include <deque>

#include "server/http_util.h"

namespace bcsim {
namespace {

std::string BearerToken(const std::string& authorization) {
  static const std::string kPrefix = "Bearer ";
  if (authorization.size() <= kPrefix.size()) return "";
  if (authorization.compare(0, kPrefix.size(), kPrefix) != 0 &&
      authorization.compare(0, kPrefix.size(), "bearer ") != 0)
    return "";
  std::size_t start = authorization.find_first_not_of(' ', kPrefix.size());
  if (start == std::string::npos) return "";
  std::size_t end = authorization.find_last_not_of(' ');
  return authorization.substr(start, end - start + 1);
}

GrantTokens& TokensOf(World& w, std::size_t grant) {
  if (w.oauth_order.grants.size() <= grant) w.oauth_order.grants.resize(grant + 1);
  return w.oauth_order.grants[grant];
}

// Rebuilds a pruning queue once most of its entries are gone from `map` (revoked, retired or
// signed out early), so the queue stays within twice the live entries: O(1) amortized.
template <typename Map>
void Compact(std::deque<std::string>& order, const Map& map) {
  if (order.size() <= 2 * map.size() + 64) return;
  std::deque<std::string> live;
  for (std::string& key : order) {
    if (map.count(key) != 0) live.push_back(std::move(key));
  }
  order.swap(live);
}

}  // namespace

void PruneOAuth(World& w, Millis now) {
  OAuthBookkeeping& o = w.oauth_order;
  while (!o.codes.empty()) {
    auto it = w.codes.find(o.codes.front());
    if (it != w.codes.end() && now < it->second.expires_at) break;
    if (it != w.codes.end()) w.codes.erase(it);
    o.codes.pop_front();
  }
  while (!o.access_tokens.empty()) {
    auto it = w.access_tokens.find(o.access_tokens.front());
    if (it != w.access_tokens.end() && now - kExpiredAccessKeptMs < it->second.expires_at) break;
    if (it != w.access_tokens.end()) {
      GrantTokens& gt = TokensOf(w, it->second.grant);
      if (!gt.access.empty() && gt.access.front() == it->first) gt.access.pop_front();
      w.access_tokens.erase(it);
    }
    o.access_tokens.pop_front();
  }
  while (!o.sessions.empty()) {
    auto it = w.browser_sessions.find(o.sessions.front());
    if (it != w.browser_sessions.end() && now < it->second.expires_at &&
        w.browser_sessions.size() <= kMaxSessions)
      break;
    if (it != w.browser_sessions.end()) w.browser_sessions.erase(it);
    o.sessions.pop_front();
  }
  Compact(o.codes, w.codes);
  Compact(o.access_tokens, w.access_tokens);
  Compact(o.sessions, w.browser_sessions);
}

void TrackCode(World& w, const std::string& code, Millis now) {
  w.oauth_order.codes.push_back(code);
  PruneOAuth(w, now);
}

void TrackSession(World& w, const std::string& session, Millis now) {
  w.oauth_order.sessions.push_back(session);
  PruneOAuth(w, now);
}

void RetireRefreshToken(World& w, const std::string& token) {
  auto it = w.refresh_tokens.find(token);
  if (it == w.refresh_tokens.end()) return;
  it->second.replaced = true;
  GrantTokens& gt = TokensOf(w, it->second.grant);
  gt.retired_refresh.push_back(token);
  while (gt.retired_refresh.size() > kRetiredRefreshPerGrant) {
    w.refresh_tokens.erase(gt.retired_refresh.front());
    gt.retired_refresh.pop_front();
  }
}

void RevokeGrant(World& w, std::size_t grant) {
  if (grant < w.grants.size()) w.grants[grant].revoked = true;
}

const OAuthClient* FindClientById(const World& w, const std::string& client_id) {
  for (const auto& [key, c] : w.clients) {
    if (c.client_id == client_id) return &c;
  }
  return nullptr;
}

const OAuthClient* FindClient(const World& w, const std::string& key_or_id) {
  auto it = w.clients.find(key_or_id);
  if (it != w.clients.end()) return &it->second;
  return FindClientById(w, key_or_id);
}

const Identity* FindIdentity(const World& w, const std::string& key) {
  auto it = w.identities.find(key);
  return it == w.identities.end() ? nullptr : &it->second;
}

std::string NewAccessToken() { return "BAh" + RandomBase64Url(32); }
std::string NewVerificationCode() { return RandomBase64Url(6); }

std::size_t AddGrant(World& w, const std::string& client_id, const std::string& identity) {
  Grant g;
  g.client_id = client_id;
  g.identity = identity;
  if (const Identity* id = FindIdentity(w, identity)) g.credentials_epoch = id->credentials_epoch;
  w.grants.push_back(g);
  return w.grants.size() - 1;
}

nlohmann::json IssueTokens(World& w, std::size_t grant, Millis now, bool with_refresh) {
  AccessToken at;
  at.token = NewAccessToken();
  at.grant = grant;
  at.expires_at = now + w.limits.access_token_ttl_ms;
  nlohmann::json out = {{"access_token", at.token},
                        {"token_type", "Bearer"},
                        {"expires_in", w.limits.access_token_ttl_ms / 1000}};
  w.access_tokens[at.token] = at;
  w.oauth_order.access_tokens.push_back(at.token);
  GrantTokens& gt = TokensOf(w, grant);
  gt.access.push_back(at.token);
  while (gt.access.size() > kLiveAccessPerGrant) {  // the grant's oldest stops working
    w.access_tokens.erase(gt.access.front());
    gt.access.pop_front();
  }
  if (with_refresh) {
    RefreshToken rt;
    rt.token = NewAccessToken();
    rt.grant = grant;
    out["refresh_token"] = rt.token;
    w.refresh_tokens[rt.token] = rt;
  }
  PruneOAuth(w, now);
  return out;
}

BearerCheck CheckBearer(const World& w, const std::string& authorization, Millis now,
                        const std::string& origin) {
  BearerCheck r;
  std::string token = BearerToken(authorization);
  auto it = token.empty() ? w.access_tokens.end() : w.access_tokens.find(token);
  if (it == w.access_tokens.end() || it->second.grant >= w.grants.size()) {
    r.body = JsonError("OAuth token is missing or invalid");
    return r;
  }
  const AccessToken& at = it->second;
  if (now >= at.expires_at) {
    r.body = JsonError(
        "OAuth token expired (old age). Refresh your token or acquire a new one at <a href=\"" +
        origin + "/authorization/new\">" + origin + "/authorization/new</a>");
    return r;
  }
  const Grant& g = w.grants[at.grant];
  const Identity* identity = FindIdentity(w, g.identity);
  if (identity == nullptr || identity->removed) {
    r.body = JsonError("OAuth token is invalid: Unknown Basecamp ID.");
    return r;
  }
  if (g.revoked) {
    r.body = JsonError("OAuth token has been revoked");
    return r;
  }
  if (g.credentials_epoch != identity->credentials_epoch) {
    r.body = JsonError("OAuth token expired: the Basecamp ID's credentials changed");
    return r;
  }
  r.ok = true;
  r.status = 200;
  r.identity = g.identity;
  r.expires_at = at.expires_at;
  return r;
}

std::string IdentityOfBearer(const World& w, const std::string& authorization) {
  std::string token = BearerToken(authorization);
  if (token.empty()) return "";
  auto it = w.access_tokens.find(token);
  if (it == w.access_tokens.end() || it->second.grant >= w.grants.size()) return "";
  return w.grants[it->second.grant].identity;
}

}  // namespace bcsim
