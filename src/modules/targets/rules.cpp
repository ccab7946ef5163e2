#include "modules/targets/rules.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "platform/util/money.hpp"

namespace jx::targets {

namespace {

bool contains(const std::string& text, const std::string& part) {
  return !part.empty() && text.find(part) != std::string::npos;
}

bool contains_any(const std::string& text, const std::vector<std::string>& parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](const std::string& p) { return contains(text, p); });
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// 万元 with two decimals, for messages.
std::string wan(int64_t fen) {
  return money::format_fen_wan(fen);
}

// A decimal scaled by 10^6 written back for a message ("95", "12.5").
std::string decimal_text(int64_t v) {
  bool neg = v < 0;
  uint64_t a = neg ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  std::string s = std::to_string(a / 1000000);
  uint64_t frac = a % 1000000;
  if (frac) {
    std::string f = std::to_string(frac);
    f = std::string(6 - f.size(), '0') + f;
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return neg ? "-" + s : s;
}

const std::vector<std::string> kTimeWords = {"及时", "时限", "按时", "按期", "时间", "期限",
                                             "周期", "天数", "时效", "年底", "年内", "月底",
                                             "日前", "当年", "工期", "进度", "日清", "期前"};
const std::vector<std::string> kTimeUnits = {"天", "日",     "小时", "月",
                                             "年", "工作日", "分钟", "周"};

}  // namespace

const char* severity_code(Severity s) {
  switch (s) {
    case Severity::kOff:
      return "off";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "off";
}

std::optional<Severity> severity_of(const std::string& code) {
  if (code == "off") return Severity::kOff;
  if (code == "warning") return Severity::kWarning;
  if (code == "error") return Severity::kError;
  return std::nullopt;
}

const std::vector<std::pair<std::string, Msg>>& rule_catalog() {
  static const std::vector<std::pair<std::string, Msg>> c = {
      {"goals", {"总体目标", "Overall goals"}},
      {"tree", {"指标体系", "Indicator tree"}},
      {"output_quantity", {"产出数量指标", "Output quantity"}},
      {"benefit", {"效益指标", "Benefit"}},
      {"satisfaction", {"满意度指标", "Satisfaction"}},
      {"core_cost_quality_time", {"成本、质量、时效核心指标", "Cost, quality and timeliness"}},
      {"leaf_count", {"指标数量", "Number of indicators"}},
      {"duplicate_names", {"指标名称重复", "Duplicate names"}},
      {"value_unit", {"指标值与计量单位", "Values and units"}},
      {"percent_range", {"百分比取值范围", "Percentages in range"}},
      {"weights", {"权重合计", "Weights"}},
      {"not_input_or_process", {"投入类和过程类指标", "Input or process items"}},
      {"below_last_year", {"目标值偏低", "Below last year's actual"}},
      {"branch", {"指标归类", "Branch"}},
      {"year_within_period", {"年度值与实施期值", "Year within the period"}},
      {"tasks", {"年度主要任务", "Main tasks"}},
      {"task_amounts", {"任务金额与关联项目", "Task amounts"}},
  };
  return c;
}

CheckRules default_check_rules() {
  CheckRules r;
  using S = Severity;
  r.project = {{"goals", S::kError},
               {"tree", S::kError},
               {"output_quantity", S::kError},
               {"benefit", S::kError},
               {"satisfaction", S::kError},
               {"core_cost_quality_time", S::kError},
               {"leaf_count", S::kWarning},
               {"duplicate_names", S::kError},
               {"value_unit", S::kError},
               {"percent_range", S::kError},
               {"weights", S::kError},
               {"not_input_or_process", S::kError},
               {"below_last_year", S::kWarning},
               {"branch", S::kWarning},
               {"year_within_period", S::kWarning},
               {"tasks", S::kOff},
               {"task_amounts", S::kOff}};
  r.department = r.project;
  r.department["core_cost_quality_time"] = S::kOff;
  r.department["year_within_period"] = S::kOff;
  r.department["tasks"] = S::kError;
  r.department["task_amounts"] = S::kWarning;
  r.input_patterns = {"资金投入", "投入资金", "投入金额", "财政投入", "预算投入", "资金支出额"};
  r.process_patterns = {"预算执行率",   "资金执行率", "资金到位率",   "资金拨付率",  "制度健全",
                        "资金使用合规", "管理制度",   "财务管理规范", "项目管理规范"};
  r.growth_patterns = {"增长", "增幅", "变动", "变化率", "下降", "降低", "提高"};
  return r;
}

std::optional<int64_t> parse_decimal(const std::string& raw) {
  std::string s;
  for (char c : trim(raw))
    if (c != ',') s.push_back(c);
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    i = 1;
  }
  int64_t whole = 0, frac = 0;
  int frac_digits = 0, int_digits = 0;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (!dot) {
      if (++int_digits > 12) return std::nullopt;
      whole = whole * 10 + (c - '0');
    } else {
      if (++frac_digits > 6) return std::nullopt;
      frac = frac * 10 + (c - '0');
    }
  }
  if (int_digits == 0 && frac_digits == 0) return std::nullopt;
  for (int k = frac_digits; k < 6; ++k) frac *= 10;
  int64_t v = whole * 1000000 + frac;
  return neg ? -v : v;
}

bool looser_than(const std::string& nature, const std::string& value, const std::string& actual) {
  auto v = parse_decimal(value), a = parse_decimal(actual);
  if (!v || !a) return false;
  if (nature == ">=" || nature == ">") return *v < *a;
  if (nature == "<=" || nature == "<") return *v > *a;
  return false;
}

std::optional<int64_t> weight_x100_of(double w) {
  if (!std::isfinite(w) || w < 0 || w > 1e9) return std::nullopt;
  double scaled = w * 100;
  double r = std::round(scaled);
  if (std::fabs(scaled - r) > 1e-6) return std::nullopt;
  return static_cast<int64_t>(r);
}

std::map<std::string, std::string> default_review_outcomes() {
  return {{"优", "approve"}, {"良", "approve"}, {"中", "return"}, {"差", "reject"}};
}

int count_of(const std::vector<Issue>& issues, Severity s) {
  return static_cast<int>(
      std::count_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.severity == s; }));
}

std::vector<Issue> check(const Draft& d, const RoleMap& roles, const CheckRules& rules) {
  std::vector<Issue> out;
  const auto& sev = d.kind == "department" ? rules.department : rules.project;
  auto level = [&](const char* rule) {
    auto it = sev.find(rule);
    return it == sev.end() ? Severity::kOff : it->second;
  };
  auto add = [&](const char* rule, Msg m, std::string key = "", std::string field = "") {
    Severity s = level(rule);
    if (s != Severity::kOff)
      out.push_back({rule, s, std::move(m), std::move(key), std::move(field)});
  };
  auto leaf_field = [](size_t i, const char* f) {
    return "indicators." + std::to_string(i) + "." + f;
  };
  auto role_of = [&](const Leaf& l) -> Roles {
    auto it = roles.find({l.level1, l.level2});
    if (it != roles.end()) return it->second;
    return {};
  };

  // 总体目标
  if (trim(d.year_goal).empty())
    add("goals", {"请填写年度总体目标", "Write the year's overall goal"}, "", "year_goal");
  if (d.kind == "project" && d.multi_year && trim(d.period_goal).empty())
    add("goals", {"跨年度项目请填写实施期总体目标", "Write the goal of the implementation period"},
        "", "period_goal");

  // The branches present.
  bool quantity = false, benefit = false, satisfaction = false, cost = false, quality = false,
       timeliness = false;
  for (size_t i = 0; i < d.leaves.size(); ++i) {
    const Leaf& l = d.leaves[i];
    Roles r = role_of(l);
    if (r.level1.empty()) {
      add("tree",
          {"“" + l.level1 + "/" + l.level2 + "”不在本年度的指标体系内，请重新选择一级、二级指标",
           "Not a branch of the year's indicator tree"},
          l.key, leaf_field(i, "level2"));
      continue;
    }
    quantity |= r.level2 == "quantity";
    quality |= r.level2 == "quality";
    timeliness |= r.level2 == "timeliness";
    cost |= r.level2 == "cost" || r.level1 == "cost";
    benefit |= r.level1 == "benefit";
    satisfaction |= r.level1 == "satisfaction" || r.level2 == "satisfaction";
  }
  if (!quantity)
    add("output_quantity", {"至少设置1个产出指标中的数量指标", "Add at least one quantity leaf"});
  if (!benefit) add("benefit", {"至少设置1个效益指标", "Add at least one benefit leaf"});
  if (d.serves_public && !satisfaction)
    add("satisfaction", {"面向社会公众或服务对象的，须设置满意度指标",
                         "A satisfaction leaf is required when it serves the public"});
  {
    std::string missing;
    auto miss = [&](bool have, const char* name) {
      if (!have) missing += missing.empty() ? name : std::string("、") + name;
    };
    miss(cost, "成本");
    miss(quality, "质量");
    miss(timeliness, "时效");
    if (!missing.empty())
      add("core_cost_quality_time",
          {"缺少核心指标：" + missing + "指标（成本、质量、时效均须设置）",
           "Cost, quality and timeliness leaves are required"});
  }

  // 指标数量
  int n = static_cast<int>(d.leaves.size());
  int max = d.kind == "department" ? rules.department_leaf_max : rules.leaf_max;
  if (n < rules.leaf_min)
    add("leaf_count",
        {"三级指标" + std::to_string(n) + "个，建议不少于" + std::to_string(rules.leaf_min) + "个",
         "Too few leaves"});
  else if (n > max)
    add("leaf_count",
        {"三级指标" + std::to_string(n) + "个，建议不超过" + std::to_string(max) + "个，突出重点",
         "Too many leaves"});

  // Leaf by leaf.
  std::set<std::string> seen;
  bool all_weighted = true;
  int64_t weight_sum = 0;
  for (size_t i = 0; i < d.leaves.size(); ++i) {
    const Leaf& l = d.leaves[i];
    const std::string name = trim(l.name);
    Roles r = role_of(l);
    bool qual = l.nature == "qual";
    if (name.empty()) {
      add("value_unit", {"请填写三级指标名称", "Name the indicator"}, l.key, leaf_field(i, "name"));
    } else if (!seen.insert(name).second) {
      add("duplicate_names", {"指标名称“" + name + "”重复", "Duplicate indicator name"}, l.key,
          leaf_field(i, "name"));
    }
    auto v = parse_decimal(l.value);
    if (qual) {
      if (trim(l.value).empty())
        add("value_unit",
            {"定性指标请填写指标值（如：好、较好、有效提升）", "A qualitative leaf needs a value"},
            l.key, leaf_field(i, "value"));
    } else {
      if (!v)
        add("value_unit",
            {trim(l.value).empty() ? "请填写指标值" : "定量指标的指标值须为数字",
             "A quantitative leaf needs a numeric value"},
            l.key, leaf_field(i, "value"));
      if (trim(l.unit).empty())
        add("value_unit", {"定量指标请填写计量单位", "A quantitative leaf needs a unit"}, l.key,
            leaf_field(i, "unit"));
    }
    if (!qual && v && trim(l.unit) == "%" && (*v < 0 || *v > 100 * 1000000) &&
        !contains_any(name, rules.growth_patterns))
      add("percent_range",
          {"百分比指标值应在0～100之间（增长率、变动率类指标除外）", "A percentage lies in 0–100"},
          l.key, leaf_field(i, "value"));
    if (l.weight_x100) {
      weight_sum += *l.weight_x100;
    } else {
      all_weighted = false;
      add("weights", {"请填写权重", "Give the weight"}, l.key, leaf_field(i, "weight"));
    }
    if (r.level1 != "cost" &&
        (contains_any(name, rules.input_patterns) || contains_any(name, rules.process_patterns)))
      add("not_input_or_process",
          {"“" + name + "”属于投入或过程管理类内容，不能作为产出、效益指标",
           "Inputs and process items are not targets"},
          l.key, leaf_field(i, "name"));
    if (l.last_actual && looser_than(l.nature, l.value, *l.last_actual))
      add("below_last_year",
          {"目标值偏低：上年实际完成值为" + *l.last_actual + trim(l.unit) + "，本年目标值" +
               trim(l.value) + trim(l.unit),
           "Looser than last year's actual"},
          l.key, leaf_field(i, "value"));
    // 指标归类
    if (!r.level1.empty()) {
      bool sat_branch = r.level1 == "satisfaction" || r.level2 == "satisfaction";
      if (contains(name, "满意") && !sat_branch)
        add("branch", {"满意度类指标应放在“满意度指标”下", "Satisfaction belongs under 满意度"},
            l.key, leaf_field(i, "level2"));
      else if (sat_branch && !name.empty() && !contains(name, "满意") && !contains(name, "投诉"))
        add("branch", {"“满意度指标”下应为服务对象满意度类指标", "Not a satisfaction measure"},
            l.key, leaf_field(i, "level2"));
      // 经济成本 is money; 社会成本 and 生态环境成本 may be measured otherwise (days, tonnes).
      bool money_cost = (r.level2 == "cost" || r.level1 == "cost") && !contains(l.level2, "社会") &&
                        !contains(l.level2, "生态");
      // A cost rate (成本节约率, 成本偏离度 in %) measures money too.
      bool cost_rate = trim(l.unit) == "%" && contains(name, "成本");
      if (money_cost && !qual && !contains(l.unit, "元") && !cost_rate)
        add("branch", {"成本指标应以金额计量（元、万元或元/单位）", "A cost leaf is in money"},
            l.key, leaf_field(i, "unit"));
      if (r.level2 == "timeliness" && !contains_any(name, kTimeWords) &&
          !contains_any(l.unit, kTimeUnits))
        add("branch", {"时效指标应反映完成时间或及时性", "A timeliness leaf measures time"}, l.key,
            leaf_field(i, "level2"));
      if (!l.library_level2.empty() && l.library_level2 != l.level2)
        add("branch",
            {"指标库中该指标属于“" + l.library_level2 + "”，请核实归类",
             "The library files this indicator elsewhere"},
            l.key, leaf_field(i, "level2"));
    }
    if (d.kind == "project" && d.multi_year && (l.nature == ">=" || l.nature == ">") &&
        trim(l.unit) != "%") {
      auto pv = parse_decimal(l.period_value);
      if (v && pv && *v > *pv)
        add("year_within_period",
            {"年度指标值" + decimal_text(*v) + "超过实施期指标值" + decimal_text(*pv),
             "The year's value exceeds the period's"},
            l.key, leaf_field(i, "value"));
    }
  }
  if (all_weighted && !d.leaves.empty() && weight_sum != rules.weight_total_x100)
    add("weights",
        {"权重合计" + money::format_x100(weight_sum) + "，应为" +
             money::format_x100(rules.weight_total_x100),
         "The weights do not add up"},
        "", "indicators");

  // 部门整体: 年度主要任务
  if (d.kind == "department") {
    if (d.tasks.empty())
      add("tasks", {"请填写年度主要任务及预算金额", "List the year's main tasks"}, "", "tasks");
    for (size_t i = 0; i < d.tasks.size(); ++i) {
      const Task& t = d.tasks[i];
      std::string f = "tasks." + std::to_string(i) + ".";
      if (trim(t.name).empty())
        add("tasks", {"请填写任务名称", "Name the task"}, t.key, f + "name");
      if (t.total_fen <= 0)
        add("tasks", {"请填写任务的预算金额", "Give the task's amount"}, t.key, f + "total_fen");
      else if (t.fiscal_fen + t.other_fen != t.total_fen)
        add("tasks",
            {"财政拨款与其他资金之和（" + wan(t.fiscal_fen + t.other_fen) + "万元）应等于总额（" +
                 wan(t.total_fen) + "万元）",
             "Fiscal and other funds add up to the total"},
            t.key, f + "total_fen");
      if (!t.project_ids.empty() && t.linked_fen > t.total_fen)
        add("task_amounts",
            {"关联项目本年度金额合计" + wan(t.linked_fen) + "万元，高于任务金额" +
                 wan(t.total_fen) + "万元",
             "The linked projects need more than the task's amount"},
            t.key, f + "total_fen");
    }
  }
  return out;
}

std::vector<LeafChange> diff_leaves(const std::vector<Leaf>& before,
                                    const std::vector<Leaf>& after) {
  std::map<std::string, const Leaf*> old;
  for (const auto& l : before) old[l.key] = &l;
  std::vector<LeafChange> out;
  std::set<std::string> kept;
  auto weight = [](const std::optional<int64_t>& w) {
    return w ? money::format_x100(*w) : std::string();
  };
  for (const auto& l : after) {
    auto it = old.find(l.key);
    if (it == old.end()) {
      out.push_back({"added", l.key, std::nullopt, l, {}});
      continue;
    }
    kept.insert(l.key);
    const Leaf& b = *it->second;
    std::vector<FieldChange> f;
    auto cmp = [&](const char* field, const std::string& x, const std::string& y) {
      if (x != y) f.push_back({field, x, y});
    };
    cmp("level1", b.level1, l.level1);
    cmp("level2", b.level2, l.level2);
    cmp("name", b.name, l.name);
    cmp("nature", b.nature, l.nature);
    cmp("value", b.value, l.value);
    cmp("period_value", b.period_value, l.period_value);
    cmp("unit", b.unit, l.unit);
    cmp("weight", weight(b.weight_x100), weight(l.weight_x100));
    cmp("basis", b.basis, l.basis);
    cmp("explanation", b.explanation, l.explanation);
    cmp("is_core", b.is_core ? "1" : "0", l.is_core ? "1" : "0");
    if (!f.empty()) out.push_back({"changed", l.key, b, l, std::move(f)});
  }
  for (const auto& b : before)
    if (!kept.count(b.key)) out.push_back({"removed", b.key, b, std::nullopt, {}});
  return out;
}

}  // namespace jx::targets
