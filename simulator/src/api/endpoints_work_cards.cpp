// Card tables (Kanban::Board, a dock tool): the table, its columns (triage, ordinary, not-now
// and done columns share one order), column colours, on-hold sections, column subscriptions and
// wormholes. Cards and steps are in endpoints_work_cards_items.cpp.
#include <algorithm>

#include "api/work.h"
#include "api/work_cards.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::work {

const std::initializer_list<std::string_view> kColumnTypes = {
    "Kanban::Triage", "Kanban::Column", "Kanban::NotNowColumn", "Kanban::DoneColumn"};

namespace {

// Basecamp's column colours (the card table's colour picker).
const std::vector<std::string> kColors = {"white", "red",  "orange", "yellow", "green",
                                          "blue",  "aqua", "purple", "gray",   "pink",
                                          "brown"};

std::string Num(Id id) { return std::to_string(id); }

std::string CardsUrl(const Ctx& c, const Project& p, Id column) {
  return c.rc.urls.api + "/buckets/" + Num(p.id) + "/card_tables/lists/" + Num(column) +
         "/cards.json";
}

Json Subscribed(const Ctx& c, const RecordingRef& r) {
  Json out = Json::array();
  for (const std::string& k : Subscribers(r)) out.push_back(RenderPersonByKey(c.rc, k));
  return out;
}

}  // namespace

// A visible recording anywhere in the account: a wormhole leads out of the request's bucket.
std::optional<RecordingRef> FindAcrossBuckets(Ctx& c, const std::string& id,
                                              std::initializer_list<std::string_view> types,
                                              bool active) {
  const std::optional<Id> bucket = c.bucket;
  c.bucket.reset();
  std::optional<RecordingRef> r = Find(c, id, types, active);
  c.bucket = bucket;
  return r;
}

std::vector<Recording*> Columns(Project& project, Id board) {
  std::vector<Recording*> out;
  for (Recording& r : project.recordings) {
    if (r.parent != board || r.status != RecordingStatus::kActive) continue;
    for (std::string_view t : kColumnTypes) {
      if (r.type == t) out.push_back(&r);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Recording* a, const Recording* b) {
    return a->position != b->position ? a->position < b->position : a->id < b->id;
  });
  return out;
}

Json RenderColumn(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "subscription_url"}) {
    out.erase(k);
  }
  out["color"] = rec.fields.value("color", "white");
  out["description"] = rec.content;
  const std::vector<Recording*> cards = ChildrenOf(*r.project, rec.id, "Kanban::Card");
  out["cards_count"] = static_cast<int>(cards.size());
  out["cards_url"] = CardsUrl(c, *r.project, rec.id);
  out["subscribers"] = Subscribed(c, r);
  auto hold = rec.fields.find("on_hold");
  if (hold != rec.fields.end() && hold->is_object()) {
    int held = 0;
    for (const Recording* card : cards) held += card->fields.value("on_hold", false) ? 1 : 0;
    out["on_hold"] = {{"id", (*hold)["id"]},
                      {"status", "active"},
                      {"inherits_status", true},
                      {"title", "On hold"},
                      {"created_at", (*hold)["created_at"]},
                      {"updated_at", (*hold)["created_at"]},
                      {"cards_count", held},
                      {"cards_url", CardsUrl(c, *r.project, rec.id)}};
  }
  return out;
}

Json RenderWormhole(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "comments_count",
                        "subscription_url", "position"}) {
    out.erase(k);
  }
  out["color"] = nullptr;
  const Id destination = rec.fields.value("destination", Id{0});
  std::optional<RecordingRef> d = FindAcrossBuckets(c, Num(destination), kColumnTypes, true);
  const bool linked = d.has_value();
  out["linked"] = linked;
  out["destination_url"] = linked ? Json(RecordingUrl(c.rc, *d)) : Json(nullptr);
  return out;
}

Json RenderCardTable(Ctx& c, const RecordingRef& r) {
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "comments_count", "position"}) {
    out.erase(k);
  }
  out["subscribers"] = Subscribed(c, r);
  Json lists = Json::array();
  for (Recording* col : Columns(*r.project, r.id)) lists.push_back(RenderColumn(c, Again(c, col->id)));
  out["lists"] = std::move(lists);
  Json holes = Json::array();
  for (Recording* w : ChildrenOf(*r.project, r.id, "Kanban::Wormhole")) {
    holes.push_back(RenderWormhole(c, Again(c, w->id)));
  }
  out["wormholes"] = std::move(holes);
  return out;
}

ApiResponse GetCardTable(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Board"});
  if (!r) return NotFound();
  return Json200(RenderCardTable(c, *r));
}

// POST card_tables/{id}/columns.json {title, description?}: a new column before the done one.
ApiResponse CreateCardColumn(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> board = Find(c, a[0], {"Kanban::Board"}, true);
  if (!board) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  std::optional<std::string> title = StringField(*body, "title");
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  const OptString description = OptionalString(*body, "description");
  if (description.bad) return Unprocessable("Description must be text");
  Project& project = *board->project;
  const Id board_id = board->id;
  std::vector<Recording*> columns = Columns(project, board_id);
  int at = static_cast<int>(columns.size()) + 1;
  for (const Recording* col : columns) {
    if (col->type == "Kanban::DoneColumn" || col->type == "Kanban::NotNowColumn") {
      at = std::min(at, col->position);
    }
  }
  Recording rec;
  rec.type = "Kanban::Column";
  rec.parent = board_id;
  rec.title = *title;
  rec.content = description.value.value_or("");
  rec.position = 1'000'000;  // placed below
  rec.fields["color"] = "white";
  const Id id = AddRecording(c.world, project, std::move(rec), c.me.key, c.req.now);
  RecordingRef added = Again(c, id);
  PlaceAt(Columns(project, board_id), added.recording, at);
  return Created(RenderColumn(c, added));
}

// POST card_tables/{id}/moves.json {source_id, target_id, position?}: the column source_id to
// 1-based `position` (default: last) of the card table target_id (this one).
ApiResponse MoveCardColumn(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> board = Find(c, a[0], {"Kanban::Board"}, true);
  if (!board) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  const Json source = body->value("source_id", Json());
  const Json target = body->value("target_id", Json());
  if (!source.is_number_integer() || !target.is_number_integer()) {
    return Unprocessable("source_id and target_id must be ids");
  }
  if (target.get<Id>() != board->id) return Unprocessable("target_id must be this card table");
  std::optional<RecordingRef> col = Find(c, Num(source.get<Id>()), kColumnTypes, true);
  if (!col || col->parent != board->id) return Unprocessable("source_id must be a column of this card table");
  std::vector<Recording*> columns = Columns(*board->project, board->id);
  const Json position = body->value("position", Json(static_cast<int>(columns.size())));
  if (!position.is_number_integer() || position.get<int>() < 1 ||
      position.get<int>() > static_cast<int>(columns.size())) {
    return Unprocessable("Position must be between 1 and " + std::to_string(columns.size()));
  }
  PlaceAt(columns, col->recording, position.get<int>());
  Changed(c, *col, "repositioned");
  return NoContent();
}

ApiResponse GetCardColumn(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], kColumnTypes);
  if (!r) return NotFound();
  return Json200(RenderColumn(c, *r));
}

// PUT card_tables/columns/{id} {title?, description?}: only what the body names changes.
ApiResponse UpdateCardColumn(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], kColumnTypes, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  const OptString title = OptionalString(*body, "title");
  const OptString description = OptionalString(*body, "description");
  if (title.bad || description.bad) return Unprocessable("Title and description must be text");
  if (title.value && title.value->empty()) return Unprocessable("Title can't be blank");
  Recording& rec = *r->recording;
  if (title.value && *title.value != rec.title) {
    rec.title = *title.value;
    Changed(c, *r, "title_changed");
  }
  if (description.value && *description.value != rec.content) {
    rec.content = *description.value;
    Changed(c, *r, "content_changed");
  }
  return Json200(RenderColumn(c, *r));
}

ApiResponse SetCardColumnColor(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], kColumnTypes, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  std::optional<std::string> color = StringField(*body, "color");
  if (!color || std::find(kColors.begin(), kColors.end(), *color) == kColors.end()) {
    return Unprocessable("Color must be one of white, red, orange, yellow, green, blue, aqua, "
                         "purple, gray, pink, brown");
  }
  if (r->recording->fields.value("color", "white") != *color) {
    r->recording->fields["color"] = *color;
    Changed(c, *r, "color_changed");
  }
  return Json200(RenderColumn(c, *r));
}

ApiResponse EnableOnHold(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], kColumnTypes, true);
  if (!r) return NotFound();
  if (c.me.client) return Forbidden();
  if (r->type != "Kanban::Column") return Unprocessable("Only ordinary columns have an on-hold section");
  if (!r->recording->fields.contains("on_hold")) {
    const Id hold = NewId(c.world, "kanban_on_hold");
    r->recording->fields["on_hold"] = {{"id", hold}, {"created_at", FormatTimestamp(c.req.now)}};
    Changed(c, *r, "on_hold_enabled");
  }
  return Json200(RenderColumn(c, *r));
}

ApiResponse DisableOnHold(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], kColumnTypes, true);
  if (!r) return NotFound();
  if (c.me.client) return Forbidden();
  if (r->recording->fields.contains("on_hold")) {
    r->recording->fields.erase("on_hold");
    for (Recording* card : ChildrenOf(*r->project, r->id, "Kanban::Card")) card->fields.erase("on_hold");
    Changed(c, *r, "on_hold_disabled");
  }
  return Json200(RenderColumn(c, *r));
}

namespace {
ApiResponse SubscribeColumnAs(Ctx& c, const PathArgs& a, bool subscribe) {
  std::optional<RecordingRef> r = Find(c, a[0], kColumnTypes);
  if (!r) return NotFound();
  const std::vector<std::string> me = {c.me.key};
  const std::vector<std::string> none;
  ChangeSubscribers(c.world, *r, subscribe ? me : none, subscribe ? none : me, c.me.key, c.req.now);
  return NoContent();
}
}  // namespace

ApiResponse SubscribeColumn(Ctx& c, const PathArgs& a) { return SubscribeColumnAs(c, a, true); }
ApiResponse UnsubscribeColumn(Ctx& c, const PathArgs& a) { return SubscribeColumnAs(c, a, false); }

namespace {
// The destination of a wormhole body: a visible active column on another card table.
std::optional<Id> Destination(Ctx& c, const Json& body, const RecordingRef& board) {
  const Json id = body.value("destination_recording_id", Json());
  if (!id.is_number_integer()) return std::nullopt;
  std::optional<RecordingRef> d = FindAcrossBuckets(c, Num(id.get<Id>()), kColumnTypes, true);
  if (!d || d->parent == board.id) return std::nullopt;
  return d->id;
}

std::string DestinationTitle(Ctx& c, Id destination) {
  RecordingRef d = Again(c, destination);
  std::optional<RecordingRef> table = FindRecording(c.world, d.parent);
  return d.project->name + ": " + (table ? table->recording->title + " / " : "") + d.recording->title;
}
}  // namespace

ApiResponse CreateWormhole(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> board = Find(c, a[0], {"Kanban::Board"}, true);
  if (!board) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  std::optional<Id> destination = Destination(c, *body, *board);
  if (!destination) {
    return Unprocessable("destination_recording_id must be a column on another card table");
  }
  Recording rec;
  rec.type = "Kanban::Wormhole";
  rec.parent = board->id;
  rec.title = DestinationTitle(c, *destination);
  rec.fields["destination"] = *destination;
  const Id id = AddRecording(c.world, *board->project, std::move(rec), c.me.key, c.req.now);
  return Created(RenderWormhole(c, Again(c, id)));
}

ApiResponse UpdateWormhole(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Wormhole"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (c.me.client) return Forbidden();
  std::optional<Id> destination = Destination(c, *body, Again(c, r->parent));
  if (!destination) {
    return Unprocessable("destination_recording_id must be a column on another card table");
  }
  r->recording->fields["destination"] = *destination;
  r->recording->title = DestinationTitle(c, *destination);
  Changed(c, *r, "destination_changed");
  return Json200(RenderWormhole(c, *r));
}

ApiResponse DeleteWormhole(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Wormhole"}, true);
  if (!r) return NotFound();
  if (c.me.client) return Forbidden();
  Status s = SetRecordingStatus(c.world, *r, RecordingStatus::kTrashed, c.me.key, c.req.now);
  if (!s.ok()) return Unprocessable(s.message());
  return NoContent();
}

}  // namespace bcsim::api::work
