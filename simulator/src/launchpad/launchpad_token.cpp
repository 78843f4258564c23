// Launchpad's machine side: POST /authorization/token and GET /authorization.json.
#include <mutex>
#include <shared_mutex>

#include "launchpad/launchpad.h"
#include "launchpad/tokens.h"
#include "server/http_util.h"

namespace bcsim {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void JsonReply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, kJson);
}

void OAuthError(httplib::Response& res, int status, const std::string& error,
                const std::string& description) {
  JsonReply(res, status,
            nlohmann::json{{"error", error}, {"error_description", description}}.dump());
}

void UnknownBasecampId(httplib::Response& res) {
  res.status = 401;
  res.set_content("Unknown Basecamp ID.", "text/plain; charset=utf-8");
}

void ExchangeCode(SimState& s, const httplib::Request& req, const OAuthClient& client,
                  httplib::Response& res, RequestTrace* trace) {
  const std::string code = req.get_param_value("code");
  const std::string redirect_uri = req.get_param_value("redirect_uri");
  const Millis now = s.Now();
  World& w = s.world;
  PruneOAuth(w, now);
  auto it = code.empty() ? w.codes.end() : w.codes.find(code);
  AuthorizationCode* found = it == w.codes.end() ? nullptr : &it->second;
  if (found != nullptr && found->used && found->client_id == client.client_id) {
    // A second exchange of one code: someone else has it. Every token the first exchange
    // issued is revoked (RFC 6749 §4.1.2, §10.5).
    RevokeGrant(w, found->grant);
    trace->identity = found->identity;
  }
  if (found == nullptr || found->used || now >= found->expires_at ||
      found->client_id != client.client_id) {
    OAuthError(res, 400, "expired_verification_code",
               "The verification code is unknown, expired or already used.");
    return;
  }
  found->used = true;  // single use, even when the exchange below fails
  trace->identity = found->identity;
  if (redirect_uri != found->redirect_uri) {
    OAuthError(res, 400, "invalid_grant",
               "redirect_uri does not match the one the code was issued for.");
    return;
  }
  const Identity* id = FindIdentity(w, found->identity);
  if (id == nullptr || id->removed) return UnknownBasecampId(res);
  std::size_t grant = AddGrant(w, client.client_id, found->identity);
  found->grant = grant;
  JsonReply(res, 200, IssueTokens(w, grant, now, true).dump());
}

void Refresh(SimState& s, const httplib::Request& req, const OAuthClient& client,
             httplib::Response& res, RequestTrace* trace) {
  World& w = s.world;
  auto it = w.refresh_tokens.find(req.get_param_value("refresh_token"));
  if (it == w.refresh_tokens.end() || it->second.grant >= w.grants.size()) {
    OAuthError(res, 400, "invalid_grant", "The refresh token is unknown.");
    return;
  }
  RefreshToken& rt = it->second;
  Grant& g = w.grants[rt.grant];
  trace->identity = g.identity;
  if (g.client_id != client.client_id) {
    OAuthError(res, 400, "invalid_grant", "The refresh token belongs to another application.");
    return;
  }
  if (rt.replaced) {
    // A rotated-away refresh token came back: it leaked, or a client lost a race. Either way
    // the whole grant is revoked (RFC 9700 §4.14.2).
    RevokeGrant(w, rt.grant);
    OAuthError(res, 400, "invalid_grant",
               "The refresh token was already used and replaced; every token of this "
               "authorization is revoked.");
    return;
  }
  const Identity* id = FindIdentity(w, g.identity);
  if (id == nullptr || id->removed) return UnknownBasecampId(res);
  if (g.credentials_epoch != id->credentials_epoch) {
    OAuthError(res, 400, "authorization_expired",
               "The Basecamp ID's credentials changed; authorize the application again.");
    return;
  }
  if (g.revoked) {
    OAuthError(res, 400, "invalid_grant", "Access was revoked; authorize the application again.");
    return;
  }
  const std::size_t grant = rt.grant;
  if (client.rotate_refresh_token) RetireRefreshToken(w, std::string(rt.token));
  JsonReply(res, 200, IssueTokens(w, grant, s.Now(), client.rotate_refresh_token).dump());
}

}  // namespace

void ServeToken(SimState& s, const httplib::Request& req, httplib::Response& res,
                RequestTrace* trace) {
  // httplib merges the query string and an x-www-form-urlencoded body into req.params.
  const std::string type = req.get_param_value("type");
  const std::string grant_type = req.get_param_value("grant_type");
  const bool exchange = type == "web_server" || grant_type == "authorization_code";
  const bool refresh = type == "refresh" || grant_type == "refresh_token";
  if (!exchange && !refresh) {
    OAuthError(res, 400, "unsupported_grant_type",
               "Use type=web_server or type=refresh (grant_type=authorization_code or "
               "refresh_token).");
    return;
  }
  std::unique_lock lock(s.world_mu);
  const OAuthClient* client = FindClientById(s.world, req.get_param_value("client_id"));
  if (client == nullptr || client->client_secret != req.get_param_value("client_secret")) {
    OAuthError(res, 401, "invalid_client", "Unknown client or wrong client_secret.");
    return;
  }
  if (exchange) {
    ExchangeCode(s, req, *client, res, trace);
  } else {
    Refresh(s, req, *client, res, trace);
  }
}

void ServeAuthorizationJson(SimState& s, const httplib::Request& req, httplib::Response& res,
                            RequestTrace* trace) {
  std::shared_lock lock(s.world_mu);
  const World& w = s.world;
  BearerCheck check = CheckBearer(w, req.get_header_value("Authorization"), s.Now(), s.origin);
  if (!check.ok) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"Basecamp\"");
    JsonReply(res, check.status, check.body);
    return;
  }
  trace->identity = check.identity;
  const Identity& id = *FindIdentity(w, check.identity);
  nlohmann::json accounts = nlohmann::json::array();
  for (const Account& a : w.accounts) {
    bool member = false;
    for (const Person& p : a.people) member = member || p.identity == id.key;
    if (!member) continue;
    const std::string base = s.origin + "/" + std::to_string(a.id);
    accounts.push_back({{"product", a.product},
                        {"id", a.id},
                        {"name", a.name},
                        {"href", a.product == "bcx" ? base + "/api/v1" : base},
                        {"app_href", s.origin + "/app/" + std::to_string(a.id)}});
  }
  nlohmann::json body = {
      {"expires_at", FormatIsoWithOffset(check.expires_at)},
      {"identity",
       {{"id", id.id}, {"first_name", id.first_name}, {"last_name", id.last_name},
        {"email_address", id.email}}},
      {"accounts", accounts}};
  JsonReply(res, 200, body.dump());
}

}  // namespace bcsim
