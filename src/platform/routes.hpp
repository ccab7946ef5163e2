// Route registration of the platform's own endpoints. Modules have their own register_*.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

#include "platform/auth/principal.hpp"
#include "platform/http/router.hpp"
#include "platform/util/json_input.hpp"

namespace jx {

namespace auth {
void register_auth_routes(http::Router& r);
void register_admin_routes(http::Router& r);
// The GET /me body (menu included) for a principal.
std::string build_me_json(const Principal& p, const std::string& csrf, const std::string& expires);
}  // namespace auth
namespace audit {
void register_audit_routes(http::Router& r);
}
// health, meta, openapi.json and (with test fixtures) the test clock.
void register_system_routes(http::Router& r, bool test_fixtures);
// The budget years GET /meta offers. A module that keeps budget years registers the source
// (once, at start-up); without one, /meta offers the calendar year, three before and one after.
struct BudgetYearsInfo {
  std::vector<int> years;           // ascending
  std::optional<int> current_year;  // the year to preselect
};
void set_budget_years_source(std::function<BudgetYearsInfo(db::Conn&)> source);
// Registers the platform's permissions, built-in administrator roles and menu entries.
// With test_fixtures, also the fixture roles fixture_clerk and fixture_reviewer.
void register_platform_catalog(bool test_fixtures);

// A positive integer path parameter (an id); a missing or malformed one is a record that does
// not exist: ApiError 404 with `not_found` as its message.
int64_t path_id(const http::Request& req, const char* name = "id",
                Msg not_found = {"记录不存在或无权访问", "Not found"});
// page / page_size from the query string (422 when out of range).
Page page_of(const http::Request& req);
// An integer query parameter: nullopt when absent or empty, 422 naming it when not an integer.
std::optional<int64_t> query_int(const http::Request& req, const char* name, const char* label);
// The `version` an update names (422 when missing or not an integer).
int64_t body_version(const boost::json::object& body);
// ?region_code= as a code prefix: digits only (422 otherwise), "" when absent; a province or
// city code's trailing "00" pairs are dropped (370000 -> 37), so it narrows by LIKE prefix.
std::string region_prefix_param(const http::Request& req);
// ?year= of a setting: 0 (every year without its own) when absent.
int setting_year_param(const http::Request& req);
// The OpenAPI 3 document of every route in r.
std::string openapi_json(const http::Router& r);

}  // namespace jx
