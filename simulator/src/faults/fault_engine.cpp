#include "faults/fault_engine.h"

namespace bcsim {

std::string FaultEngine::NextId() {
  std::string id = std::to_string(next_id_++);
  id.insert(id.begin(), 'f');  // not "f" + ...: GCC 12 -O2 warns falsely (-Wrestrict)
  return id;
}

void FaultEngine::Recount() {
  std::size_t before = 0;
  for (const Entry& e : entries_) before += e.fault.stage == FaultStage::kBeforeAuth ? 1 : 0;
  before_auth_.store(before, std::memory_order_release);
  count_.store(entries_.size(), std::memory_order_release);
}

void FaultEngine::Replace(std::vector<Fault> faults) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  next_id_ = 1;
  for (Fault& f : faults) {
    f.id = NextId();
    entries_.push_back(Entry{std::move(f)});
  }
  Recount();
}

std::string FaultEngine::Add(Fault fault) {
  std::lock_guard<std::mutex> lock(mu_);
  fault.id = NextId();
  std::string id = fault.id;
  entries_.push_back(Entry{std::move(fault)});
  Recount();
  return id;
}

bool FaultEngine::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->fault.id == id) {
      entries_.erase(it);
      Recount();
      return true;
    }
  }
  return false;
}

void FaultEngine::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  Recount();
}

void FaultEngine::ResetCounters() {
  std::lock_guard<std::mutex> lock(mu_);
  for (Entry& e : entries_) e.hits = e.fired = 0;
}

void FaultEngine::SetAccountIds(std::set<std::string> ids) {
  std::lock_guard<std::mutex> lock(mu_);
  account_ids_ = std::move(ids);
}

std::optional<Fault> FaultEngine::Evaluate(const FaultRequest& req,
                                           std::optional<FaultStage> stage) {
  if (count_.load(std::memory_order_acquire) == 0) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<Fault> chosen;
  for (Entry& e : entries_) {
    if (stage && e.fault.stage != *stage) continue;
    if (!FaultMatches(e.fault.match, req, account_ids_)) continue;
    ++e.hits;
    bool fires = false;
    switch (e.fault.when) {
      case FaultWhen::kAlways: fires = true; break;
      case FaultWhen::kNth: fires = e.hits == e.fault.n; break;
      case FaultWhen::kTimes: fires = e.hits <= e.fault.n; break;
      case FaultWhen::kAfter: fires = e.hits > e.fault.n; break;
    }
    if (fires && !chosen) {
      ++e.fired;
      chosen = e.fault;
    }
  }
  return chosen;
}

nlohmann::json FaultEngine::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (const Entry& e : entries_) {
    out.push_back({{"id", e.fault.id}, {"hits", e.hits}, {"fired", e.fired}, {"spec", e.fault.spec}});
  }
  return out;
}

}  // namespace bcsim
