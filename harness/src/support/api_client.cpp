// ApiClient (api_client.h).
#include "support/api_client.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>

namespace bcsim::support {
namespace {

// The target of Link's rel="next", or "".
std::string NextLink(const std::string& link) {
  std::size_t pos = 0;
  while (pos < link.size()) {
    const std::size_t open = link.find('<', pos);
    if (open == std::string::npos) break;
    const std::size_t close = link.find('>', open);
    if (close == std::string::npos) break;
    const std::size_t end = std::min(link.find(',', close), link.size());
    const std::string params = link.substr(close + 1, end - close - 1);
    if (params.find("rel=\"next\"") != std::string::npos ||
        params.find("rel=next") != std::string::npos) {
      return link.substr(open + 1, close - open - 1);
    }
    pos = end + 1;
  }
  return "";
}

int RetryAfterSeconds(const std::string& value, int cap) {
  int s = 1;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), s);
  if (ec != std::errc() || end != value.data() + value.size() || s < 0) s = 1;
  return std::min(s, cap);
}

}  // namespace

ApiClient::ApiClient(ApiClientOptions options)
    : options_(std::move(options)), http_(std::make_unique<httplib::Client>(options_.origin)) {
  http_->set_keep_alive(true);
  http_->set_connection_timeout(10, 0);
  http_->set_read_timeout(30, 0);
}

ApiClient::~ApiClient() = default;

std::string ApiClient::PathOf(const std::string& url) const {
  if (!url.empty() && url.front() == '/') return url;
  if (url.rfind(options_.origin + "/", 0) == 0) return url.substr(options_.origin.size());
  return "";
}

StatusOr<ApiPage> ApiClient::Get(const std::string& url) {
  const std::string path = PathOf(url);
  if (path.empty()) return InvalidArgumentError("not on " + options_.origin + ": " + url);
  for (int attempt = 0;; ++attempt) {
    httplib::Headers headers = {{"Authorization", "Bearer " + options_.token},
                                {"User-Agent", options_.user_agent},
                                {"Accept", "application/json"}};
    auto cached = etags_.find(path);
    if (cached != etags_.end()) headers.emplace("If-None-Match", cached->second.etag);
    ++requests_;
    std::string body;
    bool too_big = false;
    httplib::Result res = http_->Get(
        path.c_str(), headers, [](const httplib::Response&) { return true; },
        [&](const char* data, std::size_t n) {
          if (body.size() + n > options_.max_body_bytes) {
            too_big = true;
            return false;  // stop reading: the connection is dropped
          }
          body.append(data, n);
          return true;
        });
    if (too_big) {
      return FailedPreconditionError("GET " + path + ": the answer is larger than " +
                                     std::to_string(options_.max_body_bytes) + " bytes");
    }
    if (!res) {
      return UnavailableError("GET " + path + ": " + httplib::to_string(res.error()));
    }
    res->body = std::move(body);
    if ((res->status == 429 || res->status == 503) && attempt < options_.max_retries) {
      ++retries_;
      const int wait = RetryAfterSeconds(res->get_header_value("Retry-After"),
                                         options_.max_retry_after_s);
      if (options_.sleep) options_.sleep(wait);
      continue;
    }
    ApiPage page;
    page.status = res->status;
    if (res->status == 304 && cached != etags_.end()) {
      ++not_modified_;
      page.status = 200;
      page.not_modified = true;
      page.raw = cached->second.raw;
    } else {
      page.raw = res->body;
      const std::string etag = res->get_header_value("ETag");
      if (res->status == 200 && !etag.empty()) etags_[path] = {etag, res->body};
    }
    page.next = PathOf(NextLink(res->get_header_value("Link")));
    page.body = nlohmann::json::parse(page.raw, nullptr, /*allow_exceptions=*/false);
    if (page.body.is_discarded()) page.body = nullptr;
    return page;
  }
}

StatusOr<nlohmann::json> ApiClient::GetAll(const std::string& url) {
  nlohmann::json all = nlohmann::json::array();
  std::string next = url;
  for (std::size_t pages = 0; !next.empty(); ++pages) {
    if (pages == options_.max_pages) {
      return FailedPreconditionError("GET " + url + ": more than " +
                                    std::to_string(options_.max_pages) + " pages");
    }
    StatusOr<ApiPage> page = Get(next);
    if (!page.ok()) return page.status();
    if (page->status / 100 != 2) {
      return UnavailableError("GET " + next + " answered " + std::to_string(page->status));
    }
    if (!page->body.is_array()) return InvalidArgumentError("GET " + next + ": not a JSON list");
    for (auto& item : page->body) all.push_back(std::move(item));
    next = page->next;
  }
  return all;
}

}  // namespace bcsim::support
