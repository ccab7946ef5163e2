#include "modules/projects/service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "modules/projects/rules.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/docx/document.hpp"
#include "platform/files/files.hpp"
#include "platform/settings.hpp"
#include "platform/util/money.hpp"
#include "platform/util/text.hpp"

namespace jx::projects {

namespace json = boost::json;

namespace {

constexpr int kMaxSpan = 10;  // years of an implementation period

std::string now_of(const Clock& clock) {
  return format_utc(clock.now());
}

json::value opt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value x100(const std::optional<int64_t>& v) {
  if (!v) return nullptr;
  return json::value(static_cast<double>(*v) / 100.0);
}

json::value parse_or(const std::string& text, json::value fallback) {
  std::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? fallback : v;
}

}  // namespace

const std::vector<std::pair<std::string, Msg>>& project_states() {
  static const std::vector<std::pair<std::string, Msg>> s = {
      {"draft", {"草稿", "Draft"}},
      {"submitted", {"已申报", "Submitted"}},
      {"reviewing", {"评估评审中", "Under review"}},
      {"in_library", {"已入库", "In the library"}},
      {"returned", {"退回调整", "Returned"}},
      {"rejected", {"未入库", "Not admitted"}},
      {"budgeted", {"已纳入预算", "Budgeted"}},
      {"executing", {"执行中", "Executing"}},
      {"completed", {"已完成", "Completed"}},
      {"exited", {"已退出", "Exited"}},
  };
  return s;
}

namespace {

Msg state_name(const std::string& state) {
  for (const auto& [code, name] : project_states())
    if (code == state) return name;
  return {state, state};
}

void audit_project(const Env& e, const char* action, const Project& p, json::value before,
                   json::value after) {
  audit::append(
      e.tx, e.clock, e.who.actor,
      {action, "project", std::to_string(p.id), "success", std::move(before), std::move(after)});
}

// The principal a workflow step runs as: the service has already checked scope or assignment,
// so the step sees every instance.
auth::Principal step_principal(const Caller& who) {
  auth::Principal p = who.principal;
  p.scope = auth::Scope::all();
  return p;
}

void step(const Env& e, const Project& p, const std::string& action, const std::string& comment) {
  workflow::transition(e.tx, e.workflows, kDocType, std::to_string(p.id), action, comment,
                       step_principal(e.who), e.who.actor, e.clock);
}

Project must_see(const Env& e, int64_t id) {
  auto p = store::find_visible(e.tx, id, e.who.viewer);
  if (!p) throw ApiError::not_found({"项目不存在或无权访问", "Project not found"});
  return *p;
}

// The applying side may change the project: it is in the caller's own org scope (not merely an
// assignment) and the caller holds projects.apply.
Project must_own(const Env& e, int64_t id) {
  store::Viewer own = e.who.viewer;  // the org scope alone, without assignments
  own.user_id = -1;
  own.org_id = -1;
  if (e.who.principal.can("projects.apply"))
    if (auto p = store::find_visible(e.tx, id, own)) return *p;
  must_see(e, id);  // 404 when the caller cannot see it at all
  throw ApiError::forbidden({"只有申报单位可以修改本项目", "Only the applying unit may"});
}

int64_t sum_amounts(const std::vector<Amount>& a) {
  int64_t s = 0;
  for (const auto& x : a) s += x.requested_fen;
  return s;
}

int64_t bond_amount(const Project& p) {
  int64_t s = 0;
  for (const auto& a : p.amounts)
    if (a.source == "special_bond") s += a.requested_fen;
  if (s == 0 && std::find(p.tags.begin(), p.tags.end(), "special_bond") != p.tags.end()) s = 1;
  return s;
}

// Format checks that hold for a draft too; the complete checks run at submission.
void check_fields(db::Conn& c, const Project& p, bool complete, std::vector<FieldError>& e) {
  size_t n = utf8_length(p.name);
  if (n < 2 || n > 100) e.push_back({"name", {"项目名称为2到100个字", "2-100 characters"}});
  auto ref = [&](const char* field, const char* kind, const std::string& code, const char* label,
                 int year) {
    if (code.empty()) {
      if (complete) e.push_back({field, {std::string("请选择") + label, "Required"}});
      return;
    }
    if (org::ref_name(c, kind, code, year).empty())
      e.push_back({field,
                   {std::string(label) + "“" + code + "”不在参考数据中" +
                        (year ? "（" + std::to_string(year) + "年度）" : ""),
                    "Not in the reference data"}});
  };
  int year = p.start_year;
  ref("category", "project_category", p.category, "项目类别", 0);
  ref("budget_type", "budget_type", p.budget_type, "预算类型", 0);
  ref("func_class", "func_class", p.func_class, "支出功能分类", year > 0 ? year : 0);
  ref("sector", "sector", p.sector, "行业领域", 0);
  if (!p.func_class.empty() && p.func_class.size() < 5)
    e.push_back({"func_class", {"支出功能分类请选到款或项", "Choose a 款 or 项"}});
  for (size_t i = 0; i < p.tags.size(); ++i)
    if (org::ref_name(c, "special_tag", p.tags[i], 0).empty())
      e.push_back({"tags." + std::to_string(i), {"专项领域标签不正确", "Unknown tag"}});
  if (p.kind != "project" && p.kind != "policy")
    e.push_back({"kind", {"应为项目或政策", "project or policy"}});
  if (p.start_year < 2000 || p.start_year > 2100)
    e.push_back({"start_year", {"起始年度应在2000到2100之间", "2000-2100"}});
  if (p.end_year < p.start_year || p.end_year > 2100)
    e.push_back({"end_year", {"结束年度不能早于起始年度", "Not before the start"}});
  else if (p.end_year - p.start_year + 1 > kMaxSpan)
    e.push_back({"end_year", {"实施周期不超过10年", "At most 10 years"}});
  std::set<std::pair<int, std::string>> seen;
  for (size_t i = 0; i < p.amounts.size(); ++i) {
    const auto& a = p.amounts[i];
    std::string f = "amounts." + std::to_string(i);
    if (a.year < p.start_year || a.year > p.end_year)
      e.push_back({f + ".year", {"年度应在实施周期内", "Within the implementation period"}});
    if (org::ref_name(c, "funding_source", a.source, 0).empty())
      e.push_back({f + ".source", {"资金来源不正确", "Unknown funding source"}});
    if (a.requested_fen < 0 || a.requested_fen > 1000000000000000LL)
      e.push_back({f + ".requested_fen", {"申请金额不能为负数", "Must not be negative"}});
    if (!seen.insert({a.year, a.source}).second)
      e.push_back({f, {"同一年度同一资金来源只填一行", "One row per year and source"}});
  }
  if (utf8_length(p.description) > 5000)
    e.push_back({"description", {"项目概述不超过5000字", "At most 5000 characters"}});
  if (utf8_length(p.basis) > 2000) e.push_back({"basis", {"立项依据不超过2000字", "At most 2000"}});
  if (utf8_length(p.contact) > 40) e.push_back({"contact", {"联系人不超过40个字", "At most 40"}});
  if (p.phone.size() > 20) e.push_back({"phone", {"联系电话不超过20位", "At most 20"}});
  if (complete) {
    if (p.amounts.empty() || sum_amounts(p.amounts) <= 0)
      e.push_back({"amounts", {"请填写各年度的申请金额", "Enter the requested amounts"}});
    if (utf8_length(p.description) < 10)
      e.push_back({"description", {"请填写项目概述（至少10个字）", "Describe the project"}});
    if (p.contact.empty()) e.push_back({"contact", {"请填写联系人", "Required"}});
    if (p.phone.empty()) e.push_back({"phone", {"请填写联系电话", "Required"}});
  }
}

void apply(Project& p, const ProjectInput& in) {
  if (in.name) p.name = *in.name;
  if (in.category) p.category = *in.category;
  if (in.kind) p.kind = *in.kind;
  if (in.budget_type) p.budget_type = *in.budget_type;
  if (in.func_class) p.func_class = *in.func_class;
  if (in.sector) p.sector = *in.sector;
  if (in.description) p.description = *in.description;
  if (in.basis) p.basis = *in.basis;
  if (in.contact) p.contact = *in.contact;
  if (in.phone) p.phone = *in.phone;
  if (in.tags) p.tags = *in.tags;
  if (in.is_new) p.is_new = *in.is_new;
  if (in.continuing_after_expiry) p.continuing_after_expiry = *in.continuing_after_expiry;
  if (in.start_year) p.start_year = *in.start_year;
  if (in.end_year) p.end_year = *in.end_year;
  if (in.amounts) p.amounts = *in.amounts;
  p.requested_total_fen = sum_amounts(p.amounts);
}

json::value scheme_json(const Scheme& s) {
  json::array dims;
  for (const auto& d : s.dimensions) {
    json::array items;
    for (const auto& i : d.items)
      items.push_back(json::object{{"code", i.code},
                                   {"name", i.name},
                                   {"points", static_cast<double>(i.points_x100) / 100.0},
                                   {"guidance", i.guidance}});
    dims.push_back(json::object{{"code", d.code},
                                {"name", d.name},
                                {"veto", d.veto},
                                {"points", static_cast<double>(d.points_x100()) / 100.0},
                                {"items", items}});
  }
  return json::object{
      {"dimensions", dims},
      {"scale", json::object{{"优", s.scale.excellent},
                             {"良", s.scale.good},
                             {"中", s.scale.fair},
                             {"差", s.scale.poor}}},
      {"cutoffs", json::object{{"support", static_cast<double>(s.cutoffs.support_x100) / 100.0},
                               {"adjust", static_cast<double>(s.cutoffs.adjust_x100) / 100.0}}}};
}

int64_t points_x100(const json::value& v) {
  if (v.is_int64()) return v.as_int64() * 100;
  if (v.is_uint64()) return static_cast<int64_t>(v.as_uint64()) * 100;
  if (v.is_double())
    return money::div_round_half_up(static_cast<__int128>(v.as_double() * 1000), 10);
  throw std::invalid_argument("points");
}

Scheme scheme_of(const json::value& v) {
  Scheme s;
  const auto& o = v.as_object();
  for (const auto& dv : o.at("dimensions").as_array()) {
    const auto& d = dv.as_object();
    Dimension dim;
    dim.code = d.at("code").as_string();
    dim.name = d.at("name").as_string();
    dim.veto = d.contains("veto") && d.at("veto").is_bool() && d.at("veto").as_bool();
    for (const auto& iv : d.at("items").as_array()) {
      const auto& i = iv.as_object();
      SubItem item;
      item.code = i.at("code").as_string();
      item.name = i.at("name").as_string();
      item.points_x100 = points_x100(i.at("points"));
      if (auto* g = i.if_contains("guidance"); g && g->is_string()) item.guidance = g->as_string();
      dim.items.push_back(std::move(item));
    }
    s.dimensions.push_back(std::move(dim));
  }
  if (auto* sc = o.if_contains("scale"); sc && sc->is_object()) {
    const auto& m = sc->as_object();
    auto pct = [&](const char* k, int fallback) {
      auto* x = m.if_contains(k);
      return x && x->is_int64() ? static_cast<int>(x->as_int64()) : fallback;
    };
    s.scale = {pct("优", 100), pct("良", 80), pct("中", 60), pct("差", 30)};
  }
  if (auto* c = o.if_contains("cutoffs"); c && c->is_object())
    s.cutoffs = {points_x100(c->as_object().at("support")),
                 points_x100(c->as_object().at("adjust"))};
  return s;
}

// The scheme a case was opened with (its snapshot of the setting).
Scheme scheme_of(const Case& k) {
  return scheme_of(json::parse(k.scheme_json));
}

}  // namespace

Caller caller_of(const auth::Principal& p, const audit::Actor& actor) {
  Caller c;
  c.viewer.scope = org::org_scope(p);
  c.viewer.user_id = p.user_id;
  c.viewer.org_id = p.org_id;
  c.viewer.sees_drafts = p.can("projects.apply");
  c.principal = p;
  c.actor = actor;
  return c;
}

// ---------------------------------------------------------------- settings

PreassessRule preassess_rule(db::Conn& c, const std::string& region_code, int year) {
  PreassessRule r;
  auto s = settings::get(c, "projects.preassess_rule", org::county_of(region_code), year);
  if (!s || !s->value.is_object()) return r;
  const auto& o = s->value.as_object();
  auto num = [&](const char* k, int64_t& out) {
    if (auto* v = o.if_contains(k); v && v->is_int64()) out = v->as_int64();
  };
  auto flag = [&](const char* k, bool& out) {
    if (auto* v = o.if_contains(k); v && v->is_bool()) out = v->as_bool();
  };
  num("investment_threshold_fen", r.investment_threshold_fen);
  num("operating_threshold_fen", r.operating_threshold_fen);
  flag("special_bond_always", r.special_bond_always);
  flag("continuing_policies", r.continuing_policies);
  return r;
}

Scheme preassess_scheme(db::Conn& c, const std::string& region_code, int year, int* version) {
  auto s = settings::get(c, "projects.preassess_scheme", org::county_of(region_code), year);
  Scheme scheme = default_scheme();
  if (version) *version = 0;
  if (s && s->value.is_object()) {
    try {
      scheme = scheme_of(s->value);
      if (version) *version = s->version;
    } catch (const std::exception&) {
      scheme = default_scheme();  // a malformed stored scheme is refused on write; keep going
    }
  }
  if (auto cut = settings::get(c, "projects.preassess_cutoffs", org::county_of(region_code), year);
      cut && cut->value.is_object()) {
    const auto& o = cut->value.as_object();
    if (o.contains("support") && o.contains("adjust"))
      scheme.cutoffs = {points_x100(o.at("support")), points_x100(o.at("adjust"))};
  }
  return scheme;
}

// ---------------------------------------------------------------- settings endpoints

namespace {

const char* setting_key(const std::string& key) {
  if (key == "preassess_rule") return "projects.preassess_rule";
  if (key == "preassess_scheme") return "projects.preassess_scheme";
  if (key == "preassess_cutoffs") return "projects.preassess_cutoffs";
  throw ApiError::not_found({"没有这项设置", "No such setting"});
}

json::value default_value(const std::string& key) {
  PreassessRule r;
  if (key == "preassess_rule")
    return json::object{{"investment_threshold_fen", r.investment_threshold_fen},
                        {"operating_threshold_fen", r.operating_threshold_fen},
                        {"special_bond_always", r.special_bond_always},
                        {"continuing_policies", r.continuing_policies}};
  Scheme s = default_scheme();
  if (key == "preassess_scheme") return scheme_json(s);
  return json::object{{"support", 80}, {"adjust", 60}};
}

// The value checked; every problem as a field error under "value".
void check_setting(const std::string& key, const json::value& v) {
  std::vector<FieldError> e;
  auto bad = [&](const std::string& f, Msg m) {
    e.push_back({"value" + (f.empty() ? "" : "." + f), std::move(m)});
  };
  if (!v.is_object()) throw ApiError::field("value", {"设置值应为对象", "Must be an object"});
  const auto& o = v.as_object();
  if (key == "preassess_rule") {
    for (const char* k : {"investment_threshold_fen", "operating_threshold_fen"}) {
      auto* x = o.if_contains(k);
      if (!x || !x->is_int64() || x->as_int64() < 0)
        bad(k, {"评估金额标准应为不小于0的金额（分）", "A non-negative amount in fen"});
    }
    for (const char* k : {"special_bond_always", "continuing_policies"}) {
      auto* x = o.if_contains(k);
      if (!x || !x->is_bool()) bad(k, {"应为是或否", "Must be true or false"});
    }
  } else if (key == "preassess_scheme") {
    try {
      for (const auto& m : check_scheme(scheme_of(v))) bad("", m);
    } catch (const std::exception&) {
      bad("", {"评分方案格式不正确：应有 dimensions（每个含 code、name、items），items 含 "
               "code、name、points",
               "dimensions with code, name and items (code, name, points)"});
    }
  } else {
    auto num = [&](const char* k) -> std::optional<int64_t> {
      auto* x = o.if_contains(k);
      if (!x || !(x->is_int64() || x->is_double())) return std::nullopt;
      return points_x100(*x);
    };
    auto sup = num("support"), adj = num("adjust");
    if (!sup || !adj || *adj <= 0 || *adj > *sup || *sup > 10000)
      bad("", {"结论分数线应满足 0 < 调整完善线 ≤ 支持线 ≤ 100", "0 < adjust ≤ support ≤ 100"});
  }
  if (!e.empty()) throw ApiError::validation(e);
}

}  // namespace

json::object get_setting(db::Conn& c, const Caller& who, const std::string& key, int year) {
  const char* full = setting_key(key);
  std::string county = org::caller_county(c, who.principal);
  // The value in force (this year's own, else the county's general one, else the default) and
  // the version of the row a PUT for this year writes (0: none yet).
  auto in_force = settings::get(c, full, county, year);
  auto own = settings::get_exact(c, full, county, year);
  return {{"key", key},
          {"region_code", county},
          {"year", year},
          {"value", in_force ? in_force->value : default_value(key)},
          {"version", own ? own->version : 0},
          {"inherited", !own},
          {"default", !in_force}};
}

json::object put_setting(Env e, const std::string& key, int year, const json::value& value,
                         int version) {
  if (!e.who.principal.can("projects.settings")) throw ApiError::forbidden();
  const char* full = setting_key(key);
  if (year != 0 && (year < 2000 || year > 2100))
    throw ApiError::field("year", {"年度应为0（各年度通用）或2000到2100之间", "0 or 2000-2100"});
  check_setting(key, value);
  std::string county = org::caller_county(e.tx, e.who.principal);
  int v = settings::put(e.tx, e.clock, full, value, version, e.who.principal.user_id, county, year);
  audit::append(e.tx, e.clock, e.who.actor,
                {"settings.put", "setting", county + ":" + std::to_string(year) + ":" + full,
                 "success", nullptr, json::object{{"value", value}, {"version", v}}});
  return get_setting(e.tx, e.who, key, year);
}

// ---------------------------------------------------------------- reads

json::object project_json(db::Conn& c, const Project& p, bool detail, Lang lang) {
  json::array amounts, tags, reasons;
  for (const auto& a : p.amounts)
    amounts.push_back(
        json::object{{"year", a.year}, {"source", a.source}, {"requested_fen", a.requested_fen}});
  for (const auto& t : p.tags) tags.emplace_back(t);
  for (const auto& r : p.preassess_reasons) reasons.emplace_back(r);
  json::object o{
      {"id", p.id},
      {"code", p.code.empty() ? json::value(nullptr) : json::value(p.code)},
      {"name", p.name},
      {"org_id", p.org_id},
      {"org_name", p.org_name},
      {"department_id", p.department_id},
      {"region_code", p.region_code},
      {"category", p.category},
      {"kind", p.kind},
      {"budget_type", p.budget_type},
      {"func_class", p.func_class},
      {"sector", p.sector},
      {"tags", tags},
      {"is_new", p.is_new},
      {"continuing_after_expiry", p.continuing_after_expiry},
      {"start_year", p.start_year},
      {"end_year", p.end_year},
      {"description", p.description},
      {"basis", p.basis},
      {"contact", p.contact},
      {"phone", p.phone},
      {"amounts", amounts},
      {"requested_total_fen", p.requested_total_fen},
      {"state", p.state},
      {"state_name", pick(state_name(p.state), lang)},
      {"preassess",
       json::object{{"required", p.preassess_required ? json::value(*p.preassess_required)
                                                      : json::value(nullptr)},
                    {"reasons", reasons}}},
      {"conclusion", p.conclusion.empty() ? json::value(nullptr) : json::value(p.conclusion)},
      {"approved_fen", opt(p.approved_fen)},
      {"library_year", p.library_year ? json::value(*p.library_year) : json::value(nullptr)},
      {"submitted_at", p.submitted_at.empty() ? json::value(nullptr) : json::value(p.submitted_at)},
      {"version", p.version},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at}};
  if (detail) {
    json::array atts, budgets;
    for (const auto& a : store::attachments(c, p.id))
      atts.push_back(json::object{{"id", a.id},
                                  {"name", a.name},
                                  {"kind", a.kind},
                                  {"size", a.size},
                                  {"content_type", a.content_type},
                                  {"uploaded_at", a.uploaded_at}});
    for (const auto& b : store::budgets(c, p.id))
      budgets.push_back(
          json::object{{"year", b.year}, {"approved_fen", b.approved_fen}, {"at", b.set_at}});
    json::array history;
    auto steps = workflow::history(c, kDocType, std::to_string(p.id));
    for (const auto& h : steps) history.push_back(workflow::history_json(h));
    o["attachments"] = atts;
    o["budgets"] = budgets;
    // The reason the project is where it is (a return or rejection opinion), as in the list.
    json::value reason = nullptr;
    if (!steps.empty() && steps.back().to_state == p.state && !steps.back().comment.empty())
      reason = json::value(steps.back().comment);
    o["state_comment"] = reason;
    o["history"] = history;
  }
  return o;
}

std::optional<Project> find_project(db::Conn& c, int64_t id) {
  return store::find(c, id);
}

Project visible_project(db::Conn& c, const Caller& who, int64_t id) {
  auto p = store::find_visible(c, id, who.viewer);
  if (!p) throw ApiError::not_found({"项目不存在或无权访问", "Project not found"});
  return *p;
}

json::object list_projects(db::Conn& c, const Caller& who, const ProjectFilter& f, const Page& page,
                           Lang lang) {
  int64_t total = 0;
  json::array items;
  auto rows = store::list(c, who.viewer, f, page, &total);
  std::vector<std::string> ids;
  for (const auto& p : rows) ids.push_back(std::to_string(p.id));
  auto comments = workflow::state_comments(c, kDocType, ids);
  std::vector<int64_t> pids;
  for (const auto& p : rows) pids.push_back(p.id);
  auto amounts = store::amounts_of(c, pids);
  for (auto& p : rows) {
    p.amounts = amounts[p.id];
    auto o = project_json(c, p, false, lang);
    auto it = comments.find(std::to_string(p.id));
    o["state_comment"] = it == comments.end() ? json::value(nullptr) : json::value(it->second);
    items.push_back(std::move(o));
  }
  return {{"items", items}, {"total", total}};
}

xlsx::Table export_projects(db::Conn& c, const Caller& who, const ProjectFilter& f) {
  xlsx::Table t{"项目库",
                {"项目编码",       "项目名称",       "申报单位",     "项目类别",  "预算类型",
                 "支出功能分类",   "行业领域",       "起始年度",     "结束年度",  "申请金额(万元)",
                 "状态",           "需事前评估",     "评估评审结论", "综合得分",  "评审轮次",
                 "送审金额(万元)", "审定金额(万元)", "审减额(万元)", "审减率(%)", "结论意见"},
                {18, 36, 26, 10, 14, 12, 12, 8, 8, 14, 10, 10, 18, 10, 8, 14, 14, 14, 10, 40},
                {}};
  std::map<std::pair<std::string, std::string>, std::string> names;
  auto name = [&](const char* kind, const std::string& code) {
    auto key = std::make_pair(std::string(kind), code);
    auto it = names.find(key);
    if (it == names.end()) it = names.emplace(key, org::ref_name(c, kind, code, 0)).first;
    return it->second.empty() ? code : it->second;
  };
  for (const auto& p : store::list(c, who.viewer, f, std::nullopt, nullptr)) {
    std::string conclusion = p.conclusion == "support"  ? "予以支持"
                             : p.conclusion == "adjust" ? "建议调整完善后予以支持"
                             : p.conclusion == "reject" ? "不予支持"
                                                        : "";
    t.rows.push_back({p.code, p.name, p.org_name, name("project_category", p.category),
                      name("budget_type", p.budget_type), p.func_class, name("sector", p.sector),
                      std::to_string(p.start_year), std::to_string(p.end_year),
                      money::format_fen_wan(p.requested_total_fen),
                      pick(state_name(p.state), Lang::kZh),
                      !p.preassess_required   ? ""
                      : *p.preassess_required ? "是"
                                              : "否",
                      conclusion});
    // The latest case's assessment and review (the results the bureau reports).
    auto cases = store::cases_of(c, p.id);
    const Case* k = cases.empty() ? nullptr : &cases.back();
    auto wan = [](const std::optional<int64_t>& v) {
      return v ? money::format_fen_wan(*v) : std::string();
    };
    auto& row = t.rows.back();
    row.push_back(k && k->combined_x100 ? money::format_x100(*k->combined_x100) : "");
    row.push_back(k ? std::to_string(k->round) : "");
    row.push_back(k ? wan(k->submitted_fen) : "");
    row.push_back(p.approved_fen ? money::format_fen_wan(*p.approved_fen)
                                 : (k ? wan(k->approved_fen) : ""));
    row.push_back(k ? wan(k->cut_fen) : "");
    row.push_back(k && k->cut_rate_x100 && k->submitted_fen ? money::format_x100(*k->cut_rate_x100)
                                                            : "");
    row.push_back(k ? k->opinion : "");
  }
  return t;
}

json::object project_detail(db::Conn& c, const Caller& who, int64_t id, Lang lang) {
  Project p = visible_project(c, who, id);
  json::object o = project_json(c, p, true, lang);
  json::array cases;
  for (const auto& k : store::cases_of(c, id)) cases.push_back(case_json(c, k, who, lang));
  o["cases"] = cases;
  return o;
}

json::object case_json(db::Conn& c, const Case& k, const Caller& who, Lang lang,
                       const json::array* rounds) {
  bool reviewer = who.principal.can("projects.review");
  bool concluded = k.state == "returned" || k.state == "closed";
  json::array experts;
  for (const auto& x : k.experts) {
    bool own = x.user_id && *x.user_id == who.principal.user_id;
    json::object e{{"expert_id", x.expert_id},
                   {"user_id", opt(x.user_id)},
                   {"name", x.name},
                   {"submitted", !x.submitted_at.empty()},
                   {"submitted_at",
                    x.submitted_at.empty() ? json::value(nullptr) : json::value(x.submitted_at)},
                   {"round", x.round}};
    // An expert sees only their own sheet until the case concludes; reviewers see all.
    if (reviewer || own || concluded) {
      e["sheet"] = parse_or(x.sheet_json, json::object{});
      e["dimensions"] = parse_or(x.dimensions_json, json::object{});
      e["total"] = x100(x.total_x100);
      e["veto"] = x.veto;
      e["veto_reason"] = x.veto_reason;
      e["opinion"] = x.opinion;
    }
    experts.push_back(std::move(e));
  }
  json::array lines, reviewers;
  for (const auto& l : k.lines)
    lines.push_back(json::object{{"item", l.item},
                                 {"submitted_fen", l.submitted_fen},
                                 {"approved_fen", l.approved_fen},
                                 {"reason", l.reason}});
  for (int64_t u : k.reviewer_user_ids) reviewers.push_back(u);
  json::object o{
      {"id", k.id},
      {"project_id", k.project_id},
      {"round", k.round},
      {"state", k.state},
      {"preassess_required", k.preassess_required},
      {"lead_user_id", opt(k.lead_user_id)},
      {"reviewer_user_ids", reviewers},
      {"third_party_org_id", opt(k.third_party_org_id)},
      {"experts", experts},
      {"scheme", parse_or(k.scheme_json, nullptr)},
      {"scheme_version", k.scheme_version},
      {"review", json::object{{"lines", lines},
                              {"submitted_fen", opt(k.submitted_fen)},
                              {"approved_fen", opt(k.approved_fen)},
                              {"cut_fen", opt(k.cut_fen)},
                              {"cut_rate", x100(k.cut_rate_x100)}}},
      {"combined", x100(k.combined_x100)},
      {"veto", k.veto},
      {"veto_reason", k.veto_reason},
      {"conclusion", k.conclusion.empty() ? json::value(nullptr) : json::value(k.conclusion)},
      {"conclusion_name",
       k.conclusion.empty()        ? json::value(nullptr)
       : k.conclusion == "support" ? json::value(pick(conclusion_name(Conclusion::kSupport), lang))
       : k.conclusion == "adjust"  ? json::value(pick(conclusion_name(Conclusion::kAdjust), lang))
                                   : json::value(pick(conclusion_name(Conclusion::kReject), lang))},
      {"opinion", k.opinion},
      {"created_at", k.created_at},
      {"updated_at", k.updated_at},
      {"concluded_at", k.concluded_at.empty() ? json::value(nullptr) : json::value(k.concluded_at)},
      {"version", k.version}};
  if (k.combined_x100) o["band"] = score_band(*k.combined_x100);
  o["rounds"] = rounds ? *rounds : store::rounds_of(c, k.id);
  return o;
}

json::object case_reviewers(db::Conn& c, const Caller& who) {
  const std::string county = org::caller_county(c, who.principal);
  json::array items;
  std::map<int64_t, std::optional<org::Organization>> orgs;
  for (const auto& u : auth::users_with_permission(c, "projects.review")) {
    if (u.org_id <= 0) continue;
    auto [it, fresh] = orgs.try_emplace(u.org_id);
    if (fresh) it->second = org::get_org(c, auth::Scope::all(), u.org_id);
    const auto& o = *it->second;
    if (org::county_of(o.region_code) != county) continue;
    items.push_back(json::object{{"id", u.id}, {"name", u.display_name}, {"org_name", o.name}});
  }
  const auto n = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", n}};
}

json::object list_case_items(db::Conn& c, const Caller& who, const std::string& state,
                             const Page& page, Lang lang) {
  bool experts_only = !who.principal.can("projects.review");
  int64_t total = 0;
  json::array items;
  auto list = store::list_cases(c, who.viewer, experts_only, state, page, &total);
  std::vector<int64_t> pids, case_ids;
  for (const auto& item : list) {
    pids.push_back(item.p.id);
    case_ids.push_back(item.c.id);
  }
  auto amounts = store::amounts_of(c, pids);
  auto rounds = store::rounds_of(c, case_ids);
  for (const auto& item : list) {
    json::object o = case_json(c, item.c, who, lang, &rounds[item.c.id]);
    Project p = item.p;
    p.amounts = amounts[p.id];
    o["project"] = project_json(c, p, false, lang);
    items.push_back(std::move(o));
  }
  return {{"items", items}, {"total", total}};
}

namespace {

// A case the caller may work on: reviewers through the project's visibility, experts only
// when assigned to it.
Case must_see_case(db::Conn& c, const Caller& who, int64_t case_id, Project* project = nullptr) {
  auto k = store::find_case(c, case_id);
  const ApiError missing = ApiError::not_found({"任务不存在或无权访问", "Case not found"});
  if (!k) throw missing;
  bool assigned_expert = std::any_of(k->experts.begin(), k->experts.end(), [&](const ExpertRow& x) {
    return x.user_id && *x.user_id == who.principal.user_id;
  });
  auto p = store::find_visible(c, k->project_id, who.viewer);
  if (!p) throw missing;
  if (!who.principal.can("projects.review") && !assigned_expert) throw missing;
  if (project) *project = *p;
  return *k;
}

}  // namespace

json::object case_detail(db::Conn& c, const Caller& who, int64_t case_id, Lang lang) {
  Project p;
  Case k = must_see_case(c, who, case_id, &p);
  json::object o = case_json(c, k, who, lang);
  o["project"] = project_json(c, p, true, lang);
  return o;
}

// ---------------------------------------------------------------- statistics

json::object project_stats(db::Conn& c, const Caller& who, int year, const std::string& region_code,
                           Lang lang) {
  auto rows = store::stat_rows(c, who.viewer, region_code, year);
  struct Sum {
    int64_t count = 0, submitted = 0, approved = 0;
    std::map<std::string, int64_t> by_conclusion;
  };
  auto json_of = [](const std::string& key, const std::string& name, const Sum& s) {
    ReviewTotals t = review_totals({{"", s.submitted, s.approved, ""}});
    return json::object{{"key", key},
                        {"name", name},
                        {"count", s.count},
                        {"submitted_fen", s.submitted},
                        {"approved_fen", s.approved},
                        {"cut_fen", t.cut_fen},
                        {"cut_rate", static_cast<double>(t.cut_rate_x100) / 100.0}};
  };
  Sum assessed, reviewed;
  std::map<std::string, Sum> a_sector, r_sector;
  std::map<int64_t, std::pair<std::string, Sum>> r_dept;
  for (const auto& r : rows) {
    reviewed.count += 1;
    reviewed.submitted += r.submitted_fen;
    reviewed.approved += r.approved_fen;
    auto& rs = r_sector[r.sector];
    rs.count += 1;
    rs.submitted += r.submitted_fen;
    rs.approved += r.approved_fen;
    auto& rd = r_dept[r.department_id];
    rd.first = r.department_name;
    rd.second.count += 1;
    rd.second.submitted += r.submitted_fen;
    rd.second.approved += r.approved_fen;
    if (r.preassess) {
      assessed.count += 1;
      assessed.by_conclusion[r.first_conclusion] += 1;
      auto& as = a_sector[r.sector];
      as.count += 1;
      as.by_conclusion[r.first_conclusion] += 1;
    }
  }
  auto sector_name = [&](const std::string& code) {
    std::string n = org::ref_name(c, "sector", code, 0);
    return n.empty() ? (code.empty() ? std::string("未分类") : code) : n;
  };
  auto conclusions = [&](const Sum& s) {
    json::object o;
    for (const char* k : {"support", "adjust", "reject"}) {
      auto it = s.by_conclusion.find(k);
      o[k] = it == s.by_conclusion.end() ? 0 : it->second;
    }
    return o;
  };
  json::array a_by_sector, r_by_sector, r_by_dept;
  for (const auto& [code, s] : a_sector)
    a_by_sector.push_back(json::object{{"key", code},
                                       {"name", sector_name(code)},
                                       {"count", s.count},
                                       {"by_conclusion", conclusions(s)}});
  for (const auto& [code, s] : r_sector) r_by_sector.push_back(json_of(code, sector_name(code), s));
  for (const auto& [id, d] : r_dept)
    r_by_dept.push_back(json_of(std::to_string(id), d.first, d.second));
  json::object a{{"total", assessed.count},
                 {"sectors", static_cast<int64_t>(a_sector.size())},
                 {"by_conclusion", conclusions(assessed)},
                 {"by_sector", a_by_sector}};
  json::object rv = json_of("", "", reviewed);
  rv.erase("key");
  rv.erase("name");
  rv["total"] = rv["count"];
  rv.erase("count");
  rv["by_sector"] = r_by_sector;
  rv["by_department"] = r_by_dept;
  (void)lang;
  return {{"year", year}, {"region_code", region_code}, {"assessed", a}, {"reviewed", rv}};
}

// ---------------------------------------------------------------- reports

namespace {

Case concluded_case(db::Conn& c, const Caller& who, int64_t case_id, Project* p) {
  if (!who.principal.can("projects.review")) throw ApiError::forbidden();
  Case k = must_see_case(c, who, case_id, p);
  if (k.conclusion.empty())
    throw ApiError::conflict("not_concluded",
                             {"该任务尚未出具结论，暂无报告", "Not concluded yet"});
  return k;
}

std::string fen_wan(const std::optional<int64_t>& v) {
  return v ? money::format_fen_wan(*v) + " 万元" : "—";
}

std::string conclusion_text(const std::string& code) {
  if (code == "support") return "予以支持";
  if (code == "adjust") return "建议调整完善后予以支持";
  if (code == "reject") return "不予支持";
  return code;
}

}  // namespace

std::string case_report_docx(db::Conn& c, const Caller& who, int64_t case_id) {
  Project p;
  Case k = concluded_case(c, who, case_id, &p);
  auto ref = [&](const char* kind, const std::string& code) {
    std::string n = org::ref_name(c, kind, code, p.start_year);
    return n.empty() ? code : n;
  };
  docx::Document d;
  d.title(p.name);
  d.subtitle(k.preassess_required ? "事前绩效评估及预算评审报告" : "预算评审报告");
  d.paragraph("项目编码：" + p.code + "    申报单位：" + p.org_name, false);

  d.heading("一、评估对象基本情况");
  d.heading("（一）项目概况", 2);
  d.paragraph("项目类别：" + ref("project_category", p.category) + "；预算类型：" +
              ref("budget_type", p.budget_type) + "；支出功能分类：" + p.func_class + " " +
              ref("func_class", p.func_class) + "；行业领域：" + ref("sector", p.sector) +
              "；实施周期：" + std::to_string(p.start_year) + "—" + std::to_string(p.end_year) +
              "年；" + (p.is_new ? "新增项目" : "延续项目") + "。");
  if (!p.description.empty()) d.paragraph(p.description);
  if (!p.basis.empty()) d.paragraph("立项依据：" + p.basis);
  d.heading("（二）资金构成", 2);
  std::vector<std::vector<std::string>> amounts;
  for (const auto& a : p.amounts)
    amounts.push_back({std::to_string(a.year), ref("funding_source", a.source),
                       money::format_fen_wan(a.requested_fen)});
  amounts.push_back({"合计", "", money::format_fen_wan(p.requested_total_fen)});
  d.table({"年度", "资金来源", "申请金额（万元）"}, amounts, {25, 45, 30});

  d.heading("二、评估工作开展情况");
  std::string experts;
  for (const auto& x : k.experts) experts += (experts.empty() ? "" : "、") + x.name;
  d.paragraph(std::string("按照“一份材料、一次提交、一同开展、一次办好”的要求，") +
              (k.preassess_required ? "事前绩效评估与预算评审联合开展。" : "开展预算评审。") +
              "项目于" + p.submitted_at.substr(0, 10) + "申报，" +
              (k.concluded_at.empty() ? std::string() : k.concluded_at.substr(0, 10) + "出具结论") +
              "，共进行" + std::to_string(k.round) + "轮。" +
              (experts.empty() ? "" : "参加评审的专家：" + experts + "。"));
  if (k.third_party_org_id) {
    try {
      d.paragraph("委托第三方机构：" +
                  org::get_org(c, auth::Scope::all(), *k.third_party_org_id).name + "。");
    } catch (const ApiError&) {
    }
  }

  d.heading("三、综合评估情况与结论");
  if (k.preassess_required) {
    Scheme scheme = scheme_of(k);
    std::vector<std::vector<std::string>> dims;
    for (const auto& dim : scheme.dimensions) {
      std::vector<int64_t> scores;
      for (const auto& x : k.experts) {
        auto v = parse_or(x.dimensions_json, json::object{});
        if (x.submitted_at.empty() || !v.is_object()) continue;
        if (auto* s = v.as_object().if_contains(dim.code); s && (s->is_double() || s->is_int64()))
          scores.push_back(points_x100(*s));
      }
      dims.push_back({dim.name, money::format_x100(dim.points_x100()),
                      scores.empty() ? "—" : money::format_x100(combine(scores))});
    }
    d.table({"评估维度", "分值", "专家平均得分"}, dims, {50, 20, 30});
    std::string line = "综合得分 " +
                       (k.combined_x100 ? money::format_x100(*k.combined_x100) : "—") + " 分" +
                       (k.combined_x100 ? "（" + score_band(*k.combined_x100) + "）" : "") +
                       "，评估结论：" + conclusion_text(k.conclusion) + "。";
    if (k.veto) line += "筹资合规性一票否决。";
    d.paragraph(line, true, true);
  } else {
    d.paragraph("本项目不属于事前绩效评估范围，评审结论：" + conclusion_text(k.conclusion) + "。",
                true, true);
  }
  d.heading("（一）预算评审", 2);
  std::vector<std::vector<std::string>> lines;
  for (const auto& l : k.lines)
    lines.push_back({l.item, money::format_fen_wan(l.submitted_fen),
                     money::format_fen_wan(l.approved_fen),
                     money::format_fen_wan(l.submitted_fen - l.approved_fen), l.reason});
  d.table({"评审内容", "送审（万元）", "审定（万元）", "审减（万元）", "理由"}, lines,
          {26, 16, 16, 16, 26});
  d.paragraph("送审金额 " + fen_wan(k.submitted_fen) + "，审定金额 " + fen_wan(k.approved_fen) +
              "，审减额 " + fen_wan(k.cut_fen) + "，审减率 " +
              (k.cut_rate_x100 ? money::format_x100(*k.cut_rate_x100) + "%" : "—") + "。");

  d.heading("四、相关建议");
  if (!k.opinion.empty()) d.paragraph(k.opinion);
  for (const auto& x : k.experts)
    if (!x.opinion.empty()) d.paragraph(x.name + "：" + x.opinion);
  if (k.opinion.empty() && std::none_of(k.experts.begin(), k.experts.end(),
                                        [](const ExpertRow& x) { return !x.opinion.empty(); }))
    d.paragraph("无。");

  d.heading("五、其他问题");
  bool any = false;
  for (const auto& x : k.experts)
    if (x.veto) {
      d.paragraph(x.name + "提出一票否决：" + x.veto_reason);
      any = true;
    }
  if (!any) d.paragraph("无。");

  d.heading("附件");
  auto atts = store::attachments(c, p.id);
  if (atts.empty()) d.paragraph("无。");
  for (size_t i = 0; i < atts.size(); ++i) d.paragraph(std::to_string(i + 1) + ". " + atts[i].name);
  return d.bytes();
}

xlsx::Table case_sheets(db::Conn& c, const Caller& who, int64_t case_id) {
  Project p;
  Case k = concluded_case(c, who, case_id, &p);
  Scheme scheme = scheme_of(k);
  xlsx::Table t{"专家评分表",
                {"专家", "评估维度", "评分子项", "分值", "评级", "得分", "一票否决", "专家意见"},
                {10, 14, 22, 8, 8, 8, 24, 40},
                {}};
  for (const auto& x : k.experts) {
    auto sheet = parse_or(x.sheet_json, json::object{});
    const json::object* ratings = nullptr;
    if (sheet.is_object())
      if (auto* r = sheet.as_object().if_contains("ratings"); r && r->is_object())
        ratings = &r->as_object();
    bool first = true;
    for (const auto& d : scheme.dimensions)
      for (const auto& i : d.items) {
        std::string rating;
        if (ratings)
          if (auto* v = ratings->if_contains(i.code); v && v->is_string()) rating = v->as_string();
        std::string points;
        if (auto r = rating_of(rating))
          points = money::format_x100(item_points_x100(scheme.scale, i, *r));
        t.rows.push_back({x.name, d.name, i.name, money::format_x100(i.points_x100), rating, points,
                          first && x.veto ? x.veto_reason : "", first ? x.opinion : ""});
        first = false;
      }
    t.rows.push_back({x.name, "合计", "", "100.00", "",
                      x.total_x100 ? money::format_x100(*x.total_x100) : "", "", ""});
  }
  return t;
}

// ---------------------------------------------------------------- the library

Project create_project(Env e, const ProjectInput& in) {
  if (!e.who.principal.can("projects.apply")) throw ApiError::forbidden();
  int64_t org_id = in.org_id.value_or(e.who.principal.org_id);
  if (org_id <= 0) throw ApiError::field("org_id", {"请选择申报单位", "Choose the applying unit"});
  org::Organization o;
  try {
    o = org::get_org(e.tx, e.who.viewer.scope, org_id);
  } catch (const ApiError&) {
    throw ApiError::field("org_id",
                          {"申报单位不存在或不在您的管理范围内", "Not a unit you manage"});
  }
  if (o.status != "active" || !o.department_id ||
      (o.kind != "unit" && o.kind != "department" && o.kind != "township" && o.kind != "dev_zone"))
    throw ApiError::field("org_id", {"申报单位应为在用的预算单位", "An active budget unit"});
  Project p;
  p.org_id = org_id;
  p.department_id = *o.department_id;
  p.region_code = o.region_code;
  p.created_by = e.who.principal.user_id;
  int year = std::stoi(shanghai_date(e.clock.now()).substr(0, 4)) + 1;  // next year's budget
  p.start_year = year;
  p.end_year = year;
  apply(p, in);
  if (!in.end_year && in.start_year) p.end_year = p.start_year;
  std::vector<FieldError> errs;
  check_fields(e.tx, p, false, errs);
  if (!errs.empty()) throw ApiError::validation(errs);
  std::string now = now_of(e.clock);
  p.id = store::insert(e.tx, p, now);
  store::set_amounts(e.tx, p.id, p.amounts);
  workflow::start(e.tx, e.workflows,
                  {kDocType, std::to_string(p.id), p.name, p.org_id, p.region_code}, e.who.actor,
                  e.clock);
  Project made = *store::find(e.tx, p.id);
  audit_project(e, "project.create", made, nullptr, project_json(e.tx, made, false, Lang::kZh));
  return made;
}

Project update_project(Env e, int64_t id, const ProjectInput& in, int64_t version) {
  Project before = must_own(e, id);
  if (before.state != "draft" && before.state != "returned")
    throw ApiError::conflict("not_editable",
                             {"项目已申报，只有草稿或退回调整的项目可以修改", "Not editable now"});
  if (in.org_id && *in.org_id != before.org_id)
    throw ApiError::field("org_id", {"申报单位不能修改", "The unit cannot change"});
  Project p = before;
  apply(p, in);
  std::vector<FieldError> errs;
  check_fields(e.tx, p, false, errs);
  if (!errs.empty()) throw ApiError::validation(errs);
  if (!store::update(e.tx, p, version, now_of(e.clock))) throw ApiError::stale();
  store::set_amounts(e.tx, id, p.amounts);
  if (p.name != before.name) workflow::set_title(e.tx, kDocType, std::to_string(id), p.name);
  Project after = *store::find(e.tx, id);
  audit_project(e, "project.update", after, project_json(e.tx, before, false, Lang::kZh),
                project_json(e.tx, after, false, Lang::kZh));
  return after;
}

void delete_project(Env e, int64_t id, int64_t version) {
  Project p = must_own(e, id);
  if (p.state != "draft" || !p.code.empty())
    throw ApiError::conflict("not_deletable",
                             {"只能删除从未申报过的草稿", "Only a never-submitted draft"});
  if (p.version != version) throw ApiError::stale();
  store::delete_draft(e.tx, id);
  workflow::remove(e.tx, kDocType, std::to_string(id));
  audit_project(e, "project.delete", p, project_json(e.tx, p, false, Lang::kZh), nullptr);
}

Project submit_project(Env e, int64_t id, int64_t version) {
  Project p = must_own(e, id);
  if (p.state != "draft" && p.state != "returned")
    throw ApiError::conflict("not_submittable", {"项目已申报", "Already submitted"});
  if (p.version != version) throw ApiError::stale();
  std::vector<FieldError> errs;
  check_fields(e.tx, p, true, errs);
  // 事前绩效评估: decided now, with the reasons the unit is told.
  PreassessInput pin{p.category, p.is_new, p.continuing_after_expiry, p.requested_total_fen,
                     bond_amount(p)};
  auto decision = decide_preassess(pin, preassess_rule(e.tx, p.region_code, p.start_year));
  if (decision.required) {
    bool has_application = false;
    for (const auto& a : store::attachments(e.tx, id)) has_application |= a.kind == "application";
    if (!has_application)
      errs.push_back({"attachments",
                      {"需开展事前绩效评估的项目，请上传申报材料（申报书、可行性研究报告等）",
                       "Upload the application materials"}});
  }
  if (!errs.empty()) throw ApiError::validation(errs);
  Project before = p;
  std::string now = now_of(e.clock);
  if (p.code.empty()) p.code = store::next_code(e.tx, org::county_of(p.region_code), p.start_year);
  p.preassess_required = decision.required;
  p.preassess_reasons.clear();
  for (const auto& m : decision.reasons) p.preassess_reasons.push_back(m.zh);
  p.state = "submitted";
  p.submitted_at = now;
  // The case: a new one, or the returned one continued in a new round.
  auto open = store::open_case_of(e.tx, id);
  if (open && open->state == "returned") {
    Case k = *open;
    k.round += 1;
    k.state = k.lead_user_id ? "working" : "assigning";
    k.preassess_required = decision.required;
    k.conclusion.clear();
    k.combined_x100.reset();
    k.veto = false;
    if (!store::update_case(e.tx, k, k.version, now)) throw ApiError::stale();
  } else if (!open) {
    Case k;
    k.project_id = id;
    k.preassess_required = decision.required;
    int scheme_version = 0;
    k.scheme_json = json::serialize(
        scheme_json(preassess_scheme(e.tx, p.region_code, p.start_year, &scheme_version)));
    k.scheme_version = scheme_version;
    store::insert_case(e.tx, k, now);
  }
  if (!store::update(e.tx, p, version, now)) throw ApiError::stale();
  step(e, p, "submit", "");
  Project after = *store::find(e.tx, id);
  audit_project(e, "project.submit", after, project_json(e.tx, before, false, Lang::kZh),
                project_json(e.tx, after, false, Lang::kZh));
  return after;
}

Project withdraw_project(Env e, int64_t id, int64_t version) {
  Project p = must_own(e, id);
  if (p.state != "submitted")
    throw ApiError::conflict("not_withdrawable", {"只能撤回已申报、尚未受理的项目", "Not now"});
  auto open = store::open_case_of(e.tx, id);
  if (open && open->lead_user_id)
    throw ApiError::conflict("not_withdrawable", {"财政已受理，不能撤回", "Already accepted"});
  if (p.version != version) throw ApiError::stale();
  Project before = p;
  p.state = "draft";
  if (!store::update(e.tx, p, version, now_of(e.clock))) throw ApiError::stale();
  step(e, p, "withdraw", "");
  Project after = *store::find(e.tx, id);
  audit_project(e, "project.withdraw", after, project_json(e.tx, before, false, Lang::kZh),
                project_json(e.tx, after, false, Lang::kZh));
  return after;
}

Attachment add_attachment(Env e, int64_t id, const std::string& name, const std::string& kind,
                          const std::string& bytes) {
  Project p = must_own(e, id);
  if (p.state != "draft" && p.state != "returned")
    throw ApiError::conflict("not_editable",
                             {"只有草稿或退回调整的项目可以上传附件", "Not editable"});
  if (kind != "application" && kind != "basis" && kind != "other")
    throw ApiError::field("kind", {"附件类别应为 application、basis 或 other", "Unknown kind"});
  if (store::attachments(e.tx, id).size() >= 50)
    throw ApiError::conflict("too_many_files", {"每个项目最多50个附件", "At most 50 files"});
  files::Detected d = files::check_upload(bytes, name, files::Policy{});
  Attachment a;
  a.project_id = id;
  a.sha256 = files::put(e.tx, e.clock, bytes, d.content_type);
  a.name = files::clean_name(name);
  a.kind = kind;
  a.size = static_cast<int64_t>(bytes.size());
  a.content_type = d.content_type;
  a.uploaded_at = now_of(e.clock);
  a.id = store::insert_attachment(e.tx, a, e.who.principal.user_id, a.uploaded_at);
  audit::append(e.tx, e.clock, e.who.actor,
                {"project.attach", "project", std::to_string(id), "success", nullptr,
                 json::object{{"name", a.name}, {"sha256", a.sha256}, {"size", a.size}}});
  return a;
}

void remove_attachment(Env e, int64_t id, int64_t attachment_id) {
  Project p = must_own(e, id);
  if (p.state != "draft" && p.state != "returned")
    throw ApiError::conflict("not_editable",
                             {"只有草稿或退回调整的项目可以删除附件", "Not editable"});
  auto a = store::find_attachment(e.tx, id, attachment_id);
  if (!a) throw ApiError::not_found();
  store::delete_attachment(e.tx, id, attachment_id);
  audit::append(e.tx, e.clock, e.who.actor,
                {"project.detach", "project", std::to_string(id), "success",
                 json::object{{"name", a->name}, {"sha256", a->sha256}}, nullptr});
}

namespace {
std::vector<BudgetGuard>& budget_guards() {
  static std::vector<BudgetGuard> g;
  return g;
}
}  // namespace

void add_budget_guard(BudgetGuard guard) {
  budget_guards().push_back(std::move(guard));
}

Project set_budget(Env e, int64_t id, int year, int64_t approved_fen, int64_t version) {
  if (!e.who.principal.can("projects.budget")) throw ApiError::forbidden();
  Project p = must_see(e, id);
  if (p.state != "in_library" && p.state != "budgeted" && p.state != "executing")
    throw ApiError::conflict(
        "not_in_library", {"只有已入库的项目才能纳入预算", "Only library projects get a budget"});
  if (p.version != version) throw ApiError::stale();
  std::vector<FieldError> errs;
  if (year < p.start_year || year > p.end_year)
    errs.push_back({"year", {"年度应在项目实施周期内", "Within the implementation period"}});
  if (approved_fen < 0)
    errs.push_back({"approved_fen", {"金额不能为负数", "Must not be negative"}});
  int64_t others = 0;
  for (const auto& b : store::budgets(e.tx, id))
    if (b.year != year) others += b.approved_fen;
  int64_t ceiling = p.approved_fen.value_or(0);
  if (approved_fen >= 0 && others + approved_fen > ceiling)
    errs.push_back({"approved_fen",
                    {"预算安排合计 " + money::format_fen_wan(others + approved_fen) +
                         " 万元，超过审定金额 " + money::format_fen_wan(ceiling) + " 万元",
                     "The budget exceeds the approved (审定) amount"}});
  if (!errs.empty()) throw ApiError::validation(errs);
  for (const auto& guard : budget_guards()) guard(e.tx, p, year);
  Project before = p;
  std::string now = now_of(e.clock);
  store::set_budget(e.tx, id, year, approved_fen, e.who.principal.user_id, now);
  bool first = p.state == "in_library";
  if (first) p.state = "budgeted";
  if (!store::update(e.tx, p, version, now)) throw ApiError::stale();
  // The first budget moves the project; later years and changes are recorded by the audit row.
  if (first)
    step(e, p, "budget",
         std::to_string(year) + "年度安排 " + money::format_fen_wan(approved_fen) + " 万元");
  Project after = *store::find(e.tx, id);
  audit_project(e, "project.budget", after, project_json(e.tx, before, false, Lang::kZh),
                json::object{{"year", year}, {"approved_fen", approved_fen}});
  return after;
}

Project lifecycle(Env e, int64_t id, const std::string& action, const std::string& reason,
                  int64_t version) {
  Project p = must_see(e, id);
  std::string to;
  if (action == "start") {
    if (p.state != "budgeted")
      throw ApiError::conflict("invalid_transition",
                               {"只有已纳入预算的项目可以开始执行", "Not budgeted"});
    must_own(e, id);
    to = "executing";
  } else if (action == "complete") {
    if (p.state != "executing")
      throw ApiError::conflict("invalid_transition", {"只有执行中的项目可以完成", "Not executing"});
    must_own(e, id);
    to = "completed";
  } else if (action == "exit") {
    if (!e.who.principal.can("projects.review")) throw ApiError::forbidden();
    if (p.state != "in_library" && p.state != "budgeted" && p.state != "executing")
      throw ApiError::conflict("invalid_transition", {"该项目不能退出", "Cannot exit now"});
    if (utf8_length(reason) < 2)
      throw ApiError::field("reason", {"请说明退出理由", "Give the reason"});
    to = "exited";
  } else {
    throw ApiError::not_found();
  }
  if (p.version != version) throw ApiError::stale();
  Project before = p;
  p.state = to;
  if (!store::update(e.tx, p, version, now_of(e.clock))) throw ApiError::stale();
  step(e, p, action, reason);
  Project after = *store::find(e.tx, id);
  audit_project(e, ("project." + action).c_str(), after,
                project_json(e.tx, before, false, Lang::kZh),
                project_json(e.tx, after, false, Lang::kZh));
  return after;
}

// ---------------------------------------------------------------- the case

namespace {

Case must_work_case(const Env& e, int64_t case_id, Project* p) {
  if (!e.who.principal.can("projects.review")) throw ApiError::forbidden();
  return must_see_case(e.tx, e.who, case_id, p);
}

bool user_can_review(db::Conn& c, int64_t user_id) {
  return auth::user_has_permission(c, user_id, "projects.review");
}

}  // namespace

Case assign_case(Env e, int64_t case_id, const Assignment& a, int64_t version) {
  Project p;
  Case k = must_work_case(e, case_id, &p);
  if (k.state != "assigning" && k.state != "working")
    throw ApiError::conflict("case_closed", {"该任务已办结或已退回", "The case is not open"});
  if (k.version != version) throw ApiError::stale();
  std::vector<FieldError> errs;
  int64_t lead = a.lead_user_id.value_or(e.who.principal.user_id);
  if (!user_can_review(e.tx, lead))
    errs.push_back({"lead_user_id", {"牵头人须为有评审权限的在用账号", "A reviewer"}});
  for (size_t i = 0; i < a.reviewer_user_ids.size(); ++i)
    if (!user_can_review(e.tx, a.reviewer_user_ids[i]))
      errs.push_back({"reviewer_user_ids." + std::to_string(i),
                      {"评审人员须为有评审权限的在用账号", "A reviewer"}});
  std::vector<std::pair<int64_t, std::optional<int64_t>>> experts;
  for (size_t i = 0; i < a.expert_ids.size(); ++i) {
    auto x = org::find_expert(e.tx, a.expert_ids[i]);
    if (!x || x->status != "active")
      errs.push_back({"expert_ids." + std::to_string(i), {"专家不存在或已停用", "No such expert"}});
    else
      experts.push_back({a.expert_ids[i], x->user_id});
  }
  if (k.preassess_required && a.expert_ids.empty())
    errs.push_back(
        {"expert_ids", {"需开展事前绩效评估的项目，请至少指定一名专家", "Assign experts"}});
  if (a.third_party_org_id) {
    std::optional<org::Organization> o;
    try {
      o = org::get_org(e.tx, auth::Scope::all(), *a.third_party_org_id);
    } catch (const ApiError&) {
    }
    if (!o || o->kind != "third_party" || o->status != "active")
      errs.push_back({"third_party_org_id", {"应为在用的第三方机构", "An active third party"}});
  }
  if (!errs.empty()) throw ApiError::validation(errs);
  std::string now = now_of(e.clock);
  k.lead_user_id = lead;
  k.third_party_org_id = a.third_party_org_id;
  bool first = k.state == "assigning";
  k.state = "working";
  if (!store::update_case(e.tx, k, version, now)) throw ApiError::stale();
  store::set_reviewers(e.tx, case_id, a.reviewer_user_ids);
  std::vector<int64_t> keep;
  for (const auto& x : experts) keep.push_back(x.first);
  store::remove_experts_except(e.tx, case_id, keep);
  store::add_experts(e.tx, case_id, experts, k.round);
  if (a.rescore) {
    if (k.round < 2)
      throw ApiError::field("rescore",
                            {"只有退回调整后重新申报的任务可以重新评分", "Only in a later round"});
    store::reopen_sheets(e.tx, case_id, k.round);
  }
  if (first && p.state == "submitted") {
    Project before = p;
    p.state = "reviewing";
    if (!store::update(e.tx, p, p.version, now)) throw ApiError::stale();
    step(e, p, "accept", "");
  }
  audit::append(e.tx, e.clock, e.who.actor,
                {"case.assign", "project_case", std::to_string(case_id), "success", nullptr,
                 json::object{{"lead_user_id", lead},
                              {"expert_ids", json::value_from(a.expert_ids)},
                              {"reviewer_user_ids", json::value_from(a.reviewer_user_ids)}}});
  return *store::find_case(e.tx, case_id);
}

Case save_sheet(Env e, int64_t case_id, const SheetInput& in) {
  Project p;
  Case k = must_see_case(e.tx, e.who, case_id, &p);
  if (k.state != "working")
    throw ApiError::conflict("case_not_working", {"该任务当前不在评分阶段", "Not scoring now"});
  if (!k.preassess_required)
    throw ApiError::conflict("no_assessment", {"该项目无需事前绩效评估", "No assessment"});
  const ExpertRow* row = nullptr;
  for (const auto& x : k.experts) {
    if (in.expert_id) {
      if (x.expert_id == *in.expert_id) row = &x;
    } else if (x.user_id && *x.user_id == e.who.principal.user_id) {
      row = &x;
    }
  }
  if (in.expert_id && !e.who.principal.can("projects.review")) throw ApiError::forbidden();
  if (!in.expert_id && !e.who.principal.can("projects.score")) throw ApiError::forbidden();
  if (!row)
    throw ApiError::field(in.expert_id ? "expert_id" : "ratings",
                          {"您不是该项目的评审专家", "You are not assigned to this case"});
  if (!row->submitted_at.empty())
    throw ApiError::conflict("sheet_submitted", {"评分表已提交，不能再修改", "Already submitted"});
  Scheme scheme = scheme_of(k);
  std::vector<FieldError> errs;
  ExpertSheet sheet;
  std::set<std::string> known;
  for (const auto& d : scheme.dimensions)
    for (const auto& i : d.items) known.insert(i.code);
  json::object ratings;
  for (const auto& [code, value] : in.ratings) {
    if (!known.count(code)) {
      errs.push_back({"ratings." + code, {"没有这个评分子项", "Unknown item"}});
      continue;
    }
    if (value.empty()) continue;
    auto r = rating_of(value);
    if (!r) {
      errs.push_back({"ratings." + code, {"评级应为 优、良、中 或 差", "优, 良, 中 or 差"}});
      continue;
    }
    sheet.ratings[code] = *r;
    ratings[code] = rating_name(*r);
  }
  json::object comments;
  for (const auto& [code, text] : in.comments) {
    if (!known.count(code))
      errs.push_back({"comments." + code, {"没有这个评分子项", "Unknown item"}});
    else if (utf8_length(text) > 500)
      errs.push_back({"comments." + code, {"评分说明不超过500字", "At most 500 characters"}});
    else if (!text.empty())
      comments[code] = text;
  }
  if (in.veto) {
    const Dimension* dim = nullptr;
    for (const auto& d : scheme.dimensions)
      if (d.code == in.veto_dimension) dim = &d;
    if (!dim || !dim->veto)
      errs.push_back({"veto_dimension",
                      {"只有“筹资合规性”等可否决的维度可以一票否决", "Not a veto dimension"}});
    if (utf8_length(in.veto_reason) < 4)
      errs.push_back({"veto_reason", {"一票否决须写明理由", "Give the reason"}});
  }
  if (utf8_length(in.opinion) > 2000)
    errs.push_back({"opinion", {"意见不超过2000字", "At most 2000"}});
  std::vector<std::string> missing;
  SheetScore score = score_sheet(scheme, sheet, &missing);
  if (in.submit) {
    for (const auto& m : missing) errs.push_back({"ratings." + m, {"请评级", "Rate this item"}});
    if (utf8_length(in.opinion) < 2)
      errs.push_back({"opinion", {"提交前请填写专家意见", "Write your opinion"}});
  }
  if (!errs.empty()) throw ApiError::validation(errs);
  ExpertRow x = *row;
  json::object dims;
  for (const auto& [code, v] : score.dimensions_x100) dims[code] = static_cast<double>(v) / 100.0;
  x.sheet_json =
      json::serialize(json::object{{"ratings", ratings},
                                   {"comments", comments},
                                   {"veto_dimension", in.veto ? in.veto_dimension : ""}});
  x.dimensions_json = json::serialize(dims);
  x.total_x100 = missing.empty() ? std::optional<int64_t>(score.total_x100) : std::nullopt;
  x.veto = in.veto;
  x.veto_reason = in.veto ? in.veto_reason : "";
  x.opinion = in.opinion;
  x.round = k.round;
  if (in.submit) x.submitted_at = now_of(e.clock);
  store::save_sheet(e.tx, case_id, x);
  if (in.submit)
    audit::append(e.tx, e.clock, e.who.actor,
                  {"case.sheet.submit", "project_case", std::to_string(case_id), "success", nullptr,
                   json::object{{"expert_id", x.expert_id},
                                {"total", static_cast<double>(score.total_x100) / 100.0},
                                {"veto", x.veto}}});
  return *store::find_case(e.tx, case_id);
}

Case save_review(Env e, int64_t case_id, const std::vector<ReviewLine>& lines, int64_t version) {
  Project p;
  Case k = must_work_case(e, case_id, &p);
  if (k.state != "working")
    throw ApiError::conflict("case_not_working", {"请先受理并分派该任务", "Assign the case first"});
  if (k.version != version) throw ApiError::stale();
  auto errs = check_review_lines(lines);
  if (!errs.empty()) throw ApiError::validation(errs);
  ReviewTotals t = review_totals(lines);
  k.lines = lines;
  k.submitted_fen = t.submitted_fen;
  k.approved_fen = t.approved_fen;
  k.cut_fen = t.cut_fen;
  k.cut_rate_x100 = t.cut_rate_x100;
  if (!store::update_case(e.tx, k, version, now_of(e.clock))) throw ApiError::stale();
  audit::append(e.tx, e.clock, e.who.actor,
                {"case.review", "project_case", std::to_string(case_id), "success", nullptr,
                 json::object{{"submitted_fen", t.submitted_fen},
                              {"approved_fen", t.approved_fen},
                              {"cut_rate", static_cast<double>(t.cut_rate_x100) / 100.0}}});
  return *store::find_case(e.tx, case_id);
}

Case conclude_case(Env e, int64_t case_id, const ConcludeInput& in) {
  Project p;
  Case k = must_work_case(e, case_id, &p);
  if (k.state != "working")
    throw ApiError::conflict("case_not_working", {"该任务当前不能出具结论", "Not open"});
  if (k.version != in.version) throw ApiError::stale();
  std::vector<FieldError> errs;
  if (k.lines.empty())
    errs.push_back(
        {"review", {"请先完成预算评审（送审金额与审定金额）", "Review the amounts first"}});
  Conclusion c = Conclusion::kReject;
  std::optional<int64_t> combined;
  bool veto_raised = false;
  if (k.preassess_required) {
    std::vector<int64_t> totals;
    for (const auto& x : k.experts) {
      if (x.submitted_at.empty())
        errs.push_back(
            {"experts", {"专家“" + x.name + "”尚未提交评分表", "An expert has not submitted"}});
      else if (x.total_x100)
        totals.push_back(*x.total_x100);
      veto_raised |= x.veto && !x.submitted_at.empty();
    }
    if (k.experts.empty()) errs.push_back({"experts", {"没有评审专家", "No experts"}});
    if (in.veto_confirmed && !veto_raised)
      errs.push_back({"veto_confirmed", {"没有专家提出一票否决", "No expert raised a veto"}});
    if (errs.empty()) {
      combined = combine(totals);
      Scheme scheme = scheme_of(k);
      c = conclude(*combined, in.veto_confirmed, scheme.cutoffs);
    }
  } else {
    if (in.result == "support")
      c = Conclusion::kSupport;
    else if (in.result == "adjust")
      c = Conclusion::kAdjust;
    else if (in.result == "reject")
      c = Conclusion::kReject;
    else
      errs.push_back({"result", {"请选择评审结论", "Choose the result"}});
  }
  if (c != Conclusion::kSupport && utf8_length(in.opinion) < 4)
    errs.push_back({"opinion", {"调整或不予支持时请写明意见", "Explain the result"}});
  if (!errs.empty()) throw ApiError::validation(errs);
  std::string now = now_of(e.clock);
  k.combined_x100 = combined;
  k.veto = in.veto_confirmed;
  k.conclusion = conclusion_code(c);
  k.opinion = in.opinion;
  k.concluded_at = now;
  k.state = c == Conclusion::kAdjust ? "returned" : "closed";
  if (!store::update_case(e.tx, k, in.version, now)) throw ApiError::stale();
  store::insert_round(e.tx, k, e.who.principal.user_id, now);
  if (p.state == "submitted") {
    // A resubmission after 调整 continues the assigned case: it is taken up again here.
    p.state = "reviewing";
    if (!store::update(e.tx, p, p.version, now)) throw ApiError::stale();
    step(e, p, "accept", "");
    p = *store::find(e.tx, p.id);
  }
  Project before = p;
  p.conclusion = k.conclusion;
  std::string action;
  if (c == Conclusion::kSupport) {
    p.state = "in_library";
    p.approved_fen = k.approved_fen;
    p.library_year = p.start_year;
    action = "approve";
  } else if (c == Conclusion::kAdjust) {
    p.state = "returned";
    action = "return";
  } else {
    p.state = "rejected";
    action = "reject";
  }
  if (!store::update(e.tx, p, p.version, now)) throw ApiError::stale();
  std::string comment = pick(conclusion_name(c), Lang::kZh);
  if (combined) comment += "（综合得分 " + money::format_x100(*combined) + " 分）";
  if (!in.opinion.empty()) comment += "：" + in.opinion;
  step(e, p, action, comment);
  audit::append(
      e.tx, e.clock, e.who.actor,
      {"case.conclude", "project_case", std::to_string(case_id), "success", nullptr,
       json::object{{"conclusion", k.conclusion},
                    {"combined", combined ? json::value(static_cast<double>(*combined) / 100.0)
                                          : json::value(nullptr)},
                    {"veto", k.veto},
                    {"approved_fen", opt(k.approved_fen)}}});
  return *store::find_case(e.tx, case_id);
}

}  // namespace jx::projects
