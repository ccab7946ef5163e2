// Row accessors and open(): picks the backend from the URL scheme.
#include "platform/db/db.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "platform/db/postgres/pg_db.hpp"
#include "platform/db/sqlite/sqlite_db.hpp"

namespace jx::db {
namespace {

[[noreturn]] void bad_type(size_t col, const Value& v, const char* wanted) {
  static constexpr const char* kNames[] = {"NULL", "an integer", "a real number", "text", "a blob"};
  throw DbError(ErrorKind::kOther, "column " + std::to_string(col) + " is " + kNames[v.index()] +
                                       ", expected " + wanted);
}

std::string format_double(double d) {
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, res.ptr);
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

bool Row::is_null(size_t col) const {
  return std::holds_alternative<std::monostate>(cells_.at(col));
}

int64_t Row::i64(size_t col) const {
  const Value& v = cells_.at(col);
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) {
    // PostgreSQL answers SUM(bigint) and other aggregates as numeric, which arrives as a double:
    // accept it when it holds a whole number that fits.
    if (std::isfinite(*d) && std::trunc(*d) == *d && *d >= -9223372036854775808.0 &&
        *d < 9223372036854775808.0) {
      return static_cast<int64_t>(*d);
    }
    throw DbError(ErrorKind::kOther, "column " + std::to_string(col) + " holds " +
                                         format_double(*d) + ", expected an integer");
  }
  bad_type(col, v, "an integer");
}

double Row::f64(size_t col) const {
  const Value& v = cells_.at(col);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  bad_type(col, v, "a number");
}

std::string Row::text(size_t col) const {
  const Value& v = cells_.at(col);
  switch (v.index()) {
    case 0:
      return {};
    case 1:
      return std::to_string(std::get<int64_t>(v));
    case 2:
      return format_double(std::get<double>(v));
    case 3:
      return std::get<std::string>(v);
    default:
      return std::get<Blob>(v).bytes;
  }
}

std::optional<int64_t> Row::opt_i64(size_t col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

std::optional<std::string> Row::opt_text(size_t col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::unique_ptr<Db> open(const std::string& url, const Options& options) {
  if (starts_with(url, "sqlite:")) return std::make_unique<SqliteDb>(url, options);
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return std::make_unique<PgDb>(url, options);
  }
  std::string shown = redact_url(url);
  throw DbError(ErrorKind::kConnection,
                "unsupported database URL \"" + shown +
                    "\": use sqlite:///absolute/path.db or postgresql://user@host:port/dbname "
                    "(不支持的数据库地址 \"" +
                    shown +
                    "\"：请使用 sqlite:///绝对路径.db 或 postgresql://用户@主机:端口/库名)");
}

}  // namespace jx::db
