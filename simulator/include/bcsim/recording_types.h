// The recording types of Basecamp's model as thin descriptions: what a type is called on the wire,
// where its API url lives, whether it is a dock tool (and which), and whether it takes comments.
// The generic operations (bcsim/recordings.h) and the renderers read this table; a new type is a
// row here plus its renderer and routes (simulator/src/api/endpoints_*.cpp). Pure; thread safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bcsim {

struct RecordingType {
  std::string_view type;     // as Basecamp writes it: "Message", "Kanban::Card", ...
  std::string_view segment;  // the url collection: /buckets/{p}/{segment}/{id}.json
  std::string_view dock;     // the dock `name` for tools ("message_board", ...), else ""
  std::string_view title;    // a tool's default dock title ("Message Board"), else ""
  bool commentable;          // POST /recordings/{id}/comments.json accepted
};

// Every type, tools first in their default dock order (to-do sets, which have a struct of their
// own, come right after the message board).
const std::vector<RecordingType>& RecordingTypes();

// The description of `type`, or null for a type this table does not know.
const RecordingType* FindRecordingType(std::string_view type);
// The tool with dock name `dock` ("vault"), or null.
const RecordingType* FindDockTool(std::string_view dock);

// A type in the snake case of event kinds and report targets: "Todo" -> "todo",
// "Timesheet::Entry" -> "timesheet_entry", "Kanban::Card" -> "kanban_card".
std::string SnakeType(std::string_view type);

}  // namespace bcsim
