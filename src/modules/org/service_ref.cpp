// Use cases of reference data and budget years (docs/api-org.md "Reference data"). Reference
// data is national and kept once per instance, versioned by year; budget years belong to a
// county. Writes are audited in the caller's transaction.
#include <boost/json.hpp>
#include <set>

#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/util/json_input.hpp"

namespace jx::org {

namespace json = boost::json;

namespace {

std::string now_utc(const Clock& clock) {
  return format_utc(clock.now());
}

const RefKind& kind_or_404(const std::string& kind) {
  const RefKind* k = find_ref_kind(kind);
  if (!k) throw ApiError::not_found({"参考数据类别不存在", "No such reference-data kind"});
  return *k;
}

void check_year(const char* field, int year, std::vector<FieldError>& e) {
  if (year < kMinRefYear || year > kMaxRefYear)
    e.push_back({field, {"年度应在2000到2100之间", "The year is between 2000 and 2100"}});
}

// "2020年度起" or "2020至2023年度".
std::string year_span(const RefItem& r) {
  if (!r.to_year) return std::to_string(r.from_year) + "年度起";
  if (*r.to_year == r.from_year) return std::to_string(r.from_year) + "年度";
  return std::to_string(r.from_year) + "至" + std::to_string(*r.to_year) + "年度";
}

void audit_ref(db::Conn& tx, const Clock& clock, const Caller& who, const char* action,
               const RefItem& r, json::value before) {
  audit::append(
      tx, clock, who.actor,
      {action, "ref_item", r.kind + ":" + r.code, "success", std::move(before), ref_item_json(r)});
}

json::value attrs_value(const std::string& text) {
  std::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return json::object{};
  return v;
}

}  // namespace

json::array ref_kinds_json(Lang lang) {
  json::array out;
  for (const auto& k : ref_kinds())
    out.push_back(json::object{{"kind", k.kind},
                               {"name", pick(k.name, lang)},
                               {"name_en", k.name.en},
                               {"hierarchical", k.hierarchical},
                               {"numeric", !k.level_lengths.empty()}});
  return out;
}

std::string ref_name(db::Conn& c, const std::string& kind, const std::string& code, int year) {
  if (code.empty()) return "";
  if (year == 0) {
    auto versions = store::ref_versions(c, kind, code);
    return versions.empty() ? "" : versions.back().name;
  }
  auto v = store::ref_valid(c, kind, code, year);
  return v ? v->name : "";
}

json::object ref_item_json(const RefItem& r) {
  return {
      {"id", r.id},
      {"kind", r.kind},
      {"code", r.code},
      {"name", r.name},
      {"parent_code", r.parent_code.empty() ? json::value(nullptr) : json::value(r.parent_code)},
      {"level", r.level},
      {"sort", r.sort},
      {"attrs", attrs_value(r.attrs_json)},
      {"from_year", r.from_year},
      {"to_year", r.to_year ? json::value(*r.to_year) : json::value(nullptr)}};
}

int current_year(db::Conn& c, const Clock& clock) {
  if (auto y = store::latest_executing_year(c)) return *y;
  return std::stoi(shanghai_date(clock.now()).substr(0, 4));
}

json::object list_ref(db::Conn& c, const std::string& kind, int year, const std::string& q,
                      bool all) {
  const RefKind& k = kind_or_404(kind);
  auto items =
      store::ref_items(c, std::string(k.kind), all ? std::nullopt : std::optional(year), q);
  if (k.level_lengths.empty())  // named kinds keep their shipped order
    std::stable_sort(items.begin(), items.end(),
                     [](const RefItem& a, const RefItem& b) { return a.sort < b.sort; });
  json::array out;
  for (const auto& i : items) out.push_back(ref_item_json(i));
  return {{"items", out}, {"total", static_cast<int64_t>(items.size())}, {"year", year}};
}

RefItem create_ref(db::Conn& tx, const Clock& clock, const Caller& who, RefItem in) {
  const RefKind& k = kind_or_404(in.kind);
  std::vector<FieldError> e;
  RefCodeCheck cc = check_ref_code(k, in.code, in.parent_code);
  if (cc.code_error) e.push_back({"code", *cc.code_error});
  if (cc.parent_error) e.push_back({"parent_code", *cc.parent_error});
  if (auto m = check_ref_name(in.name)) e.push_back({"name", *m});
  check_year("from_year", in.from_year, e);
  if (!attrs_value(in.attrs_json).is_object() || in.attrs_json.size() > 2000)
    e.push_back({"attrs", {"附加属性应为对象", "attrs must be an object"}});
  if (e.empty() && !in.parent_code.empty() &&
      !store::ref_valid(tx, in.kind, in.parent_code, in.from_year))
    e.push_back(
        {"parent_code",
         {"上级编码“" + in.parent_code + "”在" + std::to_string(in.from_year) + "年度不存在",
          "The parent does not exist in that year"}});
  if (!e.empty()) throw ApiError::validation(e);
  for (const auto& v : store::ref_versions(tx, in.kind, in.code))
    if (!v.to_year || *v.to_year >= in.from_year)
      throw ApiError(
          409, "ref_exists",
          {"编码“" + in.code + "”已存在（" + year_span(v) + "有效：" + v.name + "），请改用更名",
           "The code already exists in those years; rename it instead"},
          {{"code", {"编码已存在", "The code exists"}}});
  in.level = cc.level;
  in.sort = store::next_ref_sort(tx, in.kind);
  in.to_year.reset();
  in.id = store::insert_ref(tx, in, now_utc(clock));
  audit_ref(tx, clock, who, "ref.create", in, nullptr);
  return in;
}

RefItem rename_ref(db::Conn& tx, const Clock& clock, const Caller& who, const std::string& kind,
                   const std::string& code, const std::string& name,
                   const std::optional<std::string>& attrs_json, int from_year) {
  kind_or_404(kind);
  std::vector<FieldError> e;
  if (auto m = check_ref_name(name)) e.push_back({"name", *m});
  check_year("from_year", from_year, e);
  if (attrs_json && (!attrs_value(*attrs_json).is_object() || attrs_json->size() > 2000))
    e.push_back({"attrs", {"附加属性应为对象", "attrs must be an object"}});
  if (!e.empty()) throw ApiError::validation(e);
  if (!store::ref_code_exists(tx, kind, code)) throw ApiError::not_found();
  auto current = store::ref_valid(tx, kind, code, from_year);
  if (!current)
    throw ApiError::field("from_year",
                          {"编码“" + code + "”在" + std::to_string(from_year) + "年度不存在",
                           "The item does not exist in that year"});
  std::string attrs = attrs_json.value_or(current->attrs_json);
  if (current->name == name && current->attrs_json == attrs) return *current;
  json::value before = ref_item_json(*current);
  std::string now = now_utc(clock);
  RefItem after = *current;
  after.name = name;
  after.attrs_json = attrs;
  if (current->from_year == from_year) {
    store::set_ref_name(tx, current->id, name, attrs, now);
  } else {
    store::set_ref_to_year(tx, current->id, from_year - 1, now);
    after.from_year = from_year;
    after.id = store::insert_ref(tx, after, now);
  }
  audit_ref(tx, clock, who, "ref.rename", after, std::move(before));
  return after;
}

int retire_ref(db::Conn& tx, const Clock& clock, const Caller& who, const std::string& kind,
               const std::string& code, int year) {
  kind_or_404(kind);
  std::vector<FieldError> e;
  check_year("year", year, e);
  if (!e.empty()) throw ApiError::validation(e);
  if (!store::ref_code_exists(tx, kind, code)) throw ApiError::not_found();
  if (!store::ref_valid(tx, kind, code, year))
    throw ApiError::field("year", {"编码“" + code + "”在" + std::to_string(year) + "年度本已无效",
                                   "The item is not valid in that year"});
  // The item and its descendants valid in `year`, found through parent_code.
  auto items = store::ref_items(tx, kind, year);
  std::vector<RefItem> ending;
  std::set<std::string> codes{code};
  std::set<int64_t> taken;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& i : items)
      if (!taken.count(i.id) && (i.code == code || codes.count(i.parent_code))) {
        taken.insert(i.id);
        codes.insert(i.code);
        ending.push_back(i);
        grew = true;
      }
  }
  for (const auto& i : ending) {
    if (i.from_year >= year)
      throw ApiError::field("year",
                            {"“" + i.code + " " + i.name + "”自" + std::to_string(i.from_year) +
                                 "年度起才有效，不能从" + std::to_string(year) + "年度起停用",
                             "An item starting that year cannot be retired from that year"});
    for (const auto& v : store::ref_versions(tx, kind, i.code))
      if (v.from_year > year)
        throw ApiError::conflict(
            "ref_has_later_versions",
            {"“" + i.code + "”在" + std::to_string(v.from_year) + "年度另有版本，请先处理",
             "The item has a later version"});
  }
  std::string now = now_utc(clock);
  for (const auto& i : ending) {
    json::value before = ref_item_json(i);
    RefItem after = i;
    after.to_year = year - 1;
    store::set_ref_to_year(tx, i.id, year - 1, now);
    audit_ref(tx, clock, who, "ref.retire", after, std::move(before));
  }
  return static_cast<int>(ending.size());
}

// ---------------------------------------------------------------- budget years

std::string budget_region(db::Conn& c, const auth::Principal& p,
                          const std::optional<std::string>& region_code) {
  auto county_ok = [&](const std::string& code) {
    auto r = store::find_region(c, code);
    return r && r->level == "county";
  };
  if (region_code && !region_code->empty()) {
    if (!county_ok(*region_code))
      throw ApiError::field("region_code",
                            {"应为已有的县级行政区划代码", "Must be an existing county code"});
    return *region_code;
  }
  if (p.org_id != 0)
    if (auto o = store::find(c, p.org_id); o && o->region_code.size() >= 6) {
      std::string county = o->region_code.substr(0, 6);
      if (county_ok(county)) return county;
    }
  std::vector<std::string> counties;
  for (const auto& r : store::all_regions(c))
    if (r.level == "county") counties.push_back(r.code);
  if (counties.size() == 1) return counties[0];
  throw ApiError::field("region_code", {"请指定县级行政区划代码", "Name the county (region_code)"});
}

json::object budget_year_json(const BudgetYear& y, Lang lang) {
  return {{"region_code", y.region_code},
          {"year", y.year},
          {"state", y.state},
          {"state_name", pick(year_state_name(y.state), lang)},
          {"version", y.version},
          {"updated_at", y.updated_at}};
}

BudgetYear open_budget_year(db::Conn& tx, const Clock& clock, const Caller& who,
                            const std::string& region_code, int year) {
  std::vector<FieldError> e;
  check_year("year", year, e);
  auto region = store::find_region(tx, region_code);
  if (!region || region->level != "county")
    e.push_back({"region_code", {"应为已有的县级行政区划代码", "Must be an existing county code"}});
  if (!e.empty()) throw ApiError::validation(e);
  if (store::find_budget_year(tx, region_code, year))
    throw ApiError(409, "year_exists", {std::to_string(year) + "年度已存在", "The year exists"},
                   {{"year", {"年度已存在", "The year exists"}}});
  BudgetYear y{region_code, year, "planning", 1, now_utc(clock)};
  store::insert_budget_year(tx, y, y.updated_at);
  audit::append(tx, clock, who.actor,
                {"budget_year.open", "budget_year", region_code + ":" + std::to_string(year),
                 "success", nullptr, json::object{{"state", y.state}}});
  return y;
}

BudgetYear advance_budget_year(db::Conn& tx, const Clock& clock, const Caller& who,
                               const std::string& region_code, int year, const std::string& state,
                               int64_t version, const std::string& reason) {
  if (!is_year_state(state))
    throw ApiError::field("state", {"状态应为 planning、executing 或 closed",
                                    "state is planning, executing or closed"});
  if (reason.size() > 1000) throw ApiError::field("reason", {"说明过长", "Too long"});
  auto y = store::find_budget_year(tx, region_code, year);
  if (!y) throw ApiError::not_found({"预算年度不存在", "No such budget year"});
  if (y->version != version) throw ApiError::stale();
  if (next_year_state(y->state) != state)
    throw ApiError::conflict("state_order",
                             {std::to_string(year) + "年度当前为“" + year_state_name(y->state).zh +
                                  "”，只能推进到下一状态" +
                                  (next_year_state(y->state).empty()
                                       ? std::string("（已是最后状态）")
                                       : "“" + year_state_name(next_year_state(y->state)).zh + "”"),
                              "A year moves one step forward only"});
  std::string now = now_utc(clock);
  if (!store::set_budget_year_state(tx, region_code, year, state, version, now))
    throw ApiError::stale();
  audit::append(
      tx, clock, who.actor,
      {"budget_year.state", "budget_year", region_code + ":" + std::to_string(year), "success",
       json::object{{"state", y->state}}, json::object{{"state", state}, {"reason", reason}}});
  return *store::find_budget_year(tx, region_code, year);
}

}  // namespace jx::org
