// Rules as data: settings keyed by (region_code, year, key) holding JSON, with the most specific
// row winning: (region, year) over (region, 0) over ('', year) over ('', 0) over the default in
// code. Writes are versioned (optimistic concurrency).
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::settings {

struct Setting {
  boost::json::value value;
  int version = 0;  // 0: not stored, the default applies
};

std::optional<Setting> get(db::Conn& c, const std::string& key, const std::string& region = "",
                           int year = 0);

// The row stored for exactly (region, year), without falling back to wider ones.
std::optional<Setting> get_exact(db::Conn& c, const std::string& key, const std::string& region,
                                 int year);

// Stores value; expected_version must match the stored version (0 when none is stored), else
// ApiError 409. Returns the new version.
int put(db::Conn& tx, const Clock& clock, const std::string& key, const boost::json::value& value,
        int expected_version, int64_t user_id, const std::string& region = "", int year = 0);

}  // namespace jx::settings
