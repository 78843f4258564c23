// The Basecamp API client for one user's session: Bearer auth with one refresh on 401,
// User-Agent on every request, retries and the shared throttle (basecamp/retry.h), ETag reuse
// (If-None-Match; a 304 is answered from the cache), X-Request-Id capture and request counting,
// and Link rel="next" pagination (basecamp/link_header.h; a relative link is resolved against
// the page's URL) restricted to the configured Basecamp origin, scheme included. Every request
// (not only pagination) must target that origin: any other URL fails with
// BC_BAD_PAGINATION_LINK before a request (and the token) leaves.
//
// Ownership: every pointer is borrowed and must outlive the client. Not thread safe: one
// client per sync run (the Throttle it borrows is the shared, thread-safe part).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "basecamp/link_header.h"
#include "basecamp/retry.h"
#include "basecamp/transport.h"
#include "bcsync/clock.h"
#include "store/types.h"

namespace bcsync::basecamp {

struct ApiDeps {
  HttpTransport* transport = nullptr;
  Throttle* throttle = nullptr;
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  std::string user_agent;
  std::string basecamp_url;  // the only origin requests (and pagination links) may go to
  RetryPolicy retry;
};

// Supplies the access token; RefreshNow() is called once after a 401.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  virtual StatusOr<std::string> Token() = 0;
  virtual StatusOr<std::string> RefreshNow() = 0;
};

// The ETag cache for this user (the store implements it; tests use a map).
class ResponseCache {
 public:
  virtual ~ResponseCache() = default;
  virtual std::optional<store::CachedResponse> Get(const std::string& url) = 0;
  virtual void Put(const std::string& url, const store::CachedResponse& response) = 0;
};

class ApiClient {
 public:
  ApiClient(ApiDeps deps, TokenSource* tokens, ResponseCache* cache);

  // GET with auth, retry, one refresh on 401 and ETag reuse. A 304 comes back as a 200 with
  // the cached body and Link. Fails only when no response arrived or the refresh failed.
  StatusOr<HttpResponse> Get(const std::string& url);
  // Get() + ApiStatus mapping + JSON parsing.
  StatusOr<nlohmann::json> GetJson(const std::string& url);
  // Every page of a collection (arrays concatenated), following Link rel="next" (resolved
  // against the page's URL) while it stays on the Basecamp origin; another origin or an
  // https->http downgrade fails with BC_BAD_PAGINATION_LINK. Stops on an empty page.
  StatusOr<std::vector<nlohmann::json>> GetAllPages(const std::string& url);

  int request_count() const { return requests_; }
  int not_modified_count() const { return not_modified_; }
  const std::vector<std::string>& request_ids() const { return request_ids_; }

 private:
  StatusOr<HttpResponse> SendOnce(const std::string& url, const std::string& token,
                                  const std::optional<store::CachedResponse>& cached);

  ApiDeps deps_;
  TokenSource* tokens_;
  ResponseCache* cache_;
  int requests_ = 0;
  int not_modified_ = 0;
  std::vector<std::string> request_ids_;
};

}  // namespace bcsync::basecamp
