// The org module's SQL: regions, organizations, history, 归口 and experts. Every list and fetch
// that answers a caller takes its Scope and applies it inside the SQL. Functions run inside the
// caller's read or write transaction.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modules/org/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/util/json_input.hpp"

namespace jx::org::store {

// ---- regions ----
void insert_region(db::Conn& tx, const Region& r, const std::string& now);
std::optional<Region> find_region(db::Conn& c, const std::string& code);
std::vector<Region> all_regions(db::Conn& c);
// Codes of regions that hold an organization in scope or lie inside a region grant.
std::vector<std::string> region_codes_in_scope(db::Conn& c, const auth::Scope& scope);

// ---- organizations ----
std::optional<Organization> find(db::Conn& c, int64_t id);
std::optional<Organization> find_in_scope(db::Conn& c, int64_t id, const auth::Scope& scope);
// Inserts with an empty path; returns the id.
int64_t insert(db::Conn& tx, const Organization& o, const std::string& now);
// Rewrites the name grams of an organization (insert and update do it themselves).
void index_name(db::Conn& tx, int64_t id, const std::string& name, const std::string& short_name);
// Indexes every organization that has no grams yet; returns how many (server start, bulk loads).
int64_t index_missing_names(db::Conn& tx);
// Sets path and department_id of a freshly inserted org.
void set_placement(db::Conn& tx, int64_t id, const std::string& path,
                   std::optional<int64_t> department_id);
// Writes the editable fields (name … phone, status, merged_into_id, parent_id) if version
// matches; bumps the version. False when the version is stale.
bool update(db::Conn& tx, const Organization& o, int64_t expected_version, const std::string& now);
// Re-roots the subtree under old_prefix at new_prefix; with department_id, sets it on every
// org of the subtree whose kind is not a department kind.
void move_subtree(db::Conn& tx, const std::string& old_prefix, const std::string& new_prefix,
                  std::optional<int64_t> department_id);
std::vector<OrgNode> subtree(db::Conn& c, const std::string& path_prefix);
std::vector<int64_t> child_ids(db::Conn& c, int64_t id);
int64_t count_children(db::Conn& c, int64_t id, const auth::Scope& scope);
// Which of ids have at least one child in scope (one query for a whole result page).
std::set<int64_t> with_children(db::Conn& c, const std::vector<int64_t>& ids,
                                const auth::Scope& scope);
int64_t count_users(db::Conn& c, int64_t org_id);
std::vector<int64_t> users_of_org(db::Conn& c, int64_t org_id);
// Users whose scope may depend on a department: its own staff and the staff of the offices
// that oversee it.
std::vector<int64_t> users_of_department(db::Conn& c, int64_t department_id);
std::optional<int64_t> find_by_code(db::Conn& c, const std::string& region_code,
                                    const std::string& code);
std::optional<int64_t> find_by_uscc(db::Conn& c, const std::string& uscc);

std::vector<Organization> list(db::Conn& c, const auth::Scope& scope, const UnitFilter& f,
                               std::optional<Page> page, int64_t* total);
// Children of parent (the top of the caller's scope when nullopt), each with whether it has
// children in scope; with region_code, only orgs in that region or below.
std::vector<std::pair<Organization, bool>> children(db::Conn& c, const auth::Scope& scope,
                                                    std::optional<int64_t> parent_id,
                                                    const std::string& region_code = "");
std::vector<Organization> search(db::Conn& c, const auth::Scope& scope, const std::string& q,
                                 int64_t limit);
// id, name of the given ids that are in scope, in the given order.
std::vector<std::pair<int64_t, std::string>> names_in_scope(db::Conn& c, const auth::Scope& scope,
                                                            const std::vector<int64_t>& ids);

// ---- 归口 ----
std::vector<int64_t> overseen_departments(db::Conn& c, int64_t office_id);
void set_oversight(db::Conn& tx, int64_t office_id, const std::vector<int64_t>& department_ids);
// Re-points every office's 归口 of department `from` to department `to`.
void move_oversight(db::Conn& tx, int64_t from, int64_t to);

// ---- history ----
void insert_history(db::Conn& tx, const HistoryEntry& h, int64_t actor_id);
std::vector<HistoryEntry> history(db::Conn& c, int64_t org_id);

// ---- scope inputs ----
std::optional<OrgNode> node(db::Conn& c, int64_t id);
std::vector<OrgNode> nodes_of_departments(db::Conn& c, const std::vector<int64_t>& department_ids);
std::vector<std::string> scope_kinds_of_user(db::Conn& c, int64_t user_id);

// ---- users (the org module owns a user's organization) ----
void set_user_org(db::Conn& tx, int64_t user_id, std::optional<int64_t> org_id,
                  const std::string& now);

// ---- experts ----
std::optional<Expert> find_expert(db::Conn& c, int64_t id, const auth::Scope& scope);
int64_t insert_expert(db::Conn& tx, const Expert& e, const std::string& now);
bool update_expert(db::Conn& tx, const Expert& e, int64_t expected_version, const std::string& now);
std::vector<Expert> list_experts(db::Conn& c, const auth::Scope& scope, const std::string& q,
                                 const std::string& field, const std::string& status,
                                 const Page& page, int64_t* total);

// ---- custom roles ----
struct Role {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
  bool builtin = false;
  std::string admin_kind;
  std::string scope_kind;
  std::vector<std::string> permissions;
  int64_t version = 1;
};
std::optional<Role> find_role(db::Conn& c, int64_t id);
std::optional<int64_t> find_role_by_code(db::Conn& c, const std::string& code);
int64_t insert_role(db::Conn& tx, const Role& r, const std::string& now);
bool update_role(db::Conn& tx, const Role& r, int64_t expected_version, const std::string& now);
std::vector<int64_t> users_with_role(db::Conn& c, int64_t role_id);

// Active organizations of a region with exactly this name (store_ref.cpp; for imports).
std::vector<int64_t> find_by_name(db::Conn& c, const std::string& region_code,
                                  const std::string& name);

// Every account with its organization and role names, for the accounts export (store_ref.cpp):
// username, display_name, org name, org code, phone, email, status, last_login_at, roles ("、").
std::vector<std::vector<std::string>> users_for_export(db::Conn& c, const std::string& q,
                                                       const std::string& status);

// ---- reference data (store_ref.cpp) ----
// Items of kind valid in year (every version when year is nullopt), ordered by code then
// from_year; q matches code or name.
std::vector<RefItem> ref_items(db::Conn& c, const std::string& kind, std::optional<int> year,
                               const std::string& q = "");
std::vector<RefItem> ref_versions(db::Conn& c, const std::string& kind, const std::string& code);
std::optional<RefItem> ref_valid(db::Conn& c, const std::string& kind, const std::string& code,
                                 int year);
// Whether code was ever an item of kind.
bool ref_code_exists(db::Conn& c, const std::string& kind, const std::string& code);
int64_t insert_ref(db::Conn& tx, const RefItem& r, const std::string& now);
void set_ref_to_year(db::Conn& tx, int64_t id, std::optional<int> to_year, const std::string& now);
void set_ref_name(db::Conn& tx, int64_t id, const std::string& name, const std::string& attrs_json,
                  const std::string& now);
int next_ref_sort(db::Conn& tx, const std::string& kind);

// ---- budget years ----
std::vector<BudgetYear> budget_years(db::Conn& c, const std::string& region_code);
std::optional<BudgetYear> find_budget_year(db::Conn& c, const std::string& region_code, int year);
void insert_budget_year(db::Conn& tx, const BudgetYear& y, const std::string& now);
bool set_budget_year_state(db::Conn& tx, const std::string& region_code, int year,
                           const std::string& state, int64_t expected_version,
                           const std::string& now);
// Every budget year of the instance (distinct, ascending) and the latest one executing.
std::vector<int> all_budget_years(db::Conn& c);
std::optional<int> latest_executing_year(db::Conn& c);

}  // namespace jx::org::store
