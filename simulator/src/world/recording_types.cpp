#include "bcsim/recording_types.h"

namespace bcsim {

const std::vector<RecordingType>& RecordingTypes() {
  static const std::vector<RecordingType> kTypes = {
      // Dock tools (api-facts.md §3.2), in the order a new project's dock lists them.
      {"Message::Board", "message_boards", "message_board", "Message Board", false},
      {"Todoset", "todosets", "todoset", "To-dos", false},
      {"Vault", "vaults", "vault", "Docs & Files", false},
      {"Chat::Transcript", "chats", "chat", "Chat", false},
      {"Schedule", "schedules", "schedule", "Schedule", false},
      {"Questionnaire", "questionnaires", "questionnaire", "Automatic Check-ins", false},
      {"Kanban::Board", "card_tables", "kanban_board", "Card Table", false},
      {"Inbox", "inboxes", "inbox", "Email Forwards", false},
      // What the tools hold. A segment with {parent} nests under the parent's id.
      {"Todolist", "todolists", "", "", true},
      {"Todo", "todos", "", "", true},
      {"Comment", "comments", "", "", false},
      {"Message", "messages", "", "", true},
      {"Document", "documents", "", "", true},
      {"Upload", "uploads", "", "", true},
      {"CloudFile", "cloud_files", "", "", true},
      {"GoogleDocument", "google_documents", "", "", true},
      {"Chat::Lines::Text", "chats/{parent}/lines", "", "", false},
      {"Chat::Lines::Upload", "chats/{parent}/lines", "", "", false},
      {"Schedule::Entry", "schedule_entries", "", "", true},
      {"Question", "questions", "", "", false},
      {"Question::Answer", "question_answers", "", "", true},
      {"Kanban::Column", "card_tables/columns", "", "", false},
      {"Kanban::Triage", "card_tables/columns", "", "", false},
      {"Kanban::NotNowColumn", "card_tables/columns", "", "", false},
      {"Kanban::DoneColumn", "card_tables/columns", "", "", false},
      {"Kanban::Card", "card_tables/cards", "", "", true},
      {"Kanban::Step", "card_tables/steps", "", "", false},
      {"Kanban::Wormhole", "card_tables/wormholes", "", "", false},
      {"Inbox::Forward", "inbox_forwards", "", "", true},
      {"Inbox::Forward::Reply", "inbox_forwards/{parent}/replies", "", "", false},
      {"Client::Approval", "client/approvals", "", "", true},
      {"Client::Correspondence", "client/correspondences", "", "", true},
      {"Client::Reply", "client/recordings/{parent}/replies", "", "", false},
      // A project's gauge (one per project, made by its first toggle or needle) and its needles.
      {"Gauge", "gauges", "", "", false},
      {"Gauge::Needle", "gauge_needles", "", "", true},
  };
  return kTypes;
}

const RecordingType* FindRecordingType(std::string_view type) {
  for (const RecordingType& t : RecordingTypes()) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

const RecordingType* FindDockTool(std::string_view dock) {
  if (dock.empty()) return nullptr;
  for (const RecordingType& t : RecordingTypes()) {
    if (t.dock == dock) return &t;
  }
  return nullptr;
}

std::string SnakeType(std::string_view type) {
  std::string out;
  for (std::size_t i = 0; i < type.size(); ++i) {
    const char ch = type[i];
    if (ch == ':') {
      if (i + 1 < type.size() && type[i + 1] == ':') ++i;
      out += '_';
    } else if (ch >= 'A' && ch <= 'Z') {
      if (!out.empty() && out.back() != '_') out += '_';
      out += static_cast<char>(ch - 'A' + 'a');
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace bcsim
