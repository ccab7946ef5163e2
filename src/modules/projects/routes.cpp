// HTTP of the projects module (docs/api-projects.md): the library, attachments, budgets and the
// joint 事前绩效评估 + 预算评审 case.
#include <boost/json.hpp>

#include "modules/projects/service.hpp"
#include "platform/context.hpp"
#include "platform/files/files.hpp"
#include "platform/routes.hpp"
#include "platform/util/text.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::projects {

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

// ---- reading bodies ----

int year_of(std::optional<int64_t> y) {
  return static_cast<int>(std::clamp<int64_t>(y.value_or(0), -1, 100000));
}

ProjectInput project_input(const json::object& b) {
  JsonInput j(b);
  ProjectInput in;
  in.name = j.opt_str("name", "项目名称", 100);
  in.category = j.opt_str("category", "项目类别", 32);
  in.kind = j.opt_str("kind", "项目性质", 16);
  in.budget_type = j.opt_str("budget_type", "预算类型", 32);
  in.func_class = j.opt_str("func_class", "支出功能分类", 16);
  in.sector = j.opt_str("sector", "行业领域", 32);
  in.description = j.opt_str("description", "项目概述", 5000);
  in.basis = j.opt_str("basis", "立项依据", 2000);
  in.contact = j.opt_str("contact", "联系人", 40);
  in.phone = j.opt_str("phone", "联系电话", 20);
  in.is_new = j.opt_bool("is_new", "是否新增");
  in.continuing_after_expiry = j.opt_bool("continuing_after_expiry", "是否到期延续");
  if (auto y = j.opt_int64("start_year", "起始年度")) in.start_year = year_of(y);
  if (auto y = j.opt_int64("end_year", "结束年度")) in.end_year = year_of(y);
  in.org_id = j.opt_int64("org_id", "申报单位");
  in.tags = j.opt_str_list("tags", "专项领域标签");
  if (auto rows = j.opt_objects("amounts", "申请金额", 200)) {
    std::vector<Amount> list;
    for (size_t i = 0; i < rows->size(); ++i) {
      JsonInput row = j.at(*(*rows)[i], "amounts." + std::to_string(i));
      auto y = row.int64("year", "年度");
      auto s = row.str("source", "资金来源", true, 32);
      auto fen = row.int64("requested_fen", "申请金额");
      if (y && fen) list.push_back({year_of(y), s, *fen});
    }
    in.amounts = list;
  }
  j.throw_if_any();
  return in;
}

ProjectFilter filter_of(const RequestContext& ctx) {
  ProjectFilter f;
  auto q = [&](const char* n) { return ctx.req.query_param(n).value_or(""); };
  f.q = q("q");
  if (f.q.size() > 200) throw ApiError::field("q", {"搜索词过长", "Too long"});
  f.state = q("state");
  f.category = q("category");
  f.sector = q("sector");
  f.tag = q("tag");
  f.conclusion = q("conclusion");
  f.sort = q("sort").empty() ? "updated" : q("sort");
  if (f.sort != "code" && f.sort != "name" && f.sort != "requested" && f.sort != "updated")
    throw ApiError::field("sort", {"排序只能是 code、name、requested 或 updated", "Unknown sort"});
  if (auto y = query_int(ctx.req, "year", "年度")) f.year = static_cast<int>(*y);
  f.org_id = query_int(ctx.req, "org_id", "单位");
  f.department_id = query_int(ctx.req, "department_id", "部门");
  std::string pre = q("preassess");
  if (pre == "true")
    f.preassess = true;
  else if (pre == "false")
    f.preassess = false;
  else if (!pre.empty())
    throw ApiError::field("preassess", {"应为 true 或 false", "true or false"});
  return f;
}

// ---- handlers ----

Response list(RequestContext& ctx) {
  ProjectFilter f = filter_of(ctx);
  Page page = page_of(ctx.req);
  Caller c = who(ctx);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return list_projects(conn, c, f, page, ctx.lang()); }));
}

Response stats(RequestContext& ctx) {
  Caller c = who(ctx);
  auto year = query_int(ctx.req, "year", "年度");
  if (!year || *year < 2000 || *year > 2100)
    throw ApiError::field("year", {"请指定2000到2100之间的年度", "A year between 2000 and 2100"});
  std::string region = region_prefix_param(ctx.req);
  return Response::json(ctx.app.db.read([&](db::Conn& conn) {
    return project_stats(conn, c, static_cast<int>(*year), region, ctx.lang());
  }));
}

Response export_list(RequestContext& ctx) {
  ProjectFilter f = filter_of(ctx);
  Caller c = who(ctx);
  auto table = ctx.app.db.read([&](db::Conn& conn) { return export_projects(conn, c, f); });
  return Response::download(xlsx::to_xlsx(table), xlsx::kContentType, "项目库.xlsx");
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

Response report(RequestContext& ctx) {
  Caller c = who(ctx);
  int64_t id = jx::path_id(ctx.req);
  std::string bytes =
      ctx.app.db.read([&](db::Conn& conn) { return case_report_docx(conn, c, id); });
  return Response::download(
      std::move(bytes), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "事前绩效评估报告.docx");
}

Response sheets(RequestContext& ctx) {
  Caller c = who(ctx);
  int64_t id = jx::path_id(ctx.req);
  auto table = ctx.app.db.read([&](db::Conn& conn) { return case_sheets(conn, c, id); });
  return Response::download(xlsx::to_xlsx(table), xlsx::kContentType, "专家评分表.xlsx");
}

Response detail(RequestContext& ctx) {
  Caller c = who(ctx);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return project_detail(conn, c, id, ctx.lang()); }));
}

Response create(RequestContext& ctx) {
  ProjectInput in = project_input(ctx.req.json_object());
  auto p = in_write(
      ctx, [&](Env& e) { return project_json(e.tx, create_project(e, in), true, ctx.lang()); });
  return Response::json(p, 201);
}

Response update(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  ProjectInput in = project_input(body);
  int64_t version = body_version(body);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& e) {
    return project_json(e.tx, update_project(e, id, in, version), true, ctx.lang());
  }));
}

Response remove(RequestContext& ctx) {
  auto v = query_int(ctx.req, "version", "版本");
  if (!v) throw ApiError::field("version", {"缺少版本号", "version is required"});
  int64_t id = jx::path_id(ctx.req);
  in_write(ctx, [&](Env& e) {
    delete_project(e, id, *v);
    return 0;
  });
  return Response::no_content();
}

Response submit(RequestContext& ctx) {
  int64_t version = body_version(ctx.req.json_object());
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& e) {
    return project_json(e.tx, submit_project(e, id, version), true, ctx.lang());
  }));
}

Response withdraw(RequestContext& ctx) {
  int64_t version = body_version(ctx.req.json_object());
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& e) {
    return project_json(e.tx, withdraw_project(e, id, version), true, ctx.lang());
  }));
}

Response upload(RequestContext& ctx) {
  std::string name = ctx.req.query_param("name").value_or("");
  std::string kind = ctx.req.query_param("kind").value_or("application");
  if (name.empty()) throw ApiError::field("name", {"请提供文件名", "The file name is required"});
  int64_t id = jx::path_id(ctx.req);
  auto a = in_write(ctx, [&](Env& e) { return add_attachment(e, id, name, kind, ctx.req.body); });
  return Response::json(json::object{{"id", a.id},
                                     {"name", a.name},
                                     {"kind", a.kind},
                                     {"size", a.size},
                                     {"content_type", a.content_type},
                                     {"uploaded_at", a.uploaded_at}},
                        201);
}

Response download(RequestContext& ctx) {
  Caller c = who(ctx);
  int64_t id = jx::path_id(ctx.req);
  int64_t att = jx::path_id(ctx.req, "att");
  return ctx.app.db.read([&](db::Conn& conn) {
    visible_project(conn, c, id);
    auto a = store::find_attachment(conn, id, att);
    if (!a) throw ApiError::not_found();
    auto f = files::get(conn, a->sha256);
    if (!f) throw ApiError::not_found();
    return Response::download(std::move(f->bytes), a->content_type, a->name);
  });
}

Response detach(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  int64_t att = jx::path_id(ctx.req, "att");
  in_write(ctx, [&](Env& e) {
    remove_attachment(e, id, att);
    return 0;
  });
  return Response::no_content();
}

Response budget(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  auto year = j.int64("year", "年度");
  auto fen = j.int64("approved_fen", "预算金额");
  j.throw_if_any();
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& env) {
    return project_json(env.tx, set_budget(env, id, static_cast<int>(*year), *fen, version), true,
                        ctx.lang());
  }));
}

Response life(RequestContext& ctx, const char* action) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  std::string reason = j.opt_str("reason", "理由", 1000).value_or("");
  j.throw_if_any();
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& env) {
    return project_json(env.tx, lifecycle(env, id, action, reason, version), true, ctx.lang());
  }));
}

Response cases(RequestContext& ctx) {
  Caller c = who(ctx);
  Page page = page_of(ctx.req);
  std::string state = ctx.req.query_param("state").value_or("");
  if (!state.empty() && state != "assigning" && state != "working" && state != "returned" &&
      state != "closed")
    throw ApiError::field("state", {"状态不正确", "Unknown state"});
  return Response::json(ctx.app.db.read(
      [&](db::Conn& conn) { return list_case_items(conn, c, state, page, ctx.lang()); }));
}

Response case_get(RequestContext& ctx) {
  Caller c = who(ctx);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(
      ctx.app.db.read([&](db::Conn& conn) { return case_detail(conn, c, id, ctx.lang()); }));
}

Response assign(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  Assignment a;
  a.lead_user_id = j.opt_int64("lead_user_id", "牵头人");
  a.reviewer_user_ids = j.id_list("reviewer_user_ids", "评审人员");
  a.expert_ids = j.id_list("expert_ids", "专家");
  a.third_party_org_id = j.opt_int64("third_party_org_id", "第三方机构");
  a.rescore = j.opt_bool("rescore", "重新评分").value_or(false);
  j.throw_if_any();
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& env) {
    Case k = assign_case(env, id, a, version);
    return case_json(env.tx, k, env.who, ctx.lang());
  }));
}

Response sheet(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  SheetInput in;
  in.expert_id = j.opt_int64("expert_id", "专家");
  in.ratings = j.str_map("ratings", "评级");
  in.comments = j.str_map("comments", "评分说明");
  in.veto = j.opt_bool("veto", "一票否决").value_or(false);
  in.veto_dimension = j.opt_str("veto_dimension", "否决维度", 32).value_or("financing");
  in.veto_reason = j.opt_str("veto_reason", "否决理由", 1000).value_or("");
  in.opinion = j.opt_str("opinion", "专家意见", 2000).value_or("");
  in.submit = j.opt_bool("submit", "提交").value_or(false);
  j.throw_if_any();
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& env) {
    return case_json(env.tx, save_sheet(env, id, in), env.who, ctx.lang());
  }));
}

Response review_route(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  std::vector<ReviewLine> lines;
  auto rows = j.opt_objects("lines", "评审明细", 500);
  if (!rows) j.add("lines", {"请填写评审明细", "lines is required"});
  for (size_t i = 0; rows && i < rows->size(); ++i) {
    JsonInput row = j.at(*(*rows)[i], "lines." + std::to_string(i));
    ReviewLine l;
    l.item = row.opt_str("item", "评审内容", 200).value_or("");
    l.reason = row.opt_str("reason", "审核理由", 1000).value_or("");
    l.submitted_fen = row.int64("submitted_fen", "送审金额").value_or(0);
    l.approved_fen = row.int64("approved_fen", "审定金额").value_or(0);
    lines.push_back(l);
  }
  j.throw_if_any();
  int64_t version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& env) {
    return case_json(env.tx, save_review(env, id, lines, version), env.who, ctx.lang());
  }));
}

Response conclude(RequestContext& ctx) {
  auto b = ctx.req.json_object();
  JsonInput j(b);
  ConcludeInput in;
  in.veto_confirmed = j.opt_bool("veto_confirmed", "确认一票否决").value_or(false);
  in.result = j.opt_str("result", "评审结论", 16).value_or("");
  in.opinion = j.opt_str("opinion", "意见", 5000).value_or("");
  j.throw_if_any();
  in.version = body_version(b);
  int64_t id = jx::path_id(ctx.req);
  return Response::json(in_write(ctx, [&](Env& env) {
    return case_json(env.tx, conclude_case(env, id, in), env.who, ctx.lang());
  }));
}

Response import_template_route(RequestContext&) {
  return Response::download(xlsx::make_template(import_template()), xlsx::kContentType,
                            "项目导入模板.xlsx");
}

Response import_route(RequestContext& ctx) {
  if (static_cast<int64_t>(ctx.req.body.size()) > max_import_bytes())
    throw ApiError(413, "payload_too_large",
                   {"导入文件不能超过 5 MB", "The file is larger than 5 MB"});
  if (ctx.req.body.empty())
    throw ApiError::field("file", {"请上传填好的 xlsx 文件", "Upload the filled xlsx file"});
  Caller c = who(ctx);
  Lang lang = ctx.req.lang();
  auto& app = ctx.app;
  int64_t id =
      app.jobs.submit("projects.import", ctx.user().user_id,
                      [&app, c, lang, bytes = ctx.req.body](jobs::JobContext& job) -> json::value {
                        return run_import(app.db, app.clock, app.workflows, c, bytes, job, lang);
                      });
  return Response::json(json::object{{"job_id", id}}, 202);
}

}  // namespace

void register_routes(http::Router& r) {
  const auto read = Access::perm("projects.read");
  const auto apply = Access::perm("projects.apply");
  const auto review = Access::perm("projects.review");
  const auto work = Access::any("projects.review", {"projects.score"});
  r.add(Route{"GET", "/api/v1/projects", read,
              "项目库列表（q、state、year、category、sector、org_id、department_"
              "id、tag、preassess、conclusion、sort、分页）",
              "projects", list});
  r.add(Route{"GET", "/api/v1/projects/export", read, "导出项目库（xlsx，筛选同列表）", "projects",
              export_list, true});
  r.add(Route{
      "GET", "/api/v1/projects/settings/{key}", read,
      "事前评估设置（preassess_rule / preassess_scheme / preassess_cutoffs；year=0 为各年度通用）",
      "projects", setting_get});
  r.add(Route{"PUT", "/api/v1/projects/settings/{key}", Access::perm("projects.settings"),
              "修改事前评估设置（需带 version，首次为 0）", "projects", setting_put});
  r.add(Route{"GET", "/api/v1/projects/stats", read,
              "年度统计：事前评估数量与结论（分行业）、预算评审送审审定与审减率（分行业、分部门）",
              "projects", stats});
  r.add(Route{"GET", "/api/v1/projects/{id}", read,
              "项目详情（含附件、预算、流程记录与评估评审任务）", "projects", detail});
  r.add(Route{"POST", "/api/v1/projects", apply, "新建项目草稿（边填边存）", "projects", create});
  r.add(Route{"PUT", "/api/v1/projects/{id}", apply, "修改草稿或退回调整的项目（需带 version）",
              "projects", update});
  r.add(Route{"DELETE", "/api/v1/projects/{id}", apply, "删除从未申报的草稿（?version=）",
              "projects", remove});
  r.add(Route{"POST", "/api/v1/projects/{id}/submit", apply,
              "申报：完整校验，判定是否需事前绩效评估并说明理由", "projects", submit});
  r.add(Route{"POST", "/api/v1/projects/{id}/withdraw", apply, "撤回尚未受理的申报", "projects",
              withdraw});
  r.add(Route{"POST", "/api/v1/projects/{id}/attachments", apply,
              "上传附件（请求体为文件，?name=&kind=，按内容校验类型与大小）", "projects", upload});
  r.add(Route{"GET", "/api/v1/projects/{id}/attachments/{att}", read, "下载附件", "projects",
              download});
  r.add(Route{"DELETE", "/api/v1/projects/{id}/attachments/{att}", apply,
              "删除附件（草稿或退回调整时）", "projects", detach});
  r.add(Route{"POST", "/api/v1/projects/{id}/budget", Access::perm("projects.budget"),
              "纳入预算：某年度安排金额，合计不超过审定金额", "projects", budget});
  r.add(Route{"POST", "/api/v1/projects/{id}/start", apply, "开始执行", "projects",
              [](RequestContext& c) { return life(c, "start"); }});
  r.add(Route{"POST", "/api/v1/projects/{id}/complete", apply, "执行完成", "projects",
              [](RequestContext& c) { return life(c, "complete"); }});
  r.add(Route{"POST", "/api/v1/projects/{id}/exit", review, "项目退出（须写明理由）", "projects",
              [](RequestContext& c) { return life(c, "exit"); }});
  r.add(Route{"GET", "/api/v1/cases", work,
              "评估评审任务（评审人员见范围内的任务，专家只见分派给本人的任务）", "projects",
              cases});
  r.add(Route{"GET", "/api/v1/projects/import/template", apply, "项目导入模板（xlsx）", "projects",
              import_template_route, true});
  r.add(Route{"POST", "/api/v1/projects/import", apply,
              "导入项目（请求体为 xlsx，≤5 MB；后台任务校验全部行，全部通过才写入，导入为草稿）",
              "projects", import_route});
  r.add(Route{"GET", "/api/v1/cases/reviewers", review,
              "可分派为牵头人或评审人员的账号（本县持有评审权限的在用账号）", "projects",
              [](RequestContext& ctx) {
                Caller c = who(ctx);
                return Response::json(
                    ctx.app.db.read([&](db::Conn& conn) { return case_reviewers(conn, c); }));
              }});
  r.add(Route{"GET", "/api/v1/cases/{id}", work, "任务详情（专家在结论出具前只见本人评分表）",
              "projects", case_get});
  r.add(Route{"POST", "/api/v1/cases/{id}/assign", review,
              "受理并分派牵头人、评审人员、专家和第三方机构", "projects", assign});
  r.add(Route{"PUT", "/api/v1/cases/{id}/sheet", work,
              "专家评分表（保存或提交；评审人员可代录纸质评分表）", "projects", sheet});
  r.add(Route{"PUT", "/api/v1/cases/{id}/review", review, "预算评审明细：送审金额、审定金额与理由",
              "projects", review_route});
  r.add(Route{"GET", "/api/v1/cases/{id}/report.docx", review,
              "事前绩效评估（及预算评审）报告，Word 格式", "projects", report, true});
  r.add(Route{"GET", "/api/v1/cases/{id}/sheets.xlsx", review, "专家评分表（xlsx）", "projects",
              sheets, true});
  r.add(Route{"POST", "/api/v1/cases/{id}/conclude", review, "出具结论并回写项目库", "projects",
              conclude});
}

}  // namespace jx::projects
