// Storage layer tests. Every DbTest case runs on SQLite (a temp file) and on PostgreSQL when
// JX_TEST_PG_URL names a server (postgresql://postgres@127.0.0.1:55432/postgres): the process
// then creates a database jx_unit_<random> of its own, empties its schema before each case, and
// drops it at exit.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <limits>
#include <random>
#include <sstream>
#include <thread>

#include "platform/db/backup.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/postgres/pg_db.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/error.hpp"
#include "test_db.hpp"

namespace jx::db {
namespace {

using test::pg_admin;
using test::with_database;

namespace fs = std::filesystem;

std::string random_suffix() {
  std::random_device rd;
  std::mt19937_64 rng(rd());
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 10; ++i) s += kChars[rng() % (sizeof kChars - 1)];
  return s;
}

const char* pg_server_url() {
  const char* url = std::getenv("JX_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

// This process's own PostgreSQL database, created on first use, dropped at exit.
class PgDatabase : public ::testing::Environment {
 public:
  static PgDatabase* instance;

  const std::string& url() {
    if (url_.empty()) {
      name_ = "jx_unit_" + random_suffix();
      pg_admin(pg_server_url(), "CREATE DATABASE " + name_);
      url_ = with_database(pg_server_url(), name_);
    }
    return url_;
  }

  void TearDown() override {
    if (name_.empty()) return;
    pg_admin(pg_server_url(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    name_.clear();
    url_.clear();
  }

 private:
  std::string name_;
  std::string url_;
};
PgDatabase* PgDatabase::instance =
    static_cast<PgDatabase*>(::testing::AddGlobalTestEnvironment(new PgDatabase));

// Values compared exactly (Blob has no operator==).
bool same(const Value& a, const Value& b) {
  if (a.index() != b.index()) return false;
  switch (a.index()) {
    case 0:
      return true;
    case 1:
      return std::get<int64_t>(a) == std::get<int64_t>(b);
    case 2: {
      double x = std::get<double>(a), y = std::get<double>(b);
      return x == y || (std::isnan(x) && std::isnan(y));
    }
    case 3:
      return std::get<std::string>(a) == std::get<std::string>(b);
    default:
      return std::get<Blob>(a).bytes == std::get<Blob>(b).bytes;
  }
}

std::string show(const Value& v) {
  std::ostringstream out;
  switch (v.index()) {
    case 0:
      out << "NULL";
      break;
    case 1:
      out << "int " << std::get<int64_t>(v);
      break;
    case 2:
      out << "double " << std::get<double>(v);
      break;
    case 3:
      out << "text \"" << std::get<std::string>(v) << "\"";
      break;
    default:
      out << "blob of " << std::get<Blob>(v).bytes.size() << " bytes";
  }
  return out.str();
}

// Every row of every table named, as text, for before/after comparisons.
std::string dump(Db& db, const std::vector<std::string>& tables) {
  return db.read([&](Conn& c) {
    std::string out;
    for (const std::string& t : tables) {
      out += "== " + t + "\n";
      for (const Row& r : c.query("SELECT * FROM " + t + " ORDER BY 1")) {
        for (size_t i = 0; i < r.size(); ++i) out += show(r.cell(i)) + " | ";
        out += "\n";
      }
    }
    return out;
  });
}

class DbTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::kPostgres) {
      if (!pg_server_url()) {
        GTEST_SKIP() << "PostgreSQL case skipped: set JX_TEST_PG_URL (e.g. "
                        "postgresql://postgres@127.0.0.1:55432/postgres after "
                        "scripts/pg-cluster start /tmp/jx-pg 55432)";
      }
      url_ = PgDatabase::instance->url();
      auto admin = open(url_);
      admin->write([](Conn& c) {
        c.exec_script("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
      });
    } else {
      dir_ = fs::temp_directory_path() / ("jx-db-test-" + random_suffix());
      // A folder that does not exist yet: open() must create it.
      url_ = "sqlite://" + (dir_ / "nested" / "test.db").string();
    }
    db_ = open(url_, options());
  }

  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static Options options() {
    Options o;
    o.sqlite_sync_full = false;  // the tests need no durability, and run faster without fsync
    return o;
  }

  bool pg() const { return GetParam() == Dialect::kPostgres; }

  // Runs portable DDL (with the SERIAL_PK / BLOB tokens).
  void ddl(const std::string& sql) {
    db_->write([&](Conn& c) { c.exec_script(translate(sql, c.dialect())); });
  }

  int64_t count(const std::string& table) {
    return db_->read([&](Conn& c) { return c.one("SELECT COUNT(*) FROM " + table)->i64(0); });
  }

  void make_items() {
    ddl("CREATE TABLE items (id SERIAL_PK, name TEXT NOT NULL UNIQUE, qty INTEGER NOT NULL "
        "DEFAULT 0 CHECK (qty >= 0))");
  }

  std::string url_;
  fs::path dir_;
  std::unique_ptr<Db> db_;
};

INSTANTIATE_TEST_SUITE_P(Dialects, DbTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const ::testing::TestParamInfo<Dialect>& info) {
                           return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST_P(DbTest, ReportsDialectAndUrl) {
  EXPECT_EQ(db_->dialect(), GetParam());
  EXPECT_EQ(db_->describe(), url_);
}

TEST_P(DbTest, ParamsOfEveryTypeRoundTrip) {
  ddl("CREATE TABLE vals (id SERIAL_PK, i BIGINT, f DOUBLE PRECISION, s TEXT, b BLOB)");
  const std::string nul_blob("\0a\0\xff\x01\0", 6);
  const std::vector<std::vector<Value>> rows = {
      {int64_t{std::numeric_limits<int64_t>::min()}, 0.1, std::string("绩效目标 中文 ✓"),
       Blob{nul_blob}},
      {int64_t{std::numeric_limits<int64_t>::max()}, -1.5e300, std::string(""), Blob{""}},
      {int64_t{-1}, 3.141592653589793, std::string("it's \"quoted\" ? $1 \\n"),
       Blob{std::string(300, '\0')}},
      {std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}},
      {int64_t{0}, 5e-324, std::string("🙂 emoji"), Blob{"plain"}},
  };
  db_->write([&](Conn& c) {
    for (const auto& r : rows) {
      EXPECT_EQ(
          c.exec("INSERT INTO vals (i, f, s, b) VALUES (?, ?, ?, ?)", {r[0], r[1], r[2], r[3]}), 1);
    }
  });
  Rows got = db_->read([](Conn& c) { return c.query("SELECT i, f, s, b FROM vals ORDER BY id"); });
  ASSERT_EQ(got.size(), rows.size());
  EXPECT_EQ(got.columns, (std::vector<std::string>{"i", "f", "s", "b"}));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 4; ++c) {
      EXPECT_TRUE(same(got[r].cell(c), rows[r][c]))
          << "row " << r << " col " << c << ": got " << show(got[r].cell(c)) << ", want "
          << show(rows[r][c]);
    }
  }

  // The same values straight through SELECT ?: the parameter's own type comes back.
  Row echo = *db_->read([&](Conn& c) {
    return c.one("SELECT ?, ?, ?, ?, ?", {int64_t{std::numeric_limits<int64_t>::min()}, 2.5, "中文",
                                          Blob{nul_blob}, nullptr});
  });
  EXPECT_EQ(echo.i64(0), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(echo.f64(1), 2.5);
  EXPECT_EQ(echo.text(2), "中文");
  EXPECT_TRUE(same(echo.cell(3), Blob{nul_blob}));
  EXPECT_TRUE(echo.is_null(4));

  // Param conversions from common C++ types.
  Row conv = *db_->read([](Conn& c) {
    return c.one(
        "SELECT ?, ?, ?, ?, ?",
        {true, std::optional<int>(), std::optional<std::string>("x"), std::string_view("sv"), 7u});
  });
  EXPECT_EQ(conv.i64(0), 1);
  EXPECT_TRUE(conv.is_null(1));
  EXPECT_EQ(conv.opt_text(2), std::optional<std::string>("x"));
  EXPECT_EQ(conv.text(3), "sv");
  EXPECT_EQ(conv.i64(4), 7);
}

TEST_P(DbTest, TextWithNulIsRefused) {
  EXPECT_THROW(db_->read([](Conn& c) { c.query("SELECT ?", {std::string("a\0b", 3)}); }), DbError);
}

TEST_P(DbTest, QuestionMarkInLiteralsIsNotAPlaceholder) {
  Row r = *db_->read([](Conn& c) {
    return c.one(
        "SELECT '?' AS q, ? AS p, 'a''?b' AS r, ? AS \"x?\" -- trailing ? comment\n"
        "/* ? */",
        {5, "five"});
  });
  EXPECT_EQ(r.text(0), "?");
  EXPECT_EQ(r.i64(1), 5);
  EXPECT_EQ(r.text(2), "a'?b");
  EXPECT_EQ(r.text(3), "five");
}

TEST_P(DbTest, WrongParameterCountIsAProgrammingError) {
  EXPECT_THROW(db_->read([](Conn& c) { c.query("SELECT ?, ?", {1}); }), std::logic_error);
  EXPECT_THROW(db_->read([](Conn& c) { c.query("SELECT 1; SELECT 2"); }), std::logic_error);
}

TEST_P(DbTest, InsertReturningId) {
  make_items();
  db_->write([](Conn& c) {
    EXPECT_EQ(c.one("INSERT INTO items (name) VALUES (?) RETURNING id", {"a"})->i64(0), 1);
    EXPECT_EQ(c.one("INSERT INTO items (name) VALUES (?) RETURNING id", {"b"})->i64(0), 2);
    Rows rows =
        c.query("INSERT INTO items (name, qty) VALUES (?, ?) RETURNING id, name, qty", {"c", 9});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.columns, (std::vector<std::string>{"id", "name", "qty"}));
    EXPECT_EQ(rows[0].i64(0), 3);
    EXPECT_EQ(rows[0].text(1), "c");
    EXPECT_EQ(rows[0].i64(2), 9);
  });
}

TEST_P(DbTest, ExecReturnsRowsChanged) {
  make_items();
  db_->write([](Conn& c) {
    for (const char* n : {"a", "b", "c"})
      EXPECT_EQ(c.exec("INSERT INTO items (name) VALUES (?)", {n}), 1);
    EXPECT_EQ(c.exec("UPDATE items SET qty = qty + ?", {2}), 3);
    EXPECT_EQ(c.exec("UPDATE items SET qty = 0 WHERE name = ?", {"zzz"}), 0);
    EXPECT_EQ(c.exec("DELETE FROM items WHERE name IN (?, ?)", {"a", "b"}), 2);
    EXPECT_EQ(c.exec("CREATE TABLE other (x INTEGER)"), 0);  // not a stale count from before
  });
  EXPECT_EQ(count("items"), 1);
}

TEST_P(DbTest, EmptyResultHasColumnNames) {
  make_items();
  Rows r =
      db_->read([](Conn& c) { return c.query("SELECT id, name FROM items WHERE qty > ?", {5}); });
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "name"}));
  EXPECT_FALSE(db_->read([](Conn& c) { return c.one("SELECT id FROM items"); }).has_value());
}

TEST_P(DbTest, ExceptionRollsBackEverything) {
  make_items();
  EXPECT_THROW(db_->write([](Conn& c) {
    c.exec("INSERT INTO items (name) VALUES (?)", {"a"});
    c.exec("INSERT INTO items (name) VALUES (?)", {"b"});
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(count("items"), 0);
}

TEST_P(DbTest, ApiErrorPropagatesUnchanged) {
  make_items();
  try {
    db_->write([](Conn& c) {
      c.exec("INSERT INTO items (name) VALUES (?)", {"a"});
      throw ApiError::conflict("duplicate_code", {"编码重复", "Duplicate code"});
    });
    FAIL() << "no exception";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "duplicate_code");
    EXPECT_EQ(e.message().zh, "编码重复");
  }
  EXPECT_EQ(count("items"), 0);
  // And from read() too.
  EXPECT_THROW(db_->read([](Conn&) { throw ApiError::not_found(); }), ApiError);
}

TEST_P(DbTest, UniqueViolationIsClassified) {
  make_items();
  try {
    db_->write([](Conn& c) {
      c.exec("INSERT INTO items (name) VALUES (?)", {"a"});
      c.exec("INSERT INTO items (name) VALUES (?)", {"a"});
    });
    FAIL() << "no exception";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnique) << e.what();
    EXPECT_FALSE(e.retryable());
  }
  EXPECT_EQ(count("items"), 0);
}

TEST_P(DbTest, ForeignKeyViolationIsClassified) {
  ddl("CREATE TABLE parent (id SERIAL_PK); "
      "CREATE TABLE child (id SERIAL_PK, parent_id BIGINT NOT NULL REFERENCES parent (id))");
  try {
    db_->write([](Conn& c) { c.exec("INSERT INTO child (parent_id) VALUES (?)", {42}); });
    FAIL() << "no exception";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kForeignKey) << e.what();
  }
}

TEST_P(DbTest, CheckAndNotNullViolationsAreClassified) {
  make_items();
  for (const char* sql : {"INSERT INTO items (name, qty) VALUES ('a', -1)",
                          "INSERT INTO items (name) VALUES (NULL)"}) {
    try {
      db_->write([&](Conn& c) { c.exec(sql); });
      ADD_FAILURE() << "no exception for " << sql;
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kCheck) << e.what();
    }
  }
}

TEST_P(DbTest, CaughtDbErrorStillRollsBack) {
  // PostgreSQL aborts the transaction at the first error, so swallowing one must not be able
  // to "work" on SQLite either.
  make_items();
  try {
    db_->write([](Conn& c) {
      c.exec("INSERT INTO items (name) VALUES (?)", {"a"});
      try {
        c.exec("INSERT INTO items (name) VALUES (?)", {"a"});
      } catch (const DbError&) {
      }
    });
    FAIL() << "no exception";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnique) << e.what();
  }
  EXPECT_EQ(count("items"), 0);
}

TEST_P(DbTest, ReadIsReadOnly) {
  make_items();
  EXPECT_THROW(db_->read([](Conn& c) { c.exec("INSERT INTO items (name) VALUES ('x')"); }),
               DbError);
  EXPECT_EQ(count("items"), 0);
  // The connection is fine afterwards.
  EXPECT_EQ(db_->read([](Conn& c) { return c.one("SELECT 1")->i64(0); }), 1);
}

TEST_P(DbTest, OnCommitRunsAfterCommitInOrderAndNotAfterRollback) {
  make_items();
  std::vector<std::string> log;
  db_->write([&](Conn& c) {
    c.exec("INSERT INTO items (name) VALUES ('a')");
    c.on_commit([&] {
      // Runs after COMMIT and outside the transaction: the row is visible to a fresh read.
      log.push_back("first:" + std::to_string(count("items")));
    });
    c.on_commit([&] { log.push_back("second"); });
    log.push_back("body");
  });
  EXPECT_EQ(log, (std::vector<std::string>{"body", "first:1", "second"}));

  log.clear();
  EXPECT_THROW(db_->write([&](Conn& c) {
    c.exec("INSERT INTO items (name) VALUES ('b')");
    c.on_commit([&] { log.push_back("must not run"); });
    throw std::runtime_error("rollback");
  }),
               std::runtime_error);
  EXPECT_TRUE(log.empty());

  // A throwing callback does not undo the commit or stop the others.
  db_->write([&](Conn& c) {
    c.on_commit([] { throw std::runtime_error("callback failure"); });
    c.on_commit([&] { log.push_back("after throwing one"); });
  });
  EXPECT_EQ(log, (std::vector<std::string>{"after throwing one"}));

  // read() commits too.
  log.clear();
  db_->read([&](Conn& c) { c.on_commit([&] { log.push_back("read"); }); });
  EXPECT_EQ(log, (std::vector<std::string>{"read"}));
}

TEST_P(DbTest, RetryableErrorRetriesTheWholeFunction) {
  make_items();
  int attempts = 0;
  std::vector<int> committed;
  int64_t rows = db_->write([&](Conn& c) {
    int attempt = ++attempts;
    c.exec("INSERT INTO items (name) VALUES (?)", {"try" + std::to_string(attempt)});
    c.on_commit([&committed, attempt] { committed.push_back(attempt); });
    if (attempt == 1) throw DbError(ErrorKind::kBusy, "simulated busy");
    if (attempt == 2) throw DbError(ErrorKind::kSerialization, "simulated serialization failure");
    return c.one("SELECT COUNT(*) FROM items")->i64(0);
  });
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(rows, 1);  // the first two attempts were rolled back
  EXPECT_EQ(committed, (std::vector<int>{3}));
  EXPECT_EQ(db_->read([](Conn& c) { return c.one("SELECT name FROM items")->text(0); }), "try3");

  // Non-retryable errors are not retried.
  attempts = 0;
  EXPECT_THROW(db_->write([&](Conn&) {
    ++attempts;
    throw DbError(ErrorKind::kUnique, "simulated");
  }),
               DbError);
  EXPECT_EQ(attempts, 1);
}

TEST_P(DbTest, RetriesStopAtMaxRetries) {
  Options o = options();
  o.max_retries = 2;
  auto db = open(url_, o);
  int attempts = 0;
  try {
    db->write([&](Conn&) {
      ++attempts;
      throw DbError(ErrorKind::kBusy, "always busy");
    });
    FAIL() << "no exception";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBusy);
  }
  EXPECT_EQ(attempts, 3);
}

TEST_P(DbTest, ConcurrentWritersCountExactly) {
  // Two writers, each with its own Db (as two server processes would be), doing a
  // read-modify-write that is only correct if transactions serialize. SQLite with no busy
  // timeout and PostgreSQL at SERIALIZABLE both make conflicting writers fail with a retryable
  // error, so the total is exact only if write() retries them correctly.
  ddl("CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)");
  db_->write([](Conn& c) { c.exec("INSERT INTO counter (id, n) VALUES (1, 0)"); });
  constexpr int kThreads = 2;
  constexpr int kOps = 200;
  std::atomic<int> attempts{0};
  std::atomic<int> failures{0};
  std::vector<std::unique_ptr<Db>> dbs;
  for (int t = 0; t < kThreads; ++t) {
    Options o = options();
    o.busy_timeout_ms = 0;
    o.max_retries = 10000;
    dbs.push_back(open(url_, o));
  }
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Db* db = dbs[static_cast<size_t>(t)].get();
      start.arrive_and_wait();
      for (int i = 0; i < kOps; ++i) {
        try {
          db->write([&](Conn& c) {
            ++attempts;
            if (c.dialect() == Dialect::kPostgres) {
              c.exec("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            }
            int64_t n = c.one("SELECT n FROM counter WHERE id = 1")->i64(0);
            c.exec("UPDATE counter SET n = ? WHERE id = 1", {n + 1});
          });
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(db_->read([](Conn& c) { return c.one("SELECT n FROM counter")->i64(0); }),
            kThreads * kOps);
  if (pg()) {
    // SQLite's conflicts surface at BEGIN IMMEDIATE, before fn runs, so only these are counted.
    std::cout << "[          ] fn ran " << attempts.load() << " times for " << kThreads * kOps
              << " increments\n";
  }

  // The same through one shared Db (one writer mutex / one pool).
  std::vector<std::thread> shared;
  for (int t = 0; t < kThreads; ++t) {
    shared.emplace_back([&] {
      for (int i = 0; i < kOps; ++i) {
        db_->write([](Conn& c) { c.exec("UPDATE counter SET n = n + 1 WHERE id = 1"); });
      }
    });
  }
  for (auto& t : shared) t.join();
  EXPECT_EQ(db_->read([](Conn& c) { return c.one("SELECT n FROM counter")->i64(0); }),
            2 * kThreads * kOps);
}

TEST_P(DbTest, PoolSizeOneServesManyThreads) {
  Options o = options();
  o.pool_size = 1;
  auto db = open(url_, o);
  std::atomic<int64_t> sum{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        sum += db->read([&](Conn& c) { return c.one("SELECT ? + 1", {i})->i64(0); });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(sum.load(), 4 * (50 * 51 / 2));
}

TEST_P(DbTest, BrokenConnectionsAreReplaced) {
  if (!pg()) GTEST_SKIP() << "PostgreSQL only: SQLite has no server to lose";
  make_items();
  Options o = options();
  o.pool_size = 2;
  auto db = open(url_, o);
  auto kill_others = [&](const std::string& application_name) {
    pg_admin(pg_server_url(),
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                 url_.substr(url_.rfind('/') + 1) + "' AND application_name = '" +
                 application_name + "'");
  };
  // Idle pooled connections killed by the server (restart, idle timeout): the next
  // transaction reconnects transparently.
  db->read([](Conn& c) { c.one("SELECT 1"); });
  kill_others("jixiao");
  EXPECT_EQ(db->read([](Conn& c) { return c.one("SELECT 2")->i64(0); }), 2);
  EXPECT_EQ(db->write([](Conn& c) { return c.exec("INSERT INTO items (name) VALUES ('a')"); }), 1);

  // Lost in the middle of a transaction: kConnection, nothing committed, and the pool
  // replaces the connection.
  try {
    db->write([&](Conn& c) {
      c.exec("INSERT INTO items (name) VALUES ('b')");
      std::thread([&] { kill_others("jixiao"); }).join();
      c.exec("INSERT INTO items (name) VALUES ('c')");
    });
    FAIL() << "no exception";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConnection) << e.what();
  }
  EXPECT_EQ(db->read([](Conn& c) { return c.one("SELECT COUNT(*) FROM items")->i64(0); }), 1);
}

TEST_P(DbTest, ReadSeesOneSnapshot) {
  make_items();
  db_->read([&](Conn& c) {
    EXPECT_EQ(c.one("SELECT COUNT(*) FROM items")->i64(0), 0);
    std::thread([&] {
      db_->write([](Conn& w) { w.exec("INSERT INTO items (name) VALUES ('x')"); });
    }).join();
    EXPECT_EQ(c.one("SELECT COUNT(*) FROM items")->i64(0), 0);
  });
  EXPECT_EQ(count("items"), 1);
}

TEST_P(DbTest, EachStreamsRows) {
  make_items();
  db_->write([](Conn& c) {
    for (int i = 1; i <= 1000; ++i) {
      c.exec("INSERT INTO items (name, qty) VALUES (?, ?)", {"item" + std::to_string(i), i});
    }
  });
  int64_t seen = 0, total = 0, last = 0;
  bool ordered = true;
  db_->read([&](Conn& c) {
    c.each("SELECT id, qty FROM items WHERE qty >= ? ORDER BY id", {1}, [&](const Row& r) {
      ++seen;
      total += r.i64(1);
      ordered = ordered && r.i64(0) > last;
      last = r.i64(0);
    });
  });
  EXPECT_EQ(seen, 1000);
  EXPECT_EQ(total, 1000 * 1001 / 2);
  EXPECT_TRUE(ordered);

  // An exception from the callback stops the stream and comes out unchanged; the Db stays
  // usable.
  int calls = 0;
  EXPECT_THROW(db_->read([&](Conn& c) {
    c.each("SELECT id FROM items ORDER BY id", {}, [&](const Row&) {
      if (++calls == 10) throw ApiError::bad_request({"停", "stop"});
    });
  }),
               ApiError);
  EXPECT_EQ(calls, 10);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(count("items"), 1000);

  // Another statement while rows are being delivered is refused on both databases.
  EXPECT_THROW(db_->read([&](Conn& c) {
    c.each("SELECT id FROM items", {}, [&](const Row&) { c.query("SELECT 1"); });
  }),
               std::logic_error);
  EXPECT_EQ(count("items"), 1000);
}

TEST_P(DbTest, NestedTransactionsAreRefused) {
  make_items();
  EXPECT_THROW(db_->write([&](Conn&) { db_->write([](Conn&) {}); }), std::logic_error);
  EXPECT_THROW(db_->write([&](Conn&) { db_->read([](Conn&) {}); }), std::logic_error);
  EXPECT_THROW(db_->read([&](Conn&) { db_->read([](Conn&) {}); }), std::logic_error);
  EXPECT_THROW(db_->read([&](Conn&) { db_->write([](Conn&) {}); }), std::logic_error);
  // The outer transaction was rolled back, and the Db works normally afterwards.
  EXPECT_THROW(db_->write([&](Conn& c) {
    c.exec("INSERT INTO items (name) VALUES ('a')");
    db_->write([](Conn&) {});
  }),
               std::logic_error);
  EXPECT_EQ(count("items"), 0);
  db_->write([](Conn& c) { c.exec("INSERT INTO items (name) VALUES ('b')"); });
  EXPECT_EQ(count("items"), 1);
}

TEST_P(DbTest, IntegerAggregatesReadAsInt64) {
  // PostgreSQL answers SUM(bigint) as numeric.
  make_items();
  db_->write([](Conn& c) {
    c.exec("INSERT INTO items (name, qty) VALUES ('a', 2000000000), ('b', 2000000000)");
  });
  Row r = *db_->read([](Conn& c) {
    return c.one("SELECT SUM(qty), COUNT(*), MAX(qty), AVG(qty) FROM items WHERE qty > ?", {0});
  });
  EXPECT_EQ(r.i64(0), 4000000000);
  EXPECT_EQ(r.i64(1), 2);
  EXPECT_EQ(r.i64(2), 2000000000);
  EXPECT_DOUBLE_EQ(r.f64(3), 2000000000.0);
}

// --- migrations -------------------------------------------------------------------------

std::vector<MigrationFile> test_migrations() {
  return {
      {"0001_test_first.sql",
       "-- first\nCREATE TABLE docs (id SERIAL_PK, title TEXT NOT NULL, body BLOB);\n"
       "CREATE INDEX docs_title ON docs (title);\n"},
      {"0002_test_second.sql",
       "CREATE TABLE tags (id SERIAL_PK, doc_id BIGINT NOT NULL REFERENCES docs (id), "
       "tag TEXT NOT NULL);\nINSERT INTO docs (title) VALUES ('seed; with ? and ''quotes''');\n"},
  };
}

TEST_P(DbTest, MigrationsApplyOnceAndRecordChecksums) {
  auto files = test_migrations();
  EXPECT_EQ(pending(*db_, files), 2);
  MigrateResult r = migrate(*db_, files);
  EXPECT_EQ(r.applied, 2);
  EXPECT_EQ(r.total, 2);
  EXPECT_EQ(pending(*db_, files), 0);
  EXPECT_EQ(count("docs"), 1);

  r = migrate(*db_, files);  // idempotent
  EXPECT_EQ(r.applied, 0);
  EXPECT_EQ(r.total, 2);
  EXPECT_EQ(count("docs"), 1);

  Rows rows = db_->read([](Conn& c) {
    return c.query(
        "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].i64(0), 1);
  EXPECT_EQ(rows[0].text(1), "0001_test_first.sql");
  EXPECT_EQ(rows[0].text(2).size(), 64u);
  TimePoint at;
  EXPECT_TRUE(parse_utc(rows[0].text(3), &at)) << rows[0].text(3);
  EXPECT_EQ(rows[1].i64(0), 2);

  // A new file is picked up.
  files.push_back({"0003_test_third.sql", "ALTER TABLE docs ADD COLUMN note TEXT;"});
  EXPECT_EQ(pending(*db_, files), 1);
  EXPECT_EQ(migrate(*db_, files).applied, 1);
  EXPECT_EQ(pending(*db_, files), 0);
}

TEST_P(DbTest, PlatformMigrationsApply) {
  MigrateResult r = migrate(*db_);
  EXPECT_EQ(r.applied, static_cast<int>(embedded_migrations().size()));
  EXPECT_EQ(migrate(*db_).applied, 0);
  EXPECT_EQ(pending(*db_), 0);
  int64_t id = db_->write([](Conn& c) {
    return c
        .one(
            "INSERT INTO users (username, display_name, password_hash, password_changed_at, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {"admin", "管理员", "x", "t", "t", "t"})
        ->i64(0);
  });
  EXPECT_EQ(id, 1);
}

TEST_P(DbTest, EditedMigrationIsRefused) {
  auto files = test_migrations();
  migrate(*db_, files);
  files[0].sql += "-- a harmless looking edit\n";
  for (int i = 0; i < 2; ++i) {
    try {
      i == 0 ? (void)migrate(*db_, files) : (void)pending(*db_, files);
      ADD_FAILURE() << "edited migration accepted";
    } catch (const MigrationError& e) {
      std::string msg = e.what();
      EXPECT_NE(msg.find("migration 0001_test_first.sql was edited after it was applied"),
                std::string::npos)
          << msg;
      EXPECT_NE(msg.find("restore the original file"), std::string::npos) << msg;
      EXPECT_NE(msg.find("请恢复原文件"), std::string::npos) << msg;
    }
  }
}

TEST_P(DbTest, NewerDatabaseIsRefused) {
  auto files = test_migrations();
  migrate(*db_, files);
  files.pop_back();
  try {
    migrate(*db_, files);
    FAIL() << "older binary accepted a newer database";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("database is newer than this jixiao"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("0002_test_second.sql"), std::string::npos) << e.what();
  }
  EXPECT_THROW(pending(*db_, files), MigrationError);
}

TEST_P(DbTest, BadMigrationNamesAndOrderAreRefused) {
  const std::vector<std::vector<MigrationFile>> bad = {
      {{"1_test_x.sql", "SELECT 1"}},
      {{"0001_test.sql", "SELECT 1"}},
      {{"0001_Test_x.sql", "SELECT 1"}},
      {{"0001_test_x.SQL", "SELECT 1"}},
      {{"0000_test_x.sql", "SELECT 1"}},
      {{"0002_test_x.sql", "SELECT 1"}, {"0001_test_y.sql", "SELECT 1"}},
      {{"0001_test_x.sql", "SELECT 1"}, {"0001_test_y.sql", "SELECT 1"}},
  };
  for (const auto& files : bad) {
    EXPECT_THROW(migrate(*db_, files), MigrationError) << files.back().name;
  }
}

TEST_P(DbTest, FailedMigrationLeavesNothingBehind) {
  auto files = test_migrations();
  files[1].sql = "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;\n";
  try {
    migrate(*db_, files);
    FAIL() << "broken migration accepted";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("0002_test_second.sql"), std::string::npos) << e.what();
  }
  EXPECT_EQ(pending(*db_, files), 1);
  EXPECT_EQ(
      db_->read([](Conn& c) { return c.one("SELECT COUNT(*) FROM schema_migrations")->i64(0); }),
      1);
  // The half-done migration's table was rolled back with it.
  EXPECT_THROW(db_->read([](Conn& c) { c.query("SELECT * FROM half"); }), DbError);
}

TEST_P(DbTest, TranslatedDdlRuns) {
  ddl("CREATE TABLE t (id SERIAL_PK, data BLOB, blob_size INTEGER, note TEXT DEFAULT 'BLOB')");
  db_->write([](Conn& c) {
    c.exec("INSERT INTO t (data, blob_size) VALUES (?, ?)", {Blob{std::string("\0\1", 2)}, 2});
  });
  Row r = *db_->read([](Conn& c) { return c.one("SELECT id, data, blob_size, note FROM t"); });
  EXPECT_EQ(r.i64(0), 1);
  EXPECT_TRUE(same(r.cell(1), Blob{std::string("\0\1", 2)}));
  EXPECT_EQ(r.i64(2), 2);
  EXPECT_EQ(r.text(3), "BLOB");
}

// --- backup -----------------------------------------------------------------------------

TEST_P(DbTest, BackupAndRestoreRoundTrip) {
  if (pg() && !find_pg_tool("pg_dump")) GTEST_SKIP() << "pg_dump not installed";
  migrate(*db_);
  make_items();
  db_->write([](Conn& c) {
    for (int i = 0; i < 50; ++i) {
      c.exec("INSERT INTO items (name, qty) VALUES (?, ?)", {"物品" + std::to_string(i), i});
    }
    c.exec("INSERT INTO meta (key, value) VALUES (?, ?)", {"k", "值 with 'quotes'"});
    c.exec("DELETE FROM items WHERE qty = 49");  // the next id is 51, not 50
  });
  const std::vector<std::string> tables = {"items", "meta", "schema_migrations"};
  std::string before = dump(*db_, tables);

  fs::path backup_dir = fs::temp_directory_path() / ("jx-db-backup-" + random_suffix());
  fs::path file = backup_dir / "sub" / (pg() ? "backup.dump" : "backup.db");
  backup(url_, file.string());
  ASSERT_TRUE(fs::exists(file));
  EXPECT_FALSE(fs::exists(file.string() + ".part"));

  // Change everything, then restore.
  db_->write([](Conn& c) {
    c.exec("DELETE FROM items WHERE qty < 10");
    c.exec("UPDATE items SET name = name || '!' WHERE qty > 40");
    c.exec("INSERT INTO items (name) VALUES ('new')");
    c.exec("UPDATE meta SET value = 'changed'");
  });
  EXPECT_NE(dump(*db_, tables), before);
  db_.reset();  // restore needs the database unused

  restore(file.string(), url_);
  db_ = open(url_, options());
  EXPECT_EQ(dump(*db_, tables), before);
  EXPECT_EQ(pending(*db_), 0);
  // Sequences come back too: the next id continues where the backup left off.
  EXPECT_EQ(db_->write([](Conn& c) {
    return c.one("INSERT INTO items (name) VALUES ('after') RETURNING id")->i64(0);
  }),
            51);
  if (!pg()) {
    // A SQLite backup is itself a database.
    auto copy = open("sqlite://" + file.string());
    EXPECT_EQ(dump(*copy, tables), before);
  }
  fs::remove_all(backup_dir);
}

TEST_P(DbTest, RestoreOfMissingOrBrokenBackupFails) {
  if (pg() && !find_pg_tool("pg_restore")) GTEST_SKIP() << "pg_restore not installed";
  fs::path dir = fs::temp_directory_path() / ("jx-db-bad-" + random_suffix());
  fs::create_directories(dir);
  EXPECT_THROW(restore((dir / "missing").string(), url_), std::runtime_error);
  { std::ofstream((dir / "junk").string()) << "not a backup at all"; }
  db_.reset();
  EXPECT_THROW(restore((dir / "junk").string(), url_), std::runtime_error);
  fs::remove_all(dir);
}

// --- dialect-independent ----------------------------------------------------------------

TEST(DbTranslateTest, ReplacesWholeWordsOnly) {
  const std::string sql =
      "CREATE TABLE t (id SERIAL_PK, data BLOB, blob_size INTEGER, BLOBS INT, xBLOB INT, "
      "SERIAL_PKS INT, note TEXT DEFAULT 'BLOB', \"BLOB\" INT);\n-- BLOB in a comment\n"
      "CREATE TABLE u (b BLOB)";
  EXPECT_EQ(translate(sql, Dialect::kPostgres),
            "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, data BYTEA, "
            "blob_size INTEGER, BLOBS INT, xBLOB INT, SERIAL_PKS INT, note TEXT DEFAULT 'BLOB', "
            "\"BLOB\" INT);\n-- BLOB in a comment\nCREATE TABLE u (b BYTEA)");
  EXPECT_EQ(translate(sql, Dialect::kSqlite),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB, blob_size INTEGER, "
            "BLOBS INT, xBLOB INT, SERIAL_PKS INT, note TEXT DEFAULT 'BLOB', \"BLOB\" INT);\n"
            "-- BLOB in a comment\nCREATE TABLE u (b BLOB)");
}

TEST(DbPlaceholderTest, RewritesOnlyRealPlaceholders) {
  int n = 0;
  EXPECT_EQ(rewrite_placeholders("SELECT ?, ? FROM t WHERE a = ?", &n),
            "SELECT $1, $2 FROM t WHERE a = $3");
  EXPECT_EQ(n, 3);
  EXPECT_EQ(rewrite_placeholders("SELECT '?', 'it''s ?', ?", &n), "SELECT '?', 'it''s ?', $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(rewrite_placeholders("SELECT E'\\'?', ?", &n), "SELECT E'\\'?', $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(rewrite_placeholders("SELECT \"a?\" FROM t -- ?\nWHERE x = ? /* ? /* ? */ ? */", &n),
            "SELECT \"a?\" FROM t -- ?\nWHERE x = $1 /* ? /* ? */ ? */");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(rewrite_placeholders("SELECT $$?$$, $fn$ ? $fn$, ?", &n),
            "SELECT $$?$$, $fn$ ? $fn$, $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(rewrite_placeholders("SELECT a$b, ?", &n), "SELECT a$b, $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(rewrite_placeholders("SELECT 'unterminated ?", &n), "SELECT 'unterminated ?");
  EXPECT_EQ(n, 0);

  bool several = true;
  rewrite_placeholders("SELECT ';' ; -- done\n ; /* ; */", &n, &several);
  EXPECT_FALSE(several);
  rewrite_placeholders("SELECT 1; SELECT 2", &n, &several);
  EXPECT_TRUE(several);
}

TEST(DbOpenTest, RedactsPasswords) {
  EXPECT_EQ(redact_url("postgresql://jx:s3cret@db.example:5432/jixiao"),
            "postgresql://jx@db.example:5432/jixiao");
  EXPECT_EQ(redact_url("postgresql://jx@db:5432/j?sslmode=require&password=s3cret&x=1"),
            "postgresql://jx@db:5432/j?sslmode=require&x=1");
  EXPECT_EQ(redact_url("postgresql://db:5432/j"), "postgresql://db:5432/j");
  EXPECT_EQ(redact_url("sqlite:///var/lib/jixiao/j.db"), "sqlite:///var/lib/jixiao/j.db");
}

TEST(DbOpenTest, BadUrlsFailWithAClearMessage) {
  auto kind_of = [](const std::string& url) -> std::string {
    try {
      open(url);
      return "opened";
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kConnection) << url;
      return e.what();
    }
  };
  for (const char* url : {"mysql://x@y/z", "sqlite://relative.db", "sqlite:relative.db", "",
                          "sqlite:///tmp/x.db?mode=ro", "postgresql://u@h:notaport/db"}) {
    std::string msg = kind_of(url);
    EXPECT_NE(msg, "opened") << url;
    EXPECT_NE(msg.find("数据库"), std::string::npos) << "no Chinese text in: " << msg;
  }
  // Unreachable server: the message names the URL without its password.
  std::string msg = kind_of("postgresql://jx:topsecret@127.0.0.1:1/jixiao?connect_timeout=2");
  EXPECT_EQ(msg.find("topsecret"), std::string::npos) << msg;
  EXPECT_NE(msg.find("postgresql://jx@127.0.0.1:1/jixiao"), std::string::npos) << msg;
  EXPECT_NE(msg.find("无法连接数据库"), std::string::npos) << msg;
  // A file that is not a database.
  fs::path junk = fs::temp_directory_path() / ("jx-db-junk-" + random_suffix() + ".db");
  { std::ofstream(junk.string()) << std::string(8192, 'x'); }
  msg = kind_of("sqlite://" + junk.string());
  EXPECT_NE(msg.find("无法打开数据库"), std::string::npos) << msg;
  fs::remove(junk);
}

TEST(DbOpenTest, InMemorySqliteWorks) {
  auto db = open("sqlite::memory:");
  db->write([](Conn& c) {
    c.exec("CREATE TABLE t (x INTEGER)");
    c.exec("INSERT INTO t VALUES (?)", {42});
  });
  EXPECT_EQ(db->read([](Conn& c) { return c.one("SELECT x FROM t")->i64(0); }), 42);
  EXPECT_THROW(db->read([](Conn& c) { c.exec("INSERT INTO t VALUES (1)"); }), DbError);
  db->write([](Conn& c) { c.exec("INSERT INTO t VALUES (2)"); });  // writable again
}

TEST(DbRowTest, Accessors) {
  Row r({std::monostate{}, int64_t{7}, 2.0, std::string("s"), Blob{"b"}, 2.5});
  EXPECT_TRUE(r.is_null(0));
  EXPECT_FALSE(r.is_null(1));
  EXPECT_THROW(r.i64(0), DbError);
  EXPECT_EQ(r.text(0), "");
  EXPECT_EQ(r.opt_i64(0), std::nullopt);
  EXPECT_EQ(r.opt_text(0), std::nullopt);
  EXPECT_EQ(r.i64(1), 7);
  EXPECT_EQ(r.opt_i64(1), 7);
  EXPECT_EQ(r.f64(1), 7.0);
  EXPECT_EQ(r.text(1), "7");
  EXPECT_EQ(r.i64(2), 2);  // a whole-number double, as PostgreSQL numeric arrives
  EXPECT_EQ(r.text(2), "2");
  EXPECT_THROW(r.i64(3), DbError);
  EXPECT_THROW(r.f64(3), DbError);
  EXPECT_EQ(r.text(3), "s");
  EXPECT_EQ(r.opt_text(3), "s");
  EXPECT_EQ(r.text(4), "b");
  EXPECT_THROW(r.i64(5), DbError);
  EXPECT_EQ(r.f64(5), 2.5);
  EXPECT_THROW(r.cell(6), std::out_of_range);
}

TEST(ClockTest, FormatAndParseRoundTrip) {
  TimePoint t;
  ASSERT_TRUE(parse_utc("2026-11-27T12:33:21.123Z", &t));
  EXPECT_EQ(format_utc(t), "2026-11-27T12:33:21.123Z");
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count(),
            1795782801123);
  ASSERT_TRUE(parse_utc("2026-11-27T12:33:21Z", &t));
  EXPECT_EQ(format_utc(t), "2026-11-27T12:33:21.000Z");
  ASSERT_TRUE(parse_utc("2024-02-29T23:59:59.9Z", &t));
  EXPECT_EQ(format_utc(t), "2024-02-29T23:59:59.900Z");
  ASSERT_TRUE(parse_utc("1969-12-31T23:59:59.999Z", &t));
  EXPECT_EQ(format_utc(t), "1969-12-31T23:59:59.999Z");

  auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  ASSERT_TRUE(parse_utc(format_utc(now), &t));
  EXPECT_EQ(t, now);
  // Lexicographic order is time order.
  EXPECT_LT(format_utc(now), format_utc(now + std::chrono::milliseconds(1)));

  for (const char* bad :
       {"", "2026-11-27", "2026-11-27 12:33:21Z", "2026-11-27T12:33:21", "2026-11-27T12:33:21.Z",
        "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-27T24:00:00Z",
        "2026-11-27T12:60:00Z", "2026-11-27T12:33:21.123Zx", "2026-11-27T12:33:21+08:00",
        "２026-11-27T12:33:21Z"}) {
    EXPECT_FALSE(parse_utc(bad, &t)) << bad;
  }
}

TEST(ClockTest, ShanghaiDateCrossesMidnightAtSixteenUtc) {
  TimePoint t;
  ASSERT_TRUE(parse_utc("2026-11-27T16:30:00Z", &t));
  EXPECT_EQ(shanghai_date(t), "2026-11-28");
  ASSERT_TRUE(parse_utc("2026-11-27T15:59:59.999Z", &t));
  EXPECT_EQ(shanghai_date(t), "2026-11-27");
  ASSERT_TRUE(parse_utc("2026-12-31T16:00:00Z", &t));
  EXPECT_EQ(shanghai_date(t), "2027-01-01");
}

}  // namespace
}  // namespace jx::db
