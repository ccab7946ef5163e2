// Accounts: users, roles and permissions, and the 三员分立 rules. Used by the admin routes, the
// CLI and the demo. Functions taking a Conn& run inside the caller's write transaction and
// write their own audit rows; they throw ApiError for bad input, leaving the transaction to be
// rolled back.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/error.hpp"

namespace jx::auth {

// Every permission code the system knows, with its name; modules add theirs at start-up.
struct PermissionInfo {
  std::string code;
  Msg name;
  std::string module;
};
void register_permission(PermissionInfo p);
const std::vector<PermissionInfo>& permissions();
bool is_known_permission(const std::string& code);

// A role defined in code and kept in the roles table by ensure_builtin_roles().
struct BuiltinRole {
  std::string code;
  Msg name;
  std::string admin_kind;  // "system" | "security" | "audit" | "" (business role)
  std::string scope_kind;  // "own_unit" | "own_department" | "overseen" | "region" | "all" | "none"
  std::vector<std::string> permissions;
  std::string description;
};
void register_builtin_role(BuiltinRole r);
// Adds permissions to a registered built-in role: a later module gives the org module's
// business roles its own permissions. Throws std::invalid_argument if there is no such role.
void add_builtin_permissions(const std::string& role_code,
                             const std::vector<std::string>& permissions);
const std::vector<BuiltinRole>& builtin_roles();
// Creates or updates the built-in roles and their permissions (idempotent).
void ensure_builtin_roles(db::Conn& tx, const Clock& clock);

struct NewUser {
  std::string username;
  std::string display_name;
  std::optional<int64_t> org_id;
  std::string phone;
  std::string email;
};
// Validates fields; ApiError 422 naming each bad field. Does not check uniqueness.
void validate_new_user(const NewUser& u);

// Creates a user with the given password hash. must_change: forced change at first sign-in.
int64_t create_user(db::Conn& tx, const Clock& clock, const audit::Actor& actor, const NewUser& u,
                    const std::string& password_hash, bool must_change, bool is_demo = false);

// Replaces a user's roles with role_codes, enforcing 三员分立: at most one administrator role,
// and never an administrator role together with a business role.
void set_user_roles(db::Conn& tx, const Clock& clock, const audit::Actor& actor, int64_t user_id,
                    const std::vector<std::string>& role_codes);

// Sets a new password hash (reset by an administrator: must_change = true).
void set_password(db::Conn& tx, const Clock& clock, int64_t user_id, const std::string& hash,
                  bool must_change);

std::optional<int64_t> find_user_id(db::Conn& c, const std::string& username);
// Whether an active account holds a permission through one of its roles.
bool user_has_permission(db::Conn& c, int64_t user_id, const std::string& permission);

struct UserRef {
  int64_t id = 0;
  std::string display_name;
  int64_t org_id = 0;
};
// Active accounts holding the permission through a role, by display name.
std::vector<UserRef> users_with_permission(db::Conn& c, const std::string& permission);

// The JSON of a user for the admin API.
boost::json::object user_json(db::Conn& c, int64_t user_id, const Clock& clock);

}  // namespace jx::auth
