// Who is calling and what they may see. A Principal is built once per request from the
// session; services take it (through the request context) and pass its Scope to every store
// query, so data scope is applied inside SQL, never by filtering results afterwards.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace jx::auth {

// Data scope (数据范围) of one role grant. The org module fills units/departments/regions.
// Several grants combine as a union. A Scope with no grants sees nothing.
enum class ScopeKind {
  kOwnUnit,        // 本单位
  kOwnDepartment,  // 本部门及下属单位
  kOverseen,       // 归口单位 (a finance 股室's departments)
  kRegion,         // 本区域及下级区域
  kAll,            // 全部
};

struct ScopeGrant {
  ScopeKind kind = ScopeKind::kOwnUnit;
  std::vector<int64_t> org_ids;           // resolved organizations (units, departments)
  std::vector<std::string> region_codes;  // resolved region code prefixes for kRegion
};

class Scope {
 public:
  Scope() = default;
  static Scope all() {
    Scope s;
    s.all_ = true;
    return s;
  }
  static Scope none() { return Scope(); }

  void add(ScopeGrant g) {
    if (g.kind == ScopeKind::kAll) all_ = true;
    grants_.push_back(std::move(g));
  }
  bool is_all() const { return all_; }
  bool is_empty() const { return !all_ && grants_.empty(); }
  const std::vector<ScopeGrant>& grants() const { return grants_; }

  // The SQL predicate that limits rows to this scope, given the row's organization-id and
  // region-code column expressions; appends its parameters to params. "1=1" for all, "1=0"
  // for none. Stores AND it into their WHERE clause.
  template <class Params>
  std::string predicate(const std::string& org_col, const std::string& region_col,
                        Params& params) const {
    if (all_) return "1=1";
    std::string sql;
    for (const auto& g : grants_) {
      for (int64_t id : g.org_ids) {
        sql += sql.empty() ? "" : " OR ";
        sql += org_col + " = ?";
        params.push_back(id);
      }
      for (const auto& code : g.region_codes) {
        sql += sql.empty() ? "" : " OR ";
        sql += region_col + " LIKE ?";
        params.push_back(code + "%");
      }
    }
    return sql.empty() ? "1=0" : "(" + sql + ")";
  }

 private:
  bool all_ = false;
  std::vector<ScopeGrant> grants_;
};

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  int64_t org_id = 0;                   // 0 until the org module assigns organizations
  std::vector<std::string> roles;       // role codes
  std::vector<std::string> role_names;  // their names, in the same order
  std::set<std::string> permissions;    // union over roles
  Scope scope;
  bool must_change_password = false;
  std::string session_id;  // the session's public id (not the cookie token)

  bool can(const std::string& permission) const { return permissions.count(permission) > 0; }
};

}  // namespace jx::auth
