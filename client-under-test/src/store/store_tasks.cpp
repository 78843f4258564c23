// Store: tasks, sync runs, warnings and the ETag cache.
#include <sstream>

#include "store/store.h"
#include "util/macros.h"

namespace bcsync::store {
namespace {

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += '\n';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

}  // namespace

StatusOr<std::vector<Task>> Store::ListTasks(Id user_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "SELECT account_id, basecamp_id, project_id, title, project, list, due_on, status, archived_reason "
      "FROM tasks WHERE user_id = ? ORDER BY status, project, list, title, basecamp_id;"));
  s.Bind(1, user_id);
  std::vector<Task> tasks;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    tasks.push_back(Task{s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7),
                         s.Text(8)});
  }
  return tasks;
}

Status Store::ReplaceTasks(Id user_id, const std::vector<Task>& tasks) {
  ASSIGN_OR_RETURN(Stmt del, db_.Prepare("DELETE FROM tasks WHERE user_id = ?;"));
  RETURN_IF_ERROR(del.Bind(1, user_id).Run());
  for (const Task& t : tasks) {
    ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
        "INSERT OR REPLACE INTO tasks (user_id, account_id, basecamp_id, project_id, title, project, list, due_on, "
        "status, archived_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);"));
    RETURN_IF_ERROR(s.Bind(1, user_id).Bind(2, t.account_id).Bind(3, t.basecamp_id).Bind(4, t.project_id)
                        .Bind(5, t.title).Bind(6, t.project).Bind(7, t.list).Bind(8, t.due_on).Bind(9, t.status)
                        .Bind(10, t.archived_reason).Run());
  }
  return OkStatus();
}

StatusOr<Id> Store::AddSyncRun(const SyncRun& run) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO sync_runs (user_id, started_at, finished_at, outcome, code, message, counts_json, "
      "request_ids, request_log) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);"));
  RETURN_IF_ERROR(s.Bind(1, run.user_id).Bind(2, run.started_at).Bind(3, run.finished_at).Bind(4, run.outcome)
                      .Bind(5, run.code).Bind(6, run.message).Bind(7, run.counts_json)
                      .Bind(8, JoinLines(run.request_ids)).Bind(9, run.request_log_json).Run());
  const Id id = db_.LastInsertId();
  ASSIGN_OR_RETURN(Stmt prune, db_.Prepare(
      "DELETE FROM sync_runs WHERE user_id = ? AND id <= "
      "(SELECT id FROM sync_runs WHERE user_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?);"));
  prune.Bind(1, run.user_id).Bind(2, run.user_id).Bind(3, static_cast<Id>(kSyncRunsKept));
  RETURN_IF_ERROR(prune.Run());
  return id;
}

namespace {
constexpr const char* kRunColumns =
    "id, user_id, started_at, finished_at, outcome, code, message, counts_json, request_ids, "
    "request_log";
SyncRun ReadRun(const Stmt& s) {
  return SyncRun{s.Int(0),  s.Int(1),  s.Int(2),  s.Int(3),  s.Text(4), s.Text(5),
                 s.Text(6), s.Text(7), SplitLines(s.Text(8)), s.Text(9)};
}
}  // namespace

StatusOr<std::optional<SyncRun>> Store::LastSyncRun(Id user_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kRunColumns +
                                       " FROM sync_runs WHERE user_id = ? ORDER BY id DESC "
                                       "LIMIT 1;"));
  s.Bind(1, user_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<SyncRun>();
  return std::optional<SyncRun>(ReadRun(s));
}

StatusOr<std::vector<SyncRun>> Store::ListSyncRuns(Id user_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kRunColumns +
                                       " FROM sync_runs WHERE user_id = ? ORDER BY id DESC "
                                       "LIMIT ?;"));
  s.Bind(1, user_id).Bind(2, static_cast<Id>(limit));
  std::vector<SyncRun> runs;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    runs.push_back(ReadRun(s));
  }
  return std::vector<SyncRun>(runs.rbegin(), runs.rend());
}

Status Store::AddWarning(Id user_id, const Warning& warning) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("INSERT OR IGNORE INTO warnings (user_id, code, message) VALUES (?, ?, ?);"));
  return s.Bind(1, user_id).Bind(2, warning.code).Bind(3, warning.message).Run();
}

StatusOr<std::vector<Warning>> Store::ListWarnings(Id user_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("SELECT code, message FROM warnings WHERE user_id = ? ORDER BY rowid;"));
  s.Bind(1, user_id);
  std::vector<Warning> warnings;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    warnings.push_back(Warning{s.Text(0), s.Text(1)});
  }
  return warnings;
}

Status Store::ClearWarnings(Id user_id, const std::string& code) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("DELETE FROM warnings WHERE user_id = ? AND code = ?;"));
  return s.Bind(1, user_id).Bind(2, code).Run();
}

StatusOr<std::optional<CachedResponse>> Store::GetCached(Id user_id, const std::string& url) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("SELECT etag, body, link FROM etag_cache WHERE user_id = ? AND url = ?;"));
  s.Bind(1, user_id).Bind(2, url);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<CachedResponse>();
  return std::optional<CachedResponse>(CachedResponse{s.Text(0), s.Text(1), s.Text(2)});
}

Status Store::PutCached(Id user_id, const std::string& url, const CachedResponse& response) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT OR REPLACE INTO etag_cache (user_id, url, etag, body, link) VALUES (?, ?, ?, ?, ?);"));
  return s.Bind(1, user_id).Bind(2, url).Bind(3, response.etag).Bind(4, response.body).Bind(5, response.link).Run();
}

}  // namespace bcsync::store
