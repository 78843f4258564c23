// Browser sessions: the HttpOnly SameSite=Lax cookie, the user behind it and CSRF checks.
// The cookie holds a random token; the store keeps only its SHA-256. Callers hold AppCore::mu.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "app_core.h"

namespace bcsync::web {

inline constexpr const char* kSessionCookie = "bcsync_session";
inline constexpr const char* kLoginCookie = "bcsync_login";  // CSRF for the login form

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

}  // namespace bcsync::web
