// PostgreSQL backend of Db over libpq. A pool of up to Options::pool_size connections, opened
// on demand (the first one at construction, to report an unreachable server at once); a caller
// finding them all lent out waits. A connection found broken is reset, or dropped on return so
// the next caller opens a fresh one.
//
// - write(): BEGIN ISOLATION LEVEL READ COMMITTED ... COMMIT.
// - read():  BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY ... COMMIT (one snapshot).
// - Parameters go out as text, typed int8 (int64), float8 (double), bytea (Blob, binary
//   format); text and NULL are left untyped so the server infers them from the context, like a
//   quoted literal. So `substr(x, ?)` needs CAST(? AS INTEGER), and `? IS NULL` needs
//   CAST(? AS TEXT): write those casts, they are portable to SQLite too.
// - Results come back as text and are converted by column type: int2/int4/int8 -> int64,
//   float4/float8/numeric -> double, bool -> 0/1, bytea -> Blob, anything else -> string.
// - A `?` that is meant as a jsonb operator is still taken for a placeholder: use the
//   function forms (jsonb_exists, ...).
//
// Thread-safe. Nested read()/write() from inside fn on the same thread throws std::logic_error.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.hpp"

namespace jx::db {

// The URL with its password removed ("user:pw@" -> "user@", a password=... parameter dropped),
// for messages and logs.
std::string redact_url(std::string_view url);

// Rewrites `?` placeholders to $1..$n, leaving alone any `?` inside '...' and E'...' literals,
// "..." identifiers, $tag$...$tag$ bodies, -- and /* */ comments. *count receives n; *several
// (if given) whether a second statement follows a top-level `;`.
std::string rewrite_placeholders(std::string_view sql, int* count, bool* several = nullptr);

class PgDb final : public Db {
 public:
  // Connects once to check the URL and the server; throws DbError(kConnection) naming the URL
  // without its password.
  PgDb(const std::string& url, const Options& options);
  ~PgDb() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string describe() const override { return shown_url_; }

  class Connection;  // one PGconn with its prepared statements; defined in the .cpp

 protected:
  void run_read(const std::function<void(Conn&)>& fn) override;
  void run_write(const std::function<void(Conn&)>& fn) override;

 private:
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> conn);
  void run(const char* begin_sql, const std::function<void(Conn&)>& fn,
           std::vector<std::function<void()>>* after);

  std::string url_;
  std::string shown_url_;
  Options options_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + lent out
};

}  // namespace jx::db
