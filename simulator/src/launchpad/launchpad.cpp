#include "launchpad/launchpad.h"

namespace bcsim {

std::string SessionCookie(const httplib::Request& req) { return CookieValue(req, kSessionCookie); }

std::string CookieValue(const httplib::Request& req, const char* name) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string want = std::string(name) + "=";
  std::size_t pos = 0;
  while (pos < cookies.size()) {
    while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
    std::size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    if (cookies.compare(pos, want.size(), want) == 0) {
      return cookies.substr(pos + want.size(), end - pos - want.size());
    }
    pos = end;
  }
  return "";
}

void ServeLaunchpad(SimState& s, const httplib::Request& req, httplib::Response& res,
                    RequestTrace* trace) {
  const std::string& p = req.path;
  const std::string& m = req.method;
  const bool get = m == "GET" || m == "HEAD";
  // No Launchpad page may be framed (clickjacking the consent page: RFC 6749 §10.13).
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
  if (p == "/" && get) return ServeHome(s, req, res, trace);
  if (p == "/signin" && (get || m == "POST")) return ServeSignin(s, req, res, trace);
  if (p == "/signout" && m == "POST") return ServeSignout(s, req, res);
  if (p == "/authorization/new" && get) return ServeAuthorizeGet(s, req, res, trace);
  if (p == "/authorization/new" && m == "POST") return ServeAuthorizePost(s, req, res, trace);
  if (p == "/authorization/token" && m == "POST") return ServeToken(s, req, res, trace);
  if (p == "/authorization.json" && get) return ServeAuthorizationJson(s, req, res, trace);
  res.status = 404;
  res.set_content(R"({"status":404,"error":"Not Found"})", "application/json; charset=utf-8");
}

}  // namespace bcsim
