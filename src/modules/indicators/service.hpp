// Use cases of the indicator library and the indicator tree (docs/api-indicators.md). Writes run
// in the caller's write transaction, validate with Chinese field errors (422), check versions
// (409), move the platform workflow (doc type "indicator", for proposals) and write audit rows in
// the same transaction. Reads limit rows to the caller's view in SQL: a row outside it is a 404.
//
// For other modules (targets): tree_for, find_indicator and add_usage.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/indicators/model.hpp"
#include "modules/indicators/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/util/clock.hpp"
#include "platform/workflow/workflow.hpp"
#include "platform/xlsx/import.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::indicators {

inline constexpr const char* kDocType = "indicator";
inline constexpr const char* kTreeSetting = "indicators.tree";

// ---- for other modules ----
// The tree in force for a region (its county's setting) and year, else the default of the year
// (101号 from 2022, 88号 before). Tree::role_of gives the roles.
Tree tree_for(db::Conn& c, const std::string& region_code, int year);
// An indicator row by id, whatever its status (the caller checks status and valid_in(year)).
std::optional<Indicator> find_indicator(db::Conn& c, int64_t id);
// Many rows by id in one query, whatever their status (unknown ids are absent).
std::map<int64_t, Indicator> find_indicators(db::Conn& c, const std::vector<int64_t>& ids);
// usage_count += delta for each id (never below 0), in the caller's transaction. Unknown ids
// are ignored; the rows' versions are not bumped.
void add_usage(db::Conn& tx, const std::map<int64_t, int>& deltas);

// ---- the caller ----
struct Caller {
  auth::Principal principal;
  audit::Actor actor;
  std::string county;  // of the caller's organization ("" when none)
  store::Viewer viewer;
};
Caller caller_of(db::Conn& c, const auth::Principal& p, const audit::Actor& actor);

struct Env {
  db::Conn& tx;
  const Clock& clock;
  const workflow::Registry& workflows;
  const Caller& who;
};

// The fields a create or update names; unset fields keep their value (create: the defaults).
struct IndicatorInput {
  std::optional<std::string> sector, field, level1, level2, name, nature, unit, recommended_value,
      basis, method, data_source;
  std::optional<bool> is_core;
  std::optional<int> from_year;  // create only (default: the current year)
};

// ---- the tree ----
boost::json::object get_tree(db::Conn& c, const Caller& who, int year);
boost::json::object put_tree(Env e, int year, const boost::json::value& value, int version);

// ---- reads ----
boost::json::object indicator_json(const Indicator& x,
                                   const std::map<std::string, std::string>& sector_names);
boost::json::object list_indicators(db::Conn& c, const Caller& who, const IndicatorFilter& f,
                                    const Page& page);
boost::json::object indicator_detail(db::Conn& c, const Caller& who, int64_t id, Lang lang);
boost::json::object field_list(db::Conn& c, const Caller& who, const std::string& sector);
// The list as an xlsx table in the import layout.
xlsx::Table export_indicators(db::Conn& c, const Caller& who, const IndicatorFilter& f);
int current_year(db::Conn& c, const Clock& clock);

// ---- writes ----
// A manager's indicator is active at once; a proposer's is a proposal of their organization.
Indicator create_indicator(Env e, const IndicatorInput& in);
// See docs/api-indicators.md "Versioned by year": returns the row written (the new version when
// the edit opened one).
Indicator update_indicator(Env e, int64_t id, const IndicatorInput& in, int year, int64_t version);
Indicator approve_indicator(Env e, int64_t id, const std::string& comment, int64_t version);
Indicator reject_indicator(Env e, int64_t id, const std::string& comment, int64_t version);
Indicator retire_indicator(Env e, int64_t id, int year, int64_t version);

// ---- import (service_import.cpp) ----
xlsx::Template import_template();
// Runs in a job: every row checked, written in one transaction through create/update, or nothing
// written and every error reported (errors.xlsx attached to the job).
boost::json::object run_import(db::Db& db, const Clock& clock, const workflow::Registry& workflows,
                               const Caller& who, const std::string& bytes, jobs::JobContext& job,
                               Lang lang);
int64_t max_import_bytes();

// ---- wiring ----
void register_catalog(workflow::Registry& workflows);
void register_routes(http::Router& r);
// The demo county's own proposals (demo.cpp), run through the use cases above.
void register_demo_slice();

}  // namespace jx::indicators
