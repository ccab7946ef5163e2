#include "platform/db/sqlite/sqlite_db.hpp"
#include "platform/db/tx_support.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>

namespace jx::db {
namespace {

using detail::backoff;
using detail::Callbacks;
using detail::run_callbacks;
using detail::TransactionScope;

// Dynamic SQL (IN lists of varying length) could otherwise grow the cache without bound.
constexpr size_t kMaxCachedStatements = 512;


ErrorKind classify(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::kBusy;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
      return ErrorKind::kConnection;
    default:
      break;
  }
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return ErrorKind::kUnique;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorKind::kForeignKey;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return ErrorKind::kCheck;
    default:
      return ErrorKind::kOther;
  }
}

std::string snippet(std::string_view sql) {
  constexpr size_t kMax = 300;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "…";
}

DbError open_error(const std::string& shown_url, const std::string& detail) {
  return DbError(ErrorKind::kConnection, "cannot open database " + shown_url + ": " + detail +
                                             " (无法打开数据库 " + shown_url + "：" + detail + ")");
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Runs one statement that returns no rows we need (PRAGMA, BEGIN, COMMIT, ROLLBACK).
int exec_plain(sqlite3* db, const char* sql, std::string* error) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK && error) *error = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return rc;
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

std::string sqlite_path_from_url(const std::string& url) {
  if (url == "sqlite::memory:") return ":memory:";
  auto malformed = [&](const std::string& why) {
    return DbError(ErrorKind::kConnection,
                   "malformed database URL \"" + url + "\": " + why +
                       "; expected sqlite:///absolute/path.db (数据库地址格式错误 \"" + url +
                       "\"：应为 sqlite:///绝对路径.db)");
  };
  constexpr std::string_view kPrefix = "sqlite://";
  if (url.compare(0, kPrefix.size(), kPrefix) != 0) throw malformed("missing sqlite://");
  std::string_view rest = std::string_view(url).substr(kPrefix.size());
  if (rest.empty() || rest.front() != '/') throw malformed("the path must be absolute");
  if (rest.find_first_of("?#") != std::string_view::npos) {
    throw malformed("query parameters are not supported");
  }
  std::string path;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] != '%') {
      path += rest[i];
      continue;
    }
    int hi = i + 2 < rest.size() ? hex_digit(rest[i + 1]) : -1;
    int lo = i + 2 < rest.size() ? hex_digit(rest[i + 2]) : -1;
    if (hi < 0 || lo < 0) throw malformed("bad %-escape");
    path += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (path.back() == '/') throw malformed("the path names a directory");
  if (path.find('\0') != std::string::npos) throw malformed("NUL in path");
  return path;
}

sqlite3* sqlite_open(const std::string& path, const std::string& shown_url,
                     const Options& options) {
  bool memory = path == ":memory:";
  if (!memory) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw open_error(shown_url,
                       "cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  sqlite3* db = nullptr;
  // NOMUTEX: a connection is only ever used by the one call that borrowed it.
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    throw open_error(shown_url, detail);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, std::max(0, options.busy_timeout_ms));

  auto fail = [&](const std::string& detail) {
    sqlite3_close(db);
    return open_error(shown_url, detail);
  };
  // journal_mode answers with the mode it ended up in; anything but WAL on a file means the
  // file system refused it, and one writer + parallel readers would not hold.
  sqlite3_stmt* stmt = nullptr;
  rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &stmt, nullptr);
  std::string mode;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(stmt, 0);
      mode = t ? reinterpret_cast<const char*>(t) : "";
      rc = SQLITE_OK;
    }
  }
  std::string detail = rc == SQLITE_OK ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_OK) throw fail(detail);
  if (!memory && mode != "wal") throw fail("cannot switch to WAL journal mode (got " + mode + ")");

  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=";
  pragmas += options.sqlite_sync_full ? "FULL" : "NORMAL";
  // Reads map the file (shared by every connection through the OS page cache) instead of
  // copying pages into each connection's own 2 MB cache: province-wide lists re-read the same
  // index pages on every request (docs/benchmarks.md "Projects").
  pragmas += "; PRAGMA mmap_size=268435456; PRAGMA cache_size=-8192";
  if (exec_plain(db, pragmas.c_str(), &detail) != SQLITE_OK) throw fail(detail);
  return db;
}

// One sqlite3 handle, its statement cache and the state of the transaction it is running.
class SqliteDb::Connection final : public Conn {
 public:
  Connection(sqlite3* db, bool reader) : db_(db) {
    if (reader) set_query_only(true);
  }
  ~Connection() override {
    for (auto& entry : cache_) sqlite3_finalize(entry.second);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    Rows out;
    run(
        sql, params, [&](sqlite3_stmt* s, int n) { out.rows.push_back(read_row(s, n)); },
        &out.columns);
    return out;
  }

  void each(std::string_view sql, const Params& params,
            const std::function<void(const Row&)>& fn) override {
    run(sql, params, [&](sqlite3_stmt* s, int n) {
      // Statements from fn are refused while streaming, as on PostgreSQL where the connection
      // is busy receiving rows; code written against one database must work on the other.
      streaming_ = true;
      struct Done {
        bool* flag;
        ~Done() { *flag = false; }
      } done{&streaming_};
      fn(read_row(s, n));
    });
  }

  int64_t exec(std::string_view sql, const Params& params) override {
    int64_t before = sqlite3_total_changes64(db_);
    run(sql, params, [](sqlite3_stmt*, int) {});
    // changes() keeps the count of the last INSERT/UPDATE/DELETE, so a DDL statement would
    // report a stale number; total_changes() tells whether this statement changed anything.
    return sqlite3_total_changes64(db_) == before ? 0 : sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    check_usable();
    std::string script(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw remember(DbError(classify(sqlite3_extended_errcode(db_)), msg + " (in script)"));
    }
  }

  void on_commit(std::function<void()> fn) override { callbacks_.push_back(std::move(fn)); }

  // Runs fn between begin_sql and COMMIT; rolls back and rethrows on any exception. On success
  // the on_commit callbacks are moved to *after, for the caller to run once it has let go of
  // the connection.
  void transact(const char* begin_sql, const std::function<void(Conn&)>& fn, Callbacks* after) {
    callbacks_.clear();
    failed_.reset();
    simple(begin_sql);
    try {
      fn(*this);
      if (failed_) {
        // PostgreSQL aborts a transaction at its first error; SQLite would carry on. Refusing
        // to commit here too keeps code that swallows a DbError from working on SQLite only.
        throw DbError(failed_->kind(),
                      std::string("a statement in this transaction failed and the error was "
                                  "caught; the transaction was rolled back: ") +
                          failed_->what());
      }
      simple("COMMIT");
    } catch (...) {
      if (!sqlite3_get_autocommit(db_)) exec_plain(db_, "ROLLBACK", nullptr);
      callbacks_.clear();
      failed_.reset();
      throw;
    }
    *after = std::move(callbacks_);
    callbacks_.clear();
  }

  void set_query_only(bool on) {
    std::string err;
    if (exec_plain(db_, on ? "PRAGMA query_only=ON" : "PRAGMA query_only=OFF", &err) != SQLITE_OK) {
      throw DbError(ErrorKind::kOther, "PRAGMA query_only failed: " + err);
    }
  }

 private:
  // Resets a statement and drops its bindings however the step loop ends, so the cached
  // statement is ready for the next use and holds no pointers into freed parameters.
  struct ResetOnExit {
    sqlite3_stmt* s;
    ~ResetOnExit() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  };

  void check_usable() {
    if (streaming_) {
      throw std::logic_error(
          "a statement was run on a Conn while each() was delivering rows on it; collect "
          "the rows first (query()) or run the second statement after each() returns");
    }
  }

  DbError remember(DbError e) {
    if (!failed_) failed_ = e;
    return e;
  }

  DbError step_error(std::string_view sql) {
    int code = sqlite3_extended_errcode(db_);
    return remember(DbError(classify(code), std::string(sqlite3_errmsg(db_)) + " [SQLite " +
                                                std::to_string(code) + "] in: " + snippet(sql)));
  }

  sqlite3_stmt* statement(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
    sqlite3_stmt* s = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &s, &tail);
    if (rc != SQLITE_OK) throw step_error(sql);
    if (!s) throw std::invalid_argument("empty SQL statement");
    std::string_view rest = sql.substr(static_cast<size_t>(tail - sql.data()));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      // Only comments may follow; a second statement would silently never run.
      sqlite3_stmt* extra = nullptr;
      int rc2 =
          sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &extra, nullptr);
      bool another = rc2 != SQLITE_OK || extra != nullptr;
      sqlite3_finalize(extra);
      if (another) {
        sqlite3_finalize(s);
        throw std::invalid_argument(
            "query()/each()/exec() take one SQL statement; use exec_script() for several: " +
            snippet(sql));
      }
    }
    if (cache_.size() >= kMaxCachedStatements) {
      for (auto& entry : cache_) sqlite3_finalize(entry.second);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), s);
    return s;
  }

  void bind(sqlite3_stmt* s, std::string_view sql, const Params& params) {
    int expected = sqlite3_bind_parameter_count(s);
    if (expected != static_cast<int>(params.size())) {
      throw std::invalid_argument("statement has " + std::to_string(expected) +
                                  " placeholders but " + std::to_string(params.size()) +
                                  " parameters were given: " + snippet(sql));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const Value& v = params[i].value();
      int rc = SQLITE_OK;
      // SQLITE_STATIC: params outlive the statement's use, and bindings are cleared after it.
      switch (v.index()) {
        case 0:
          rc = sqlite3_bind_null(s, idx);
          break;
        case 1:
          rc = sqlite3_bind_int64(s, idx, std::get<int64_t>(v));
          break;
        case 2:
          rc = sqlite3_bind_double(s, idx, std::get<double>(v));
          break;
        case 3: {
          const std::string& t = std::get<std::string>(v);
          if (t.find('\0') != std::string::npos) {
            // PostgreSQL text cannot hold NUL; refuse it on both so data stays portable.
            throw DbError(ErrorKind::kOther, "text parameter " + std::to_string(idx) +
                                                 " contains a NUL byte (use Blob for binary data)");
          }
          rc = sqlite3_bind_text64(s, idx, t.data(), t.size(), SQLITE_STATIC, SQLITE_UTF8);
          break;
        }
        default: {
          const std::string& b = std::get<Blob>(v).bytes;
          rc = sqlite3_bind_blob64(s, idx, b.data(), b.size(), SQLITE_STATIC);
          break;
        }
      }
      if (rc != SQLITE_OK) throw step_error(sql);
    }
  }

  static Row read_row(sqlite3_stmt* s, int n) {
    std::vector<Value> cells;
    cells.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(s, i)) {
        case SQLITE_INTEGER:
          cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(s, i)));
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(s, i));
          break;
        case SQLITE_TEXT: {
          const char* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
          cells.emplace_back(
              std::string(t ? t : "", static_cast<size_t>(sqlite3_column_bytes(s, i))));
          break;
        }
        case SQLITE_BLOB: {
          const char* b = static_cast<const char*>(sqlite3_column_blob(s, i));
          size_t len = static_cast<size_t>(sqlite3_column_bytes(s, i));
          cells.emplace_back(Blob{b ? std::string(b, len) : std::string()});
          break;
        }
        default:
          cells.emplace_back(std::monostate{});
      }
    }
    return Row(std::move(cells));
  }

  template <class OnRow>
  void run(std::string_view sql, const Params& params, OnRow&& on_row,
           std::vector<std::string>* columns = nullptr) {
    check_usable();
    sqlite3_stmt* s = statement(sql);
    ResetOnExit reset{s};
    bind(s, sql, params);
    int n = sqlite3_column_count(s);
    if (columns) {
      for (int i = 0; i < n; ++i) columns->emplace_back(sqlite3_column_name(s, i));
    }
    for (;;) {
      int rc = sqlite3_step(s);
      if (rc == SQLITE_ROW) {
        on_row(s, n);
      } else if (rc == SQLITE_DONE) {
        return;
      } else {
        throw step_error(sql);
      }
    }
  }

  // BEGIN / COMMIT: through the cache, but not subject to the failed-transaction rule.
  void simple(const char* sql) {
    sqlite3_stmt* s = statement(sql);
    ResetOnExit reset{s};
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
      int code = sqlite3_extended_errcode(db_);
      throw DbError(classify(code), std::string(sql) + " failed: " + sqlite3_errmsg(db_) +
                                        " [SQLite " + std::to_string(code) + "]");
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> cache_;
  Callbacks callbacks_;
  std::optional<DbError> failed_;
  bool streaming_ = false;
};

SqliteDb::SqliteDb(const std::string& url, const Options& options)
    : url_(url), path_(sqlite_path_from_url(url)), options_(options) {
  memory_ = path_ == ":memory:";
  options_.pool_size = std::max(1, options_.pool_size);
  options_.max_retries = std::max(0, options_.max_retries);
  writer_ = std::make_unique<Connection>(sqlite_open(path_, url_, options_), false);
}

SqliteDb::~SqliteDb() = default;

std::unique_ptr<SqliteDb::Connection> SqliteDb::take_reader() {
  std::unique_lock lock(pool_mu_);
  for (;;) {
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    if (open_readers_ < options_.pool_size) {
      ++open_readers_;
      lock.unlock();
      try {
        return std::make_unique<Connection>(sqlite_open(path_, url_, options_), true);
      } catch (...) {
        lock.lock();
        --open_readers_;
        pool_cv_.notify_one();
        throw;
      }
    }
    pool_cv_.wait(lock);
  }
}

void SqliteDb::give_back_reader(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(pool_mu_);
    idle_readers_.push_back(std::move(conn));
  }
  pool_cv_.notify_one();
}

void SqliteDb::run_read(const std::function<void(Conn&)>& fn) {
  Callbacks after;
  {
    TransactionScope scope;
    if (memory_) {
      // One connection only: borrow the writer and make it read-only for the duration.
      std::lock_guard lock(write_mu_);
      writer_->set_query_only(true);
      struct Restore {
        Connection* c;
        ~Restore() {
          try {
            c->set_query_only(false);
          } catch (const DbError& e) {
            spdlog::error("sqlite: {}", e.what());
          }
        }
      } restore{writer_.get()};
      writer_->transact("BEGIN", fn, &after);
    } else {
      std::unique_ptr<Connection> conn = take_reader();
      struct GiveBack {
        SqliteDb* db;
        std::unique_ptr<Connection>* conn;
        ~GiveBack() { db->give_back_reader(std::move(*conn)); }
      } give_back{this, &conn};
      conn->transact("BEGIN", fn, &after);
    }
  }
  run_callbacks(after);
}

void SqliteDb::run_write(const std::function<void(Conn&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    Callbacks after;
    try {
      TransactionScope scope;
      std::lock_guard lock(write_mu_);
      writer_->transact("BEGIN IMMEDIATE", fn, &after);
    } catch (const DbError& e) {
      if (!e.retryable() || attempt >= options_.max_retries) throw;
      spdlog::debug("sqlite write retry {} after: {}", attempt + 1, e.what());
      backoff(attempt);
      continue;
    }
    run_callbacks(after);
    return;
  }
}

}  // namespace jx::db
