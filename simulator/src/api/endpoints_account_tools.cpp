// Dock tools (bc3-api sections/tools.md): create (by tool_type, or by cloning
// source_recording_id), get, rename, trash, and enable / reposition / disable through
// recordings/{toolId}/position.json. A tool is a Recording with parent 0 (fields["enabled"]) or
// a to-do set; the dock's order after a reposition is Project::dock_order (render.h Dock()).
#include <algorithm>

#include "api/endpoints_account.h"
#include "bcsim/recording_types.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::account {
namespace {

struct FoundTool {
  RecordingRef ref;
  Project* project = nullptr;
  Recording* tool = nullptr;  // a tool of a generic type, or
  Todoset* set = nullptr;     // a to-do set
};

std::optional<FoundTool> FindToolById(Ctx& c, const std::string& id) {
  const std::optional<Id> tid = ParseId(id);
  std::optional<RecordingRef> r = tid ? FindRecording(c.world, *tid) : std::nullopt;
  if (!r || r->account != &c.account || FindProject(c, r->project->id) == nullptr) {
    return std::nullopt;
  }
  FoundTool f{*r, r->project, nullptr, nullptr};
  if (r->recording != nullptr) {
    const RecordingType* t = FindRecordingType(r->recording->type);
    if (r->recording->parent != 0 || t == nullptr || t->dock.empty()) return std::nullopt;
    if (r->recording->status != RecordingStatus::kActive) return std::nullopt;
    if (c.me.client && !r->recording->visible_to_clients) return std::nullopt;
    f.tool = r->recording;
  } else if (r->set != nullptr && r->list == nullptr) {
    f.set = r->set;
  } else {
    return std::nullopt;
  }
  return f;
}

// The tool's 1-based place in the dock, or -1 when it is disabled.
int DockPlace(const Project& p, Id id) {
  for (const DockEntry& e : Dock(p)) {
    const Id eid = e.tool != nullptr ? e.tool->id : p.todosets[static_cast<std::size_t>(e.todoset)].id;
    if (eid == id) return e.position;
  }
  return -1;
}

nlohmann::json RenderTool(Ctx& c, Id id) {
  std::optional<FoundTool> f = FindToolById(c, std::to_string(id));
  nlohmann::json out;
  if (f->tool != nullptr) {
    out = RenderRecordingBase(c.rc, f->ref);
    for (const char* key : {"comments_count", "comments_url", "boosts_count", "boosts_url"}) {
      out.erase(key);
    }
  } else {
    const Todoset& s = *f->set;
    out = {{"id", s.id},
           {"status", "active"},
           {"visible_to_clients", false},
           {"created_at", FormatTimestamp(s.created_at)},
           {"updated_at", FormatTimestamp(s.updated_at)},
           {"title", s.title},
           {"inherits_status", true},
           {"type", "Todoset"},
           {"url", RecordingUrl(c.rc, f->ref)},
           {"app_url", RecordingAppUrl(c.rc, f->ref)},
           {"bookmark_url", c.rc.urls.api + "/recordings/" + std::to_string(s.id) + "/bookmark.json"},
           {"bucket", RenderBucket(*f->project)},
           {"creator", RenderPersonByKey(c.rc, "")}};
  }
  // The tool's own response shows its dock place; no position means it is disabled.
  const int place = DockPlace(*f->project, id);
  if (place > 0) {
    out["position"] = place;
  } else {
    out.erase("position");
  }
  return out;
}

ApiResponse Status201NoBody() {
  ApiResponse r;
  r.status = 201;
  return r;
}

std::optional<ApiResponse> ParseToolType(Ctx& c, const Project& p, const nlohmann::json& body,
                                         const RecordingType** type) {
  if (const std::optional<std::string> name = StringField(body, "tool_type")) {
    *type = FindRecordingType(*name);
    if (*type == nullptr || (*type)->dock.empty()) {
      return Unprocessable("tool_type must be one of Chat::Transcript, Inbox, Kanban::Board, "
                           "Message::Board, Questionnaire, Schedule, Todoset, Vault");
    }
    return std::nullopt;
  }
  auto source = body.find("source_recording_id");
  if (source != body.end() && source->is_number_integer()) {
    std::optional<FoundTool> from = FindToolById(c, std::to_string(source->get<Id>()));
    if (!from || from->project != &p) return Unprocessable("source_recording_id must be a tool of this project");
    *type = FindRecordingType(from->tool != nullptr ? std::string_view(from->tool->type) : "Todoset");
    return std::nullopt;
  }
  return Unprocessable("tool_type can't be blank");
}

// The type's default title, numbered when the dock already has a tool of that title.
std::string NextTitle(const Project& p, const RecordingType& t) {
  const std::string base(t.title);
  auto taken = [&](const std::string& title) {
    for (const DockEntry& e : Dock(p)) {
      const std::string& have = e.tool != nullptr
                                    ? e.tool->title
                                    : p.todosets[static_cast<std::size_t>(e.todoset)].title;
      if (have == title) return true;
    }
    return false;
  };
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    if (!taken(base + " " + std::to_string(n))) return base + " " + std::to_string(n);
  }
}

void SetEnabled(FoundTool& f, bool on, Millis now) {
  if (f.tool != nullptr) {
    f.tool->fields["enabled"] = on;
    f.tool->updated_at = now;
  } else {
    f.set->enabled = on;
    f.set->updated_at = now;
  }
}

// The last place among the tools: positions of generic tools, and the stored order if any.
void MoveToEnd(Project& p, Id id, Recording* tool) {
  if (tool != nullptr) {
    int last = 0;
    for (const Recording& r : p.recordings) {
      if (r.parent == 0) last = std::max(last, r.position);
    }
    tool->position = last + 1;
  }
  if (!p.dock_order.empty()) {
    p.dock_order.erase(std::remove(p.dock_order.begin(), p.dock_order.end(), id), p.dock_order.end());
    p.dock_order.push_back(id);
  }
}

}  // namespace

ApiResponse PostToolOfSource(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  auto source = body->find("source_recording_id");
  if (source == body->end() || !source->is_number_integer()) {
    return Unprocessable("source_recording_id can't be blank");
  }
  std::optional<FoundTool> from = FindToolById(c, std::to_string(source->get<Id>()));
  if (!from) return Unprocessable("source_recording_id must be a tool of a project you are in");
  return PostTool(c, std::to_string(from->project->id));
}

ApiResponse PostTool(Ctx& c, const std::string& bucket_id) {
  Project* p = ProjectById(c, bucket_id);
  if (p == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (c.me.client) return Forbidden();
  const RecordingType* type = nullptr;
  if (auto error = ParseToolType(c, *p, *body, &type)) return *error;
  std::string title = NextTitle(*p, *type);
  if (body->contains("title") && !(*body)["title"].is_null()) {
    const nlohmann::json& t = (*body)["title"];
    if (!t.is_string() || t.get<std::string>().empty()) return Unprocessable("Title can't be blank");
    title = t.get<std::string>();
  }
  const auto vis = body->find("visible_to_clients");
  if (vis != body->end() && !vis->is_null() && !vis->is_boolean()) {
    return Unprocessable("visible_to_clients must be true or false");
  }
  Id id = 0;
  if (type->type == "Todoset") {
    Todoset set;
    set.id = NewId(c.world, "todoset");
    set.key = p->key + "/todoset-" + std::to_string(set.id);
    set.title = title;
    set.created_at = set.updated_at = c.req.now;
    id = set.id;
    p->todosets.push_back(std::move(set));
    IndexWorld(c.world);
    RecordEvent(*p, c.world, id, "created", c.me.key, c.req.now);
  } else {
    Recording tool;
    tool.type = std::string(type->type);
    tool.title = title;
    tool.fields["enabled"] = true;
    // Only the tools that manage their own client visibility honour the flag (the document).
    tool.visible_to_clients = (type->type == "Chat::Transcript" || type->type == "Kanban::Board") &&
                              vis != body->end() && vis->is_boolean() && vis->get<bool>();
    int last = 0;
    for (const Recording& r : p->recordings) {
      if (r.parent == 0) last = std::max(last, r.position);
    }
    tool.position = last + 1;
    tool.id = NewId(c.world, std::string(type->dock));
    tool.key = p->key + "/tool-" + std::to_string(tool.id);
    id = AddRecording(c.world, *p, std::move(tool), c.me.key, c.req.now);
  }
  if (!p->dock_order.empty()) p->dock_order.push_back(id);
  p->updated_at = c.req.now;
  return Created(RenderTool(c, id));
}

ApiResponse GetTool(Ctx& c, const std::string& tool_id) {
  std::optional<FoundTool> f = FindToolById(c, tool_id);
  return f ? Json200(RenderTool(c, f->ref.id)) : NotFound();
}

ApiResponse PutTool(Ctx& c, const std::string& tool_id) {
  std::optional<FoundTool> f = FindToolById(c, tool_id);
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (c.me.client) return Forbidden();
  const std::optional<std::string> title = StringField(*body, "title");
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  std::string& have = f->tool != nullptr ? f->tool->title : f->set->title;
  if (have != *title) {
    have = *title;
    *f->ref.updated_at = c.req.now;
    RecordEvent(*f->project, c.world, f->ref.id, "title_changed", c.me.key, c.req.now);
  }
  return Json200(RenderTool(c, f->ref.id));
}

// Trashes a generic tool (and so what is in it); a to-do set leaves the project.
ApiResponse DeleteTool(Ctx& c, const std::string& tool_id) {
  std::optional<FoundTool> f = FindToolById(c, tool_id);
  if (!f) return NotFound();
  if (c.me.client) return Forbidden();
  Project& p = *f->project;
  const Id id = f->ref.id;
  p.dock_order.erase(std::remove(p.dock_order.begin(), p.dock_order.end(), id), p.dock_order.end());
  if (f->tool != nullptr) {
    Status s = SetRecordingStatus(c.world, f->ref, RecordingStatus::kTrashed, c.me.key, c.req.now);
    if (!s.ok()) return Unprocessable(s.message());
  } else {
    p.todosets.erase(p.todosets.begin() + (f->set - p.todosets.data()));
    IndexWorld(c.world);
    RecordEvent(p, c.world, id, "trashed", c.me.key, c.req.now);
  }
  return NoContent();
}

// POST: enabled, at the end of the dock (201, no body).
ApiResponse EnableTool(Ctx& c, const std::string& tool_id) {
  std::optional<FoundTool> f = FindToolById(c, tool_id);
  if (!f) return NotFound();
  if (c.me.client) return Forbidden();
  const bool was = f->tool != nullptr ? ToolEnabled(*f->tool) : f->set->enabled;
  if (was) return Unprocessable("The tool is already enabled");
  SetEnabled(*f, true, c.req.now);
  MoveToEnd(*f->project, f->ref.id, f->tool);
  RecordEvent(*f->project, c.world, f->ref.id, "enabled", c.me.key, c.req.now);
  return Status201NoBody();
}

// PUT {position}: moves an enabled tool to that 1-based place among the enabled ones (200, no
// body); the whole dock order is then kept in Project::dock_order.
ApiResponse RepositionTool(Ctx& c, const std::string& tool_id) {
  std::optional<FoundTool> f = FindToolById(c, tool_id);
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (c.me.client) return Forbidden();
  auto position = body->find("position");
  if (position == body->end() || !position->is_number_integer()) {
    return Unprocessable("Position must be a whole number");
  }
  Project& p = *f->project;
  const Id id = f->ref.id;
  std::vector<Id> on, off;
  for (const DockEntry& e : Dock(p)) {
    const Id eid = e.tool != nullptr ? e.tool->id : p.todosets[static_cast<std::size_t>(e.todoset)].id;
    if (eid != id) (e.enabled ? on : off).push_back(eid);
  }
  if (DockPlace(p, id) < 0) return Unprocessable("Enable the tool before repositioning it");
  const long long wanted = position->get<long long>();
  if (wanted < 1 || wanted > static_cast<long long>(on.size()) + 1) {
    return Unprocessable("Position must be between 1 and " + std::to_string(on.size() + 1));
  }
  on.insert(on.begin() + (wanted - 1), id);
  on.insert(on.end(), off.begin(), off.end());
  p.dock_order = std::move(on);
  RecordEvent(p, c.world, id, "repositioned", c.me.key, c.req.now);
  ApiResponse ok;
  ok.status = 200;
  return ok;
}

// DELETE: off the dock, kept with its content (204).
ApiResponse DisableTool(Ctx& c, const std::string& tool_id) {
  std::optional<FoundTool> f = FindToolById(c, tool_id);
  if (!f) return NotFound();
  if (c.me.client) return Forbidden();
  const bool was = f->tool != nullptr ? ToolEnabled(*f->tool) : f->set->enabled;
  if (was) {
    SetEnabled(*f, false, c.req.now);
    // Off the dock: after the enabled tools in a stored order, as in Basecamp's default one.
    std::vector<Id>& order = f->project->dock_order;
    if (!order.empty()) {
      order.erase(std::remove(order.begin(), order.end(), f->ref.id), order.end());
      order.push_back(f->ref.id);
    }
    RecordEvent(*f->project, c.world, f->ref.id, "disabled", c.me.key, c.req.now);
  }
  return NoContent();
}

}  // namespace bcsim::api::account
