#include "platform/api.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>

#include "platform/auth/sessions.hpp"
#include "platform/util/crypto.hpp"

namespace jx {

namespace json = boost::json;

// Request ids: a random prefix per process and a counter, unique across instances and cheap.
static std::string next_request_id() {
  static const std::string prefix = crypto::random_token(6).substr(0, 6);
  static std::atomic<uint64_t> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

std::string session_cookie_value(const std::string& token, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (token.empty()) c += "; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

std::string ApiDispatcher::session_cookie(const std::string& token) const {
  return session_cookie_value(token, tls_);
}

void ApiDispatcher::add_security_headers(http::Response& res, const std::string& request_id) const {
  res.set_header("X-Request-Id", request_id);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
                 "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (tls_) res.set_header("Strict-Transport-Security", "max-age=31536000");
}

static http::Response error_response(const ApiError& e, Lang lang) {
  return http::Response::json(http::error_body(e, lang), e.status());
}

bool ApiDispatcher::is_blocking(const http::Request& req) const {
  if (req.path.rfind("/api/", 0) != 0) return false;
  auto m = router_.match(req.method, req.path);
  return m.route && m.route->blocking;
}

http::Response ApiDispatcher::refuse(const http::Request& req, int status) {
  ApiError e =
      status == 413
          ? ApiError(413, "payload_too_large",
                     {"请求内容过大（上限 " +
                          std::to_string(app_.config.max_body_bytes / 1024 / 1024) + " MB）",
                      "The request body is too large"})
          : ApiError(status, "bad_request", {"请求格式错误", "Malformed request"});
  http::Response r = error_response(e, req.lang());
  r.set_header("Connection", "close");
  add_security_headers(r, next_request_id());
  return r;
}

http::Response ApiDispatcher::handle(http::Request& req) {
  RequestContext ctx{req, app_, next_request_id(), nullptr, {}};
  http::Response res;
  try {
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
      res = handle_api(req, ctx);
    } else if (req.method != "GET" && req.method != "HEAD") {
      res = error_response(
          ApiError(405, "method_not_allowed", {"不支持的请求方法", "Method not allowed"}),
          req.lang());
    } else if (auto r = web_.serve(req)) {
      res = std::move(*r);
    } else {
      res = error_response(ApiError::not_found({"页面不存在", "Not found"}), req.lang());
    }
  } catch (const ApiError& e) {
    res = error_response(e, req.lang());
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::kUnique) {
      res = error_response(
          ApiError::conflict("duplicate", {"记录已存在", "The record already exists"}), req.lang());
    } else if (e.kind() == db::ErrorKind::kConnection) {
      spdlog::error("request {} {}: database unreachable: {}", ctx.request_id, req.path, e.what());
      res =
          error_response(ApiError(503, "database_unavailable",
                                  {"数据库暂时不可用，请稍后重试", "The database is unavailable"}),
                         req.lang());
    } else {
      spdlog::error("request {} {}: database error: {}", ctx.request_id, req.path, e.what());
      res = error_response(ApiError(500, "internal",
                                    {"服务器内部错误，请求编号 " + ctx.request_id,
                                     "Internal error, request id " + ctx.request_id}),
                           req.lang());
    }
  } catch (const std::exception& e) {
    spdlog::error("request {} {}: {}", ctx.request_id, req.path, e.what());
    res = error_response(ApiError(500, "internal",
                                  {"服务器内部错误，请求编号 " + ctx.request_id,
                                   "Internal error, request id " + ctx.request_id}),
                         req.lang());
  }
  add_security_headers(res, ctx.request_id);
  return res;
}

http::Response ApiDispatcher::handle_api(http::Request& req, RequestContext& ctx) {
  http::Match m = router_.match(req.method, req.path);
  if (!m.route) {
    if (m.path_matched)
      throw ApiError(405, "method_not_allowed", {"不支持的请求方法", "Method not allowed"});
    throw ApiError::not_found({"接口不存在", "No such API endpoint"});
  }
  const http::Route& route = *m.route;
  req.params = std::move(m.params);

  // Who is calling.
  std::string token = req.cookie(kSessionCookie);
  bool expired = false;
  if (!token.empty()) {
    auth::Authenticated a;
    switch (app_.sessions.authenticate(token, &a)) {
      case auth::SessionCheck::kOk:
        ctx.principal = a.principal;
        ctx.csrf_token = a.csrf_token;
        ctx.me_json = a.me_json;
        break;
      case auth::SessionCheck::kExpired:
        expired = true;
        break;
      case auth::SessionCheck::kNone:
        break;
    }
  }

  if (route.access.kind != http::Access::kPublic) {
    if (!ctx.principal) {
      if (expired)
        throw ApiError(401, "session_expired",
                       {"登录已超时，请重新登录", "Your session has expired"});
      throw ApiError::unauthenticated();
    }
    bool mutating = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
    if (mutating && !crypto::equal(req.header("x-csrf-token"), ctx.csrf_token))
      throw ApiError(403, "csrf_failed",
                     {"请求校验失败，请刷新页面后重试", "CSRF token missing or wrong"});
    if (ctx.principal->must_change_password && !route.access.allowed_before_password_change)
      throw ApiError(403, "password_change_required",
                     {"请先修改密码", "You must change your password first"});
    if (!route.access.granted_to(*ctx.principal)) throw ApiError::forbidden();
  }
  return route.handler(ctx);
}

}  // namespace jx
