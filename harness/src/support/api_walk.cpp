// WalkAccount, CompareWalks (api_walk.h).
#include "support/api_walk.h"

#include <deque>
#include <regex>
#include <set>

namespace bcsim::support {
namespace {

// The payload fields that lead to more of the account (not app_ pages, downloads, avatars,
// bookmarks, boosts or subscriptions: per-person or not part of a world).
bool Follows(const std::string& key) {
  static const std::set<std::string> kKeys = {
      "url",           "todos_url",    "todolists_url", "groups_url",   "comments_url",
      "messages_url",  "documents_url", "uploads_url",  "vaults_url",   "entries_url",
      "cards_url",     "lines_url",    "questions_url", "answers_url",  "replies_url",
      "forwards_url",  "schedule_url"};
  return kKeys.count(key) != 0;
}

void Collect(const nlohmann::json& v, bool events, std::vector<std::string>& urls) {
  if (v.is_object()) {
    for (const auto& [k, item] : v.items()) {
      if (item.is_string() && Follows(k)) urls.push_back(item.get<std::string>());
      else if (item.is_structured()) Collect(item, events, urls);
      if (!events || !item.is_string()) continue;
      const std::string url = item.get<std::string>();
      if (k == "subscription_url") urls.push_back(url);
      const std::string tail = "/comments.json";  // .../recordings/{id}/comments.json
      if (k == "comments_url" && url.size() > tail.size() &&
          url.compare(url.size() - tail.size(), tail.size(), tail) == 0) {
        urls.push_back(url.substr(0, url.size() - tail.size()) + "/events.json");
      }
    }
  } else if (v.is_array()) {
    for (const auto& item : v) Collect(item, events, urls);
  }
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

}  // namespace

StatusOr<WalkResult> WalkAccount(ApiClient& client, Id account, const WalkOptions& options) {
  const std::size_t max_pages = options.max_pages;
  const std::string base = "/" + std::to_string(account) + "/";
  const std::regex project(R"(^/\d+/projects/(\d+)\.json$)");
  WalkResult out;
  std::deque<std::string> queue = {base + "projects.json", base + "people.json"};
  std::set<std::string> seen(queue.begin(), queue.end());
  auto enqueue = [&](const std::string& path) {
    if (path.rfind(base, 0) != 0 || path.find(".json") == std::string::npos) return;
    if (seen.insert(path).second) queue.push_back(path);
  };
  while (!queue.empty()) {
    if (out.pages.size() >= max_pages) {
      return FailedPreconditionError("the walk passed " + std::to_string(max_pages) + " pages");
    }
    const std::string path = queue.front();
    queue.pop_front();
    StatusOr<ApiPage> page = client.Get(path);
    if (!page.ok()) return page.status();
    out.pages[path] = std::to_string(page->status) + " " +
                      Replace(page->raw, client.origin(), "{origin}");
    if (page->status != 200) continue;
    if (!page->next.empty()) enqueue(page->next);
    std::vector<std::string> urls;
    Collect(page->body, options.events, urls);
    for (const std::string& url : urls) {
      const std::string p = client.PathOf(url);
      enqueue(p);
      if (p.size() > 11 && p.compare(p.size() - 11, 11, "/todos.json") == 0) {
        enqueue(p + "?completed=true");
      }
    }
    std::smatch m;
    if (std::regex_match(path, m, project)) {
      enqueue(base + "projects/" + m[1].str() + "/timesheet.json");
    }
  }
  return out;
}

std::vector<std::string> CompareWalks(const WalkResult& expected, const WalkResult& actual,
                                      std::size_t max) {
  std::vector<std::string> out;
  auto add = [&](std::string line) {
    if (out.size() < max) out.push_back(std::move(line));
  };
  auto clip = [](const std::string& s) { return s.size() > 600 ? s.substr(0, 600) + "..." : s; };
  for (const auto& [path, answer] : expected.pages) {
    auto it = actual.pages.find(path);
    if (it == actual.pages.end()) add("only in the first: GET " + path);
    else if (it->second != answer) {
      // The first difference, with some context either side.
      std::size_t at = 0;
      while (at < answer.size() && at < it->second.size() && answer[at] == it->second[at]) ++at;
      const std::size_t from = at > 120 ? at - 120 : 0;
      add("GET " + path + " differs at byte " + std::to_string(at) + ":\n  first:  " +
          clip(answer.substr(from, 300)) + "\n  second: " + clip(it->second.substr(from, 300)));
    }
  }
  for (const auto& [path, _] : actual.pages) {
    if (expected.pages.count(path) == 0) add("only in the second: GET " + path);
  }
  return out;
}

}  // namespace bcsim::support
