#include "modules/projects/rules.hpp"

#include <set>

#include "platform/util/money.hpp"

namespace jx::projects {

namespace {

std::string wan(int64_t fen) {
  return money::format_fen_wan(fen, fen % money::kFenPerWan == 0 ? 0 : 2);
}

}  // namespace

PreassessDecision decide_preassess(const PreassessInput& in, const PreassessRule& rule) {
  PreassessDecision d;
  auto need = [&](Msg m) {
    d.required = true;
    d.reasons.push_back(std::move(m));
  };
  if (rule.special_bond_always && in.special_bond_fen > 0)
    need({"使用政府专项债券资金的项目，须开展事前绩效评估",
          "Projects funded by special bonds are always assessed"});
  bool counts_as_new = in.is_new || (rule.continuing_policies && in.continuing_after_expiry);
  const std::string kind = in.is_new ? "新增" : "到期延续";
  if (counts_as_new && in.category == "investment" &&
      in.requested_total_fen >= rule.investment_threshold_fen)
    need({kind + "投资发展类项目，申请金额 " + wan(in.requested_total_fen) + " 万元，达到 " +
              wan(rule.investment_threshold_fen) + " 万元的评估标准",
          "A new investment project at or above the threshold"});
  if (counts_as_new && in.category == "operating" &&
      in.requested_total_fen > rule.operating_threshold_fen)
    need({kind + "运转类项目，申请金额 " + wan(in.requested_total_fen) + " 万元，超过 " +
              wan(rule.operating_threshold_fen) + " 万元的评估标准",
          "A new operating project above the threshold"});
  if (!d.required) {
    if (!counts_as_new)
      d.reasons.push_back({"延续项目，不属于事前绩效评估范围", "A continuing project"});
    else if (in.category == "investment")
      d.reasons.push_back({"投资发展类项目申请金额 " + wan(in.requested_total_fen) +
                               " 万元，低于 " + wan(rule.investment_threshold_fen) +
                               " 万元的评估标准",
                           "Below the investment threshold"});
    else if (in.category == "operating")
      d.reasons.push_back({"运转类项目申请金额 " + wan(in.requested_total_fen) + " 万元，未超过 " +
                               wan(rule.operating_threshold_fen) + " 万元的评估标准",
                           "Not above the operating threshold"});
    else
      d.reasons.push_back({"该类别项目不属于事前绩效评估范围", "This category is not assessed"});
  }
  return d;
}

// The five dimensions and their weights are DOMAIN.md §4.3; the sub-items of 立项必要性 and
// 投入经济性 and the first two of 绩效目标合理性 follow it, the others are [assumption] sub-items a
// county replaces in 评估规则设置 (the marker stays here, never in the text experts read).
Scheme default_scheme() {
  auto item = [](const char* code, const char* name, const char* guidance) {
    return SubItem{code, name, 500, guidance};
  };
  Scheme s;
  s.dimensions = {
      {"necessity",
       "立项必要性",
       false,
       {item("necessity.purpose", "目的明确", "项目立项目的明确，与要解决的问题直接相关"),
        item("necessity.duty", "符合规划和职责",
             "符合国家和本地发展规划、政策方向，属于部门职责范围"),
        item("necessity.no_overlap", "不重复交叉", "与已有项目、政策不重复、不交叉"),
        item("necessity.decision", "事前论证与集体决策", "经过必要的可行性论证和集体决策程序")}},
      {"economy",
       "投入经济性",
       false,
       {item("economy.match", "支出与职责匹配", "支出内容与部门职责和项目内容相匹配"),
        item("economy.detail", "明细清晰", "预算编制明细清晰，各项支出有明确用途"),
        item("economy.thrift", "勤俭节约", "贯彻过紧日子要求，不超标准、不铺张"),
        item("economy.standard", "测算依据符合定额标准",
             "测算依据充分，单价、数量符合支出标准或市场价格")}},
      {"targets",
       "绩效目标合理性",
       false,
       {item("targets.complete", "完整性",
             "绩效目标覆盖产出、效益、满意度，总体目标与年度目标齐全"),
        item("targets.clear", "明确性", "指标细化、量化，指标值明确可考核"),
        item("targets.relevant", "相关性", "目标与项目内容、资金规模相匹配"),
        item("targets.measurable", "可衡量性", "指标数据可取得、可核验")}},
      {"feasibility",
       "实施方案可行性",
       false,
       {item("feasibility.plan", "实施方案完整", "实施内容、方式、步骤完整具体"),
        item("feasibility.organization", "组织保障", "组织机构、人员、制度保障到位"),
        item("feasibility.schedule", "进度安排合理", "实施周期与进度安排合理可行"),
        item("feasibility.risk", "风险可控", "已识别主要风险并有应对措施")}},
      {"financing",
       "筹资合规性",
       true,
       {item("financing.legal", "资金来源合法合规", "资金来源符合法律法规和政策规定"),
        item("financing.capacity", "财政承受能力", "与财政承受能力相适应"),
        item("financing.no_hidden_debt", "不新增隐性债务", "不以任何方式新增地方政府隐性债务"),
        item("financing.structure", "筹资结构合理", "各渠道资金落实、结构合理")}},
  };
  return s;
}

std::vector<Msg> check_scheme(const Scheme& s) {
  std::vector<Msg> out;
  std::set<std::string> dims, items;
  int64_t total = 0;
  if (s.dimensions.empty()) out.push_back({"评估维度不能为空", "No dimensions"});
  for (const auto& d : s.dimensions) {
    if (d.code.empty() || d.name.empty())
      out.push_back({"评估维度须有编码和名称", "A dimension needs a code and a name"});
    if (!dims.insert(d.code).second)
      out.push_back({"评估维度编码“" + d.code + "”重复", "Repeated dimension code"});
    if (d.items.empty())
      out.push_back({"评估维度“" + d.name + "”没有评分子项", "A dimension without items"});
    for (const auto& i : d.items) {
      if (i.code.empty() || i.name.empty())
        out.push_back({"评分子项须有编码和名称", "An item needs a code and a name"});
      if (!items.insert(i.code).second)
        out.push_back({"评分子项编码“" + i.code + "”重复", "Repeated item code"});
      if (i.points_x100 <= 0)
        out.push_back({"评分子项“" + i.name + "”的分值须大于0", "An item is worth > 0"});
      total += i.points_x100;
    }
  }
  if (total != 10000)
    out.push_back({"各评分子项分值合计应为100分，现为" + money::format_x100(total) + "分",
                   "The items add up to 100 points"});
  const auto& c = s.cutoffs;
  if (!(c.adjust_x100 > 0 && c.adjust_x100 <= c.support_x100 && c.support_x100 <= 10000))
    out.push_back({"结论分数线应满足 0 < 调整完善线 ≤ 支持线 ≤ 100", "0 < adjust ≤ support ≤ 100"});
  const auto& r = s.scale;
  if (!(r.excellent <= 100 && r.excellent >= r.good && r.good >= r.fair && r.fair >= r.poor &&
        r.poor >= 0))
    out.push_back({"评级得分比例应在0到100之间且 优 ≥ 良 ≥ 中 ≥ 差",
                   "Rating percentages are 0-100 and descending"});
  return out;
}

std::optional<Rating> rating_of(std::string_view code) {
  if (code == "优" || code == "A" || code == "excellent") return Rating::kExcellent;
  if (code == "良" || code == "B" || code == "good") return Rating::kGood;
  if (code == "中" || code == "C" || code == "fair") return Rating::kFair;
  if (code == "差" || code == "D" || code == "poor") return Rating::kPoor;
  return std::nullopt;
}

std::string rating_name(Rating r) {
  switch (r) {
    case Rating::kExcellent:
      return "优";
    case Rating::kGood:
      return "良";
    case Rating::kFair:
      return "中";
    case Rating::kPoor:
      return "差";
  }
  return "";
}

int64_t item_points_x100(const RatingScale& scale, const SubItem& item, Rating r) {
  int pct = r == Rating::kExcellent ? scale.excellent
            : r == Rating::kGood    ? scale.good
            : r == Rating::kFair    ? scale.fair
                                    : scale.poor;
  return money::div_round_half_up(static_cast<__int128>(item.points_x100) * pct, 100);
}

SheetScore score_sheet(const Scheme& s, const ExpertSheet& sheet,
                       std::vector<std::string>* missing) {
  SheetScore out;
  for (const auto& d : s.dimensions) {
    int64_t dim = 0;
    for (const auto& i : d.items) {
      auto it = sheet.ratings.find(i.code);
      if (it == sheet.ratings.end()) {
        if (missing) missing->push_back(i.code);
        continue;
      }
      dim += item_points_x100(s.scale, i, it->second);
    }
    out.dimensions_x100[d.code] = dim;
    out.total_x100 += dim;
  }
  return out;
}

int64_t combine(const std::vector<int64_t>& totals_x100) {
  if (totals_x100.empty()) return 0;
  __int128 sum = 0;
  for (int64_t t : totals_x100) sum += t;
  return money::div_round_half_up(sum, static_cast<int64_t>(totals_x100.size()));
}

Conclusion conclude(int64_t combined_x100, bool veto, const Cutoffs& c) {
  if (veto) return Conclusion::kReject;
  if (combined_x100 >= c.support_x100) return Conclusion::kSupport;
  if (combined_x100 >= c.adjust_x100) return Conclusion::kAdjust;
  return Conclusion::kReject;
}

Msg conclusion_name(Conclusion c) {
  switch (c) {
    case Conclusion::kSupport:
      return {"予以支持", "Support"};
    case Conclusion::kAdjust:
      return {"建议调整完善后予以支持", "Support after adjustment"};
    case Conclusion::kReject:
      return {"不予支持", "Do not support"};
  }
  return {"", ""};
}

std::string conclusion_code(Conclusion c) {
  switch (c) {
    case Conclusion::kSupport:
      return "support";
    case Conclusion::kAdjust:
      return "adjust";
    case Conclusion::kReject:
      return "reject";
  }
  return "";
}

std::string score_band(int64_t x100) {
  if (x100 >= 9000) return "优";
  if (x100 >= 8000) return "良";
  if (x100 >= 6000) return "中";
  return "差";
}

ReviewTotals review_totals(const std::vector<ReviewLine>& lines) {
  ReviewTotals t;
  for (const auto& l : lines) {
    t.submitted_fen += l.submitted_fen;
    t.approved_fen += l.approved_fen;
  }
  t.cut_fen = t.submitted_fen - t.approved_fen;
  t.cut_rate_x100 = t.submitted_fen > 0 ? money::percent_x100(t.cut_fen, t.submitted_fen) : 0;
  return t;
}

std::vector<FieldError> check_review_lines(const std::vector<ReviewLine>& lines) {
  std::vector<FieldError> e;
  if (lines.empty()) e.push_back({"lines", {"至少需要一条评审明细", "At least one line"}});
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    std::string at = "lines." + std::to_string(i);
    if (l.item.empty()) e.push_back({at + ".item", {"请填写评审内容", "The item is required"}});
    if (l.submitted_fen < 0)
      e.push_back({at + ".submitted_fen", {"送审金额不能为负数", "Must not be negative"}});
    if (l.approved_fen < 0)
      e.push_back({at + ".approved_fen", {"审定金额不能为负数", "Must not be negative"}});
    if (l.approved_fen != l.submitted_fen && l.reason.empty())
      e.push_back({at + ".reason",
                   {"审定金额与送审金额不同，请说明理由", "Give the reason for the difference"}});
  }
  return e;
}

}  // namespace jx::projects
