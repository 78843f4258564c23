#include "launchpad/tokens.h"

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

}  // namespace

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
  if (with_refresh) {
    RefreshToken rt;
    rt.token = NewAccessToken();
    rt.grant = grant;
    out["refresh_token"] = rt.token;
    w.refresh_tokens[rt.token] = rt;
  }
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
