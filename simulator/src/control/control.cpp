#include "control/control.h"

#include <mutex>
#include <shared_mutex>

#include "bcsim/events.h"
#include "bcsim/world_export.h"
#include "bcsim/world_loader.h"
#include "faults/fault.h"
#include "launchpad/tokens.h"
#include "server/http_util.h"

namespace bcsim {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void Reply(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void Error(httplib::Response& res, int status, const std::string& message) {
  Reply(res, status, nlohmann::json{{"error", message}});
}

// Parses a JSON request body; on failure answers 400 and returns false.
bool ParseBody(const httplib::Request& req, httplib::Response& res, nlohmann::json* out) {
  if (req.body.empty()) {
    *out = nlohmann::json::object();
    return true;
  }
  *out = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) {
    Error(res, 400, "the body is not valid JSON");
    return false;
  }
  return true;
}

nlohmann::json ClockJson(SimState& s) {
  Millis now = s.Now();
  return {{"now", FormatTimestamp(now)}, {"now_ms", now}};
}

// Mints an access + refresh token for `identity` through `client` (a client key or client_id;
// empty: the world's only client), as POST /authorization/token would. Caller holds world_mu
// exclusively. On error sets *status (404 unknown, 400 ambiguous) and returns an error JSON.
nlohmann::json Mint(SimState& s, const std::string& identity, const std::string& client_name,
                    int* status) {
  World& w = s.world;
  const Identity* id = FindIdentity(w, identity);
  if (id == nullptr || id->removed) {
    *status = 404;
    return {{"error", "no identity " + identity}};
  }
  const OAuthClient* client = nullptr;
  if (!client_name.empty()) {
    client = FindClient(w, client_name);
    if (client == nullptr) {
      *status = 404;
      return {{"error", "no client " + client_name}};
    }
  } else if (w.clients.size() == 1) {
    client = &w.clients.begin()->second;
  } else {
    *status = 400;
    return {{"error", "name the client: the world has " + std::to_string(w.clients.size())}};
  }
  std::size_t grant = AddGrant(w, client->client_id, identity);
  *status = 200;
  return IssueTokens(w, grant, s.Now(), true);
}

// The `mint` requests of a PUT scenario / POST reset: "IDENTITY" or "IDENTITY:CLIENT", from
// repeated ?mint= parameters or a JSON body's "mint": [..].
std::vector<std::string> MintSpecs(const httplib::Request& req, const nlohmann::json* body) {
  std::vector<std::string> specs;
  auto range = req.params.equal_range("mint");
  for (auto it = range.first; it != range.second; ++it) specs.push_back(it->second);
  if (body != nullptr && body->is_object() && body->contains("mint") && (*body)["mint"].is_array()) {
    for (const auto& m : (*body)["mint"]) {
      if (m.is_string()) specs.push_back(m.get<std::string>());
    }
  }
  return specs;
}

// Mints tokens for each spec (after a load or reset, in the same request) and answers
// {"status": STATUS, "tokens": {SPEC: token JSON}}; "tokens" only when something was asked.
void ReplyWithMinted(SimState& s, httplib::Response& res, const std::string& status_text,
                     const std::vector<std::string>& specs) {
  nlohmann::json out = {{"status", status_text}};
  if (!specs.empty()) {
    nlohmann::json tokens = nlohmann::json::object();
    std::unique_lock lock(s.world_mu);
    for (const std::string& spec : specs) {
      const std::size_t colon = spec.find(':');
      int status = 200;
      nlohmann::json t = Mint(s, spec.substr(0, colon),
                              colon == std::string::npos ? std::string() : spec.substr(colon + 1),
                              &status);
      if (status != 200) {
        lock.unlock();
        return Error(res, status, "mint " + spec + ": " + t["error"].get<std::string>());
      }
      tokens[spec] = std::move(t);
    }
    out["tokens"] = std::move(tokens);
  }
  Reply(res, 200, out);
}

void PutScenario(SimState& s, const httplib::Request& req, httplib::Response& res) {
  std::string text = req.body;
  std::string source = req.has_param("source_name") ? req.get_param_value("source_name")
                                                    : std::string("scenario.yaml");
  std::map<std::string, std::string> vars;
  for (const auto& [k, v] : req.params) {
    if (k != "source_name" && k != "mint") vars[k] = v;
  }
  nlohmann::json body;
  bool json_body = false;
  if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    json_body = true;
    if (!ParseBody(req, res, &body)) return;
    if (!body.is_object() || !body.contains("yaml") || !body["yaml"].is_string()) {
      return Error(res, 400, "expected {\"yaml\": TEXT, \"vars\": {...}}");
    }
    text = body["yaml"].get<std::string>();
    if (body.contains("source_name") && body["source_name"].is_string())
      source = body["source_name"].get<std::string>();
    if (body.contains("vars") && body["vars"].is_object()) {
      for (const auto& [k, v] : body["vars"].items()) {
        if (v.is_string()) vars[k] = v.get<std::string>();
      }
    }
  }
  Status st = s.LoadText(text, source, vars);
  if (!st.ok()) return Error(res, 400, st.message());
  ReplyWithMinted(s, res, "loaded", MintSpecs(req, json_body ? &body : nullptr));
}

void PostClock(SimState& s, const httplib::Request& req, httplib::Response& res) {
  nlohmann::json body;
  if (!ParseBody(req, res, &body)) return;
  Millis advance = 0;
  if (body.contains("advance") && body["advance"].is_string()) {
    StatusOr<Millis> d = ParseDuration(body["advance"].get<std::string>());
    if (!d.ok()) return Error(res, 400, "advance: " + d.status().message());
    advance = *d;
  } else if (body.contains("advance_ms") && body["advance_ms"].is_number_integer()) {
    advance = body["advance_ms"].get<Millis>();
  } else {
    return Error(res, 400, "expected {\"advance\": \"15d\"} or {\"advance_ms\": N}");
  }
  if (advance < 0) return Error(res, 400, "the clock only moves forward");
  // Refused before anything moves: an advance that overflows or passes year 9999.
  const Millis now = s.Now();
  if (advance > kLatestMs - now) {
    return Error(res, 400,
                 "advance too large: the clock would pass " + FormatTimestamp(kLatestMs) +
                     " (now " + FormatTimestamp(now) + ", at most " +
                     std::to_string(kLatestMs - now) + " ms more)");
  }
  s.clock().Advance(advance);
  s.webhooks.Notify();  // retries may be due now
  Reply(res, 200, ClockJson(s));
}

// The faults as listed: a spec's header, query and body maps (match.header(s), match.query,
// match.body, respond.headers, respond.replace_headers) keep their names, but a secret-named one's value is "[REDACTED]" like in
// the journal (a fault may answer Set-Cookie or match on Authorization).
nlohmann::json ListedFaults(const FaultEngine& faults) {
  nlohmann::json out = faults.ToJson();
  for (nlohmann::json& f : out) {
    nlohmann::json& spec = f["spec"];
    for (const char* part : {"match", "respond"}) {
      if (!spec.is_object() || !spec.contains(part) || !spec[part].is_object()) continue;
      for (const char* map : {"header", "headers", "replace_headers", "query", "body"}) {
        if (spec[part].contains(map)) spec[part][map] = RedactJson(spec[part][map]);
      }
    }
  }
  return out;
}

void Faults(SimState& s, const httplib::Request& req, httplib::Response& res,
            const std::string& rest) {
  if (rest.empty() && req.method == "GET") {
    return Reply(res, 200, {{"faults", ListedFaults(s.faults)}});
  }
  if (rest.empty() && req.method == "DELETE") {
    s.faults.Clear();
    return Reply(res, 200, {{"faults", nlohmann::json::array()}});
  }
  if (rest.empty() && req.method == "POST") {
    nlohmann::json body;
    if (!ParseBody(req, res, &body)) return;
    StatusOr<Fault> f = FaultFromJson(body);
    if (!f.ok()) return Error(res, 400, f.status().message());
    std::string id = s.faults.Add(std::move(f).value());
    return Reply(res, 201, {{"id", id}});
  }
  if (!rest.empty() && req.method == "DELETE") {
    if (!s.faults.Remove(rest)) return Error(res, 404, "no fault " + rest);
    return Reply(res, 200, {{"removed", rest}});
  }
  Error(res, 405, "use GET, POST or DELETE on /__bcsim/faults");
}

void PostEvents(SimState& s, const httplib::Request& req, httplib::Response& res) {
  nlohmann::json body;
  if (!ParseBody(req, res, &body)) return;
  std::unique_lock lock(s.world_mu);
  Status st = ApplyEvent(s.world, body, s.Now());
  if (!st.ok()) return Error(res, 400, st.message());
  s.RefreshAccountIds();
  const bool queued = s.QueueWebhookDeliveries();
  lock.unlock();
  if (queued) s.webhooks.Notify();
  Reply(res, 200, {{"status", "applied"}});
}

// POST webhooks/flush: every webhook delivery due now is attempted before the answer.
void FlushWebhooks(SimState& s, httplib::Response& res) {
  WebhookDeliverer::Summary sum = s.webhooks.Flush();
  Reply(res, 200, {{"attempted", sum.attempted},
                   {"delivered", sum.delivered},
                   {"failed", sum.failed},
                   {"waiting", sum.waiting}});
}

void PostTokens(SimState& s, const httplib::Request& req, httplib::Response& res) {
  nlohmann::json body;
  if (!ParseBody(req, res, &body)) return;
  if (!body.is_object() || !body.contains("identity") || !body["identity"].is_string())
    return Error(res, 400, "expected {\"identity\": KEY, \"client\": KEY}");
  std::string client;
  if (body.contains("client") && body["client"].is_string()) client = body["client"].get<std::string>();
  std::unique_lock lock(s.world_mu);
  int status = 200;
  nlohmann::json out = Mint(s, body["identity"].get<std::string>(), client, &status);
  lock.unlock();
  Reply(res, status, out);
}

void GetRequests(SimState& s, const httplib::Request& req, httplib::Response& res) {
  std::uint64_t since = 0;
  std::size_t limit = 1000;
  bool bodies = false;
  if (req.has_param("bodies")) {
    const std::string b = req.get_param_value("bodies");
    if (b == "1" || b == "true") {
      bodies = true;
    } else if (b != "0" && b != "false") {
      return Error(res, 400, "bodies must be 1 or 0, not \"" + b + "\"");
    }
  }
  if (bodies && !s.options().journal_bodies) {
    return Error(res, 400,
                 "this simulator keeps no headers or bodies: start it with journal_bodies "
                 "(bcsim serve --journal-bodies)");
  }
  try {
    if (req.has_param("since")) since = std::stoull(req.get_param_value("since"));
    if (req.has_param("limit")) limit = std::stoull(req.get_param_value("limit"));
  } catch (const std::exception&) {
    return Error(res, 400, "since and limit must be whole numbers");
  }
  nlohmann::json list = nlohmann::json::array();
  std::uint64_t last = since;
  for (const JournalEntry& e : s.journal.Since(since, limit)) {
    list.push_back(Journal::ToJson(e, bodies));
    last = e.seq;
  }
  // Header values are whatever the client sent: invalid UTF-8 is replaced, never thrown on.
  res.status = 200;
  res.set_content(nlohmann::json{{"requests", std::move(list)}, {"last_seq", last}}.dump(
                      -1, ' ', false, nlohmann::json::error_handler_t::replace),
                  kJson);
}

// GET world: the current world as scenario YAML (world_export.h), or ?format=json; ?clients=0
// leaves the OAuth clients (and their secrets) out.
void GetWorld(SimState& s, const httplib::Request& req, httplib::Response& res) {
  ExportOptions options;
  options.clients = req.get_param_value("clients") != "0";
  options.now = s.Now();
  const bool json = req.get_param_value("format") == "json";
  std::string body;
  {
    std::shared_lock lock(s.world_mu);
    body = json ? nlohmann::ordered_json{{"basecamp", WorldToJson(s.world, options)}}.dump()
                : WorldToYaml(s.world, options);
  }
  res.status = 200;
  res.set_content(std::move(body), json ? kJson : "application/yaml; charset=utf-8");
}

}  // namespace

void ServeControl(SimState& s, const httplib::Request& req, httplib::Response& res) {
  if (!IsLoopbackAddress(req.remote_addr)) {
    return Error(res, 403, "the control API answers only loopback clients");
  }
  const std::string rest = req.path.size() > 9 ? req.path.substr(9) : std::string();
  const std::string& m = req.method;
  if (rest == "health" && m == "GET") {
    nlohmann::json j = ClockJson(s);
    j["status"] = "ok";
    return Reply(res, 200, j);
  }
  if (rest == "scenario" && (m == "PUT" || m == "POST")) return PutScenario(s, req, res);
  if (rest == "reset" && m == "POST") {
    s.Reset();
    return ReplyWithMinted(s, res, "reset", MintSpecs(req, nullptr));
  }
  if (rest == "clock" && m == "GET") return Reply(res, 200, ClockJson(s));
  if (rest == "clock" && m == "POST") return PostClock(s, req, res);
  if (rest == "faults") return Faults(s, req, res, "");
  if (rest.rfind("faults/", 0) == 0) return Faults(s, req, res, rest.substr(7));
  if (rest == "events" && m == "POST") return PostEvents(s, req, res);
  if (rest == "tokens" && m == "POST") return PostTokens(s, req, res);
  if (rest == "requests" && m == "GET") return GetRequests(s, req, res);
  if (rest == "world" && m == "GET") return GetWorld(s, req, res);
  if (rest == "webhooks/flush" && m == "POST") return FlushWebhooks(s, res);
  Error(res, 404, "no control endpoint " + m + " " + req.path);
}

}  // namespace bcsim
