// Db: jixiao's small database interface over SQLite and PostgreSQL. Not an ORM: SQL stays
// visible, written once with `?` placeholders (the PostgreSQL side rewrites them to $1..$n,
// skipping quoted literals). Statements are prepared and cached per connection.
//
// Contract
// - Db is thread-safe. Conn is not: it belongs to the one read() or write() call that lent it.
// - write(fn) runs fn inside one transaction: BEGIN IMMEDIATE on SQLite (one writer at a time,
//   WAL, readers in parallel), READ COMMITTED on PostgreSQL. If fn throws, the transaction is
//   rolled back and the exception propagates. A retryable DbError (SQLITE_BUSY, SQLSTATE 40001
//   or 40P01) makes write() retry fn from the start, up to Options::max_retries times, so fn
//   must have no side effects outside the transaction except through Conn::on_commit.
// - read(fn) runs fn in a read-only transaction with one consistent snapshot.
// - Errors from the database are thrown as DbError with a classified kind.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace jx::db {

enum class Dialect { kSqlite, kPostgres };

enum class ErrorKind {
  kBusy,           // SQLITE_BUSY / SQLITE_LOCKED: retryable
  kSerialization,  // SQLSTATE 40001 / 40P01: retryable
  kUnique,         // unique or primary key violation
  kForeignKey,
  kCheck,       // CHECK or NOT NULL violation
  kConnection,  // cannot reach or lost the database
  kOther,
};

class DbError : public std::runtime_error {
 public:
  DbError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  bool retryable() const { return kind_ == ErrorKind::kBusy || kind_ == ErrorKind::kSerialization; }

 private:
  ErrorKind kind_;
};

struct Blob {
  std::string bytes;
};

// A bound parameter or a result cell. monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;

// Builds a Value from common C++ types, so call sites can write {id, "name", std::nullopt}.
class Param {
 public:
  Param(std::nullptr_t) {}
  Param(std::nullopt_t) {}
  Param(int v) : v_(int64_t{v}) {}
  Param(long v) : v_(int64_t{v}) {}
  Param(long long v) : v_(int64_t{v}) {}
  Param(unsigned v) : v_(int64_t{v}) {}
  Param(bool v) : v_(int64_t{v ? 1 : 0}) {}
  Param(double v) : v_(v) {}
  Param(const char* v) : v_(std::string(v)) {}
  Param(std::string v) : v_(std::move(v)) {}
  Param(std::string_view v) : v_(std::string(v)) {}
  Param(Blob v) : v_(std::move(v)) {}
  Param(Value v) : v_(std::move(v)) {}
  template <class T>
  Param(const std::optional<T>& v) {
    if (v) v_ = Param(*v).value();
  }
  const Value& value() const { return v_; }

 private:
  Value v_;
};

using Params = std::vector<Param>;

// NULL for an empty text (optional codes, dates and the like), else the text.
inline Param null_if_empty(const std::string& s) {
  return s.empty() ? Param(nullptr) : Param(s);
}

// "?, ?, ?" for the ids, appended to params (an IN list; ids must not be empty).
template <class Ids>
std::string in_list(const Ids& ids, Params& params) {
  std::string out;
  for (const auto& id : ids) {
    out += out.empty() ? "?" : ", ?";
    params.push_back(id);
  }
  return out;
}

// A LIKE pattern matching text anywhere, with % _ and \ taken literally: use it with
// "col LIKE ? ESCAPE '\\'" (the same on SQLite and PostgreSQL).
inline std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool is_null(size_t col) const;
  int64_t i64(size_t col) const;  // throws DbError(kOther) on NULL or non-number
  double f64(size_t col) const;
  std::string text(size_t col) const;  // NULL -> ""
  std::optional<int64_t> opt_i64(size_t col) const;
  std::optional<std::string> opt_text(size_t col) const;
  const Value& cell(size_t col) const { return cells_.at(col); }

 private:
  std::vector<Value> cells_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
  const Row& operator[](size_t i) const { return rows.at(i); }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
};

class Conn {
 public:
  virtual ~Conn() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement and returns all rows (also for INSERT ... RETURNING).
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement, calling fn for each row without materializing the result.
  virtual void each(std::string_view sql, const Params& params,
                    const std::function<void(const Row&)>& fn) = 0;
  // Runs one statement; returns the number of rows changed.
  virtual int64_t exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several ;-separated statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // Runs fn after the enclosing transaction commits (cache invalidation, job start). Dropped
  // on rollback; fn must not throw.
  virtual void on_commit(std::function<void()> fn) = 0;
  // From plan_each_run(true) to plan_each_run(false) or the end of the transaction, plan each
  // statement with its parameters' values at every run: for queries whose best plan depends on
  // the values (a region prefix, a filter that matches a handful of rows or most of them).
  // PostgreSQL otherwise settles on one generic plan for a prepared statement after five runs
  // (planning every statement costs 0.1-0.5 ms each, so only around those); SQLite has nothing
  // to change.
  virtual void plan_each_run(bool /*on*/) {}

  // Convenience: the first row, or nullopt.
  std::optional<Row> one(std::string_view sql, const Params& params = {}) {
    Rows r = query(sql, params);
    if (r.rows.empty()) return std::nullopt;
    return std::move(r.rows.front());
  }
};

struct Options {
  int pool_size = 8;    // PostgreSQL connections; SQLite reader connections
  int max_retries = 8;  // write() retries of retryable errors
  int busy_timeout_ms = 5000;
  bool sqlite_sync_full = true;  // synchronous=FULL: a committed write survives power loss
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;
  // The URL it was opened with, password removed.
  virtual std::string describe() const = 0;

  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F, Conn&> {
    return run<F>(false, std::forward<F>(fn));
  }
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F, Conn&> {
    return run<F>(true, std::forward<F>(fn));
  }

 protected:
  virtual void run_read(const std::function<void(Conn&)>& fn) = 0;
  virtual void run_write(const std::function<void(Conn&)>& fn) = 0;

 private:
  template <class F>
  auto run(bool write, F&& fn) -> std::invoke_result_t<F, Conn&> {
    using R = std::invoke_result_t<F, Conn&>;
    if constexpr (std::is_void_v<R>) {
      std::function<void(Conn&)> f = [&](Conn& c) { fn(c); };
      write ? run_write(f) : run_read(f);
    } else {
      std::optional<R> out;
      std::function<void(Conn&)> f = [&](Conn& c) { out.emplace(fn(c)); };
      write ? run_write(f) : run_read(f);
      return std::move(*out);
    }
  }
};

// Opens "sqlite:///abs/path.db" or "postgresql://user[:pw]@host:port/name". Throws DbError
// (kConnection) with a clear message if the URL is malformed or the database unreachable.
std::unique_ptr<Db> open(const std::string& url, const Options& options = {});

}  // namespace jx::db
