// HTTP of reference data and budget years (docs/api-org.md "Reference data").
#include <boost/json.hpp>

#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/context.hpp"
#include "platform/routes.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::org {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

Caller caller_of(const RequestContext& ctx) {
  return {org_scope(ctx.user()), ctx.actor()};
}

// A year from the query string; nullopt when absent.
std::optional<int> query_year(const RequestContext& ctx, const char* name) {
  auto v = ctx.req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  try {
    size_t used = 0;
    int y = std::stoi(*v, &used);
    if (used == v->size() && y >= kMinRefYear && y <= kMaxRefYear) return y;
  } catch (const std::exception&) {
  }
  throw ApiError::field(name, {"年度应为2000到2100之间的整数", "A year between 2000 and 2100"});
}

int path_year(const RequestContext& ctx) {
  const std::string s = ctx.req.param("year");
  try {
    size_t used = 0;
    int y = std::stoi(s, &used);
    if (used == s.size() && y >= kMinRefYear && y <= kMaxRefYear) return y;
  } catch (const std::exception&) {
  }
  throw ApiError::not_found({"预算年度不存在", "No such budget year"});
}

int body_year(JsonInput& in, const char* key, const char* label) {
  auto v = in.int64(key, label, true);
  return v ? static_cast<int>(std::clamp<int64_t>(*v, 0, 100000)) : 0;
}

Response kinds(RequestContext& ctx) {
  return Response::json(ref_kinds_json(ctx.req.lang()));
}

Response list(RequestContext& ctx) {
  std::string kind = ctx.req.param("kind");
  auto year = query_year(ctx, "year");
  std::string q = ctx.req.query_param("q").value_or("");
  if (q.size() > 100) throw ApiError::field("q", {"搜索词过长", "The search text is too long"});
  bool all = ctx.req.query_param("all").value_or("") == "1";
  return Response::json(ctx.app.db.read([&](db::Conn& c) {
    return list_ref(c, kind, year.value_or(current_year(c, ctx.app.clock)), q, all);
  }));
}

// The items valid in a year, in the import template's columns (编码 / 名称 / 上级编码), so an
// export can be edited and imported back.
Response export_items(RequestContext& ctx) {
  std::string kind = ctx.req.param("kind");
  const RefKind* k = find_ref_kind(kind);
  if (!k) throw ApiError::not_found({"参考数据类别不存在", "No such reference-data kind"});
  auto year = query_year(ctx, "year");
  xlsx::Table t{"参考数据", {"编码", "名称", "上级编码"}, {12, 40, 12}, {}};
  int y = 0;
  ctx.app.db.read([&](db::Conn& c) {
    y = year.value_or(current_year(c, ctx.app.clock));
    for (const auto& i : store::ref_items(c, kind, y))
      t.rows.push_back({i.code, i.name, i.parent_code});
  });
  return Response::download(xlsx::to_xlsx(t), xlsx::kContentType,
                            k->name.zh + std::to_string(y) + ".xlsx");
}

std::optional<std::string> attrs_of(const json::object& body) {
  const json::value* a = body.if_contains("attrs");
  if (!a || a->is_null()) return std::nullopt;
  if (!a->is_object())
    throw ApiError::field("attrs", {"附加属性应为对象", "attrs must be an object"});
  return json::serialize(*a);
}

Response create(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  RefItem r;
  r.kind = ctx.req.param("kind");
  r.code = in.str("code", "编码", true, 32);
  r.name = in.str("name", "名称", true, 60);
  r.parent_code = in.str("parent_code", "上级编码", false, 32);
  r.from_year = body_year(in, "from_year", "起始年度");
  in.throw_if_any();
  r.attrs_json = attrs_of(body).value_or("{}");
  auto made = ctx.app.db.write(
      [&](db::Conn& tx) { return create_ref(tx, ctx.app.clock, caller_of(ctx), r); });
  return Response::json(ref_item_json(made), 201);
}

Response rename(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  std::string name = in.str("name", "名称", true, 60);
  int from_year = body_year(in, "from_year", "起始年度");
  in.throw_if_any();
  auto attrs = attrs_of(body);
  auto item = ctx.app.db.write([&](db::Conn& tx) {
    return rename_ref(tx, ctx.app.clock, caller_of(ctx), ctx.req.param("kind"),
                      ctx.req.param("code"), name, attrs, from_year);
  });
  return Response::json(ref_item_json(item));
}

Response retire(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  int year = body_year(in, "year", "停用年度");
  in.throw_if_any();
  int n = ctx.app.db.write([&](db::Conn& tx) {
    return retire_ref(tx, ctx.app.clock, caller_of(ctx), ctx.req.param("kind"),
                      ctx.req.param("code"), year);
  });
  return Response::json(json::object{{"retired", n}});
}

Response years(RequestContext& ctx) {
  auto region = ctx.req.query_param("region_code");
  return Response::json(ctx.app.db.read([&](db::Conn& c) {
    std::string county = budget_region(c, ctx.user(), region);
    json::array items;
    for (const auto& y : store::budget_years(c, county))
      items.push_back(budget_year_json(y, ctx.req.lang()));
    return json::object{{"region_code", county},
                        {"items", items},
                        {"total", static_cast<int64_t>(items.size())},
                        {"current_year", current_year(c, ctx.app.clock)}};
  }));
}

Response open_year(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  std::string region = in.str("region_code", "行政区划代码", false, 12);
  int year = body_year(in, "year", "年度");
  in.throw_if_any();
  auto y = ctx.app.db.write([&](db::Conn& tx) {
    std::string county = budget_region(tx, ctx.user(), region);
    return open_budget_year(tx, ctx.app.clock, caller_of(ctx), county, year);
  });
  return Response::json(budget_year_json(y, ctx.req.lang()), 201);
}

Response advance_year(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  std::string state = in.str("state", "状态", true, 20);
  auto version = in.int64("version", "版本", true);
  std::string reason = in.str("reason", "说明", false, 500);
  in.throw_if_any();
  int year = path_year(ctx);
  auto region = ctx.req.query_param("region_code");
  auto y = ctx.app.db.write([&](db::Conn& tx) {
    std::string county = budget_region(tx, ctx.user(), region);
    return advance_budget_year(tx, ctx.app.clock, caller_of(ctx), county, year, state, *version,
                               reason);
  });
  return Response::json(budget_year_json(y, ctx.req.lang()));
}

}  // namespace

void register_ref_routes(http::Router& r) {
  const std::string manage = "system.org.manage";
  r.add(Route{"GET", "/api/v1/ref/kinds", Access::signed_in(), "参考数据类别", "ref", kinds});
  r.add(Route{"GET", "/api/v1/ref/years", Access::signed_in(),
              "预算年度及其状态（本单位所在县，或 region_code）", "ref", years});
  r.add(Route{
      "POST", "/api/v1/ref/years", Access::perm(manage), "新增预算年度（编制中）", "ref", open_year,
      false,
      R"({"type":"object","required":["year"],"properties":{"region_code":{"type":"string"},"year":{"type":"integer"}}})"});
  r.add(Route{
      "PUT", "/api/v1/ref/years/{year}", Access::perm(manage),
      "推进预算年度状态（编制中→执行中→已决算，逐级）", "ref", advance_year, false,
      R"({"type":"object","required":["state","version"],"properties":{"state":{"type":"string","enum":["planning","executing","closed"]},"version":{"type":"integer"},"reason":{"type":"string"}}})"});
  r.add(Route{"GET", "/api/v1/ref/{kind}/export", Access::signed_in(),
              "导出参考数据（xlsx，列同导入模板，可改后导回）", "ref", export_items, true});
  r.add(Route{"GET", "/api/v1/ref/{kind}", Access::signed_in(),
              "参考数据（year 年度有效的条目；all=1 列出全部版本；q 搜索）", "ref", list});
  r.add(Route{
      "POST", "/api/v1/ref/{kind}", Access::perm(manage), "新增参考数据条目（自某年度起有效）",
      "ref", create, false,
      R"({"type":"object","required":["code","name","from_year"],"properties":{"code":{"type":"string"},"name":{"type":"string"},"parent_code":{"type":"string"},"from_year":{"type":"integer"},"attrs":{"type":"object"}}})"});
  r.add(Route{
      "PUT", "/api/v1/ref/{kind}/{code}", Access::perm(manage), "参考数据条目自某年度起更名", "ref",
      rename, false,
      R"({"type":"object","required":["name","from_year"],"properties":{"name":{"type":"string"},"from_year":{"type":"integer"},"attrs":{"type":"object"}}})"});
  r.add(Route{"POST", "/api/v1/ref/{kind}/{code}/retire", Access::perm(manage),
              "参考数据条目自某年度起停用（含下级）", "ref", retire, false,
              R"({"type":"object","required":["year"],"properties":{"year":{"type":"integer"}}})"});
}

}  // namespace jx::org
