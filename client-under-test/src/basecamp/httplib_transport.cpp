#include "basecamp/httplib_transport.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace bcsync::basecamp {

StatusOr<HttpResponse> HttplibTransport::Send(const HttpRequest& request) {
  std::string origin, target;
  if (!SplitUrl(request.url, &origin, &target)) {
    return InvalidArgumentError("not an absolute URL: " + request.url);
  }
  httplib::Client client(origin);
  client.set_tcp_nodelay(true);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(30, 0);
  client.set_follow_location(false);
  httplib::Headers headers;
  for (const auto& [name, value] : request.headers) headers.emplace(name, value);

  const std::string content_type = request.content_type.empty() ? "text/plain" : request.content_type;
  if (request.method != "GET" && request.method != "POST" && request.method != "PUT" && request.method != "DELETE") {
    return InvalidArgumentError("unsupported method " + request.method);
  }
  httplib::Result result = [&] {
    if (request.method == "GET") return client.Get(target, headers);
    if (request.method == "POST") return client.Post(target, headers, request.body, content_type);
    if (request.method == "PUT") return client.Put(target, headers, request.body, content_type);
    return client.Delete(target, headers);
  }();
  if (!result) {
    return UnavailableError(request.method + " " + origin + " failed: " + httplib::to_string(result.error()));
  }
  HttpResponse response;
  response.status = result->status;
  response.body = result->body;
  for (const auto& [name, value] : result->headers) {
    std::string key = name;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    response.headers[key] = value;
  }
  return response;
}

}  // namespace bcsync::basecamp
