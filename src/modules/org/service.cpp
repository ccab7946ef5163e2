#include "modules/org/service.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "modules/org/rules.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/util/text.hpp"

namespace jx::org {

namespace json = boost::json;

namespace {

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

json::value opt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::value parse_or_null(const std::string& s) {
  try {
    return json::parse(s);
  } catch (const std::exception&) {
    return nullptr;
  }
}

const char* kind_name(const std::string& k) {
  static const std::map<std::string, const char*> names{
      {"finance_bureau", "财政局"},  {"finance_office", "财政局股室"}, {"department", "预算部门"},
      {"unit", "预算单位"},          {"township", "乡镇街道"},         {"dev_zone", "经济开发区"},
      {"third_party", "第三方机构"}, {"oversight", "监督机构"}};
  auto it = names.find(k);
  return it == names.end() ? "" : it->second;
}

const char* status_name(const std::string& s) {
  if (s == "active") return "在用";
  if (s == "inactive") return "停用";
  if (s == "merged") return "已合并";
  return "";
}

std::string now_of(const Clock& clock) {
  return format_utc(clock.now());
}

void record(db::Conn& tx, const Clock& clock, const Caller& who, int64_t org_id,
            const std::string& action, const json::value& before, const json::value& after,
            const std::string& reason) {
  HistoryEntry h;
  h.org_id = org_id;
  h.at = now_of(clock);
  h.action = action;
  h.actor_name = who.actor.name;
  h.before_json = json::serialize(before);
  h.after_json = json::serialize(after);
  h.reason = reason;
  store::insert_history(tx, h, who.actor.user_id);
  json::value audit_after = after;
  if (!reason.empty() && audit_after.is_object()) audit_after.as_object()["reason"] = reason;
  audit::append(
      tx, clock, who.actor,
      {"org." + action, "organization", std::to_string(org_id), "success", before, audit_after});
}

json::object snapshot(db::Conn& c, const Organization& o) {
  return org_json(o, o.kind == "finance_office" ? store::overseen_departments(c, o.id)
                                                : std::vector<int64_t>{});
}

Organization must_find(db::Conn& c, const Caller& who, int64_t id) {
  auto o = store::find_in_scope(c, id, who.scope);
  if (!o) throw ApiError::not_found({"单位不存在或无权访问", "No such organization"});
  return *o;
}

void check_unique(db::Conn& c, const Organization& o) {
  if (!o.code.empty())
    if (auto other = store::find_by_code(c, o.region_code, o.code); other && *other != o.id)
      throw ApiError(409, "code_taken",
                     {"预算单位编码“" + o.code + "”在本区域已被使用", "The budget code is taken"},
                     {{"code", {"预算单位编码已被使用", "The budget code is taken"}}});
  if (!o.uscc.empty())
    if (auto other = store::find_by_uscc(c, o.uscc); other && *other != o.id)
      throw ApiError(409, "uscc_taken",
                     {"统一社会信用代码“" + o.uscc + "”已被其他单位使用",
                      "The unified social credit code is taken"},
                     {{"uscc", {"统一社会信用代码已被使用", "The code is taken"}}});
}

// Field rules shared by create and update; parent may be null for roots.
void validate_fields(db::Conn& c, const Organization& o, const std::optional<Organization>& parent,
                     std::vector<FieldError>& e) {
  size_t n = utf8_length(o.name);
  if (n < 2 || n > 100)
    e.push_back({"name", {"名称不能为空，且为2到100个字", "The name has 2 to 100 characters"}});
  if (utf8_length(o.short_name) > 40)
    e.push_back({"short_name", {"简称不超过40个字", "At most 40 characters"}});
  if (auto m = check_budget_code(o.kind, o.code, parent ? parent->code : "")) {
    if (is_budget_kind(o.kind) || !o.code.empty()) e.push_back({"code", *m});
  } else if (is_budget_kind(o.kind) && o.code.empty()) {
    e.push_back({"code", {"预算单位编码不能为空", "The budget code is required"}});
  }
  bool uscc_required = is_budget_kind(o.kind) || o.kind == "third_party";
  if (o.uscc.empty()) {
    if (uscc_required)
      e.push_back(
          {"uscc", {"统一社会信用代码不能为空", "The unified social credit code is required"}});
  } else if (auto r = check_uscc(o.uscc); !r.ok()) {
    e.push_back({"uscc", uscc_message(r)});
  }
  bool type_known = false;
  for (const char* t : kUnitTypes) type_known |= o.unit_type == t;
  if (o.unit_type.empty() ? is_budget_kind(o.kind) : !type_known)
    e.push_back({"unit_type",
                 {"单位性质应为 行政单位、参公事业单位、事业单位、社会团体、国有企业 或 其他",
                  "unit_type must be one of the listed types"}});
  if (o.kind == "finance_office") {
    bool ok = false;
    for (const char* r : kOfficeRoles) ok |= o.office_role == r;
    if (!ok)
      e.push_back({"office_role",
                   {"股室职能应为 performance、budget、business、review_center 或 other",
                    "office_role must be performance, budget, business, review_center or other"}});
  } else if (!o.office_role.empty()) {
    e.push_back({"office_role", {"只有财政局股室有股室职能", "Only a finance office has a role"}});
  }
  if (!o.sector_code.empty() && !store::ref_code_exists(c, "sector", o.sector_code))
    e.push_back({"sector_code",
                 {"行业领域“" + o.sector_code + "”不在参考数据的行业领域中",
                  "Unknown sector (see the reference data)"}});
  static const std::regex kPhone("^[0-9+\\- ]{0,20}$");
  if (!std::regex_match(o.phone, kPhone))
    e.push_back({"phone", {"电话号码格式不正确", "Invalid phone number"}});
  if (utf8_length(o.contact) > 40)
    e.push_back({"contact", {"联系人不超过40个字", "At most 40 characters"}});
  json::value q = parse_or_null(o.qualification_json);
  if (!q.is_object()) {
    e.push_back({"qualification", {"资质信息应为对象", "qualification must be an object"}});
  } else if (o.kind != "third_party" && !q.as_object().empty()) {
    e.push_back({"qualification", {"只有第三方机构有资质信息", "Only a third party has one"}});
  } else {
    const auto& qo = q.as_object();
    for (const auto& [k, v] : qo) {
      if (k == "credit_rating" && !(v.is_string() && utf8_length(std::string(v.as_string())) <= 10))
        e.push_back({"qualification.credit_rating",
                     {"信用等级应为不超过10个字的文字", "credit_rating is a short text"}});
      else if (k == "business_scope" &&
               !(v.is_string() && utf8_length(std::string(v.as_string())) <= 500))
        e.push_back({"qualification.business_scope",
                     {"业务范围应为不超过500个字的文字", "business_scope is a text"}});
      else if (k == "certificates") {
        bool ok = v.is_array() && v.as_array().size() <= 20;
        if (ok)
          for (const auto& x : v.as_array())
            ok &= x.is_string() && utf8_length(std::string(x.as_string())) <= 100;
        if (!ok)
          e.push_back({"qualification.certificates",
                       {"资质证书应为文字列表（不超过20项）", "certificates is a list of texts"}});
      } else if (k != "credit_rating" && k != "business_scope" && k != "certificates") {
        e.push_back({"qualification." + std::string(k), {"不支持的资质字段", "Unknown field"}});
      }
    }
  }
  if (parent) {
    if (!parent_allowed(o.kind, parent->kind))
      e.push_back({"parent_id",
                   {std::string(kind_name(o.kind)) + "不能设在" + kind_name(parent->kind) + "之下",
                    "This kind cannot sit under that parent"}});
    else if (parent->status != "active")
      e.push_back({"parent_id", {"上级单位已停用或已合并", "The parent is not active"}});
    else if (!region_within(o.region_code, parent->region_code))
      e.push_back({"region_code",
                   {"行政区划应在上级单位的区划之内", "The region lies outside the parent's"}});
  } else if (!parent_allowed(o.kind, "")) {
    e.push_back(
        {"parent_id",
         {std::string(kind_name(o.kind)) + "必须指定上级单位", "This kind needs a parent"}});
  }
}

void apply(Organization& o, const OrgInput& in) {
  if (in.name) o.name = *in.name;
  if (in.short_name) o.short_name = *in.short_name;
  if (in.code) o.code = *in.code;
  if (in.uscc) o.uscc = upper(*in.uscc);
  if (in.office_role) o.office_role = *in.office_role;
  if (in.unit_type) o.unit_type = *in.unit_type;
  if (in.sector_code) o.sector_code = *in.sector_code;
  if (in.contact) o.contact = *in.contact;
  if (in.phone) o.phone = *in.phone;
  if (in.qualification_json) o.qualification_json = *in.qualification_json;
}

std::optional<Organization> parent_of(db::Conn& c, const Organization& o) {
  if (!o.parent_id) return std::nullopt;
  return store::find(c, *o.parent_id);
}

bool is_admin_permission(const std::string& code) {
  for (const auto& p : auth::permissions())
    if (p.code == code)
      return p.module == "system" || p.module == "security" || p.module == "audit";
  return false;
}

void validate_role(const store::Role& r) {
  std::vector<FieldError> e;
  static const std::regex kCode("^[a-z][a-z0-9_]{2,31}$");
  if (!std::regex_match(r.code, kCode))
    e.push_back({"code",
                 {"角色代码须为3–32位小写字母、数字或下划线，并以字母开头",
                  "3-32 characters of a-z, 0-9 and _, starting with a letter"}});
  size_t n = utf8_length(r.name);
  if (n < 2 || n > 40) e.push_back({"name", {"角色名称为2到40个字", "2-40 characters"}});
  if (utf8_length(r.description) > 200)
    e.push_back({"description", {"说明不超过200个字", "At most 200 characters"}});
  if (!is_scope_kind(r.scope_kind))
    e.push_back(
        {"scope_kind",
         {"数据范围应为 own_unit、own_department、overseen、region、all 或 assigned",
          "scope_kind must be own_unit, own_department, overseen, region, all or assigned"}});
  if (r.permissions.empty())
    e.push_back({"permissions", {"至少选择一项权限", "Choose at least one permission"}});
  for (size_t i = 0; i < r.permissions.size(); ++i) {
    const auto& p = r.permissions[i];
    std::string f = "permissions." + std::to_string(i);
    if (!auth::is_known_permission(p))
      e.push_back({f, {"未知的权限：" + p, "Unknown permission " + p}});
    else if (is_admin_permission(p))
      e.push_back({f,
                   {"业务角色不能包含管理员权限：" + p + "（三员分立）",
                    "A business role cannot hold the administrator permission " + p}});
  }
  if (!e.empty()) throw ApiError::validation(e);
}

}  // namespace

auth::Scope org_scope(const auth::Principal& p) {
  if (p.can("system.org.manage")) return auth::Scope::all();
  return p.scope;
}

Caller system_caller(const std::string& name) {
  Caller c;
  c.scope = auth::Scope::all();
  c.actor.name = name;
  return c;
}

json::object org_json(const Organization& o, const std::vector<int64_t>& overseen) {
  json::array ov;
  for (int64_t d : overseen) ov.push_back(d);
  std::string path = o.path;
  if (!path.empty() && path.back() == '/') path.pop_back();
  json::value q = parse_or_null(o.qualification_json);
  if (!q.is_object()) q = json::object{};
  return {{"id", o.id},
          {"kind", o.kind},
          {"name", o.name},
          {"short_name", o.short_name},
          {"code", opt(o.code)},
          {"uscc", opt(o.uscc)},
          {"region_code", o.region_code},
          {"parent_id", opt(o.parent_id)},
          {"department_id", opt(o.department_id)},
          {"office_role", opt(o.office_role)},
          {"unit_type", o.unit_type},
          {"sector_code", o.sector_code},
          {"status", o.status},
          {"merged_into_id", opt(o.merged_into_id)},
          {"overseen_department_ids", ov},
          {"qualification", q},
          {"contact", o.contact},
          {"phone", o.phone},
          {"path", path},
          {"version", o.version},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

// ---------------------------------------------------------------- reads

json::array region_tree(db::Conn& c, const auth::Scope& scope) {
  auto regions = store::all_regions(c);
  std::set<std::string> keep;
  if (scope.is_all()) {
    for (const auto& r : regions) keep.insert(r.code);
  } else {
    std::map<std::string, std::string> parent;
    for (const auto& r : regions) parent[r.code] = r.parent_code;
    for (auto code : store::region_codes_in_scope(c, scope))
      while (!code.empty() && keep.insert(code).second) code = parent[code];
  }
  std::map<std::string, const Region*> by_code;
  std::map<std::string, std::vector<const Region*>> children;
  for (const auto& r : regions)
    if (keep.count(r.code)) by_code[r.code] = &r;
  for (const auto& [code, r] : by_code) children[r->parent_code].push_back(r);
  std::function<json::object(const Region&)> build = [&](const Region& r) {
    json::array kids;
    for (const Region* child : children[r.code]) kids.push_back(build(*child));
    return json::object{{"code", r.code},           {"name", r.name},
                        {"level", r.level},         {"parent_code", opt(r.parent_code)},
                        {"full_name", r.full_name}, {"children", kids}};
  };
  json::array out;
  for (const auto& [code, r] : by_code)
    if (r->parent_code.empty() || !by_code.count(r->parent_code)) out.push_back(build(*r));
  return out;
}

json::object tree_children(db::Conn& c, const auth::Scope& scope, std::optional<int64_t> parent_id,
                           const std::string& region_code) {
  if (parent_id && !store::find_in_scope(c, *parent_id, scope))
    throw ApiError::not_found({"单位不存在或无权访问", "No such organization"});
  json::array items;
  for (const auto& [o, has] : store::children(c, scope, parent_id, region_code)) {
    json::object j = org_json(o, {});
    j["has_children"] = has;
    items.push_back(j);
  }
  auto n = items.size();
  return {{"items", items}, {"total", n}};
}

int64_t index_missing_names(db::Conn& tx) {
  return store::index_missing_names(tx);
}

json::object tree_search(db::Conn& c, const auth::Scope& scope, const std::string& q) {
  // Three queries whatever the number of matches: the matches, the names of all their
  // ancestors in scope, and which matches have children in scope.
  auto found = store::search(c, scope, q, 100);
  std::vector<std::vector<int64_t>> ancestors_of;
  std::vector<int64_t> ancestor_ids, found_ids;
  std::set<int64_t> seen;
  for (const auto& o : found) {
    found_ids.push_back(o.id);
    std::vector<int64_t> ids;
    size_t start = 0;
    for (size_t i = 0; i < o.path.size(); ++i)
      if (o.path[i] == '/') {
        int64_t id = std::stoll(o.path.substr(start, i - start));
        if (id != o.id) {
          ids.push_back(id);
          if (seen.insert(id).second) ancestor_ids.push_back(id);
        }
        start = i + 1;
      }
    ancestors_of.push_back(std::move(ids));
  }
  std::map<int64_t, std::string> names;
  for (auto& [id, name] : store::names_in_scope(c, scope, ancestor_ids)) names[id] = name;
  std::set<int64_t> parents = store::with_children(c, found_ids, scope);
  json::array items;
  for (size_t k = 0; k < found.size(); ++k) {
    json::array ancestors;
    for (int64_t id : ancestors_of[k])
      if (auto it = names.find(id); it != names.end())
        ancestors.push_back(json::object{{"id", id}, {"name", it->second}});
    json::object j = org_json(found[k], {});
    j["has_children"] = parents.count(found[k].id) > 0;
    j["ancestors"] = ancestors;
    items.push_back(j);
  }
  auto n = items.size();
  return {{"items", items}, {"total", n}};
}

json::object list_units(db::Conn& c, const auth::Scope& scope, const UnitFilter& f,
                        const Page& page) {
  int64_t total = 0;
  json::array items;
  for (const auto& o : store::list(c, scope, f, page, &total)) items.push_back(snapshot(c, o));
  return {{"items", items}, {"total", total}};
}

xlsx::Table export_units(db::Conn& c, const auth::Scope& scope, const UnitFilter& f) {
  xlsx::Table t;
  t.sheet_name = "单位列表";
  t.headers = {"预算单位编码", "单位名称", "简称",     "类型", "统一社会信用代码",
               "行政区划",     "单位性质", "行业代码", "状态"};
  t.widths = {14, 36, 16, 12, 22, 12, 14, 10, 8};
  Page all;
  all.size = 100000;
  for (const auto& o : store::list(c, scope, f, all, nullptr))
    t.rows.push_back({o.code, o.name, o.short_name, kind_name(o.kind), o.uscc, o.region_code,
                      o.unit_type, o.sector_code, status_name(o.status)});
  return t;
}

std::string caller_county(db::Conn& c, const auth::Principal& p) {
  if (p.org_id <= 0)
    throw ApiError::forbidden({"您的账号未归属机构，不能查看或修改本县设置", "No organization"});
  return county_of(get_org(c, auth::Scope::all(), p.org_id).region_code);
}

Organization get_org(db::Conn& c, const auth::Scope& scope, int64_t id) {
  auto o = store::find_in_scope(c, id, scope);
  if (!o) throw ApiError::not_found({"单位不存在或无权访问", "No such organization"});
  return *o;
}

json::object unit_detail(db::Conn& c, const auth::Scope& scope, int64_t id) {
  Organization o = get_org(c, scope, id);
  json::object j = snapshot(c, o);
  json::array history;
  for (const auto& h : store::history(c, id))
    history.push_back(json::object{{"id", h.id},
                                   {"org_id", h.org_id},
                                   {"at", h.at},
                                   {"action", h.action},
                                   {"actor_name", h.actor_name},
                                   {"before", parse_or_null(h.before_json)},
                                   {"after", parse_or_null(h.after_json)},
                                   {"reason", h.reason}});
  j["history"] = history;
  j["children_count"] = store::count_children(c, id, scope);
  j["users_count"] = store::count_users(c, id);
  return j;
}

// ---------------------------------------------------------------- writes

void create_region(db::Conn& tx, const Clock& clock, const Caller& who, const Region& in) {
  Region r = in;
  auto level = region_level(r.code);
  std::vector<FieldError> e;
  if (!level) e.push_back({"code", {"行政区划代码格式不正确", "Invalid region code"}});
  if (utf8_length(r.name) < 2 || utf8_length(r.name) > 40)
    e.push_back({"name", {"区划名称为2到40个字", "2-40 characters"}});
  if (level) {
    r.level = level_name(*level);
    r.parent_code = region_parent(r.code);
    if (!r.parent_code.empty()) {
      auto p = store::find_region(tx, r.parent_code);
      if (!p)
        e.push_back({"code", {"上级区划 " + r.parent_code + " 不存在", "The parent is missing"}});
      else if (r.full_name.empty())
        r.full_name = p->full_name + r.name;
    }
    if (r.full_name.empty()) r.full_name = r.name;
  }
  if (!e.empty()) throw ApiError::validation(e);
  if (store::find_region(tx, r.code))
    throw ApiError::conflict("region_exists", {"行政区划已存在", "The region exists"});
  store::insert_region(tx, r, now_of(clock));
  audit::append(tx, clock, who.actor,
                {"region.create", "region", r.code, "success", nullptr,
                 json::object{{"code", r.code}, {"name", r.name}, {"level", r.level}}});
}

Organization create_org(db::Conn& tx, const Clock& clock, const Caller& who, const OrgInput& in) {
  Organization o;
  std::vector<FieldError> e;
  o.kind = in.kind.value_or("");
  if (!is_known_kind(o.kind))
    throw ApiError::field("kind", {"机构类型不正确", "Unknown organization kind"});
  o.region_code = in.region_code.value_or("");
  apply(o, in);
  std::optional<Organization> parent;
  if (in.parent_id) {
    parent = store::find_in_scope(tx, *in.parent_id, who.scope);
    if (!parent) throw ApiError::field("parent_id", {"上级单位不存在", "No such parent"});
    if (o.region_code.empty()) o.region_code = parent->region_code;
  }
  if (!store::find_region(tx, o.region_code))
    e.push_back({"region_code", {"行政区划不存在", "No such region"}});
  validate_fields(tx, o, parent, e);
  if (!e.empty()) throw ApiError::validation(e);
  if (!who.scope.is_all()) {
    // A creator limited by scope may only add under an org it sees (the parent check above) or
    // in a region it holds.
    if (!parent) throw ApiError::forbidden();
  }
  if (o.kind == "finance_bureau")
    for (const auto& other :
         store::list(tx, auth::Scope::all(),
                     UnitFilter{"", "finance_bureau", o.region_code, {}, "", "", "code"},
                     std::nullopt, nullptr))
      if (other.region_code == o.region_code)
        throw ApiError::conflict("bureau_exists",
                                 {"该区划已有财政局", "The region already has a finance bureau"});
  check_unique(tx, o);
  o.parent_id = parent ? std::optional<int64_t>(parent->id) : std::nullopt;
  std::string now = now_of(clock);
  o.id = store::insert(tx, o, now);
  o.path = child_path(parent ? parent->path : "", o.id);
  if (is_department_kind(o.kind))
    o.department_id = o.id;
  else if (parent)
    o.department_id = parent->department_id;
  store::set_placement(tx, o.id, o.path, o.department_id);
  Organization saved = *store::find(tx, o.id);
  record(tx, clock, who, o.id, "create", nullptr, snapshot(tx, saved), "");
  return saved;
}

Organization update_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id,
                        const OrgInput& in, int64_t version, const std::string& reason) {
  Organization before = must_find(tx, who, id);
  Organization o = before;
  apply(o, in);
  std::vector<FieldError> e;
  if (in.kind && *in.kind != before.kind)
    e.push_back({"kind", {"机构类型不能修改", "The kind cannot change"}});
  if (in.region_code && *in.region_code != before.region_code)
    e.push_back({"region_code", {"行政区划不能在此修改", "The region cannot change here"}});
  if (in.parent_id_given && in.parent_id != before.parent_id)
    e.push_back({"parent_id", {"调整上级请使用“移动”", "Use move to change the parent"}});
  auto parent = parent_of(tx, o);
  // A parent that became inactive later does not block editing the child's own fields.
  if (parent && parent->status != "active") parent->status = "active";
  validate_fields(tx, o, parent, e);
  if (!e.empty()) throw ApiError::validation(e);
  if (o.code != before.code && !store::child_ids(tx, id).empty() && is_budget_kind(o.kind))
    throw ApiError(409, "code_in_use",
                   {"该单位有下属单位，不能修改预算单位编码", "It has children; the code stays"},
                   {{"code", {"有下属单位时不能修改编码", "Cannot change with children"}}});
  check_unique(tx, o);
  if (!store::update(tx, o, version, now_of(clock))) throw ApiError::stale();
  Organization after = *store::find(tx, id);
  record(tx, clock, who, id, before.name != after.name ? "rename" : "update", snapshot(tx, before),
         snapshot(tx, after), reason);
  return after;
}

Organization move_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id,
                      int64_t parent_id, std::optional<std::string> code, int64_t version,
                      const std::string& reason) {
  Organization before = must_find(tx, who, id);
  if (before.status != "active")
    throw ApiError::conflict("not_active", {"只有在用的单位可以移动", "Only an active org moves"});
  auto parent = store::find_in_scope(tx, parent_id, who.scope);
  if (!parent) throw ApiError::field("parent_id", {"上级单位不存在", "No such parent"});
  if (parent->id == id || would_cycle(before.path, parent->path))
    throw ApiError::field("parent_id", {"不能移动到自身或其下级单位之下",
                                        "Cannot move under itself or a descendant"});
  Organization o = before;
  o.parent_id = parent->id;
  if (code) o.code = *code;
  std::vector<FieldError> e;
  validate_fields(tx, o, parent, e);
  if (!e.empty()) throw ApiError::validation(e);
  check_unique(tx, o);
  if (!store::update(tx, o, version, now_of(clock))) throw ApiError::stale();
  std::string new_path = child_path(parent->path, id);
  store::move_subtree(tx, before.path, new_path,
                      is_department_kind(o.kind) ? std::nullopt : parent->department_id);
  Organization after = *store::find(tx, id);
  record(tx, clock, who, id, "move", snapshot(tx, before), snapshot(tx, after), reason);
  return after;
}

int64_t merge_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id, int64_t into_id,
                  int64_t version, const std::string& reason) {
  Organization before = must_find(tx, who, id);
  if (before.status != "active")
    throw ApiError::conflict("not_active", {"只有在用的单位可以合并", "Only an active org merges"});
  auto into = store::find_in_scope(tx, into_id, who.scope);
  if (!into) throw ApiError::field("into_id", {"合并目标不存在", "No such target"});
  if (into->id == id || would_cycle(before.path, into->path))
    throw ApiError::field("into_id", {"不能合并到自身或其下级单位", "Not into itself"});
  if (into->status != "active")
    throw ApiError::field("into_id", {"合并目标已停用或已合并", "The target is not active"});
  // Department-like kinds merge among themselves, except the 财政局 (its 股室 sit under it).
  bool bureau = before.kind == "finance_bureau" || into->kind == "finance_bureau";
  bool same = is_department_kind(before.kind) && !bureau ? is_department_kind(into->kind)
                                                         : before.kind == into->kind;
  if (!same)
    throw ApiError::field("into_id", {"只能合并到同类机构", "Only into an org of the same kind"});
  // Children move to the target, with their subtrees.
  for (int64_t child_id : store::child_ids(tx, id)) {
    Organization child = *store::find(tx, child_id);
    Organization moved = child;
    moved.parent_id = into->id;
    store::update(tx, moved, child.version, now_of(clock));
    store::move_subtree(tx, child.path, child_path(into->path, child_id), into->department_id);
    Organization after = *store::find(tx, child_id);
    record(tx, clock, who, child_id, "move", snapshot(tx, child), snapshot(tx, after),
           reason.empty() ? "随“" + before.name + "”合并" : reason);
  }
  if (is_department_kind(before.kind)) store::move_oversight(tx, id, into->id);
  Organization o = before;
  o.status = "merged";
  o.merged_into_id = into->id;
  if (!store::update(tx, o, version, now_of(clock))) throw ApiError::stale();
  Organization after = *store::find(tx, id);
  record(tx, clock, who, id, "merge", snapshot(tx, before), snapshot(tx, after), reason);
  return store::count_users(tx, id);
}

Organization set_active(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id,
                        bool active, int64_t version, const std::string& reason) {
  Organization before = must_find(tx, who, id);
  Organization o = before;
  if (active) {
    if (before.status == "merged")
      throw ApiError::conflict("merged", {"已合并的单位不能恢复", "A merged org stays merged"});
    if (before.status == "active")
      throw ApiError::conflict("already_active", {"该单位已在用", "Already active"});
    auto parent = parent_of(tx, before);
    if (parent && parent->status != "active")
      throw ApiError::conflict(
          "parent_inactive",
          {"上级单位“" + parent->name + "”未启用，请先恢复上级", "Reactivate the parent first"});
    o.status = "active";
  } else {
    if (before.status != "active")
      throw ApiError::conflict("not_active", {"该单位已停用或已合并", "Not active"});
    OrgNode self{before.id,          before.parent_id, before.department_id, before.kind,
                 before.region_code, before.path,      before.status};
    if (!may_deactivate(self, store::subtree(tx, before.path)))
      throw ApiError::conflict(
          "has_active_units",
          {"“" + before.name + "”下仍有在用的单位，不能停用", "It still has active units"});
    o.status = "inactive";
  }
  if (!store::update(tx, o, version, now_of(clock))) throw ApiError::stale();
  Organization after = *store::find(tx, id);
  record(tx, clock, who, id, active ? "reactivate" : "deactivate", snapshot(tx, before),
         snapshot(tx, after), reason);
  return after;
}

Organization set_oversight(db::Conn& tx, const Clock& clock, const Caller& who, int64_t office_id,
                           std::vector<int64_t> department_ids, int64_t version) {
  Organization office = must_find(tx, who, office_id);
  if (office.kind != "finance_office")
    throw ApiError::conflict("not_an_office",
                             {"只有财政局股室可以设置归口部门", "Only a finance office oversees"});
  std::vector<FieldError> e;
  std::set<int64_t> seen;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < department_ids.size(); ++i) {
    int64_t d = department_ids[i];
    std::string f = "department_ids." + std::to_string(i);
    auto dept = store::find_in_scope(tx, d, who.scope);
    if (!dept)
      e.push_back({f, {"部门不存在：" + std::to_string(d), "No such department"}});
    else if (!is_department_kind(dept->kind) || dept->kind == "finance_bureau")
      e.push_back({f, {"“" + dept->name + "”不是预算部门", "Not a department"}});
    else if (dept->status != "active")
      e.push_back({f, {"“" + dept->name + "”已停用或已合并", "Not active"}});
    else if (!region_within(dept->region_code, office.region_code))
      e.push_back({f, {"“" + dept->name + "”不在本财政局的区划内", "Outside the region"}});
    else if (seen.insert(d).second)
      ids.push_back(d);
  }
  if (!e.empty()) throw ApiError::validation(e);
  std::sort(ids.begin(), ids.end());
  json::object before = snapshot(tx, office);
  if (!store::update(tx, office, version, now_of(clock))) throw ApiError::stale();
  store::set_oversight(tx, office_id, ids);
  Organization after = *store::find(tx, office_id);
  record(tx, clock, who, office_id, "oversight", before, snapshot(tx, after), "");
  return after;
}

void assign_user_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t user_id,
                     int64_t org_id) {
  Organization o = must_find(tx, who, org_id);
  if (o.status != "active")
    throw ApiError::field("org_id", {"单位已停用或已合并", "The organization is not active"});
  store::set_user_org(tx, user_id, org_id, now_of(clock));
  audit::append(tx, clock, who.actor,
                {"user.set_org", "user", std::to_string(user_id), "success", nullptr,
                 json::object{{"org_id", org_id}, {"org_name", o.name}}});
}

// ---------------------------------------------------------------- experts

json::object expert_json(const Expert& e) {
  json::array fields;
  for (const auto& f : e.fields) fields.emplace_back(f);
  return {{"id", e.id},
          {"name", e.name},
          {"org_id", opt(e.org_id)},
          {"region_code", e.region_code},
          {"title", e.title},
          {"fields", fields},
          {"phone", e.phone},
          {"id_card_tail", e.id_card_tail},
          {"status", e.status},
          {"user_id", opt(e.user_id)},
          {"version", e.version}};
}

json::object list_experts(db::Conn& c, const auth::Scope& scope, const std::string& q,
                          const std::string& field, const std::string& status, const Page& page) {
  int64_t total = 0;
  json::array items;
  for (const auto& e : store::list_experts(c, scope, q, field, status, page, &total)) {
    json::object j = expert_json(e);
    j["org_name"] = opt(e.org_name);
    items.push_back(j);
  }
  return {{"items", items}, {"total", total}};
}

namespace {

void validate_expert(db::Conn& tx, const Caller& who, Expert& e) {
  std::vector<FieldError> errs;
  size_t n = utf8_length(e.name);
  if (n < 2 || n > 40) errs.push_back({"name", {"姓名为2到40个字", "2-40 characters"}});
  if (utf8_length(e.title) > 40)
    errs.push_back({"title", {"职称不超过40个字", "At most 40 characters"}});
  if (e.fields.empty() || e.fields.size() > 10)
    errs.push_back({"fields", {"专业领域为1到10项", "1 to 10 fields"}});
  for (size_t i = 0; i < e.fields.size(); ++i)
    if (utf8_length(e.fields[i]) < 1 || utf8_length(e.fields[i]) > 20)
      errs.push_back({"fields." + std::to_string(i), {"每项领域为1到20个字", "1-20 characters"}});
  static const std::regex kPhone("^[0-9+\\- ]{0,20}$");
  if (!std::regex_match(e.phone, kPhone))
    errs.push_back({"phone", {"电话号码格式不正确", "Invalid phone number"}});
  e.id_card_tail = upper(e.id_card_tail);
  static const std::regex kTail("^([0-9]{3}[0-9X])?$");
  if (!std::regex_match(e.id_card_tail, kTail))
    errs.push_back(
        {"id_card_tail", {"身份证后四位格式不正确", "Last 4 characters of the ID card"}});
  if (e.status != "active" && e.status != "inactive")
    errs.push_back({"status", {"状态应为 active 或 inactive", "active or inactive"}});
  if (e.org_id) {
    auto o = store::find_in_scope(tx, *e.org_id, who.scope);
    if (!o)
      errs.push_back({"org_id", {"工作单位不存在", "No such organization"}});
    else
      e.region_code = o->region_code;
  }
  if (!e.org_id && !store::find_region(tx, e.region_code))
    errs.push_back({"region_code", {"行政区划不存在", "No such region"}});
  if (e.user_id && !tx.one("SELECT 1 FROM users WHERE id = ?", {*e.user_id}))
    errs.push_back({"user_id", {"账号不存在", "No such user"}});
  if (!errs.empty()) throw ApiError::validation(errs);
}

}  // namespace

std::optional<Expert> find_expert(db::Conn& c, int64_t id) {
  return store::find_expert(c, id, auth::Scope::all());
}

Expert create_expert(db::Conn& tx, const Clock& clock, const Caller& who, Expert e) {
  validate_expert(tx, who, e);
  e.id = store::insert_expert(tx, e, now_of(clock));
  e.version = 1;
  audit::append(
      tx, clock, who.actor,
      {"expert.create", "expert", std::to_string(e.id), "success", nullptr, expert_json(e)});
  return e;
}

Expert update_expert(db::Conn& tx, const Clock& clock, const Caller& who, Expert e,
                     int64_t version) {
  auto before = store::find_expert(tx, e.id, who.scope);
  if (!before) throw ApiError::not_found({"专家不存在或无权访问", "No such expert"});
  validate_expert(tx, who, e);
  if (!store::update_expert(tx, e, version, now_of(clock))) throw ApiError::stale();
  Expert after = *store::find_expert(tx, e.id, auth::Scope::all());
  audit::append(tx, clock, who.actor,
                {"expert.update", "expert", std::to_string(e.id), "success", expert_json(*before),
                 expert_json(after)});
  return after;
}

// ---------------------------------------------------------------- roles

json::object role_json(const store::Role& r) {
  json::array perms;
  for (const auto& p : r.permissions) perms.emplace_back(p);
  return {{"id", r.id},
          {"code", r.code},
          {"name", r.name},
          {"name_en", ""},
          {"builtin", r.builtin},
          {"admin_kind", opt(r.admin_kind)},
          {"description", r.description},
          {"scope_kind", r.scope_kind},
          {"permissions", perms},
          {"version", r.version}};
}

store::Role create_role(db::Conn& tx, const Clock& clock, const audit::Actor& actor,
                        store::Role r) {
  std::sort(r.permissions.begin(), r.permissions.end());
  r.permissions.erase(std::unique(r.permissions.begin(), r.permissions.end()), r.permissions.end());
  validate_role(r);
  if (store::find_role_by_code(tx, r.code))
    throw ApiError(409, "role_code_taken",
                   {"角色代码“" + r.code + "”已被使用", "The code is taken"},
                   {{"code", {"角色代码已被使用", "The code is taken"}}});
  r.id = store::insert_role(tx, r, now_of(clock));
  store::Role saved = *store::find_role(tx, r.id);
  audit::append(
      tx, clock, actor,
      {"role.create", "role", std::to_string(r.id), "success", nullptr, role_json(saved)});
  return saved;
}

store::Role update_role(db::Conn& tx, const Clock& clock, const audit::Actor& actor, store::Role r,
                        int64_t version, std::vector<int64_t>* holders) {
  auto before = store::find_role(tx, r.id);
  if (!before) throw ApiError::not_found({"角色不存在", "No such role"});
  if (before->builtin)
    throw ApiError::conflict("builtin_role", {"内置角色不能修改", "Built-in roles are read-only"});
  r.code = before->code;
  std::sort(r.permissions.begin(), r.permissions.end());
  r.permissions.erase(std::unique(r.permissions.begin(), r.permissions.end()), r.permissions.end());
  validate_role(r);
  if (!store::update_role(tx, r, version, now_of(clock))) throw ApiError::stale();
  store::Role saved = *store::find_role(tx, r.id);
  audit::append(tx, clock, actor,
                {"role.update", "role", std::to_string(r.id), "success", role_json(*before),
                 role_json(saved)});
  if (holders) *holders = store::users_with_role(tx, r.id);
  return saved;
}

// ---------------------------------------------------------------- scope

void load_scope(db::Conn& c, auth::Principal& p) {
  ScopeInput in;
  for (auto& k : store::scope_kinds_of_user(c, p.user_id))
    if (k != "all") in.scope_kinds.push_back(k);  // the platform already granted "all"
  if (in.scope_kinds.empty() || p.org_id == 0) return;
  in.user_org = store::node(c, p.org_id);
  if (!in.user_org) return;
  std::set<std::string> kinds(in.scope_kinds.begin(), in.scope_kinds.end());
  std::vector<int64_t> depts;
  if (kinds.count("own_department") && in.user_org->department_id)
    depts.push_back(*in.user_org->department_id);
  if (kinds.count("overseen"))
    for (int64_t d : store::overseen_departments(c, p.org_id)) {
      in.oversight.emplace_back(p.org_id, d);
      depts.push_back(d);
    }
  in.orgs = store::nodes_of_departments(c, depts);
  for (auto& g : resolve_scope(in)) p.scope.add(std::move(g));
}

void install_scope_loader(auth::SessionManager& sessions) {
  sessions.set_principal_loader([](db::Conn& c, auth::Principal& p) { load_scope(c, p); });
}

}  // namespace jx::org
