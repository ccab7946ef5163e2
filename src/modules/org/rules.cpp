#include "modules/org/rules.hpp"

#include "platform/util/text.hpp"

#include <algorithm>
#include <set>

namespace jx::org {

namespace {

constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgCodeWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

int alphabet_index(char c) {
  auto p = kUsccAlphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

// GB 11714 character value: digits 0–9, A=10 … Z=35; -1 otherwise.
int org_code_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

char uscc_check_char(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += alphabet_index(first17[i]) * kUsccWeights[i];
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

char org_code_check_char(std::string_view first8) {
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += org_code_value(first8[i]) * kOrgCodeWeights[i];
  int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

UsccResult check_uscc(std::string_view code) {
  if (code.size() != 18) return {UsccProblem::kLength, 0};
  for (int i = 0; i < 18; ++i)
    if (alphabet_index(code[i]) < 0) return {UsccProblem::kCharacter, i + 1};
  if (uscc_check_char(code.substr(0, 17)) != code[17]) return {UsccProblem::kCheckDigit, 18};
  if (org_code_check_char(code.substr(8, 8)) != code[16]) return {UsccProblem::kBodyCheck, 17};
  return {};
}

std::string make_uscc(std::string_view kind2, std::string_view region6, std::string_view body8) {
  std::string s;
  s.append(kind2).append(region6).append(body8);
  s.push_back(org_code_check_char(body8));
  s.push_back(uscc_check_char(s));
  return s;
}

Msg uscc_message(const UsccResult& r) {
  switch (r.problem) {
    case UsccProblem::kNone:
      return {};
    case UsccProblem::kLength:
      return {"统一社会信用代码应为18位", "The unified social credit code must have 18 characters"};
    case UsccProblem::kCharacter:
      return {"统一社会信用代码第" + std::to_string(r.position) +
                  "位字符无效（只能是数字或除 I、O、S、V、Z 外的大写字母）",
              "Invalid character at position " + std::to_string(r.position)};
    case UsccProblem::kBodyCheck:
      return {"统一社会信用代码第17位（主体标识码校验码）不正确",
              "The check character of the organization code (position 17) is wrong"};
    case UsccProblem::kCheckDigit:
      return {"统一社会信用代码第18位校验码不正确", "The check character (position 18) is wrong"};
  }
  return {};
}

std::optional<RegionLevel> region_level(std::string_view code) {
  if (!all_digits(code)) return std::nullopt;
  if (code.size() == 9)
    return code.substr(6) == "000" ? std::nullopt : std::optional(RegionLevel::kTownship);
  if (code.size() != 6 || code.substr(0, 2) == "00") return std::nullopt;
  if (code.substr(2) == "0000") return RegionLevel::kProvince;
  if (code.substr(4) == "00") return RegionLevel::kCity;
  return RegionLevel::kCounty;
}

std::string level_name(RegionLevel l) {
  switch (l) {
    case RegionLevel::kProvince:
      return "province";
    case RegionLevel::kCity:
      return "city";
    case RegionLevel::kCounty:
      return "county";
    case RegionLevel::kTownship:
      return "township";
  }
  return "";
}

std::string region_parent(std::string_view code) {
  auto l = region_level(code);
  if (!l) return "";
  switch (*l) {
    case RegionLevel::kProvince:
      return "";
    case RegionLevel::kCity:
      return std::string(code.substr(0, 2)) + "0000";
    case RegionLevel::kCounty:
      return std::string(code.substr(0, 4)) + "00";
    case RegionLevel::kTownship:
      return std::string(code.substr(0, 6));
  }
  return "";
}

std::string county_of(std::string_view region_code) {
  return std::string(region_code.substr(0, std::min<size_t>(6, region_code.size())));
}

std::string region_prefix(std::string_view code) {
  auto l = region_level(code);
  if (!l) return std::string(code);
  switch (*l) {
    case RegionLevel::kProvince:
      return std::string(code.substr(0, 2));
    case RegionLevel::kCity:
      return std::string(code.substr(0, 4));
    default:
      return std::string(code);
  }
}

bool region_within(std::string_view inner, std::string_view outer) {
  if (!region_level(inner) || !region_level(outer)) return false;
  std::string p = region_prefix(outer);
  return inner.substr(0, p.size()) == p;
}

bool is_known_kind(std::string_view kind) {
  for (const char* k : kKinds)
    if (kind == k) return true;
  return false;
}

bool is_department_kind(std::string_view kind) {
  return kind == "department" || kind == "finance_bureau" || kind == "township" ||
         kind == "dev_zone";
}

bool is_budget_kind(std::string_view kind) {
  return is_department_kind(kind) || kind == "unit";
}

bool parent_allowed(std::string_view kind, std::string_view parent_kind) {
  if (kind == "finance_office") return parent_kind == "finance_bureau";
  if (kind == "unit") return is_department_kind(parent_kind) || parent_kind == "unit";
  // departments, the bureau, townships, the zone, third parties and oversight bodies are roots
  return parent_kind.empty();
}

std::optional<Msg> check_budget_code(std::string_view kind, std::string_view code,
                                     std::string_view parent_code) {
  if (is_department_kind(kind)) {
    if (code.size() == 3 && all_digits(code)) return std::nullopt;
    return Msg{"部门的预算单位编码应为3位数字，如 101",
               "A department's budget code has 3 digits, e.g. 101"};
  }
  if (kind == "unit") {
    if (parent_code.empty())
      return Msg{"上级单位没有预算单位编码，无法为下属单位编码",
                 "The parent has no budget code to extend"};
    if (code.size() == parent_code.size() + 3 && all_digits(code) &&
        code.substr(0, parent_code.size()) == parent_code)
      return std::nullopt;
    return Msg{"单位的预算单位编码应为上级编码 " + std::string(parent_code) + " 加3位数字",
               "A unit's budget code is its parent's code " + std::string(parent_code) +
                   " followed by 3 digits"};
  }
  if (code.empty() || (code.size() >= 3 && code.size() <= 12 && all_digits(code)))
    return std::nullopt;
  return Msg{"编码应为3到12位数字", "The code has 3 to 12 digits"};
}

bool would_cycle(std::string_view node_path, std::string_view new_parent_path) {
  return !node_path.empty() && new_parent_path.substr(0, node_path.size()) == node_path;
}

bool may_deactivate(const OrgNode& node, const std::vector<OrgNode>& descendants) {
  for (const auto& d : descendants)
    if (d.id != node.id && d.status == "active" && would_cycle(node.path, d.path)) return false;
  return true;
}

std::string child_path(std::string_view parent_path, int64_t id) {
  return std::string(parent_path) + std::to_string(id) + "/";
}

bool is_scope_kind(std::string_view s) {
  for (const char* k : kScopeKinds)
    if (s == k) return true;
  return false;
}

std::vector<auth::ScopeGrant> resolve_scope(const ScopeInput& in) {
  std::vector<auth::ScopeGrant> out;
  std::set<std::string> kinds(in.scope_kinds.begin(), in.scope_kinds.end());
  auto grant = [&](auth::ScopeKind k, std::set<int64_t> ids) {
    if (ids.empty()) return;
    out.push_back({k, std::vector<int64_t>(ids.begin(), ids.end()), {}});
  };
  if (kinds.count("all")) out.push_back({auth::ScopeKind::kAll, {}, {}});
  if (!in.user_org) return out;
  const OrgNode& me = *in.user_org;
  if (kinds.count("own_unit")) grant(auth::ScopeKind::kOwnUnit, {me.id});
  if (kinds.count("own_department") && me.department_id) {
    std::set<int64_t> ids{*me.department_id};
    for (const auto& o : in.orgs)
      if (o.department_id == me.department_id) ids.insert(o.id);
    grant(auth::ScopeKind::kOwnDepartment, ids);
  }
  if (kinds.count("overseen")) {
    std::set<int64_t> depts;
    for (const auto& [office, dept] : in.oversight)
      if (office == me.id) depts.insert(dept);
    std::set<int64_t> ids = depts;
    for (const auto& o : in.orgs)
      if (o.department_id && depts.count(*o.department_id)) ids.insert(o.id);
    grant(auth::ScopeKind::kOverseen, ids);
  }
  if (kinds.count("region") && region_level(me.region_code))
    out.push_back({auth::ScopeKind::kRegion, {}, {region_prefix(me.region_code)}});
  return out;
}

// ---- name search ----

std::vector<std::string> name_grams(const std::vector<std::string>& texts) {
  std::set<std::string> out;
  for (const auto& t : texts) {
    std::vector<std::string> chars;
    for (size_t i = 0; i < t.size();) {
      unsigned char c = static_cast<unsigned char>(t[i]);
      size_t n = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 1;
      std::string ch = t.substr(i, n);
      if (n == 1 && c >= 'A' && c <= 'Z') ch[0] = static_cast<char>(c - 'A' + 'a');
      chars.push_back(ch);
      i += n;
    }
    for (size_t i = 0; i + 1 < chars.size(); ++i) out.insert(chars[i] + chars[i + 1]);
  }
  return {out.begin(), out.end()};
}

// ---- reference data ----

const std::vector<RefKind>& ref_kinds() {
  static const std::vector<RefKind> kinds = {
      {"func_class", {"支出功能分类科目", "Functional classification"}, {3, 5, 7}, true},
      {"econ_class",
       {"部门预算支出经济分类科目", "Economic classification (departments)"},
       {3, 5},
       true},
      {"gov_econ_class",
       {"政府预算支出经济分类科目", "Economic classification (government)"},
       {3, 5},
       true},
      {"budget_type", {"预算类型（四本预算）", "Budget types"}, {}, false},
      {"project_category", {"项目类别", "Project categories"}, {}, true},
      {"sector", {"行业领域", "Sectors"}, {}, false},
      {"special_tag", {"专项领域标签", "Special-domain tags"}, {}, false},
      {"funding_source", {"资金来源", "Funding sources"}, {}, false},
  };
  return kinds;
}

const RefKind* find_ref_kind(std::string_view kind) {
  for (const auto& k : ref_kinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

namespace {

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}

bool named_code(const std::string& s) {
  if (s.size() < 2 || s.size() > 32 || s[0] < 'a' || s[0] > 'z') return false;
  for (char ch : s)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  return true;
}

}  // namespace

RefCodeCheck check_ref_code(const RefKind& kind, const std::string& code,
                            const std::string& parent_code) {
  RefCodeCheck r;
  if (kind.level_lengths.empty()) {
    if (!named_code(code)) {
      r.code_error = Msg{"编码应为2到32位小写字母、数字或下划线，以字母开头",
                         "2-32 lowercase letters, digits or _, starting with a letter"};
      return r;
    }
    if (parent_code.empty()) {
      r.level = 1;
    } else if (parent_code == code || !named_code(parent_code)) {
      r.parent_error = Msg{"上级编码不正确", "Invalid parent code"};
    } else {
      r.level = 2;
    }
    return r;
  }
  std::string lengths;
  for (size_t i = 0; i < kind.level_lengths.size(); ++i)
    lengths += (i ? "、" : "") + std::to_string(kind.level_lengths[i]);
  size_t level = 0;
  for (size_t i = 0; i < kind.level_lengths.size(); ++i)
    if (code.size() == kind.level_lengths[i]) level = i + 1;
  if (!all_digits(code) || level == 0) {
    r.code_error = Msg{"编码应为 " + lengths + " 位数字", "The code has " + lengths + " digits"};
    return r;
  }
  if (level == 1) {
    if (!parent_code.empty())
      r.parent_error = Msg{"第一级科目没有上级编码", "A top-level item has no parent"};
  } else {
    std::string expected = code.substr(0, kind.level_lengths[level - 2]);
    if (parent_code != expected)
      r.parent_error = Msg{"上级编码应为“" + expected + "”（编码的前 " +
                               std::to_string(kind.level_lengths[level - 2]) + " 位）",
                           "The parent code must be " + expected};
  }
  if (!r.parent_error) r.level = static_cast<int>(level);
  return r;
}

std::optional<Msg> check_ref_name(const std::string& name) {
  for (unsigned char ch : name)
    if (ch < 0x20 || ch == 0x7F) return Msg{"名称不能含控制字符", "No control characters"};
  size_t n = utf8_length(name);
  if (n < 1 || n > 60) return Msg{"名称为1到60个字", "The name has 1 to 60 characters"};
  return std::nullopt;
}

bool is_year_state(std::string_view state) {
  for (const char* s : kYearStates)
    if (state == s) return true;
  return false;
}

Msg year_state_name(std::string_view state) {
  if (state == "planning") return {"编制中", "Planning"};
  if (state == "executing") return {"执行中", "Executing"};
  if (state == "closed") return {"已决算", "Closed"};
  return {std::string(state), std::string(state)};
}

std::string next_year_state(std::string_view state) {
  if (state == "planning") return "executing";
  if (state == "executing") return "closed";
  return "";
}

}  // namespace jx::org
