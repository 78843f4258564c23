// Why a to-do left the user's assigned set, decided from `GET todos/{id}.json`.
// Pure; thread safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace bcsync::sync {

// Reasons stored on archived tasks and shown to users (stable strings).
inline constexpr const char* kReasonCompleted = "completed";
inline constexpr const char* kReasonTrashed = "trashed";
inline constexpr const char* kReasonArchived = "archived";
inline constexpr const char* kReasonReassigned = "reassigned";
inline constexpr const char* kReasonNotVisible = "not_visible";

// From the to-do's JSON: trashed > archived > completed > reassigned; a to-do that is still
// active, open and assigned but no longer reachable (list/project archived, to-do tool off)
// is "not_visible". A 404 is "not_visible" too (the caller decides that without JSON).
std::string ArchiveReason(const nlohmann::json& todo, std::int64_t person_id);

// The sentence a person reads for a reason.
std::string DescribeReason(const std::string& reason);

}  // namespace bcsync::sync
