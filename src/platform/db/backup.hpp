// Backup and restore of a whole jixiao database (`jixiao backup`, `jixiao restore`).
#pragma once

#include <optional>
#include <string>

namespace jx::db {

// Writes a consistent copy of the database at db_url to dest_path (through a temporary file
// renamed into place, so dest_path never holds half a backup).
// - SQLite: the online backup API; safe while servers run. The copy is one self-contained
//   file (rollback-journal mode) that opens as sqlite:///dest_path.
// - PostgreSQL: pg_dump --format=custom --no-owner. Needs pg_dump of the server's major
//   version or newer. A password in the URL is passed as PGPASSWORD, never on the command line.
// Throws DbError if the database cannot be opened, std::runtime_error if a tool fails (the
// message carries its stderr).
void backup(const std::string& db_url, const std::string& dest_path);

// Replaces the contents of the database at db_url with the backup at backup_path.
// Stop every `jixiao serve` that uses the database first: a running server would see its
// database change under it (SQLite) or block the restore on its locks (PostgreSQL).
// - SQLite: copies the backup into the target file with the backup API (the file and its
//   folder are created if missing).
// - PostgreSQL: pg_restore --clean --if-exists --no-owner --single-transaction into the
//   existing database: every object in the backup is dropped and recreated, all or nothing.
//   Objects created after the backup was taken (a newer migration's tables) are left alone.
// Throws like backup().
void restore(const std::string& backup_path, const std::string& db_url);

// Absolute path of a PostgreSQL client program ("pg_dump", "pg_restore"): the first on PATH,
// else the one in the newest /usr/lib/postgresql/<major>/bin; nullopt if there is none.
std::optional<std::string> find_pg_tool(const std::string& name);

}  // namespace jx::db
