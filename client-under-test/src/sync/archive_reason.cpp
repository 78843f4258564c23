#include "sync/archive_reason.h"

#include <nlohmann/json.hpp>

#include "sync/assigned_fetch.h"
#include "util/json_fields.h"

namespace bcsync::sync {

std::string ArchiveReason(const nlohmann::json& todo, std::int64_t person_id) {
  // Lenient reads: a null or odd-typed field must not throw out of a sync.
  const std::string status = util::JsonStr(todo, "status");
  if (status == "trashed") return kReasonTrashed;
  if (status == "archived") return kReasonArchived;
  if (util::JsonBool(todo, "completed")) return kReasonCompleted;
  if (!IsAssignedTo(todo, person_id)) return kReasonReassigned;
  return kReasonNotVisible;
}

std::string DescribeReason(const std::string& reason) {
  if (reason == kReasonCompleted) return "completed in Basecamp";
  if (reason == kReasonTrashed) return "trashed in Basecamp";
  if (reason == kReasonArchived) return "archived in Basecamp";
  if (reason == kReasonReassigned) return "assigned to someone else";
  if (reason == kReasonNotVisible) {
    return "no longer visible to your Basecamp login (deleted, moved out of reach, or you were removed from the "
           "project)";
  }
  return reason;
}

}  // namespace bcsync::sync
