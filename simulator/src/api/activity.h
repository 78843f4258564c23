// Internal to the Activity family (endpoints_activity*.cpp): the handlers its route list
// (endpoints_activity.cpp) names, and the helpers its files share.
#pragma once

#include <string>
#include <vector>

#include "api/handlers.h"

namespace bcsim::api {

// Any recording, rendered as its own type's endpoint renders it (to-dos, lists, sets, comments
// and timesheet entries by theirs, every generic type by RenderActivityRecording).
Json RenderAnyRecording(Ctx& c, const RecordingRef& r);
// A generic recording (r.recording) in the shared `Recording` shape: the envelope plus content,
// description and the string fields its type keeps (subject, ...).
Json RenderActivityRecording(Ctx& c, const RecordingRef& r);
// A card (Kanban::Card) in the `Card` shape; fields: due_on, assignees (Person keys), completed.
Json RenderCard(Ctx& c, const RecordingRef& r);

// The integer values of a repeatable query parameter ("assignee_ids[]"); bad items are skipped.
std::vector<Id> IdParams(const ApiRequest& req, const std::string& key);
// The values of a repeatable string parameter ("type_names[]").
std::vector<std::string> StringParams(const ApiRequest& req, const std::string& key);
// The person of the account with this id, or null.
const Person* PersonById(Ctx& c, Id id);
// The caller's personal state (created on first use: call it only in writes).
PersonalState& MyState(Ctx& c);
// The caller's personal state, or null when they never wrote any (for reads).
const PersonalState* MyStateIfAny(const Ctx& c);
// Every recording (any kind) in the projects the caller can see and that are active, in world
// order; each passes FindVisible.
std::vector<RecordingRef> VisibleRecordings(Ctx& c);
// The text with HTML tags removed (each tag becomes a space): search and excerpts.
std::string PlainText(const std::string& html);
// YYYY-MM-DD of a clock time (UTC).
std::string DateOf(Millis t);

// Everything feeds, projects/recordings.json for generic types.
ApiResponse GetEverythingTodos(Ctx& c, const std::string& filter);
ApiResponse GetEverythingCards(Ctx& c, const std::string& filter);
ApiResponse GetEverythingOfTypes(Ctx& c, const std::vector<std::string>& types);
ApiResponse GetEverythingFiles(Ctx& c);
// projects/recordings.json for a type other than Todo (filtered by bucket ids and status).
ApiResponse ListGenericRecordings(Ctx& c, const std::string& type, const std::vector<Id>& buckets,
                                  RecordingStatus wanted);

// Search.
ApiResponse Search(Ctx& c);
ApiResponse GetSearchMetadata(Ctx& c);

// Bookmarks.
ApiResponse ListMyBookmarks(Ctx& c);
ApiResponse GetBookmark(Ctx& c, const std::string& recording_id);
ApiResponse CreateBookmark(Ctx& c, const std::string& recording_id);
ApiResponse DeleteBookmark(Ctx& c, const std::string& recording_id);

// Boosts.
ApiResponse ListBoosts(Ctx& c, const std::string& recording_id, const std::string& event_id);
ApiResponse CreateBoost(Ctx& c, const std::string& recording_id, const std::string& event_id);
ApiResponse GetBoost(Ctx& c, const std::string& boost_id);
ApiResponse DeleteBoost(Ctx& c, const std::string& boost_id);

// My assignments (completed, due) and Up Next.
ApiResponse GetMyCompletedAssignments(Ctx& c);
ApiResponse GetMyDueAssignments(Ctx& c);
ApiResponse PrioritizeAssignment(Ctx& c);
ApiResponse DeprioritizeAssignment(Ctx& c, const std::string& recording_id);
ApiResponse ReorderUpNext(Ctx& c);

// Notifications, notes, drafts.
ApiResponse GetMyReadings(Ctx& c);
ApiResponse GetBubbleUps(Ctx& c);
ApiResponse MarkAsRead(Ctx& c);
ApiResponse GetMyNote(Ctx& c);
ApiResponse UpdateMyNote(Ctx& c);
ApiResponse ListMyDrafts(Ctx& c);

// Gauges.
ApiResponse ToggleGauge(Ctx& c, const std::string& project_id);
ApiResponse ListGaugeNeedles(Ctx& c, const std::string& project_id);
ApiResponse CreateGaugeNeedle(Ctx& c, const std::string& project_id);
ApiResponse GetGaugeNeedle(Ctx& c, const std::string& needle_id);
ApiResponse UpdateGaugeNeedle(Ctx& c, const std::string& needle_id);
ApiResponse DestroyGaugeNeedle(Ctx& c, const std::string& needle_id);
ApiResponse ListGauges(Ctx& c);

}  // namespace bcsim::api
