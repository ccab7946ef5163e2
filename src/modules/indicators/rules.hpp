// Pure rules of the indicator library (docs/api-indicators.md; DOMAIN.md §2.1, §2.2): the default
// 101号 and 88号 trees with their roles, tree validation, the checks of an indicator's fields, the
// code prefix of a sector, and the versioning decision of an edit. No I/O.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/indicators/model.hpp"
#include "platform/util/error.hpp"

namespace jx::indicators {

// ---- the tree ----
Tree tree_101();  // 财预〔2021〕101号: 成本、产出、效益、满意度
Tree tree_88();   // 财预〔2020〕88号 (and before): 产出（含成本）、效益、满意度
// The default of a year: 101号 from 2022, 88号 before.
Tree default_tree(int year);

bool is_level1_role(const std::string& role);
bool is_level2_role(const std::string& role);
// Whether a 二级 role fits under a 一级 role (output: quantity/quality/timeliness/cost; cost: cost;
// benefit: economic/social/ecological/sustainable; satisfaction: satisfaction).
bool role_fits(const std::string& level1_role, const std::string& level2_role);

// Reads a tree from its setting value {"scheme","items":[{"level1","role","children":[{"level2",
// "role"}]}]}; shape errors are field errors named "value.items.0.children.1.role" etc. Returns
// nullopt when the shape is wrong (errors says why).
std::optional<Tree> tree_from_json(const boost::json::value& v, std::vector<FieldError>& errors);
boost::json::value tree_json(const Tree& t);
// The rules of a usable tree: scheme 101|88|custom; known roles that fit their 一级; names
// non-empty (≤ 20 characters), 一级 names unique, 二级 names unique within their 一级, every 一级
// with a 二级; at least one output and one benefit 一级. Field errors under "value".
std::vector<FieldError> check_tree(const Tree& t);

// ---- an indicator ----
bool is_nature(const std::string& n);  // >= > = < <= qual
bool is_basis(const std::string& b);   // plan industry history other
// "95", "0.5", "-3", "100.00": an optional sign, digits, an optional fraction.
bool is_number(const std::string& s);
// The field rules (formats; the sector and tree membership are checked by the service):
// name 1–60 characters; field ≤ 40; level1/level2 given; nature and basis known; a quantitative
// nature needs a unit (≤ 20) and a numeric recommended value when one is given; a 定性 value
// ≤ 100; method ≤ 500; data_source ≤ 200; from_year 2000–2100.
std::vector<FieldError> check_indicator(const Indicator& in);
// Whether level1/level2 exist in the tree (field errors "level1" / "level2").
std::vector<FieldError> check_levels(const Indicator& in, const Tree& tree, int year);

// Display names: ≥ > = < ≤ 定性; 计划标准 行业标准 历史标准 其他标准.
std::string nature_label(const std::string& nature);
std::optional<std::string> nature_of_label(const std::string& label);  // also accepts >= etc.
std::string basis_label(const std::string& basis);
std::optional<std::string> basis_of_label(const std::string& label);  // also accepts the codes

// ---- codes ----
// The code prefix of a sector (education → JY, health → WS, …; every sector of the reference
// data has one; an unknown sector → TY).
std::string code_prefix(const std::string& sector);
// "JY-0012" for prefix JY and number 12 (at least 4 digits).
std::string make_code(const std::string& prefix, int64_t number);
// The number of a code of that prefix ("JY-0012" → 12), nullopt for another form.
std::optional<int64_t> code_number(const std::string& code, const std::string& prefix);

// ---- versioning ----
enum class EditMode {
  kInPlace,     // a proposal, a rejected row, or an edit in the row's first year
  kNewVersion,  // an active row edited for a later year: close it at year − 1, open a new row
};
// How an edit of `row` for `year` applies; an ApiError 422 (field "year") when the row is not
// valid in that year, 409 when the row is retired.
EditMode decide_edit(const Indicator& row, int year);
// A county's version of a shipped row from `year` (an edit or a retirement of a shipped
// indicator): the shipped row stays as it is for every other region; the county's row shadows it
// for that county from `year` on. county_from_years are the from_years of the county's rows of
// the same code. Returns the new row's to_year: open, or the year before the county's next
// version. 422 (field "year") when the shipped row is not valid in year; 409 when the county
// already has a version from year or earlier (that version is the one to edit).
std::optional<int> override_end(const Indicator& shipped, const std::vector<int>& county_from_years,
                                int year);
// Retiring `row` from `year`: valid up to year − 1. 422 (field "year") when year is outside the
// row's validity; 409 when the row is not active.
void check_retire(const Indicator& row, int year);

}  // namespace jx::indicators
