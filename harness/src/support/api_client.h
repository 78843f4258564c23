// A polite client of a Basecamp account's API for `bcsim record` and the API walker: a bearer
// token, a User-Agent with a contact, Link pagination, If-None-Match with the ETag of a page it
// read before, and 429/503 Retry-After honoured (bounded). Not thread safe: one per walk.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/status.h"

namespace httplib {
class Client;
}

namespace bcsim::support {

struct ApiClientOptions {
  std::string origin;  // "http://127.0.0.1:8123"
  std::string token;   // the bearer token (never printed)
  std::string user_agent = "bcsim-record (https://github.com/bcsim/bcsim; bcsim@example.com)";
  int max_retries = 5;          // per request, for 429 and 503
  int max_retry_after_s = 60;   // a longer Retry-After is cut to this
  std::size_t max_pages = 10'000;  // per collection
  std::size_t max_body_bytes = 64u << 20;  // a larger answer is an error, not read whole
  // Waits before a retry (seconds); the CLI sleeps, tests advance a virtual clock.
  std::function<void(int)> sleep;
};

struct ApiPage {
  int status = 0;
  nlohmann::json body;      // parsed JSON (null when not JSON)
  std::string raw;          // the body as sent
  std::string next;         // path+query of Link rel="next", "" when none
  bool not_modified = false;  // answered 304: body/raw are the cached copy
};

class ApiClient {
 public:
  explicit ApiClient(ApiClientOptions options);
  ~ApiClient();

  // GET `path` (path + query, or a URL on the origin). Retries 429/503 after Retry-After
  // (default 1 s), at most max_retries times. A transport error is kUnavailable.
  StatusOr<ApiPage> Get(const std::string& path);
  // Every page of a collection, following Link rel="next"; the arrays concatenated. A non-2xx
  // page is an error naming its status.
  StatusOr<nlohmann::json> GetAll(const std::string& path);

  // Path + query of `url` when it is on the origin, else "".
  std::string PathOf(const std::string& url) const;
  std::size_t requests() const { return requests_; }
  std::size_t not_modified() const { return not_modified_; }
  std::size_t retries() const { return retries_; }
  const std::string& origin() const { return options_.origin; }

 private:
  ApiClientOptions options_;
  std::unique_ptr<httplib::Client> http_;
  struct Cached {
    std::string etag;
    std::string raw;
  };
  std::map<std::string, Cached> etags_;  // path -> last 200 with an ETag
  std::size_t requests_ = 0, not_modified_ = 0, retries_ = 0;
};

}  // namespace bcsim::support
