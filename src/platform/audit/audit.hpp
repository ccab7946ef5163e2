// Audit log: append-only, written in the same transaction as the change it records, each row
// chained to the previous one by SHA-256 so that an edited, deleted or reordered row is found
// by verify(). Appends are serialized (SQLite: the single writer; PostgreSQL: a transaction
// advisory lock), so the chain order is the commit order.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::audit {

struct Actor {
  int64_t user_id = 0;  // 0: the system or an anonymous caller
  std::string name;     // user name at the time
  std::string ip;
  std::string request_id;
};

struct Entry {
  std::string action;       // "user.create", "auth.login", "role.grant", ...
  std::string object_type;  // "user", "session", ...
  std::string object_id;
  std::string result = "success";  // "success" | "failure"
  boost::json::value before;       // null when there was nothing before
  boost::json::value after;
};

// Appends one row inside the caller's write transaction.
void append(db::Conn& tx, const Clock& clock, const Actor& actor, const Entry& entry);

// The hash of a row from its fields and the previous row's hash (hex SHA-256).
std::string row_hash(const std::string& prev_hash, int64_t id, const std::string& at,
                     int64_t actor_id, const std::string& actor_name, const std::string& ip,
                     const std::string& request_id, const std::string& action,
                     const std::string& object_type, const std::string& object_id,
                     const std::string& result, const std::string& before_json,
                     const std::string& after_json);

struct VerifyResult {
  bool ok = true;
  int64_t rows_checked = 0;
  std::vector<std::string> problems;  // one line per bad row, naming its id
};

VerifyResult verify(db::Db& db);

}  // namespace jx::audit
