#include "platform/auth/sessions.hpp"

#include <boost/json.hpp>
#include <mutex>

#include "platform/settings.hpp"
#include "platform/util/crypto.hpp"
#include "platform/util/error.hpp"

namespace jx::auth {

namespace json = boost::json;
using std::chrono::duration_cast;
using std::chrono::seconds;

namespace {

constexpr const char* kInsertSession =
    "INSERT INTO sessions (id, token_hash, user_id, csrf_token, ip, user_agent, created_at, "
    "last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSessionByToken =
    "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.status, "
    "u.password_changed_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ? AND s.ended_at IS NULL";
constexpr const char* kTouch =
    "UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?";
constexpr const char* kEnd =
    "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL";
constexpr const char* kEndForUser =
    "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL AND "
    "id <> ?";
constexpr const char* kSweep =
    "UPDATE sessions SET ended_at = ?, end_reason = 'idle_timeout' "
    "WHERE ended_at IS NULL AND last_seen_at < ?";
constexpr const char* kUser =
    "SELECT id, username, display_name, org_id, must_change_password, password_changed_at "
    "FROM users WHERE id = ?";
constexpr const char* kRoles =
    "SELECT r.id, r.code, r.scope_kind, r.name FROM user_roles ur JOIN roles r ON r.id = "
    "ur.role_id "
    "WHERE ur.user_id = ? ORDER BY r.id";
constexpr const char* kPerms =
    "SELECT DISTINCT rp.permission FROM user_roles ur JOIN role_permissions rp ON rp.role_id = "
    "ur.role_id "
    "WHERE ur.user_id = ?";

TimePoint parse(const std::string& s) {
  TimePoint t{};
  parse_utc(s, &t);
  return t;
}

}  // namespace

json::object policy_to_json(const SecurityPolicy& p) {
  return {{"min_length", p.min_length},
          {"min_classes", p.min_classes},
          {"history", p.history},
          {"expiry_days", p.expiry_days},
          {"max_failures", p.max_failures},
          {"lockout_minutes", p.lockout_minutes},
          {"idle_timeout_minutes", p.idle_timeout_minutes},
          {"absolute_timeout_hours", p.absolute_timeout_hours},
          {"version", p.version}};
}

SecurityPolicy policy_from_json(const json::object& o) {
  SecurityPolicy p;
  std::vector<FieldError> errors;
  auto field = [&](const char* name, int* out) {
    auto it = o.find(name);
    if (it == o.end()) return;
    if (!it->value().is_int64()) {
      errors.push_back({name, {"必须是整数", "must be an integer"}});
      return;
    }
    *out = static_cast<int>(it->value().as_int64());
  };
  field("min_length", &p.min_length);
  field("min_classes", &p.min_classes);
  field("history", &p.history);
  field("expiry_days", &p.expiry_days);
  field("max_failures", &p.max_failures);
  field("lockout_minutes", &p.lockout_minutes);
  field("idle_timeout_minutes", &p.idle_timeout_minutes);
  field("absolute_timeout_hours", &p.absolute_timeout_hours);
  field("version", &p.version);
  if (!errors.empty()) throw ApiError::validation(errors);
  return p;
}

SecurityPolicy load_policy(db::Conn& c) {
  auto s = settings::get(c, "security.policy");
  if (!s || !s->value.is_object()) return SecurityPolicy{};
  SecurityPolicy p = policy_from_json(s->value.as_object());
  p.version = s->version;
  return p;
}

SessionManager::SessionManager(db::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

SessionManager::Created SessionManager::create(db::Conn& tx, int64_t user_id, const std::string& ip,
                                               const std::string& ua) {
  Created c;
  c.token = crypto::random_token(32);
  c.session_id = crypto::random_token(12);
  c.csrf_token = crypto::random_token(24);
  std::string now = format_utc(clock_.now());
  tx.exec(kInsertSession, {c.session_id, crypto::sha256_hex(c.token), user_id, c.csrf_token, ip,
                           ua.substr(0, 512), now, now});
  return c;
}

Principal load_principal(db::Conn& c, int64_t user_id,
                         const std::function<void(db::Conn&, Principal&)>& extend) {
  Principal p;
  auto u = c.one(kUser, {user_id});
  if (!u) return p;
  p.user_id = u->i64(0);
  p.username = u->text(1);
  p.display_name = u->text(2);
  p.org_id = u->opt_i64(3).value_or(0);
  p.must_change_password = u->i64(4) != 0;
  for (const auto& r : c.query(kRoles, {user_id})) {
    p.roles.push_back(r.text(1));
    p.role_names.push_back(r.text(3));
    if (r.text(2) == "all") p.scope.add({ScopeKind::kAll, {}, {}});
  }
  for (const auto& r : c.query(kPerms, {user_id})) p.permissions.insert(r.text(0));
  if (extend) extend(c, p);
  return p;
}

Principal SessionManager::load_principal(db::Conn& c, int64_t user_id) {
  return auth::load_principal(c, user_id, loader_);
}

namespace {
int64_t ms_of(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
TimePoint from_ms(int64_t ms) {
  return TimePoint(std::chrono::milliseconds(ms));
}
}  // namespace

std::shared_ptr<SessionManager::Entry> SessionManager::load(const std::string& token_hash) {
  SecurityPolicy pol = policy();
  return db_.read([&](db::Conn& c) -> std::shared_ptr<Entry> {
    auto row = c.one(kSessionByToken, {token_hash});
    if (!row || row->text(5) != "active") return nullptr;
    auto e = std::make_shared<Entry>();
    e->user_id = row->i64(1);
    e->created_at = parse(row->text(3));
    e->last_seen_ms = e->last_seen_persisted_ms = ms_of(parse(row->text(4)));
    e->loaded_at = clock_.now();
    Principal p = load_principal(c, e->user_id);
    TimePoint changed = parse(row->text(6));
    TimePoint expires = changed + std::chrono::hours(24) * pol.expiry_days;
    if (clock_.now() >= expires) p.must_change_password = true;
    p.session_id = row->text(0);
    e->auth.session_id = row->text(0);
    e->auth.csrf_token = row->text(2);
    e->auth.password_expires_at = format_utc(expires);
    if (me_builder_)
      e->auth.me_json = std::make_shared<const std::string>(
          me_builder_(p, e->auth.csrf_token, e->auth.password_expires_at));
    e->auth.principal = std::make_shared<const Principal>(std::move(p));
    return e;
  });
}

SessionCheck SessionManager::authenticate(const std::string& token, Authenticated* out) {
  if (token.empty() || token.size() > 128) return SessionCheck::kNone;
  std::string th = crypto::sha256_hex(token);
  TimePoint now = clock_.now();
  std::shared_ptr<Entry> entry;
  int64_t cached_last_seen = 0;  // of a stale cache entry, which may be newer than the DB's
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(th);
    if (it != cache_.end()) {
      if (now - it->second->loaded_at < seconds(kCacheSeconds) && now >= it->second->loaded_at)
        entry = it->second;
      else
        cached_last_seen = it->second->last_seen_ms.load();
    }
  }
  if (!entry) {
    entry = load(th);
    std::unique_lock lock(mu_);
    if (!entry) {
      cache_.erase(th);
      return SessionCheck::kNone;
    }
    if (cached_last_seen > entry->last_seen_ms) entry->last_seen_ms = cached_last_seen;
    cache_[th] = entry;
  }
  SecurityPolicy pol = policy();
  TimePoint last_seen = from_ms(entry->last_seen_ms.load());
  bool idle = now - last_seen > std::chrono::minutes(pol.idle_timeout_minutes);
  bool absolute = now - entry->created_at > std::chrono::hours(pol.absolute_timeout_hours);
  if (idle || absolute) {
    std::string sid = entry->auth.session_id;
    db_.write([&](db::Conn& tx) { end(tx, sid, idle ? "idle_timeout" : "absolute_timeout"); });
    std::unique_lock lock(mu_);
    cache_.erase(th);
    return SessionCheck::kExpired;
  }
  int64_t now_ms = ms_of(now);
  // Never move last-seen backwards when requests race.
  int64_t seen = entry->last_seen_ms.load();
  while (seen < now_ms && !entry->last_seen_ms.compare_exchange_weak(seen, now_ms)) {
  }
  // At most one request a minute writes last-seen to the database.
  int64_t persisted = entry->last_seen_persisted_ms.load();
  if (now_ms - persisted > 60000 &&
      entry->last_seen_persisted_ms.compare_exchange_strong(persisted, now_ms)) {
    std::string at = format_utc(now);
    std::string sid = entry->auth.session_id;
    db_.write([&](db::Conn& tx) { tx.exec(kTouch, {at, sid, at}); });
  }
  *out = entry->auth;
  return SessionCheck::kOk;
}

void SessionManager::forget_if(const std::function<bool(const Entry&)>& pred) {
  std::unique_lock lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end();)
    it = pred(*it->second) ? cache_.erase(it) : std::next(it);
}

void SessionManager::end(db::Conn& tx, const std::string& session_id, const std::string& reason) {
  tx.exec(kEnd, {format_utc(clock_.now()), reason, session_id});
  tx.on_commit([this, session_id] {
    forget_if([&](const Entry& e) { return e.auth.session_id == session_id; });
  });
}

void SessionManager::end_all_for_user(db::Conn& tx, int64_t user_id, const std::string& reason,
                                      const std::string& except_session_id) {
  tx.exec(kEndForUser, {format_utc(clock_.now()), reason, user_id, except_session_id});
  tx.on_commit([this, user_id, except_session_id] {
    forget_if([&](const Entry& e) {
      return e.user_id == user_id && e.auth.session_id != except_session_id;
    });
  });
  refresh_user(tx, user_id);
}

void SessionManager::refresh_user(db::Conn& tx, int64_t user_id) {
  tx.on_commit([this, user_id] {
    std::unique_lock lock(mu_);
    for (auto& [k, e] : cache_)
      if (e->user_id == user_id) e->loaded_at = TimePoint{};
  });
}

SecurityPolicy SessionManager::policy() {
  TimePoint now = clock_.now();
  auto fresh = [&] {
    return policy_ && now - policy_loaded_ <= seconds(kCacheSeconds) && now >= policy_loaded_;
  };
  {
    std::shared_lock lock(policy_mu_);  // every request reads it: no exclusive lock then
    if (fresh()) return *policy_;
  }
  SecurityPolicy p = db_.read([](db::Conn& c) { return load_policy(c); });
  std::unique_lock lock(policy_mu_);
  policy_ = p;
  policy_loaded_ = now;
  return p;
}

void SessionManager::policy_changed() {
  std::unique_lock lock(policy_mu_);
  policy_.reset();
}

int64_t SessionManager::sweep() {
  SecurityPolicy pol = policy();
  TimePoint now = clock_.now();
  std::string cutoff = format_utc(now - std::chrono::minutes(pol.idle_timeout_minutes) -
                                  seconds(kCacheSeconds + 60));
  return db_.write([&](db::Conn& tx) { return tx.exec(kSweep, {format_utc(now), cutoff}); });
}

}  // namespace jx::auth
