#include "modules/indicators/rules.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <set>

#include "platform/util/text.hpp"

namespace jx::indicators {

namespace json = boost::json;

std::string Tree::role_of(const std::string& level1, const std::string& level2) const {
  for (const auto& l1 : items) {
    if (l1.name != level1) continue;
    if (level2.empty()) return l1.role;
    for (const auto& l2 : l1.children)
      if (l2.name == level2) return l2.role;
    return "";
  }
  return "";
}

// ---------------------------------------------------------------- the tree

Tree tree_101() {
  return Tree{"101",
              {{"成本指标",
                "cost",
                {{"经济成本指标", "cost"}, {"社会成本指标", "cost"}, {"生态环境成本指标", "cost"}}},
               {"产出指标",
                "output",
                {{"数量指标", "quantity"}, {"质量指标", "quality"}, {"时效指标", "timeliness"}}},
               {"效益指标",
                "benefit",
                {{"经济效益指标", "economic"},
                 {"社会效益指标", "social"},
                 {"生态效益指标", "ecological"},
                 {"可持续影响指标", "sustainable"}}},
               {"满意度指标", "satisfaction", {{"服务对象满意度指标", "satisfaction"}}}}};
}

Tree tree_88() {
  return Tree{"88",
              {{"产出指标",
                "output",
                {{"数量指标", "quantity"},
                 {"质量指标", "quality"},
                 {"时效指标", "timeliness"},
                 {"成本指标", "cost"}}},
               {"效益指标",
                "benefit",
                {{"经济效益指标", "economic"},
                 {"社会效益指标", "social"},
                 {"生态效益指标", "ecological"},
                 {"可持续影响指标", "sustainable"}}},
               {"满意度指标", "satisfaction", {{"服务对象满意度指标", "satisfaction"}}}}};
}

Tree default_tree(int year) {
  return year >= 2022 ? tree_101() : tree_88();
}

bool is_level1_role(const std::string& r) {
  return r == "cost" || r == "output" || r == "benefit" || r == "satisfaction";
}

bool is_level2_role(const std::string& r) {
  static const std::set<std::string> roles = {"quantity",   "quality",     "timeliness",
                                              "cost",       "economic",    "social",
                                              "ecological", "sustainable", "satisfaction"};
  return roles.count(r) > 0;
}

bool role_fits(const std::string& l1, const std::string& l2) {
  if (l1 == "output")
    return l2 == "quantity" || l2 == "quality" || l2 == "timeliness" || l2 == "cost";
  if (l1 == "cost") return l2 == "cost";
  if (l1 == "benefit")
    return l2 == "economic" || l2 == "social" || l2 == "ecological" || l2 == "sustainable";
  if (l1 == "satisfaction") return l2 == "satisfaction";
  return false;
}

std::optional<Tree> tree_from_json(const json::value& v, std::vector<FieldError>& errors) {
  size_t before = errors.size();
  auto bad = [&](const std::string& f, Msg m) { errors.push_back({f, std::move(m)}); };
  auto text = [&](const json::object& o, const char* key, const std::string& f,
                  const char* label) -> std::string {
    auto* x = o.if_contains(key);
    if (!x || !x->is_string()) {
      bad(f + "." + key, {std::string("请填写") + label, "Required text"});
      return "";
    }
    return std::string(x->as_string());
  };
  if (!v.is_object()) {
    bad("value", {"指标体系应为对象", "Must be an object"});
    return std::nullopt;
  }
  const auto& o = v.as_object();
  Tree t;
  if (auto* s = o.if_contains("scheme"); s && s->is_string())
    t.scheme = std::string(s->as_string());
  else
    t.scheme = "custom";
  auto* items = o.if_contains("items");
  if (!items || !items->is_array()) {
    bad("value.items", {"请列出一级指标", "items must be a list"});
    return std::nullopt;
  }
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    const auto& iv = items->as_array()[i];
    std::string f = "value.items." + std::to_string(i);
    if (!iv.is_object()) {
      bad(f, {"一级指标应为对象", "Must be an object"});
      continue;
    }
    const auto& io = iv.as_object();
    TreeLevel1 l1{text(io, "level1", f, "一级指标名称"), text(io, "role", f, "一级指标类别"), {}};
    auto* ch = io.if_contains("children");
    if (!ch || !ch->is_array()) {
      bad(f + ".children", {"请列出二级指标", "children must be a list"});
    } else {
      for (size_t k = 0; k < ch->as_array().size(); ++k) {
        const auto& cv = ch->as_array()[k];
        std::string g = f + ".children." + std::to_string(k);
        if (!cv.is_object()) {
          bad(g, {"二级指标应为对象", "Must be an object"});
          continue;
        }
        l1.children.push_back({text(cv.as_object(), "level2", g, "二级指标名称"),
                               text(cv.as_object(), "role", g, "二级指标类别")});
      }
    }
    t.items.push_back(std::move(l1));
  }
  if (errors.size() > before) return std::nullopt;
  return t;
}

json::value tree_json(const Tree& t) {
  json::array items;
  for (const auto& l1 : t.items) {
    json::array ch;
    for (const auto& l2 : l1.children) ch.push_back({{"level2", l2.name}, {"role", l2.role}});
    items.push_back({{"level1", l1.name}, {"role", l1.role}, {"children", ch}});
  }
  return json::object{{"scheme", t.scheme}, {"items", items}};
}

std::vector<FieldError> check_tree(const Tree& t) {
  std::vector<FieldError> e;
  if (t.scheme != "101" && t.scheme != "88" && t.scheme != "custom")
    e.push_back({"value.scheme", {"体系只能是 101、88 或 custom", "101, 88 or custom"}});
  std::set<std::string> names1;
  bool output = false, benefit = false;
  for (size_t i = 0; i < t.items.size(); ++i) {
    const auto& l1 = t.items[i];
    std::string f = "value.items." + std::to_string(i);
    size_t n = utf8_length(l1.name);
    if (n == 0 || n > 20)
      e.push_back({f + ".level1", {"一级指标名称为1到20个字", "1-20 characters"}});
    else if (!names1.insert(l1.name).second)
      e.push_back({f + ".level1", {"一级指标“" + l1.name + "”重复", "Repeated name"}});
    if (!is_level1_role(l1.role))
      e.push_back({f + ".role",
                   {"一级指标类别只能是 cost、output、benefit 或 satisfaction", "Unknown role"}});
    output |= l1.role == "output";
    benefit |= l1.role == "benefit";
    if (l1.children.empty())
      e.push_back({f + ".children",
                   {"一级指标“" + l1.name + "”下至少要有一个二级指标", "At least one 二级"}});
    std::set<std::string> names2;
    for (size_t k = 0; k < l1.children.size(); ++k) {
      const auto& l2 = l1.children[k];
      std::string g = f + ".children." + std::to_string(k);
      size_t m = utf8_length(l2.name);
      if (m == 0 || m > 20)
        e.push_back({g + ".level2", {"二级指标名称为1到20个字", "1-20 characters"}});
      else if (!names2.insert(l2.name).second)
        e.push_back({g + ".level2",
                     {"二级指标“" + l2.name + "”在同一一级指标下重复", "Repeated under its 一级"}});
      if (!is_level2_role(l2.role))
        e.push_back({g + ".role", {"二级指标类别不正确", "Unknown role"}});
      else if (is_level1_role(l1.role) && !role_fits(l1.role, l2.role))
        e.push_back(
            {g + ".role",
             {"二级指标“" + l2.name + "”的类别与所属一级指标不符", "Does not fit its 一级"}});
    }
  }
  if (!output)
    e.push_back(
        {"value.items", {"指标体系须含产出类一级指标（role 为 output）", "An output 一级"}});
  if (!benefit)
    e.push_back(
        {"value.items", {"指标体系须含效益类一级指标（role 为 benefit）", "A benefit 一级"}});
  return e;
}

// ---------------------------------------------------------------- an indicator

bool is_nature(const std::string& n) {
  return n == ">=" || n == ">" || n == "=" || n == "<" || n == "<=" || n == "qual";
}

bool is_basis(const std::string& b) {
  return b == "plan" || b == "industry" || b == "history" || b == "other";
}

bool is_number(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
    if (frac == 0) return false;
  }
  return i == s.size() && s.size() <= 20;
}

std::vector<FieldError> check_indicator(const Indicator& in) {
  std::vector<FieldError> e;
  size_t n = utf8_length(in.name);
  if (n == 0) e.push_back({"name", {"请填写指标名称（三级指标）", "Required"}});
  if (n > 60) e.push_back({"name", {"指标名称不超过60个字", "At most 60 characters"}});
  if (utf8_length(in.field) > 40) e.push_back({"field", {"领域不超过40个字", "At most 40"}});
  if (in.sector.empty()) e.push_back({"sector", {"请选择行业", "Required"}});
  if (in.level1.empty()) e.push_back({"level1", {"请选择一级指标", "Required"}});
  if (in.level2.empty()) e.push_back({"level2", {"请选择二级指标", "Required"}});
  if (!is_nature(in.nature))
    e.push_back({"nature", {"指标性质只能是 ≥、>、=、<、≤ 或定性", ">=, >, =, <, <= or qual"}});
  if (!is_basis(in.basis))
    e.push_back(
        {"basis", {"标准类型只能是计划标准、行业标准、历史标准或其他标准", "Unknown basis"}});
  if (utf8_length(in.unit) > 20) e.push_back({"unit", {"计量单位不超过20个字", "At most 20"}});
  if (is_nature(in.nature) && in.quantitative()) {
    if (in.unit.empty())
      e.push_back({"unit", {"定量指标请填写计量单位", "A quantitative indicator needs a unit"}});
    if (!in.recommended_value.empty() && !is_number(in.recommended_value))
      e.push_back({"recommended_value", {"定量指标的推荐值应为数字", "Must be a number"}});
  }
  if (utf8_length(in.recommended_value) > 100)
    e.push_back({"recommended_value", {"推荐值不超过100个字", "At most 100"}});
  if (utf8_length(in.method) > 500) e.push_back({"method", {"计算方法不超过500字", "At most 500"}});
  if (utf8_length(in.data_source) > 200)
    e.push_back({"data_source", {"数据来源不超过200字", "At most 200"}});
  if (in.from_year < 2000 || in.from_year > 2100)
    e.push_back({"from_year", {"起始年度应在2000到2100之间", "2000-2100"}});
  return e;
}

std::vector<FieldError> check_levels(const Indicator& in, const Tree& tree, int year) {
  std::vector<FieldError> e;
  if (in.level1.empty() || in.level2.empty()) return e;
  std::string y = std::to_string(year);
  if (tree.role_of(in.level1, "").empty())
    e.push_back({"level1",
                 {"一级指标“" + in.level1 + "”不在" + y + "年度的指标体系中", "Not in the tree"}});
  else if (tree.role_of(in.level1, in.level2).empty())
    e.push_back({"level2",
                 {"二级指标“" + in.level2 + "”不在" + y + "年度指标体系的“" + in.level1 + "”下",
                  "Not under that 一级 in the tree"}});
  return e;
}

namespace {
const std::pair<const char*, const char*> kNatures[] = {{">=", "≥"}, {">", ">"},  {"=", "="},
                                                        {"<", "<"},  {"<=", "≤"}, {"qual", "定性"}};
const std::pair<const char*, const char*> kBases[] = {
    {"plan", "计划标准"}, {"industry", "行业标准"}, {"history", "历史标准"}, {"other", "其他标准"}};
}  // namespace

std::string nature_label(const std::string& nature) {
  for (const auto& [c, l] : kNatures)
    if (nature == c) return l;
  return nature;
}

std::optional<std::string> nature_of_label(const std::string& label) {
  for (const auto& [c, l] : kNatures)
    if (label == c || label == l) return std::string(c);
  if (label == "＞") return std::string(">");
  if (label == "＜") return std::string("<");
  if (label == "＝") return std::string("=");
  return std::nullopt;
}

std::string basis_label(const std::string& basis) {
  for (const auto& [c, l] : kBases)
    if (basis == c) return l;
  return basis;
}

std::optional<std::string> basis_of_label(const std::string& label) {
  for (const auto& [c, l] : kBases)
    if (label == c || label == l) return std::string(c);
  return std::nullopt;
}

// ---------------------------------------------------------------- codes

std::string code_prefix(const std::string& sector) {
  static const std::pair<const char*, const char*> prefixes[] = {
      {"general_public", "YB"}, {"public_security", "GA"}, {"education", "JY"},
      {"science", "KJ"},        {"culture", "WH"},         {"social_security", "SB"},
      {"health", "WS"},         {"environment", "HB"},     {"urban", "CJ"},
      {"sanitation", "CG"},     {"agriculture", "NY"},     {"water", "SL"},
      {"transport", "JT"},      {"commerce", "SY"},        {"natural_resources", "ZR"},
      {"housing", "ZF"},        {"emergency", "YJ"},       {"other", "TY"}};
  for (const auto& [s, p] : prefixes)
    if (sector == s) return p;
  return "TY";
}

std::string make_code(const std::string& prefix, int64_t number) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(number));
  return prefix + "-" + buf;
}

std::optional<int64_t> code_number(const std::string& code, const std::string& prefix) {
  if (code.size() <= prefix.size() + 1 || code.compare(0, prefix.size(), prefix) != 0 ||
      code[prefix.size()] != '-')
    return std::nullopt;
  std::string digits = code.substr(prefix.size() + 1);
  if (digits.size() > 12 || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(digits);
}

// ---------------------------------------------------------------- versioning

namespace {
std::string span_of(const Indicator& row) {
  return std::to_string(row.from_year) + "年" +
         (row.to_year ? "至" + std::to_string(*row.to_year) + "年" : "起");
}
}  // namespace

EditMode decide_edit(const Indicator& row, int year) {
  if (row.status == "retired")
    throw ApiError::conflict("indicator_retired",
                             {"指标已停用，不能修改", "The indicator is retired"});
  if (row.status == "proposed" || row.status == "rejected") return EditMode::kInPlace;
  if (!row.valid_in(year))
    throw ApiError::field(
        "year", {"本版本适用于" + span_of(row) + "，修改年度" + std::to_string(year) + "不在其中",
                 "The version is not valid in that year"});
  return year == row.from_year ? EditMode::kInPlace : EditMode::kNewVersion;
}

std::optional<int> override_end(const Indicator& shipped, const std::vector<int>& county_from_years,
                                int year) {
  if (shipped.status != "active")
    throw ApiError::conflict("not_active", {"只能修改在用的指标", "Only an active indicator"});
  if (!shipped.valid_in(year))
    throw ApiError::field(
        "year", {"本版本适用于" + span_of(shipped) + "，年度" + std::to_string(year) + "不在其中",
                 "The version is not valid in that year"});
  std::optional<int> next;
  for (int from : county_from_years) {
    if (from <= year)
      throw ApiError::conflict(
          "county_version_exists",
          {"本县已有该指标自" + std::to_string(from) + "年度起的版本，请修改或停用本县的版本",
           "The county has its own version; change that one"});
    if (!next || from < *next) next = from;
  }
  if (next) return *next - 1;
  return shipped.to_year;
}

void check_retire(const Indicator& row, int year) {
  if (row.status != "active")
    throw ApiError::conflict("not_active", {"只能停用在用的指标", "Only an active indicator"});
  if (!row.valid_in(year))
    throw ApiError::field(
        "year", {"本版本适用于" + span_of(row) + "，停用年度" + std::to_string(year) + "不在其中",
                 "The version is not valid in that year"});
}

}  // namespace jx::indicators
