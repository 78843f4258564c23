// The one HTTP seam between bcsync and Basecamp/Launchpad. Send() fails only when no response
// arrived (connection refused, timeout, malformed HTTP); every status code, 4xx and 5xx
// included, is a successful HttpResponse value. Status mapping lives in basecamp/response_map.h.
//
// Implementations must be thread safe: one transport serves every user of the process.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bcsync/status.h"

namespace bcsync::basecamp {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute: scheme://host[:port]/path?query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;  // set on writes
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  // The header's value ("" when absent); name is case-insensitive.
  std::string Header(const std::string& name) const;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

// Splits "http://host:port/path?q" into origin ("http://host:port") and target ("/path?q").
bool SplitUrl(const std::string& url, std::string* origin, std::string* target);
// "scheme://host:port" of an absolute URL, "" when it is not absolute.
std::string OriginOf(const std::string& url);
// application/x-www-form-urlencoded / query-string encoding of one value.
std::string UrlEncode(const std::string& value);

}  // namespace bcsync::basecamp
