// HttpTransport over cpp-httplib: a fresh client per request (TCP_NODELAY, connect timeout
// 5 s, read timeout 30 s), no redirects followed. Thread safe (no shared mutable state).
#pragma once

#include "basecamp/transport.h"

namespace bcsync::basecamp {

class HttplibTransport : public HttpTransport {
 public:
  StatusOr<HttpResponse> Send(const HttpRequest& request) override;
};

}  // namespace bcsync::basecamp
