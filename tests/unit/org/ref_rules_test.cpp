// Reference-data rules: code shapes per kind and level, parent prefixes, names, and the order of
// budget-year states (docs/api-org.md "Reference data").
#include <gtest/gtest.h>

#include "modules/org/rules.hpp"

namespace jx::org {
namespace {

TEST(OrgRef, KindsAreKnown) {
  for (const char* k : {"func_class", "econ_class", "gov_econ_class", "budget_type",
                        "project_category", "sector", "special_tag", "funding_source"})
    EXPECT_NE(find_ref_kind(k), nullptr) << k;
  EXPECT_EQ(find_ref_kind("nope"), nullptr);
  EXPECT_EQ(find_ref_kind(""), nullptr);
}

TEST(OrgRef, CodesAndParents) {
  struct Row {
    const char* kind;
    const char* code;
    const char* parent;
    int level;  // 0: refused
    bool code_bad;
    bool parent_bad;
  };
  const Row rows[] = {
      {"func_class", "205", "", 1, false, false},
      {"func_class", "20502", "205", 2, false, false},
      {"func_class", "2050202", "20502", 3, false, false},
      {"func_class", "2050202", "205", 0, false, true},  // parent one level up only
      {"func_class", "20502", "", 0, false, true},       // a 款 needs its 类
      {"func_class", "205", "20", 0, false, true},       // a 类 has no parent
      {"func_class", "20502", "206", 0, false, true},    // not its prefix
      {"func_class", "2050", "205", 0, true, false},     // 4 digits: no such level
      {"func_class", "205020201", "2050202", 0, true, false},
      {"func_class", "2O5", "", 0, true, false},  // letter O
      {"func_class", "", "", 0, true, false},
      {"econ_class", "30101", "301", 2, false, false},
      {"econ_class", "3010101", "30101", 0, true, false},  // econ has two levels
      {"gov_econ_class", "501", "", 1, false, false},
      {"sector", "education", "", 1, false, false},
      {"sector", "Education", "", 0, true, false},
      {"sector", "e", "", 0, true, false},
      {"sector", "1abc", "", 0, true, false},
      {"sector", "city-build", "", 0, true, false},
      {"project_category", "investment", "specific", 2, false, false},
      {"project_category", "investment", "investment", 0, false, true},
      {"project_category", "investment", "Specific", 0, false, true},
  };
  for (const auto& r : rows) {
    const RefKind* k = find_ref_kind(r.kind);
    ASSERT_NE(k, nullptr);
    RefCodeCheck c = check_ref_code(*k, r.code, r.parent);
    SCOPED_TRACE(std::string(r.kind) + " " + r.code + " < " + r.parent);
    EXPECT_EQ(c.code_error.has_value(), r.code_bad);
    EXPECT_EQ(c.parent_error.has_value(), r.parent_bad);
    EXPECT_EQ(c.level, r.level);
    if (c.code_error) {
      EXPECT_FALSE(c.code_error->zh.empty());
    }
  }
}

TEST(OrgRef, ParentMessageNamesTheExpectedCode) {
  RefCodeCheck c = check_ref_code(*find_ref_kind("func_class"), "2050202", "205");
  ASSERT_TRUE(c.parent_error);
  EXPECT_NE(c.parent_error->zh.find("20502"), std::string::npos);
}

TEST(OrgRef, Names) {
  EXPECT_FALSE(check_ref_name("教育支出"));
  EXPECT_FALSE(check_ref_name(std::string(60 * 3, 'a').substr(0, 60)));
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "字";
  EXPECT_FALSE(check_ref_name(sixty));
  EXPECT_TRUE(check_ref_name(sixty + "字"));
  EXPECT_TRUE(check_ref_name(""));
  EXPECT_TRUE(check_ref_name("教育\n支出"));
}

TEST(OrgRef, ValidityWindow) {
  RefItem i;
  i.from_year = 2021;
  EXPECT_FALSE(i.valid_in(2020));
  EXPECT_TRUE(i.valid_in(2021));
  EXPECT_TRUE(i.valid_in(2100));
  i.to_year = 2021;
  EXPECT_TRUE(i.valid_in(2021));
  EXPECT_FALSE(i.valid_in(2022));
}

TEST(OrgBudgetYear, StatesMoveOneStepForward) {
  EXPECT_EQ(next_year_state("planning"), "executing");
  EXPECT_EQ(next_year_state("executing"), "closed");
  EXPECT_EQ(next_year_state("closed"), "");
  EXPECT_EQ(next_year_state("bogus"), "");
  EXPECT_TRUE(is_year_state("closed"));
  EXPECT_FALSE(is_year_state("Closed"));
  EXPECT_EQ(year_state_name("planning").zh, "编制中");
  EXPECT_EQ(year_state_name("executing").zh, "执行中");
  EXPECT_EQ(year_state_name("closed").zh, "已决算");
}

}  // namespace
}  // namespace jx::org

namespace jx::org {
namespace {

TEST(OrgNameGrams, PairsOfCharacters) {
  EXPECT_EQ(name_grams({"卫生院"}), (std::vector<std::string>{"卫生", "生院"}));
  EXPECT_EQ(name_grams({"局"}), std::vector<std::string>{});
  EXPECT_EQ(name_grams({""}), std::vector<std::string>{});
  // ASCII is lower-cased so a query matches whatever the case; pairs are distinct.
  EXPECT_EQ(name_grams({"AbA", "aba"}), (std::vector<std::string>{"ab", "ba"}));
  auto g = name_grams({"冠县第一中学", "一中"});
  EXPECT_EQ(g.size(), 5u);  // 冠县 县第 第一 一中 中学
}

}  // namespace
}  // namespace jx::org
