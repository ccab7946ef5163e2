#include "platform/audit/audit.hpp"

#include <boost/json.hpp>

#include "platform/util/crypto.hpp"

namespace jx::audit {

namespace json = boost::json;

namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

constexpr const char* kLastRow = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (id, at, actor_id, actor_name, ip, request_id, action, object_type, "
    "object_id, result, before_json, after_json, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// The chain head is kept apart from the rows too, so deleting the newest rows is detected.
constexpr const char* kSetHead =
    "INSERT INTO meta (key, value) VALUES ('audit.head', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr const char* kGetHead = "SELECT value FROM meta WHERE key = 'audit.head'";
constexpr const char* kAll =
    "SELECT id, at, actor_id, actor_name, ip, request_id, action, object_type, object_id, result, "
    "before_json, after_json, prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT 5000";

}  // namespace

std::string row_hash(const std::string& prev_hash, int64_t id, const std::string& at,
                     int64_t actor_id, const std::string& actor_name, const std::string& ip,
                     const std::string& request_id, const std::string& action,
                     const std::string& object_type, const std::string& object_id,
                     const std::string& result, const std::string& before_json,
                     const std::string& after_json) {
  // A JSON array is an unambiguous encoding of the fields (no separator can be forged).
  json::array fields{prev_hash, id,          at,        actor_id,    actor_name,
                     ip,        request_id,  action,    object_type, object_id,
                     result,    before_json, after_json};
  return crypto::sha256_hex(json::serialize(fields));
}

void append(db::Conn& tx, const Clock& clock, const Actor& actor, const Entry& e) {
  if (tx.dialect() == db::Dialect::kPostgres) {
    // Serializes appenders until commit, so ids and the chain follow commit order.
    tx.query("SELECT pg_advisory_xact_lock(7242002)");
  }
  std::string prev = kGenesis;
  int64_t id = 1;
  if (auto last = tx.one(kLastRow)) {
    id = last->i64(0) + 1;
    prev = last->text(1);
  }
  std::string at = format_utc(clock.now());
  std::string before = json::serialize(e.before);
  std::string after = json::serialize(e.after);
  std::string hash = row_hash(prev, id, at, actor.user_id, actor.name, actor.ip, actor.request_id,
                              e.action, e.object_type, e.object_id, e.result, before, after);
  tx.exec(kInsert, {id, at, actor.user_id, actor.name, actor.ip, actor.request_id, e.action,
                    e.object_type, e.object_id, e.result, before, after, prev, hash});
  tx.exec(kSetHead, {std::to_string(id) + ":" + hash});
}

VerifyResult verify(db::Db& db) {
  VerifyResult r;
  std::string expected_prev = kGenesis;
  int64_t expected_id = 1;
  int64_t after_id = 0;
  for (;;) {
    db::Rows rows = db.read([&](db::Conn& c) { return c.query(kAll, {after_id}); });
    if (rows.empty()) break;
    for (const auto& row : rows) {
      int64_t id = row.i64(0);
      std::string prev = row.text(12), hash = row.text(13);
      ++r.rows_checked;
      if (id != expected_id) {
        r.problems.push_back("rows " + std::to_string(expected_id) + ".." + std::to_string(id - 1) +
                             " are missing (deleted) before row " + std::to_string(id));
      }
      if (prev != expected_prev) {
        r.problems.push_back("row " + std::to_string(id) +
                             ": previous-hash link broken (a row before it was edited, deleted "
                             "or reordered)");
      }
      std::string computed =
          row_hash(prev, id, row.text(1), row.i64(2), row.text(3), row.text(4), row.text(5),
                   row.text(6), row.text(7), row.text(8), row.text(9), row.text(10), row.text(11));
      if (computed != hash) {
        r.problems.push_back("row " + std::to_string(id) +
                             ": content does not match its hash (edited)");
      }
      expected_prev = hash;
      expected_id = id + 1;
      after_id = id;
    }
  }
  std::string head = db.read([&](db::Conn& c) {
    auto row = c.one(kGetHead);
    return row ? row->text(0) : std::string();
  });
  std::string last = r.rows_checked ? std::to_string(expected_id - 1) + ":" + expected_prev : "";
  if (head != last) {
    r.problems.push_back("chain head is " + (head.empty() ? std::string("empty") : head) +
                         " but the last row is " + (last.empty() ? std::string("none") : last) +
                         " (newest rows deleted or head edited)");
  }
  r.ok = r.problems.empty();
  return r;
}

}  // namespace jx::audit
