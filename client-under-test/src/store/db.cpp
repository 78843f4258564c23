#include "store/db.h"

#include <fcntl.h>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace bcsync::store {

Stmt::~Stmt() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Stmt& Stmt::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Stmt& Stmt::Bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

StatusOr<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return InternalError(std::string("sqlite: ") + sqlite3_errmsg(db_));
}

Status Stmt::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return OkStatus();
  }
}

std::int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Stmt::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Db::~Db() {
  if (db_ != nullptr) sqlite3_close(db_);
}

Status Db::Open(const std::string& path, bool durable) {
  if (db_ != nullptr) return FailedPreconditionError("database already open");
  if (path != ":memory:" && !path.empty() && path.rfind("file:", 0) != 0) {
    // The file holds Basecamp tokens (sealed) and password hashes: owner only. Created 0600
    // before SQLite opens it (its -wal and -shm files copy this mode); a looser existing
    // file is tightened.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return UnavailableError("cannot open database " + path + ": " + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) {
      (void)::fchmod(fd, 0600);
    }
    ::close(fd);
  }
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    return UnavailableError("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  // WAL + synchronous=NORMAL: a commit is durable against a crash of the process, and a sync
  // run costs no fsync per transaction (automatic syncs run every few minutes per user).
  if (path != ":memory:") {
    Status mode = Exec(durable ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                               : "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;");
    if (!mode.ok()) return mode;
  }
  return Exec("PRAGMA foreign_keys = ON;");
}

Status Db::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return InternalError("sqlite: " + message);
  }
  return OkStatus();
}

StatusOr<Stmt> Db::Prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  }
  return Stmt(db_, stmt);
}

std::int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Db::Changes() const { return sqlite3_changes(db_); }

Transaction::Transaction(Db* db) : db_(db), begin_(db->Exec("BEGIN IMMEDIATE;")) {
  if (!begin_.ok()) done_ = true;
}

Transaction::~Transaction() {
  if (!done_) (void)db_->Exec("ROLLBACK;");
}

Status Transaction::Commit() {
  if (done_) return begin_.ok() ? FailedPreconditionError("transaction already finished") : begin_;
  Status status = db_->Exec("COMMIT;");
  done_ = status.ok();
  return status;
}

}  // namespace bcsync::store
