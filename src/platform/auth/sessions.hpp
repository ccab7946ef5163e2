// Server-side sessions. The cookie holds a random token; the database holds its SHA-256, the
// user, the CSRF token and the times. A small in-memory cache answers most requests without a
// query; entries are re-read from the database after kCacheSeconds, so a sign-out or role change
// made by another jixiao instance takes effect within that time (at once on this instance).
// Idle and absolute timeouts come from the security policy. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "platform/auth/passwords.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::auth {

struct Authenticated {
  std::shared_ptr<const Principal> principal;
  std::string csrf_token;
  std::string session_id;
  std::string password_expires_at;
  // The serialized GET /me body for this session, built once per cache fill.
  std::shared_ptr<const std::string> me_json;
};

enum class SessionCheck { kOk, kNone, kExpired };

// Loads a user's principal (roles, permissions; `extend` adds the module's scope) in c. The
// session manager uses it with its loader; batch jobs and the demo act as a user through it.
Principal load_principal(db::Conn& c, int64_t user_id,
                         const std::function<void(db::Conn&, Principal&)>& extend);

class SessionManager {
 public:
  static constexpr int kCacheSeconds = 10;
  // Fills a principal's roles, permissions and scope from the database. The org module
  // installs one that resolves data scope; the default knows only "all" and the user's org.
  using PrincipalLoader = std::function<void(db::Conn&, Principal&)>;
  // Builds the /me JSON for a principal (installed by the app so the menu can be included).
  using MeBuilder = std::function<std::string(const Principal&, const std::string& csrf,
                                              const std::string& password_expires_at)>;

  SessionManager(db::Db& db, const Clock& clock);

  struct Created {
    std::string token;  // goes into the cookie, never stored
    std::string session_id;
    std::string csrf_token;
  };
  // Inside the login transaction.
  Created create(db::Conn& tx, int64_t user_id, const std::string& ip, const std::string& ua);

  // Resolves a cookie token. kExpired: the session passed its idle or absolute timeout (it is
  // ended in the database). Updates last-seen (persisted at most once a minute).
  SessionCheck authenticate(const std::string& token, Authenticated* out);

  // Ends one session / all of a user's sessions inside tx; the cache forgets them on commit.
  void end(db::Conn& tx, const std::string& session_id, const std::string& reason);
  void end_all_for_user(db::Conn& tx, int64_t user_id, const std::string& reason,
                        const std::string& except_session_id = "");
  // Forces the next request of this user to re-read roles and flags (after a change).
  void refresh_user(db::Conn& tx, int64_t user_id);

  SecurityPolicy policy();  // cached for kCacheSeconds
  void policy_changed();

  void set_principal_loader(PrincipalLoader f) { loader_ = std::move(f); }
  void set_me_builder(MeBuilder f) { me_builder_ = std::move(f); }

  // Loads a user's principal (roles, permissions, scope) in c.
  Principal load_principal(db::Conn& c, int64_t user_id);

  // Ends sessions idle past the policy in the database (called periodically).
  int64_t sweep();

 private:
  // One cached session. Shared by the requests that use it; last-seen times are atomics so a
  // request only takes the cache's shared lock (the exclusive one only to add or drop entries).
  struct Entry {
    Authenticated auth;
    int64_t user_id = 0;
    TimePoint created_at;
    TimePoint loaded_at;  // written under the exclusive lock only
    std::atomic<int64_t> last_seen_ms{0};
    std::atomic<int64_t> last_seen_persisted_ms{0};
  };
  std::shared_ptr<Entry> load(const std::string& token_hash);
  void forget_if(const std::function<bool(const Entry&)>& pred);

  db::Db& db_;
  const Clock& clock_;
  PrincipalLoader loader_;
  MeBuilder me_builder_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Entry>> cache_;  // by token hash
  std::shared_mutex policy_mu_;
  std::optional<SecurityPolicy> policy_;
  TimePoint policy_loaded_;
};

SecurityPolicy load_policy(db::Conn& c);

}  // namespace jx::auth

#include <boost/json/object.hpp>
namespace jx::auth {
boost::json::object policy_to_json(const SecurityPolicy& p);
// Reads the fields present in o over the defaults; ApiError 422 naming a non-integer field.
SecurityPolicy policy_from_json(const boost::json::object& o);
}  // namespace jx::auth
