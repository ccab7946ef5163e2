// HTTP of the targets module (docs/api-targets.md): target sets, revisions, the live check, the
// review, changes, the diff, coverage, the official 申报表 and the check-rule settings.
#include <boost/json.hpp>

#include "modules/targets/service.hpp"
#include "platform/context.hpp"
#include "platform/routes.hpp"
#include "platform/util/json_input.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::targets {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

Caller who(const RequestContext& ctx) {
  return caller_of(ctx.user(), ctx.actor());
}

template <class F>
auto in_write(RequestContext& ctx, F&& f) {
  Caller c = who(ctx);
  return ctx.app.db.write([&](db::Conn& tx) {
    Env e{tx, ctx.app.clock, ctx.app.workflows, c};
    return f(e);
  });
}

int year_param(const RequestContext& ctx, bool required) {
  auto y = query_int(ctx.req, "year", "年度");
  if (!y) {
    if (required) throw ApiError::field("year", {"请指定年度", "year is required"});
    return 0;
  }
  if (*y < 2000 || *y > 2100)
    throw ApiError::field("year", {"年度应在2000到2100之间", "2000-2100"});
  return static_cast<int>(*y);
}

std::string text_param(const RequestContext& ctx, const char* name, size_t max) {
  std::string v = ctx.req.query_param(name).value_or("");
  if (v.size() > max) throw ApiError::field(name, {"参数过长", "Too long"});
  return v;
}

// Reloads a revision for the answer of a write.
Response revision_answer(RequestContext& ctx, int64_t revision_id) {
  Caller c = who(ctx);
  return Response::json(ctx.app.db.read(
      [&](db::Conn& conn) { return revision_detail(conn, c, revision_id, ctx.lang()); }));
}

Response set_answer(RequestContext& ctx, int64_t set_id, int status = 200) {
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return set_detail(conn, c, set_id, ctx.lang()); }),
      status);
}

// ---- handlers ----

Response list(RequestContext& ctx) {
  SetFilter f;
  f.kind = text_param(ctx, "kind", 20);
  f.state = text_param(ctx, "state", 20);
  f.grade = text_param(ctx, "grade", 10);
  f.q = text_param(ctx, "q", 200);
  f.year = year_param(ctx, false);
  f.department_id = query_int(ctx.req, "department_id", "部门");
  std::string pub = text_param(ctx, "published", 8);
  if (pub == "true") f.published = true;
  if (pub == "false") f.published = false;
  Page page = page_of(ctx.req);
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return list_sets(conn, c, f, page, ctx.lang()); }));
}

Response needing(RequestContext& ctx) {
  store::ProjectFilter f;
  f.year = year_param(ctx, true);
  f.department_id = query_int(ctx.req, "department_id", "部门");
  f.q = text_param(ctx, "q", 200);
  f.target_state = text_param(ctx, "state", 20);
  Page page = page_of(ctx.req);
  Caller c = who(ctx);
  return Response::json(ctx.app.db.read(
      [&](db::Conn& conn) { return projects_needing(conn, c, f, page, ctx.lang()); }));
}

Response depts(RequestContext& ctx) {
  int year = year_param(ctx, true);
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return departments(conn, c, year, ctx.lang()); }));
}

Response create(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  NewSet in;
  in.kind = j.str("kind", "目标类型", true, 20);
  in.project_id = j.opt_int64("project_id", "项目");
  in.org_id = j.opt_int64("org_id", "部门");
  auto y = j.int64("year", "年度");
  if (auto c = j.opt_int64("copy_from_year", "复制年度"))
    in.copy_from_year = static_cast<int>(std::clamp<int64_t>(*c, 0, 100000));
  j.throw_if_any();
  in.year = static_cast<int>(std::clamp<int64_t>(*y, 0, 100000));
  int64_t id = in_write(ctx, [&](Env& e) { return create_set(e, in); });
  return set_answer(ctx, id, 201);
}

Response get_set(RequestContext& ctx) {
  return set_answer(ctx, jx::path_id(ctx.req));
}

Response get_revision(RequestContext& ctx) {
  return revision_answer(ctx, jx::path_id(ctx.req));
}

Response save(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  DraftInput in = draft_input(b);
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    save_revision(e, id, in, version);
    return 0;
  });
  return revision_answer(ctx, id);
}

Response check_live(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  DraftInput in = draft_input(b);
  int64_t id = jx::path_id(ctx.req);
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return check_draft(conn, c, id, in, ctx.lang()); }));
}

template <void (*F)(Env, int64_t, int64_t)>
Response simple(RequestContext& ctx) {
  int64_t version = body_version(ctx.req.json_object());
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    F(e, id, version);
    return 0;
  });
  return revision_answer(ctx, id);
}

Response remove(RequestContext& ctx) {
  auto v = query_int(ctx.req, "version", "版本");
  if (!v) throw ApiError::field("version", {"缺少版本号", "version is required"});
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    delete_revision(e, id, *v);
    return 0;
  });
  return Response::json(json::object{{"deleted", true}});
}

Response review(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  ReviewInput in;
  in.grade = j.str("grade", "审核等级", true, 4);
  in.comment = j.opt_str("comment", "审核意见", 4000).value_or("");
  in.indicator_comments = j.str_map("indicator_comments", "指标审核意见");
  j.throw_if_any();
  in.version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    review_revision(e, id, in);
    return 0;
  });
  return revision_answer(ctx, id);
}

Response change(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  std::string reason = j.opt_str("reason", "调整原因", 4000).value_or("");
  j.throw_if_any();
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  int64_t rev = in_write(ctx, [&](Env& e) { return open_change(e, id, reason, version); });
  return Response::json(ctx.app.db.read([&](db::Conn& conn) {
    return revision_detail(conn, who(ctx), rev, ctx.lang());
  }),
                        201);
}

Response diff_of(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto against = query_int(ctx.req, "against", "对比版本");
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return diff(conn, c, id, against); }));
}

Response years(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return project_years(conn, c, id); }));
}

Response publish_set(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  auto p = j.opt_bool("published", "是否公开");
  if (!p) j.add("published", {"请指定是否公开", "published is required"});
  j.throw_if_any();
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    publish(e, id, *p, version);
    return 0;
  });
  return set_answer(ctx, id);
}

Response cover(RequestContext& ctx) {
  int year = year_param(ctx, true);
  std::string region = region_prefix_param(ctx.req);
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return coverage(conn, c, year, region); }));
}

Response declaration(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  Caller c = who(ctx);
  std::string bytes =
      ctx.app.db.read([&](db::Conn& conn) { return declaration_xlsx(conn, c, id); });
  return Response::download(bytes, xlsx::kContentType, "绩效目标申报表.xlsx");
}

Response import_decl(RequestContext& ctx) {
  auto v = query_int(ctx.req, "version", "版本");
  if (!v) throw ApiError::field("version", {"缺少版本号", "version is required"});
  if (ctx.req.body.empty()) throw ApiError::field("file", {"请选择要导入的文件", "No file"});
  if (ctx.req.body.size() > (5u << 20))
    throw ApiError(413, "too_large", {"文件不能超过5MB", "At most 5 MB"});
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    import_declaration(e, id, ctx.req.body, *v);
    return 0;
  });
  return revision_answer(ctx, id);
}

Response setting_get(RequestContext& ctx) {
  Caller c = who(ctx);
  int year = setting_year_param(ctx.req);
  return Response::json(ctx.app.db.read(
      [&](db::Conn& conn) { return get_setting(conn, c, ctx.req.param("key"), year); }));
}

Response setting_put(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  const json::value* v = b.if_contains("value");
  if (!v) throw ApiError::field("value", {"缺少设置值", "value is required"});
  int64_t version = body_version(b);
  int year = setting_year_param(ctx.req);
  return Response::json(in_write(ctx, [&](Env& e) {
    return put_setting(e, ctx.req.param("key"), year, *v, static_cast<int>(version));
  }));
}

}  // namespace

void register_routes(http::Router& r) {
  const auto read = Access::perm("targets.read");
  const auto edit = Access::perm("targets.edit");
  const auto review_p = Access::perm("targets.review");
  const char* tag = "targets";
  r.add(Route{"GET", "/api/v1/targets", read,
              "绩效目标列表（kind、year、state、grade、department_id、published、q、分页）", tag,
              list});
  r.add(Route{"GET", "/api/v1/targets/projects", read,
              "需填报绩效目标的项目（year 必填；department_id、state=none|draft|…、q、分页）", tag,
              needing});
  r.add(Route{"GET", "/api/v1/targets/departments", read, "一级预算单位及其部门整体绩效目标", tag,
              depts});
  r.add(Route{"GET", "/api/v1/targets/coverage", read, "绩效目标覆盖情况（按部门）", tag, cover});
  r.add(Route{"GET", "/api/v1/targets/settings/{key}", read,
              "绩效目标设置（check_rules / review_outcomes；year=0 为各年度通用）", tag,
              setting_get});
  r.add(Route{"PUT", "/api/v1/targets/settings/{key}", Access::perm("targets.settings"),
              "修改绩效目标设置（需带 version）", tag, setting_put});
  r.add(Route{"POST", "/api/v1/targets", edit, "新建绩效目标（项目或部门整体；可复制上年）", tag,
              create});
  r.add(Route{"GET", "/api/v1/targets/{id}", read, "绩效目标详情（含当前版本和各版本）", tag,
              get_set});
  r.add(
      Route{"POST", "/api/v1/targets/{id}/changes", edit, "申请调整已审核的绩效目标", tag, change});
  r.add(Route{"POST", "/api/v1/targets/{id}/publish", review_p, "设置是否公开", tag, publish_set});
  r.add(Route{"GET", "/api/v1/targets/{id}/declaration.xlsx", read, "绩效目标申报表（xlsx）", tag,
              declaration, true});
  r.add(Route{"GET", "/api/v1/targets/revisions/{id}", read, "绩效目标的一个版本", tag,
              get_revision});
  r.add(Route{"PUT", "/api/v1/targets/revisions/{id}", edit, "保存草稿（整表，需带 version）", tag,
              save});
  r.add(Route{"DELETE", "/api/v1/targets/revisions/{id}", edit, "删除从未提交的草稿（?version=）",
              tag, remove});
  r.add(Route{"POST", "/api/v1/targets/revisions/{id}/check", read, "实时审核（不保存）", tag,
              check_live});
  r.add(Route{"POST", "/api/v1/targets/revisions/{id}/submit", edit, "提交审核", tag,
              simple<submit_revision>});
  r.add(Route{"POST", "/api/v1/targets/revisions/{id}/withdraw", edit, "撤回", tag,
              simple<withdraw_revision>});
  r.add(Route{"POST", "/api/v1/targets/revisions/{id}/review", review_p,
              "审核：优、良通过，中退回，差不予安排（逐项意见）", tag, review});
  r.add(Route{"GET", "/api/v1/targets/revisions/{id}/diff", read, "版本对比（against=）", tag,
              diff_of});
  r.add(Route{"POST", "/api/v1/targets/revisions/{id}/import", edit,
              "导入填好的申报表（?version=，全部通过才写入）", tag, import_decl, true});
  r.add(
      Route{"GET", "/api/v1/targets/projects/{id}/years", read, "项目多年度绩效目标", tag, years});
}

}  // namespace jx::targets
