// Messages: the message board (a dock tool), its messages, the project's message types
// (categories) and pinning.
//
// A message's subject is its title; fields["category_id"] and fields["pinned"] hold the rest.
// Message types are not recordings in Basecamp: they live on the board, in
// fields["categories"], once any of them is written; until then a board shows Basecamp's five
// default types (stable ids), so reads never have to write.
#include "api/content.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::content {
namespace {

// ---- message types ----

Json DefaultCategories(const Recording& board) {
  static const std::vector<std::pair<const char*, const char*>> kDefaults = {
      {"Announcement", "\xF0\x9F\x93\xA2"}, {"FYI", "\xE2\x9C\xA8"},
      {"Heartbeat", "\xE2\x9D\xA4\xEF\xB8\x8F"}, {"Pitch", "\xF0\x9F\x92\xA1"},
      {"Question", "\xE2\x9D\x93"}};
  Json out = Json::array();
  const std::string owner = board.key.empty() ? Num(board.id) : board.key;
  for (const auto& [name, icon] : kDefaults) {
    out.push_back({{"id", StableId("category", owner + "/" + name)},
                   {"name", name},
                   {"icon", icon},
                   {"created_at", board.created_at},
                   {"updated_at", board.created_at}});
  }
  return out;
}

Json Categories(const Recording& board) {
  auto it = board.fields.find("categories");
  return it != board.fields.end() ? *it : DefaultCategories(board);
}

Json& WritableCategories(Recording& board) {
  if (!board.fields.contains("categories")) board.fields["categories"] = DefaultCategories(board);
  return board.fields["categories"];
}

Json RenderCategory(const Json& cat) {
  return Json{{"id", cat["id"]},
              {"name", cat["name"]},
              {"icon", cat["icon"]},
              {"created_at", FormatTimestamp(cat["created_at"].get<Millis>())},
              {"updated_at", FormatTimestamp(cat["updated_at"].get<Millis>())}};
}

std::optional<Json> CategoryById(const Recording& board, Id id) {
  for (const Json& cat : Categories(board)) {
    if (cat["id"].get<Id>() == id) return cat;
  }
  return std::nullopt;
}

// The project whose message board keeps the types: the bucket's (the document's
// buckets/{id}/categories form), or, for the SDK's flat categories.json (which Rails also
// serves), the first active project of the account the caller is in that has a board.
Project* TypesProject(Ctx& c) {
  if (c.bucket) return FindProject(c, *c.bucket);
  for (Project& p : c.account.projects) {
    if (p.status != RecordingStatus::kActive || !IsMember(p, c.me.key)) continue;
    if (FindTool(p, "Message::Board") != nullptr) return &p;
  }
  return nullptr;
}

Recording* BoardOfBucket(Ctx& c) {
  Project* project = TypesProject(c);
  return project == nullptr ? nullptr : FindTool(*project, "Message::Board");
}

// Basecamp answers a bad message type with a bare field map ({"name": ["can't be blank"]}).
ApiResponse FieldError(const std::string& field, const std::string& message) {
  return Json200(Json{{field, Json::array({message})}}, 400);
}

std::string CategoryUrl(const Ctx& c, Id id) {
  const std::string bucket = c.bucket ? "/buckets/" + Num(*c.bucket) : "";
  return c.rc.urls.api + bucket + "/categories/" + Num(id) + ".json";
}

ApiResponse ListMessageTypes(Ctx& c, const PathArgs&) {
  Recording* board = BoardOfBucket(c);
  if (board == nullptr) return NotFound();
  Json out = Json::array();
  for (const Json& cat : Categories(*board)) out.push_back(RenderCategory(cat));
  return Json200(out);
}

ApiResponse GetMessageType(Ctx& c, const PathArgs& a) {
  Recording* board = BoardOfBucket(c);
  std::optional<Id> id = ParseId(a[0]);
  std::optional<Json> cat = board != nullptr && id ? CategoryById(*board, *id) : std::nullopt;
  if (!cat) return NotFound();
  return Json200(RenderCategory(*cat));
}

// Validates name/icon of a create (both required) or update (each optional); sets them on `cat`.
std::optional<ApiResponse> ApplyCategory(const Json& body, bool create, Json& cat) {
  for (const char* field : {"name", "icon"}) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
      if (create) return FieldError(field, "can't be blank");
      continue;
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
      return FieldError(field, "can't be blank");
    }
    cat[field] = *it;
  }
  return std::nullopt;
}

ApiResponse CreateMessageType(Ctx& c, const PathArgs&) {
  Recording* board = BoardOfBucket(c);
  if (board == nullptr) return NotFound();
  if (c.me.client) return Forbidden();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return FieldError("base", "must be a JSON object");
  Json cat = Json::object();
  if (auto bad = ApplyCategory(*body, true, cat)) return *bad;
  const Id board_id = board->id;
  cat["id"] = NewId(c.world, "category");
  cat["created_at"] = cat["updated_at"] = c.req.now;
  WritableCategories(*board).push_back(cat);
  Project& project = *TypesProject(c);
  RecordEvent(project, c.world, board_id, "category_created", c.me.key, c.req.now);
  ApiResponse r = Json200(RenderCategory(cat), 201);
  r.headers.emplace_back("Location", CategoryUrl(c, cat["id"].get<Id>()));
  return r;
}

ApiResponse UpdateMessageType(Ctx& c, const PathArgs& a) {
  Recording* board = BoardOfBucket(c);
  std::optional<Id> id = ParseId(a[0]);
  if (board == nullptr || !id || !CategoryById(*board, *id)) return NotFound();
  if (c.me.client) return Forbidden();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return FieldError("base", "must be a JSON object");
  Json next = *CategoryById(*board, *id);
  if (auto bad = ApplyCategory(*body, false, next)) return *bad;
  next["updated_at"] = c.req.now;
  for (Json& cat : WritableCategories(*board)) {
    if (cat["id"].get<Id>() == *id) cat = next;
  }
  RecordEvent(*TypesProject(c), c.world, board->id, "category_changed", c.me.key,
              c.req.now);
  return Json200(RenderCategory(next));
}

ApiResponse DeleteMessageType(Ctx& c, const PathArgs& a) {
  Recording* board = BoardOfBucket(c);
  std::optional<Id> id = ParseId(a[0]);
  if (board == nullptr || !id || !CategoryById(*board, *id)) return NotFound();
  if (c.me.client) return Forbidden();
  Json& cats = WritableCategories(*board);
  for (std::size_t i = 0; i < cats.size(); ++i) {
    if (cats[i]["id"].get<Id>() == *id) cats.erase(i);
  }
  RecordEvent(*TypesProject(c), c.world, board->id, "category_deleted", c.me.key,
              c.req.now);
  return NoContent();
}

// ---- board and messages ----

ApiResponse GetMessageBoard(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> board = VisibleTool(c, a[0], "Message::Board");
  if (!board) return NotFound();
  Json out = Base(c, *board, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                              "title", "inherits_status", "type", "url", "app_url",
                              "bookmark_url", "bucket", "creator"});
  const int place = DockPlace(*board->project, board->id);
  if (place > 0) out["position"] = place;
  out["messages_count"] = ChildrenOf(*board->project, board->id, "Message").size();
  const std::string url = RecordingUrl(c.rc, *board);
  out["messages_url"] = url.substr(0, url.size() - 5) + "/messages.json";
  out["app_messages_url"] = RecordingAppUrl(c.rc, *board) + "/messages";
  return Json200(out);
}

std::optional<RecordingRef> VisibleMessage(Ctx& c, const std::string& id) {
  return FindVisibleOf(c, id, {"Message"});
}

ApiResponse ListMessages(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> board = VisibleTool(c, a[0], "Message::Board");
  if (!board) return NotFound();
  std::optional<std::vector<Recording*>> items =
      ListChildren(c, *board->project, board->id, {"Message"}, /*newest_first=*/true);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& r) { return RenderMessage(c, r); });
}

// subject/content/category_id of a create (subject required) or update; applied to `rec`.
std::optional<ApiResponse> ApplyMessage(const Json& body, const Recording& board, bool create,
                                        Recording& rec) {
  std::optional<std::string> subject, content;
  if (auto bad = OptionalString(body, "subject", subject)) return bad;
  if (auto bad = OptionalString(body, "content", content)) return bad;
  if ((create && !subject) || (subject && subject->empty())) {
    return Unprocessable("Subject can't be blank");
  }
  auto cat = body.find("category_id");
  if (cat != body.end() && !cat->is_null()) {
    if (!cat->is_number_integer() || !CategoryById(board, cat->get<Id>())) {
      return Unprocessable("category_id must be one of the project's message types");
    }
    rec.fields["category_id"] = cat->get<Id>();
  }
  if (subject) rec.title = *subject;
  if (content) rec.content = *content;
  return std::nullopt;
}

ApiResponse CreateMessage(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> board = VisibleTool(c, a[0], "Message::Board");
  if (!board) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto bad = CreateStatus(*body)) return *bad;
  Recording rec;
  rec.type = "Message";
  if (auto bad = ApplyMessage(*body, *board->recording, true, rec)) return *bad;
  std::optional<bool> visible;
  std::optional<std::vector<std::string>> subscribers;
  if (auto bad = OptionalBool(*body, "visible_to_clients", visible)) return *bad;
  if (auto bad = OptionalPeople(c, *board->project, *body, "subscriptions", subscribers)) {
    return *bad;
  }
  rec.visible_to_clients = c.me.client || visible.value_or(false);  // a client's own post shows
  return Created(RenderMessage(c, AddChild(c, *board, std::move(rec), subscribers)));
}

ApiResponse GetMessage(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleMessage(c, a[0]);
  if (!r) return NotFound();
  return Json200(RenderMessage(c, *r));
}

ApiResponse UpdateMessage(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleMessage(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!MayChange(c, *r->recording)) return Forbidden();
  std::optional<RecordingRef> board = FindRecording(c.world, r->parent);
  if (!board) return NotFound();
  if (auto bad = CreateStatus(*body)) return *bad;
  Recording next = *r->recording;
  if (auto bad = ApplyMessage(*body, *board->recording, false, next)) return *bad;
  const bool changed = next.title != r->recording->title ||
                       next.content != r->recording->content ||
                       next.fields != r->recording->fields;
  if (changed) {
    *r->recording = std::move(next);
    Touch(c, *r, "updated");
  }
  return Json200(RenderMessage(c, *r));
}

ApiResponse Pin(Ctx& c, const PathArgs& a, bool pin) {
  std::optional<RecordingRef> r = FindVisible(c, a[0]);
  if (!r) return NotFound();
  if (r->recording == nullptr || r->type != "Message") {
    return Unprocessable("Only messages can be pinned");
  }
  if (!MayChange(c, *r->recording)) return Forbidden();
  if (r->recording->fields.value("pinned", false) != pin) {
    r->recording->fields["pinned"] = pin;
    Touch(c, *r, pin ? "pinned" : "unpinned");
  }
  return NoContent();
}

ApiResponse PinMessage(Ctx& c, const PathArgs& a) { return Pin(c, a, true); }
ApiResponse UnpinMessage(Ctx& c, const PathArgs& a) { return Pin(c, a, false); }

}  // namespace

Json RenderMessage(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "comments_count", "comments_url", "parent",
                         "bucket", "creator", "boosts_count", "boosts_url"});
  const Recording& rec = *r.recording;
  out["subject"] = rec.title;
  out["content"] = rec.content;
  out["content_attachments"] = Json::array();
  auto cat = rec.fields.find("category_id");
  if (cat != rec.fields.end()) {
    std::optional<RecordingRef> board = FindRecording(c.world, rec.parent);
    std::optional<Json> found = board && board->recording != nullptr
                                    ? CategoryById(*board->recording, cat->get<Id>())
                                    : std::nullopt;
    if (found) out["category"] = RenderCategory(*found);  // a deleted type drops
  }
  return out;
}

std::vector<Route> MessageRoutes() {
  return {
      {"GET", "/{accountId}/message_boards/{boardId}", GetMessageBoard, true},
      {"GET", "/{accountId}/message_boards/{boardId}/messages.json", ListMessages, true},
      {"POST", "/{accountId}/message_boards/{boardId}/messages.json", CreateMessage, true},
      {"GET", "/{accountId}/messages/{messageId}", GetMessage, true},
      {"PUT", "/{accountId}/messages/{messageId}", UpdateMessage, true},
      {"POST", "/{accountId}/recordings/{messageId}/pin.json", PinMessage, true},
      {"DELETE", "/{accountId}/recordings/{messageId}/pin.json", UnpinMessage, true},
      {"GET", "/{accountId}/buckets/{bucketId}/categories.json", ListMessageTypes, false},
      {"POST", "/{accountId}/buckets/{bucketId}/categories.json", CreateMessageType, false},
      {"GET", "/{accountId}/buckets/{bucketId}/categories/{typeId}", GetMessageType, false},
      {"PUT", "/{accountId}/buckets/{bucketId}/categories/{typeId}", UpdateMessageType, false},
      {"DELETE", "/{accountId}/buckets/{bucketId}/categories/{typeId}", DeleteMessageType,
       false},
      // The SDK's flat forms (messageTypes.*): see TypesProject.
      {"GET", "/{accountId}/categories.json", ListMessageTypes, false},
      {"POST", "/{accountId}/categories.json", CreateMessageType, false},
      {"GET", "/{accountId}/categories/{typeId}", GetMessageType, false},
      {"PUT", "/{accountId}/categories/{typeId}", UpdateMessageType, false},
      {"DELETE", "/{accountId}/categories/{typeId}", DeleteMessageType, false},
  };
}

}  // namespace bcsim::api::content
