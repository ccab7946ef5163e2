#include "platform/db/backup.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/db/postgres/pg_db.hpp"
#include "platform/db/sqlite/sqlite_db.hpp"

extern char** environ;

namespace jx::db {
namespace {

namespace fs = std::filesystem;

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

bool is_postgres(const std::string& url) {
  return starts_with(url, "postgresql://") || starts_with(url, "postgres://");
}

// Runs one PRAGMA and returns the first column of its first row.
std::string pragma(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  std::string out;
  int rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(s, 0);
      out = t ? reinterpret_cast<const char*>(t) : "";
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
  }
  std::string err = rc == SQLITE_OK ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(s);
  if (rc != SQLITE_OK) throw DbError(ErrorKind::kOther, std::string(sql) + " failed: " + err);
  return out;
}

// Copies every page of from's main database into to's, in one step (one consistent snapshot).
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw DbError(ErrorKind::kOther, what + " failed: " + sqlite3_errmsg(to));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    int code = sqlite3_extended_errcode(to);
    ErrorKind kind = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? ErrorKind::kBusy
                                                                                : ErrorKind::kOther;
    throw DbError(kind, what + " failed: " + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(to) +
                            ", SQLite " + std::to_string(code) +
                            "); is the database in use? (数据库是否正在被使用？)");
  }
}

void make_parent_dir(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw std::runtime_error("cannot create directory " + parent.string() + ": " + ec.message());
}

void rename_into_place(const std::string& tmp, const std::string& dest) {
  std::error_code ec;
  fs::rename(tmp, dest, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot move the backup to " + dest + ": " + ec.message());
  }
}

void backup_sqlite(const std::string& url, const std::string& dest) {
  std::string path = sqlite_path_from_url(url);
  if (path == ":memory:")
    throw DbError(ErrorKind::kOther, "an in-memory database cannot be backed up");
  if (!fs::exists(path)) {
    // sqlite_open would create an empty database and back that up.
    throw DbError(ErrorKind::kConnection, "no database at " + url + " (数据库不存在：" + url + ")");
  }
  SqliteHandle src(sqlite_open(path, url, Options{}));

  make_parent_dir(dest);
  std::string tmp = dest + ".part";
  std::error_code ec;
  fs::remove(tmp, ec);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  SqliteHandle dst(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error("cannot create " + tmp + ": " +
                             (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  try {
    copy_pages(src.get(), dst.get(), "backup of " + url);
    // The pages carry the source's WAL flag; a backup is easier to move around as one file.
    std::string mode = pragma(dst.get(), "PRAGMA journal_mode=DELETE");
    if (mode != "delete") throw DbError(ErrorKind::kOther, "backup: journal mode stayed " + mode);
    dst.reset();
  } catch (...) {
    dst.reset();
    fs::remove(tmp, ec);
    throw;
  }
  rename_into_place(tmp, dest);
}

void restore_sqlite(const std::string& backup_path, const std::string& url) {
  std::string path = sqlite_path_from_url(url);
  if (path == ":memory:")
    throw DbError(ErrorKind::kOther, "cannot restore into an in-memory database");
  if (!fs::is_regular_file(backup_path)) {
    throw std::runtime_error("no backup file at " + backup_path + " (备份文件不存在：" +
                             backup_path + ")");
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(backup_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  SqliteHandle src(raw);
  std::string check;
  if (rc == SQLITE_OK) {
    try {
      check = pragma(src.get(), "PRAGMA quick_check");
    } catch (const DbError& e) {
      check = e.what();
    }
  } else {
    check = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
  }
  if (check != "ok") {
    throw std::runtime_error(backup_path + " is not a usable SQLite backup: " + check + " (" +
                             backup_path + " 不是有效的 SQLite 备份)");
  }
  SqliteHandle dst(sqlite_open(path, url, Options{}));
  copy_pages(src.get(), dst.get(), "restore into " + url);
  // The restored pages carry the backup's rollback-journal flag: put the database back in WAL
  // and fold the restored pages into the main file.
  std::string mode = pragma(dst.get(), "PRAGMA journal_mode=WAL");
  if (mode != "wal") throw DbError(ErrorKind::kOther, "restore: journal mode stayed " + mode);
  pragma(dst.get(), "PRAGMA wal_checkpoint(TRUNCATE)");
}

// The password from a PostgreSQL URL (decoded), or "" if it has none.
std::string pg_password(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string detail = err ? err : "out of memory";
    PQfreemem(err);
    throw DbError(ErrorKind::kConnection,
                  "malformed database URL \"" + redact_url(url) + "\": " + detail);
  }
  std::string password;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (std::strcmp(o->keyword, "password") == 0 && o->val) password = o->val;
  }
  PQconninfoFree(opts);
  return password;
}

// Runs a PostgreSQL client program with argv (no shell involved), stdout and stderr captured.
// Throws std::runtime_error with that output if it cannot start or exits non-zero.
void run_tool(const std::string& tool, const std::vector<std::string>& args,
              const std::string& password) {
  std::optional<std::string> exe = find_pg_tool(tool);
  if (!exe) {
    throw std::runtime_error(tool + " not found: install postgresql-client-15 (未找到 " + tool +
                             "，请安装 postgresql-client-15)");
  }
  std::vector<std::string> argv_s{*exe};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_s;
  for (char** e = environ; e && *e; ++e) {
    if (!password.empty() && starts_with(*e, "PGPASSWORD=")) continue;
    env_s.emplace_back(*e);
  }
  if (!password.empty()) env_s.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  int fds[2];
  // O_CLOEXEC: a program spawned by another thread must not inherit this pipe and keep it open.
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, exe->c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    throw std::runtime_error("cannot run " + *exe + ": " + std::strerror(rc));
  }
  std::string output;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      if (output.size() < 64 * 1024) output.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                      : "signal " + std::to_string(WTERMSIG(status));
  throw std::runtime_error(tool + " failed (" + how + "): " + output);
}

void backup_postgres(const std::string& url, const std::string& dest) {
  std::string password = pg_password(url);
  make_parent_dir(dest);
  std::string tmp = dest + ".part";
  try {
    run_tool("pg_dump",
             {"--format=custom", "--no-owner", "--file=" + tmp, "--dbname=" + redact_url(url)},
             password);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  rename_into_place(tmp, dest);
}

void restore_postgres(const std::string& backup_path, const std::string& url) {
  std::string password = pg_password(url);
  if (!fs::is_regular_file(backup_path)) {
    throw std::runtime_error("no backup file at " + backup_path + " (备份文件不存在：" +
                             backup_path + ")");
  }
  run_tool("pg_restore",
           {"--clean", "--if-exists", "--no-owner", "--single-transaction",
            "--dbname=" + redact_url(url), backup_path},
           password);
}

[[noreturn]] void unsupported(const std::string& url) {
  throw DbError(ErrorKind::kConnection,
                "unsupported database URL \"" + redact_url(url) + "\" (不支持的数据库地址)");
}

}  // namespace

void backup(const std::string& db_url, const std::string& dest_path) {
  if (starts_with(db_url, "sqlite:")) return backup_sqlite(db_url, dest_path);
  if (is_postgres(db_url)) return backup_postgres(db_url, dest_path);
  unsupported(db_url);
}

void restore(const std::string& backup_path, const std::string& db_url) {
  if (starts_with(db_url, "sqlite:")) return restore_sqlite(backup_path, db_url);
  if (is_postgres(db_url)) return restore_postgres(backup_path, db_url);
  unsupported(db_url);
}

std::optional<std::string> find_pg_tool(const std::string& name) {
  auto runnable = [](const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0;
  };
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest(path);
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string_view dir = rest.substr(0, colon);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
      if (dir.empty()) continue;
      fs::path candidate = fs::path(dir) / name;
      if (runnable(candidate)) return candidate.string();
    }
  }
  std::error_code ec;
  int best = -1;
  std::string found;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    std::string major = entry.path().filename().string();
    if (major.empty() || major.find_first_not_of("0123456789") != std::string::npos) continue;
    int v = std::atoi(major.c_str());
    fs::path candidate = entry.path() / "bin" / name;
    if (v > best && runnable(candidate)) {
      best = v;
      found = candidate.string();
    }
  }
  if (best < 0) return std::nullopt;
  return found;
}

}  // namespace jx::db
