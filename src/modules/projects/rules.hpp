// Pure rules of 事前绩效评估 and 预算评审 (DOMAIN.md §4): whether a project needs an assessment,
// the score sheet, combining experts, the veto, the conclusion cut-offs, and 审减额/审减率.
// No I/O. Scores are integers in hundredths (x100); money is int64 分.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/projects/model.hpp"
#include "platform/util/error.hpp"

namespace jx::projects {

// ---- scope ----
struct PreassessDecision {
  bool required = false;
  std::vector<Msg> reasons;  // why it is required (or, when not, why not), for the unit
};
PreassessDecision decide_preassess(const PreassessInput& in, const PreassessRule& rule);

// ---- the scheme ----
// The default five dimensions, 20 points each, with the sub-items of DOMAIN.md §4.3 (those not
// in the published scheme are marked [assumption] in their guidance) and Preset L cut-offs.
Scheme default_scheme();
// Problems of a scheme a bureau configured: dimension and item codes unique and non-empty, every
// item worth > 0, the total 100 points, cut-offs 0 < adjust ≤ support ≤ 100, rating percentages
// 0–100 and descending. Empty when it is usable.
std::vector<Msg> check_scheme(const Scheme& s);

// ---- scoring ----
std::optional<Rating> rating_of(std::string_view code);  // "优" | "良" | "中" | "差" (or A/B/C/D)
std::string rating_name(Rating r);
// What one item earns with a rating: its points × the rating's percent, in hundredths.
int64_t item_points_x100(const RatingScale& scale, const SubItem& item, Rating r);
// Each item earns points × percent of its rating (exact in hundredths: points are whole x100
// and percentages whole). Missing ratings are errors (item codes returned in *missing).
SheetScore score_sheet(const Scheme& s, const ExpertSheet& sheet,
                       std::vector<std::string>* missing);
// The combined score: the mean of the experts' totals, rounded half up to hundredths.
int64_t combine(const std::vector<int64_t>& totals_x100);
// The conclusion: a confirmed veto is 不予支持 whatever the score; else by the cut-offs,
// applied to the exact combined value (80.00 supports, 79.99 does not).
Conclusion conclude(int64_t combined_x100, bool veto, const Cutoffs& c);
Msg conclusion_name(Conclusion c);
std::string conclusion_code(Conclusion c);  // support | adjust | reject
// A band printed next to the score on the report (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).
std::string score_band(int64_t x100);

// ---- 预算评审 ----
// Totals of the lines; 审减率 = 审减额 / 送审金额 × 100 %, rounded half up to 2 decimals on the
// totals (never averaged over lines).
ReviewTotals review_totals(const std::vector<ReviewLine>& lines);
// Problems of the lines: amounts ≥ 0, a reason on every line whose amount changed, item names.
std::vector<FieldError> check_review_lines(const std::vector<ReviewLine>& lines);

}  // namespace jx::projects
