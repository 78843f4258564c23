// A scripted web browser: a cookie jar per origin, redirects followed (GET after 301/302/303),
// links found by their text, forms found by their button text and submitted with their hidden
// fields, HTML parsed with gumbo. Every exchange is recorded (redacted) for the reports.
//
// Not thread safe: one browser is driven by one scenario thread. It keeps one keep-alive
// httplib client per origin; it must not outlive the servers only in the sense that requests
// to a stopped server fail as values (status 0 / Unavailable).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bcsim/status.h"
#include "harness/html_page.h"
#include "harness/result.h"

namespace httplib {
class Client;
}

namespace bcsim::harness {

struct Page {
  std::string url;  // the final URL after redirects
  int status = 0;
  std::string content_type;
  std::string body;
  HtmlPage html;
};

// Cookies of one browser, by origin ("http://127.0.0.1:PORT"); path and expiry ignored except
// deletion (Max-Age=0 or an empty value).
class CookieJar {
 public:
  void Store(const std::string& origin, const std::string& set_cookie_header);
  std::string Header(const std::string& origin) const;  // "a=1; b=2" or ""
  void Clear(const std::string& origin);
  bool Has(const std::string& origin, const std::string& name) const;

 private:
  std::map<std::string, std::map<std::string, std::string>> jars_;
};

struct Url {
  std::string origin;  // scheme://host:port
  std::string target;  // path?query
};
Url SplitUrl(const std::string& url);
std::string ResolveUrl(const std::string& base, const std::string& href);
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

class Browser {
 public:
  // `name` labels its exchanges; `now` stamps them (virtual time); `log` receives them.
  Browser(std::string name, std::function<Millis()> now, std::function<void(Exchange)> log);
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  StatusOr<Page> Get(const std::string& url);
  StatusOr<Page> Post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields);

  // Follows the first link whose visible text equals `text` (NotFound naming the links there).
  StatusOr<Page> Click(const Page& page, const std::string& text);
  // Submits the form holding a button with this text; `values` set fields by name (for a
  // select or radio, a value or an option's label). When several forms have the button, the one
  // whose context text contains `context` wins. NotFound names the buttons there.
  StatusOr<Page> Submit(const Page& page, const std::string& button,
                        const std::map<std::string, std::string>& values = {}, const std::string& context = "");
  static bool HasButton(const Page& page, const std::string& button);
  static bool HasLink(const Page& page, const std::string& text);

  // Closes the keep-alive connections (e.g. after the server behind one restarted).
  void DropConnections();

  CookieJar& cookies() { return cookies_; }
  const std::string& name() const { return name_; }

 private:
  StatusOr<Page> Send(std::string method, std::string url, std::string body);
  httplib::Client& ClientFor(const std::string& origin);

  std::string name_;
  std::function<Millis()> now_;
  std::function<void(Exchange)> log_;
  CookieJar cookies_;
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

}  // namespace bcsim::harness
