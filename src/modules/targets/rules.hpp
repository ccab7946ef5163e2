// Pure rules of 绩效目标 (DOMAIN.md §2): the quality check of a target set (§2.3 and the
// issue's list), the review grades and their outcomes (§2.4), decimal values and the diff of two
// revisions. No I/O, no JSON, no SQL; table-tested in tests/unit/targets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "modules/targets/model.hpp"
#include "platform/util/error.hpp"

namespace jx::targets {

// ---- the indicator tree as the check sees it ----
// Roles of a (一级, 二级) pair: level1 role cost|output|benefit|satisfaction, level2 role
// quantity|quality|timeliness|cost|economic|social|ecological|sustainable|satisfaction. The
// check reads roles, never names, so the 88号 and the 101号 trees both work.
struct Roles {
  std::string level1, level2;
};
using RoleMap = std::map<std::pair<std::string, std::string>, Roles>;

// ---- settings: targets.check_rules ----
enum class Severity { kOff, kWarning, kError };
const char* severity_code(Severity s);
std::optional<Severity> severity_of(const std::string& code);

// The rule codes in the order they are shown, with their Chinese names.
const std::vector<std::pair<std::string, Msg>>& rule_catalog();

struct CheckRules {
  std::map<std::string, Severity> project, department;  // rule code -> severity
  int leaf_min = 3, leaf_max = 15, department_leaf_max = 30;
  int64_t weight_total_x100 = 10000;
  std::vector<std::string> input_patterns, process_patterns, growth_patterns;
};
CheckRules default_check_rules();

// ---- a draft as the check sees it ----
struct Draft {
  std::string kind = "project";  // project | department
  bool multi_year = false;       // a project whose implementation period spans several years
  bool serves_public = true;
  std::string period_goal, year_goal;
  std::vector<Leaf> leaves;
  std::vector<Task> tasks;
};

struct Issue {
  std::string rule;
  Severity severity = Severity::kWarning;
  Msg message;
  std::string leaf_key;  // "" when the issue is about the whole set
  std::string field;     // e.g. "indicators[3].value", "year_goal"
};

// Every issue of the draft under the rules; issues of rules set to off are not reported.
std::vector<Issue> check(const Draft& d, const RoleMap& roles, const CheckRules& rules);
int count_of(const std::vector<Issue>& issues, Severity s);

// ---- values ----
// A decimal as written ("95", "-3.5", "1,200"): scaled by 10^6; nullopt if it is not a number.
std::optional<int64_t> parse_decimal(const std::string& text);
// Whether `value` is looser than `actual` for the nature: below it for >= and >, above it for
// <= and <; false when either is not a number or the nature is = or qual.
bool looser_than(const std::string& nature, const std::string& value, const std::string& actual);
// A weight given as a number with at most two decimals, in hundredths; nullopt otherwise.
std::optional<int64_t> weight_x100_of(double w);

// ---- review (DOMAIN.md §2.4) ----
inline const std::vector<std::string>& grades() {
  static const std::vector<std::string> g{"优", "良", "中", "差"};
  return g;
}
// targets.review_outcomes: grade -> approve | return | reject. Default 优, 良 approve; 中
// return; 差 reject.
std::map<std::string, std::string> default_review_outcomes();

// ---- the diff of two revisions, leaves matched by key ----
struct FieldChange {
  std::string field, before, after;
};
struct LeafChange {
  std::string change;  // added | removed | changed
  std::string key;
  std::optional<Leaf> before, after;
  std::vector<FieldChange> fields;
};
std::vector<LeafChange> diff_leaves(const std::vector<Leaf>& before,
                                    const std::vector<Leaf>& after);

}  // namespace jx::targets
