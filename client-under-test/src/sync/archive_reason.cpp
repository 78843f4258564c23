#include "sync/archive_reason.h"

#include <nlohmann/json.hpp>

#include "sync/assigned_fetch.h"

namespace bcsync::sync {

std::string ArchiveReason(const nlohmann::json& todo, std::int64_t person_id) {
  const std::string status = todo.value("status", "active");
  if (status == "trashed") return kReasonTrashed;
  if (status == "archived") return kReasonArchived;
  if (todo.value("completed", false)) return kReasonCompleted;
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
