// Launchpad over real HTTP: the browser flow (login, consent, redirect) and the token endpoint,
// with the negative cases integrations meet.
#include "launchpad/launchpad.h"

#include <gtest/gtest.h>

#include "server/test_support.h"

namespace bcsim {
namespace {

using testing::kRedirect;
using testing::TestSim;
using nlohmann::json;

TEST(LaunchpadAuthorize, EchoesStateByteForByteWithTheCode) {
  TestSim t;
  const std::string state = "a b&c=d/é+%?#x";
  std::string loc = t.Consent(t.SignIn("alice@acme.test", "pw-a"), "tracker", state, "Allow");
  EXPECT_EQ(loc.rfind(std::string(kRedirect) + "?code=", 0), 0u) << loc;
  EXPECT_EQ(TestSim::QueryParam(loc, "state"), state) << loc;
  EXPECT_EQ(TestSim::QueryParam(loc, "code").size(), 8u);
}

TEST(LaunchpadAuthorize, DenyRedirectsWithAccessDeniedAndState) {
  TestSim t;
  std::string loc = t.Consent(t.SignIn("alice@acme.test", "pw-a"), "tracker", "xyz", "Deny");
  EXPECT_EQ(loc, std::string(kRedirect) + "?error=access_denied&state=xyz");
}

TEST(LaunchpadAuthorize, RefusesRedirectUriNotRegisteredExactly) {
  TestSim t;
  auto r = t.cli->Get("/authorization/new?type=web_server&client_id=tracker&redirect_uri=" +
                      httplib::detail::encode_query_param(std::string(kRedirect) + "/") + "&state=s");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("Provided redirect_uri is not approved"), std::string::npos);
  EXPECT_FALSE(r->has_header("Location"));
}

TEST(LaunchpadAuthorize, RefusesUnknownClient) {
  TestSim t;
  auto r = t.cli->Get("/authorization/new?type=web_server&client_id=nope&redirect_uri=" +
                      httplib::detail::encode_query_param(kRedirect));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("Unknown application"), std::string::npos);
}

TEST(LaunchpadAuthorize, ShowsLoginFormCarryingOAuthParamsWithoutSession) {
  TestSim t;
  auto r = t.cli->Get("/authorization/new?" + TestSim::AuthorizeQuery("tracker", "s1"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("name=\"email\""), std::string::npos);
  EXPECT_NE(r->body.find("name=\"password\""), std::string::npos);
  EXPECT_NE(r->body.find(">Sign in</button>"), std::string::npos);
  EXPECT_NE(r->body.find("name=\"client_id\" value=\"tracker\""), std::string::npos);
  EXPECT_NE(r->body.find("name=\"state\" value=\"s1\""), std::string::npos);
}

TEST(LaunchpadAuthorize, LoginWithOAuthParamsRedirectsBackToConsent) {
  TestSim t;
  auto [nonce, token] = t.SigninForm();
  const std::string form = "email=ALICE%40acme.test&password=pw-a&authenticity_token=" + token +
                           "&" + TestSim::AuthorizeQuery("tracker", "s 1");
  std::string raw = testing::RawExchange(
      t.sim->port(), "POST /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Cookie: " + nonce +
                         "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                         std::to_string(form.size()) + "\r\n\r\n" + form);
  EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 302");
  EXPECT_EQ(testing::RawHeader(raw, "Location"),
            "/authorization/new?type=web_server&client_id=tracker&redirect_uri=http%3A%2F%2Ftracker.test%2F"
            "oauth%2Fbasecamp%2Fcallback&state=s%201");
  const std::string cookie = testing::RawHeader(raw, "Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
}

TEST(LaunchpadAuthorize, WrongPasswordReshowsFormWithMessage) {
  TestSim t;
  auto [nonce, token] = t.SigninForm();
  auto r = t.cli->Post("/signin", {{"Cookie", nonce}},
                       httplib::Params{{"email", "alice@acme.test"}, {"password", "no"},
                                       {"authenticity_token", token}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(TestSim::CsrfOf(r->body), token);  // the form again, with the same token
  EXPECT_NE(r->body.find("That email or password is wrong."), std::string::npos);
  EXPECT_FALSE(r->has_header("Set-Cookie"));
}

TEST(LaunchpadAuthorize, ConsentPageNamesAppIdentityAndAccounts) {
  TestSim t;
  auto r = t.cli->Get("/authorization/new?" + TestSim::AuthorizeQuery("tracker", "s"),
                      {{"Cookie", t.SignIn("alice@acme.test", "pw-a")}});
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("Time Tracker"), std::string::npos);
  EXPECT_NE(r->body.find("Signed in as Alice Adams (alice@acme.test)"), std::string::npos);
  EXPECT_NE(r->body.find("Acme Inc"), std::string::npos);
  EXPECT_EQ(r->body.find("Bob Co"), std::string::npos);
  EXPECT_NE(r->body.find(">Allow</button>"), std::string::npos);
  EXPECT_NE(r->body.find(">Deny</button>"), std::string::npos);
  EXPECT_NE(r->body.find(">Not you? Sign out</button>"), std::string::npos);
}

TEST(LaunchpadAuthorize, ConsentWithoutCsrfTokenIsForbidden) {
  TestSim t;
  auto r = t.cli->Post("/authorization/new", {{"Cookie", t.SignIn("alice@acme.test", "pw-a")}},
                       httplib::Params{{"type", "web_server"},
                                       {"client_id", "tracker"},
                                       {"redirect_uri", kRedirect},
                                       {"authenticity_token", "forged"},
                                       {"commit", "Allow"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_FALSE(r->has_header("Location"));
}

TEST(LaunchpadAuthorize, SignOutEndsTheSession) {
  TestSim t;
  const std::string cookie = t.SignIn("alice@acme.test", "pw-a");
  const std::string token = TestSim::CsrfOf(t.cli->Get("/", {{"Cookie", cookie}})->body);
  auto out = t.cli->Post("/signout", {{"Cookie", cookie}},
                         httplib::Params{{"return_to", "//evil.test/"},
                                         {"authenticity_token", token}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 302);
  EXPECT_EQ(out->get_header_value("Location"), "/");
  auto home = t.cli->Get("/", {{"Cookie", cookie}});
  ASSERT_TRUE(home);
  EXPECT_NE(home->body.find(">Sign in</a>"), std::string::npos);
}

// A page on another site posting the sign-in form with the attacker's credentials (login CSRF)
// must not sign this browser in: no nonce cookie, or a token that is not this browser's.
TEST(LaunchpadHardening, CrossSiteSignInIsRefusedAndSignsNobodyIn) {
  TestSim t;
  auto forged = t.cli->Post("/signin", httplib::Params{{"email", "bob@acme.test"},
                                                       {"password", "pw-b"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_FALSE(forged->has_header("Location"));
  EXPECT_EQ(forged->get_header_value("Set-Cookie").find("launchpad_session"), std::string::npos);
  // The attacker's own nonce and token, replayed with the victim's (other) nonce cookie.
  auto [attacker_nonce, attacker_token] = t.SigninForm();
  auto [victim_nonce, victim_token] = t.SigninForm();
  ASSERT_NE(attacker_token, victim_token);
  auto replayed = t.cli->Post("/signin", {{"Cookie", victim_nonce}},
                              httplib::Params{{"email", "bob@acme.test"},
                                              {"password", "pw-b"},
                                              {"authenticity_token", attacker_token}});
  EXPECT_EQ(replayed->status, 403);
  EXPECT_EQ(replayed->get_header_value("Set-Cookie").find("launchpad_session"),
            std::string::npos);
  // The real form still works.
  EXPECT_NE(t.SignIn("bob@acme.test", "pw-b").find("launchpad_session="), std::string::npos);
}

TEST(LaunchpadHardening, CrossSiteSignOutIsRefusedAndTheSessionStays) {
  TestSim t;
  const std::string cookie = t.SignIn("alice@acme.test", "pw-a");
  auto out = t.cli->Post("/signout", {{"Cookie", cookie}}, httplib::Params{{"return_to", "/"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 403);
  auto home = t.cli->Get("/", {{"Cookie", cookie}});
  EXPECT_NE(home->body.find("Signed in as Alice Adams"), std::string::npos);
  // The consent page's "Not you? Sign out" form carries the token too.
  auto consent = t.cli->Get("/authorization/new?" + TestSim::AuthorizeQuery("tracker", "s"),
                            {{"Cookie", cookie}});
  const std::string form = consent->body.substr(consent->body.find("action=\"/signout\""));
  EXPECT_EQ(TestSim::CsrfOf(form), TestSim::CsrfOf(home->body));
}

TEST(LaunchpadHardening, SignOutReturnToIsALocalPathOnly) {
  TestSim t;
  const std::vector<std::string> bad = {
      "/%09/evil.example/", "/\t/evil.example/", "//evil.example/", "/\\evil.example/",
      "/%5Cevil.example", "/%2F/evil.example", "https://evil.example/", "evil.example",
      "/x\r\nSet-Cookie: a=b", "/%0d%0aX: y", "/%7f", "/ok#frag", "", "/%zz"};
  for (const std::string& to : bad) {
    const std::string cookie = t.SignIn("alice@acme.test", "pw-a");
    const std::string token = TestSim::CsrfOf(t.cli->Get("/", {{"Cookie", cookie}})->body);
    const std::string form = "return_to=" + httplib::detail::encode_query_param(to) +
                             "&authenticity_token=" + token;
    std::string raw = testing::RawExchange(
        t.sim->port(), "POST /signout HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " +
                           cookie + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           "Content-Length: " + std::to_string(form.size()) + "\r\n\r\n" + form);
    EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 302") << to;
    EXPECT_EQ(testing::RawHeader(raw, "Location"), "/") << to;
  }
  EXPECT_TRUE(IsSafeReturnTo("/authorization/new?type=web_server&redirect_uri=http%3A%2F%2Fa%2Fb"));
  EXPECT_TRUE(IsSafeReturnTo("/"));
  EXPECT_FALSE(IsSafeReturnTo("/%09/evil.example/"));
}

TEST(LaunchpadHardening, PagesCannotBeFramed) {
  TestSim t;
  const std::string cookie = t.SignIn("alice@acme.test", "pw-a");
  for (const std::string& path :
       {std::string("/"), std::string("/signin"),
        "/authorization/new?" + TestSim::AuthorizeQuery("tracker", "s")}) {
    auto r = t.cli->Get(path, {{"Cookie", cookie}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "frame-ancestors 'none'") << path;
  }
}

TEST(LaunchpadHardening, ReusingACodeRevokesTheTokensItIssued) {
  TestSim t;
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  auto first = t.Exchange(code);
  ASSERT_EQ(first->status, 200);
  json tokens = json::parse(first->body);
  const std::string access = tokens["access_token"];
  ASSERT_EQ(t.cli->Get("/4000001/projects.json", t.Api(access))->status, 200);
  auto again = t.Exchange(code);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(json::parse(again->body)["error"], "expired_verification_code");
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(access))->status, 401);
  EXPECT_EQ(t.Refresh(tokens["refresh_token"])->status, 400);
}

TEST(LaunchpadHardening, ReusingARotatedRefreshTokenRevokesTheGrant) {
  TestSim t;
  json first = json::parse(t.Exchange(t.CodeFor("alice@acme.test", "pw-a"))->body);
  auto r = t.Refresh(first["refresh_token"]);
  ASSERT_EQ(r->status, 200);
  json second = json::parse(r->body);
  ASSERT_EQ(t.cli->Get("/4000001/projects.json", t.Api(second["access_token"]))->status, 200);
  auto reuse = t.Refresh(first["refresh_token"]);  // the rotated-away one
  EXPECT_EQ(reuse->status, 400);
  EXPECT_EQ(json::parse(reuse->body)["error"], "invalid_grant");
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(second["access_token"]))->status, 401);
  EXPECT_EQ(t.Refresh(second["refresh_token"])->status, 400);
  // Another grant of the same identity is untouched.
  json other = t.Mint("alice");
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(other["access_token"]))->status, 200);
}

TEST(LaunchpadToken, ExchangesCodeForBearerTokens) {
  TestSim t;
  auto r = t.Exchange(t.CodeFor("alice@acme.test", "pw-a"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = json::parse(r->body);
  EXPECT_EQ(j["token_type"], "Bearer");
  EXPECT_EQ(j["expires_in"], 1209600);
  EXPECT_EQ(j["access_token"].get<std::string>().rfind("BAh", 0), 0u);
  EXPECT_GE(j["access_token"].get<std::string>().size(), 43u);
  EXPECT_TRUE(j.contains("refresh_token"));
}

TEST(LaunchpadToken, AcceptsQueryStringParamsAndGrantTypeStyle) {
  TestSim t;
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  auto r = t.cli->Post("/authorization/token?grant_type=authorization_code&client_id=tracker&"
                       "client_secret=s3cret&redirect_uri=" +
                           httplib::detail::encode_query_param(kRedirect) + "&code=" + code,
                       "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST(LaunchpadToken, RefusesRedirectUriDifferentFromTheCodes) {
  TestSim t;
  auto r = t.Exchange(t.CodeFor("alice@acme.test", "pw-a"), "tracker", "s3cret", "http://tracker.test/other");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"], "invalid_grant");
}

TEST(LaunchpadToken, RefusesReusedCode) {
  TestSim t;
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  ASSERT_EQ(t.Exchange(code)->status, 200);
  auto again = t.Exchange(code);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(json::parse(again->body)["error"], "expired_verification_code");
}

TEST(LaunchpadToken, RefusesExpiredCode) {
  TestSim t;
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  t.clock->Advance(10 * 60 * 1000);
  auto r = t.Exchange(code);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"], "expired_verification_code");
}

TEST(LaunchpadToken, RefusesWrongSecretAndUnknownClient) {
  TestSim t;
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  auto wrong = t.Exchange(code, "tracker", "guess");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(json::parse(wrong->body)["error"], "invalid_client");
  auto unknown = t.Exchange(code, "stranger", "s3cret");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(json::parse(unknown->body)["error"], "invalid_client");
  EXPECT_EQ(t.Exchange(code)->status, 200);  // the failed attempts did not burn the code
}

TEST(LaunchpadToken, RefreshRotatesTheRefreshTokenForRotatingClients) {
  TestSim t;
  json first = json::parse(t.Exchange(t.CodeFor("alice@acme.test", "pw-a"))->body);
  auto r = t.Refresh(first["refresh_token"]);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json second = json::parse(r->body);
  EXPECT_NE(second["refresh_token"], first["refresh_token"]);
  EXPECT_NE(second["access_token"], first["access_token"]);
  auto old = t.Refresh(first["refresh_token"]);
  EXPECT_EQ(old->status, 400);
  EXPECT_EQ(json::parse(old->body)["error"], "invalid_grant");
  // The reuse revoked the grant (LaunchpadHardening.ReusingARotatedRefreshTokenRevokesTheGrant).
  EXPECT_EQ(t.Refresh(second["refresh_token"])->status, 400);
}

TEST(LaunchpadToken, RefreshKeepsTheRefreshTokenWhenClientDoesNotRotate) {
  TestSim t;
  json first = json::parse(t.Exchange(t.CodeFor("alice@acme.test", "pw-a", "keeper"), "keeper", "k33p")->body);
  for (int i = 0; i < 2; ++i) {
    auto r = t.Refresh(first["refresh_token"], "keeper", "k33p");
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_FALSE(json::parse(r->body).contains("refresh_token"));
  }
}

TEST(LaunchpadToken, RefreshAfterPasswordChangeIsAuthorizationExpired) {
  TestSim t;
  json tokens = t.Mint("alice");
  t.PostEvent({{"event", "password_changed"}, {"identity", "alice"}});
  auto r = t.Refresh(tokens["refresh_token"]);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"], "authorization_expired");
  auto api = t.cli->Get("/4000001/projects.json", t.Api(tokens["access_token"]));
  EXPECT_EQ(api->status, 401);
}

TEST(LaunchpadToken, RefreshAfterRevokedAccessIsInvalidGrant) {
  TestSim t;
  json tokens = t.Mint("alice");
  t.PostEvent({{"event", "revoke_access"}, {"identity", "alice"}, {"client", "tracker"}});
  auto r = t.Refresh(tokens["refresh_token"]);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"], "invalid_grant");
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(tokens["access_token"]))->status, 401);
}

TEST(LaunchpadToken, RefreshForRemovedIdentityIsUnknownBasecampId) {
  TestSim t;
  json tokens = t.Mint("alice");
  t.PostEvent({{"event", "remove_identity"}, {"identity", "alice"}});
  auto r = t.Refresh(tokens["refresh_token"]);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->body, "Unknown Basecamp ID.");
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
}

TEST(LaunchpadAuthorizationJson, ListsIdentityAndEveryAccountWithAPerson) {
  TestSim t;
  json tokens = t.Mint("bob");
  auto r = t.cli->Get("/authorization.json", {{"Authorization", "Bearer " + tokens["access_token"].get<std::string>()}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = json::parse(r->body);
  EXPECT_EQ(j["expires_at"], "2026-12-15T09:00:00+00:00");
  EXPECT_EQ(j["identity"]["first_name"], "Bob");
  EXPECT_EQ(j["identity"]["email_address"], "bob@acme.test");
  ASSERT_EQ(j["accounts"].size(), 1u);
  EXPECT_EQ(j["accounts"][0]["product"], "bcx");
  EXPECT_EQ(j["accounts"][0]["id"], 4000002);
  EXPECT_EQ(j["accounts"][0]["href"], t.sim->base_url() + "/4000002/api/v1");
}

TEST(LaunchpadAuthorizationJson, RefusesMissingToken) {
  TestSim t;
  auto r = t.cli->Get("/authorization.json");
  EXPECT_EQ(r->status, 401);
}

TEST(LaunchpadAccess, TokenOfOneIdentityCannotReadAnotherIdentitysAccount) {
  TestSim t;
  json alice = t.Mint("alice");
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(alice["access_token"]))->status, 200);
  EXPECT_EQ(t.cli->Get("/4000002/projects.json", t.Api(alice["access_token"]))->status, 404);
}

TEST(LaunchpadRoutes, UnknownPathIsJsonNotFound) {
  TestSim t;
  auto r = t.cli->Get("/authorization/nothing");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, R"({"status":404,"error":"Not Found"})");
}

}  // namespace
}  // namespace bcsim
