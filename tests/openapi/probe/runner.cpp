#include "probe/runner.h"

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>

namespace bcsim::probe {
namespace {

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool IsTrash(const Operation& op) { return op.method == "PUT" && EndsWith(op.path, "/status/trashed.json"); }

// A removal (DELETE /webhooks/{id}, trashing) takes the path's last id away; undoing a toggle
// (DELETE /todos/{id}/completion.json) does not.
bool Removes(const Operation& op) { return IsTrash(op) || (op.method == "DELETE" && EndsWith(op.path, "}")); }

std::size_t Depth(const std::string& path) { return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')); }

// Order key within a phase (see runner.h); ties keep document order.
std::tuple<int, int, std::size_t> OrderKey(const Operation& op, int phase) {
  if (phase == kUpdate) return {EndsWith(op.path, "/status/active.json") ? 1 : 0, 0, op.index};
  if (phase == kDelete) {
    if (IsTrash(op)) return {2, 0, op.index};
    if (Removes(op)) return {1, -static_cast<int>(Depth(op.path)), op.index};
    return {0, 0, op.index};
  }
  return {0, 0, op.index};
}

// The account-relative API urls in a body, in document order.
void CollectUrls(const json& node, const std::string& prefix, std::vector<std::string>& out) {
  if (node.is_array()) {
    for (const json& child : node) CollectUrls(child, prefix, out);
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (value.is_string() && EndsWith(key, "url")) {
        const std::string url = value.get<std::string>();
        if (url.rfind(prefix, 0) == 0) out.push_back(url);
      } else if (value.is_structured()) {
        CollectUrls(value, prefix, out);
      }
    }
  }
}

}  // namespace

int PhaseOf(const Operation& op) {
  // A POST that moves what exists (moves.json, positions.json) is an update.
  if (op.method == "POST" &&
      (EndsWith(op.path, "/moves.json") || EndsWith(op.path, "/positions.json"))) {
    return kUpdate;
  }
  if (op.method == "POST") return kCreate;
  if (op.method == "GET") return kRead;
  if (op.method == "DELETE" || IsTrash(op)) return kDelete;
  return kUpdate;
}

const char* PhaseName(int phase) {
  switch (phase) {
    case kCreate: return "create";
    case kRead: return "read";
    case kUpdate: return "update";
    default: return "delete";
  }
}

Prober::Prober(Document& doc, Transport transport, ProbeOptions options)
    : doc_(doc), transport_(std::move(transport)), options_(std::move(options)) {}

int Prober::Seed() {
  const std::string prefix = options_.origin + "/" + options_.account_id + "/";
  std::deque<std::string> queue(options_.seeds.begin(), options_.seeds.end());
  std::set<std::string> seen;
  int requests = 0;
  while (!queue.empty() && requests < options_.seed_limit) {
    const std::string target = queue.front();
    queue.pop_front();
    if (!seen.insert(target).second) continue;
    ProbeRequest req;
    req.method = "GET";
    req.target = target;
    HttpAnswer answer = transport_(req);
    ++requests;
    if (answer.status < 200 || answer.status > 299) continue;
    json body = json::parse(answer.body, nullptr, false);
    if (body.is_discarded()) continue;
    // The seed's answers are tagged by their own collection too (a list of people is people).
    std::string path = target.substr(0, target.find('?'));
    std::string last = path.substr(path.rfind('/') + 1);
    if (EndsWith(last, ".json")) last.resize(last.size() - 5);
    const bool item = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::string collection = last;
    if (item) {
      path.resize(path.rfind('/'));
      collection = path.substr(path.rfind('/') + 1);
    }
    pool_.Harvest(body, collection, {}, false);
    std::vector<std::string> urls;
    CollectUrls(body, prefix, urls);
    for (const std::string& url : urls) {
      const std::string next = url.substr(options_.origin.size());
      if (seen.count(next) == 0) queue.push_back(next);
    }
  }
  return requests;
}

// Removals take the newest object the probe created; everything else (undoing a toggle too,
// so it undoes the toggle of the create phase) the first one seen.
static Prefer PreferFor(const Operation& op) { return Removes(op) ? Prefer::kNewestCreated : Prefer::kFirstSeen; }

Result Prober::RunOne(const Operation& op, int phase) {
  const Prefer prefer = PreferFor(op);
  ProbeRequest req = BuildRequest(doc_, op, pool_, options_.account_id, prefer);
  HttpAnswer answer = transport_(req);
  Result r;
  r.op = &op;
  r.phase = phase;
  r.target = req.target;
  r.status = answer.status;
  r.verdict = Classify(doc_, op, answer.status, answer.body, req.made_up, answer.error);
  if (answer.status >= 200 && answer.status <= 299 && req.made_up.empty()) {
    json body = json::parse(answer.body, nullptr, false);
    if (!body.is_discarded()) pool_.Harvest(body, CollectionOf(op.path), req.path_ids, op.method == "POST");
    if (Removes(op) && req.last_id != 0) pool_.MarkGone(req.last_id);
  }
  return r;
}

std::vector<Result> Prober::Run() {
  std::vector<Result> results;
  std::vector<const Operation*> carried;  // waiting for ids since an earlier phase
  for (int phase = kCreate; phase <= kDelete; ++phase) {
    std::vector<const Operation*> pending;
    for (const Operation& op : doc_.operations()) {
      if (PhaseOf(op) == phase) pending.push_back(&op);
    }
    std::stable_sort(pending.begin(), pending.end(), [phase](const Operation* a, const Operation* b) {
      return OrderKey(*a, phase) < OrderKey(*b, phase);
    });
    pending.insert(pending.end(), carried.begin(), carried.end());
    bool progressed = true;
    while (progressed && !pending.empty()) {
      progressed = false;
      std::vector<const Operation*> waiting;
      for (const Operation* op : pending) {
        if (IdsKnown(*op, pool_, PreferFor(*op))) {
          results.push_back(RunOne(*op, phase));
          progressed = true;
        } else {
          waiting.push_back(op);
        }
      }
      pending = std::move(waiting);
    }
    carried = std::move(pending);
  }
  for (const Operation* op : carried) results.push_back(RunOne(*op, PhaseOf(*op)));
  return results;
}

}  // namespace bcsim::probe
