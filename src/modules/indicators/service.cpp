#include "modules/indicators/service.hpp"

#include <algorithm>

#include "modules/indicators/rules.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/settings.hpp"
#include "platform/util/text.hpp"

namespace jx::indicators {

namespace json = boost::json;

namespace {

std::string now_of(const Clock& clock) {
  return format_utc(clock.now());
}

std::map<std::string, std::string> sector_names(db::Conn& c) {
  std::map<std::string, std::string> m;
  json::object items = org::list_ref(c, "sector", 0, "", true);
  for (const auto& v : items.at("items").as_array())
    m[std::string(v.at("code").as_string())] = std::string(v.at("name").as_string());
  return m;
}

// The principal a workflow step runs as: the service has already checked the row's visibility.
auth::Principal step_principal(const Caller& who) {
  auth::Principal p = who.principal;
  p.scope = auth::Scope::all();
  return p;
}

void audit_row(const Env& e, const char* action, const Indicator& x, json::value before,
               json::value after) {
  audit::append(
      e.tx, e.clock, e.who.actor,
      {action, "indicator", std::to_string(x.id), "success", std::move(before), std::move(after)});
}

json::value audit_json(const Indicator& x) {
  return indicator_json(x, {});
}

// A new version of a code: a concurrent request that wrote the same (code, region, from_year)
// first makes this one stale (409), not an internal error.
int64_t insert_version(const Env& e, const Indicator& x) {
  try {
    return store::insert(e.tx, x, now_of(e.clock));
  } catch (const db::DbError& err) {
    if (err.kind() == db::ErrorKind::kUnique) throw ApiError::stale();
    throw;
  }
}

Indicator must_see(db::Conn& c, const Caller& who, int64_t id) {
  auto x = store::find_visible(c, id, who.viewer);
  if (!x) throw ApiError::not_found({"指标不存在或无权访问", "Indicator not found"});
  return *x;
}

void need_county(const Caller& who) {
  if (who.county.empty())
    throw ApiError::forbidden({"您的账号未归属机构，不能维护指标库", "No organization"});
}

void apply(Indicator& x, const IndicatorInput& in) {
  if (in.sector) x.sector = *in.sector;
  if (in.field) x.field = *in.field;
  if (in.level1) x.level1 = *in.level1;
  if (in.level2) x.level2 = *in.level2;
  if (in.name) x.name = *in.name;
  if (in.nature) x.nature = *in.nature;
  if (in.unit) x.unit = *in.unit;
  if (in.recommended_value) x.recommended_value = *in.recommended_value;
  if (in.basis) x.basis = *in.basis;
  if (in.method) x.method = *in.method;
  if (in.data_source) x.data_source = *in.data_source;
  if (in.is_core) x.is_core = *in.is_core;
}

bool same_content(const Indicator& a, const Indicator& b) {
  return a.sector == b.sector && a.field == b.field && a.level1 == b.level1 &&
         a.level2 == b.level2 && a.name == b.name && a.nature == b.nature && a.unit == b.unit &&
         a.recommended_value == b.recommended_value && a.basis == b.basis && a.method == b.method &&
         a.data_source == b.data_source && a.is_core == b.is_core;
}

// Every rule of an indicator's content for the year it applies from (the tree of that year).
void check_all(db::Conn& c, const Caller& who, const Indicator& x, int year) {
  std::vector<FieldError> e = check_indicator(x);
  auto has = [&](const char* f) {
    return std::any_of(e.begin(), e.end(), [&](const FieldError& fe) { return fe.field == f; });
  };
  if (!x.sector.empty() && org::ref_name(c, "sector", x.sector, 0).empty())
    e.push_back({"sector", {"行业“" + x.sector + "”不在参考数据中", "Not in the reference data"}});
  if (year >= 2000 && year <= 2100)
    for (auto& fe : check_levels(x, tree_for(c, who.county, year), year)) e.push_back(fe);
  if (!has("name") && !has("sector") && !has("level2"))
    if (auto other = store::same_name(c, who.county, x))
      e.push_back({"name",
                   {"同一行业、同一二级指标下已有同名指标（" + *other + "）",
                    "An indicator of that name exists (" + *other + ")"}});
  if (!e.empty()) throw ApiError::validation(e);
}

}  // namespace

// ---------------------------------------------------------------- for other modules

Tree tree_for(db::Conn& c, const std::string& region_code, int year) {
  auto s = settings::get(c, kTreeSetting, org::county_of(region_code), year);
  if (s) {
    std::vector<FieldError> errors;
    if (auto t = tree_from_json(s->value, errors); t && check_tree(*t).empty()) return *t;
  }
  return default_tree(year);
}

std::optional<Indicator> find_indicator(db::Conn& c, int64_t id) {
  return store::find(c, id);
}

std::map<int64_t, Indicator> find_indicators(db::Conn& c, const std::vector<int64_t>& ids) {
  return store::find_many(c, ids);
}

void add_usage(db::Conn& tx, const std::map<int64_t, int>& deltas) {
  for (const auto& [id, d] : deltas)
    if (d != 0) store::add_usage(tx, id, d);
}

// ---------------------------------------------------------------- the caller

Caller caller_of(db::Conn& c, const auth::Principal& p, const audit::Actor& actor) {
  Caller who;
  who.principal = p;
  who.actor = actor;
  if (p.org_id > 0) {
    try {
      who.county = org::county_of(org::get_org(c, auth::Scope::all(), p.org_id).region_code);
    } catch (const ApiError&) {
      who.county.clear();
    }
  }
  who.viewer.county = who.county;
  who.viewer.org_id = p.org_id;
  who.viewer.manager = p.can("indicators.manage");
  return who;
}

int current_year(db::Conn& c, const Clock& clock) {
  return org::current_year(c, clock);
}

// ---------------------------------------------------------------- the tree

json::object get_tree(db::Conn& c, const Caller& who, int year) {
  auto in_force = settings::get(c, kTreeSetting, who.county, year);
  auto own = settings::get_exact(c, kTreeSetting, who.county, year);
  Tree t = tree_for(c, who.county, year);
  return {{"year", year},          {"region_code", who.county},
          {"value", tree_json(t)}, {"version", own ? own->version : 0},
          {"inherited", !own},     {"default", !in_force}};
}

json::object put_tree(Env e, int year, const json::value& value, int version) {
  if (!e.who.principal.can("indicators.manage")) throw ApiError::forbidden();
  need_county(e.who);
  if (year < 2000 || year > 2100)
    throw ApiError::field("year", {"年度应在2000到2100之间", "A year between 2000 and 2100"});
  std::vector<FieldError> errors;
  auto t = tree_from_json(value, errors);
  if (!t) throw ApiError::validation(errors);
  errors = check_tree(*t);
  if (!errors.empty()) throw ApiError::validation(errors);
  json::value stored = tree_json(*t);
  int v = settings::put(e.tx, e.clock, kTreeSetting, stored, version, e.who.principal.user_id,
                        e.who.county, year);
  audit::append(
      e.tx, e.clock, e.who.actor,
      {"settings.put", "setting", e.who.county + ":" + std::to_string(year) + ":" + kTreeSetting,
       "success", nullptr, json::object{{"value", stored}, {"version", v}}});
  return get_tree(e.tx, e.who, year);
}

// ---------------------------------------------------------------- reads

json::object indicator_json(const Indicator& x, const std::map<std::string, std::string>& names) {
  auto it = names.find(x.sector);
  auto opt = [](const std::optional<int64_t>& v) {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return {{"id", x.id},
          {"code", x.code},
          {"sector", x.sector},
          {"sector_name", it == names.end() ? x.sector : it->second},
          {"field", x.field},
          {"level1", x.level1},
          {"level2", x.level2},
          {"name", x.name},
          {"nature", x.nature},
          {"unit", x.unit},
          {"recommended_value", x.recommended_value},
          {"basis", x.basis},
          {"method", x.method},
          {"data_source", x.data_source},
          {"is_core", x.is_core},
          {"from_year", x.from_year},
          {"to_year", x.to_year ? json::value(*x.to_year) : json::value(nullptr)},
          {"status", x.status},
          {"region_code", x.region_code},
          {"shipped", x.region_code.empty()},
          {"proposed_by_org_id", opt(x.proposed_by_org_id)},
          {"proposed_by_org_name", x.proposed_by_org_name},
          {"review_comment", x.review_comment},
          {"usage_count", x.usage_count},
          {"version", x.version},
          {"created_at", x.created_at},
          {"updated_at", x.updated_at}};
}

json::object list_indicators(db::Conn& c, const Caller& who, const IndicatorFilter& f,
                             const Page& page) {
  int64_t total = 0;
  auto rows = store::list(c, who.viewer, f, page, &total);
  auto names = sector_names(c);
  json::array items;
  for (const auto& x : rows) items.push_back(indicator_json(x, names));
  return {{"items", items}, {"total", total}};
}

json::object indicator_detail(db::Conn& c, const Caller& who, int64_t id, Lang lang) {
  Indicator x = must_see(c, who, id);
  auto names = sector_names(c);
  json::object o = indicator_json(x, names);
  json::array versions;
  for (const auto& v : store::versions(c, x.code, who.viewer))
    versions.push_back(
        json::object{{"id", v.id},
                     {"from_year", v.from_year},
                     {"to_year", v.to_year ? json::value(*v.to_year) : json::value(nullptr)},
                     {"status", v.status},
                     {"name", v.name},
                     {"recommended_value", v.recommended_value},
                     {"unit", v.unit},
                     {"nature", v.nature},
                     {"version", v.version},
                     {"updated_at", v.updated_at}});
  o["versions"] = versions;
  json::array history;
  for (const auto& h : workflow::history(c, kDocType, x.code))
    history.push_back(workflow::history_json(h));
  (void)lang;
  o["history"] = history;
  return o;
}

json::object field_list(db::Conn& c, const Caller& who, const std::string& sector) {
  json::array items;
  for (const auto& f : store::fields(c, who.viewer, sector)) items.push_back(json::value(f));
  return {{"sector", sector}, {"items", items}};
}

// ---------------------------------------------------------------- writes

Indicator create_indicator(Env e, const IndicatorInput& in) {
  const auth::Principal& p = e.who.principal;
  bool manager = p.can("indicators.manage");
  if (!manager && !p.can("indicators.propose")) throw ApiError::forbidden();
  need_county(e.who);
  Indicator x;
  x.from_year = in.from_year.value_or(current_year(e.tx, e.clock));
  x.nature = "";
  apply(x, in);
  x.status = manager ? "active" : "proposed";
  x.region_code = e.who.county;
  if (!manager) {
    x.proposed_by_org_id = p.org_id;
    x.proposed_by_user_id = p.user_id;
  }
  x.code = "";
  check_all(e.tx, e.who, x, x.from_year);
  x.code = store::next_code(e.tx, code_prefix(x.sector));
  // The same-name check again with the code known (it skips rows of the same code only).
  std::string now = now_of(e.clock);
  x.id = store::insert(e.tx, x, now);
  Indicator after = *store::find(e.tx, x.id);
  if (!manager) {
    org::Organization o = org::get_org(e.tx, auth::Scope::all(), p.org_id);
    workflow::start(e.tx, e.workflows, {kDocType, x.code, x.name, p.org_id, o.region_code},
                    e.who.actor, e.clock);
  }
  audit_row(e, manager ? "indicator.create" : "indicator.propose", after, nullptr,
            audit_json(after));
  return after;
}

namespace {

void need_manager(const Env& e) {
  if (!e.who.principal.can("indicators.manage"))
    throw ApiError::forbidden({"只有财政部门可以修改在用指标", "Only the finance bureau"});
}

// A county's version of a shipped indicator from `year`: the shipped row stays for every other
// region (see rules.hpp override_end).
Indicator override_shipped(Env e, const Indicator& row, const IndicatorInput& in, int year,
                           int64_t version) {
  need_manager(e);
  need_county(e.who);
  if (year == 0)
    throw ApiError::field("year", {"请填写修改自哪一年度起生效", "The year is required"});
  auto to = override_end(row, store::county_from_years(e.tx, row.code, e.who.county), year);
  if (row.version != version) throw ApiError::stale();
  Indicator next = row;
  apply(next, in);
  if (same_content(next, row)) return row;
  next.region_code = e.who.county;
  next.from_year = year;
  next.to_year = to;
  next.usage_count = 0;
  next.review_comment.clear();
  check_all(e.tx, e.who, next, year);
  next.id = insert_version(e, next);
  Indicator after = *store::find(e.tx, next.id);
  audit_row(e, "indicator.version", after, audit_json(row), audit_json(after));
  return after;
}

}  // namespace

Indicator update_indicator(Env e, int64_t id, const IndicatorInput& in, int year, int64_t version) {
  const auth::Principal& p = e.who.principal;
  Indicator row = must_see(e.tx, e.who, id);
  bool manager = p.can("indicators.manage");
  if (row.region_code.empty()) return override_shipped(e, row, in, year, version);
  if (row.status == "rejected")
    throw ApiError::conflict("indicator_rejected",
                             {"已退回的指标建议不能修改，请重新提出建议", "A rejected proposal"});
  if (row.status == "proposed") {
    bool own = p.can("indicators.propose") && row.proposed_by_org_id &&
               *row.proposed_by_org_id == p.org_id;
    if (!manager && !own)
      throw ApiError::forbidden({"只有提出建议的单位或财政部门可以修改该建议", "Not yours"});
  } else if (!manager) {
    throw ApiError::forbidden({"只有财政部门可以修改在用指标", "Only the finance bureau"});
  }
  if (row.status == "active" && year == 0)
    throw ApiError::field("year", {"请填写修改自哪一年度起生效", "The year is required"});
  EditMode mode = decide_edit(row, year);
  if (row.version != version) throw ApiError::stale();
  Indicator next = row;
  apply(next, in);
  if (row.status == "proposed" && in.from_year) next.from_year = *in.from_year;
  std::string now = now_of(e.clock);
  if (same_content(next, row) && next.from_year == row.from_year) return row;
  if (mode == EditMode::kInPlace) {
    check_all(e.tx, e.who, next, row.status == "proposed" ? next.from_year : year);
    if (!store::update(e.tx, next, version, now)) throw ApiError::stale();
    if (next.name != row.name) workflow::set_title(e.tx, kDocType, row.code, next.name);
    Indicator after = *store::find(e.tx, id);
    audit_row(e, "indicator.update", after, audit_json(row), audit_json(after));
    return after;
  }
  // A new version from `year`: the row ends the year before.
  next.from_year = year;
  next.to_year = row.to_year;
  next.usage_count = 0;
  next.review_comment.clear();
  check_all(e.tx, e.who, next, year);
  Indicator closed = row;
  closed.to_year = year - 1;
  if (!store::update(e.tx, closed, version, now)) throw ApiError::stale();
  next.id = insert_version(e, next);
  Indicator after = *store::find(e.tx, next.id);
  audit_row(e, "indicator.version", after, audit_json(row), audit_json(after));
  return after;
}

namespace {

Indicator review(Env e, int64_t id, const char* action, const std::string& comment,
                 int64_t version) {
  Indicator row = must_see(e.tx, e.who, id);
  if (row.status != "proposed")
    throw ApiError::conflict("not_proposed", {"该指标不是待审核的建议", "Not a proposal"});
  if (std::string(action) == "reject" && comment.empty())
    throw ApiError::field("comment", {"退回建议请写明理由", "A reason is required"});
  if (row.version != version) throw ApiError::stale();
  Indicator next = row;
  next.status = std::string(action) == "approve" ? "active" : "rejected";
  next.review_comment = comment;
  if (next.status == "active")
    check_all(e.tx, e.who, next, next.from_year);  // the tree or the library may have changed
  if (!store::update(e.tx, next, version, now_of(e.clock))) throw ApiError::stale();
  workflow::transition(e.tx, e.workflows, kDocType, row.code, action, comment,
                       step_principal(e.who), e.who.actor, e.clock);
  Indicator after = *store::find(e.tx, id);
  audit_row(e, std::string(action) == "approve" ? "indicator.approve" : "indicator.reject", after,
            audit_json(row), audit_json(after));
  return after;
}

}  // namespace

Indicator approve_indicator(Env e, int64_t id, const std::string& comment, int64_t version) {
  return review(e, id, "approve", comment, version);
}

Indicator reject_indicator(Env e, int64_t id, const std::string& comment, int64_t version) {
  return review(e, id, "reject", comment, version);
}

Indicator retire_indicator(Env e, int64_t id, int year, int64_t version) {
  Indicator row = must_see(e.tx, e.who, id);
  if (row.region_code.empty()) {
    // For the county only: a retired row of its own from `year` shadows the shipped one.
    need_county(e.who);
    auto own = store::county_from_years(e.tx, row.code, e.who.county);
    override_end(row, own, year);
    if (!own.empty())
      throw ApiError::conflict(
          "county_version_exists",
          {"本县已有该指标自" + std::to_string(own.front()) + "年度起的版本，请停用本县的版本",
           "The county has its own version; retire that one"});
    if (row.version != version) throw ApiError::stale();
    Indicator mark = row;
    mark.region_code = e.who.county;
    mark.status = "retired";
    mark.from_year = year;
    mark.to_year = year - 1;
    mark.usage_count = 0;
    mark.id = insert_version(e, mark);
    Indicator after = *store::find(e.tx, mark.id);
    audit_row(e, "indicator.retire", after, audit_json(row), audit_json(after));
    return after;
  }
  if (row.status == "active" && row.to_year)
    throw ApiError::conflict("not_latest", {"请停用该指标的最新版本", "Retire the latest version"});
  check_retire(row, year);
  if (row.version != version) throw ApiError::stale();
  Indicator next = row;
  next.status = "retired";
  next.to_year = year - 1;
  if (!store::update(e.tx, next, version, now_of(e.clock))) throw ApiError::stale();
  if (auto inst = workflow::get(e.tx, kDocType, row.code); inst && inst->state == "active")
    workflow::transition(e.tx, e.workflows, kDocType, row.code, "retire",
                         std::to_string(year) + "年度起停用", step_principal(e.who), e.who.actor,
                         e.clock);
  Indicator after = *store::find(e.tx, id);
  audit_row(e, "indicator.retire", after, audit_json(row), audit_json(after));
  return after;
}

// ---------------------------------------------------------------- export

xlsx::Table export_indicators(db::Conn& c, const Caller& who, const IndicatorFilter& f) {
  xlsx::Template t = import_template();
  xlsx::Table table;
  table.sheet_name = t.sheet;
  for (const auto& col : t.columns) {
    table.headers.push_back(col.title);
    table.widths.push_back(col.width);
  }
  auto names = sector_names(c);
  for (const auto& x : store::list(c, who.viewer, f, std::nullopt, nullptr)) {
    auto it = names.find(x.sector);
    table.rows.push_back({x.code, it == names.end() ? x.sector : it->second, x.field, x.level1,
                          x.level2, x.name, nature_label(x.nature), x.unit, x.recommended_value,
                          basis_label(x.basis), x.method, x.data_source, x.is_core ? "是" : "否",
                          std::to_string(x.from_year)});
  }
  return table;
}

}  // namespace jx::indicators
