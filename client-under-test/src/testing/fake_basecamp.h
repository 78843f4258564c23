// Test support (unit tests only): a scripted, in-memory Basecamp behind the HttpTransport seam,
// in the spirit of envoy's FakeUpstream. Routes are "METHOD URL" -> a queue of responses (the
// last one repeats); unknown routes answer 404. Responses with an ETag answer 304 to a
// matching If-None-Match. Records every request. Thread safe (one mutex).
#pragma once

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "basecamp/transport.h"

namespace bcsync::testing {

using basecamp::HttpRequest;
using basecamp::HttpResponse;
using nlohmann::json;

inline HttpResponse JsonResponse(int status, const json& body, std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump();
  r.headers = std::move(headers);
  r.headers["content-type"] = "application/json";
  return r;
}

inline HttpResponse TextResponse(int status, const std::string& body, std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  r.headers = std::move(headers);
  return r;
}

class FakeBasecamp : public basecamp::HttpTransport {
 public:
  void On(const std::string& method, const std::string& url, HttpResponse response) {
    std::lock_guard<std::mutex> lock(mu_);
    routes_[method + " " + url] = {std::move(response)};
  }
  void OnSeq(const std::string& method, const std::string& url, std::vector<HttpResponse> responses) {
    std::lock_guard<std::mutex> lock(mu_);
    routes_[method + " " + url] = std::deque<HttpResponse>(responses.begin(), responses.end());
  }
  // Makes every request to this URL fail with no response.
  void Unreachable(const std::string& url) {
    std::lock_guard<std::mutex> lock(mu_);
    unreachable_[url] = true;
  }

  StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (unreachable_.count(request.url) != 0) return UnavailableError("connection refused");
    auto it = routes_.find(request.method + " " + request.url);
    if (it == routes_.end() || it->second.empty()) {
      return JsonResponse(404, json{{"status", 404}, {"error", "Not Found"}}, {{"x-request-id", "req-404"}});
    }
    HttpResponse response = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    const std::string etag = response.Header("ETag");
    if (!etag.empty() && response.status == 200) {
      for (const auto& [name, value] : request.headers) {
        if (name == "If-None-Match" && value == etag) {
          HttpResponse not_modified;
          not_modified.status = 304;
          not_modified.headers["etag"] = etag;
          return not_modified;
        }
      }
    }
    return response;
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int Count(const std::string& method, const std::string& url_prefix) const {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const auto& r : requests_) n += (r.method == method && r.url.rfind(url_prefix, 0) == 0) ? 1 : 0;
    return n;
  }
  int total() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(requests_.size());
  }
  void ClearRequests() {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.clear();
  }

  // Serves `items` at `url` in pages of `page_size` (page 2+ at url?page=N) with Link rel=next,
  // X-Total-Count and a stable ETag per page.
  void ServePaged(const std::string& url, const std::vector<json>& items, size_t page_size) {
    size_t pages = items.empty() ? 1 : (items.size() + page_size - 1) / page_size;
    for (size_t page = 0; page < pages; ++page) {
      json body = json::array();
      for (size_t i = page * page_size; i < std::min(items.size(), (page + 1) * page_size); ++i) body.push_back(items[i]);
      std::map<std::string, std::string> headers{{"x-total-count", std::to_string(items.size())},
                                                 {"etag", "W/\"" + std::to_string(std::hash<std::string>{}(body.dump())) + "\""},
                                                 {"x-request-id", "req-" + std::to_string(page + 1)}};
      if (page + 1 < pages) headers["link"] = "<" + url + "?page=" + std::to_string(page + 2) + ">; rel=\"next\"";
      On("GET", page == 0 ? url : url + "?page=" + std::to_string(page + 1), JsonResponse(200, body, headers));
    }
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<HttpResponse>> routes_;
  std::map<std::string, bool> unreachable_;
  std::vector<HttpRequest> requests_;
};

// StrictMock-able transport for exact request scripts.
class MockTransport : public basecamp::HttpTransport {
 public:
  MOCK_METHOD(StatusOr<HttpResponse>, Send, (const HttpRequest& request), (override));
};

}  // namespace bcsync::testing
