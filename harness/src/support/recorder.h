// `bcsim record`: one account read through the public API into a world (bcsim/world.h) that
// WorldToYaml writes and LoadWorld reads back: people (with an identity each, password
// kRecordedPassword: passwords cannot be read), projects with members and their docks, to-do
// sets, lists, groups and to-dos (pending and completed), messages, documents, uploads'
// metadata, schedule entries, card table columns, cards and steps, comments on all of these,
// and timesheet entries, each with its id, timestamps, creator and status. Archived and trashed
// projects are read too (projects.json?status=); trashed recordings inside them are not (the API
// does not list them). `redact_people`: names, emails and keys become person-1, ... (ids stay).
#pragma once

#include <functional>
#include <string>

#include "bcsim/status.h"
#include "bcsim/world.h"
#include "support/api_client.h"

namespace bcsim::support {

inline constexpr const char* kRecordedPassword = "recorded-world";

struct RecordOptions {
  Id account = 0;
  std::string account_name;  // "" : "recorded"
  bool redact_people = false;
  // Called now and then with what was read so far ("12 projects, 3400 to-dos, 120 requests").
  std::function<void(const std::string&)> progress;
};

StatusOr<World> RecordAccount(ApiClient& client, const RecordOptions& options);

}  // namespace bcsim::support
