#include "api/paginate.h"

namespace bcsim::api {

PageRange ComputePage(std::size_t total, int page, int page_size) {
  PageRange r;
  r.page = page < 1 ? 1 : page;
  std::size_t begin = 0, size = 0;
  if (page_size > 0) {
    size = static_cast<std::size_t>(page_size);
    begin = static_cast<std::size_t>(r.page - 1) * size;
  } else {
    static constexpr std::size_t kGears[] = {15, 30, 50};
    static constexpr std::size_t kStarts[] = {0, 15, 45, 95};  // first item of pages 1-4
    const std::size_t page = static_cast<std::size_t>(r.page);
    begin = page <= 4 ? kStarts[page - 1] : 95 + (page - 4) * 100;
    size = page <= 3 ? kGears[page - 1] : 100;
  }
  r.begin = begin < total ? begin : total;
  r.end = begin + size < total ? begin + size : total;
  r.has_next = begin + size < total;
  return r;
}

namespace {

PageRange RequestedPage(const ApiRequest& req, int page_size, std::size_t total) {
  int page = 1;
  if (auto it = req.params.find("page"); it != req.params.end()) {
    const std::string& v = it->second;
    bool digits = !v.empty() && v.size() < 9;
    for (char ch : v) digits = digits && ch >= '0' && ch <= '9';
    if (digits) page = std::stoi(v);
  }
  return ComputePage(total, page, page_size);
}

ApiResponse PageHeaders(const ApiRequest& req, const PageRange& range, std::size_t total) {
  ApiResponse resp;
  resp.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  resp.headers.emplace_back("X-Total-Count", std::to_string(total));
  if (range.has_next) {
    std::string url = req.origin + req.path + "?page=" + std::to_string(range.page + 1);
    for (const auto& [key, value] : req.params) {
      if (key != "page") url += "&" + UrlEncode(key, kLinkKeeps) + "=" + UrlEncode(value, kLinkKeeps);
    }
    resp.headers.emplace_back("Link", "<" + url + ">; rel=\"next\"");
  }
  return resp;
}

}  // namespace

ApiResponse Paginate(const ApiRequest& req, int page_size, std::size_t total,
                     const std::function<nlohmann::json(std::size_t)>& render) {
  const PageRange range = RequestedPage(req, page_size, total);
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = range.begin; i < range.end; ++i) items.push_back(render(i));
  ApiResponse resp = PageHeaders(req, range, total);
  resp.body = items.dump();
  return resp;
}

ApiResponse PaginateRaw(const ApiRequest& req, int page_size, std::size_t total,
                        const std::function<void(std::size_t, JsonOut&)>& render) {
  const PageRange range = RequestedPage(req, page_size, total);
  ApiResponse resp = PageHeaders(req, range, total);
  resp.body.reserve(64 + (range.end - range.begin) * 1200);
  JsonOut out(resp.body);
  out.BeginArray();
  for (std::size_t i = range.begin; i < range.end; ++i) render(i, out);
  out.EndArray();
  return resp;
}

}  // namespace bcsim::api
