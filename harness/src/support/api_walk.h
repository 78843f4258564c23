// The API walker: every GET of one account that its payloads lead to, from projects.json and
// people.json down (docks, to-do sets, lists, groups, to-dos with the completed ones, messages,
// comments, documents, uploads, vaults, schedules and entries, card tables, columns, cards,
// chats, questions, ... through each payload's `url` and `*_url` fields, and each project's
// timesheet), every page of every list. Used to prove that two simulators answer the same (a
// world and its snapshot, a "real" Basecamp and its recording). Bounded by `max_pages`.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "bcsim/status.h"
#include "bcsim/world.h"
#include "support/api_client.h"

namespace bcsim::support {

struct WalkResult {
  // path + query (origin-free) -> "STATUS BODY", with the origin written as {origin} so two
  // servers on different ports compare equal.
  std::map<std::string, std::string> pages;
};

struct WalkOptions {
  std::size_t max_pages = 20'000;
  // Also every recording's events and subscription (GET /__bcsim/world keeps them; a recording
  // made with `bcsim record` does not).
  bool events = false;
};

StatusOr<WalkResult> WalkAccount(ApiClient& client, Id account, const WalkOptions& options = {});

// What differs between two walks (a path only one has, or a different answer), at most
// `max` lines; empty when they are the same.
std::vector<std::string> CompareWalks(const WalkResult& expected, const WalkResult& actual,
                                      std::size_t max = 20);

}  // namespace bcsim::support
