// Table tests of the indicator library's rules (docs/api-indicators.md; DOMAIN.md §2.1, §2.2):
// the default trees and their roles, tree validation, the field checks, code prefixes and the
// versioning decision of an edit by year.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "modules/indicators/rules.hpp"

namespace jx::indicators {
namespace {

namespace json = boost::json;

bool has_field(const std::vector<FieldError>& e, const std::string& f) {
  for (const auto& x : e)
    if (x.field == f) return true;
  return false;
}

TEST(IndicatorsTree, DefaultsByYearAndRoles) {
  struct Row {
    int year;
    const char* l1;
    const char* l2;
    const char* role;
  };
  const Row rows[] = {
      {2022, "成本指标", "经济成本指标", "cost"},
      {2022, "成本指标", "社会成本指标", "cost"},
      {2026, "成本指标", "生态环境成本指标", "cost"},
      {2026, "产出指标", "数量指标", "quantity"},
      {2026, "产出指标", "质量指标", "quality"},
      {2026, "产出指标", "时效指标", "timeliness"},
      {2026, "产出指标", "成本指标", ""},  // 101号 has no 成本 under 产出
      {2026, "效益指标", "经济效益指标", "economic"},
      {2026, "效益指标", "社会效益指标", "social"},
      {2026, "效益指标", "生态效益指标", "ecological"},
      {2026, "效益指标", "可持续影响指标", "sustainable"},
      {2026, "满意度指标", "服务对象满意度指标", "satisfaction"},
      {2026, "成本指标", "", "cost"},
      {2026, "产出指标", "", "output"},
      {2026, "不存在", "", ""},
      {2021, "产出指标", "成本指标", "cost"},  // 88号: 成本 is a 二级 of 产出
      {2021, "成本指标", "", ""},
      {2021, "效益指标", "可持续影响指标", "sustainable"},
      {2020, "满意度指标", "服务对象满意度指标", "satisfaction"},
  };
  for (const auto& r : rows)
    EXPECT_EQ(default_tree(r.year).role_of(r.l1, r.l2), r.role)
        << r.year << " " << r.l1 << " " << r.l2;
  EXPECT_EQ(default_tree(2022).scheme, "101");
  EXPECT_EQ(default_tree(2021).scheme, "88");
  EXPECT_EQ(tree_101().items.size(), 4u);
  EXPECT_EQ(tree_88().items.size(), 3u);
  EXPECT_TRUE(check_tree(tree_101()).empty());
  EXPECT_TRUE(check_tree(tree_88()).empty());
}

TEST(IndicatorsTree, JsonRoundTrip) {
  std::vector<FieldError> e;
  auto t = tree_from_json(tree_json(tree_101()), e);
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(json::serialize(tree_json(*t)), json::serialize(tree_json(tree_101())));
}

TEST(IndicatorsTree, ShapeErrorsNameTheField) {
  struct Row {
    const char* json;
    const char* field;
  };
  const Row rows[] = {
      {R"([1])", "value"},
      {R"({"scheme":"custom"})", "value.items"},
      {R"({"items":[{"role":"output","children":[]}]})", "value.items.0.level1"},
      {R"({"items":[{"level1":"产出指标","role":"output"}]})", "value.items.0.children"},
      {R"({"items":[{"level1":"产出指标","role":"output","children":[{"level2":"数量指标"}]}]})",
       "value.items.0.children.0.role"},
      {R"({"items":[{"level1":"产出指标","role":"output","children":[7]}]})",
       "value.items.0.children.0"},
  };
  for (const auto& r : rows) {
    std::vector<FieldError> e;
    EXPECT_FALSE(tree_from_json(json::parse(r.json), e).has_value()) << r.json;
    EXPECT_TRUE(has_field(e, r.field)) << r.json;
  }
}

TEST(IndicatorsTree, Rules) {
  auto with = [](auto f) {
    Tree t = tree_101();
    t.scheme = "custom";
    f(t);
    return check_tree(t);
  };
  struct Row {
    const char* what;
    std::function<void(Tree&)> change;
    const char* field;  // nullptr: valid
  };
  const Row rows[] = {
      {"unchanged", [](Tree&) {}, nullptr},
      {"unknown scheme", [](Tree& t) { t.scheme = "99"; }, "value.scheme"},
      {"unknown 一级 role", [](Tree& t) { t.items[0].role = "money"; }, "value.items.0.role"},
      {"unknown 二级 role", [](Tree& t) { t.items[1].children[0].role = "x"; },
       "value.items.1.children.0.role"},
      {"二级 role that does not fit", [](Tree& t) { t.items[1].children[0].role = "social"; },
       "value.items.1.children.0.role"},
      {"empty 一级 name", [](Tree& t) { t.items[2].name = ""; }, "value.items.2.level1"},
      {"empty 二级 name", [](Tree& t) { t.items[2].children[1].name = ""; },
       "value.items.2.children.1.level2"},
      {"21 characters", [](Tree& t) { t.items[2].name = std::string(21 * 3, 'a').substr(0, 21); },
       "value.items.2.level1"},
      {"repeated 一级", [](Tree& t) { t.items[3].name = "效益指标"; }, "value.items.3.level1"},
      {"repeated 二级", [](Tree& t) { t.items[1].children[2].name = "数量指标"; },
       "value.items.1.children.2.level2"},
      {"a 一级 without 二级", [](Tree& t) { t.items[3].children.clear(); },
       "value.items.3.children"},
      {"no output", [](Tree& t) { t.items.erase(t.items.begin() + 1); }, "value.items"},
      {"no benefit", [](Tree& t) { t.items.erase(t.items.begin() + 2); }, "value.items"},
      {"without cost and satisfaction (allowed)",
       [](Tree& t) {
         t.items.erase(t.items.begin() + 3);
         t.items.erase(t.items.begin());
       },
       nullptr},
      {"the same 二级 name under two 一级 (allowed)",
       [](Tree& t) { t.items[0].children[0].name = "数量指标"; }, nullptr},
  };
  for (const auto& r : rows) {
    auto e = with(r.change);
    if (!r.field)
      EXPECT_TRUE(e.empty()) << r.what << ": " << (e.empty() ? "" : e[0].field);
    else
      EXPECT_TRUE(has_field(e, r.field)) << r.what;
  }
}

Indicator good() {
  Indicator x;
  x.sector = "education";
  x.field = "义务教育";
  x.level1 = "产出指标";
  x.level2 = "数量指标";
  x.name = "资助学生人数";
  x.nature = ">=";
  x.unit = "人";
  x.recommended_value = "1200";
  x.basis = "plan";
  x.from_year = 2027;
  return x;
}

TEST(IndicatorsFields, Checks) {
  struct Row {
    const char* what;
    std::function<void(Indicator&)> change;
    const char* field;
  };
  const Row rows[] = {
      {"valid", [](Indicator&) {}, nullptr},
      {"no name", [](Indicator& x) { x.name = ""; }, "name"},
      {"61 characters",
       [](Indicator& x) {
         x.name.clear();
         for (int i = 0; i < 61; ++i) x.name += "字";
       },
       "name"},
      {"60 characters",
       [](Indicator& x) {
         x.name.clear();
         for (int i = 0; i < 60; ++i) x.name += "字";
       },
       nullptr},
      {"unknown nature", [](Indicator& x) { x.nature = "~"; }, "nature"},
      {"unknown basis", [](Indicator& x) { x.basis = "guess"; }, "basis"},
      {"quantitative without unit", [](Indicator& x) { x.unit = ""; }, "unit"},
      {"qualitative without unit",
       [](Indicator& x) {
         x.nature = "qual";
         x.unit = "";
         x.recommended_value = "达标";
       },
       nullptr},
      {"non-numeric value", [](Indicator& x) { x.recommended_value = "很多"; },
       "recommended_value"},
      {"a decimal value", [](Indicator& x) { x.recommended_value = "99.5"; }, nullptr},
      {"a negative value", [](Indicator& x) { x.recommended_value = "-3"; }, nullptr},
      {"no value", [](Indicator& x) { x.recommended_value = ""; }, nullptr},
      {"'1.' is not a number", [](Indicator& x) { x.recommended_value = "1."; },
       "recommended_value"},
      {"no level1", [](Indicator& x) { x.level1 = ""; }, "level1"},
      {"no level2", [](Indicator& x) { x.level2 = ""; }, "level2"},
      {"no sector", [](Indicator& x) { x.sector = ""; }, "sector"},
      {"year 1999", [](Indicator& x) { x.from_year = 1999; }, "from_year"},
      {"long method", [](Indicator& x) { x.method = std::string(501, 'm'); }, "method"},
  };
  for (const auto& r : rows) {
    Indicator x = good();
    r.change(x);
    auto e = check_indicator(x);
    if (!r.field)
      EXPECT_TRUE(e.empty()) << r.what << ": " << (e.empty() ? "" : e[0].field);
    else
      EXPECT_TRUE(has_field(e, r.field)) << r.what;
  }
}

TEST(IndicatorsFields, LevelsAgainstTheTreeOfTheYear) {
  Indicator x = good();
  EXPECT_TRUE(check_levels(x, default_tree(2027), 2027).empty());
  x.level1 = "成本指标";
  x.level2 = "经济成本指标";
  EXPECT_TRUE(check_levels(x, default_tree(2027), 2027).empty());
  EXPECT_TRUE(has_field(check_levels(x, default_tree(2021), 2021), "level1"));
  x.level1 = "产出指标";
  x.level2 = "成本指标";
  EXPECT_TRUE(check_levels(x, default_tree(2021), 2021).empty());
  EXPECT_TRUE(has_field(check_levels(x, default_tree(2027), 2027), "level2"));
}

TEST(IndicatorsFields, Labels) {
  const std::pair<const char*, const char*> natures[] = {
      {">=", "≥"}, {">", ">"}, {"=", "="}, {"<", "<"}, {"<=", "≤"}, {"qual", "定性"}};
  for (const auto& [code, label] : natures) {
    EXPECT_EQ(nature_label(code), label);
    EXPECT_EQ(nature_of_label(label).value_or("?"), code);
    EXPECT_EQ(nature_of_label(code).value_or("?"), code);
  }
  EXPECT_FALSE(nature_of_label("大于").has_value());
  EXPECT_EQ(basis_of_label("行业标准").value_or(""), "industry");
  EXPECT_EQ(basis_of_label("history").value_or(""), "history");
  EXPECT_FALSE(basis_of_label("随便").has_value());
  EXPECT_EQ(basis_label("other"), "其他标准");
}

TEST(IndicatorsCodes, PrefixesOfEverySector) {
  const std::pair<const char*, const char*> rows[] = {
      {"education", "JY"},       {"health", "WS"},
      {"agriculture", "NY"},     {"sanitation", "CG"},
      {"transport", "JT"},       {"water", "SL"},
      {"social_security", "SB"}, {"general_public", "YB"},
      {"other", "TY"},           {"public_security", "GA"},
      {"science", "KJ"},         {"culture", "WH"},
      {"environment", "HB"},     {"urban", "CJ"},
      {"commerce", "SY"},        {"natural_resources", "ZR"},
      {"housing", "ZF"},         {"emergency", "YJ"},
      {"unknown", "TY"}};
  std::set<std::string> seen;
  for (const auto& [sector, prefix] : rows) {
    EXPECT_EQ(code_prefix(sector), prefix) << sector;
    if (std::string(sector) != "unknown" && std::string(sector) != "other")
      EXPECT_TRUE(seen.insert(prefix).second) << "prefix " << prefix << " repeated";
  }
  EXPECT_EQ(make_code("JY", 12), "JY-0012");
  EXPECT_EQ(make_code("WS", 12345), "WS-12345");
  EXPECT_EQ(code_number("JY-0012", "JY").value_or(-1), 12);
  EXPECT_FALSE(code_number("JY-00A2", "JY").has_value());
  EXPECT_FALSE(code_number("JYX-0012", "JY").has_value());
  EXPECT_FALSE(code_number("JY-", "JY").has_value());
}

TEST(IndicatorsVersioning, EditByYear) {
  struct Row {
    const char* status;
    int from, to;  // to 0: open
    int year;
    int expect;  // 0 in place, 1 new version, 422, 409
  };
  const Row rows[] = {
      {"active", 2024, 0, 2024, 0},       // its first year: in place
      {"active", 2024, 0, 2026, 1},       // a later year: close and open
      {"active", 2024, 0, 2023, 422},     // before it existed
      {"active", 2024, 2025, 2025, 1},    // a closed version inside its range
      {"active", 2024, 2025, 2026, 422},  // after it ended
      {"proposed", 2027, 0, 2020, 0},     // proposals change in place whatever the year
      {"rejected", 2027, 0, 2027, 0},    {"retired", 2024, 2025, 2025, 409},
  };
  for (const auto& r : rows) {
    Indicator x = good();
    x.status = r.status;
    x.from_year = r.from;
    if (r.to) x.to_year = r.to;
    int got = -1;
    try {
      got = decide_edit(x, r.year) == EditMode::kInPlace ? 0 : 1;
    } catch (const ApiError& e) {
      got = e.status();
      if (got == 422) EXPECT_EQ(e.details().at(0).field, "year");
    }
    EXPECT_EQ(got, r.expect) << r.status << " " << r.from << "-" << r.to << " @" << r.year;
  }
}

TEST(IndicatorsVersioning, Retire) {
  struct Row {
    const char* status;
    int from, to;
    int year;
    int expect;  // 0 ok, else the status
  };
  const Row rows[] = {
      {"active", 2024, 0, 2027, 0},     {"active", 2024, 0, 2024, 0},
      {"active", 2024, 0, 2023, 422},   {"active", 2024, 2025, 2026, 422},
      {"proposed", 2027, 0, 2027, 409}, {"retired", 2024, 2025, 2025, 409},
  };
  for (const auto& r : rows) {
    Indicator x = good();
    x.status = r.status;
    x.from_year = r.from;
    if (r.to) x.to_year = r.to;
    int got = 0;
    try {
      check_retire(x, r.year);
    } catch (const ApiError& e) {
      got = e.status();
    }
    EXPECT_EQ(got, r.expect) << r.status << " @" << r.year;
  }
}

TEST(IndicatorsVersioning, ACountyVersionOfAShippedRow) {
  struct Row {
    std::vector<int> county;  // from_years of the county's own versions
    int year;
    int expect;  // the new row's to_year (0: open), or the error status
  };
  const Row rows[] = {
      {{}, 2027, 0},         // the first county version: open
      {{}, 2020, 0},         // from the shipped row's first year
      {{}, 2019, 422},       // before the shipped row
      {{2029}, 2027, 2028},  // before a later county version: up to the year before it
      {{2029, 2031}, 2027, 2028},
      {{2027}, 2027, 409},  // the county already has one from that year
      {{2025}, 2027, 409},  // ... or earlier: edit that one
  };
  for (const auto& r : rows) {
    Indicator shipped = good();
    shipped.from_year = 2020;
    shipped.region_code = "";
    int got = 0;
    try {
      got = override_end(shipped, r.county, r.year).value_or(0);
    } catch (const ApiError& e) {
      got = e.status();
    }
    EXPECT_EQ(got, r.expect) << r.year;
  }
  Indicator retired = good();
  retired.status = "retired";
  EXPECT_THROW(override_end(retired, {}, 2027), ApiError);
}

}  // namespace
}  // namespace jx::indicators
