#include "platform/auth/accounts.hpp"

#include "platform/util/text.hpp"

#include <algorithm>

#include <boost/json.hpp>
#include <mutex>
#include <regex>
#include <set>

namespace jx::auth {

namespace json = boost::json;

namespace {

std::vector<PermissionInfo>& perm_registry() {
  static std::vector<PermissionInfo> v;
  return v;
}
std::vector<BuiltinRole>& role_registry() {
  static std::vector<BuiltinRole> v;
  return v;
}

constexpr const char* kRoleByCode = "SELECT id, admin_kind FROM roles WHERE code = ?";
constexpr const char* kInsertRole =
    "INSERT INTO roles (code, name, name_en, description, builtin, admin_kind, scope_kind, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateRole =
    "UPDATE roles SET name = ?, name_en = ?, description = ?, admin_kind = ?, scope_kind = ?, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kDeleteRolePerms = "DELETE FROM role_permissions WHERE role_id = ?";
constexpr const char* kInsertRolePerm =
    "INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, display_name, org_id, phone, email, password_hash, "
    "password_changed_at, must_change_password, is_demo, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kInsertHistory =
    "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)";
constexpr const char* kUserRoles =
    "SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ? ORDER "
    "BY r.code";
constexpr const char* kDeleteUserRoles = "DELETE FROM user_roles WHERE user_id = ?";
constexpr const char* kInsertUserRole =
    "INSERT INTO user_roles (user_id, role_id, granted_at, granted_by) VALUES (?, ?, ?, ?)";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = ?, password_changed_at = ?, must_change_password = ?, "
    "failed_count = 0, locked_until = NULL, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kUser =
    "SELECT id, username, display_name, org_id, phone, email, status, locked_until, "
    "must_change_password, last_login_at, created_at, version FROM users WHERE id = ?";
constexpr const char* kUserRoleNames =
    "SELECT r.code, r.name, r.name_en FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
    "WHERE ur.user_id = ? ORDER BY r.id";

}  // namespace

void register_permission(PermissionInfo p) {
  for (const auto& e : perm_registry())
    if (e.code == p.code) return;
  perm_registry().push_back(std::move(p));
}
const std::vector<PermissionInfo>& permissions() {
  return perm_registry();
}
bool is_known_permission(const std::string& code) {
  for (const auto& p : perm_registry())
    if (p.code == code) return true;
  return false;
}

void register_builtin_role(BuiltinRole r) {
  for (auto& e : role_registry())
    if (e.code == r.code) {
      e = std::move(r);
      return;
    }
  role_registry().push_back(std::move(r));
}
void add_builtin_permissions(const std::string& role_code,
                             const std::vector<std::string>& permissions) {
  for (auto& e : role_registry())
    if (e.code == role_code) {
      for (const auto& p : permissions)
        if (std::find(e.permissions.begin(), e.permissions.end(), p) == e.permissions.end())
          e.permissions.push_back(p);
      return;
    }
  throw std::invalid_argument("no built-in role " + role_code);
}

const std::vector<BuiltinRole>& builtin_roles() {
  return role_registry();
}

void ensure_builtin_roles(db::Conn& tx, const Clock& clock) {
  std::string now = format_utc(clock.now());
  for (const auto& r : role_registry()) {
    db::Param admin_kind = db::null_if_empty(r.admin_kind);
    int64_t id;
    if (auto row = tx.one(kRoleByCode, {r.code})) {
      id = row->i64(0);
      tx.exec(kUpdateRole,
              {r.name.zh, r.name.en, r.description, admin_kind, r.scope_kind, now, id});
    } else {
      id = tx.query(kInsertRole, {r.code, r.name.zh, r.name.en, r.description, admin_kind,
                                  r.scope_kind, now, now})[0]
               .i64(0);
    }
    tx.exec(kDeleteRolePerms, {id});
    for (const auto& p : std::set<std::string>(r.permissions.begin(), r.permissions.end()))
      tx.exec(kInsertRolePerm, {id, p});
  }
}

void validate_new_user(const NewUser& u) {
  std::vector<FieldError> e;
  static const std::regex kName("^[a-z][a-z0-9_.-]{2,31}$");
  if (!std::regex_match(u.username, kName))
    e.push_back({"username",
                 {"用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头",
                  "3-32 characters of a-z, 0-9, _ . -, starting with a letter"}});
  size_t chars = utf8_length(u.display_name);
  if (chars == 0 || chars > 40)
    e.push_back({"display_name", {"姓名不能为空，且不超过 40 个字", "1-40 characters"}});
  static const std::regex kPhone("^[0-9+\\- ]{0,20}$");
  if (!std::regex_match(u.phone, kPhone))
    e.push_back({"phone", {"电话号码格式不正确", "Invalid phone number"}});
  static const std::regex kEmail("^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  if (!std::regex_match(u.email, kEmail) || u.email.size() > 100)
    e.push_back({"email", {"电子邮箱格式不正确", "Invalid e-mail address"}});
  if (!e.empty()) throw ApiError::validation(e);
}

int64_t create_user(db::Conn& tx, const Clock& clock, const audit::Actor& actor, const NewUser& u,
                    const std::string& password_hash, bool must_change, bool is_demo) {
  validate_new_user(u);
  if (find_user_id(tx, u.username))
    throw ApiError(409, "username_taken",
                   {"用户名“" + u.username + "”已被使用", "The user name is taken"},
                   {{"username", {"用户名已被使用", "The user name is taken"}}});
  std::string now = format_utc(clock.now());
  int64_t id = tx.query(kInsertUser, {u.username, u.display_name, u.org_id, u.phone, u.email,
                                      password_hash, now, must_change, is_demo, now, now})[0]
                   .i64(0);
  tx.exec(kInsertHistory, {id, password_hash, now});
  audit::append(tx, clock, actor,
                {"user.create", "user", std::to_string(id), "success", nullptr,
                 json::object{{"username", u.username},
                              {"display_name", u.display_name},
                              {"org_id", u.org_id ? json::value(*u.org_id) : json::value(nullptr)},
                              {"phone", u.phone},
                              {"email", u.email}}});
  return id;
}

void set_user_roles(db::Conn& tx, const Clock& clock, const audit::Actor& actor, int64_t user_id,
                    const std::vector<std::string>& role_codes) {
  std::set<std::string> codes(role_codes.begin(), role_codes.end());
  std::vector<std::pair<int64_t, std::string>> roles;  // id, admin_kind
  std::vector<FieldError> errors;
  for (const auto& code : codes) {
    auto row = tx.one(kRoleByCode, {code});
    if (!row) {
      errors.push_back({"role_codes", {"角色“" + code + "”不存在", "Unknown role " + code}});
      continue;
    }
    roles.emplace_back(row->i64(0), row->text(1));
  }
  if (!errors.empty()) throw ApiError::validation(errors);
  int admins = 0, business = 0;
  for (const auto& [id, kind] : roles) (kind.empty() ? business : admins)++;
  if (admins > 1)
    throw ApiError::field(
        "role_codes", {"三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任",
                       "Separation of duties: one account may hold only one administrator role"});
  if (admins == 1 && business > 0)
    throw ApiError::field("role_codes", {"三员分立：管理员账号不能同时拥有业务角色",
                                         "An administrator account may not hold business roles"});
  json::array before;
  for (const auto& r : tx.query(kUserRoles, {user_id})) before.push_back(json::value(r.text(0)));
  tx.exec(kDeleteUserRoles, {user_id});
  std::string now = format_utc(clock.now());
  for (const auto& [id, kind] : roles) tx.exec(kInsertUserRole, {user_id, id, now, actor.user_id});
  json::array after;
  for (const auto& c : codes) after.push_back(json::value(c));
  audit::append(tx, clock, actor,
                {"user.roles", "user", std::to_string(user_id), "success",
                 json::object{{"roles", before}}, json::object{{"roles", after}}});
}

void set_password(db::Conn& tx, const Clock& clock, int64_t user_id, const std::string& hash,
                  bool must_change) {
  std::string now = format_utc(clock.now());
  tx.exec(kSetPassword, {hash, now, must_change, now, user_id});
  tx.exec(kInsertHistory, {user_id, hash, now});
}

bool user_has_permission(db::Conn& c, int64_t user_id, const std::string& permission) {
  return c
      .one(
          "SELECT 1 FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN role_permissions "
          "rp ON rp.role_id = ur.role_id WHERE u.id = ? AND u.status = 'active' AND "
          "rp.permission = ?",
          {user_id, permission})
      .has_value();
}

std::vector<UserRef> users_with_permission(db::Conn& c, const std::string& permission) {
  std::vector<UserRef> out;
  c.each(
      "SELECT DISTINCT u.id, u.display_name, u.org_id FROM users u JOIN user_roles ur ON "
      "ur.user_id = u.id JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE u.status = "
      "'active' AND rp.permission = ? ORDER BY u.display_name, u.id",
      {permission}, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.text(1), r.is_null(2) ? 0 : r.i64(2)});
      });
  return out;
}

std::optional<int64_t> find_user_id(db::Conn& c, const std::string& username) {
  auto row = c.one("SELECT id FROM users WHERE username = ?", {username});
  if (!row) return std::nullopt;
  return row->i64(0);
}

json::object user_json(db::Conn& c, int64_t user_id, const Clock& clock) {
  auto u = c.one(kUser, {user_id});
  if (!u) throw ApiError::not_found();
  json::array roles;
  for (const auto& r : c.query(kUserRoleNames, {user_id}))
    roles.push_back(json::object{{"code", r.text(0)}, {"name", r.text(1)}, {"name_en", r.text(2)}});
  bool locked = false;
  if (auto lu = u->opt_text(7)) locked = *lu > format_utc(clock.now());
  return {{"id", u->i64(0)},
          {"username", u->text(1)},
          {"display_name", u->text(2)},
          {"org_id", u->opt_i64(3) ? json::value(*u->opt_i64(3)) : json::value(nullptr)},
          {"phone", u->text(4)},
          {"email", u->text(5)},
          {"status", u->text(6)},
          {"locked", locked},
          {"must_change_password", u->i64(8) != 0},
          {"roles", roles},
          {"last_login_at", u->opt_text(9) ? json::value(*u->opt_text(9)) : json::value(nullptr)},
          {"created_at", u->text(10)},
          {"version", u->i64(11)}};
}

}  // namespace jx::auth
