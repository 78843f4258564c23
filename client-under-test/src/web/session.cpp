#include "web/session.h"

#include <cctype>

#include "util/crypto.h"

namespace bcsync::web {

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(pos, end - pos);
    size_t start = pair.find_first_not_of(' ');
    if (start != std::string::npos) pair = pair.substr(start);
    size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

std::optional<LoggedIn> CurrentUser(AppCore& core, const httplib::Request& req) {
  const std::string token = CookieValue(req, kSessionCookie);
  if (token.empty()) return std::nullopt;
  StatusOr<store::Session> session = core.store.GetSession(util::Sha256Hex(token));
  if (!session.ok()) return std::nullopt;
  if (core.clock->NowMs() - session->created_at >= kSessionTtl) {
    (void)core.store.DeleteSession(session->token_hash);
    return std::nullopt;
  }
  StatusOr<store::User> user = core.store.GetUser(session->user_id);
  if (!user.ok()) return std::nullopt;
  return LoggedIn{*user, *session};
}

Status StartSession(AppCore& core, const store::User& user, httplib::Response& res) {
  const std::string token = util::RandomToken(32);
  store::Session session{util::Sha256Hex(token), user.id, util::RandomToken(16), core.clock->NowMs()};
  Status status = core.store.PutSession(session);
  if (!status.ok()) return status;
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax");
  return OkStatus();
}

void EndSession(AppCore& core, const httplib::Request& req, httplib::Response& res) {
  const std::string token = CookieValue(req, kSessionCookie);
  if (!token.empty()) (void)core.store.DeleteSession(util::Sha256Hex(token));
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
}

bool CsrfOk(const LoggedIn& who, const httplib::Request& req) {
  return req.has_param("csrf") && util::SafeEquals(req.get_param_value("csrf"), who.session.csrf);
}

bool ApiWriteOk(const LoggedIn& who, const httplib::Request& req, const std::vector<std::string>& origins) {
  if (req.has_header(kCsrfHeader) && util::SafeEquals(req.get_header_value(kCsrfHeader), who.session.csrf)) {
    return true;
  }
  if (CsrfOk(who, req)) return true;
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type != "application/json") return false;
  if (!req.has_header("Origin")) return true;  // not a browser, or a same-origin GET-style client
  const std::string origin = req.get_header_value("Origin");
  for (const std::string& allowed : origins) {
    if (!allowed.empty() && origin == allowed) return true;
  }
  return false;
}

}  // namespace bcsync::web
