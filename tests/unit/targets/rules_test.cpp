// Table tests of the 绩效目标 rules (DOMAIN.md §2.3, §2.4): every check rule with a passing and
// a failing case, severities from the settings, decimals, weights and the diff of revisions.
#include <gtest/gtest.h>

#include <functional>

#include "modules/targets/rules.hpp"

namespace jx::targets {
namespace {

// The 101号 tree's roles (the indicators module's default for 2022+).
RoleMap roles101() {
  return {{{"成本指标", "经济成本指标"}, {"cost", "cost"}},
          {{"产出指标", "数量指标"}, {"output", "quantity"}},
          {{"产出指标", "质量指标"}, {"output", "quality"}},
          {{"产出指标", "时效指标"}, {"output", "timeliness"}},
          {{"效益指标", "社会效益指标"}, {"benefit", "social"}},
          {{"效益指标", "可持续影响指标"}, {"benefit", "sustainable"}},
          {{"满意度指标", "服务对象满意度指标"}, {"satisfaction", "satisfaction"}}};
}

Leaf leaf(const char* key, const char* l1, const char* l2, const char* name, const char* nature,
          const char* value, const char* unit, int64_t weight_x100) {
  Leaf l;
  l.key = key;
  l.level1 = l1;
  l.level2 = l2;
  l.name = name;
  l.nature = nature;
  l.value = value;
  l.unit = unit;
  l.weight_x100 = weight_x100;
  l.basis = "plan";
  return l;
}

// A project target that passes every rule: 营养改善计划 of a school.
Draft good() {
  Draft d;
  d.year_goal = "为全县义务教育阶段学生提供营养膳食补助，改善学生营养健康状况。";
  d.leaves = {
      leaf("a", "成本指标", "经济成本指标", "营养改善计划补助标准", "<=", "5", "元/生·天", 1000),
      leaf("b", "产出指标", "数量指标", "受助学生人数", ">=", "12600", "人", 2000),
      leaf("c", "产出指标", "质量指标", "食品安全抽检合格率", "=", "100", "%", 2000),
      leaf("d", "产出指标", "时效指标", "补助资金按月拨付及时率", "=", "100", "%", 1000),
      leaf("e", "效益指标", "社会效益指标", "学生营养不良率下降", ">=", "2", "个百分点", 3000),
      leaf("f", "满意度指标", "服务对象满意度指标", "学生家长满意度", ">=", "90", "%", 1000),
  };
  return d;
}

std::vector<std::string> rules_hit(const Draft& d, const CheckRules& r = default_check_rules()) {
  std::vector<std::string> out;
  for (const auto& i : check(d, roles101(), r)) out.push_back(i.rule);
  return out;
}

bool hits(const Draft& d, const std::string& rule) {
  auto v = rules_hit(d);
  return std::find(v.begin(), v.end(), rule) != v.end();
}

TEST(TargetsCheck, AGoodTargetHasNoIssue) {
  auto issues = check(good(), roles101(), default_check_rules());
  for (const auto& i : issues) ADD_FAILURE() << i.rule << ": " << i.message.zh;
  EXPECT_TRUE(issues.empty());
}

// One row per rule: a change to the good draft that breaks exactly that rule.
TEST(TargetsCheck, EachRuleFailsOnItsCase) {
  struct Row {
    const char* rule;
    Severity severity;
    std::function<void(Draft&)> change;
  };
  const Row rows[] = {
      {"goals", Severity::kError, [](Draft& d) { d.year_goal = "  "; }},
      {"goals", Severity::kError, [](Draft& d) { d.multi_year = true; }},
      {"tree", Severity::kError,
       [](Draft& d) {
         d.leaves.push_back(leaf("z", "产出指标", "数量", "供餐天数", ">=", "200", "天", 0));
       }},
      {"output_quantity", Severity::kError, [](Draft& d) { d.leaves[1].level2 = "质量指标"; }},
      {"benefit", Severity::kError,
       [](Draft& d) {
         d.leaves[4] = leaf("e", "产出指标", "数量指标", "供餐天数", ">=", "200", "天", 3000);
       }},
      {"satisfaction", Severity::kError, [](Draft& d) { d.leaves.pop_back(); }},
      {"core_cost_quality_time", Severity::kError,
       [](Draft& d) { d.leaves.erase(d.leaves.begin()); }},
      {"core_cost_quality_time", Severity::kError,
       [](Draft& d) { d.leaves.erase(d.leaves.begin() + 3); }},
      {"leaf_count", Severity::kWarning,
       [](Draft& d) {
         for (int i = 0; i < 10; ++i) {
           auto l = d.leaves[1];
           l.key = "x" + std::to_string(i);
           l.name = "受助学生人数" + std::to_string(i);
           l.weight_x100 = 0;
           d.leaves.push_back(l);
         }
       }},
      {"duplicate_names", Severity::kError, [](Draft& d) { d.leaves[2].name = "受助学生人数"; }},
      {"value_unit", Severity::kError, [](Draft& d) { d.leaves[1].value = "一万余"; }},
      {"value_unit", Severity::kError, [](Draft& d) { d.leaves[1].unit = ""; }},
      {"value_unit", Severity::kError,
       [](Draft& d) {
         d.leaves[4].nature = "qual";
         d.leaves[4].value = "";
       }},
      {"percent_range", Severity::kError, [](Draft& d) { d.leaves[2].value = "120"; }},
      {"weights", Severity::kError, [](Draft& d) { d.leaves[0].weight_x100 = 500; }},
      {"weights", Severity::kError, [](Draft& d) { d.leaves[0].weight_x100.reset(); }},
      {"not_input_or_process", Severity::kError,
       [](Draft& d) { d.leaves[1].name = "财政资金投入"; }},
      {"not_input_or_process", Severity::kError, [](Draft& d) { d.leaves[2].name = "预算执行率"; }},
      {"below_last_year", Severity::kWarning, [](Draft& d) { d.leaves[1].last_actual = "12800"; }},
      {"below_last_year", Severity::kWarning, [](Draft& d) { d.leaves[0].last_actual = "4.5"; }},
      {"branch", Severity::kWarning, [](Draft& d) { d.leaves[4].name = "社会公众满意度提升"; }},
      {"branch", Severity::kWarning, [](Draft& d) { d.leaves[5].name = "学生就餐人数"; }},
      {"branch", Severity::kWarning, [](Draft& d) { d.leaves[0].unit = "人"; }},
      {"branch", Severity::kWarning, [](Draft& d) { d.leaves[3].name = "补助资金发放率"; }},
      {"branch", Severity::kWarning, [](Draft& d) { d.leaves[1].library_level2 = "质量指标"; }},
      {"year_within_period", Severity::kWarning,
       [](Draft& d) {
         d.multi_year = true;
         d.period_goal = "三年内实现营养改善全覆盖";
         d.leaves[1].period_value = "10000";
       }},
  };
  for (const auto& r : rows) {
    Draft d = good();
    r.change(d);
    if (std::string(r.rule) != "weights") {  // keep the weights adding up to 100
      int64_t sum = 0;
      for (const auto& l : d.leaves) sum += l.weight_x100.value_or(0);
      *d.leaves[0].weight_x100 += 10000 - sum;
    }
    auto issues = check(d, roles101(), default_check_rules());
    bool found = false;
    for (const auto& i : issues)
      if (i.rule == r.rule) {
        found = true;
        EXPECT_EQ(i.severity, r.severity) << r.rule;
        EXPECT_FALSE(i.message.zh.empty());
      }
    EXPECT_TRUE(found) << r.rule << " not reported";
    // Only that rule (the leaf-count case adds weight issues by design, so skip it).
    if (std::string(r.rule) != "leaf_count") {
      for (const auto& i : issues) {
        EXPECT_EQ(i.rule, r.rule) << "with " << r.rule << ": " << i.message.zh;
      }
    }
  }
}

TEST(TargetsCheck, PassingEdges) {
  Draft d = good();
  d.leaves[2].value = "0";  // 0 and 100 are in range
  EXPECT_FALSE(hits(d, "percent_range"));
  d.leaves[2].value = "100.0";
  EXPECT_FALSE(hits(d, "percent_range"));
  d = good();
  d.leaves[4] = leaf("e", "效益指标", "社会效益指标", "入学率增长率", ">=", "150", "%", 2000);
  EXPECT_FALSE(hits(d, "percent_range"));  // a growth rate may pass 100
  d = good();
  d.leaves[1].last_actual = "12600";  // equal to last year's actual is not low
  EXPECT_FALSE(hits(d, "below_last_year"));
  d.leaves[0].last_actual = "5";
  EXPECT_FALSE(hits(d, "below_last_year"));
  d = good();
  d.serves_public = false;
  d.leaves.pop_back();
  d.leaves[1].weight_x100 = 3000;
  EXPECT_TRUE(rules_hit(d).empty());  // no 满意度 needed when it serves no public
  d = good();
  d.leaves[0].weight_x100 = 1050;
  d.leaves[1].weight_x100 = 1950;  // hundredths add up exactly
  EXPECT_FALSE(hits(d, "weights"));
  d = good();
  d = good();
  d.leaves[0].name = "预算成本节约率";  // a cost rate is money too
  d.leaves[0].unit = "%";
  d.leaves[3].name = "生活垃圾日产日清率";    // 日清 is a time measure
  d.leaves[5].name = "服务对象有效投诉次数";  // complaints measure satisfaction
  d.leaves[5].nature = "<=";
  d.leaves[5].value = "3";
  d.leaves[5].unit = "次";
  EXPECT_FALSE(hits(d, "branch"));
  d = good();
  d.leaves[1].name = "生均公用经费拨付到位率";  // not the process item 资金到位率
  d.leaves[1].unit = "%";
  d.leaves[1].value = "100";
  EXPECT_FALSE(hits(d, "not_input_or_process"));
}

TEST(TargetsCheck, SeveritiesComeFromTheSettings) {
  CheckRules r = default_check_rules();
  Draft d = good();
  d.leaves.erase(d.leaves.begin());  // no 成本 leaf, weights 90
  d.leaves[0].weight_x100 = 3000;
  EXPECT_EQ(count_of(check(d, roles101(), r), Severity::kError), 1);
  r.project["core_cost_quality_time"] = Severity::kWarning;
  auto issues = check(d, roles101(), r);
  EXPECT_EQ(count_of(issues, Severity::kError), 0);
  EXPECT_EQ(count_of(issues, Severity::kWarning), 1);
  r.project["core_cost_quality_time"] = Severity::kOff;
  EXPECT_TRUE(check(d, roles101(), r).empty());
  // 部门整体: the three core leaves are not required by default.
  d.kind = "department";
  d.tasks = {{"t1", "义务教育保障", "", 5000000, 5000000, 0, {}, 0}};
  EXPECT_TRUE(check(d, roles101(), default_check_rules()).empty());
}

TEST(TargetsCheck, DepartmentTasks) {
  Draft d = good();
  d.kind = "department";
  d.tasks = {};
  EXPECT_TRUE(hits(d, "tasks"));
  d.tasks = {{"t1", "", "", 0, 0, 0, {}, 0}};
  EXPECT_EQ(rules_hit(d).size(), 2u);  // no name, no amount
  d.tasks = {{"t1", "学前教育", "", 1000, 600, 300, {}, 0}};
  EXPECT_TRUE(hits(d, "tasks"));  // 600 + 300 != 1000
  d.tasks = {{"t1", "学前教育", "", 1000, 700, 300, {7}, 1200}};
  EXPECT_EQ(rules_hit(d), std::vector<std::string>{"task_amounts"});
  d.tasks[0].linked_fen = 1000;
  EXPECT_TRUE(rules_hit(d).empty());
}

TEST(TargetsCheck, TheEightyEightTreePutsCostUnderOutput) {
  RoleMap r88 = {{{"产出指标", "数量指标"}, {"output", "quantity"}},
                 {{"产出指标", "质量指标"}, {"output", "quality"}},
                 {{"产出指标", "时效指标"}, {"output", "timeliness"}},
                 {{"产出指标", "成本指标"}, {"output", "cost"}},
                 {{"效益指标", "社会效益指标"}, {"benefit", "social"}},
                 {{"满意度指标", "服务对象满意度指标"}, {"satisfaction", "satisfaction"}}};
  Draft d = good();
  d.leaves[0].level1 = "产出指标";
  d.leaves[0].level2 = "成本指标";
  EXPECT_TRUE(check(d, r88, default_check_rules()).empty());
  EXPECT_FALSE(check(d, roles101(), default_check_rules()).empty());  // not a 101号 branch
}

TEST(TargetsValues, Decimals) {
  struct Row {
    const char* text;
    std::optional<int64_t> v;
  };
  const Row rows[] = {{"95", 95000000},      {"-3.5", -3500000},
                      {"1,200", 1200000000}, {" 0.000001", 1},
                      {"12.", 12000000},     {".5", 500000},
                      {"", std::nullopt},    {"-", std::nullopt},
                      {"5元", std::nullopt}, {"1.0000001", std::nullopt},
                      {"1e3", std::nullopt}, {"1.2.3", std::nullopt}};
  for (const auto& r : rows) EXPECT_EQ(parse_decimal(r.text), r.v) << r.text;
  EXPECT_TRUE(looser_than(">=", "89.9", "90"));
  EXPECT_FALSE(looser_than(">=", "90", "90"));
  EXPECT_TRUE(looser_than("<", "48", "24"));
  EXPECT_FALSE(looser_than("=", "1", "2"));
  EXPECT_FALSE(looser_than(">=", "好", "较好"));
  EXPECT_EQ(weight_x100_of(12.5), 1250);
  EXPECT_EQ(weight_x100_of(0.1), 10);
  EXPECT_EQ(weight_x100_of(33.33), 3333);
  EXPECT_EQ(weight_x100_of(1.005), std::nullopt);
  EXPECT_EQ(weight_x100_of(-1), std::nullopt);
}

TEST(TargetsReview, GradesAndOutcomes) {
  auto o = default_review_outcomes();
  EXPECT_EQ(o.at("优"), "approve");
  EXPECT_EQ(o.at("良"), "approve");
  EXPECT_EQ(o.at("中"), "return");
  EXPECT_EQ(o.at("差"), "reject");
  EXPECT_EQ(grades().size(), 4u);
}

TEST(TargetsDiff, AddedRemovedChanged) {
  Draft a = good(), b = good();
  b.leaves[1].value = "13000";
  b.leaves[1].weight_x100 = 2500;
  b.leaves.erase(b.leaves.begin() + 5);
  b.leaves.push_back(
      leaf("g", "满意度指标", "服务对象满意度指标", "学生满意度", ">=", "92", "%", 500));
  auto d = diff_leaves(a.leaves, b.leaves);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].change, "changed");
  EXPECT_EQ(d[0].key, "b");
  ASSERT_EQ(d[0].fields.size(), 2u);
  EXPECT_EQ(d[0].fields[0].field, "value");
  EXPECT_EQ(d[0].fields[0].before, "12600");
  EXPECT_EQ(d[0].fields[0].after, "13000");
  EXPECT_EQ(d[0].fields[1].after, "25.00");
  EXPECT_EQ(d[1].change, "added");
  EXPECT_EQ(d[2].change, "removed");
  EXPECT_EQ(d[2].key, "f");
  EXPECT_TRUE(diff_leaves(a.leaves, a.leaves).empty());
}

}  // namespace
}  // namespace jx::targets
