// Campfire: chats (the dock tool), their lines (text and uploads) and chatbots.
//
// A line's fields: `content_type` of a text line; `attachment` (filename, content_type,
// byte_size) of an upload line. Chatbots are integrations, not recordings: they live on the
// chat in fields["chatbots"].
#include "api/content.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::content {
namespace {

constexpr std::string_view kChat = "Chat::Transcript";
constexpr std::string_view kText = "Chat::Lines::Text";
constexpr std::string_view kUpload = "Chat::Lines::Upload";

std::string Bare(const std::string& url) { return url.substr(0, url.size() - 5); }

Json RenderCampfire(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "bucket", "creator"});
  const int place = DockPlace(*r.project, r.id);
  if (place > 0) out["position"] = place;
  out["topic"] = r.recording->title;
  const std::string url = Bare(RecordingUrl(c.rc, r));
  out["lines_url"] = url + "/lines.json";
  out["files_url"] = url + "/uploads.json";
  return out;
}

Json RenderLine(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "parent", "bucket", "creator", "boosts_count", "boosts_url"});
  const Recording& rec = *r.recording;
  out["content"] = rec.content;
  if (auto a = rec.fields.find("attachment"); a != rec.fields.end()) {
    const std::string filename = (*a)["filename"].get<std::string>();
    out["attachments"] = Json::array({{{"title", filename},
                                       {"url", DownloadUrl(c, rec.id, filename)},
                                       {"filename", filename},
                                       {"content_type", (*a)["content_type"]},
                                       {"byte_size", (*a)["byte_size"]},
                                       {"download_url", DownloadUrl(c, rec.id, filename)}}});
  }
  return out;
}

std::optional<RecordingRef> VisibleChat(Ctx& c, const std::string& id) {
  return VisibleTool(c, id, kChat);
}

// A line of that chat (a line id under another chat is not found).
std::optional<RecordingRef> VisibleLine(Ctx& c, const std::string& chat, const std::string& id) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, {kText, kUpload});
  if (!r || Num(r->parent) != chat || r->recording->status == RecordingStatus::kTrashed) {
    return std::nullopt;
  }
  return r;
}

ApiResponse ListCampfires(Ctx& c, const PathArgs&) {
  std::vector<Recording*> chats;
  for (Project& p : c.account.projects) {
    if (p.status != RecordingStatus::kActive || !IsMember(p, c.me.key)) continue;
    if (c.bucket && *c.bucket != p.id) continue;
    for (Recording* chat : ChildrenOf(p, 0, kChat)) {
      if (ToolEnabled(*chat) && (!c.me.client || chat->visible_to_clients)) chats.push_back(chat);
    }
  }
  return ListPage(c, chats, [&](const RecordingRef& r) { return RenderCampfire(c, r); });
}

ApiResponse GetCampfire(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleChat(c, a[0]);
  if (!r) return NotFound();
  return Json200(RenderCampfire(c, *r));
}

ApiResponse ListLines(Ctx& c, const PathArgs& a, std::initializer_list<std::string_view> types) {
  std::optional<RecordingRef> r = VisibleChat(c, a[0]);
  if (!r) return NotFound();
  auto items = ListChildren(c, *r->project, r->id, types, false);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& l) { return RenderLine(c, l); });
}

ApiResponse ListCampfireLines(Ctx& c, const PathArgs& a) { return ListLines(c, a, {kText, kUpload}); }
ApiResponse ListCampfireUploads(Ctx& c, const PathArgs& a) { return ListLines(c, a, {kUpload}); }

std::optional<ApiResponse> LineContent(const Json& body, std::string& out) {
  std::optional<std::string> content;
  if (auto bad = OptionalString(body, "content", content)) return bad;
  if (!content || content->empty()) return Unprocessable("Content can't be blank");
  out = *content;
  return std::nullopt;
}

ApiResponse AddLine(Ctx& c, const RecordingRef& chat, Recording rec) {
  rec.visible_to_clients = chat.recording->visible_to_clients;
  return Created(RenderLine(c, AddChild(c, chat, std::move(rec), std::nullopt)));
}

ApiResponse CreateCampfireLine(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleChat(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Recording rec;
  rec.type = std::string(kText);
  if (auto bad = LineContent(*body, rec.content)) return *bad;
  std::optional<std::string> content_type;
  if (auto bad = OptionalString(*body, "content_type", content_type)) return *bad;
  if (content_type && *content_type != "text/plain" && *content_type != "text/html") {
    return Unprocessable("content_type must be text/plain or text/html");
  }
  rec.fields["content_type"] = content_type.value_or("text/plain");
  rec.title = rec.content;
  return AddLine(c, *r, std::move(rec));
}

ApiResponse CreateCampfireUpload(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleChat(c, a[0]);
  if (!r) return NotFound();
  const std::string name = Param(c.req, "name");
  if (name.empty()) return Unprocessable("name (the file's name) is required");
  if (name.find('/') != std::string::npos) return Unprocessable("name must be a file name");
  if (c.req.body.empty()) return Unprocessable("The file is empty");
  Recording rec;
  rec.type = std::string(kUpload);
  rec.title = name;
  rec.fields["attachment"] = {{"filename", name},
                              {"content_type", ContentTypeOf(name)},
                              {"byte_size", static_cast<long long>(c.req.body.size())}};
  return AddLine(c, *r, std::move(rec));
}

ApiResponse GetCampfireLine(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleLine(c, a[0], a[1]);
  if (!r) return NotFound();
  return Json200(RenderLine(c, *r));
}

ApiResponse UpdateCampfireLine(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleLine(c, a[0], a[1]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (r->recording->creator != c.me.key) return Forbidden();  // only its author edits a line
  if (r->type != kText) return Unprocessable("An uploaded file's line cannot be edited");
  std::string content;
  if (auto bad = LineContent(*body, content)) return *bad;
  if (content != r->recording->content) {
    r->recording->content = content;
    r->recording->title = content;
    Touch(c, *r, "content_changed");
  }
  return NoContent();
}

ApiResponse DeleteCampfireLine(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleLine(c, a[0], a[1]);
  if (!r) return NotFound();
  // Its author, or an admin, removes a line.
  if (r->recording->creator != c.me.key && !c.me.admin && !c.me.owner) return Forbidden();
  Status s = SetRecordingStatus(c.world, *r, RecordingStatus::kTrashed, c.me.key, c.req.now);
  if (!s.ok()) return Unprocessable(s.message());
  return NoContent();
}

// ---- chatbots ----

Json RenderChatbot(Ctx& c, const RecordingRef& chat, const Json& bot) {
  const std::string chat_url = Bare(RecordingUrl(c.rc, chat));
  const std::string id = Num(bot["id"].get<Id>());
  return Json{{"id", bot["id"]},
              {"created_at", FormatTimestamp(bot["created_at"].get<Millis>())},
              {"updated_at", FormatTimestamp(bot["updated_at"].get<Millis>())},
              {"service_name", bot["service_name"]},
              {"command_url", bot.value("command_url", "")},
              {"url", chat_url + "/integrations/" + id + ".json"},
              {"app_url", RecordingAppUrl(c.rc, chat) + "/integrations/" + id},
              // Where the bot posts (with its key in the path, as Basecamp does): not a GET.
              {"lines_url", c.rc.urls.api + "/integrations/" + bot["key"].get<std::string>() +
                                "/buckets/" + Num(chat.project->id) + "/chats/" +
                                Num(chat.id) + "/lines.json"}};
}

Json Bots(const Recording& chat) { return chat.fields.value("chatbots", Json::array()); }

std::optional<Json> BotById(const Recording& chat, const std::string& id) {
  for (const Json& bot : Bots(chat)) {
    if (Num(bot["id"].get<Id>()) == id) return bot;
  }
  return std::nullopt;
}

// service_name (required) and command_url (an http(s) url when given), applied to `bot`.
std::optional<ApiResponse> ApplyBot(const Json& body, Json& bot) {
  std::optional<std::string> name, command;
  if (auto bad = OptionalString(body, "service_name", name)) return bad;
  if (auto bad = OptionalString(body, "command_url", command)) return bad;
  if (!name || name->empty()) return Unprocessable("service_name can't be blank");
  if (command && !command->empty() && command->rfind("https://", 0) != 0 &&
      command->rfind("http://", 0) != 0) {
    return Unprocessable("command_url must be an http(s) url");
  }
  bot["service_name"] = *name;
  if (command) bot["command_url"] = *command;
  return std::nullopt;
}

ApiResponse ListChatbots(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> chat = VisibleChat(c, a[0]);
  if (!chat) return NotFound();
  Json out = Json::array();
  for (const Json& bot : Bots(*chat->recording)) out.push_back(RenderChatbot(c, *chat, bot));
  return Json200(out);
}

ApiResponse GetChatbot(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> chat = VisibleChat(c, a[0]);
  std::optional<Json> bot = chat ? BotById(*chat->recording, a[1]) : std::nullopt;
  if (!bot) return NotFound();
  return Json200(RenderChatbot(c, *chat, *bot));
}

ApiResponse CreateChatbot(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> chat = VisibleChat(c, a[0]);
  if (!chat) return NotFound();
  if (c.me.client) return Forbidden();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Json bot = Json::object();
  if (auto bad = ApplyBot(*body, bot)) return *bad;
  const Id id = NewId(c.world, "chatbot");
  bot["id"] = id;
  bot["key"] = "bot" + Num(id);
  bot["created_at"] = bot["updated_at"] = c.req.now;
  if (!chat->recording->fields.contains("chatbots")) {
    chat->recording->fields["chatbots"] = Json::array();
  }
  chat->recording->fields["chatbots"].push_back(bot);
  Touch(c, *chat, "chatbot_created");
  return Created(RenderChatbot(c, *chat, bot));
}

ApiResponse UpdateChatbot(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> chat = VisibleChat(c, a[0]);
  std::optional<Json> bot = chat ? BotById(*chat->recording, a[1]) : std::nullopt;
  if (!bot) return NotFound();
  if (c.me.client) return Forbidden();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto bad = ApplyBot(*body, *bot)) return *bad;
  (*bot)["updated_at"] = c.req.now;
  for (Json& b : chat->recording->fields["chatbots"]) {
    if (b["id"] == (*bot)["id"]) b = *bot;
  }
  Touch(c, *chat, "chatbot_changed");
  return Json200(RenderChatbot(c, *chat, *bot));
}

ApiResponse DeleteChatbot(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> chat = VisibleChat(c, a[0]);
  std::optional<Json> bot = chat ? BotById(*chat->recording, a[1]) : std::nullopt;
  if (!bot) return NotFound();
  if (c.me.client) return Forbidden();
  Json& bots = chat->recording->fields["chatbots"];
  for (std::size_t i = 0; i < bots.size(); ++i) {
    if (bots[i]["id"] == (*bot)["id"]) bots.erase(i);
  }
  Touch(c, *chat, "chatbot_deleted");
  return NoContent();
}

}  // namespace

std::vector<Route> ChatRoutes() {
  return {
      {"GET", "/{accountId}/chats.json", ListCampfires, false},
      {"GET", "/{accountId}/chats/{campfireId}", GetCampfire, true},
      {"GET", "/{accountId}/chats/{campfireId}/lines.json", ListCampfireLines, true},
      {"POST", "/{accountId}/chats/{campfireId}/lines.json", CreateCampfireLine, true},
      {"GET", "/{accountId}/chats/{campfireId}/lines/{lineId}", GetCampfireLine, true},
      {"PUT", "/{accountId}/chats/{campfireId}/lines/{lineId}", UpdateCampfireLine, true},
      {"DELETE", "/{accountId}/chats/{campfireId}/lines/{lineId}", DeleteCampfireLine, true},
      {"GET", "/{accountId}/chats/{campfireId}/uploads.json", ListCampfireUploads, true},
      {"POST", "/{accountId}/chats/{campfireId}/uploads.json", CreateCampfireUpload, true},
      {"GET", "/{accountId}/buckets/{bucketId}/chats/{campfireId}/integrations.json",
       ListChatbots, false},
      {"POST", "/{accountId}/buckets/{bucketId}/chats/{campfireId}/integrations.json",
       CreateChatbot, false},
      {"GET", "/{accountId}/buckets/{bucketId}/chats/{campfireId}/integrations/{chatbotId}",
       GetChatbot, false},
      {"PUT", "/{accountId}/buckets/{bucketId}/chats/{campfireId}/integrations/{chatbotId}",
       UpdateChatbot, false},
      {"DELETE", "/{accountId}/buckets/{bucketId}/chats/{campfireId}/integrations/{chatbotId}",
       DeleteChatbot, false},
      // The SDK's forms (campfires.*Chatbot): the same, without the bucket (Rails routes both).
      {"GET", "/{accountId}/chats/{campfireId}/integrations.json", ListChatbots, false},
      {"POST", "/{accountId}/chats/{campfireId}/integrations.json", CreateChatbot, false},
      {"GET", "/{accountId}/chats/{campfireId}/integrations/{chatbotId}", GetChatbot, false},
      {"PUT", "/{accountId}/chats/{campfireId}/integrations/{chatbotId}", UpdateChatbot, false},
      {"DELETE", "/{accountId}/chats/{campfireId}/integrations/{chatbotId}", DeleteChatbot,
       false},
  };
}

}  // namespace bcsim::api::content
