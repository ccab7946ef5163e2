// The org module's types: regions, organizations, their history, 归口 and experts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jx::org {

// 行政区划 levels, from the code's shape (DOMAIN.md §9, docs/api-org.md).
enum class RegionLevel { kProvince, kCity, kCounty, kTownship };

struct Region {
  std::string code;
  std::string name;
  std::string level;  // province | city | county | township
  std::string parent_code;
  std::string full_name;
};

// Organization kinds (docs/api-org.md).
inline constexpr const char* kKinds[] = {"finance_bureau", "finance_office", "department",
                                         "unit",           "township",       "dev_zone",
                                         "third_party",    "oversight"};
inline constexpr const char* kOfficeRoles[] = {"performance", "budget", "business", "review_center",
                                               "other"};
inline constexpr const char* kUnitTypes[] = {"行政单位", "参公事业单位", "事业单位",
                                             "社会团体", "国有企业",     "其他"};

struct Organization {
  int64_t id = 0;
  std::string kind;
  std::string name;
  std::string short_name;
  std::string code;  // 预算单位编码; "" when none
  std::string uscc;  // 统一社会信用代码; "" when none
  std::string region_code;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> department_id;
  std::string office_role;  // finance_office only
  std::string unit_type;
  std::string sector_code;
  std::string status = "active";  // active | inactive | merged
  std::optional<int64_t> merged_into_id;
  std::string qualification_json =
      "{}";  // third_party: {"credit_rating","certificates","business_scope"}
  std::string contact;
  std::string phone;
  std::string path;  // "1/5/12/"
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

// What the tree, scope and code rules need of an organization.
struct OrgNode {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> department_id;
  std::string kind;
  std::string region_code;
  std::string path;
  std::string status = "active";
};

struct HistoryEntry {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string at;
  std::string action;
  std::string actor_name;
  std::string before_json;
  std::string after_json;
  std::string reason;
};

struct Expert {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> org_id;
  std::string region_code;
  std::string title;
  std::vector<std::string> fields;
  std::string phone;
  std::string id_card_tail;
  std::string status = "active";
  std::optional<int64_t> user_id;
  int64_t version = 1;
  std::string org_name;  // the employer's name (read only)
};

// Filters of the flat unit list (GET /org/units and its export).
struct UnitFilter {
  std::string q;
  std::string kind;
  std::string region_code;
  std::optional<int64_t> department_id;
  std::string status;
  std::string sector_code;
  std::string sort = "code";  // code | name
};

// One version of a reference-data item (docs/api-org.md "Reference data"): valid from from_year
// to to_year (nullopt: still valid).
struct RefItem {
  int64_t id = 0;
  std::string kind;
  std::string code;
  std::string name;
  std::string parent_code;  // "" for a top-level item
  int level = 1;
  int sort = 0;
  std::string attrs_json = "{}";
  int from_year = 0;
  std::optional<int> to_year;
  bool valid_in(int year) const { return from_year <= year && (!to_year || year <= *to_year); }
};

// 预算年度 of a county region: planning 编制中 -> executing 执行中 -> closed 已决算.
struct BudgetYear {
  std::string region_code;
  int year = 0;
  std::string state;
  int64_t version = 1;
  std::string updated_at;
};

}  // namespace jx::org
