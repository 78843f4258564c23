// Browser sessions: the HttpOnly SameSite=Lax cookie, the user behind it and CSRF checks.
// The cookie holds a random token; the store keeps only its SHA-256. A session expires
// kSessionTtl after it started (on the app clock) and is deleted when next seen.
// Callers hold AppCore::mu (the store lock).
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "app_core.h"

namespace bcsync::web {

inline constexpr const char* kSessionCookie = "bcsync_session";
inline constexpr const char* kLoginCookie = "bcsync_login";  // CSRF for the login form
inline constexpr Millis kSessionTtl = 12LL * 60 * 60 * 1000;  // 12 hours
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";  // for JSON clients

struct LoggedIn {
  store::User user;
  store::Session session;
};

std::string CookieValue(const httplib::Request& req, const std::string& name);
std::optional<LoggedIn> CurrentUser(AppCore& core, const httplib::Request& req);
// Creates a session and sets the cookie on res.
Status StartSession(AppCore& core, const store::User& user, httplib::Response& res);
void EndSession(AppCore& core, const httplib::Request& req, httplib::Response& res);
// True when the form's csrf field matches the session's token.
bool CsrfOk(const LoggedIn& who, const httplib::Request& req);
// For state-changing JSON API calls (POST /api/*): true when the X-CSRF-Token header (or a
// csrf form field) matches the session's token, or when the body is declared JSON
// (Content-Type application/json, which a cross-site form cannot send without a CORS
// preflight we never grant) AND the Origin header, when present, is one of `origins`.
bool ApiWriteOk(const LoggedIn& who, const httplib::Request& req, const std::vector<std::string>& origins);

}  // namespace bcsync::web
