// SQLite backend of Db. One writer connection behind a mutex (BEGIN IMMEDIATE, so a write
// never has to upgrade a read lock and deadlock), and up to Options::pool_size reader
// connections that WAL lets read in parallel with the writer, each read() in one deferred
// transaction (one snapshot). Reader connections are query_only: a write inside read() fails.
//
// Thread-safe. Nested read()/write() from inside fn on the same thread throws std::logic_error
// (it would otherwise deadlock on the writer mutex or the pool).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

struct sqlite3;

namespace jx::db {

// "sqlite:///abs/path.db" -> "/abs/path.db" (percent-escapes decoded); "sqlite::memory:" ->
// ":memory:". Throws DbError(kConnection) naming the URL when it is malformed.
std::string sqlite_path_from_url(const std::string& url);

// Opens a raw connection with jixiao's settings (WAL, foreign keys, busy timeout, synchronous),
// creating the file and its parent directory if missing. The caller owns it (sqlite3_close).
// Throws DbError(kConnection). Used by SqliteDb and by backup/restore.
sqlite3* sqlite_open(const std::string& path, const std::string& shown_url, const Options& options);

class SqliteDb final : public Db {
 public:
  // Opens (creating if missing) the database; throws DbError(kConnection).
  SqliteDb(const std::string& url, const Options& options);
  ~SqliteDb() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string describe() const override { return url_; }

  class Connection;  // one sqlite3 handle with its statement cache; defined in the .cpp

 protected:
  void run_read(const std::function<void(Conn&)>& fn) override;
  void run_write(const std::function<void(Conn&)>& fn) override;

 private:
  std::unique_ptr<Connection> take_reader();
  void give_back_reader(std::unique_ptr<Connection> conn);

  std::string url_;
  std::string path_;
  Options options_;
  bool memory_ = false;  // ":memory:" has one connection, so reads use the writer too

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int open_readers_ = 0;
};

}  // namespace jx::db
