#include "probe/request.h"

#include <cctype>
#include <regex>

namespace bcsim::probe {
namespace {

constexpr const char* kDate = "2026-12-01";
constexpr const char* kTimestamp = "2026-12-01T09:00:00Z";
constexpr const char* kBoundary = "bcsim-probe-boundary";

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A 1x1 transparent PNG: what the probe uploads as a file.
std::string TinyPng() {
  static const unsigned char bytes[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
      0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
      0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
      0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
      0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

std::string Encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The first type of a schema that is not "null" ("" when untyped).
std::string TypeOf(const json& s) {
  if (!s.contains("type")) return s.contains("properties") ? "object" : "";
  if (s["type"].is_string()) return s["type"].get<std::string>();
  for (const json& t : s["type"]) {
    if (t.is_string() && t != "null") return t.get<std::string>();
  }
  return "";
}

// A value the description quotes or lists, "" when it names none.
std::string Described(const std::string& d) {
  static const std::regex quoted("\"([^\"\\s][^\"]*)\"");
  static const std::regex backticked("`YYYY-MM-DD`");
  static const std::regex piped("([A-Za-z][A-Za-z_:]*)\\|[A-Za-z]");
  static const std::regex listed(":\\s*([A-Za-z_]+)(,| or | \\()");
  std::smatch m;
  // A list of quoted values with a catch-all `"other"` (a cloud file's service, a Google
  // document's type): the one value that fits any other field ("`other` accepts any ... URL").
  for (auto it = std::sregex_iterator(d.begin(), d.end(), quoted); it != std::sregex_iterator();
       ++it) {
    if ((*it)[1].str() == "other") return "other";
  }
  if (std::regex_search(d, m, quoted)) return m[1].str();
  if (std::regex_search(d, backticked)) return kDate;
  if (std::regex_search(d, m, piped)) return m[1].str();
  if (std::regex_search(d, m, listed)) return m[1].str();
  return "";
}

// The parameter-style name ("columnId") for a property name ("column_id").
std::string ParamName(const std::string& property) {
  std::string stem = property;
  if (EndsWith(stem, "_ids")) stem.resize(stem.size() - 4);
  else if (EndsWith(stem, "_id")) stem.resize(stem.size() - 3);
  else if (stem == "id") stem.clear();
  static const std::set<std::string> people = {"assignee", "participant", "subscriber", "subscription",
                                              "subscriptions", "person", "people", "creator", "grant", "revoke",
                                              "completion_subscriber"};
  if (people.count(stem) != 0) stem = "person";
  return stem.empty() ? "id" : stem + "Id";
}

// An id for a property: one of the kind its name says; else, for a name that says no kind
// (source_id, target_id), something that belongs to the path's last id (`near`: the steps of a
// card, the columns of a card table); else a to-do, the recording every world has.
Id PoolId(const IdPool& pool, const std::string& property, Id near) {
  if (std::optional<Id> id = pool.Pick(IdPool::CandidateTags(ParamName(property), ""), {}, Prefer::kFirstSeen)) return *id;
  if (near != 0) {
    if (std::optional<Id> child = pool.ChildOf(near)) return *child;
  }
  return pool.Pick({"t:todo"}, {}, Prefer::kFirstSeen).value_or(kMadeUpId);
}

json StringFor(const json& s, const std::string& name, const IdPool& pool) {
  const std::string description = s.value("description", "");
  if (EndsWith(name, "sgid") || description.find("sgid") != std::string::npos) {
    std::smatch m;
    static const std::regex key("([a-z]+_sgid)");
    std::string k = EndsWith(name, "sgid") ? name : "";
    if (k.empty() && std::regex_search(description, m, key)) k = m[1].str();
    const std::string sgid = pool.Sgid(k);
    if (!sgid.empty()) return sgid;
  }
  if (std::string v = Described(description); !v.empty()) return v;
  const std::string format = s.value("format", "");
  if (format == "date") return kDate;
  if (format == "date-time") return kTimestamp;
  if (name == "date" || EndsWith(name, "_on") || EndsWith(name, "_date") || EndsWith(name, "date")) return kDate;
  if (EndsWith(name, "_at")) return kTimestamp;
  if (name == "hours") return "1.5";
  if (name.find("url") != std::string::npos) return "https://example.test/probe";
  if (name.find("email") != std::string::npos) return "probe@example.test";
  if (name == "type" || name == "types") return "Todo";  // a recording type (webhook `types`)
  return "Probe " + (name.empty() ? std::string("value") : name);
}

}  // namespace

json ValueFor(const Document& doc, const json& schema, const std::string& name, const IdPool& pool, Id near, int depth) {
  const json& s = doc.Resolve(schema);
  if (!s.is_object() || depth > 8) return nullptr;
  for (const char* any : {"oneOf", "anyOf"}) {
    if (s.contains(any) && s[any].is_array() && !s[any].empty()) return ValueFor(doc, s[any][0], name, pool, near, depth + 1);
  }
  if (s.contains("allOf") && s["allOf"].is_array()) {
    json merged = json::object();
    for (const json& part : s["allOf"]) {
      json v = ValueFor(doc, part, name, pool, near, depth + 1);
      if (v.is_object()) merged.update(v);
    }
    return merged;
  }
  if (s.contains("enum") && s["enum"].is_array()) {
    for (const json& v : s["enum"]) {
      if (!v.is_null()) return v;
    }
  }
  if (s.contains("example")) return s["example"];
  if (s.contains("examples") && s["examples"].is_array() && !s["examples"].empty()) return s["examples"][0];
  const std::string type = TypeOf(s);
  if (type == "string") return StringFor(s, name, pool);
  if (type == "integer") {
    if (name == "id" || EndsWith(name, "_id")) return PoolId(pool, name, near);
    if (name == "position") return s.value("description", "").find("0-indexed") != std::string::npos ? 0 : 1;
    return 1;
  }
  if (type == "number") return 1;
  if (type == "boolean") return true;
  if (type == "array") {
    std::string item = name;
    if (EndsWith(item, "_ids")) item.resize(item.size() - 1);  // assignee_ids -> assignee_id
    json one = ValueFor(doc, s.value("items", json::object()), item, pool, near, depth + 1);
    // A list of ids (int64: a list of int32, a schedule's `days`, is numbers) the document does
    // not name otherwise: people (subscriptions, grant).
    const json item_schema = s.value("items", json::object());
    const json& items = doc.Resolve(item_schema);
    const bool ids = items.is_object() && items.value("format", "") != "int32";
    if (one.is_number_integer() && ids && !EndsWith(name, "_ids")) {
      one = PoolId(pool, "person_id", 0);
    }
    return json::array({one});
  }
  if (type == "object") {
    json out = json::object();
    const json props = s.value("properties", json::object());
    std::set<std::string> required;
    for (const json& r : s.value("required", json::array())) required.insert(r.get<std::string>());
    // A required nested object that marks nothing required gets every property (a schedule, a
    // preferences payload); the top-level body only what is required.
    const bool all = depth > 0 && required.empty();
    for (const auto& [key, sub] : props.items()) {
      if (!all && required.count(key) == 0) continue;
      json v = ValueFor(doc, sub, key, pool, near, depth + 1);
      // Of an optional property, a string no rule found a value for ("Probe frequency") is left
      // out: the server's default is a better guess than a made-up word.
      if (all && v.is_string() && v.get<std::string>() == "Probe " + key) continue;
      out[key] = std::move(v);
    }
    return out;
  }
  return StringFor(s, name, pool);
}

std::vector<std::pair<std::string, std::string>> PathParams(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string previous;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(pos, slash - pos);
    const std::size_t open = seg.find('{');
    if (open != std::string::npos) {
      out.emplace_back(seg.substr(open + 1, seg.find('}') - open - 1), previous);
      previous.clear();
    } else {
      previous = seg;
    }
    pos = slash + 1;
  }
  return out;
}

std::string CollectionOf(const std::string& path) {
  std::string last = path.substr(path.rfind('/') + 1);
  if (last.find('{') != std::string::npos) {
    std::vector<std::pair<std::string, std::string>> params = PathParams(path);
    return params.empty() ? "" : params.back().second;
  }
  if (EndsWith(last, ".json")) last.resize(last.size() - 5);
  return last;
}

namespace {

bool IsIdParam(const Operation& op, const std::string& name) {
  if (name == "accountId") return false;
  for (const Parameter& p : op.params) {
    if (p.name == name && p.in == "path") {
      const json& schema = p.spec.value("schema", json::object());
      return TypeOf(schema) == "integer";
    }
  }
  return true;  // undeclared: treat as an id
}

// Chooses ids for the path's id parameters, rightmost (most specific) first, each later one
// preferring ids related to those already chosen. Missing ones are absent from the map.
std::map<std::string, Id> ChooseIds(const Operation& op, const IdPool& pool, Prefer prefer) {
  std::map<std::string, Id> chosen;
  std::set<Id> near;
  std::vector<std::pair<std::string, std::string>> params = PathParams(op.path);
  for (auto it = params.rbegin(); it != params.rend(); ++it) {
    if (!IsIdParam(op, it->first)) continue;
    // Only the rightmost id is the one a delete removes; the containers above it are the
    // world's, whichever is first seen.
    const Prefer p = chosen.empty() ? prefer : Prefer::kFirstSeen;
    const std::vector<std::string> tags = IdPool::CandidateTags(it->first, it->second);
    std::optional<Id> id;
    // Enabling wants something that is off (EnableTool: a dock tool whose `enabled` is false).
    if (chosen.empty() && op.id.rfind("Enable", 0) == 0) {
      id = pool.Pick(tags, near, p, "s:disabled");
    }
    if (!id) id = pool.Pick(tags, near, p);
    if (!id) continue;
    chosen[it->first] = *id;
    near.insert(*id);
  }
  return chosen;
}

json ParamSchema(const Parameter& p) {
  json schema = p.spec.value("schema", json::object());
  if (!schema.contains("description") && p.spec.contains("description")) schema["description"] = p.spec["description"];
  return schema;
}

}  // namespace

bool IdsKnown(const Operation& op, const IdPool& pool, Prefer prefer) {
  std::size_t wanted = 0;
  for (const auto& [name, _] : PathParams(op.path)) wanted += IsIdParam(op, name) ? 1 : 0;
  return ChooseIds(op, pool, prefer).size() == wanted;
}

ProbeRequest BuildRequest(const Document& doc, const Operation& op, const IdPool& pool,
                          const std::string& account_id, Prefer prefer) {
  ProbeRequest req;
  req.method = op.method;
  const std::map<std::string, Id> ids = ChooseIds(op, pool, prefer);
  std::string target;
  std::size_t pos = 0;
  while (pos < op.path.size()) {
    const std::size_t open = op.path.find('{', pos);
    if (open == std::string::npos) {
      target += op.path.substr(pos);
      break;
    }
    const std::size_t close = op.path.find('}', open);
    target += op.path.substr(pos, open - pos);
    const std::string name = op.path.substr(open + 1, close - open - 1);
    if (name == "accountId") {
      target += account_id;
    } else if (!IsIdParam(op, name)) {
      json schema = json::object();
      for (const Parameter& p : op.params) {
        if (p.name == name) schema = ParamSchema(p);
      }
      json v = ValueFor(doc, schema, name, pool, 0);
      // A {date} after an id: a day that object has (a schedule entry's occurrence on the day
      // it starts), as a client would ask for it.
      const Item* of = req.last_id != 0 ? pool.Find(req.last_id) : nullptr;
      if (name == "date" && of != nullptr && !of->day.empty()) v = of->day;
      target += Encode(v.is_string() ? v.get<std::string>() : v.dump());
    } else {
      auto it = ids.find(name);
      const Id id = it == ids.end() ? kMadeUpId : it->second;
      if (it == ids.end() && req.made_up.empty()) req.made_up = name;
      req.path_ids.push_back(id);
      req.last_id = id;
      target += std::to_string(id);
    }
    pos = close + 1;
  }
  std::string query;
  for (const Parameter& p : op.params) {
    if (p.in != "query" || !p.required) continue;
    json v;
    if (p.spec.contains("example")) {
      v = p.spec["example"];
    } else if (p.spec.contains("examples") && p.spec["examples"].is_object() && !p.spec["examples"].empty()) {
      v = p.spec["examples"].begin()->value("value", json());
    }
    if (v.is_null()) v = ValueFor(doc, ParamSchema(p), p.name, pool, 0);
    query += (query.empty() ? "?" : "&") + Encode(p.name) + "=" + Encode(v.is_string() ? v.get<std::string>() : v.dump());
  }
  req.target = target + query;

  if (op.body_type == "application/json") {
    req.content_type = op.body_type;
    req.body = ValueFor(doc, op.body_schema, "", pool, req.last_id).dump();
  } else if (op.body_type == "multipart/form-data") {
    req.content_type = std::string("multipart/form-data; boundary=") + kBoundary;
    const json& s = doc.Resolve(op.body_schema);
    const json props = s.value("properties", json::object());
    for (const auto& [key, sub] : props.items()) {
      const json& field = doc.Resolve(sub);
      req.body += std::string("--") + kBoundary + "\r\n";
      if (field.value("format", "") == "binary") {
        req.body += "Content-Disposition: form-data; name=\"" + key + "\"; filename=\"probe.png\"\r\n"
                    "Content-Type: image/png\r\n\r\n" + TinyPng() + "\r\n";
      } else {
        json v = ValueFor(doc, field, key, pool, req.last_id);
        req.body += "Content-Disposition: form-data; name=\"" + key + "\"\r\n\r\n" +
                    (v.is_string() ? v.get<std::string>() : v.dump()) + "\r\n";
      }
    }
    req.body += std::string("--") + kBoundary + "--\r\n";
  } else if (!op.body_type.empty()) {
    req.content_type = op.body_type;  // application/octet-stream: a file's bytes
    req.body = TinyPng();
  }
  return req;
}

}  // namespace bcsim::probe
