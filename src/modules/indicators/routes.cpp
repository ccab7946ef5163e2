// HTTP of the indicators module (docs/api-indicators.md): the indicator tree of a year and the
// 分行业分领域 indicator library with proposals, versions by year, export and import.
#include <boost/json.hpp>

#include "modules/indicators/rules.hpp"
#include "modules/indicators/service.hpp"
#include "platform/context.hpp"
#include "platform/routes.hpp"
#include "platform/util/text.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::indicators {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

template <class F>
auto in_read(RequestContext& ctx, F&& f) {
  return ctx.app.db.read([&](db::Conn& c) {
    Caller who = caller_of(c, ctx.user(), ctx.actor());
    return f(c, who);
  });
}

template <class F>
auto in_write(RequestContext& ctx, F&& f) {
  return ctx.app.db.write([&](db::Conn& tx) {
    Caller who = caller_of(tx, ctx.user(), ctx.actor());
    Env e{tx, ctx.app.clock, ctx.app.workflows, who};
    return f(e);
  });
}

int year_param(const RequestContext& ctx, db::Conn& c) {
  auto y = query_int(ctx.req, "year", "年度");
  if (!y) return current_year(c, ctx.app.clock);
  if (*y < 2000 || *y > 2100)
    throw ApiError::field("year", {"年度应在2000到2100之间", "A year between 2000 and 2100"});
  return static_cast<int>(*y);
}

IndicatorFilter filter_of(const RequestContext& ctx, db::Conn& c) {
  IndicatorFilter f;
  auto q = [&](const char* n) { return ctx.req.query_param(n).value_or(""); };
  f.year = year_param(ctx, c);
  f.q = q("q");
  if (utf8_length(f.q) > 100) throw ApiError::field("q", {"搜索词过长", "Too long"});
  f.sector = q("sector");
  f.field = q("field");
  f.level1 = q("level1");
  f.level2 = q("level2");
  f.nature = q("nature");
  if (!f.nature.empty() && !is_nature(f.nature))
    throw ApiError::field("nature", {"指标性质只能是 >=、>、=、<、<= 或 qual", "Unknown nature"});
  f.status = q("status").empty() ? "active" : q("status");
  if (f.status != "active" && f.status != "proposed" && f.status != "rejected" &&
      f.status != "retired" && f.status != "all")
    throw ApiError::field(
        "status", {"状态只能是 active、proposed、rejected、retired 或 all", "Unknown status"});
  std::string core = q("is_core");
  if (core == "true")
    f.is_core = true;
  else if (core == "false")
    f.is_core = false;
  else if (!core.empty())
    throw ApiError::field("is_core", {"应为 true 或 false", "true or false"});
  f.origin = q("origin");
  if (!f.origin.empty() && f.origin != "proposal" && f.origin != "library")
    throw ApiError::field("origin", {"来源只能是 proposal 或 library", "Unknown origin"});
  f.sort = q("sort").empty() ? "code" : q("sort");
  if (f.sort != "code" && f.sort != "usage" && f.sort != "name" && f.sort != "updated")
    throw ApiError::field("sort", {"排序只能是 code、usage、name 或 updated", "Unknown sort"});
  return f;
}

IndicatorInput input_of(JsonInput& j) {
  IndicatorInput in;
  in.sector = j.opt_str("sector", "行业", 32);
  in.field = j.opt_str("field", "领域", 200);
  in.level1 = j.opt_str("level1", "一级指标", 100);
  in.level2 = j.opt_str("level2", "二级指标", 100);
  in.name = j.opt_str("name", "指标名称", 1000);
  in.nature = j.opt_str("nature", "指标性质", 8);
  in.unit = j.opt_str("unit", "计量单位", 200);
  in.recommended_value = j.opt_str("recommended_value", "推荐值", 1000);
  in.basis = j.opt_str("basis", "标准类型", 16);
  in.method = j.opt_str("method", "计算方法", 5000);
  in.data_source = j.opt_str("data_source", "数据来源", 2000);
  in.is_core = j.opt_bool("is_core", "核心指标");
  if (auto y = j.opt_int64("from_year", "起始年度"))
    in.from_year = static_cast<int>(std::clamp<int64_t>(*y, -1, 100000));
  return in;
}

// ---- handlers ----

Response tree_get(RequestContext& ctx) {
  return Response::json(in_read(
      ctx, [&](db::Conn& c, const Caller& who) { return get_tree(c, who, year_param(ctx, c)); }));
}

Response tree_put(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  auto version = j.int64("version", "版本号");
  if (!b.contains("value")) j.add("value", {"请提交指标体系", "value is required"});
  auto y = query_int(ctx.req, "year", "年度");
  if (!y) j.add("year", {"请指定年度", "year is required"});
  j.throw_if_any();
  return Response::json(in_write(ctx, [&](Env& e) {
    return put_tree(e, static_cast<int>(std::clamp<int64_t>(*y, -1, 100000)), b.at("value"),
                    static_cast<int>(*version));
  }));
}

Response list(RequestContext& ctx) {
  Page page = page_of(ctx.req);
  return Response::json(in_read(ctx, [&](db::Conn& c, const Caller& who) {
    return list_indicators(c, who, filter_of(ctx, c), page);
  }));
}

Response export_list(RequestContext& ctx) {
  auto table = in_read(ctx, [&](db::Conn& c, const Caller& who) {
    return export_indicators(c, who, filter_of(ctx, c));
  });
  return Response::download(xlsx::to_xlsx(table), xlsx::kContentType, "指标库.xlsx");
}

Response fields(RequestContext& ctx) {
  std::string sector = ctx.req.query_param("sector").value_or("");
  return Response::json(
      in_read(ctx, [&](db::Conn& c, const Caller& who) { return field_list(c, who, sector); }));
}

Response detail(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_read(ctx, [&](db::Conn& c, const Caller& who) {
    return indicator_detail(c, who, id, ctx.lang());
  }));
}

Response create(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  IndicatorInput in = input_of(j);
  j.throw_if_any();
  return Response::json(in_write(ctx,
                                 [&](Env& e) {
                                   Indicator x = create_indicator(e, in);
                                   return indicator_detail(e.tx, e.who, x.id, ctx.lang());
                                 }),
                        201);
}

Response update(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  IndicatorInput in = input_of(j);
  auto year = j.opt_int64("year", "年度");
  auto version = j.int64("version", "版本号");
  j.throw_if_any();
  int64_t id = jx::path_id(ctx.req);
  int y = static_cast<int>(std::clamp<int64_t>(year.value_or(0), -1, 100000));
  return Response::json(in_write(ctx, [&](Env& e) {
    Indicator x = update_indicator(e, id, in, y, *version);
    return indicator_detail(e.tx, e.who, x.id, ctx.lang());
  }));
}

Response review_route(RequestContext& ctx, bool approve) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  std::string comment = j.opt_str("comment", "审核意见", 1000).value_or("");
  auto version = j.int64("version", "版本号");
  j.throw_if_any();
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& e) {
    Indicator x = approve ? approve_indicator(e, id, comment, *version)
                          : reject_indicator(e, id, comment, *version);
    return indicator_detail(e.tx, e.who, x.id, ctx.lang());
  }));
}

Response retire(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  auto year = j.int64("year", "停用年度");
  auto version = j.int64("version", "版本号");
  j.throw_if_any();
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& e) {
    Indicator x =
        retire_indicator(e, id, static_cast<int>(std::clamp<int64_t>(*year, -1, 100000)), *version);
    return indicator_detail(e.tx, e.who, x.id, ctx.lang());
  }));
}

Response import_template_route(RequestContext&) {
  return Response::download(xlsx::make_template(import_template()), xlsx::kContentType,
                            "指标导入模板.xlsx");
}

Response import_route(RequestContext& ctx) {
  if (static_cast<int64_t>(ctx.req.body.size()) > max_import_bytes())
    throw ApiError(413, "payload_too_large",
                   {"导入文件不能超过 5 MB", "The file is larger than 5 MB"});
  if (ctx.req.body.empty())
    throw ApiError::field("file", {"请上传填好的 xlsx 文件", "Upload the filled xlsx file"});
  Caller c = in_read(ctx, [](db::Conn&, const Caller& who) { return who; });
  if (c.county.empty())
    throw ApiError::forbidden({"您的账号未归属机构，不能维护指标库", "No organization"});
  Lang lang = ctx.req.lang();
  auto& app = ctx.app;
  int64_t id =
      app.jobs.submit("indicators.import", ctx.user().user_id,
                      [&app, c, lang, bytes = ctx.req.body](jobs::JobContext& job) -> json::value {
                        return run_import(app.db, app.clock, app.workflows, c, bytes, job, lang);
                      });
  return Response::json(json::object{{"job_id", id}}, 202);
}

}  // namespace

void register_routes(http::Router& r) {
  const auto read = Access::perm("indicators.read");
  const auto manage = Access::perm("indicators.manage");
  const auto write = Access::any("indicators.manage", {"indicators.propose"});
  r.add(Route{"GET", "/api/v1/indicators/tree", read,
              "本县某年度在用的指标体系（一级、二级指标及类别；?year=，默认当前年度）",
              "indicators", tree_get});
  r.add(Route{"PUT", "/api/v1/indicators/tree", manage,
              "设置本县某年度的指标体系（?year=；{value, version}，首次为 0）", "indicators",
              tree_put});
  r.add(Route{"GET", "/api/v1/indicators", read,
              "指标库列表（year、sector、field、level1、level2、nature、is_core、status、q、"
              "sort、分页）",
              "indicators", list});
  r.add(Route{"GET", "/api/v1/indicators/export", read,
              "导出指标库（xlsx，导入模板格式，筛选同列表）", "indicators", export_list, true});
  r.add(Route{"GET", "/api/v1/indicators/fields", read, "某行业的领域（?sector=）", "indicators",
              fields});
  r.add(Route{"GET", "/api/v1/indicators/import/template", manage, "指标导入模板（xlsx）",
              "indicators", import_template_route, true});
  r.add(Route{"POST", "/api/v1/indicators/import", manage,
              "导入指标（请求体为 xlsx，≤5 MB；后台任务校验全部行，全部通过才写入）", "indicators",
              import_route});
  r.add(Route{"GET", "/api/v1/indicators/{id}", read, "指标详情（含各年度版本与审核记录）",
              "indicators", detail});
  r.add(Route{"POST", "/api/v1/indicators", write,
              "新增指标（财政部门直接启用；部门、单位、乡镇提出新增指标建议）", "indicators",
              create});
  r.add(Route{"PUT", "/api/v1/indicators/{id}", write,
              "修改指标（{…字段, year, version}：晚于起始年度的修改生成新版本）", "indicators",
              update});
  r.add(Route{"POST", "/api/v1/indicators/{id}/approve", manage, "采纳新增指标建议", "indicators",
              [](RequestContext& c) { return review_route(c, true); }});
  r.add(Route{"POST", "/api/v1/indicators/{id}/reject", manage, "退回新增指标建议（须写明理由）",
              "indicators", [](RequestContext& c) { return review_route(c, false); }});
  r.add(Route{"POST", "/api/v1/indicators/{id}/retire", manage,
              "停用指标（{year, version}：适用至 year − 1 年度）", "indicators", retire});
}

}  // namespace jx::indicators
