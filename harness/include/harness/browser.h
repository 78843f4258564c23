// The browsers a scenario drives. The built-in one (HttpBrowser): a cookie jar per origin,
// redirects followed (GET after 301/302/303), links found by their text, forms found by their
// button text and submitted with their hidden fields, HTML parsed with gumbo. Every exchange is
// recorded (redacted, with headers and a capped body) for the reports.
//
// Not thread safe: one browser is driven by one scenario thread. It keeps one keep-alive
// httplib client per origin; it must not outlive the servers only in the sense that requests
// to a stopped server fail as values (status 0 / Unavailable).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
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

// What a form submission resolved to on a parsed page: which form, which button, and the fields
// it sends (hidden ones and the values asked for; a select's option label turned into its value).
struct FormChoice {
  std::size_t form = 0;
  std::size_t button = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // as the form would send them
  std::map<std::string, std::string> set;                   // the values asked for, resolved
};
// The form holding a button with this text (the one whose context text contains `context` when
// several); NotFound naming the buttons there, or the options of a select.
StatusOr<FormChoice> ChooseForm(const Page& page, const std::string& button,
                                const std::map<std::string, std::string>& values,
                                const std::string& context);

// The seam a step drives: the built-in HttpBrowser (fast, the default) or ChromiumBrowser
// (chromium_browser.h, `bcsim run --browser chromium`). Both find links by their visible text
// and forms by their button text (docs/contracts.md), so a step cannot tell them apart.
class Browser {
 public:
  virtual ~Browser() = default;
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  virtual StatusOr<Page> Get(const std::string& url) = 0;
  virtual StatusOr<Page> Post(const std::string& url,
                              const std::vector<std::pair<std::string, std::string>>& fields) = 0;
  // Follows the first link whose visible text equals `text` (NotFound naming the links there).
  virtual StatusOr<Page> Click(const Page& page, const std::string& text) = 0;
  // Submits the form holding a button with this text; `values` set fields by name (for a
  // select or radio, a value or an option's label). When several forms have the button, the one
  // whose context text contains `context` wins. NotFound names the buttons there.
  virtual StatusOr<Page> Submit(const Page& page, const std::string& button,
                                const std::map<std::string, std::string>& values = {},
                                const std::string& context = "") = 0;
  // Closes the keep-alive connections (e.g. after the server behind one restarted).
  virtual void DropConnections() {}
  // A PNG of what the browser shows now, base64; "" when it draws nothing (the built-in one).
  virtual std::string ScreenshotPng() { return ""; }

  static bool HasButton(const Page& page, const std::string& button);
  static bool HasLink(const Page& page, const std::string& text);

  const std::string& name() const { return name_; }
  // The last page shown, and whether it was shown since the last call (report snapshots).
  const Page* last_page() const { return has_last_ ? &last_ : nullptr; }
  bool TakeShown() { return std::exchange(shown_, false); }

 protected:
  explicit Browser(std::string name) : name_(std::move(name)) {}
  void Shown(const Page& page) {
    last_ = page;
    has_last_ = shown_ = true;
  }

 private:
  std::string name_;
  Page last_;
  bool has_last_ = false;
  bool shown_ = false;
};

// The built-in browser: httplib and gumbo, one keep-alive client per origin, its own cookies.
class HttpBrowser final : public Browser {
 public:
  // `name` labels its exchanges; `now` stamps them (virtual time); `log` receives them.
  HttpBrowser(std::string name, std::function<Millis()> now, std::function<void(Exchange)> log);
  ~HttpBrowser() override;

  StatusOr<Page> Get(const std::string& url) override;
  StatusOr<Page> Post(const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>& fields) override;
  StatusOr<Page> Click(const Page& page, const std::string& text) override;
  StatusOr<Page> Submit(const Page& page, const std::string& button,
                        const std::map<std::string, std::string>& values = {},
                        const std::string& context = "") override;
  void DropConnections() override;

  CookieJar& cookies() { return cookies_; }

 private:
  StatusOr<Page> Send(std::string method, std::string url, std::string body);
  httplib::Client& ClientFor(const std::string& origin);

  std::function<Millis()> now_;
  std::function<void(Exchange)> log_;
  CookieJar cookies_;
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

}  // namespace bcsim::harness
