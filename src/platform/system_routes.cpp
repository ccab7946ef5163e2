// Health, metadata, the OpenAPI document, the platform's catalog (permissions, administrator
// roles, menu) and the test-only clock.
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "platform/auth/accounts.hpp"
#include "platform/context.hpp"
#include "platform/menu.hpp"
#include "platform/routes.hpp"

namespace jx {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

int64_t path_id(const http::Request& req, const char* name, Msg not_found) {
  std::string raw = req.param(name);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (raw.empty() || ec != std::errc() || end != raw.data() + raw.size() || v < 1)
    throw ApiError::not_found(std::move(not_found));
  return v;
}

std::optional<int64_t> query_int(const http::Request& req, const char* name, const char* label) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  try {
    size_t used = 0;
    int64_t n = std::stoll(*v, &used);
    if (used == v->size()) return n;
  } catch (const std::exception&) {
  }
  throw ApiError::field(name, {std::string(label) + "必须是整数", "Must be an integer"});
}

int64_t body_version(const boost::json::object& body) {
  JsonInput j(body);
  auto v = j.int64("version", "版本号");
  j.throw_if_any();
  return *v;
}

std::string region_prefix_param(const http::Request& req) {
  std::string region = req.query_param("region_code").value_or("");
  if (region.size() > 12 || region.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError::field("region_code", {"行政区划代码格式不正确", "Invalid region code"});
  // A county code 371525 (or a township's 9 digits) is its own prefix; a province or city code
  // ends in zeros that do not narrow anything.
  while (region.size() > 2 && region.size() <= 6 && region.substr(region.size() - 2) == "00")
    region.resize(region.size() - 2);
  return region;
}

int setting_year_param(const http::Request& req) {
  auto y = query_int(req, "year", "年度");
  return y ? static_cast<int>(std::clamp<int64_t>(*y, -1, 100000)) : 0;
}

Page page_of(const http::Request& req) {
  Page p;
  std::vector<FieldError> errors;
  auto read = [&](const char* name, int64_t lo, int64_t hi, int64_t* out) {
    auto v = req.query_param(name);
    if (!v) return;
    try {
      size_t used = 0;
      int64_t n = std::stoll(*v, &used);
      if (used != v->size() || n < lo || n > hi) throw std::out_of_range(name);
      *out = n;
    } catch (const std::exception&) {
      errors.push_back({name,
                        {std::string(name) + " 须为 " + std::to_string(lo) + " 到 " +
                             std::to_string(hi) + " 之间的整数",
                         std::string(name) + " must be an integer in range"}});
    }
  };
  read("page", 1, 1000000, &p.page);
  read("page_size", 1, 200, &p.size);
  if (!errors.empty()) throw ApiError::validation(errors);
  return p;
}

static Response health(RequestContext& ctx) {
  bool ok = true;
  try {
    ctx.app.db.read([](db::Conn& c) { c.query("SELECT 1"); });
  } catch (const std::exception&) {
    ok = false;
  }
  json::object o{
      {"status", ok ? "ok" : "degraded"},
      {"database", ok ? "ok" : "unreachable"},
      {"version", JX_VERSION},
      {"dialect", ctx.app.db.dialect() == db::Dialect::kSqlite ? "sqlite" : "postgresql"}};
  Response r = Response::json(o, ok ? 200 : 503);
  r.set_header("Cache-Control", "no-store");
  return r;
}

namespace {
std::function<BudgetYearsInfo(db::Conn&)>& years_source() {
  static std::function<BudgetYearsInfo(db::Conn&)> source;
  return source;
}
}  // namespace

void set_budget_years_source(std::function<BudgetYearsInfo(db::Conn&)> source) {
  years_source() = std::move(source);
}

static Response meta(RequestContext& ctx) {
  int year = std::stoi(shanghai_date(ctx.app.clock.now()).substr(0, 4));
  BudgetYearsInfo info;
  bool demo = ctx.app.db.read([&](db::Conn& c) {
    if (years_source()) info = years_source()(c);
    auto r = c.one("SELECT value FROM meta WHERE key = 'demo'");
    return r && r->text(0) == "1";
  });
  json::array years;
  if (info.years.empty()) {
    for (int y = year - 3; y <= year + 1; ++y) years.push_back(y);
  } else {
    for (int y : info.years) years.push_back(y);
    year = info.current_year.value_or(info.years.back());
  }
  return Response::json(json::object{{"version", JX_VERSION},
                                     {"years", years},
                                     {"current_year", year},
                                     {"demo", demo},
                                     {"name", "预算绩效管理系统"},
                                     {"name_en", "jixiao budget performance management"}});
}

static Response test_clock(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  auto secs = in.int64("advance_seconds", "前进秒数");
  in.throw_if_any();
  if (*secs < 0) throw ApiError::field("advance_seconds", {"只能向前调整", "must be >= 0"});
  ctx.app.test_clock->advance(*secs);
  return Response::json(json::object{{"now", format_utc(ctx.app.clock.now())}});
}

void register_system_routes(http::Router& r, bool test_fixtures) {
  r.add(Route{"GET", "/api/v1/health", Access::public_(), "健康检查：数据库可达性与版本", "system",
              health});
  r.add(Route{"GET", "/api/v1/meta", Access::public_(), "系统信息：版本、可选预算年度、是否演示库",
              "system", meta});
  r.add(Route{"GET", "/api/v1/openapi.json", Access::public_(), "本接口文档（OpenAPI 3）", "system",
              [&r](RequestContext&) {
                Response res;
                res.body = openapi_json(r);
                return res;
              }});
  if (test_fixtures)
    r.add(Route{"POST", "/api/v1/_test/clock", Access::public_(), "测试专用：服务器时钟前进",
                "test", test_clock});
}

void register_platform_catalog(bool test_fixtures) {
  using auth::register_permission;
  register_permission({"system.user.read", {"查看账号", "View accounts"}, "system"});
  register_permission({"system.user.manage",
                       {"管理账号（新建、重置密码、解锁、停用）", "Manage accounts"},
                       "system"});
  register_permission({"system.org.manage", {"管理组织机构", "Manage organizations"}, "system"});
  register_permission({"security.role.read", {"查看角色与权限", "View roles"}, "security"});
  register_permission({"security.role.grant", {"为账号授予角色", "Grant roles"}, "security"});
  register_permission(
      {"security.policy.manage", {"设置安全策略", "Set the security policy"}, "security"});
  register_permission(
      {"security.session.manage", {"查看与强制下线会话", "Manage sessions"}, "security"});
  register_permission(
      {"audit.log.read", {"查看审计日志与登录日志", "Read audit and sign-in logs"}, "audit"});
  register_permission(
      {"security.loginlog.read", {"查看登录日志", "Read the sign-in log"}, "security"});
  register_permission(
      {"audit.log.export", {"导出审计日志与登录日志", "Export audit and sign-in logs"}, "audit"});

  auth::register_builtin_role({"sysadmin",
                               {"系统管理员", "System administrator"},
                               "system",
                               "none",
                               {"system.user.read", "system.user.manage", "system.org.manage"},
                               "管理组织机构与账号；不能授权，不能查看业务数据"});
  auth::register_builtin_role(
      {"secadmin",
       {"安全管理员", "Security administrator"},
       "security",
       "none",
       {"security.role.read", "security.role.grant", "security.policy.manage",
        "security.session.manage", "security.loginlog.read"},
       "授予角色、设置安全策略、管理会话；不能创建账号，不能查看业务数据"});
  auth::register_builtin_role({"auditadmin",
                               {"审计管理员", "Audit administrator"},
                               "audit",
                               "none",
                               {"audit.log.read", "audit.log.export"},
                               "只能查看和导出审计日志与登录日志"});

  register_menu({"home", "", "首页", "Home", "HomeFilled", "/home", "", 1});
  register_menu({"todo", "", "待办事项", "To-do", "Bell", "/todo", "", 2});
  register_menu({"system", "", "系统管理", "System", "Setting", "", "", 900});
  register_menu({"admin-users", "system", "账号管理", "Accounts", "User", "/admin/users",
                 "system.user.manage", 901});
  register_menu({"security", "", "安全管理", "Security", "Lock", "", "", 910});
  register_menu({"admin-roles", "security", "角色授权", "Roles", "Key", "/admin/roles",
                 "security.role.read", 911});
  register_menu({"admin-sessions", "security", "在线会话", "Sessions", "Connection",
                 "/admin/sessions", "security.session.manage", 912});
  register_menu({"admin-policy", "security", "安全策略", "Security policy", "Lock",
                 "/admin/security-policy", "security.policy.manage", 913});
  register_menu({"security-login-logs", "security", "登录日志", "Sign-in log", "Tickets",
                 "/audit/login-logs", "security.loginlog.read", 914});
  register_menu({"audit", "", "安全审计", "Audit", "Document", "", "", 920});
  register_menu({"audit-logs", "audit", "审计日志", "Audit log", "Document", "/audit/logs",
                 "audit.log.read", 921});
  register_menu({"login-logs", "audit", "登录日志", "Sign-in log", "Tickets", "/audit/login-logs",
                 "audit.log.read", 922});
  if (test_fixtures) {
    register_permission({"fixture.submit", {"测试：提交测试单据", "Test: submit"}, "test"});
    register_permission({"fixture.review", {"测试：审核测试单据", "Test: review"}, "test"});
    auth::register_builtin_role({"fixture_clerk",
                                 {"测试填报员", "Test clerk"},
                                 "",
                                 "all",
                                 {"fixture.submit"},
                                 "仅测试环境"});
    auth::register_builtin_role({"fixture_reviewer",
                                 {"测试审核员", "Test reviewer"},
                                 "",
                                 "all",
                                 {"fixture.review"},
                                 "仅测试环境"});
  }
}

}  // namespace jx
