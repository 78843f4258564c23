// Cards (Kanban::Card, in a column) and their steps (Kanban::Step): list, create, read,
// update, move between columns (also through a wormhole into another project), steps' completion
// and order. A card in the done column is completed.
#include <algorithm>

#include "api/work_cards.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::work {
namespace {

std::string Num(Id id) { return std::to_string(id); }

std::vector<std::string> KeysOf(const Recording& rec, const char* key) {
  std::vector<std::string> out;
  auto it = rec.fields.find(key);
  if (it == rec.fields.end() || !it->is_array()) return out;
  for (const Json& k : *it) {
    if (k.is_string()) out.push_back(k.get<std::string>());
  }
  return out;
}

// due_on of a body: nullopt when absent, Json(null) to clear, or the date. `bad` when invalid.
struct DueOn {
  bool given = false, bad = false;
  Json value;
};
DueOn DueOnOf(const Json& body) {
  DueOn out;
  auto it = body.find("due_on");
  if (it == body.end()) return out;
  out.given = true;
  if (it->is_null() || (it->is_string() && it->get<std::string>().empty())) return out;
  if (!it->is_string() || !IsValidDate(it->get<std::string>())) {
    out.bad = true;
    return out;
  }
  out.value = *it;
  return out;
}

void RenderDone(const Ctx& c, const Recording& rec, bool completed, Json& out) {
  out["completed"] = completed;
  if (completed) {
    out["completed_at"] = FormatTimestamp(rec.fields.value("completed_at", rec.updated_at));
    out["completer"] = RenderPersonByKey(c.rc, rec.fields.value("completer", rec.creator));
  }
}

// Sets the fields a card or step body may name (title, content, due_on, assignee_ids); records
// the events. An error response for invalid input (nothing changed then).
std::optional<ApiResponse> ApplyFields(Ctx& c, const RecordingRef& r, const Json& body,
                                       bool with_content) {
  const OptString title = OptionalString(body, "title");
  const OptString content = OptionalString(body, "content");
  if (title.bad || (with_content && content.bad)) return Unprocessable("Title and content must be text");
  if (title.value && title.value->empty()) return Unprocessable("Title can't be blank");
  const DueOn due = DueOnOf(body);
  if (due.bad) return Unprocessable("due_on must be a date (YYYY-MM-DD)");
  std::optional<std::vector<std::string>> assignees;
  if (body.contains("assignee_ids")) {
    assignees = MemberKeys(c, *r.project, body["assignee_ids"]);
    if (!assignees) return Unprocessable("Assignees must be people on this project");
  }
  Recording& rec = *r.recording;
  if (title.value && *title.value != rec.title) {
    rec.title = *title.value;
    Changed(c, r, "title_changed");
  }
  if (with_content && content.value && *content.value != rec.content) {
    rec.content = *content.value;
    Changed(c, r, "content_changed");
  }
  if (due.given && rec.fields.value("due_on", Json()) != due.value) {
    rec.fields["due_on"] = due.value;
    Changed(c, r, "due_date_changed");
  }
  if (assignees) {
    const std::vector<std::string> before = KeysOf(rec, "assignees");
    rec.fields["assignees"] = *assignees;
    AssignmentChanged(c, r, before, *assignees);
  }
  return std::nullopt;
}

bool InDoneColumn(Ctx& c, const Recording& card) {
  std::optional<RecordingRef> col = FindRecording(c.world, card.parent);
  return col && col->type == "Kanban::DoneColumn";
}

std::optional<int> PositionOf(const Json& body, const char* key, int fallback) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

}  // namespace

Json RenderCard(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  out["content"] = rec.content;
  out["description"] = rec.content;
  out["description_attachments"] = Json::array();
  out["due_on"] = rec.fields.value("due_on", Json());
  RenderDone(c, rec, InDoneColumn(c, rec), out);
  out["assignees"] = PeopleOf(c.rc, rec, "assignees");
  out["completion_subscribers"] = Json::array();
  Json steps = Json::array();
  for (Recording* s : ChildrenOf(*r.project, rec.id, "Kanban::Step")) {
    steps.push_back(RenderStep(c, Again(c, s->id)));
  }
  out["steps"] = std::move(steps);
  return out;
}

Json RenderStep(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  for (const char* k : {"boosts_count", "boosts_url", "comments_url", "comments_count",
                        "subscription_url"}) {
    out.erase(k);
  }
  // The schema types a step's due_on as a plain string: an unset one is left out.
  if (rec.fields.value("due_on", Json()).is_string()) out["due_on"] = rec.fields["due_on"];
  RenderDone(c, rec, rec.fields.value("completed", false), out);
  out["assignees"] = PeopleOf(c.rc, rec, "assignees");
  return out;
}

ApiResponse ListCards(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> col = Find(c, a[0], kColumnTypes);
  if (!col) return NotFound();
  return ListPage(c, ChildrenOf(*col->project, col->id, "Kanban::Card"),
                  [&](const RecordingRef& r) { return RenderCard(c, r); });
}

// POST card_tables/lists/{column}/cards.json {title, content?, due_on?, notify?}.
ApiResponse CreateCard(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> col = Find(c, a[0], kColumnTypes, true);
  if (!col) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  std::optional<std::string> title = StringField(*body, "title");
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  const OptString content = OptionalString(*body, "content");
  if (content.bad) return Unprocessable("Content must be text");
  const DueOn due = DueOnOf(*body);
  if (due.bad) return Unprocessable("due_on must be a date (YYYY-MM-DD)");
  if (body->contains("notify") && !(*body)["notify"].is_boolean()) {
    return Unprocessable("notify must be true or false");
  }
  Recording rec;
  rec.type = "Kanban::Card";
  rec.parent = col->id;
  rec.title = *title;
  rec.content = content.value.value_or("");
  rec.visible_to_clients = c.me.client;
  rec.fields["due_on"] = due.value;
  rec.fields["assignees"] = Json::array();
  const Id id = AddRecording(c.world, *col->project, std::move(rec), c.me.key, c.req.now);
  return Created(RenderCard(c, Again(c, id)));
}

ApiResponse GetCard(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Card"});
  if (!r) return NotFound();
  return Json200(RenderCard(c, *r));
}

ApiResponse UpdateCard(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Card"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  if (auto error = ApplyFields(c, *r, *body, true)) return *error;
  return Json200(RenderCard(c, *r));
}

namespace {

// Moves the card, its steps and comments (and their comments) from its project into `to`.
// Ids stay; the world is reindexed.
void Teleport(Ctx& c, Id card, Project& from, Project& to) {
  std::vector<Id> moving = {card};
  for (std::size_t i = 0; i < moving.size(); ++i) {
    for (const Recording& r : from.recordings) {
      if (r.parent == moving[i]) moving.push_back(r.id);
    }
  }
  auto is_moving = [&](const Recording& r) {
    return std::find(moving.begin(), moving.end(), r.id) != moving.end();
  };
  for (const Recording& r : from.recordings) {
    if (is_moving(r)) to.recordings.push_back(r);
  }
  from.recordings.erase(std::remove_if(from.recordings.begin(), from.recordings.end(), is_moving),
                        from.recordings.end());
  IndexWorld(c.world);
}

}  // namespace

// POST card_tables/cards/{id}/moves.json {column_id, position?}: into another column of its
// card table, or through a wormhole (its id as column_id) into the column it leads to.
ApiResponse MoveCard(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Card"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  const Json column = body->value("column_id", Json());
  if (!column.is_number_integer()) return Unprocessable("column_id must be a column id");
  const std::optional<int> position = PositionOf(*body, "position", 1);
  if (!position || *position < 1) return Unprocessable("Position must be a whole number from 1");
  std::optional<RecordingRef> target =
      Find(c, Num(column.get<Id>()), {"Kanban::Triage", "Kanban::Column", "Kanban::NotNowColumn",
                                      "Kanban::DoneColumn", "Kanban::Wormhole"}, true);
  const Id board = Again(c, r->parent).parent;
  if (target && target->type == "Kanban::Wormhole") {
    if (target->parent != board) target.reset();
    else target = FindAcrossBuckets(c, Num(target->recording->fields.value("destination", Id{0})),
                                    kColumnTypes, true);
  } else if (target && target->parent != board) {
    target.reset();
  }
  if (!target) return Unprocessable("column_id must be a column of this card table or a wormhole");
  const Id card = r->id, to = target->id;
  if (target->project != r->project) Teleport(c, card, *r->project, *target->project);
  RecordingRef moved = Again(c, card);
  RecordingRef dest = Again(c, to);
  bcsim::MoveCard(c.world, moved, dest, *position, c.me.key, c.req.now);
  return NoContent();
}

// POST card_tables/cards/{id}/steps.json {title, due_on?, assignee_ids?}.
ApiResponse CreateCardStep(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> card = Find(c, a[0], {"Kanban::Card"}, true);
  if (!card) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *card->recording)) return Forbidden();
  std::optional<std::string> title = StringField(*body, "title");
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  const DueOn due = DueOnOf(*body);
  if (due.bad) return Unprocessable("due_on must be a date (YYYY-MM-DD)");
  std::optional<std::vector<std::string>> assignees =
      MemberKeys(c, *card->project, body->value("assignee_ids", Json()));
  if (!assignees) return Unprocessable("Assignees must be people on this project");
  Recording rec;
  rec.type = "Kanban::Step";
  rec.parent = card->id;
  rec.title = *title;
  rec.visible_to_clients = card->recording->visible_to_clients;
  rec.fields["due_on"] = due.value;
  rec.fields["assignees"] = *assignees;
  rec.fields["completed"] = false;
  const Id id = AddRecording(c.world, *card->project, std::move(rec), c.me.key, c.req.now);
  RecordingRef step = Again(c, id);
  AssignmentChanged(c, step, {}, *assignees);
  return Created(RenderStep(c, step));
}

// POST card_tables/cards/{id}/positions.json {source_id, position}: position is 0-based here.
// The document answers 200 with no body.
ApiResponse RepositionCardStep(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> card = Find(c, a[0], {"Kanban::Card"}, true);
  if (!card) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *card->recording)) return Forbidden();
  const Json source = body->value("source_id", Json());
  const Json position = body->value("position", Json());
  if (!source.is_number_integer() || !position.is_number_integer()) {
    return Unprocessable("source_id and position must be whole numbers");
  }
  std::optional<RecordingRef> step = Find(c, Num(source.get<Id>()), {"Kanban::Step"}, true);
  if (!step || step->parent != card->id) return Unprocessable("source_id must be a step of this card");
  std::vector<Recording*> steps = ChildrenOf(*card->project, card->id, "Kanban::Step");
  if (position.get<int>() < 0 || position.get<int>() >= static_cast<int>(steps.size())) {
    return Unprocessable("Position must be between 0 and " + std::to_string(steps.size() - 1));
  }
  PlaceAt(steps, step->recording, position.get<int>() + 1);
  Changed(c, *step, "repositioned");
  ApiResponse ok;
  ok.status = 200;
  return ok;
}

ApiResponse GetCardStep(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Step"});
  if (!r) return NotFound();
  return Json200(RenderStep(c, *r));
}

ApiResponse UpdateCardStep(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Step"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  if (auto error = ApplyFields(c, *r, *body, false)) return *error;
  return Json200(RenderStep(c, *r));
}

// PUT card_tables/steps/{id}/completions.json {completion: "on" | ""}.
ApiResponse SetCardStepCompletion(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = Find(c, a[0], {"Kanban::Step"}, true);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  if (!MayEdit(c, *r->recording)) return Forbidden();
  std::optional<std::string> completion = StringField(*body, "completion");
  if (!completion || (*completion != "on" && !completion->empty())) {
    return Unprocessable("completion must be \"on\" or \"\"");
  }
  Recording& rec = *r->recording;
  const bool done = *completion == "on";
  if (rec.fields.value("completed", false) != done) {
    rec.fields["completed"] = done;
    if (done) {
      rec.fields["completed_at"] = c.req.now;
      rec.fields["completer"] = c.me.key;
    }
    Changed(c, *r, done ? "completed" : "uncompleted");
  }
  return Json200(RenderStep(c, *r));
}

}  // namespace bcsim::api::work
