#include "oauth/launchpad_client.h"

#include <nlohmann/json.hpp>

#include "basecamp/response_map.h"
#include "errors/catalogue.h"
#include "util/json_fields.h"

namespace bcsync::oauth {
namespace {

using basecamp::UrlEncode;
using nlohmann::json;
using util::JsonInt;
using util::JsonStr;

// A fixed token for the calls made right after the exchange (no refresh possible yet).
class FixedToken : public basecamp::TokenSource {
 public:
  explicit FixedToken(std::string token) : token_(std::move(token)) {}
  StatusOr<std::string> Token() override { return token_; }
  StatusOr<std::string> RefreshNow() override {
    return Status(StatusCode::kUnauthenticated, "Basecamp refused the new token", errors::kTokenRevoked);
  }

 private:
  std::string token_;
};

}  // namespace

LaunchpadClient::LaunchpadClient(basecamp::ApiDeps deps, OAuthConfig config)
    : deps_(std::move(deps)), config_(std::move(config)) {}

std::string LaunchpadClient::AuthorizeUrl(const std::string& state) const {
  return deps_.basecamp_url + "/authorization/new?type=web_server&client_id=" + UrlEncode(config_.client_id) +
         "&redirect_uri=" + UrlEncode(config_.redirect_uri) + "&state=" + UrlEncode(state);
}

StatusOr<TokenGrant> LaunchpadClient::PostToken(const std::string& form, bool refresh) {
  basecamp::HttpRequest request;
  request.method = "POST";
  request.url = deps_.basecamp_url + "/authorization/token";
  request.headers = {{"User-Agent", deps_.user_agent}, {"Accept", "application/json"}};
  request.content_type = "application/x-www-form-urlencoded";
  request.body = form;
  StatusOr<basecamp::HttpResponse> response =
      basecamp::SendWithRetry(*deps_.transport, request, *deps_.throttle, *deps_.clock, *deps_.sleeper, deps_.retry);
  if (!response.ok()) return basecamp::NoResponse(response.status());
  if (response->status != 200) {
    return refresh ? basecamp::RefreshFailure(*response) : basecamp::ExchangeFailure(*response);
  }
  json body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || JsonStr(body, "access_token").empty()) {
    return Status(StatusCode::kInternal, "token response without access_token", errors::kUnexpectedResponse);
  }
  TokenGrant grant;
  grant.access_token = JsonStr(body, "access_token");
  grant.refresh_token = JsonStr(body, "refresh_token");
  std::int64_t expires_in = JsonInt(body, "expires_in");
  if (expires_in <= 0) expires_in = 14LL * 24 * 3600;
  grant.expires_at = deps_.clock->NowMs() + expires_in * 1000;
  return grant;
}

StatusOr<TokenGrant> LaunchpadClient::ExchangeCode(const std::string& code) {
  return PostToken("type=web_server&client_id=" + UrlEncode(config_.client_id) +
                       "&client_secret=" + UrlEncode(config_.client_secret) +
                       "&redirect_uri=" + UrlEncode(config_.redirect_uri) + "&code=" + UrlEncode(code),
                   /*refresh=*/false);
}

StatusOr<TokenGrant> LaunchpadClient::Refresh(const std::string& refresh_token) {
  return PostToken("type=refresh&client_id=" + UrlEncode(config_.client_id) +
                       "&client_secret=" + UrlEncode(config_.client_secret) +
                       "&refresh_token=" + UrlEncode(refresh_token),
                   /*refresh=*/true);
}

StatusOr<Authorization> LaunchpadClient::GetAuthorization(const std::string& access_token) {
  FixedToken token(access_token);
  basecamp::ApiClient api(deps_, &token, nullptr);
  StatusOr<json> body = api.GetJson(deps_.basecamp_url + "/authorization.json");
  if (!body.ok()) return body.status();
  if (!body->is_object() || !body->contains("identity")) {
    return Status(StatusCode::kInternal, "authorization.json without identity", errors::kUnexpectedResponse);
  }
  Authorization auth;
  const json& identity = (*body)["identity"];
  auth.identity_id = JsonInt(identity, "id");
  auth.first_name = JsonStr(identity, "first_name");
  auth.last_name = JsonStr(identity, "last_name");
  auth.email = JsonStr(identity, "email_address");
  if (body->contains("accounts") && (*body)["accounts"].is_array()) {
    for (const json& account : (*body)["accounts"]) {
      auth.accounts.push_back(
          AuthAccount{JsonInt(account, "id"), JsonStr(account, "name"), JsonStr(account, "product"), JsonStr(account, "href")});
    }
  }
  // authorization.json carries no tokens; should it ever, they are not kept.
  auth.snapshot = util::RedactSecrets(*body).dump();
  return auth;
}

StatusOr<Profile> LaunchpadClient::GetProfile(const std::string& account_href, const std::string& access_token) {
  FixedToken token(access_token);
  basecamp::ApiClient api(deps_, &token, nullptr);
  StatusOr<json> body = api.GetJson(account_href + "/my/profile.json");
  if (!body.ok()) return body.status();
  return Profile{JsonInt(*body, "id"), JsonStr(*body, "name"), JsonStr(*body, "email_address")};
}

}  // namespace bcsync::oauth
