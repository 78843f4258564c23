#include "server/state.h"

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>

#include "api/webhook_payload.h"
#include "bcsim/world_loader.h"
#include "faults/fault.h"
#include "server/http_util.h"

namespace bcsim {

void StopSignal::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
}

void StopSignal::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = false;
}

bool StopSignal::SleepFor(Millis ms) const {
  std::unique_lock<std::mutex> lock(mu_);
  return !cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopped_; });
}

SimState::SimState(SimulatorOptions options)
    : journal(options.journal_capacity, options.journal_payload_bytes),
      options_(std::move(options)),
      clock_(options_.clock),
      secret_(RandomBase64Url(32)),
      request_prefix_(RandomBase64Url(9)) {}

void SimState::EnsureClock(Millis start) {
  if (!clock_) clock_ = std::make_shared<VirtualClock>(start);
}

StatusOr<SimState::Parsed> SimState::Parse(const ScenarioDocument& doc,
                                           const std::map<std::string, std::string>& vars) {
  StatusOr<World> new_world = LoadWorld(doc, vars);
  if (!new_world.ok()) return new_world.status();
  StatusOr<std::vector<Fault>> new_faults = FaultsFromYaml(
      doc.root()["faults"], [&doc](const YAML::Node& n) { return doc.MarkOf(n).ToString(); });
  if (!new_faults.ok()) return new_faults.status();
  Parsed parsed;
  parsed.world = std::make_shared<const World>(std::move(new_world).value());
  parsed.faults = std::move(new_faults).value();
  return parsed;
}

void SimState::Install(const Parsed& parsed) {
  EnsureClock(parsed.world->start_time != 0 ? parsed.world->start_time : kDefaultStartTime);
  {
    std::unique_lock lock(world_mu);
    world = *parsed.world;
    loaded_world = parsed.world;
    loaded_faults = parsed.faults;
    faults.Replace(loaded_faults);
    RefreshAccountIds();
    MarkEventsOffered(world);
  }
  journal.Clear();
  limiter.Clear();
}

Status SimState::LoadFile(const std::string& path, const std::map<std::string, std::string>& vars) {
  StatusOr<Parsed> parsed = InvalidArgumentError("unread");
  {
    // The YAML tree is freed before Install copies the world: a big world's peak RSS holds the
    // parsed world and its working copy, not the tree as well.
    ReadOptions read;
    read.include_roots = options_.include_roots;
    StatusOr<ScenarioDocument> doc = ReadScenarioFile(path, read);
    if (!doc.ok()) return doc.status();
    parsed = Parse(*doc, vars);
  }
  if (!parsed.ok()) return parsed.status();
  Install(*parsed);
  // The tree and the loader's temporaries are free now, but glibc keeps the pages: give them
  // back, so a big world's resident size is the world's (a few ms; skipped for small files).
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) > (1u << 20) && !ec) malloc_trim(0);
  return OkStatus();
}

Status SimState::Load(const ScenarioDocument& doc, const std::map<std::string, std::string>& vars) {
  StatusOr<Parsed> parsed = Parse(doc, vars);
  if (!parsed.ok()) return parsed.status();
  Install(*parsed);
  return OkStatus();
}

Status SimState::LoadText(const std::string& text, const std::string& source_name,
                          const std::map<std::string, std::string>& vars) {
  // Included files may change between loads, so only self-contained texts are cached.
  const bool cacheable = text.find("include") == std::string::npos;
  std::string key;
  if (cacheable) {
    std::string material = source_name;
    material += '\0';
    material += text;
    for (const auto& [k, v] : vars) {
      material += '\0';
      material += k;
      material += '=';
      material += v;
    }
    // The whole text is the key: exact (no hash collisions), and a map lookup over a few
    // small texts costs less than hashing one with SHA-256.
    key = std::move(material);
    std::optional<Parsed> hit;
    {
      std::lock_guard<std::mutex> lock(cache_mu_);
      auto it = cache_.find(key);
      if (it != cache_.end()) hit = it->second;
    }
    if (hit) {
      Install(*hit);
      return OkStatus();
    }
  }
  ReadOptions read;
  read.include_roots = options_.include_roots;
  StatusOr<ScenarioDocument> doc = ReadScenarioText(text, source_name, read);
  if (!doc.ok()) return doc.status();
  StatusOr<Parsed> parsed = Parse(*doc, vars);
  if (!parsed.ok()) return parsed.status();
  if (cacheable) {
    std::lock_guard<std::mutex> lock(cache_mu_);
    if (cache_.size() >= 16) cache_.clear();
    cache_[key] = *parsed;
  }
  Install(*parsed);
  return OkStatus();
}

void SimState::Reset() {
  // Time goes back to the world's start (a clock the caller shares and owns keeps going).
  if (clock_) {
    const Millis start = loaded_world && loaded_world->start_time != 0 ? loaded_world->start_time
                                                                      : kDefaultStartTime;
    clock_->Restart(start);
  }
  {
    std::unique_lock lock(world_mu);
    if (loaded_world) {
      world = *loaded_world;
    } else {
      world = World{};
    }
    faults.Replace(loaded_faults);
    RefreshAccountIds();
    MarkEventsOffered(world);
  }
  journal.Clear();
  limiter.Clear();
}

bool SimState::QueueWebhookDeliveries() {
  return world.events_pending && bcsim::QueueWebhookDeliveries(world, origin, Now()) > 0;
}

void SimState::RefreshAccountIds() {
  std::set<std::string> ids;
  for (const Account& a : world.accounts) ids.insert(std::to_string(a.id));
  faults.SetAccountIds(std::move(ids));
}

std::string SimState::NextRequestId() {
  std::uint64_t n = next_request_.fetch_add(1, std::memory_order_relaxed);
  static const char* kHex = "0123456789abcdef";
  std::string id = request_prefix_;
  id += '-';
  int digits = 8;
  while (digits < 16 && (n >> (4 * digits)) != 0) ++digits;
  for (int d = digits - 1; d >= 0; --d) id += kHex[(n >> (4 * d)) & 15];
  return id;
}

std::string SimState::CsrfFor(const std::string& session) const {
  return Sha256Hex(secret_ + "\n" + session);
}

}  // namespace bcsim
