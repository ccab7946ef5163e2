// HTTP of the org module (docs/api-org.md): regions, the organization tree and list, unit
// maintenance, 归口, experts, and the 安全管理员's custom roles.
#include <boost/json.hpp>
#include <set>

#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/context.hpp"
#include "platform/routes.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::org {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

// Reads of organizations: org.read, or system.org.manage (the 系统管理员 manages organizations
// and so reads them; its permission set is fixed by the platform contract).
Access read_access() {
  return Access::any("org.read", {"system.org.manage"});
}

Caller caller(const RequestContext& ctx) {
  return {org_scope(ctx.user()), ctx.actor()};
}

std::optional<int64_t> query_id(const RequestContext& ctx, const char* name, const char* label) {
  auto v = ctx.req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  try {
    size_t used = 0;
    int64_t n = std::stoll(*v, &used);
    if (used == v->size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw ApiError::field(name, {std::string(label) + "必须是正整数",
                               std::string(name) + " must be a positive integer"});
}

UnitFilter filter_of(const RequestContext& ctx) {
  UnitFilter f;
  std::vector<FieldError> e;
  auto q = [&](const char* name) { return ctx.req.query_param(name).value_or(""); };
  f.q = q("q");
  if (f.q.size() > 200) e.push_back({"q", {"搜索词过长", "The search text is too long"}});
  f.kind = q("kind");
  if (!f.kind.empty() && !is_known_kind(f.kind))
    e.push_back({"kind", {"机构类型不正确", "Unknown kind"}});
  f.region_code = q("region_code");
  if (!f.region_code.empty() && !region_level(f.region_code))
    e.push_back({"region_code", {"行政区划代码格式不正确", "Invalid region code"}});
  f.status = q("status");
  if (!f.status.empty() && f.status != "active" && f.status != "inactive" && f.status != "merged")
    e.push_back({"status", {"状态应为 active、inactive 或 merged", "active, inactive or merged"}});
  f.sector_code = q("sector_code");
  f.sort = q("sort");
  if (f.sort.empty()) f.sort = "code";
  if (f.sort != "code" && f.sort != "name")
    e.push_back({"sort", {"排序只能是 code 或 name", "sort is code or name"}});
  if (!e.empty()) throw ApiError::validation(e);
  f.department_id = query_id(ctx, "department_id", "部门");
  return f;
}

// The organization fields present in a body; qualification is kept as JSON text.
OrgInput org_input(const json::object& body, JsonInput& in) {
  OrgInput o;
  auto text = [&](const char* key, const char* label, size_t max, std::optional<std::string>& out) {
    if (in.has(key)) out = in.str(key, label, false, max);
  };
  text("kind", "机构类型", 20, o.kind);
  text("name", "名称", 100, o.name);
  text("short_name", "简称", 40, o.short_name);
  text("code", "预算单位编码", 30, o.code);
  text("uscc", "统一社会信用代码", 30, o.uscc);
  text("region_code", "行政区划", 12, o.region_code);
  text("office_role", "股室职能", 20, o.office_role);
  text("unit_type", "单位性质", 20, o.unit_type);
  text("sector_code", "行业代码", 30, o.sector_code);
  text("contact", "联系人", 40, o.contact);
  text("phone", "电话", 30, o.phone);
  if (in.has("parent_id")) {
    o.parent_id_given = true;
    o.parent_id = in.int64("parent_id", "上级单位", false);
  }
  if (auto it = body.find("qualification"); it != body.end() && !it->value().is_null()) {
    if (it->value().is_object())
      o.qualification_json = json::serialize(it->value());
    else
      in.add("qualification", {"资质信息应为对象", "qualification must be an object"});
  }
  return o;
}

// After a change of the tree, the users whose scope depends on the departments involved load
// their scope again on their next request (others within the session cache time).
void refresh_departments(RequestContext& ctx, db::Conn& tx,
                         std::initializer_list<std::optional<int64_t>> departments) {
  std::set<int64_t> users;
  for (const auto& d : departments)
    if (d)
      for (int64_t u : store::users_of_department(tx, *d)) users.insert(u);
  for (int64_t u : users) ctx.app.sessions.refresh_user(tx, u);
}

std::string reason_of(JsonInput& in) {
  return in.str("reason", "原因", false, 500);
}

Response regions(RequestContext& ctx) {
  auto scope = org_scope(ctx.user());
  return Response::json(ctx.app.db.read([&](db::Conn& c) { return region_tree(c, scope); }));
}

Response tree(RequestContext& ctx) {
  auto scope = org_scope(ctx.user());
  auto parent = query_id(ctx, "parent_id", "上级单位");
  std::string q = ctx.req.query_param("q").value_or("");
  if (q.size() > 200) throw ApiError::field("q", {"搜索词过长", "The search text is too long"});
  std::string region = ctx.req.query_param("region_code").value_or("");
  if (!region.empty() && !region_level(region))
    throw ApiError::field("region_code", {"行政区划代码格式不正确", "Invalid region code"});
  return Response::json(ctx.app.db.read([&](db::Conn& c) {
    return q.empty() ? tree_children(c, scope, parent, region) : tree_search(c, scope, q);
  }));
}

Response units(RequestContext& ctx) {
  auto scope = org_scope(ctx.user());
  UnitFilter f = filter_of(ctx);
  Page page = page_of(ctx.req);
  return Response::json(
      ctx.app.db.read([&](db::Conn& c) { return list_units(c, scope, f, page); }));
}

Response export_list(RequestContext& ctx) {
  auto scope = org_scope(ctx.user());
  UnitFilter f = filter_of(ctx);
  auto table = ctx.app.db.read([&](db::Conn& c) { return export_units(c, scope, f); });
  return Response::download(xlsx::to_xlsx(table), xlsx::kContentType, "单位列表.xlsx");
}

Response unit(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto scope = org_scope(ctx.user());
  return Response::json(ctx.app.db.read([&](db::Conn& c) { return unit_detail(c, scope, id); }));
}

Response create_unit(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  OrgInput o = org_input(body, in);
  if (!o.kind) in.add("kind", {"机构类型不能为空", "kind is required"});
  if (!o.name) in.add("name", {"名称不能为空", "name is required"});
  in.throw_if_any();
  auto who = caller(ctx);
  auto j = ctx.app.db.write([&](db::Conn& tx) {
    Organization saved = create_org(tx, ctx.app.clock, who, o);
    refresh_departments(ctx, tx, {saved.department_id});
    return unit_detail(tx, who.scope, saved.id);
  });
  return Response::json(j, 201);
}

Response update_unit(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  OrgInput o = org_input(body, in);
  auto version = in.int64("version", "版本号");
  std::string reason = reason_of(in);
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    update_org(tx, ctx.app.clock, who, id, o, *version, reason);
    return unit_detail(tx, who.scope, id);
  }));
}

Response move_unit(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  auto parent = in.int64("parent_id", "上级单位");
  auto version = in.int64("version", "版本号");
  std::optional<std::string> code;
  if (in.has("code") && !body.at("code").is_null())
    code = in.str("code", "预算单位编码", false, 30);
  std::string reason = reason_of(in);
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    auto before = store::find(tx, id);
    Organization after = move_org(tx, ctx.app.clock, who, id, *parent, code, *version, reason);
    refresh_departments(ctx, tx,
                        {before ? before->department_id : std::nullopt, after.department_id});
    return unit_detail(tx, who.scope, id);
  }));
}

Response merge_unit(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  auto into = in.int64("into_id", "合并目标");
  auto version = in.int64("version", "版本号");
  std::string reason = reason_of(in);
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    auto source = store::find(tx, id);
    auto target = store::find(tx, *into);
    int64_t users = merge_org(tx, ctx.app.clock, who, id, *into, *version, reason);
    refresh_departments(ctx, tx,
                        {source ? source->department_id : std::nullopt,
                         target ? target->department_id : std::nullopt});
    json::object j = unit_detail(tx, who.scope, id);
    j["users_to_reassign"] = users;
    return j;
  }));
}

Response activate(RequestContext& ctx, bool active) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  auto version = in.int64("version", "版本号");
  std::string reason = reason_of(in);
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    Organization o = set_active(tx, ctx.app.clock, who, id, active, *version, reason);
    refresh_departments(ctx, tx, {o.department_id});
    return unit_detail(tx, who.scope, id);
  }));
}

Response oversight(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  auto version = in.int64("version", "版本号");
  std::vector<int64_t> ids;
  auto it = body.find("department_ids");
  if (it == body.end() || !it->value().is_array()) {
    in.add("department_ids", {"归口部门必须是列表", "department_ids must be an array"});
  } else {
    for (const auto& v : it->value().as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) {
        in.add("department_ids", {"归口部门的每一项必须是部门编号", "ids must be integers"});
        break;
      }
      ids.push_back(v.as_int64());
    }
  }
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    set_oversight(tx, ctx.app.clock, who, id, ids, *version);
    // The office's staff see their 归口 through their scope: reload their sessions.
    for (int64_t u : store::users_of_org(tx, id)) ctx.app.sessions.refresh_user(tx, u);
    return unit_detail(tx, who.scope, id);
  }));
}

Expert expert_input(const json::object& body, JsonInput& in) {
  Expert e;
  e.name = in.str("name", "姓名", true, 40);
  e.org_id = in.int64("org_id", "工作单位", false);
  e.region_code = in.str("region_code", "行政区划", false, 12);
  e.title = in.str("title", "职称", false, 40);
  if (in.has("fields")) e.fields = in.str_list("fields", "专业领域");
  e.phone = in.str("phone", "电话", false, 30);
  e.id_card_tail = in.str("id_card_tail", "身份证后四位", false, 20);
  e.status = in.has("status") ? in.str("status", "状态", true, 10) : "active";
  e.user_id = in.int64("user_id", "关联账号", false);
  return e;
}

Response experts(RequestContext& ctx) {
  auto scope = org_scope(ctx.user());
  Page page = page_of(ctx.req);
  std::string q = ctx.req.query_param("q").value_or("");
  std::string field = ctx.req.query_param("field").value_or("");
  std::string status = ctx.req.query_param("status").value_or("");
  if (!status.empty() && status != "active" && status != "inactive")
    throw ApiError::field("status", {"状态应为 active 或 inactive", "active or inactive"});
  return Response::json(
      ctx.app.db.read([&](db::Conn& c) { return list_experts(c, scope, q, field, status, page); }));
}

Response create_region_route(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  Region r;
  r.code = in.str("code", "行政区划代码", true, 12);
  r.name = in.str("name", "名称", true, 40);
  in.throw_if_any();
  auto who = caller(ctx);
  auto made = ctx.app.db.write([&](db::Conn& tx) {
    create_region(tx, ctx.app.clock, who, r);
    return *store::find_region(tx, r.code);
  });
  return Response::json(
      json::object{{"code", made.code},
                   {"name", made.name},
                   {"level", made.level},
                   {"parent_code", made.parent_code.empty() ? json::value(nullptr)
                                                            : json::value(made.parent_code)},
                   {"full_name", made.full_name}},
      201);
}

Response experts_export(RequestContext& ctx) {
  auto scope = org_scope(ctx.user());
  std::string q = ctx.req.query_param("q").value_or("");
  std::string field = ctx.req.query_param("field").value_or("");
  std::string status = ctx.req.query_param("status").value_or("");
  if (!status.empty() && status != "active" && status != "inactive")
    throw ApiError::field("status", {"状态应为 active 或 inactive", "active or inactive"});
  xlsx::Table t{"专家库",
                {"姓名", "工作单位", "职称", "专业领域", "联系电话", "状态"},
                {10, 30, 14, 30, 16, 8},
                {}};
  ctx.app.db.read([&](db::Conn& c) {
    Page all;
    all.size = 1000000;
    json::object list = list_experts(c, scope, q, field, status, all);
    for (const auto& e : list["items"].as_array()) {
      const auto& o = e.as_object();
      std::string fields;
      for (const auto& f : o.at("fields").as_array())
        fields += (fields.empty() ? "" : "、") + std::string(f.as_string());
      auto text = [&](const char* k) {
        return o.at(k).is_string() ? std::string(o.at(k).as_string()) : std::string();
      };
      t.rows.push_back({text("name"), text("org_name"), text("title"), fields, text("phone"),
                        text("status") == "active" ? "在库" : "停用"});
    }
  });
  return Response::download(xlsx::to_xlsx(t), xlsx::kContentType, "专家库.xlsx");
}

// The accounts list as xlsx, with each account's organization and roles (the org module owns a
// user's organization, so the export lives here rather than in the platform).
Response users_export(RequestContext& ctx) {
  std::string q = ctx.req.query_param("q").value_or("");
  std::string status = ctx.req.query_param("status").value_or("");
  if (!status.empty() && status != "active" && status != "disabled")
    throw ApiError::field("status",
                          {"状态只能是 active 或 disabled", "status must be active or disabled"});
  xlsx::Table t{
      "账号",
      {"登录名", "姓名", "所属机构", "机构编码", "手机", "邮箱", "状态", "最近登录(UTC)", "角色"},
      {16, 10, 30, 10, 14, 24, 8, 22, 30},
      {}};
  t.rows = ctx.app.db.read([&](db::Conn& c) { return store::users_for_export(c, q, status); });
  return Response::download(xlsx::to_xlsx(t), xlsx::kContentType, "账号列表.xlsx");
}

Response create_expert_route(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  Expert e = expert_input(body, in);
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    return expert_json(create_expert(tx, ctx.app.clock, who, e));
  }),
                        201);
}

Response update_expert_route(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  Expert e = expert_input(body, in);
  e.id = id;
  auto version = in.int64("version", "版本号");
  in.throw_if_any();
  auto who = caller(ctx);
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    return expert_json(update_expert(tx, ctx.app.clock, who, e, *version));
  }));
}

store::Role role_input(const json::object& body, JsonInput& in, bool with_code) {
  store::Role r;
  if (with_code) r.code = in.str("code", "角色代码", true, 32);
  r.name = in.str("name", "角色名称", true, 40);
  r.description = in.str("description", "说明", false, 200);
  r.scope_kind = in.str("scope_kind", "数据范围", true, 20);
  r.permissions = in.str_list("permissions", "权限");
  return r;
}

Response get_role(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  return Response::json(ctx.app.db.read([&](db::Conn& c) {
    auto r = store::find_role(c, id);
    if (!r) throw ApiError::not_found({"角色不存在", "No such role"});
    return role_json(*r);
  }));
}

Response create_role_route(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  store::Role r = role_input(body, in, true);
  in.throw_if_any();
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    return role_json(create_role(tx, ctx.app.clock, ctx.actor(), r));
  }),
                        201);
}

Response update_role_route(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  store::Role r = role_input(body, in, false);
  r.id = id;
  auto version = in.int64("version", "版本号");
  in.throw_if_any();
  return Response::json(ctx.app.db.write([&](db::Conn& tx) {
    std::vector<int64_t> holders;
    auto saved = update_role(tx, ctx.app.clock, ctx.actor(), r, *version, &holders);
    for (int64_t u : holders) ctx.app.sessions.refresh_user(tx, u);
    return role_json(saved);
  }));
}

}  // namespace

void register_routes(http::Router& r) {
  register_ref_routes(r);
  register_import_routes(r);
  const std::string manage = "system.org.manage";
  r.add(
      Route{"GET", "/api/v1/org/regions", read_access(), "数据范围内的行政区划树", "org", regions});
  r.add(Route{
      "POST", "/api/v1/org/regions", Access::perm(manage),
      "新增行政区划（上级由代码推出，须已存在）", "org", create_region_route, false,
      R"({"type":"object","required":["code","name"],"properties":{"code":{"type":"string"},"name":{"type":"string"}}})"});
  r.add(Route{"GET", "/api/v1/org/tree", read_access(),
              "组织机构树（parent_id 逐级展开，region_code 限定区划，q 搜索并带上级路径）", "org",
              tree});
  r.add(Route{"GET", "/api/v1/org/units", read_access(),
              "单位列表（q、kind、region_code、department_id、status、sector_code、sort、分页）",
              "org", units});
  r.add(Route{"GET", "/api/v1/org/units/export", read_access(), "导出单位列表（xlsx，筛选同列表）",
              "org", export_list, true});
  r.add(Route{"GET", "/api/v1/org/units/{id}", read_access(),
              "单位详情（含变更历史、下级数、账号数）", "org", unit});
  r.add(Route{
      "POST", "/api/v1/org/units", Access::perm(manage), "新建机构/单位", "org", create_unit, false,
      R"({"type":"object","required":["kind","name"],"properties":{"kind":{"type":"string","enum":["finance_bureau","finance_office","department","unit","township","dev_zone","third_party","oversight"]},"name":{"type":"string"},"short_name":{"type":"string"},"code":{"type":"string"},"uscc":{"type":"string"},"region_code":{"type":"string"},"parent_id":{"type":"integer"},"office_role":{"type":"string"},"unit_type":{"type":"string"},"sector_code":{"type":"string"},"contact":{"type":"string"},"phone":{"type":"string"},"qualification":{"type":"object"}}})"});
  r.add(Route{
      "PUT", "/api/v1/org/units/{id}", Access::perm(manage),
      "修改单位信息（需带 version，可带 reason）", "org", update_unit, false,
      R"({"type":"object","required":["version"],"properties":{"kind":{"type":"string","enum":["finance_bureau","finance_office","department","unit","township","dev_zone","third_party","oversight"]},"name":{"type":"string"},"short_name":{"type":"string"},"code":{"type":"string"},"uscc":{"type":"string"},"region_code":{"type":"string"},"parent_id":{"type":"integer"},"office_role":{"type":"string"},"unit_type":{"type":"string"},"sector_code":{"type":"string"},"contact":{"type":"string"},"phone":{"type":"string"},"qualification":{"type":"object"},"version":{"type":"integer"},"reason":{"type":"string"}}})"});
  r.add(Route{
      "POST", "/api/v1/org/units/{id}/move", Access::perm(manage),
      "调整上级单位（不能移到自身或下级之下）", "org", move_unit, false,
      R"({"type":"object","required":["parent_id","version"],"properties":{"parent_id":{"type":"integer"},"code":{"type":"string"},"version":{"type":"integer"},"reason":{"type":"string"}}})"});
  r.add(Route{
      "POST", "/api/v1/org/units/{id}/merge", Access::perm(manage),
      "合并到另一单位（下级随之移动）", "org", merge_unit, false,
      R"({"type":"object","required":["into_id","version"],"properties":{"into_id":{"type":"integer"},"version":{"type":"integer"},"reason":{"type":"string"}}})"});
  r.add(Route{
      "POST", "/api/v1/org/units/{id}/deactivate", Access::perm(manage),
      "停用单位（部门下有在用单位时不能停用）", "org",
      [](RequestContext& c) { return activate(c, false); }, false,
      R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"},"reason":{"type":"string"}}})"});
  r.add(Route{
      "POST", "/api/v1/org/units/{id}/reactivate", Access::perm(manage), "恢复停用的单位", "org",
      [](RequestContext& c) { return activate(c, true); }, false,
      R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"},"reason":{"type":"string"}}})"});
  r.add(Route{
      "PUT", "/api/v1/org/offices/{id}/oversight", Access::perm(manage), "设置财政局股室的归口部门",
      "org", oversight, false,
      R"({"type":"object","required":["department_ids","version"],"properties":{"department_ids":{"type":"array","items":{"type":"integer"}},"version":{"type":"integer"}}})"});
  r.add(Route{"GET", "/api/v1/org/experts", read_access(), "专家库（q、field、status、分页）",
              "org", experts});
  r.add(Route{"GET", "/api/v1/org/experts/export", read_access(), "导出专家库（xlsx，筛选同列表）",
              "org", experts_export, true});
  r.add(Route{
      "GET", "/api/v1/admin/users/export", Access::any("system.user.read", {"security.role.grant"}),
      "导出账号列表（xlsx，含所属机构与角色；q、status 同列表）", "admin", users_export, true});
  r.add(Route{
      "POST", "/api/v1/org/experts", Access::perm(manage), "新增专家", "org", create_expert_route,
      false,
      R"({"type":"object","required":["name","fields"],"properties":{"name":{"type":"string"},"org_id":{"type":"integer"},"region_code":{"type":"string"},"title":{"type":"string"},"fields":{"type":"array","items":{"type":"string"}},"phone":{"type":"string"},"id_card_tail":{"type":"string"},"status":{"type":"string","enum":["active","inactive"]},"user_id":{"type":"integer"}}})"});
  r.add(Route{
      "PUT", "/api/v1/org/experts/{id}", Access::perm(manage), "修改专家信息（需带 version）",
      "org", update_expert_route, false,
      R"({"type":"object","required":["name","fields","version"],"properties":{"name":{"type":"string"},"org_id":{"type":"integer"},"region_code":{"type":"string"},"title":{"type":"string"},"fields":{"type":"array","items":{"type":"string"}},"phone":{"type":"string"},"id_card_tail":{"type":"string"},"status":{"type":"string","enum":["active","inactive"]},"user_id":{"type":"integer"},"version":{"type":"integer"}}})"});
  r.add(Route{
      "POST", "/api/v1/admin/roles", Access::perm("security.role.grant"),
      "新建自定义业务角色（不得含管理员权限）", "admin", create_role_route, false,
      R"({"type":"object","required":["code","name","permissions","scope_kind"],"properties":{"code":{"type":"string"},"name":{"type":"string"},"description":{"type":"string"},"permissions":{"type":"array","items":{"type":"string"}},"scope_kind":{"type":"string","enum":["own_unit","own_department","overseen","region","all","assigned"]}}})"});
  r.add(Route{"GET", "/api/v1/admin/roles/{id}", Access::perm("security.role.read"),
              "角色详情（含 version）", "admin", get_role});
  r.add(Route{
      "PUT", "/api/v1/admin/roles/{id}", Access::perm("security.role.grant"),
      "修改自定义角色（内置角色只读）", "admin", update_role_route, false,
      R"({"type":"object","required":["name","permissions","scope_kind","version"],"properties":{"name":{"type":"string"},"description":{"type":"string"},"permissions":{"type":"array","items":{"type":"string"}},"scope_kind":{"type":"string","enum":["own_unit","own_department","overseen","region","all","assigned"]},"version":{"type":"integer"}}})"});
}

}  // namespace jx::org
