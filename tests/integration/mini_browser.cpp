#include "mini_browser.h"

#include <httplib.h>

#include <cstring>
#include <regex>

namespace bcsync::integration {
namespace {

void SplitUrl(const std::string& url, std::string* origin, std::string* target) {
  size_t start = url.find("://");
  size_t slash = url.find('/', start == std::string::npos ? 0 : start + 3);
  *origin = slash == std::string::npos ? url : url.substr(0, slash);
  *target = slash == std::string::npos ? "/" : url.substr(slash);
}

std::string Encode(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
                                                          {"&lt;", "<"},   {"&gt;", ">"}};
  for (const auto& [from, to] : entities) {
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
      s.replace(pos, std::strlen(from), to);
      pos += std::strlen(to);
    }
  }
  return s;
}

// The <form>...</form> containing a button with this text, or "".
std::string FormWithButton(const std::string& html, const std::string& button) {
  size_t pos = 0;
  while ((pos = html.find("<form", pos)) != std::string::npos) {
    size_t end = html.find("</form>", pos);
    if (end == std::string::npos) break;
    std::string form = html.substr(pos, end - pos);
    if (form.find(">" + button + "</button>") != std::string::npos) return form;
    pos = end;
  }
  return "";
}

}  // namespace

bool HasButton(const WebPage& page, const std::string& button) {
  return !FormWithButton(page.body, button).empty();
}

std::string MiniBrowser::CookieHeader(const std::string& origin) {
  std::string cookie;
  for (const auto& [name, value] : cookies_[origin]) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
  return cookie;
}

WebPage MiniBrowser::Request(const std::string& method, const std::string& url, const std::string& body) {
  std::string origin, target;
  SplitUrl(url, &origin, &target);
  httplib::Client client(origin);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(30, 0);
  httplib::Headers headers{{"User-Agent", "mini-browser (test)"}};
  const std::string cookie = CookieHeader(origin);
  if (!cookie.empty()) headers.emplace("Cookie", cookie);
  auto result = method == "GET" ? client.Get(target, headers)
                                : client.Post(target, headers, body, "application/x-www-form-urlencoded");
  WebPage page;
  page.url = url;
  if (!result) return page;
  page.status = result->status;
  page.body = result->body;
  for (const auto& [name, value] : result->headers) {
    if (name != "Set-Cookie") continue;
    std::string pair = value.substr(0, value.find(';'));
    size_t eq = pair.find('=');
    if (eq == std::string::npos) continue;
    std::string cookie_value = pair.substr(eq + 1);
    if (value.find("Max-Age=0") != std::string::npos || cookie_value.empty()) {
      cookies_[origin].erase(pair.substr(0, eq));
    } else {
      cookies_[origin][pair.substr(0, eq)] = cookie_value;
    }
  }
  if (result->status >= 300 && result->status < 400 && result->has_header("Location")) {
    std::string location = result->get_header_value("Location");
    if (location.rfind("http", 0) != 0) location = origin + location;
    page.url = location;
    page.status = result->status;
    page.body = "";
    page.body = "REDIRECT " + location;
  }
  return page;
}

WebPage MiniBrowser::Get(const std::string& url) {
  WebPage page = Request("GET", url, "");
  for (int i = 0; i < 10 && page.status >= 300 && page.status < 400; ++i) page = Request("GET", page.url, "");
  return page;
}

WebPage MiniBrowser::Submit(const WebPage& page, const std::string& button,
                            const std::map<std::string, std::string>& fields) {
  const std::string form = FormWithButton(page.body, button);
  if (form.empty()) return WebPage{page.url, 0, "no button " + button};
  std::smatch m;
  std::string action;
  if (std::regex_search(form, m, std::regex("action=\"([^\"]*)\""))) action = Unescape(m[1]);
  std::map<std::string, std::string> values;
  std::regex hidden("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(form.begin(), form.end(), hidden); it != std::sregex_iterator(); ++it) {
    values[Unescape((*it)[1])] = Unescape((*it)[2]);
  }
  std::regex named_button("<button type=\"submit\" name=\"([^\"]*)\" value=\"([^\"]*)\">" + button + "</button>");
  if (std::regex_search(form, m, named_button)) values[m[1]] = m[2];
  for (const auto& [k, v] : fields) values[k] = v;
  std::string body;
  for (const auto& [k, v] : values) body += (body.empty() ? "" : "&") + Encode(k) + "=" + Encode(v);
  std::string origin, target;
  SplitUrl(page.url, &origin, &target);
  const std::string url = action.rfind("http", 0) == 0 ? action : origin + action;
  WebPage next = Request("POST", url, body);
  for (int i = 0; i < 10 && next.status >= 300 && next.status < 400; ++i) next = Request("GET", next.url, "");
  return next;
}

}  // namespace bcsync::integration
