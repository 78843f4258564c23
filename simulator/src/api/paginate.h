// Basecamp's collection pagination: geared pages (15, 30, 50, then 100) or a fixed size,
// `?page=N`, `Link: <ORIGIN/PATH?page=N&...>; rel="next"` and `X-Total-Count`.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/json_out.h"
#include "world/url_encode.h"

namespace bcsim::api {

struct PageRange {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive, clamped to the total
  bool has_next = false;
  int page = 1;
};

// Page `page` (1-based) of `total` items; page_size 0 = geared.
PageRange ComputePage(std::size_t total, int page, int page_size);

// Renders items [begin, end) of a collection with `render(i)` and sets the headers.
ApiResponse Paginate(const ApiRequest& req, int page_size, std::size_t total,
                     const std::function<nlohmann::json(std::size_t)>& render);

// Same, for renderers that write JSON text directly (the hot paths).
ApiResponse PaginateRaw(const ApiRequest& req, int page_size, std::size_t total,
                        const std::function<void(std::size_t, JsonOut&)>& render);

// What a Link header's query keeps unencoded besides RFC 3986's unreserved characters.
inline constexpr std::string_view kLinkKeeps = ",[]";

}  // namespace bcsim::api
