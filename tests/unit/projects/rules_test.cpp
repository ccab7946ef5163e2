// Table tests of 事前绩效评估 and 预算评审 rules (DOMAIN.md §4): the scope decision, scoring,
// combining experts, the veto, the cut-off edges and 审减率 rounding.
#include <gtest/gtest.h>

#include "modules/projects/rules.hpp"

namespace jx::projects {
namespace {

constexpr int64_t kWan = 1000000;  // 分 per 万元

TEST(ProjectsPreassess, TheCountyRule) {
  struct Row {
    const char* category;
    bool is_new;
    bool continuing;
    int64_t total_wan;
    int64_t bond_wan;
    bool required;
    const char* reason_has;
  };
  const Row rows[] = {
      {"investment", true, false, 300, 0, true, "300"},    // at the threshold: ≥
      {"investment", true, false, 299, 0, false, "低于"},  // just below
      {"investment", false, false, 5000, 0, false, "延续"},
      {"operating", true, false, 500, 0, false, "未超过"},  // above, not at
      {"operating", true, false, 501, 0, true, "运转类"},
      {"personnel", true, false, 9000, 0, false, "不属于"},
      {"specific", true, false, 9000, 0, false, "不属于"},
      {"specific", false, false, 10, 10, true, "专项债券"},  // every special-bond project
      {"investment", true, false, 1000, 200, true, "专项债券"},
  };
  PreassessRule rule;
  for (const auto& r : rows) {
    PreassessInput in{r.category, r.is_new, r.continuing, r.total_wan * kWan, r.bond_wan * kWan};
    auto d = decide_preassess(in, rule);
    SCOPED_TRACE(std::string(r.category) + " " + std::to_string(r.total_wan));
    EXPECT_EQ(d.required, r.required);
    ASSERT_FALSE(d.reasons.empty());
    bool found = false;
    for (const auto& m : d.reasons) found |= m.zh.find(r.reason_has) != std::string::npos;
    EXPECT_TRUE(found) << d.reasons[0].zh;
  }
}

TEST(ProjectsPreassess, ThresholdsAndContinuingAreSettings) {
  PreassessRule rule;
  rule.investment_threshold_fen = 500 * kWan;  // the county's old rule
  EXPECT_FALSE(decide_preassess({"investment", true, false, 300 * kWan, 0}, rule).required);
  rule.continuing_policies = true;
  EXPECT_TRUE(decide_preassess({"investment", false, true, 600 * kWan, 0}, rule).required);
  rule.special_bond_always = false;
  EXPECT_FALSE(decide_preassess({"specific", false, false, 10 * kWan, 10 * kWan}, rule).required);
}

ExpertSheet all(const Scheme& s, Rating r) {
  ExpertSheet e;
  for (const auto& d : s.dimensions)
    for (const auto& i : d.items) e.ratings[i.code] = r;
  return e;
}

TEST(ProjectsScoring, DefaultSchemeIsValidAndWorth100) {
  Scheme s = default_scheme();
  EXPECT_TRUE(check_scheme(s).empty());
  ASSERT_EQ(s.dimensions.size(), 5u);
  for (const auto& d : s.dimensions) EXPECT_EQ(d.points_x100(), 2000) << d.name;
  EXPECT_EQ(s.dimensions[4].name, "筹资合规性");
  EXPECT_TRUE(s.dimensions[4].veto);
  EXPECT_EQ(s.cutoffs.support_x100, 8000);
  EXPECT_EQ(s.cutoffs.adjust_x100, 6000);
}

TEST(ProjectsScoring, RatingsEarnTheirPercentages) {
  Scheme s = default_scheme();
  struct Row {
    Rating r;
    int64_t total;
  };
  for (auto [r, total] : {Row{Rating::kExcellent, 10000}, Row{Rating::kGood, 8000},
                          Row{Rating::kFair, 6000}, Row{Rating::kPoor, 3000}}) {
    std::vector<std::string> missing;
    auto score = score_sheet(s, all(s, r), &missing);
    EXPECT_TRUE(missing.empty());
    EXPECT_EQ(score.total_x100, total);
    EXPECT_EQ(score.dimensions_x100.at("economy"), total / 5);
  }
  // One item down from 优 to 差 on a 5-point item: 100 - 5 × 70 % = 96.50.
  ExpertSheet e = all(s, Rating::kExcellent);
  e.ratings["economy.thrift"] = Rating::kPoor;
  EXPECT_EQ(score_sheet(s, e, nullptr).total_x100, 9650);
  EXPECT_EQ(score_sheet(s, e, nullptr).dimensions_x100.at("economy"), 1650);
}

TEST(ProjectsScoring, MissingRatingsAreNamed) {
  Scheme s = default_scheme();
  ExpertSheet e = all(s, Rating::kGood);
  e.ratings.erase("targets.clear");
  std::vector<std::string> missing;
  score_sheet(s, e, &missing);
  EXPECT_EQ(missing, std::vector<std::string>{"targets.clear"});
}

TEST(ProjectsScoring, CombineIsTheMeanRoundedHalfUp) {
  EXPECT_EQ(combine({8000, 8100, 8150}), 8083);  // 80.8333 -> 80.83
  EXPECT_EQ(combine({7999, 8000}), 8000);        // 79.995 -> 80.00 (half up)
  EXPECT_EQ(combine({7999, 7998}), 7999);        // 79.985 -> 79.99
  EXPECT_EQ(combine({9650}), 9650);
  EXPECT_EQ(combine({}), 0);
}

TEST(ProjectsScoring, ConclusionEdgesAndVeto) {
  Cutoffs L;  // Preset L 80/60
  Cutoffs V{9000, 7000};
  struct Row {
    int64_t x100;
    bool veto;
    Cutoffs c;
    Conclusion want;
  };
  const Row rows[] = {
      {8000, false, L, Conclusion::kSupport}, {7999, false, L, Conclusion::kAdjust},
      {6000, false, L, Conclusion::kAdjust},  {5999, false, L, Conclusion::kReject},
      {10000, true, L, Conclusion::kReject},  {9000, false, V, Conclusion::kSupport},
      {8999, false, V, Conclusion::kAdjust},  {7000, false, V, Conclusion::kAdjust},
      {6999, false, V, Conclusion::kReject},  {0, false, L, Conclusion::kReject},
  };
  for (const auto& r : rows)
    EXPECT_EQ(conclude(r.x100, r.veto, r.c), r.want) << r.x100 << " veto " << r.veto;
  EXPECT_EQ(conclusion_name(Conclusion::kAdjust).zh, "建议调整完善后予以支持");
  EXPECT_EQ(conclusion_code(Conclusion::kReject), "reject");
  EXPECT_EQ(score_band(8999), "良");
  EXPECT_EQ(score_band(9000), "优");
  EXPECT_EQ(score_band(5999), "差");
}

TEST(ProjectsScoring, BadSchemesAreRefused) {
  Scheme s = default_scheme();
  s.dimensions[0].items[0].points_x100 = 600;  // 101 points
  EXPECT_FALSE(check_scheme(s).empty());
  s = default_scheme();
  s.dimensions[1].items[1].code = s.dimensions[1].items[0].code;
  EXPECT_FALSE(check_scheme(s).empty());
  s = default_scheme();
  s.cutoffs = {6000, 8000};
  EXPECT_FALSE(check_scheme(s).empty());
  s = default_scheme();
  s.scale.good = 110;
  EXPECT_FALSE(check_scheme(s).empty());
}

TEST(ProjectsReview, CutAndRateOnTheTotals) {
  // Three lines: 120 万 -> 100 万, 80 万 -> 80 万, 33.33 万 -> 30 万.
  std::vector<ReviewLine> lines = {{"土建工程", 120 * kWan, 100 * kWan, "工程量核减"},
                                   {"设备购置", 80 * kWan, 80 * kWan, ""},
                                   {"其他费用", 333300 * 100, 30 * kWan, "取费标准调整"}};
  auto t = review_totals(lines);
  EXPECT_EQ(t.submitted_fen, 233330000);
  EXPECT_EQ(t.approved_fen, 210000000);
  EXPECT_EQ(t.cut_fen, 23330000);
  EXPECT_EQ(t.cut_rate_x100, 1000);  // 2333 / 23333 = 9.9987 % -> 10.00
  EXPECT_TRUE(check_review_lines(lines).empty());
  // The seed county's year: 13.3 亿 submitted, 审减率 14.3 % (1.9019 亿 cut).
  auto y = review_totals({{"全年", 133000 * kWan, 133000 * kWan - 19019 * kWan, "合计"}});
  EXPECT_EQ(y.cut_rate_x100, 1430);
  EXPECT_EQ(review_totals({}).cut_rate_x100, 0);
  // 审增 is a negative cut.
  EXPECT_EQ(review_totals({{"x", 100, 110, "增项"}}).cut_rate_x100, -1000);
}

TEST(ProjectsReview, LineErrorsNameTheField) {
  auto e = check_review_lines({{"", -1, 5, ""}});
  std::vector<std::string> fields;
  for (const auto& f : e) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"lines.0.item", "lines.0.submitted_fen", "lines.0.reason"}));
  EXPECT_EQ(check_review_lines({}).size(), 1u);
}

}  // namespace
}  // namespace jx::projects
