#include "basecamp/api_client.h"

#include <nlohmann/json.hpp>

#include <set>

#include "basecamp/response_map.h"
#include "errors/catalogue.h"

namespace bcsync::basecamp {

ApiClient::ApiClient(ApiDeps deps, TokenSource* tokens, ResponseCache* cache)
    : deps_(std::move(deps)), tokens_(tokens), cache_(cache) {}

StatusOr<HttpResponse> ApiClient::SendOnce(const std::string& url, const std::string& token,
                                           const std::optional<store::CachedResponse>& cached) {
  HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Authorization", "Bearer " + token},
                     {"User-Agent", deps_.user_agent},
                     {"Accept", "application/json"}};
  if (cached && !cached->etag.empty()) request.headers.emplace_back("If-None-Match", cached->etag);
  int attempts = 0;
  StatusOr<HttpResponse> response = SendWithRetry(*deps_.transport, request, *deps_.throttle, *deps_.clock,
                                                  *deps_.sleeper, deps_.retry, &attempts);
  requests_ += attempts;
  if (!response.ok()) return NoResponse(response.status());
  const std::string request_id = response->Header("X-Request-Id");
  if (!request_id.empty()) request_ids_.push_back(request_id);
  return response;
}

StatusOr<HttpResponse> ApiClient::Get(const std::string& url) {
  // URLs come from Basecamp's JSON (dock, lists, parents) and Link headers: the bearer token
  // goes only to the configured Basecamp origin, never wherever a body points.
  if (OriginOf(url) != OriginOf(deps_.basecamp_url)) {
    return Status(StatusCode::kFailedPrecondition, "refused to call another origin: " + OriginOf(url),
                  errors::kBadPaginationLink);
  }
  std::optional<store::CachedResponse> cached;
  if (cache_ != nullptr) cached = cache_->Get(url);
  StatusOr<std::string> token = tokens_->Token();
  if (!token.ok()) return token.status();
  StatusOr<HttpResponse> response = SendOnce(url, *token, cached);
  if (!response.ok()) return response;
  if (response->status == 401) {
    StatusOr<std::string> fresh = tokens_->RefreshNow();
    if (!fresh.ok()) return fresh.status();
    response = SendOnce(url, *fresh, cached);
    if (!response.ok()) return response;
  }
  if (response->status == 304 && cached) {
    ++not_modified_;
    HttpResponse reused = *response;
    reused.status = 200;
    reused.body = cached->body;
    reused.headers["link"] = cached->link;
    return reused;
  }
  if (response->status == 200 && cache_ != nullptr) {
    const std::string etag = response->Header("ETag");
    if (!etag.empty()) cache_->Put(url, store::CachedResponse{etag, response->body, response->Header("Link")});
  }
  return response;
}

StatusOr<nlohmann::json> ApiClient::GetJson(const std::string& url) {
  StatusOr<HttpResponse> response = Get(url);
  if (!response.ok()) return response.status();
  Status status = ApiStatus("GET " + url, *response);
  if (!status.ok()) return status;
  nlohmann::json body = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    return Status(StatusCode::kInternal, "GET " + url + ": malformed JSON", errors::kUnexpectedResponse);
  }
  return body;
}

StatusOr<std::vector<nlohmann::json>> ApiClient::GetAllPages(const std::string& url) {
  std::vector<nlohmann::json> items;
  std::set<std::string> seen;
  std::string next = url;
  const std::string origin = OriginOf(deps_.basecamp_url);
  while (true) {
    if (!seen.insert(next).second) break;  // a Link that loops back: stop
    StatusOr<HttpResponse> response = Get(next);
    if (!response.ok()) return response.status();
    Status status = ApiStatus("GET " + next, *response);
    if (!status.ok()) return status;
    nlohmann::json page = nlohmann::json::parse(response->body, nullptr, false);
    if (page.is_discarded() || !page.is_array()) {
      return Status(StatusCode::kInternal, "GET " + next + ": expected a JSON array", errors::kUnexpectedResponse);
    }
    if (page.empty()) break;
    for (auto& item : page) items.push_back(std::move(item));
    std::optional<std::string> link = NextLink(response->Header("Link"));
    if (!link) break;
    const std::string resolved = ResolveReference(next, *link);
    if (resolved.empty() || OriginOf(resolved) != origin) {
      return Status(StatusCode::kFailedPrecondition,
                    "refused a next-page link to another origin: " + (resolved.empty() ? *link : OriginOf(resolved)),
                    errors::kBadPaginationLink);
    }
    next = resolved;
  }
  return items;
}

}  // namespace bcsync::basecamp
