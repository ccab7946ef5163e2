// Router: every endpoint is declared once with its method, path (with {param} segments), the
// permission it needs, and a summary; the same table drives dispatch, the permission check,
// the CSRF check and /api/v1/openapi.json, so the OpenAPI document cannot drift from the code.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/http/message.hpp"

namespace jx {
struct RequestContext;
}

namespace jx::http {

// Who may call a route: nobody signed in, anyone signed in, or holders of a permission code.
struct Access {
  enum Kind { kPublic, kSignedIn, kPermission } kind = kPermission;
  std::string permission;
  // With kPermission: any of these also grants access (e.g. the user list for role granting).
  std::vector<std::string> also;
  // Signed-in users who must change their password may still call this route.
  bool allowed_before_password_change = false;

  static Access public_() { return {kPublic, "", {}, true}; }
  static Access signed_in() { return {kSignedIn, "", {}, false}; }
  static Access perm(std::string p) { return {kPermission, std::move(p), {}, false}; }
  static Access any(std::string p, std::vector<std::string> also) {
    return {kPermission, std::move(p), std::move(also), false};
  }
  bool granted_to(const auth::Principal& pr) const;
};

using Handler = std::function<Response(RequestContext&)>;

struct Route {
  std::string method;
  std::string path;  // "/api/v1/admin/users/{id}"
  Access access;
  std::string summary;  // one line, Chinese, for OpenAPI and the docs
  std::string tag;      // module name
  Handler handler;
  // Runs on the blocking thread pool instead of an I/O thread (password hashing, exports).
  bool blocking = false;
  // Request body schema and response description for OpenAPI (JSON Schema text, optional).
  std::string request_schema;
  std::string response_schema;
};

struct Match {
  const Route* route = nullptr;
  std::unordered_map<std::string, std::string> params;
  bool path_matched = false;  // some route has this path but not this method (405)
};

class Router {
 public:
  void add(Route r);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
  // Each route's path split into segments once, literal-only routes first, so a request's path
  // is split once and matched without allocating.
  struct Pattern {
    std::vector<std::string> segments;
    bool has_params = false;
    const Route* route = nullptr;
  };
  std::vector<Pattern> patterns_;
};

}  // namespace jx::http
