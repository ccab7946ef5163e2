// The services a running jixiao offers to handlers, and the per-request context.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/config.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/util/clock.hpp"

namespace jx {

namespace auth {
class SessionManager;
}
namespace jobs {
class JobRunner;
}
namespace workflow {
class Registry;
}

struct Services {
  Config& config;
  db::Db& db;
  Clock& clock;
  auth::SessionManager& sessions;
  jobs::JobRunner& jobs;
  workflow::Registry& workflows;
  OffsetClock* test_clock = nullptr;  // set only under --test-fixtures
};

struct RequestContext {
  const http::Request& req;
  Services& app;
  std::string request_id;
  // Shared with the session cache: read-only, never copied per request.
  std::shared_ptr<const auth::Principal> principal;
  std::string csrf_token;                      // of the current session
  std::shared_ptr<const std::string> me_json;  // cached GET /me body of the current session

  Lang lang() const { return req.lang(); }
  // The signed-in principal; ApiError 401 if there is none.
  const auth::Principal& user() const {
    if (!principal) throw ApiError::unauthenticated();
    return *principal;
  }
  audit::Actor actor() const {
    audit::Actor a;
    if (principal) {
      a.user_id = principal->user_id;
      a.name = principal->username;
    }
    a.ip = req.remote_ip;
    a.request_id = request_id;
    return a;
  }
};

}  // namespace jx
