// HTTP of the imports (docs/api-org.md "Import"): templates, and uploads that start a job.
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

// regions and orgs need system.org.manage, users system.user.manage.
std::string import_type(const RequestContext& ctx) {
  std::string type = ctx.req.query_param("type").value_or("");
  if (type != "regions" && type != "orgs" && type != "users")
    throw ApiError::field(
        "type", {"导入类型应为 regions、orgs 或 users", "type is regions, orgs or users"});
  if (!ctx.user().can(type == "users" ? "system.user.manage" : "system.org.manage"))
    throw ApiError::forbidden();
  return type;
}

const RefKind& ref_kind_of(const RequestContext& ctx) {
  std::string kind = ctx.req.query_param("kind").value_or("");
  const RefKind* k = find_ref_kind(kind);
  if (!k) throw ApiError::field("kind", {"参考数据类别不正确", "Unknown reference-data kind"});
  return *k;
}

void check_upload(const RequestContext& ctx) {
  if (static_cast<int64_t>(ctx.req.body.size()) > kMaxImportBytes)
    throw ApiError(413, "payload_too_large",
                   {"导入文件不能超过 5 MB", "The file is larger than 5 MB"});
  if (ctx.req.body.empty())
    throw ApiError::field("file", {"请上传填好的 xlsx 文件", "Upload the filled xlsx file"});
}

Response accepted(int64_t job_id) {
  return Response::json(json::object{{"job_id", job_id}}, 202);
}

Response org_template(RequestContext& ctx) {
  std::string type = import_type(ctx);
  const char* name = type == "orgs"      ? "机构导入模板.xlsx"
                     : type == "regions" ? "行政区划导入模板.xlsx"
                                         : "账号导入模板.xlsx";
  return Response::download(xlsx::make_template(import_template(type)), xlsx::kContentType, name);
}

Response org_import(RequestContext& ctx) {
  std::string type = import_type(ctx);
  check_upload(ctx);
  Caller who{org_scope(ctx.user()), ctx.actor()};
  Lang lang = ctx.req.lang();
  auto& app = ctx.app;
  std::string bytes = ctx.req.body;
  int64_t id = app.jobs.submit(
      "org.import." + type, ctx.user().user_id,
      [&app, who, lang, type, bytes = std::move(bytes)](jobs::JobContext& job) -> json::value {
        if (type == "orgs") return run_org_import(app.db, app.clock, who, bytes, job, lang);
        if (type == "regions") return run_region_import(app.db, app.clock, who, bytes, job, lang);
        return run_user_import(app.db, app.clock, who, bytes, job, lang);
      });
  return accepted(id);
}

Response ref_template_route(RequestContext& ctx) {
  const RefKind& k = ref_kind_of(ctx);
  return Response::download(xlsx::make_template(import_template("ref", std::string(k.kind))),
                            xlsx::kContentType, k.name.zh + "导入模板.xlsx");
}

Response ref_import(RequestContext& ctx) {
  const RefKind& k = ref_kind_of(ctx);
  auto y = ctx.req.query_param("year").value_or("");
  int year = 0;
  try {
    size_t used = 0;
    year = std::stoi(y, &used);
    if (used != y.size()) year = 0;
  } catch (const std::exception&) {
  }
  if (year < kMinRefYear || year > kMaxRefYear)
    throw ApiError::field("year", {"年度应为2000到2100之间的整数", "A year between 2000 and 2100"});
  check_upload(ctx);
  Caller who{org_scope(ctx.user()), ctx.actor()};
  Lang lang = ctx.req.lang();
  auto& app = ctx.app;
  std::string kind(k.kind);
  int64_t id = app.jobs.submit(
      "ref.import", ctx.user().user_id,
      [&app, who, lang, kind, year, bytes = ctx.req.body](jobs::JobContext& job) -> json::value {
        return run_ref_import(app.db, app.clock, who, kind, year, bytes, job, lang);
      });
  return accepted(id);
}

}  // namespace

void register_import_routes(http::Router& r) {
  Access admins = Access::any("system.org.manage", {"system.user.manage"});
  r.add(Route{"GET", "/api/v1/org/import/template", admins,
              "导入模板（type=regions 行政区划 / orgs 机构 / users 账号）", "org", org_template,
              true});
  r.add(
      Route{"POST", "/api/v1/org/import", admins,
            "导入行政区划、机构或账号（请求体为 xlsx，≤5 MB；后台任务校验全部行，全部通过才写入）",
            "org", org_import});
  r.add(Route{"GET", "/api/v1/ref/import/template", Access::perm("system.org.manage"),
              "参考数据导入模板（kind）", "ref", ref_template_route, true});
  r.add(Route{"POST", "/api/v1/ref/import", Access::perm("system.org.manage"),
              "导入参考数据（kind、year；请求体为 xlsx；新编码新增、名称变化者自该年度更名）",
              "ref", ref_import});
}

}  // namespace jx::org
