// Migration runner: validates the embedded files, compares them with schema_migrations, and
// applies the missing ones in order, each in its own transaction with its bookkeeping row.
#include "platform/db/migrations.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <regex>

#include "platform/util/clock.hpp"

namespace jx::db {
namespace {

// Serializes migrating servers on PostgreSQL (SQLite has one writer anyway).
constexpr int64_t kMigrationLock = 7242001;

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";
constexpr const char* kSelectApplied =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
constexpr const char* kSelectOne = "SELECT checksum FROM schema_migrations WHERE version = ?";
constexpr const char* kInsert =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)";
constexpr const char* kTableExistsSqlite =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr const char* kTableExistsPostgres =
    "SELECT COUNT(*) FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";

struct Planned {
  int64_t version;
  const MigrationFile* file;
  std::string checksum;
};

struct Applied {
  int64_t version;
  std::string name;
  std::string checksum;
};

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw MigrationError("SHA-256 failed (OpenSSL)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

// Checks names and order, and computes checksums of the files as embedded.
std::vector<Planned> plan(const std::vector<MigrationFile>& files) {
  static const std::regex kName(R"(^([0-9]{4})_[a-z][a-z0-9]*_[a-z0-9][a-z0-9_]*\.sql$)");
  std::vector<Planned> out;
  for (const MigrationFile& f : files) {
    std::smatch m;
    if (!std::regex_match(f.name, m, kName)) {
      throw MigrationError("migration file name \"" + f.name +
                           "\" is not NNNN_<module>_<what>.sql (lower case) (迁移文件名 \"" +
                           f.name + "\" 不符合 NNNN_<模块>_<内容>.sql 格式)");
    }
    int64_t version = std::stoll(m[1].str());
    if (version == 0) {
      throw MigrationError("migration " + f.name +
                           ": versions start at 0001 (迁移版本号从 0001 开始)");
    }
    if (!out.empty() && version <= out.back().version) {
      throw MigrationError("migration " + f.name + " does not come after " + out.back().file->name +
                           ": version numbers must strictly increase (迁移版本号必须严格递增：" +
                           f.name + " 排在 " + out.back().file->name + " 之后)");
    }
    out.push_back({version, &f, sha256_hex(f.sql)});
  }
  return out;
}

std::string short_sum(const std::string& sum) {
  return sum.substr(0, 12) + "…";
}

// Throws if the database has a migration the files do not, or one whose file changed since.
void verify(const std::vector<Applied>& applied, const std::vector<Planned>& planned) {
  std::map<int64_t, const Planned*> by_version;
  for (const Planned& p : planned) by_version[p.version] = &p;
  for (const Applied& a : applied) {
    auto it = by_version.find(a.version);
    if (it == by_version.end()) {
      throw MigrationError(
          "database is newer than this jixiao: it has migration " + a.name +
          " which this build does not know; run a jixiao at least as new as the one that "
          "migrated it (数据库比当前 jixiao 版本新：其中已应用迁移 " +
          a.name + "，本程序不认识；请使用不低于上次迁移所用版本的 jixiao)");
    }
    const Planned& p = *it->second;
    if (p.checksum != a.checksum) {
      throw MigrationError("migration " + p.file->name +
                           " was edited after it was applied (checksum " + short_sum(a.checksum) +
                           "≠" + short_sum(p.checksum) + "); restore the original file (迁移文件 " +
                           p.file->name + " 在应用后被修改（校验和 " + short_sum(a.checksum) + "≠" +
                           short_sum(p.checksum) + "）；请恢复原文件，改动请写成新的迁移)");
    }
  }
}

bool table_exists(Conn& c) {
  auto row = c.one(c.dialect() == Dialect::kSqlite ? kTableExistsSqlite : kTableExistsPostgres);
  return row && row->i64(0) > 0;
}

std::vector<Applied> load_applied(Conn& c) {
  std::vector<Applied> out;
  if (!table_exists(c)) return out;
  for (const Row& r : c.query(kSelectApplied)) out.push_back({r.i64(0), r.text(1), r.text(2)});
  return out;
}

void lock_if_postgres(Conn& c) {
  if (c.dialect() == Dialect::kPostgres)
    c.exec("SELECT pg_advisory_xact_lock(?)", {kMigrationLock});
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string translate(std::string_view sql, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  std::string out;
  out.reserve(sql.size() + 64);
  size_t i = 0;
  const size_t len = sql.size();
  auto copy_to = [&](size_t end) {
    end = std::min(end, len);
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < len) {
    char c = sql[i];
    char next = i + 1 < len ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // Quoted text and identifiers are data, not tokens ('' and "" escapes just reopen).
      size_t j = sql.find(c, i + 1);
      copy_to(j == std::string_view::npos ? len : j + 1);
    } else if (c == '-' && next == '-') {
      size_t j = sql.find('\n', i);
      copy_to(j == std::string_view::npos ? len : j + 1);
    } else if (c == '/' && next == '*') {
      size_t j = sql.find("*/", i + 2);
      copy_to(j == std::string_view::npos ? len : j + 2);
    } else if (word_char(c)) {
      size_t j = i;
      while (j < len && word_char(sql[j])) ++j;
      std::string_view word = sql.substr(i, j - i);
      if (word == "SERIAL_PK") {
        out += pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                  : "INTEGER PRIMARY KEY AUTOINCREMENT";
      } else if (word == "BLOB") {
        out += pg ? "BYTEA" : "BLOB";
      } else {
        out.append(word);
      }
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

MigrateResult migrate(Db& db, const std::vector<MigrationFile>& files) {
  std::vector<Planned> planned = plan(files);
  db.write([&](Conn& c) {
    lock_if_postgres(c);
    c.exec_script(kCreateTable);
  });
  std::vector<Applied> applied = db.read([](Conn& c) { return load_applied(c); });
  verify(applied, planned);

  MigrateResult result;
  std::map<int64_t, bool> done;
  for (const Applied& a : applied) done[a.version] = true;
  for (const Planned& p : planned) {
    if (done.count(p.version)) continue;
    bool applied_now = db.write([&](Conn& c) {
      lock_if_postgres(c);
      // Another server may have applied it while this one waited for the lock.
      if (auto row = c.one(kSelectOne, {p.version})) {
        if (row->text(0) != p.checksum) verify({{p.version, p.file->name, row->text(0)}}, planned);
        return false;
      }
      try {
        c.exec_script(translate(p.file->sql, c.dialect()));
      } catch (const DbError& e) {
        if (e.retryable()) throw;  // let write() retry the whole migration
        throw MigrationError("migration " + p.file->name + " failed: " + e.what() + " (迁移 " +
                             p.file->name + " 执行失败，已回滚)");
      }
      c.exec(kInsert,
             {p.version, p.file->name, p.checksum, format_utc(std::chrono::system_clock::now())});
      return true;
    });
    if (applied_now) ++result.applied;
  }
  result.total = static_cast<int>(
      db.read([](Conn& c) { return c.one("SELECT COUNT(*) FROM schema_migrations")->i64(0); }));
  return result;
}

int pending(Db& db, const std::vector<MigrationFile>& files) {
  std::vector<Planned> planned = plan(files);
  std::vector<Applied> applied = db.read([](Conn& c) { return load_applied(c); });
  verify(applied, planned);
  return static_cast<int>(planned.size() - applied.size());
}

}  // namespace jx::db
