// search.json: a real search over the titles, content and descriptions of the recordings the
// caller can see (every word of `q` must appear, case-insensitively, tags ignored), with the
// document's filters; and searches/metadata.json, the filter choices it accepts.
#include <algorithm>
#include <limits>
#include <sstream>

#include "api/activity.h"
#include "api/paginate.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

// The recording types search knows, with the label the metadata shows for each.
struct SearchType {
  const char* key;
  const char* label;
};
constexpr SearchType kSearchTypes[] = {
    {"Message", "Messages"},          {"Comment", "Comments"},
    {"Todo", "To-dos"},               {"Todolist", "To-do lists"},
    {"Document", "Documents"},        {"Upload", "Files"},
    {"Schedule::Entry", "Events"},    {"Question::Answer", "Check-in answers"},
    {"Kanban::Card", "Cards"},        {"Chat::Lines::Text", "Chats"},
    {"Inbox::Forward", "Forwards"},   {"Client::Approval", "Client approvals"},
    {"Client::Correspondence", "Client correspondences"},
};
constexpr SearchType kFileTypes[] = {
    {"image", "Images"}, {"pdf", "PDFs"}, {"document", "Documents"},
    {"video", "Videos"}, {"audio", "Audio"},
};

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool Searchable(std::string_view type) {
  for (const SearchType& t : kSearchTypes) {
    if (type == t.key) return true;
  }
  return false;
}

struct Text {
  std::string title, content, description;
  Millis created_at = 0, updated_at = 0;
  std::string creator;  // Person key
};

Text TextOf(const RecordingRef& r) {
  Text t;
  if (r.todo != nullptr) {
    t = {r.todo->title, "", r.todo->description, r.todo->created_at, r.todo->updated_at,
         r.todo->creator};
  } else if (r.holder() != nullptr) {
    t = {r.holder()->name, "", r.holder()->description, r.holder()->created_at,
         r.holder()->updated_at, ""};
  } else if (r.recording != nullptr) {
    const Recording& rec = *r.recording;
    t = {rec.title, rec.content, rec.fields.value("description", std::string()), rec.created_at,
         rec.updated_at, rec.creator};
    if (auto s = rec.fields.find("subject"); s != rec.fields.end() && s->is_string() && t.title.empty()) {
      t.title = s->get<std::string>();
    }
  }
  return t;
}

std::vector<std::string> Words(const std::string& q) {
  std::vector<std::string> out;
  std::istringstream in(Lower(PlainText(q)));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Millis SinceCutoff(const std::string& since, Millis now) {
  constexpr Millis kDay = 24LL * 3600 * 1000;
  if (since == "last_7_days") return now - 7 * kDay;
  if (since == "last_30_days") return now - 30 * kDay;
  if (since == "last_90_days") return now - 90 * kDay;
  if (since == "last_12_months") return now - 365 * kDay;
  return std::numeric_limits<Millis>::min();  // forever
}

}  // namespace

ApiResponse Search(Ctx& c) {
  const std::vector<std::string> words = Words(Param(c.req, "q"));
  if (words.empty()) return Error(400, "A search needs a query (q)");
  std::vector<std::string> types = StringParams(c.req, "type_names[]");
  if (const std::string t = Param(c.req, "type"); !t.empty()) types.push_back(t);
  std::vector<Id> buckets = IdParams(c.req, "bucket_ids[]");
  if (std::optional<Id> b = ParseId(Param(c.req, "bucket_id"))) buckets.push_back(*b);
  std::vector<Id> creator_ids = IdParams(c.req, "creator_ids[]");
  if (std::optional<Id> p = ParseId(Param(c.req, "creator_id"))) creator_ids.push_back(*p);
  std::vector<std::string> creators;
  for (Id id : creator_ids) {
    if (const Person* p = PersonById(c, id)) creators.push_back(p->key);
  }
  const bool exclude_chat = Param(c.req, "exclude_chat") == "true";
  const Millis cutoff = SinceCutoff(Param(c.req, "since"), c.req.now);
  const std::string file_type = Param(c.req, "file_type");

  struct Hit {
    RecordingRef r;
    int title_hits;
    Millis updated_at;
  };
  std::vector<Hit> hits;
  for (const RecordingRef& r : VisibleRecordings(c)) {
    if (!Searchable(r.type) || r.status == nullptr || *r.status != RecordingStatus::kActive) continue;
    if (r.recording != nullptr && r.recording->fields.value("draft", false)) continue;
    if (!types.empty() && std::find(types.begin(), types.end(), r.type) == types.end()) continue;
    if (!buckets.empty() &&
        std::find(buckets.begin(), buckets.end(), r.project->id) == buckets.end()) {
      continue;
    }
    if (exclude_chat && r.type.rfind("Chat::", 0) == 0) continue;
    const Text t = TextOf(r);
    if (!creator_ids.empty() &&
        std::find(creators.begin(), creators.end(), t.creator) == creators.end()) {
      continue;
    }
    if (t.updated_at < cutoff) continue;
    if (!file_type.empty()) {
      const std::string ct =
          r.recording != nullptr ? r.recording->fields.value("content_type", std::string()) : "";
      if (ct.find(file_type) == std::string::npos) continue;
    }
    const std::string title = Lower(PlainText(t.title));
    const std::string all =
        title + " " + Lower(PlainText(t.content)) + " " + Lower(PlainText(t.description));
    bool every = true;
    int title_hits = 0;
    for (const std::string& w : words) {
      every = every && all.find(w) != std::string::npos;
      title_hits += title.find(w) != std::string::npos ? 1 : 0;
    }
    if (every) hits.push_back({r, title_hits, t.updated_at});
  }
  const bool recency = Param(c.req, "sort") == "recency";
  std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    if (!recency && a.title_hits != b.title_hits) return a.title_hits > b.title_hits;
    return a.updated_at > b.updated_at;
  });
  return Paginate(c.req, c.world.limits.page_size, hits.size(), [&](std::size_t i) {
    const RecordingRef& r = hits[i].r;
    const Json full = RenderAnyRecording(c, r);
    Json out = Json::object();
    for (const char* key : {"id", "status", "visible_to_clients", "created_at", "updated_at",
                            "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                            "subscription_url", "parent", "bucket", "creator"}) {
      if (full.contains(key)) out[key] = full[key];
    }
    const Text t = TextOf(r);
    out["content"] = r.recording != nullptr ? Json(t.content) : Json(nullptr);
    out["description"] = t.description.empty() ? Json(nullptr) : Json(t.description);
    out["plain_text_content"] = PlainText(t.content);
    out["plain_text_description"] = PlainText(t.description);
    return out;
  });
}

ApiResponse GetSearchMetadata(Ctx& c) {
  (void)c;
  Json types = Json::array({{{"key", nullptr}, {"value", "Everything"}}});
  for (const SearchType& t : kSearchTypes) types.push_back({{"key", t.key}, {"value", t.label}});
  Json files = Json::array({{{"key", nullptr}, {"value", "All files"}}});
  for (const SearchType& t : kFileTypes) files.push_back({{"key", t.key}, {"value", t.label}});
  return Json200({{"recording_search_types", std::move(types)},
                  {"file_search_types", std::move(files)},
                  {"default_creator_label", "Anyone"},
                  {"default_bucket_label", "All projects"},
                  {"default_circle_label", "Everyone"},
                  {"default_file_type_label", "All files"},
                  {"default_type_label", "Everything"}});
}

}  // namespace bcsim::api
