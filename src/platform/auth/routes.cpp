// Sign-in, sign-out, password change and the caller's own account.
#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>

#include "platform/api.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/menu.hpp"
#include "platform/routes.hpp"
#include "platform/util/json_input.hpp"

namespace jx::auth {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

constexpr const char* kUserByName =
    "SELECT id, password_hash, status, failed_count, locked_until FROM users WHERE username = ?";
constexpr const char* kLoginLog =
    "INSERT INTO login_log (at, username, user_id, ip, user_agent, result, detail) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kFailed = "UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?";
constexpr const char* kSucceeded =
    "UPDATE users SET failed_count = 0, locked_until = NULL, last_login_at = ? WHERE id = ?";
constexpr const char* kPasswordState = "SELECT password_hash, username FROM users WHERE id = ?";
constexpr const char* kHistory =
    "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?";
constexpr const char* kOwnSessions =
    "SELECT id, ip, user_agent, created_at, last_seen_at FROM sessions "
    "WHERE user_id = ? AND ended_at IS NULL ORDER BY created_at DESC";

// A password hash to verify against when the user does not exist, so the answer takes the
// same time either way (no user enumeration by timing).
const std::string& dummy_hash() {
  static const std::string h = hash_password("jixiao-dummy-password-Aa1!");
  return h;
}

// Sign-in attempts per IP in the last minute (in memory: each instance limits on its own).
class RateLimiter {
 public:
  bool allow(const std::string& ip, int per_minute, TimePoint now) {
    std::lock_guard lock(mu_);
    auto& q = hits_[ip];
    while (!q.empty() && now - q.front() > std::chrono::minutes(1)) q.pop_front();
    if (static_cast<int>(q.size()) >= per_minute) return false;
    q.push_back(now);
    if (hits_.size() > 100000) hits_.clear();  // bounded memory under a spray of addresses
    return true;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<TimePoint>> hits_;
};

RateLimiter& limiter() {
  static RateLimiter r;
  return r;
}

void log_login(db::Conn& tx, const RequestContext& ctx, const std::string& username,
               std::optional<int64_t> user_id, const std::string& result,
               const std::string& detail) {
  // result is success | failure; the reason (bad_password, unknown_user, locked, ...) and any
  // extra go into detail, so "all failures" is one filter.
  std::string outcome = result == "success" ? "success" : "failure";
  static const std::map<std::string, std::string> kReasons = {
      {"success", "登录成功"},
      {"unknown_user", "用户不存在"},
      {"disabled", "账号已停用"},
      {"locked", "账号锁定中"},
      {"locked_now", "密码连续错误，账号已锁定"},
      {"bad_password", "密码错误"},
      {"rate_limited", "登录请求过于频繁"}};
  // The reason in Chinese for the log reader, then the code and any extra for tools.
  std::string why =
      kReasons.at(result) + "（" + result + (detail.empty() ? "" : " " + detail) + "）";
  tx.exec(kLoginLog,
          {format_utc(ctx.app.clock.now()), username.substr(0, 64), user_id, ctx.req.remote_ip,
           ctx.req.header("user-agent").substr(0, 512), outcome, why});
  audit::Actor actor = ctx.actor();
  actor.name = username.substr(0, 64);
  actor.user_id = user_id.value_or(0);
  audit::append(
      tx, ctx.app.clock, actor,
      {"auth.login", "user", user_id ? std::to_string(*user_id) : "",
       result == "success" ? "success" : "failure", nullptr, json::object{{"result", result}}});
}

Response login(RequestContext& ctx) {
  auto body = ctx.req.json_object();
  JsonInput in(body);
  std::string username = in.str("username", "用户名", true, 64);
  std::string password = in.str("password", "密码", true, 128);
  in.throw_if_any();
  auto& app = ctx.app;
  TimePoint now = app.clock.now();

  if (!limiter().allow(ctx.req.remote_ip, app.config.login_rate_per_minute, now)) {
    app.db.write(
        [&](db::Conn& tx) { log_login(tx, ctx, username, std::nullopt, "rate_limited", ""); });
    throw ApiError::too_many(
        {"登录尝试过于频繁，请稍后再试", "Too many sign-in attempts; try again later"});
  }
  SecurityPolicy pol = app.sessions.policy();
  auto row = app.db.read([&](db::Conn& c) { return c.one(kUserByName, {username}); });
  const ApiError invalid(401, "invalid_credentials",
                         {"用户名或密码错误", "Wrong user name or password"});
  if (!row) {
    verify_password(dummy_hash(), password);
    app.db.write(
        [&](db::Conn& tx) { log_login(tx, ctx, username, std::nullopt, "unknown_user", ""); });
    throw invalid;
  }
  int64_t uid = row->i64(0);
  if (row->text(2) != "active") {
    app.db.write([&](db::Conn& tx) { log_login(tx, ctx, username, uid, "disabled", ""); });
    throw ApiError(403, "account_disabled",
                   {"账号已停用，请联系系统管理员", "The account is disabled"});
  }
  auto locked_until = row->opt_text(4);
  if (locked_until && *locked_until > format_utc(now)) {
    app.db.write([&](db::Conn& tx) { log_login(tx, ctx, username, uid, "locked", *locked_until); });
    throw ApiError(423, "account_locked",
                   {"密码错误次数过多，账号已锁定 " + std::to_string(pol.lockout_minutes) + " 分钟",
                    "Too many failures; the account is locked"});
  }
  if (!verify_password(row->text(1), password)) {
    int failures = static_cast<int>(row->i64(3)) + 1;
    bool lock = failures >= pol.max_failures;
    app.db.write([&](db::Conn& tx) {
      db::Param until = lock
                            ? db::Param(format_utc(now + std::chrono::minutes(pol.lockout_minutes)))
                            : db::Param(nullptr);
      tx.exec(kFailed, {lock ? 0 : failures, until, uid});
      log_login(tx, ctx, username, uid, lock ? "locked_now" : "bad_password",
                "failures=" + std::to_string(failures));
    });
    if (lock)
      throw ApiError(423, "account_locked",
                     {"密码连续错误 " + std::to_string(pol.max_failures) + " 次，账号已锁定 " +
                          std::to_string(pol.lockout_minutes) + " 分钟",
                      "Too many failures; the account is locked"});
    throw invalid;
  }
  SessionManager::Created s = app.db.write([&](db::Conn& tx) {
    tx.exec(kSucceeded, {format_utc(now), uid});
    log_login(tx, ctx, username, uid, "success", "");
    return app.sessions.create(tx, uid, ctx.req.remote_ip, ctx.req.header("user-agent"));
  });
  Authenticated a;
  app.sessions.authenticate(s.token, &a);
  json::value me = a.me_json ? json::parse(*a.me_json) : json::value(json::object());
  Response r = Response::json(json::object{{"user", me}, {"csrf_token", s.csrf_token}});
  r.set_header("Set-Cookie", session_cookie_value(s.token, !app.config.tls_cert.empty()));
  return r;
}

Response logout(RequestContext& ctx) {
  const auto& p = ctx.user();
  ctx.app.db.write([&](db::Conn& tx) {
    ctx.app.sessions.end(tx, p.session_id, "logout");
    audit::append(tx, ctx.app.clock, ctx.actor(), {"auth.logout", "session", p.session_id});
  });
  Response r = Response::no_content();
  r.set_header("Set-Cookie", session_cookie_value("", !ctx.app.config.tls_cert.empty()));
  return r;
}

Response change_password(RequestContext& ctx) {
  const auto& p = ctx.user();
  auto body = ctx.req.json_object();
  JsonInput in(body);
  std::string old_pw = in.str("old_password", "原密码", true, 128);
  std::string new_pw = in.str("new_password", "新密码", true, 128);
  in.throw_if_any();
  auto& app = ctx.app;
  SecurityPolicy pol = app.sessions.policy();
  auto [current_hash, username, history] = app.db.read([&](db::Conn& c) {
    auto u = c.one(kPasswordState, {p.user_id});
    if (!u) throw ApiError::unauthenticated();
    std::vector<std::string> h;
    for (const auto& r : c.query(kHistory, {p.user_id, pol.history})) h.push_back(r.text(0));
    return std::make_tuple(u->text(0), u->text(1), h);
  });
  if (!verify_password(current_hash, old_pw))
    throw ApiError::field("old_password", {"原密码不正确", "The current password is wrong"});
  if (auto why = check_password(pol, username, new_pw)) throw ApiError::field("new_password", *why);
  if (verify_password(current_hash, new_pw))
    throw ApiError::field("new_password",
                          {"新密码不能与当前密码相同", "The new password must differ"});
  for (const auto& h : history)
    if (verify_password(h, new_pw))
      throw ApiError::field("new_password", {"新密码不能与最近 " + std::to_string(pol.history) +
                                                 " 次使用过的密码相同",
                                             "The new password was used recently"});
  std::string hash = hash_password(new_pw);
  app.db.write([&](db::Conn& tx) {
    set_password(tx, app.clock, p.user_id, hash, false);
    app.sessions.end_all_for_user(tx, p.user_id, "password_changed", p.session_id);
    audit::append(tx, app.clock, ctx.actor(),
                  {"auth.password_change", "user", std::to_string(p.user_id)});
  });
  return Response::no_content();
}

Response me(RequestContext& ctx) {
  ctx.user();
  if (ctx.me_json) {
    Response r;
    r.body = *ctx.me_json;
    r.set_header("Cache-Control", "no-store");
    return r;
  }
  throw ApiError::unauthenticated();
}

Response own_sessions(RequestContext& ctx) {
  const auto& p = ctx.user();
  json::array items;
  ctx.app.db.read([&](db::Conn& c) {
    for (const auto& r : c.query(kOwnSessions, {p.user_id}))
      items.push_back(json::object{{"id", r.text(0)},
                                   {"ip", r.text(1)},
                                   {"user_agent", r.text(2)},
                                   {"created_at", r.text(3)},
                                   {"last_seen_at", r.text(4)},
                                   {"current", r.text(0) == p.session_id}});
  });
  auto n = items.size();
  return Response::json(json::object{{"items", std::move(items)}, {"total", n}});
}

}  // namespace

std::string build_me_json(const Principal& p, const std::string& csrf, const std::string& expires) {
  json::array roles;
  for (size_t i = 0; i < p.roles.size(); ++i)
    roles.push_back(json::object{{"code", p.roles[i]},
                                 {"name", i < p.role_names.size() ? p.role_names[i] : ""}});
  json::array perms;
  for (const auto& x : p.permissions) perms.push_back(json::value(x));
  return json::serialize(
      json::object{{"id", p.user_id},
                   {"username", p.username},
                   {"display_name", p.display_name},
                   {"org_id", p.org_id ? json::value(p.org_id) : json::value(nullptr)},
                   {"roles", roles},
                   {"permissions", perms},
                   {"must_change_password", p.must_change_password},
                   {"password_expires_at", expires},
                   {"csrf_token", csrf},
                   {"menu", menu_for(p)}});
}

void register_auth_routes(http::Router& r) {
  Access change = Access::signed_in();
  change.allowed_before_password_change = true;
  r.add(Route{
      "POST", "/api/v1/auth/login", Access::public_(),
      "登录（用户名 + 密码），成功后下发会话 Cookie", "auth", login, true,
      R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}})"});
  r.add(Route{"POST", "/api/v1/auth/logout", change, "退出登录，服务端结束会话", "auth", logout});
  r.add(Route{
      "POST", "/api/v1/auth/password", change, "修改本人密码（首次登录和重置后必须修改）", "auth",
      change_password, true,
      R"({"type":"object","required":["old_password","new_password"],"properties":{"old_password":{"type":"string"},"new_password":{"type":"string"}}})"});
  r.add(Route{"GET", "/api/v1/me", change, "当前用户、角色、权限、菜单与 CSRF 令牌", "auth", me});
  r.add(Route{"GET", "/api/v1/me/sessions", Access::signed_in(), "本人的在线会话", "auth",
              own_sessions});
}

}  // namespace jx::auth
