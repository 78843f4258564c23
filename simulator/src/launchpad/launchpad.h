// Launchpad, the fake of launchpad.37signals.com on the simulator's origin:
//   GET /                      home: who is signed in
//   GET|POST /signin           login form / check; POST /signout
//   GET /authorization/new     login form (no session) or consent page (session)
//   POST /authorization/new    the consent form's Allow / Deny
// Every form (sign in, sign out, consent) carries an authenticity_token (CSRF); every response
// has X-Frame-Options: DENY and Content-Security-Policy: frame-ancestors 'none'.
//   POST /authorization/token  code exchange and refresh (query or form parameters)
//   GET /authorization.json    the token's identity and accounts
// Anything else: 404 {"status":404,"error":"Not Found"}.
// Error bodies and statuses follow shared/basecamp/api-facts.md §1 and docs/contracts.md.
//
// Thread safety: each handler takes the state's world lock as it needs (shared to read,
// exclusive to change OAuth state).
#pragma once

#include <httplib.h>

#include "server/state.h"

namespace bcsim {

void ServeLaunchpad(SimState& s, const httplib::Request& req, httplib::Response& res,
                    RequestTrace* trace);

// Route handlers (launchpad_authorize.cpp, launchpad_token.cpp).
void ServeHome(SimState& s, const httplib::Request& req, httplib::Response& res, RequestTrace* trace);
void ServeSignin(SimState& s, const httplib::Request& req, httplib::Response& res, RequestTrace* trace);
void ServeSignout(SimState& s, const httplib::Request& req, httplib::Response& res);
void ServeAuthorizeGet(SimState& s, const httplib::Request& req, httplib::Response& res,
                       RequestTrace* trace);
void ServeAuthorizePost(SimState& s, const httplib::Request& req, httplib::Response& res,
                        RequestTrace* trace);
void ServeToken(SimState& s, const httplib::Request& req, httplib::Response& res, RequestTrace* trace);
void ServeAuthorizationJson(SimState& s, const httplib::Request& req, httplib::Response& res,
                            RequestTrace* trace);

// The Launchpad session cookie's value in the request, "" when none.
std::string SessionCookie(const httplib::Request& req);
inline constexpr const char* kSessionCookie = "launchpad_session";
// The value of cookie `name` in the request, "" when none.
std::string CookieValue(const httplib::Request& req, const char* name);
// The sign-in form's CSRF cookie: a random nonce the form's authenticity_token is bound to
// (there is no session yet to bind it to).
inline constexpr const char* kSigninCookie = "launchpad_signin";

// Whether `to` may be where sign-out sends the browser: a local path, starting with one "/",
// no "//" or "/\" (scheme-relative), no backslash, no control characters raw or
// percent-encoded (%00-%1F, %7F), no encoded "/" or "\" in the path part, no fragment.
bool IsSafeReturnTo(const std::string& to);

}  // namespace bcsim
