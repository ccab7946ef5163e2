// Test support shared by the unit tests that run on both databases: PostgreSQL administration
// outside a transaction (CREATE/DROP DATABASE) and URL editing for a per-suite database.
#pragma once

#include <libpq-fe.h>

#include <ostream>
#include <stdexcept>
#include <string>

namespace jx::test {

enum class Backend { kSqlite, kPostgres };
inline void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::kSqlite ? "sqlite" : "postgres");
}

// Runs one statement outside any transaction on the server of url.
inline void pg_admin(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string err = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to JX_TEST_PG_URL: " + err);
  }
  PGresult* r = PQexec(c, sql.c_str());
  ExecStatusType st = PQresultStatus(r);
  std::string err = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!err.empty()) throw std::runtime_error(sql + ": " + err);
}

// The URL with its database name replaced (query parameters kept).
inline std::string with_database(const std::string& url, const std::string& name) {
  size_t authority = url.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  size_t query = url.find('?', authority);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  std::string head = url.substr(0, query);
  size_t slash = head.find('/', authority);
  if (slash != std::string::npos) head = head.substr(0, slash);
  return head + "/" + name + tail;
}

}  // namespace jx::test
