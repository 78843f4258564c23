// LoadWorld: the `basecamp:` section -> World. Identities and clients first, then accounts
// (which refer to identities), then the indexes.
#include "bcsim/world_loader.h"

#include "faults/fault.h"
#include "world/account_loader.h"
#include "world/yaml_reader.h"

namespace bcsim {
namespace {

using loader::At;
using loader::Describe;
using loader::IsMapNode;
using loader::LoadError;
using loader::YamlReader;

std::string Substitute(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string placeholder = "{" + name + "}";
    for (std::size_t pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + value.size())) {
      text.replace(pos, placeholder.size(), value);
    }
  }
  return text;
}

void LoadIdentities(const YamlReader& r, const YAML::Node& node, World& world) {
  r.ExpectKeyedMap(node, "identities");
  if (!IsMapNode(node)) return;
  for (const auto& kv : node) {
    Identity id;
    id.key = kv.first.Scalar();
    const std::string what = "identity `" + id.key + "`";
    const YAML::Node& v = kv.second;
    r.ExpectMap(v, what, {"id", "email", "password", "first_name", "last_name", "removed"});
    id.id = r.IdField(v, "id").value_or(StableId("identity", id.key));
    id.email = r.RequiredString(v, "email", what);
    id.password = r.RequiredString(v, "password", what);
    std::string first = id.key;
    if (!first.empty() && first[0] >= 'a' && first[0] <= 'z') first[0] = static_cast<char>(first[0] - 'a' + 'A');
    id.first_name = r.String(v, "first_name").value_or(first);
    id.last_name = r.String(v, "last_name").value_or("");
    id.removed = r.Bool(v, "removed").value_or(false);
    for (const auto& [other_key, other] : world.identities) {
      if (other.email == id.email) r.Fail(At(v, "email"), "email " + id.email + " is already used by identity `" + other_key + "`");
      if (other.id == id.id) r.Fail(kv.first, "identity id " + std::to_string(id.id) + " is already used by `" + other_key + "`");
    }
    world.identities.emplace(id.key, std::move(id));
  }
}

void LoadClients(const YamlReader& r, const YAML::Node& node, World& world,
                 const std::map<std::string, std::string>& vars) {
  r.ExpectKeyedMap(node, "clients");
  if (!IsMapNode(node)) return;
  for (const auto& kv : node) {
    OAuthClient c;
    c.key = kv.first.Scalar();
    const std::string what = "client `" + c.key + "`";
    const YAML::Node& v = kv.second;
    r.ExpectMap(v, what, {"client_id", "client_secret", "redirect_uri", "redirect_uris", "name",
                          "rotate_refresh_token"});
    c.client_id = r.RequiredString(v, "client_id", what);
    c.client_secret = r.RequiredString(v, "client_secret", what);
    c.name = r.String(v, "name").value_or(c.key);
    c.rotate_refresh_token = r.Bool(v, "rotate_refresh_token").value_or(true);
    if (auto uri = r.String(v, "redirect_uri")) c.redirect_uris.push_back(Substitute(*uri, vars));
    if (auto uris = r.StringList(v, "redirect_uris")) {
      for (const auto& uri : *uris) c.redirect_uris.push_back(Substitute(uri, vars));
    }
    if (c.redirect_uris.empty()) {
      r.Fail(v, "expected `redirect_uri` (a URL) in " + what + ", found none");
    }
    for (const auto& [other_key, other] : world.clients) {
      if (other.client_id == c.client_id) {
        r.Fail(At(v, "client_id"), "client_id " + c.client_id + " is already used by client `" + other_key + "`");
      }
    }
    world.clients.emplace(c.key, std::move(c));
  }
}

void LoadLimits(const YamlReader& r, const YAML::Node& v, Limits& limits) {
  if (!v.IsDefined() || v.IsNull()) return;
  r.ExpectMap(v, "limits", {"rate", "page_size", "access_token_ttl", "code_ttl", "projects", "webhooks"});
  if (const std::optional<bool> on = At(v, "rate").IsDefined() && At(v, "rate").IsScalar() ? r.Bool(v, "rate") : std::nullopt) {
    if (!*on) limits.rate_requests = 0;  // `rate: false` turns the limiter off
  } else if (const YAML::Node rate = At(v, "rate"); rate.IsDefined() && !rate.IsNull()) {
    r.ExpectMap(rate, "limits.rate", {"requests", "per"});
    limits.rate_requests = static_cast<int>(r.Integer(rate, "requests", 0, 1'000'000).value_or(limits.rate_requests));
    limits.rate_window_ms = r.Duration(rate, "per").value_or(limits.rate_window_ms);
    if (limits.rate_window_ms <= 0) r.Fail(At(rate, "per"), "expected a duration above zero for `per`, found '0'");
  }
  limits.page_size = static_cast<int>(r.Integer(v, "page_size", 0, 10'000).value_or(limits.page_size));
  // Plan limits: active projects (and templates), webhooks per account; 0 or absent: none.
  limits.project_limit = static_cast<int>(r.Integer(v, "projects", 0, 1'000'000).value_or(limits.project_limit));
  limits.webhook_limit = static_cast<int>(r.Integer(v, "webhooks", 0, 1'000'000).value_or(limits.webhook_limit));
  limits.access_token_ttl_ms = r.Duration(v, "access_token_ttl").value_or(limits.access_token_ttl_ms);
  limits.code_ttl_ms = r.Duration(v, "code_ttl").value_or(limits.code_ttl_ms);
}

World Load(const YamlReader& r, const std::map<std::string, std::string>& vars) {
  const YAML::Node root = r.doc().root();
  const YAML::Node bc = At(root, "basecamp");
  if (!bc.IsDefined()) r.Fail(root, "expected a `basecamp:` section (the fake Basecamp world), found none");
  r.ExpectMap(bc, "`basecamp`",
              {"identities", "accounts", "clients", "limits", "start_time", "api_creations"});
  World world;
  world.start_time = r.Timestamp(bc, "start_time").value_or(kDefaultStartTime);
  world.created = r.Integer(bc, "api_creations", 0, std::int64_t{1} << 40).value_or(0);
  LoadIdentities(r, At(bc, "identities"), world);
  LoadClients(r, At(bc, "clients"), world, vars);
  LoadLimits(r, At(bc, "limits"), world.limits);
  r.ExpectKeyedMap(At(bc, "accounts"), "accounts");
  loader::AccountContext ctx{r, world, world.start_time, {}, {}};
  loader::ReserveExplicitIds(ctx, At(bc, "accounts"));
  if (IsMapNode(At(bc, "accounts"))) {
    for (const auto& kv : At(bc, "accounts")) {
      Account account = loader::LoadAccount(ctx, kv.first, kv.second);
      world.accounts.push_back(std::move(account));
    }
  }
  IndexWorld(world);
  return world;
}

}  // namespace

StatusOr<World> LoadWorld(const ScenarioDocument& doc, const std::map<std::string, std::string>& vars) {
  YamlReader reader(doc);
  try {
    return Load(reader, vars);
  } catch (const LoadError& e) {
    return InvalidArgumentError(e.message);
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError(doc.source_name() + ": " + e.what());
  } catch (const std::exception& e) {  // never an escaped exception, whatever the input
    return InvalidArgumentError(doc.source_name() + ": cannot load the world: " + e.what());
  }
}

Status ValidateScenarioDocument(const ScenarioDocument& doc) {
  StatusOr<World> world = LoadWorld(doc, {{"tracker", "http://127.0.0.1:0"}});
  if (!world.ok()) return world.status();
  auto where = [&doc](const YAML::Node& n) { return doc.MarkOf(n).ToString(); };
  StatusOr<std::vector<Fault>> faults = FaultsFromYaml(At(doc.root(), "faults"), where);
  if (!faults.ok()) return faults.status();
  // The harness's `add_fault` steps hold one fault each, installed at that step.
  if (YAML::Node steps = At(doc.root(), "steps"); steps && steps.IsSequence()) {
    for (const YAML::Node& step : steps) {
      if (!step.IsMap() || !step["add_fault"]) continue;
      YAML::Node one(YAML::NodeType::Sequence);
      one.push_back(step["add_fault"]);
      StatusOr<std::vector<Fault>> added = FaultsFromYaml(one, where);
      if (!added.ok()) return added.status();
    }
  }
  return OkStatus();
}

Status ValidateScenarioFile(const std::string& path, const ReadOptions& options) {
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(path, options);
  if (!doc.ok()) return doc.status();
  return ValidateScenarioDocument(*doc);
}

}  // namespace bcsim
