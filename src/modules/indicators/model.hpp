// The indicators module's types (docs/api-indicators.md; DOMAIN.md §2.1, §2.2, §9.4): the
// indicator tree (一级/二级 with roles) and the 分行业分领域 indicator library, one row per
// version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jx::indicators {

// A 二级指标 of the tree and its role: quantity | quality | timeliness | cost | economic | social |
// ecological | sustainable | satisfaction.
struct TreeLevel2 {
  std::string name;
  std::string role;
};

// A 一级指标 and its role: cost | output | benefit | satisfaction.
struct TreeLevel1 {
  std::string name;
  std::string role;
  std::vector<TreeLevel2> children;
};

// The indicator tree (指标体系) of a region and year: 101号 (2022 on), 88号 (before) or custom.
struct Tree {
  std::string scheme;  // 101 | 88 | custom
  std::vector<TreeLevel1> items;
  // The role of a 二级 under a 一级 (by names); with level2 "" the role of the 一级 itself;
  // "" when the tree has no such node. The targets module's check rules read roles, not names.
  std::string role_of(const std::string& level1, const std::string& level2) const;
};

// One version of an indicator (a row of `indicators`).
struct Indicator {
  int64_t id = 0;
  std::string code;    // {SECTOR-PREFIX}-{4 digits}, shared by the versions of an indicator
  std::string sector;  // reference `sector`
  std::string field;   // 领域 (free text such as 义务教育)
  std::string level1;
  std::string level2;
  std::string name;               // 三级指标
  std::string nature = ">=";      // >= | > | = | < | <= | qual
  std::string unit;               // 计量单位
  std::string recommended_value;  // a number, or a 定性 value
  std::string basis = "plan";     // plan | industry | history | other
  std::string method;             // 计算方法
  std::string data_source;        // 数据来源
  bool is_core = false;           // 核心指标
  int from_year = 0;              // valid from
  std::optional<int> to_year;     // valid up to; nullopt: open
  std::string status = "active";  // active | proposed | rejected | retired
  std::string region_code;        // "" shipped for every region; else the county's
  std::optional<int64_t> proposed_by_org_id;
  std::optional<int64_t> proposed_by_user_id;
  std::string proposed_by_org_name;  // read only
  std::string review_comment;
  int64_t usage_count = 0;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;

  bool quantitative() const { return nature != "qual"; }
  bool valid_in(int year) const { return from_year <= year && (!to_year || *to_year >= year); }
};

// The list's filters (GET /indicators).
struct IndicatorFilter {
  int year = 0;
  std::string sector;
  std::string field;
  std::string level1;
  std::string level2;
  std::string nature;
  std::optional<bool> is_core;
  std::string status = "active";  // active (in force in year) | proposed | rejected | retired | all
  std::string q;                  // name, code or field
  std::string origin;             // "" (any) | proposal (adopted or pending proposals) | library
  std::string sort = "code";      // code | usage | name | updated (newest first)
};

}  // namespace jx::indicators
