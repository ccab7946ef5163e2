#include "platform/db/postgres/pg_db.hpp"
#include "platform/db/tx_support.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
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

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Dynamic SQL (IN lists of varying length) could otherwise grow the server-side set of
// prepared statements without bound.
constexpr size_t kMaxCachedStatements = 512;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

ErrorKind classify(const char* sqlstate) {
  if (!sqlstate) return ErrorKind::kOther;
  std::string_view s(sqlstate);
  if (s == "40001" || s == "40P01") return ErrorKind::kSerialization;
  if (s == "23505") return ErrorKind::kUnique;
  if (s == "23503") return ErrorKind::kForeignKey;
  if (s == "23514" || s == "23502") return ErrorKind::kCheck;
  // 08: connection exception; 57P01-03: the server is shutting down or starting up.
  if (s.substr(0, 2) == "08" || s == "57P01" || s == "57P02" || s == "57P03") {
    return ErrorKind::kConnection;
  }
  return ErrorKind::kOther;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string snippet(std::string_view sql) {
  constexpr size_t kMax = 300;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "…";
}

DbError connection_error(const std::string& shown_url, const std::string& detail) {
  return DbError(ErrorKind::kConnection, "cannot connect to database " + shown_url + ": " + detail +
                                             " (无法连接数据库 " + shown_url + "：" + detail + ")");
}

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// The values of one call's parameters in libpq's four parallel arrays.
struct Bound {
  std::vector<std::string> numbers;  // formatted int64/double; reserved, so c_str() is stable
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  std::vector<Oid> types;
  std::string signature;  // one letter per parameter type: part of the statement cache key
};

Bound bind(const Params& params) {
  Bound b;
  size_t n = params.size();
  b.numbers.reserve(n);
  b.values.resize(n, nullptr);
  b.lengths.resize(n, 0);
  b.formats.resize(n, 0);
  b.types.resize(n, 0);
  b.signature.resize(n, 'u');
  for (size_t i = 0; i < n; ++i) {
    const Value& v = params[i].value();
    switch (v.index()) {
      case 0:
        break;  // NULL: values[i] stays nullptr, type inferred
      case 1: {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, std::get<int64_t>(v));
        b.numbers.emplace_back(buf, r.ptr);
        b.values[i] = b.numbers.back().c_str();
        b.types[i] = kInt8Oid;
        b.signature[i] = 'i';
        break;
      }
      case 2: {
        double d = std::get<double>(v);
        if (std::isnan(d)) {
          b.numbers.emplace_back("NaN");
        } else if (std::isinf(d)) {
          b.numbers.emplace_back(d > 0 ? "Infinity" : "-Infinity");
        } else {
          // Shortest form that reads back as the same double.
          char buf[32];
          auto r = std::to_chars(buf, buf + sizeof buf, d);
          b.numbers.emplace_back(buf, r.ptr);
        }
        b.values[i] = b.numbers.back().c_str();
        b.types[i] = kFloat8Oid;
        b.signature[i] = 'f';
        break;
      }
      case 3: {
        const std::string& t = std::get<std::string>(v);
        if (t.find('\0') != std::string::npos) {
          throw DbError(ErrorKind::kOther, "text parameter " + std::to_string(i + 1) +
                                               " contains a NUL byte (use Blob for binary data)");
        }
        b.values[i] = t.c_str();
        break;
      }
      default: {
        const std::string& bytes = std::get<Blob>(v).bytes;
        b.values[i] = bytes.data();
        b.lengths[i] = static_cast<int>(bytes.size());
        b.formats[i] = 1;
        b.types[i] = kByteaOid;
        b.signature[i] = 'b';
        break;
      }
    }
  }
  return b;
}

Value cell(const PGresult* r, int row, int col, Oid type) {
  if (PQgetisnull(r, row, col)) return std::monostate{};
  const char* v = PQgetvalue(r, row, col);
  size_t len = static_cast<size_t>(PQgetlength(r, row, col));
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      int64_t out = 0;
      std::from_chars(v, v + len, out);
      return out;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      // from_chars ignores the locale and reads NaN / Infinity / -Infinity.
      double out = 0;
      std::from_chars(v, v + len, out);
      return out;
    }
    case kBoolOid:
      return int64_t{v[0] == 't' ? 1 : 0};
    case kByteaOid: {
      size_t n = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
      if (!raw) throw DbError(ErrorKind::kOther, "cannot decode a bytea value (out of memory)");
      Blob blob{std::string(reinterpret_cast<const char*>(raw), n)};
      PQfreemem(raw);
      return blob;
    }
    default:
      return std::string(v, len);
  }
}

Row read_row(const PGresult* r, int row) {
  int n = PQnfields(r);
  std::vector<Value> cells;
  cells.reserve(static_cast<size_t>(n));
  for (int c = 0; c < n; ++c) cells.push_back(cell(r, row, c, PQftype(r, c)));
  return Row(std::move(cells));
}

void ignore_notice(void*, const char*) {}

// Settings every connection gets, also after a reset.
bool setup(PGconn* pg, std::string* error) {
  PQsetNoticeProcessor(pg, ignore_notice, nullptr);
  Result r(PQexec(pg, "SET client_min_messages = warning"));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
    *error = trim(PQerrorMessage(pg));
    return false;
  }
  return true;
}

PGconn* connect(const std::string& url, const std::string& shown_url) {
  // Keywords before "dbname" are defaults the URL may override; without a connect_timeout a
  // firewalled host would hang for minutes.
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {"10", "jixiao", url.c_str(), nullptr};
  PGconn* pg = PQconnectdbParams(keys, values, 1);
  if (!pg) throw connection_error(shown_url, "out of memory");
  std::string error;
  if (PQstatus(pg) != CONNECTION_OK) {
    error = trim(PQerrorMessage(pg));
  } else if (!setup(pg, &error)) {
    error = "SET client_min_messages failed: " + error;
  }
  if (!error.empty()) {
    PQfinish(pg);
    throw connection_error(shown_url, error);
  }
  return pg;
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string s(url);
  size_t scheme = s.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t query = s.find('?', start);
    size_t at = query == std::string::npos ? s.rfind('@') : s.rfind('@', query);
    if (at != std::string::npos && at >= start) {
      size_t colon = s.find(':', start);
      if (colon != std::string::npos && colon < at) s.erase(colon, at - colon);
    }
  }
  size_t query = s.find('?');
  if (query == std::string::npos) return s;
  std::string out = s.substr(0, query);
  std::string_view params = std::string_view(s).substr(query + 1);
  char sep = '?';
  while (!params.empty()) {
    size_t amp = params.find('&');
    std::string_view param = params.substr(0, amp);
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
    if (param.substr(0, 9) == "password=" || param == "password") continue;
    out += sep;
    out += param;
    sep = '&';
  }
  return out;
}

std::string rewrite_placeholders(std::string_view sql, int* count, bool* several) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  const size_t len = sql.size();
  bool after_semicolon = false;
  bool second_statement = false;
  auto copy_to = [&](size_t end) {
    end = std::min(end, len);
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < len) {
    char c = sql[i];
    char next = i + 1 < len ? sql[i + 1] : '\0';
    bool comment = (c == '-' && next == '-') || (c == '/' && next == '*');
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (after_semicolon && !comment && !space && c != ';') second_statement = true;
    if (c == ';') after_semicolon = true;
    if (c == '\'') {
      // E'...' takes backslash escapes; standard literals only double the quote.
      bool backslash =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !ident_char(sql[i - 2]));
      size_t j = i + 1;
      while (j < len) {
        if (backslash && sql[j] == '\\') {
          j += 2;
        } else if (sql[j] == '\'') {
          if (j + 1 < len && sql[j + 1] == '\'') {
            j += 2;
          } else {
            break;
          }
        } else {
          ++j;
        }
      }
      copy_to(j + 1);
    } else if (c == '"') {
      size_t j = sql.find('"', i + 1);
      copy_to(j == std::string_view::npos ? len : j + 1);
    } else if (c == '-' && next == '-') {
      size_t j = sql.find('\n', i);
      copy_to(j == std::string_view::npos ? len : j + 1);
    } else if (c == '/' && next == '*') {
      // PostgreSQL block comments nest.
      size_t j = i + 2;
      int depth = 1;
      while (j < len && depth > 0) {
        if (sql[j] == '/' && j + 1 < len && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < len && sql[j + 1] == '/') {
          --depth;
          j += 2;
        } else {
          ++j;
        }
      }
      copy_to(j);
    } else if (c == '$' && (i == 0 || !ident_char(sql[i - 1]))) {
      // $tag$ ... $tag$ (the tag may be empty, and does not start with a digit: $1 is a
      // parameter).
      size_t j = i + 1;
      while (j < len && sql[j] != '$' && ident_char(sql[j])) ++j;
      bool quote =
          j < len && sql[j] == '$' && !(j > i + 1 && sql[i + 1] >= '0' && sql[i + 1] <= '9');
      if (quote) {
        std::string_view delim = sql.substr(i, j - i + 1);
        size_t end = sql.find(delim, j + 1);
        copy_to(end == std::string_view::npos ? len : end + delim.size());
      } else {
        out += c;
        ++i;
      }
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  *count = n;
  if (several) *several = second_statement;
  return out;
}

// One PGconn, its prepared statements and the state of the transaction it is running.
class PgDb::Connection final : public Conn {
 public:
  explicit Connection(PGconn* pg) : pg_(pg) {}
  ~Connection() override { PQfinish(pg_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }

  // Fit to go back to the pool: connected and outside any transaction.
  bool reusable() const {
    return PQstatus(pg_) == CONNECTION_OK && PQtransactionStatus(pg_) == PQTRANS_IDLE;
  }

  Rows query(std::string_view sql, const Params& params) override {
    Result r = execute(sql, params);
    Rows out;
    int nf = PQnfields(r.get());
    out.columns.reserve(static_cast<size_t>(nf));
    for (int c = 0; c < nf; ++c) out.columns.emplace_back(PQfname(r.get(), c));
    int nt = PQntuples(r.get());
    out.rows.reserve(static_cast<size_t>(nt));
    for (int row = 0; row < nt; ++row) out.rows.push_back(read_row(r.get(), row));
    return out;
  }

  void each(std::string_view sql, const Params& params,
            const std::function<void(const Row&)>& fn) override {
    check_usable();
    Bound b = bind(params);
    const std::string& name = statement(sql, b);
    if (!PQsendQueryPrepared(pg_, name.c_str(), static_cast<int>(b.values.size()), b.values.data(),
                             b.lengths.data(), b.formats.data(), 0)) {
      throw error(nullptr, sql);
    }
    // Rows arrive one PGresult at a time instead of the whole result set in memory. If the
    // mode cannot be set the rows arrive in one result, which the loop handles too.
    PQsetSingleRowMode(pg_);
    streaming_ = true;
    std::exception_ptr user_error;
    std::optional<DbError> db_error;
    while (PGresult* raw = PQgetResult(pg_)) {
      Result r(raw);
      ExecStatusType st = PQresultStatus(raw);
      if (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK) {
        for (int row = 0, nt = PQntuples(raw); row < nt && !user_error; ++row) {
          try {
            fn(read_row(raw, row));
          } catch (...) {
            // Stop the server producing rows nobody will read, then drain what is in flight:
            // the connection must be idle before anything else is sent on it.
            user_error = std::current_exception();
            cancel();
          }
        }
      } else if (st != PGRES_COMMAND_OK) {
        DbError e = error(raw, sql);  // also when draining after a cancel: the txn is aborted
        if (!user_error && !db_error) db_error = e;
      }
    }
    streaming_ = false;
    if (user_error) std::rethrow_exception(user_error);
    if (db_error) throw *db_error;
  }

  int64_t exec(std::string_view sql, const Params& params) override {
    Result r = execute(sql, params);
    const char* tuples = PQcmdTuples(r.get());
    int64_t n = 0;
    if (tuples && *tuples) std::from_chars(tuples, tuples + std::strlen(tuples), n);
    return n;
  }

  void exec_script(std::string_view sql) override {
    check_usable();
    std::string script(sql);
    Result r(PQexec(pg_, script.c_str()));
    ExecStatusType st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
      throw error(r.get(), "(script) " + script);
    }
  }

  void on_commit(std::function<void()> fn) override { callbacks_.push_back(std::move(fn)); }

  void plan_each_run(bool on) override {
    exec_script(on ? "SET LOCAL plan_cache_mode = force_custom_plan"
                   : "SET LOCAL plan_cache_mode = auto");
  }

  // Runs fn between begin_sql and COMMIT; rolls back and rethrows on any exception. On success
  // the on_commit callbacks are moved to *after, to run once the connection is back in the pool.
  void transact(const char* begin_sql, const std::function<void(Conn&)>& fn, Callbacks* after) {
    callbacks_.clear();
    failed_.reset();
    begin(begin_sql);
    try {
      fn(*this);
      if (failed_) {
        // COMMIT of an aborted transaction silently rolls back: say so instead of letting the
        // caller believe its writes are stored.
        throw DbError(failed_->kind(),
                      std::string("a statement in this transaction failed and the error was "
                                  "caught; the transaction was rolled back: ") +
                          failed_->what());
      }
      Result r(PQexec(pg_, "COMMIT"));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw error(r.get(), "COMMIT");
      if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0) {
        throw DbError(ErrorKind::kOther, "the server rolled the transaction back at COMMIT");
      }
    } catch (...) {
      rollback_quietly();
      callbacks_.clear();
      failed_.reset();
      throw;
    }
    *after = std::move(callbacks_);
    callbacks_.clear();
  }

 private:
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

  DbError error(const PGresult* r, std::string_view sql) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const char* detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : nullptr;
    std::string msg = primary ? primary : trim(PQerrorMessage(pg_));
    if (msg.empty()) msg = "unknown error";
    if (detail) msg += std::string(" (") + detail + ")";
    ErrorKind kind = classify(state);
    if (PQstatus(pg_) != CONNECTION_OK) kind = ErrorKind::kConnection;
    if (state) msg += std::string(" [SQLSTATE ") + state + "]";
    return remember(DbError(kind, msg + " in: " + snippet(sql)));
  }

  void cancel() {
    if (PGcancel* c = PQgetCancel(pg_)) {
      char buf[256];
      PQcancel(c, buf, sizeof buf);
      PQfreeCancel(c);
    }
  }

  // The name of the prepared statement for sql with these parameter types, preparing it on
  // first use on this connection.
  const std::string& statement(std::string_view sql, const Bound& b) {
    key_.assign(sql);
    key_ += '\0';
    key_ += b.signature;
    if (auto it = cache_.find(key_); it != cache_.end()) return it->second;
    int count = 0;
    bool several = false;
    std::string text = rewrite_placeholders(sql, &count, &several);
    if (several) {
      throw std::invalid_argument(
          "query()/each()/exec() take one SQL statement; use exec_script() for several: " +
          snippet(sql));
    }
    if (count != static_cast<int>(b.values.size())) {
      throw std::invalid_argument("statement has " + std::to_string(count) + " placeholders but " +
                                  std::to_string(b.values.size()) +
                                  " parameters were given: " + snippet(sql));
    }
    if (cache_.size() >= kMaxCachedStatements) {
      Result r(PQexec(pg_, "DEALLOCATE ALL"));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw error(r.get(), "DEALLOCATE ALL");
      cache_.clear();
    }
    std::string name = "jx" + std::to_string(++prepared_count_);
    Result r(PQprepare(pg_, name.c_str(), text.c_str(), count, b.types.data()));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw error(r.get(), sql);
    return cache_.emplace(key_, std::move(name)).first->second;
  }

  Result execute(std::string_view sql, const Params& params) {
    check_usable();
    Bound b = bind(params);
    const std::string& name = statement(sql, b);
    Result r(PQexecPrepared(pg_, name.c_str(), static_cast<int>(b.values.size()), b.values.data(),
                            b.lengths.data(), b.formats.data(), 0));
    ExecStatusType st = PQresultStatus(r.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    if (state && std::strcmp(state, "0A000") == 0) {
      // "cached plan must not change result type" after a table changed shape: prepare afresh
      // next time (the old name cannot be deallocated inside the now aborted transaction).
      cache_.erase(key_);
    }
    throw error(r.get(), sql);
  }

  void begin(const char* begin_sql) {
    Result r(PQexec(pg_, begin_sql));
    if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) return;
    if (PQstatus(pg_) != CONNECTION_OK) {
      // The server closed an idle pooled connection (restart, idle timeout): nothing was done
      // yet, so reconnect once and start again.
      PQreset(pg_);
      cache_.clear();
      std::string why;
      if (PQstatus(pg_) != CONNECTION_OK || !setup(pg_, &why)) {
        throw DbError(ErrorKind::kConnection,
                      "lost the database connection and could not reconnect: " +
                          trim(PQerrorMessage(pg_)) + " (数据库连接中断且无法重连)");
      }
      r.reset(PQexec(pg_, begin_sql));
      if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) return;
    }
    throw error(r.get(), begin_sql);
  }

  void rollback_quietly() {
    PGTransactionStatusType ts = PQtransactionStatus(pg_);
    if (ts == PQTRANS_ACTIVE) {
      cancel();
      while (PGresult* raw = PQgetResult(pg_)) PQclear(raw);
      ts = PQtransactionStatus(pg_);
    }
    if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR) Result r(PQexec(pg_, "ROLLBACK"));
  }

  PGconn* pg_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache_;
  std::string key_;  // scratch: the cache key of the statement being run
  int64_t prepared_count_ = 0;
  Callbacks callbacks_;
  std::optional<DbError> failed_;
  bool streaming_ = false;
};

PgDb::PgDb(const std::string& url, const Options& options)
    : url_(url), shown_url_(redact_url(url)), options_(options) {
  options_.pool_size = std::max(1, options_.pool_size);
  options_.max_retries = std::max(0, options_.max_retries);
  char* err = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &err);
  if (!parsed) {
    std::string detail = err ? trim(err) : "out of memory";
    PQfreemem(err);
    throw DbError(ErrorKind::kConnection,
                  "malformed database URL \"" + shown_url_ + "\": " + detail +
                      "; expected postgresql://user[:password]@host:port/dbname "
                      "(数据库地址格式错误 \"" +
                      shown_url_ + "\"：" + detail + ")");
  }
  PQconninfoFree(parsed);
  idle_.push_back(std::make_unique<Connection>(connect(url_, shown_url_)));
  open_ = 1;
}

PgDb::~PgDb() = default;

std::unique_ptr<PgDb::Connection> PgDb::acquire() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    if (open_ < options_.pool_size) {
      ++open_;
      lock.unlock();
      try {
        return std::make_unique<Connection>(connect(url_, shown_url_));
      } catch (...) {
        lock.lock();
        --open_;
        cv_.notify_one();
        throw;
      }
    }
    cv_.wait(lock);
  }
}

void PgDb::release(std::unique_ptr<Connection> conn) {
  std::unique_ptr<Connection> broken;
  {
    std::lock_guard lock(mu_);
    if (conn->reusable()) {
      idle_.push_back(std::move(conn));
    } else {
      // Replaced lazily: the next acquire() opens a fresh connection in its place.
      --open_;
      broken = std::move(conn);
    }
  }
  cv_.notify_one();
}

void PgDb::run(const char* begin_sql, const std::function<void(Conn&)>& fn, Callbacks* after) {
  TransactionScope scope;
  std::unique_ptr<Connection> conn = acquire();
  struct Release {
    PgDb* db;
    std::unique_ptr<Connection>* conn;
    ~Release() { db->release(std::move(*conn)); }
  } release{this, &conn};
  conn->transact(begin_sql, fn, after);
}

void PgDb::run_read(const std::function<void(Conn&)>& fn) {
  Callbacks after;
  run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn, &after);
  run_callbacks(after);
}

void PgDb::run_write(const std::function<void(Conn&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    Callbacks after;
    try {
      run("BEGIN ISOLATION LEVEL READ COMMITTED", fn, &after);
    } catch (const DbError& e) {
      if (!e.retryable() || attempt >= options_.max_retries) throw;
      spdlog::debug("postgres write retry {} after: {}", attempt + 1, e.what());
      backoff(attempt);
      continue;
    }
    run_callbacks(after);
    return;
  }
}

}  // namespace jx::db
