// Test support: a very small browser for the integration tests: one cookie jar per origin,
// redirects followed by hand (at most 10), and forms found by the text of their button. Only
// for the pages bcsync and the simulator render (regex-level HTML reading, not a parser).
// Not thread safe.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace bcsync::integration {

struct WebPage {
  std::string url;
  int status = 0;
  std::string body;
};

class MiniBrowser {
 public:
  WebPage Get(const std::string& url);
  // Submits the form holding a button with this text, with `fields` added/overriding.
  WebPage Submit(const WebPage& page, const std::string& button,
                 const std::map<std::string, std::string>& fields = {});
  // The Cookie header this browser sends to `origin` ("http://HOST:PORT"); "" when none.
  std::string CookieHeader(const std::string& origin);

 private:
  WebPage Request(const std::string& method, const std::string& url, const std::string& body);
  std::map<std::string, std::map<std::string, std::string>> cookies_;  // origin -> name -> value
};

bool HasButton(const WebPage& page, const std::string& button);

}  // namespace bcsync::integration
