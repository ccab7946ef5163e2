// ApiDispatcher: the one path every request takes. Request id, routing (404/405), session
// authentication, the forced-password-change gate, the CSRF check, the route's permission
// check, the handler, error mapping to the DESIGN.md error format, security headers, and the
// static web UI for everything outside /api/.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"

namespace jx {

constexpr const char* kSessionCookie = "jx_session";

class ApiDispatcher final : public http::Dispatcher {
 public:
  ApiDispatcher(http::Router& router, Services& services, http::StaticFiles& web, bool tls)
      : router_(router), app_(services), web_(web), tls_(tls) {}

  http::Response handle(http::Request& req) override;
  bool is_blocking(const http::Request& req) const override;
  http::Response refuse(const http::Request& req, int status) override;

  // The Set-Cookie value for a session token ("" clears the cookie).
  std::string session_cookie(const std::string& token) const;

 private:
  http::Response handle_api(http::Request& req, RequestContext& ctx);
  void add_security_headers(http::Response& res, const std::string& request_id) const;

  http::Router& router_;
  Services& app_;
  http::StaticFiles& web_;
  bool tls_;
};

// Set by the dispatcher so handlers (login, logout) can build cookies the same way.
std::string session_cookie_value(const std::string& token, bool secure);

}  // namespace jx
