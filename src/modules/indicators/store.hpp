// The indicators module's SQL. Every read that answers a caller takes a Viewer and limits rows in
// SQL: the shipped library (region "") and the caller's county's rows; proposals and rejected
// proposals only to their organization, and to the county's managers. Functions run inside the
// caller's read or write transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/indicators/model.hpp"
#include "platform/db/db.hpp"
#include "platform/util/json_input.hpp"

namespace jx::indicators::store {

struct Viewer {
  std::string county;    // the caller's county code ("" when the caller has no organization)
  int64_t org_id = 0;    // the caller's organization: its proposals are visible
  bool manager = false;  // indicators.manage: every proposal of the county
};

int64_t insert(db::Conn& tx, const Indicator& in, const std::string& now);
// Writes every column but id, code, created_at and usage_count if version matches; bumps it.
bool update(db::Conn& tx, const Indicator& in, int64_t expected_version, const std::string& now);
std::optional<Indicator> find(db::Conn& c, int64_t id);
// Many rows by id in one query (unknown ids are absent).
std::map<int64_t, Indicator> find_many(db::Conn& c, const std::vector<int64_t>& ids);
std::optional<Indicator> find_visible(db::Conn& c, int64_t id, const Viewer& v);
std::vector<Indicator> list(db::Conn& c, const Viewer& v, const IndicatorFilter& f,
                            std::optional<Page> page, int64_t* total);
// Every version of a code the viewer sees (the shipped ones and the county's), oldest first.
std::vector<Indicator> versions(db::Conn& c, const std::string& code, const Viewer& v);
// The from_years of a county's own versions (active or retired) of a code, ascending.
std::vector<int> county_from_years(db::Conn& c, const std::string& code, const std::string& county);
// Distinct 领域 of the rows the viewer sees in force (of a sector when given), sorted.
std::vector<std::string> fields(db::Conn& c, const Viewer& v, const std::string& sector);
// An active or proposed indicator of another code with the same sector, 二级 and name, visible to
// a county and overlapping the years from..to (to nullopt: open); its code, else nullopt.
std::optional<std::string> same_name(db::Conn& c, const std::string& county, const Indicator& in);
// The next code of a prefix: past every code of that prefix in the table (the shipped ones
// included) and every code handed out before. Serializes concurrent callers on the prefix row.
std::string next_code(db::Conn& tx, const std::string& prefix);
// usage_count += delta (never below 0); the version is not bumped (usage is not an edit).
void add_usage(db::Conn& tx, int64_t id, int delta);

}  // namespace jx::indicators::store
