// A thin RAII wrapper over one SQLite connection: Exec, prepared statements, transactions.
// Errors are returned as Status. Not thread safe: the owner serialises access.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "bcsync/status.h"

namespace bcsync::store {

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(int index, std::int64_t value);
  Stmt& Bind(int index, const std::string& value);
  Stmt& BindNull(int index);

  // Steps once: true when a row is available, false when done; errors as Status.
  StatusOr<bool> Step();
  Status Run();  // steps to completion

  std::int64_t Int(int col) const;
  std::string Text(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Db {
 public:
  Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // durable: WAL + synchronous=NORMAL (a commit survives a process crash). Not durable: the
  // rollback journal in memory and synchronous=OFF (no fsync at all; throwaway databases).
  Status Open(const std::string& path, bool durable = true);
  bool is_open() const { return db_ != nullptr; }
  Status Exec(const std::string& sql);
  StatusOr<Stmt> Prepare(const std::string& sql);
  std::int64_t LastInsertId() const;
  int Changes() const;  // rows changed by the last INSERT/UPDATE/DELETE

 private:
  sqlite3* db_ = nullptr;
};

// Begins a transaction; rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db* db);
  ~Transaction();
  Status begin_status() const { return begin_; }
  Status Commit();

 private:
  Db* db_;
  Status begin_;
  bool done_ = false;
};

}  // namespace bcsync::store
