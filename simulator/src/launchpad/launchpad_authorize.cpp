// Launchpad's browser side: home, sign in/out, and the authorization (consent) flow.
#include <algorithm>
#include <cctype>
#include <mutex>
#include <shared_mutex>

#include "launchpad/launchpad.h"
#include "launchpad/pages.h"
#include "launchpad/tokens.h"
#include "server/http_util.h"

namespace bcsim {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

struct OAuthParams {
  std::string type;
  std::string response_type;
  std::string client_id;
  std::string redirect_uri;
  std::string state;
  bool has_state = false;
};

OAuthParams ReadOAuthParams(const httplib::Request& req) {
  OAuthParams p;
  p.type = req.get_param_value("type");
  p.response_type = req.get_param_value("response_type");
  p.client_id = req.get_param_value("client_id");
  p.redirect_uri = req.get_param_value("redirect_uri");
  p.has_state = req.has_param("state");
  p.state = req.get_param_value("state");
  return p;
}

HiddenFields ToHidden(const OAuthParams& p) {
  HiddenFields h;
  if (!p.type.empty()) h.emplace_back("type", p.type);
  if (!p.response_type.empty()) h.emplace_back("response_type", p.response_type);
  h.emplace_back("client_id", p.client_id);
  h.emplace_back("redirect_uri", p.redirect_uri);
  if (p.has_state) h.emplace_back("state", p.state);
  return h;
}

std::string AuthorizeUrl(const OAuthParams& p) {
  std::string q;
  for (const auto& [k, v] : ToHidden(p)) q += (q.empty() ? "" : "&") + k + "=" + UrlEncode(v);
  return "/authorization/new?" + q;
}

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The identity signed in with this request's session cookie, or null (also when the session
// expired). Caller holds world_mu.
const Identity* SessionIdentity(const World& w, const std::string& session, Millis now) {
  if (session.empty()) return nullptr;
  auto it = w.browser_sessions.find(session);
  if (it == w.browser_sessions.end() || now >= it->second.expires_at) return nullptr;
  const Identity* id = FindIdentity(w, it->second.identity);
  return id != nullptr && !id->removed ? id : nullptr;
}

// Compares in time independent of where the strings differ.
bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool WellFormedNonce(const std::string& v) {
  if (v.size() != 32) return false;  // RandomBase64Url(24)
  return std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// The sign-in form's CSRF token: bound to the browser's launchpad_signin nonce, which is set
// here when the browser has none yet.
std::string SigninToken(SimState& s, const httplib::Request& req, httplib::Response& res) {
  std::string nonce = CookieValue(req, kSigninCookie);
  if (!WellFormedNonce(nonce)) {
    nonce = RandomBase64Url(24);
    res.set_header("Set-Cookie", std::string(kSigninCookie) + "=" + nonce +
                                     "; Path=/; HttpOnly; SameSite=Lax");
  }
  return s.CsrfFor("signin:" + nonce);
}

// The login form with its CSRF token added to `hidden`.
std::string LoginForm(SimState& s, const httplib::Request& req, httplib::Response& res,
                      HiddenFields hidden, const std::string& error) {
  hidden.emplace_back("authenticity_token", SigninToken(s, req, res));
  return LoginPage(hidden, error);
}

void Forbidden(httplib::Response& res) {
  res.status = 403;
  res.set_content(
      ErrorPage("Forbidden", "Invalid authenticity token. Reload the page and try again."),
      kHtml);
}

std::string FullName(const Identity& id) {
  if (id.last_name.empty()) return id.first_name;
  return id.first_name + " " + id.last_name;
}

std::string ProductLabel(const std::string& product) {
  if (product == "bc3") return "Basecamp";
  if (product == "bcx") return "Basecamp 2";
  if (product == "campfire") return "Campfire";
  if (product == "hey") return "HEY";
  return product;
}

// Checks type, client and redirect_uri. On a problem fills `res` with the error page and
// returns null. Caller holds world_mu.
const OAuthClient* CheckAuthorizeRequest(const World& w, const OAuthParams& p,
                                         httplib::Response& res) {
  if (p.type != "web_server" && p.response_type != "code") {
    res.status = 400;
    res.set_content(ErrorPage("Unsupported authorization request",
                              "Use type=web_server or response_type=code."),
                    kHtml);
    return nullptr;
  }
  const OAuthClient* client = FindClientById(w, p.client_id);
  if (client == nullptr) {
    res.status = 400;
    res.set_content(ErrorPage("Unknown application",
                              "The client_id does not belong to a registered application."),
                    kHtml);
    return nullptr;
  }
  if (std::find(client->redirect_uris.begin(), client->redirect_uris.end(), p.redirect_uri) ==
      client->redirect_uris.end()) {
    res.status = 400;
    res.set_content(ErrorPage("Error", "Provided redirect_uri is not approved"), kHtml);
    return nullptr;
  }
  return client;
}

void SetSessionCookie(httplib::Response& res, const std::string& value, bool expire) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (expire) cookie += "; Max-Age=0";
  res.set_header("Set-Cookie", cookie);
}

}  // namespace

bool IsSafeReturnTo(const std::string& to) {
  if (to.empty() || to[0] != '/') return false;
  if (to.size() > 1 && (to[1] == '/' || to[1] == '\\')) return false;
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  bool in_query = false;
  for (std::size_t i = 0; i < to.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(to[i]);
    if (c < 0x20 || c == 0x7f || c == '\\' || c == '#') return false;
    if (c == '?') in_query = true;
    if (c != '%') continue;
    if (i + 2 >= to.size() || hex(to[i + 1]) < 0 || hex(to[i + 2]) < 0) return false;
    const int v = hex(to[i + 1]) * 16 + hex(to[i + 2]);
    if (v < 0x20 || v == 0x7f) return false;
    if (!in_query && (v == '/' || v == '\\')) return false;
  }
  return true;
}

void ServeHome(SimState& s, const httplib::Request& req, httplib::Response& res,
               RequestTrace* trace) {
  std::shared_lock lock(s.world_mu);
  const std::string session = SessionCookie(req);
  const Identity* id = SessionIdentity(s.world, session, s.Now());
  if (id != nullptr) trace->identity = id->key;
  res.set_content(id ? HomePage(FullName(*id), id->email, true, s.CsrfFor(session))
                     : HomePage("", "", false, ""),
                  kHtml);
}

void ServeSignin(SimState& s, const httplib::Request& req, httplib::Response& res,
                 RequestTrace* trace) {
  OAuthParams p = ReadOAuthParams(req);
  HiddenFields hidden = p.client_id.empty() ? HiddenFields{} : ToHidden(p);
  if (req.method != "POST") {
    res.set_content(LoginForm(s, req, res, hidden, ""), kHtml);
    return;
  }
  // A sign-in posted from another site (login CSRF) would sign this browser in to someone
  // else's Basecamp ID: the form's token must match this browser's sign-in nonce.
  const std::string nonce = CookieValue(req, kSigninCookie);
  if (!WellFormedNonce(nonce) ||
      !SameSecret(req.get_param_value("authenticity_token"), s.CsrfFor("signin:" + nonce))) {
    return Forbidden(res);
  }
  const std::string email = req.get_param_value("email");
  const std::string password = req.get_param_value("password");
  std::unique_lock lock(s.world_mu);
  const Identity* found = nullptr;
  for (const auto& [key, id] : s.world.identities) {
    if (!id.removed && EqualsIgnoreCase(id.email, email) && id.password == password &&
        !password.empty()) {
      found = &id;
      break;
    }
  }
  if (found == nullptr) {
    res.set_content(LoginForm(s, req, res, hidden, "That email or password is wrong."), kHtml);
    return;
  }
  s.world.browser_sessions.erase(SessionCookie(req));  // a browser has one sign-in at a time
  std::string session = RandomBase64Url(24);
  const Millis now = s.Now();
  s.world.browser_sessions[session] = BrowserSession{found->key, now + kSessionTtlMs};
  trace->identity = found->key;
  TrackSession(s.world, session, now);
  SetSessionCookie(res, session, false);
  res.set_redirect(p.client_id.empty() ? std::string("/") : AuthorizeUrl(p), 302);
}

void ServeSignout(SimState& s, const httplib::Request& req, httplib::Response& res) {
  const std::string session = SessionCookie(req);
  {
    std::unique_lock lock(s.world_mu);
    // A signed-in browser signs out only through its own form (no cross-site sign-out).
    if (SessionIdentity(s.world, session, s.Now()) != nullptr &&
        !SameSecret(req.get_param_value("authenticity_token"), s.CsrfFor(session))) {
      return Forbidden(res);
    }
    if (!session.empty()) s.world.browser_sessions.erase(session);
  }
  SetSessionCookie(res, "", true);
  const std::string to = req.get_param_value("return_to");
  // Only local paths: no open redirect to another origin (RFC 9700 §4.11).
  res.set_redirect(IsSafeReturnTo(to) ? to : std::string(1, '/'), 302);
}

void ServeAuthorizeGet(SimState& s, const httplib::Request& req, httplib::Response& res,
                       RequestTrace* trace) {
  OAuthParams p = ReadOAuthParams(req);
  std::shared_lock lock(s.world_mu);
  const OAuthClient* client = CheckAuthorizeRequest(s.world, p, res);
  if (client == nullptr) return;
  const std::string session = SessionCookie(req);
  const Identity* id = SessionIdentity(s.world, session, s.Now());
  if (id == nullptr) {
    res.set_content(LoginForm(s, req, res, ToHidden(p), ""), kHtml);
    return;
  }
  trace->identity = id->key;
  ConsentView v;
  v.app_name = client->name.empty() ? client->key : client->name;
  v.identity_name = FullName(*id);
  v.identity_email = id->email;
  for (const Account& a : s.world.accounts) {
    for (const Person& person : a.people) {
      if (person.identity == id->key) {
        v.accounts.push_back(a.name + " (" + ProductLabel(a.product) + ")");
        break;
      }
    }
  }
  v.hidden = ToHidden(p);
  v.hidden.emplace_back("authenticity_token", s.CsrfFor(session));
  v.signout_return_to = AuthorizeUrl(p);
  v.csrf = s.CsrfFor(session);
  res.set_content(ConsentPage(v), kHtml);
}

void ServeAuthorizePost(SimState& s, const httplib::Request& req, httplib::Response& res,
                        RequestTrace* trace) {
  OAuthParams p = ReadOAuthParams(req);
  std::unique_lock lock(s.world_mu);
  const OAuthClient* client = CheckAuthorizeRequest(s.world, p, res);
  if (client == nullptr) return;
  const std::string session = SessionCookie(req);
  const Identity* id = SessionIdentity(s.world, session, s.Now());
  if (id == nullptr) {  // signed out meanwhile: back to the login form
    res.set_redirect(AuthorizeUrl(p), 302);
    return;
  }
  trace->identity = id->key;
  if (!SameSecret(req.get_param_value("authenticity_token"), s.CsrfFor(session))) {
    return Forbidden(res);
  }
  const std::string commit = req.get_param_value("commit");
  std::string location = p.redirect_uri;
  location += location.find('?') == std::string::npos ? '?' : '&';
  if (commit == "Allow") {
    AuthorizationCode code;
    code.code = NewVerificationCode();
    code.client_id = client->client_id;
    code.redirect_uri = p.redirect_uri;
    code.identity = id->key;
    code.expires_at = s.Now() + s.world.limits.code_ttl_ms;
    location += "code=" + UrlEncode(code.code);
    const std::string key = code.code;
    s.world.codes[key] = std::move(code);
    TrackCode(s.world, key, s.Now());
  } else if (commit == "Deny") {
    location += "error=access_denied";
  } else {
    res.status = 400;
    res.set_content(ErrorPage("Error", "Choose Allow or Deny."), kHtml);
    return;
  }
  if (p.has_state) location += "&state=" + UrlEncode(p.state);
  res.set_redirect(location, 302);
}

}  // namespace bcsim
