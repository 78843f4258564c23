// The request log of one sync run: an HttpTransport that forwards to the real one and notes
// every attempt (retries included), for the support bundle (support/support_bundle.h).
//
// Each entry: {method, path (no query), query (secret-named parameters [REDACTED]),
// path_template, status (0 = no response), retry_after, reason (the Reason header), error
// (a non-2xx answer's "error" field or first 120 bytes, secrets redacted), link, request_id,
// at_ms (since the run started), duration_ms}. Only the newest kMaxEntries are kept (a crawl
// of a large account sends thousands); `dropped()` counts the others. Thread safe.
#pragma once

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "basecamp/transport.h"
#include "bcsync/clock.h"

namespace bcsync::sync {

class RequestLog : public basecamp::HttpTransport {
 public:
  static constexpr std::size_t kMaxEntries = 200;
  RequestLog(basecamp::HttpTransport* inner, const Clock* clock);

  StatusOr<basecamp::HttpResponse> Send(const basecamp::HttpRequest& request) override;
  // {"requests": [...], "dropped": N} as JSON text.
  std::string ToJson() const;

 private:
  basecamp::HttpTransport* inner_;
  const Clock* clock_;
  Millis started_at_;
  mutable std::mutex mu_;
  std::deque<nlohmann::json> entries_;
  long long dropped_ = 0;
};

// "/5000001/buckets/2100001/todos/7.json" -> "/{account}/buckets/{bucket}/todos/{id}.json":
// the first numeric segment is the account, the one after "buckets" the bucket, any other
// numeric segment (with or without ".json") an id.
std::string PathTemplate(const std::string& path);

}  // namespace bcsync::sync
