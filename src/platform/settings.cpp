#include "platform/settings.hpp"

#include <boost/json.hpp>

#include "platform/util/error.hpp"

namespace jx::settings {

namespace json = boost::json;

constexpr const char* kGet =
    "SELECT value, version FROM settings WHERE key = ? AND region_code IN (?, '') AND year IN (?, "
    "0) "
    "ORDER BY (region_code = '') ASC, (year = 0) ASC LIMIT 1";
constexpr const char* kVersion =
    "SELECT version FROM settings WHERE region_code = ? AND year = ? AND key = ?";
constexpr const char* kInsert =
    "INSERT INTO settings (region_code, year, key, value, version, updated_at, updated_by) "
    "VALUES (?, ?, ?, ?, 1, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE settings SET value = ?, version = version + 1, updated_at = ?, updated_by = ? "
    "WHERE region_code = ? AND year = ? AND key = ? AND version = ?";

std::optional<Setting> get(db::Conn& c, const std::string& key, const std::string& region,
                           int year) {
  auto row = c.one(kGet, {key, region, year});
  if (!row) return std::nullopt;
  return Setting{json::parse(row->text(0)), static_cast<int>(row->i64(1))};
}

std::optional<Setting> get_exact(db::Conn& c, const std::string& key, const std::string& region,
                                 int year) {
  auto row =
      c.one("SELECT value, version FROM settings WHERE region_code = ? AND year = ? AND key = ?",
            {region, year, key});
  if (!row) return std::nullopt;
  return Setting{json::parse(row->text(0)), static_cast<int>(row->i64(1))};
}

int put(db::Conn& tx, const Clock& clock, const std::string& key, const json::value& value,
        int expected_version, int64_t user_id, const std::string& region, int year) {
  auto cur = tx.one(kVersion, {region, year, key});
  int stored = cur ? static_cast<int>(cur->i64(0)) : 0;
  if (stored != expected_version) throw ApiError::stale();
  std::string now = format_utc(clock.now());
  if (!cur) {
    tx.exec(kInsert, {region, year, key, json::serialize(value), now, user_id});
    return 1;
  }
  if (tx.exec(kUpdate,
              {json::serialize(value), now, user_id, region, year, key, expected_version}) != 1)
    throw ApiError::stale();
  return expected_version + 1;
}

}  // namespace jx::settings
