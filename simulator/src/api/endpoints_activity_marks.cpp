// Marks people put on recordings: bookmarks (personal: no event, only the person sees them),
// boosts (on a recording or one of its events; each records "boosted"), and a project's gauge
// with its needles (Recordings of type "Gauge" and "Gauge::Needle").
#include <algorithm>

#include "api/activity.h"
#include "api/paginate.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

std::string Num(Id id) { return std::to_string(id); }

ApiResponse BadBody() { return Error(400, "The request body must be a JSON object"); }

ApiResponse WithLocation(ApiResponse r, const std::string& url) {
  r.headers.emplace_back("Location", url);
  return r;
}

Json RenderBookmark(Ctx& c, const PersonalBookmark& b, const RecordingRef& r) {
  return Json{{"id", b.id},
              {"created_at", FormatTimestamp(b.created_at)},
              {"updated_at", FormatTimestamp(b.updated_at)},
              {"recording", RenderAnyRecording(c, r)}};
}

Json RenderBoost(Ctx& c, const Boost& b, const RecordingRef& r) {
  return Json{{"id", b.id},
              {"content", b.content},
              {"created_at", FormatTimestamp(b.created_at)},
              {"booster", RenderPersonByKey(c.rc, b.booster)},
              {"recording", RenderParent(c.rc, r)}};
}

// The boost with this id in a project the caller can see, with its recording.
struct FoundBoost {
  Project* project = nullptr;
  std::size_t index = 0;
  RecordingRef recording;
};
std::optional<FoundBoost> FindBoost(Ctx& c, const std::string& boost_id) {
  const std::optional<Id> id = ParseId(boost_id);
  if (!id) return std::nullopt;
  for (Project& p : c.account.projects) {
    for (std::size_t i = 0; i < p.boosts.size(); ++i) {
      if (p.boosts[i].id != *id) continue;
      std::optional<RecordingRef> r = FindVisible(c, p.boosts[i].recording);
      if (!r) return std::nullopt;
      return FoundBoost{&p, i, *r};
    }
  }
  return std::nullopt;
}

// The event `event_id` of the recording ("" for none: a boost on the recording itself); false
// when the id names no event of it.
bool EventOf(const RecordingRef& r, const std::string& event_id, Id* out) {
  *out = 0;
  if (event_id.empty()) return true;
  const std::optional<Id> id = ParseId(event_id);
  if (!id) return false;
  for (const RecordingEvent& e : r.project->events) {
    if (e.id == *id && e.recording == r.id) {
      *out = e.id;
      return true;
    }
  }
  return false;
}

bool Manager(const Person& p) { return p.admin || p.owner; }

// --- gauges ---

constexpr const char* kGaugeTitle = "How far along are we?";

Recording* GaugeOf(Project& p) { return FindTool(p, "Gauge"); }

// The project's gauge, made on first use (Basecamp makes one with every project; the world
// file has none, so the first write creates it).
Recording& EnsureGauge(Ctx& c, Project& p) {
  if (Recording* g = GaugeOf(p)) return *g;
  Recording g;
  g.type = "Gauge";
  g.title = kGaugeTitle;
  g.fields = {{"enabled", true}};
  const Id id = AddRecording(c.world, p, std::move(g), c.me.key, c.req.now);
  return *FindRecording(c.world, id)->recording;
}

std::string GaugeUrl(Ctx& c, const Project& p) {
  return c.rc.urls.api + "/projects/" + Num(p.id) + "/gauge.json";
}

Json GaugeParent(Ctx& c, const Project& p, const Recording& gauge) {
  return Json{{"id", gauge.id},
              {"title", gauge.title},
              {"type", "Gauge"},
              {"url", GaugeUrl(c, p)},
              {"app_url", c.rc.urls.app + "/projects/" + Num(p.id) + "/gauge"}};
}

Json RenderNeedle(Ctx& c, const RecordingRef& r) {
  const Recording& rec = *r.recording;
  Json out = RenderRecordingBase(c.rc, r);
  if (std::optional<RecordingRef> gauge = FindRecording(c.world, rec.parent)) {
    out["parent"] = GaugeParent(c, *r.project, *gauge->recording);
  }
  out["description"] = rec.fields.value("description", std::string());
  out["description_attachments"] = Json::array();
  out["color"] = rec.fields.value("color", std::string("green"));
  out["position"] = rec.fields.value("needle_position", 0);
  out["comment_count"] = CommentsCount(c.world, rec.id);
  return out;
}

std::optional<RecordingRef> FindNeedle(Ctx& c, const std::string& id) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, {"Gauge::Needle"});
  if (!r || r->recording->status != RecordingStatus::kActive) return std::nullopt;
  return r;
}

std::optional<std::string> DescriptionOf(const Json& needle) {
  auto it = needle.find("description");
  if (it == needle.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

// --- bookmarks ---

ApiResponse ListMyBookmarks(Ctx& c) {
  std::vector<std::pair<const PersonalBookmark*, RecordingRef>> items;
  if (const PersonalState* s = MyStateIfAny(c)) {
    for (auto it = s->bookmarks.rbegin(); it != s->bookmarks.rend(); ++it) {
      std::optional<RecordingRef> r = FindVisible(c, it->recording);
      if (r && (r->status == nullptr || *r->status == RecordingStatus::kActive)) {
        items.emplace_back(&*it, *r);
      }
    }
  }
  return Paginate(c.req, c.world.limits.page_size, items.size(), [&](std::size_t i) {
    return RenderBookmark(c, *items[i].first, items[i].second);
  });
}

ApiResponse GetBookmark(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  bool bookmarked = false;
  if (const PersonalState* s = MyStateIfAny(c)) {
    for (const PersonalBookmark& b : s->bookmarks) bookmarked = bookmarked || b.recording == r->id;
  }
  return Json200({{"bookmarked", bookmarked}});
}

ApiResponse CreateBookmark(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  PersonalState& s = MyState(c);
  auto it = std::find_if(s.bookmarks.begin(), s.bookmarks.end(),
                         [&](const PersonalBookmark& b) { return b.recording == r->id; });
  if (it == s.bookmarks.end()) {  // idempotent: the existing one comes back
    s.bookmarks.push_back({NewId(c.world, "bookmark"), r->id, c.req.now, c.req.now});
    it = s.bookmarks.end() - 1;
  }
  return WithLocation(Json200(RenderBookmark(c, *it, *r), 201),
                      c.rc.urls.api + "/recordings/" + Num(r->id) + "/bookmark.json");
}

ApiResponse DeleteBookmark(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  auto found = c.account.personal.find(c.me.key);
  if (found != c.account.personal.end()) {  // deleting an absent bookmark is a 204 too
    std::vector<PersonalBookmark>& b = found->second.bookmarks;
    b.erase(std::remove_if(b.begin(), b.end(),
                           [&](const PersonalBookmark& x) { return x.recording == r->id; }),
            b.end());
  }
  return NoContent();
}

// --- boosts ---

ApiResponse ListBoosts(Ctx& c, const std::string& recording_id, const std::string& event_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  Id event = 0;
  if (!r || !EventOf(*r, event_id, &event)) return NotFound();
  std::vector<const Boost*> boosts;
  for (const Boost& b : r->project->boosts) {
    if (b.recording == r->id && b.event == event) boosts.push_back(&b);
  }
  return Paginate(c.req, c.world.limits.page_size, boosts.size(),
                  [&](std::size_t i) { return RenderBoost(c, *boosts[i], *r); });
}

ApiResponse CreateBoost(Ctx& c, const std::string& recording_id, const std::string& event_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  Id event = 0;
  if (!r || !EventOf(*r, event_id, &event)) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  std::optional<std::string> content = StringField(*body, "content");
  if (!content || content->empty()) return Unprocessable("Content can't be blank");
  Boost b{NewId(c.world, "boost"), r->id, event, c.me.key, *content, c.req.now};
  r->project->boosts.push_back(b);
  RecordEvent(*r->project, c.world, r->id, "boosted", c.me.key, c.req.now);
  return WithLocation(Json200(RenderBoost(c, b, *r), 201),
                      c.rc.urls.api + "/boosts/" + Num(b.id) + ".json");
}

ApiResponse GetBoost(Ctx& c, const std::string& boost_id) {
  std::optional<FoundBoost> f = FindBoost(c, boost_id);
  if (!f) return NotFound();
  return Json200(RenderBoost(c, f->project->boosts[f->index], f->recording));
}

ApiResponse DeleteBoost(Ctx& c, const std::string& boost_id) {
  std::optional<FoundBoost> f = FindBoost(c, boost_id);
  if (!f) return NotFound();
  const Boost& b = f->project->boosts[f->index];
  if (b.booster != c.me.key && !Manager(c.me)) return Forbidden();  // only its booster
  const Id recording = b.recording;
  f->project->boosts.erase(f->project->boosts.begin() + static_cast<std::ptrdiff_t>(f->index));
  RecordEvent(*f->project, c.world, recording, "unboosted", c.me.key, c.req.now);
  return NoContent();
}

// --- gauges ---

ApiResponse ToggleGauge(Ctx& c, const std::string& project_id) {
  const std::optional<Id> pid = ParseId(project_id);
  Project* p = pid ? FindProject(c, *pid) : nullptr;
  if (p == nullptr) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  auto gauge = body->find("gauge");
  if (gauge == body->end() || !gauge->is_object() || !gauge->contains("enabled") ||
      !(*gauge)["enabled"].is_boolean()) {
    return Unprocessable("gauge[enabled] must be true or false");
  }
  if (!Manager(c.me)) return Forbidden();  // only admins toggle a gauge
  const bool enabled = (*gauge)["enabled"].get<bool>();
  Recording& g = EnsureGauge(c, *p);
  if (g.fields.value("enabled", true) != enabled) {
    g.fields["enabled"] = enabled;
    g.updated_at = c.req.now;
    RecordEvent(*p, c.world, g.id, enabled ? "enabled" : "disabled", c.me.key, c.req.now);
  }
  ApiResponse r;
  r.status = 200;  // the document's 200 has no body
  return r;
}

ApiResponse ListGaugeNeedles(Ctx& c, const std::string& project_id) {
  const std::optional<Id> pid = ParseId(project_id);
  Project* p = pid ? FindProject(c, *pid) : nullptr;
  if (p == nullptr) return NotFound();
  std::vector<RecordingRef> needles;
  if (Recording* g = GaugeOf(*p)) {
    for (Recording* n : ChildrenOf(*p, g->id, "Gauge::Needle")) {
      if (std::optional<RecordingRef> r = FindVisible(c, n->id)) needles.push_back(*r);
    }
  }
  std::stable_sort(needles.begin(), needles.end(), [](const RecordingRef& a, const RecordingRef& b) {
    return a.recording->created_at != b.recording->created_at
               ? a.recording->created_at > b.recording->created_at
               : a.id > b.id;  // newest first
  });
  return Paginate(c.req, c.world.limits.page_size, needles.size(),
                  [&](std::size_t i) { return RenderNeedle(c, needles[i]); });
}

ApiResponse CreateGaugeNeedle(Ctx& c, const std::string& project_id) {
  const std::optional<Id> pid = ParseId(project_id);
  Project* p = pid ? FindProject(c, *pid) : nullptr;
  if (p == nullptr) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  auto needle = body->find("gauge_needle");
  if (needle == body->end() || !needle->is_object()) return Unprocessable("gauge_needle is required");
  auto position = needle->find("position");
  if (position == needle->end() || !position->is_number_integer() || *position < 0 || *position > 100) {
    return Unprocessable("Position must be an integer between 0 and 100");
  }
  std::string color = "green";
  if (auto col = needle->find("color"); col != needle->end() && !col->is_null()) {
    if (!col->is_string() || (*col != "green" && *col != "yellow" && *col != "red")) {
      return Unprocessable("Color must be green, yellow or red");
    }
    color = col->get<std::string>();
  }
  std::optional<std::string> description = DescriptionOf(*needle);
  if (!description) return Unprocessable("Description must be a string");
  if (c.me.client) return Forbidden();
  const Id gauge_id = EnsureGauge(c, *p).id;
  Recording n;
  n.type = "Gauge::Needle";
  n.parent = gauge_id;
  n.title = "Moved the needle";
  n.fields = {{"needle_position", position->get<int>()}, {"color", color},
              {"description", *description}};
  const Id id = AddRecording(c.world, *p, std::move(n), c.me.key, c.req.now);
  if (std::optional<RecordingRef> g = FindRecording(c.world, gauge_id)) {
    g->recording->updated_at = c.req.now;
  }
  return Created(RenderNeedle(c, *FindRecording(c.world, id)));
}

ApiResponse GetGaugeNeedle(Ctx& c, const std::string& needle_id) {
  std::optional<RecordingRef> r = FindNeedle(c, needle_id);
  if (!r) return NotFound();
  return Json200(RenderNeedle(c, *r));
}

ApiResponse UpdateGaugeNeedle(Ctx& c, const std::string& needle_id) {
  std::optional<RecordingRef> r = FindNeedle(c, needle_id);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return BadBody();
  std::optional<std::string> description = std::string();
  auto needle = body->find("gauge_needle");
  if (needle != body->end()) {
    if (!needle->is_object()) return Unprocessable("gauge_needle must be an object");
    if (!needle->contains("description")) {
      description = std::nullopt;
    } else {
      description = DescriptionOf(*needle);
      if (!description) return Unprocessable("Description must be a string");
    }
  } else {
    description = std::nullopt;
  }
  if (r->recording->creator != c.me.key && !Manager(c.me)) return Forbidden();
  if (description && r->recording->fields.value("description", std::string()) != *description) {
    r->recording->fields["description"] = *description;
    r->recording->updated_at = c.req.now;
    RecordEvent(*r->project, c.world, r->id, "description_changed", c.me.key, c.req.now);
  }
  return Json200(RenderNeedle(c, *r));
}

ApiResponse DestroyGaugeNeedle(Ctx& c, const std::string& needle_id) {
  std::optional<RecordingRef> r = FindNeedle(c, needle_id);
  if (!r) return NotFound();
  if (r->recording->creator != c.me.key && !Manager(c.me)) return Forbidden();
  Status s = SetRecordingStatus(c.world, *r, RecordingStatus::kTrashed, c.me.key, c.req.now);
  if (!s.ok()) return Unprocessable(s.message());
  return NoContent();
}

ApiResponse ListGauges(Ctx& c) {
  struct Item {
    Project* project;
    Recording* gauge;
    const Recording* last;
    const Recording* previous;
  };
  std::vector<Item> items;
  for (Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    Recording* g = GaugeOf(p);
    if (g == nullptr || g->status != RecordingStatus::kActive) continue;
    std::vector<Recording*> needles = ChildrenOf(p, g->id, "Gauge::Needle");
    std::stable_sort(needles.begin(), needles.end(), [](const Recording* a, const Recording* b) {
      return a->created_at != b->created_at ? a->created_at > b->created_at : a->id > b->id;
    });
    items.push_back({&p, g, needles.empty() ? nullptr : needles[0],
                     needles.size() < 2 ? nullptr : needles[1]});
  }
  const std::string order = Param(c.req, "bucket_ids");
  if (!order.empty()) {  // the order asked for, only those projects
    std::vector<Item> picked;
    std::size_t start = 0;
    while (start <= order.size()) {
      std::size_t comma = order.find(',', start);
      if (comma == std::string::npos) comma = order.size();
      if (std::optional<Id> id = ParseId(order.substr(start, comma - start))) {
        for (const Item& it : items) {
          if (it.project->id == *id) picked.push_back(it);
        }
      }
      start = comma + 1;
    }
    items = std::move(picked);
  } else {  // risk first: red, yellow, green (none last), then by name
    auto risk = [](const Item& it) {
      const std::string color = it.last ? it.last->fields.value("color", std::string()) : "";
      return color == "red" ? 0 : color == "yellow" ? 1 : color == "green" ? 2 : 3;
    };
    std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
      return risk(a) != risk(b) ? risk(a) < risk(b) : a.project->name < b.project->name;
    });
  }
  return Paginate(c.req, c.world.limits.page_size, items.size(), [&](std::size_t i) {
    const Item& it = items[i];
    Json out = RenderRecordingBase(c.rc, *FindRecording(c.world, it.gauge->id));
    for (const char* key : {"subscription_url", "comments_count", "comments_url", "position",
                            "boosts_count", "boosts_url", "parent"}) {
      out.erase(key);
    }
    out["url"] = GaugeUrl(c, *it.project);
    out["app_url"] = c.rc.urls.app + "/projects/" + Num(it.project->id) + "/gauge";
    out["description"] = it.last ? it.last->fields.value("description", std::string()) : "";
    out["description_attachments"] = Json::array();
    out["enabled"] = it.gauge->fields.value("enabled", true);
    if (it.last) {
      out["last_needle_color"] = it.last->fields.value("color", std::string("green"));
      out["last_needle_position"] = it.last->fields.value("needle_position", 0);
    }
    if (it.previous) out["previous_needle_position"] = it.previous->fields.value("needle_position", 0);
    return out;
  });
}

}  // namespace bcsim::api
