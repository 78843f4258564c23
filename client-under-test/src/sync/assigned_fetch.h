// Fetches the to-dos assigned to one person in one Basecamp account.
//
// Fast path: GET {account}/my/assignments.json (not paginated). A plain 404 (no Reason
// header) means the account does not serve it: the caller remembers that per account and the
// crawl is used (a 403 is not that: it fails with BC_PERMISSION_DENIED). The crawl:
// projects.json (all pages) -> each project's dock -> every ENABLED todoset ->
// its todolists (all pages) -> each list's todos and groups (all pages) -> each group's todos.
// Only active, uncompleted to-dos whose assignees contain the person are kept.
// Pure over the ApiClient (which does retries, ETags and pagination). Not thread safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "basecamp/api_client.h"

namespace bcsync::sync {

struct RemoteTodo {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string title;
  std::string project;
  std::string list;
  std::string due_on;
};

// True when the to-do JSON (full or my/assignments shape) lists person_id among its assignees.
bool IsAssignedTo(const nlohmann::json& todo, std::int64_t person_id);

// my/assignments.json. NotFound with code BC_ITEM_NOT_VISIBLE when the account lacks it.
StatusOr<std::vector<RemoteTodo>> FetchAssignments(basecamp::ApiClient& api, const std::string& account_href,
                                                   std::int64_t person_id);
// The full crawl.
StatusOr<std::vector<RemoteTodo>> CrawlAssigned(basecamp::ApiClient& api, const std::string& account_href,
                                                std::int64_t person_id);

}  // namespace bcsync::sync
