// The administrators' endpoints (三员分立): accounts for the 系统管理员; roles, sessions and the
// security policy for the 安全管理员. The 审计管理员's endpoints are in audit/routes.cpp.
#include <boost/json.hpp>

#include "platform/auth/accounts.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/context.hpp"
#include "platform/routes.hpp"
#include "platform/settings.hpp"
#include "platform/util/crypto.hpp"

namespace jx::auth {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

constexpr const char* kUserSnapshot =
    "SELECT username, display_name, org_id, phone, email, status, version FROM users WHERE id = ?";
constexpr const char* kUpdateUser =
    "UPDATE users SET display_name = ?, phone = ?, email = ?, org_id = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ? AND version = ?";
constexpr const char* kUnlock =
    "UPDATE users SET failed_count = 0, locked_until = NULL, updated_at = ?, version = version + 1 "
    "WHERE id = ?";
constexpr const char* kSetStatus =
    "UPDATE users SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kRoles =
    "SELECT id, code, name, name_en, builtin, admin_kind, description, scope_kind FROM roles ORDER "
    "BY id";
constexpr const char* kRolePerms =
    "SELECT role_id, permission FROM role_permissions ORDER BY permission";
constexpr const char* kSessions =
    "SELECT s.id, s.user_id, u.username, u.display_name, s.ip, s.user_agent, s.created_at, "
    "s.last_seen_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.ended_at IS NULL AND s.last_seen_at "
    ">= ? "
    "ORDER BY s.last_seen_at DESC LIMIT ? OFFSET ?";
constexpr const char* kSessionsCount =
    "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL AND last_seen_at >= ?";
constexpr const char* kSessionUser =
    "SELECT user_id FROM sessions WHERE id = ? AND ended_at IS NULL";

json::object snapshot(db::Conn& c, int64_t id) {
  auto r = c.one(kUserSnapshot, {id});
  if (!r) throw ApiError::not_found();
  return {{"username", r->text(0)},
          {"display_name", r->text(1)},
          {"org_id", r->opt_i64(2) ? json::value(*r->opt_i64(2)) : json::value(nullptr)},
          {"phone", r->text(3)},
          {"email", r->text(4)},
          {"status", r->text(5)},
          {"version", r->i64(6)}};
}

Response list_users(RequestContext& ctx) {
  Page page = page_of(ctx.req);
  std::string where = "1=1";
  db::Params params;
  if (auto q = ctx.req.query_param("q"); q && !q->empty()) {
    where += " AND (username LIKE ? OR display_name LIKE ?)";
    params.push_back("%" + *q + "%");
    params.push_back("%" + *q + "%");
  }
  if (auto st = ctx.req.query_param("status"); st && !st->empty()) {
    if (*st != "active" && *st != "disabled")
      throw ApiError::field("status",
                            {"状态只能是 active 或 disabled", "status must be active or disabled"});
    where += " AND status = ?";
    params.push_back(*st);
  }
  return ctx.app.db.read([&](db::Conn& c) {
    int64_t total = c.query("SELECT COUNT(*) FROM users WHERE " + where, params)[0].i64(0);
    db::Params p2 = params;
    p2.push_back(page.size);
    p2.push_back(page.offset());
    json::array items;
    for (const auto& r :
         c.query("SELECT id FROM users WHERE " + where + " ORDER BY id LIMIT ? OFFSET ?", p2))
      items.push_back(user_json(c, r.i64(0), ctx.app.clock));
    return Response::json(json::object{{"items", items}, {"total", total}});
  });
}

NewUser read_user(const json::object& body, JsonInput& in) {
  NewUser u;
  u.username = in.str("username", "用户名", true, 32);
  u.display_name = in.str("display_name", "姓名", true, 40);
  u.phone = in.str("phone", "电话", false, 20);
  u.email = in.str("email", "电子邮箱", false, 100);
  u.org_id = in.int64("org_id", "所属单位", false);
  return u;
}

Response create(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  NewUser u = read_user(body, in);
  in.throw_if_any();
  validate_new_user(u);
  std::string password = crypto::random_password(14);
  std::string hash = hash_password(password);
  auto user = ctx.app.db.write([&](db::Conn& tx) {
    int64_t id = create_user(tx, ctx.app.clock, ctx.actor(), u, hash, true);
    return user_json(tx, id, ctx.app.clock);
  });
  return Response::json(json::object{{"user", user}, {"initial_password", password}}, 201);
}

Response update(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  NewUser u;
  u.display_name = in.str("display_name", "姓名", true, 40);
  u.phone = in.str("phone", "电话", false, 20);
  u.email = in.str("email", "电子邮箱", false, 100);
  u.org_id = in.int64("org_id", "所属单位", false);
  auto version = in.int64("version", "版本号");
  in.throw_if_any();
  auto user = ctx.app.db.write([&](db::Conn& tx) {
    json::object before = snapshot(tx, id);
    u.username = std::string(before["username"].as_string());
    validate_new_user(u);
    if (tx.exec(kUpdateUser, {u.display_name, u.phone, u.email, u.org_id,
                              format_utc(ctx.app.clock.now()), id, *version}) != 1)
      throw ApiError::stale();
    audit::append(tx, ctx.app.clock, ctx.actor(),
                  {"user.update", "user", std::to_string(id), "success", before, snapshot(tx, id)});
    ctx.app.sessions.refresh_user(tx, id);
    return user_json(tx, id, ctx.app.clock);
  });
  return Response::json(user);
}

Response reset_password(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  std::string password = crypto::random_password(14);
  std::string hash = hash_password(password);
  ctx.app.db.write([&](db::Conn& tx) {
    snapshot(tx, id);
    set_password(tx, ctx.app.clock, id, hash, true);
    ctx.app.sessions.end_all_for_user(tx, id, "password_reset");
    audit::append(tx, ctx.app.clock, ctx.actor(),
                  {"user.reset_password", "user", std::to_string(id)});
  });
  return Response::json(json::object{{"initial_password", password}});
}

Response unlock(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  ctx.app.db.write([&](db::Conn& tx) {
    snapshot(tx, id);
    tx.exec(kUnlock, {format_utc(ctx.app.clock.now()), id});
    audit::append(tx, ctx.app.clock, ctx.actor(), {"user.unlock", "user", std::to_string(id)});
  });
  return Response::no_content();
}

Response set_status(RequestContext& ctx, const std::string& status) {
  int64_t id = jx::path_id(ctx.req);
  if (status == "disabled" && id == ctx.user().user_id)
    throw ApiError::conflict("cannot_disable_self",
                             {"不能停用自己的账号", "You cannot disable your own account"});
  ctx.app.db.write([&](db::Conn& tx) {
    json::object before = snapshot(tx, id);
    tx.exec(kSetStatus, {status, format_utc(ctx.app.clock.now()), id});
    if (status == "disabled") ctx.app.sessions.end_all_for_user(tx, id, "disabled");
    audit::append(tx, ctx.app.clock, ctx.actor(),
                  {status == "disabled" ? "user.disable" : "user.enable", "user",
                   std::to_string(id), "success", before, snapshot(tx, id)});
  });
  return Response::no_content();
}

Response list_roles(RequestContext& ctx) {
  return ctx.app.db.read([&](db::Conn& c) {
    std::map<int64_t, json::array> perms;
    for (const auto& r : c.query(kRolePerms)) perms[r.i64(0)].push_back(json::value(r.text(1)));
    json::array items;
    for (const auto& r : c.query(kRoles))
      items.push_back(json::object{
          {"id", r.i64(0)},
          {"code", r.text(1)},
          {"name", r.text(2)},
          {"name_en", r.text(3)},
          {"builtin", r.i64(4) != 0},
          {"admin_kind", r.opt_text(5) ? json::value(*r.opt_text(5)) : json::value(nullptr)},
          {"description", r.text(6)},
          {"scope_kind", r.text(7)},
          {"permissions", perms[r.i64(0)]}});
    auto n = items.size();
    return Response::json(json::object{{"items", items}, {"total", n}});
  });
}

Response list_permissions(RequestContext& ctx) {
  json::array items;
  for (const auto& p : permissions())
    items.push_back(
        json::object{{"code", p.code}, {"name", pick(p.name, ctx.lang())}, {"module", p.module}});
  auto n = items.size();
  return Response::json(json::object{{"items", items}, {"total", n}});
}

Response set_roles(RequestContext& ctx) {
  int64_t id = jx::path_id(ctx.req);
  auto body = ctx.req.json_object();
  JsonInput in(body);
  auto codes = in.str_list("role_codes", "角色");
  in.throw_if_any();
  auto user = ctx.app.db.write([&](db::Conn& tx) {
    snapshot(tx, id);
    if (id == ctx.user().user_id)
      throw ApiError::conflict("cannot_grant_self",
                               {"不能修改自己的角色", "You cannot change your own roles"});
    set_user_roles(tx, ctx.app.clock, ctx.actor(), id, codes);
    ctx.app.sessions.refresh_user(tx, id);
    return user_json(tx, id, ctx.app.clock);
  });
  return Response::json(user);
}

std::string active_cutoff(RequestContext& ctx) {
  auto pol = ctx.app.sessions.policy();
  return format_utc(ctx.app.clock.now() - std::chrono::minutes(pol.idle_timeout_minutes));
}

Response list_sessions(RequestContext& ctx) {
  Page page = page_of(ctx.req);
  std::string cutoff = active_cutoff(ctx);
  return ctx.app.db.read([&](db::Conn& c) {
    int64_t total = c.query(kSessionsCount, {cutoff})[0].i64(0);
    json::array items;
    for (const auto& r : c.query(kSessions, {cutoff, page.size, page.offset()}))
      items.push_back(json::object{{"id", r.text(0)},
                                   {"user_id", r.i64(1)},
                                   {"username", r.text(2)},
                                   {"display_name", r.text(3)},
                                   {"ip", r.text(4)},
                                   {"user_agent", r.text(5)},
                                   {"created_at", r.text(6)},
                                   {"last_seen_at", r.text(7)},
                                   {"current", r.text(0) == ctx.user().session_id}});
    return Response::json(json::object{{"items", items}, {"total", total}});
  });
}

Response end_session(RequestContext& ctx) {
  std::string sid = ctx.req.param("id");
  ctx.app.db.write([&](db::Conn& tx) {
    auto r = tx.one(kSessionUser, {sid});
    if (!r) throw ApiError::not_found({"会话不存在或已结束", "No such active session"});
    ctx.app.sessions.end(tx, sid, "forced");
    audit::append(tx, ctx.app.clock, ctx.actor(),
                  {"session.force_end", "session", sid, "success", nullptr,
                   json::object{{"user_id", r->i64(0)}}});
  });
  return Response::no_content();
}

Response get_policy(RequestContext& ctx) {
  auto p = ctx.app.db.read([](db::Conn& c) { return load_policy(c); });
  return Response::json(policy_to_json(p));
}

Response put_policy(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  SecurityPolicy p = policy_from_json(body);
  if (!body.contains("version"))
    throw ApiError::field("version", {"版本号不能为空", "version is required"});
  auto errors = check_policy_floor(p);
  if (!errors.empty()) throw ApiError::validation(errors);
  auto saved = ctx.app.db.write([&](db::Conn& tx) {
    SecurityPolicy before = load_policy(tx);
    json::object value = policy_to_json(p);
    value.erase("version");
    p.version =
        settings::put(tx, ctx.app.clock, "security.policy", value, p.version, ctx.user().user_id);
    json::object b = policy_to_json(before);
    audit::append(
        tx, ctx.app.clock, ctx.actor(),
        {"security.policy", "setting", "security.policy", "success", b, policy_to_json(p)});
    tx.on_commit([&ctx] { ctx.app.sessions.policy_changed(); });
    return p;
  });
  return Response::json(policy_to_json(saved));
}

}  // namespace

void register_admin_routes(http::Router& r) {
  const char* user_schema =
      R"({"type":"object","required":["username","display_name"],"properties":{"username":{"type":"string"},"display_name":{"type":"string"},"org_id":{"type":"integer"},"phone":{"type":"string"},"email":{"type":"string"}}})";
  r.add(Route{"GET", "/api/v1/admin/users",
              Access::any("system.user.read", {"security.role.grant"}),
              "账号列表（q 搜索，status 过滤）", "admin", list_users});
  r.add(Route{"POST", "/api/v1/admin/users", Access::perm("system.user.manage"),
              "新建账号，返回一次性初始密码（首次登录须修改）", "admin", create, true,
              user_schema});
  r.add(Route{"PUT", "/api/v1/admin/users/{id}", Access::perm("system.user.manage"),
              "修改账号信息（需带 version）", "admin", update});
  r.add(Route{"POST", "/api/v1/admin/users/{id}/reset-password", Access::perm("system.user.manage"),
              "重置密码，返回一次性密码并结束其会话", "admin", reset_password, true});
  r.add(Route{"POST", "/api/v1/admin/users/{id}/unlock", Access::perm("system.user.manage"),
              "解除锁定", "admin", unlock});
  r.add(Route{"POST", "/api/v1/admin/users/{id}/disable", Access::perm("system.user.manage"),
              "停用账号并结束其会话", "admin",
              [](RequestContext& c) { return set_status(c, "disabled"); }});
  r.add(Route{"POST", "/api/v1/admin/users/{id}/enable", Access::perm("system.user.manage"),
              "启用账号", "admin", [](RequestContext& c) { return set_status(c, "active"); }});
  r.add(Route{"GET", "/api/v1/admin/roles", Access::perm("security.role.read"), "角色及其权限",
              "admin", list_roles});
  r.add(Route{"GET", "/api/v1/admin/permissions", Access::perm("security.role.read"), "全部权限码",
              "admin", list_permissions});
  r.add(Route{
      "PUT", "/api/v1/admin/users/{id}/roles", Access::perm("security.role.grant"),
      "设置账号的角色（三员分立校验）", "admin", set_roles, false,
      R"({"type":"object","required":["role_codes"],"properties":{"role_codes":{"type":"array","items":{"type":"string"}}}})"});
  r.add(Route{"GET", "/api/v1/admin/sessions", Access::perm("security.session.manage"), "在线会话",
              "admin", list_sessions});
  r.add(Route{"DELETE", "/api/v1/admin/sessions/{id}", Access::perm("security.session.manage"),
              "强制下线", "admin", end_session});
  r.add(Route{"GET", "/api/v1/admin/security-policy", Access::perm("security.policy.manage"),
              "安全策略", "admin", get_policy});
  r.add(Route{"PUT", "/api/v1/admin/security-policy", Access::perm("security.policy.manage"),
              "修改安全策略（不得低于等保三级底线）", "admin", put_policy});
}

}  // namespace jx::auth
