// Use cases of the org module: organizations, regions, 归口, experts, custom roles and the data
// scope of every principal. Writes run inside the caller's write transaction, validate with
// Chinese field errors (ApiError 422), check versions (409), and write org_history and audit
// rows in the same transaction. Reads apply the caller's Scope in SQL; an organization outside
// it is a 404 (ApiError::not_found), whether listed, fetched or guessed.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/org/model.hpp"
#include "modules/org/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/util/clock.hpp"
#include "platform/xlsx/import.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::org {

// Who acts and what they see. Holders of system.org.manage (the 系统管理员) see every
// organization: organizations and accounts are not business data.
struct Caller {
  auth::Scope scope;
  audit::Actor actor;
};
auth::Scope org_scope(const auth::Principal& p);
// The demo's and the CLI's caller: sees everything, audited as `name`.
Caller system_caller(const std::string& name);

// The fields of an organization a create or update names; unset fields keep their value (on
// create: empty).
struct OrgInput {
  std::optional<std::string> kind, name, short_name, code, uscc, region_code, office_role,
      unit_type, sector_code, contact, phone, qualification_json;
  std::optional<int64_t> parent_id;
  bool parent_id_given = false;
};

boost::json::object org_json(const Organization& o, const std::vector<int64_t>& overseen);

// ---- reads ----
boost::json::array region_tree(db::Conn& c, const auth::Scope& scope);
boost::json::object tree_children(db::Conn& c, const auth::Scope& scope,
                                  std::optional<int64_t> parent_id,
                                  const std::string& region_code = "");
boost::json::object tree_search(db::Conn& c, const auth::Scope& scope, const std::string& q);
boost::json::object list_units(db::Conn& c, const auth::Scope& scope, const UnitFilter& f,
                               const Page& page);
xlsx::Table export_units(db::Conn& c, const auth::Scope& scope, const UnitFilter& f);
boost::json::object unit_detail(db::Conn& c, const auth::Scope& scope, int64_t id);
Organization get_org(db::Conn& c, const auth::Scope& scope, int64_t id);
// An active organization of a region by its 预算单位编码 or, failing that, its full name (how
// imports name organizations). `id` is 0 when none fits, and `error` says why in the user's words.
struct OrgMatch {
  int64_t id = 0;
  Msg error;
};
OrgMatch match_org(db::Conn& c, const std::string& region_code, const std::string& key);

// ---- writes ----
void create_region(db::Conn& tx, const Clock& clock, const Caller& who, const Region& r);
Organization create_org(db::Conn& tx, const Clock& clock, const Caller& who, const OrgInput& in);
Organization update_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id,
                        const OrgInput& in, int64_t version, const std::string& reason);
Organization move_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id,
                      int64_t parent_id, std::optional<std::string> code, int64_t version,
                      const std::string& reason);
// Returns the number of users still assigned to the merged organization.
int64_t merge_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id, int64_t into_id,
                  int64_t version, const std::string& reason);
Organization set_active(db::Conn& tx, const Clock& clock, const Caller& who, int64_t id,
                        bool active, int64_t version, const std::string& reason);
Organization set_oversight(db::Conn& tx, const Clock& clock, const Caller& who, int64_t office_id,
                           std::vector<int64_t> department_ids, int64_t version);
// Assigns a user to an organization (demo, CLI); audited as user.set_org.
void assign_user_org(db::Conn& tx, const Clock& clock, const Caller& who, int64_t user_id,
                     int64_t org_id);

// ---- experts ----
boost::json::object expert_json(const Expert& e);
boost::json::object list_experts(db::Conn& c, const auth::Scope& scope, const std::string& q,
                                 const std::string& field, const std::string& status,
                                 const Page& page);
// An expert of the 专家库 by id, whatever the caller's scope (for modules that assign experts).
std::optional<Expert> find_expert(db::Conn& c, int64_t id);
Expert create_expert(db::Conn& tx, const Clock& clock, const Caller& who, Expert e);
Expert update_expert(db::Conn& tx, const Clock& clock, const Caller& who, Expert e,
                     int64_t version);

// ---- custom roles (安全管理员) ----
boost::json::object role_json(const store::Role& r);
store::Role create_role(db::Conn& tx, const Clock& clock, const audit::Actor& actor, store::Role r);
// Returns the updated role; the ids of its holders go to *holders (their sessions must reload).
store::Role update_role(db::Conn& tx, const Clock& clock, const audit::Actor& actor, store::Role r,
                        int64_t version, std::vector<int64_t>* holders);

// ---- reference data and budget years (service_ref.cpp) ----
boost::json::array ref_kinds_json(Lang lang);
// For other modules: whether code is an item of kind valid in year (in any year when year is 0),
// and its name then ("" when not).
std::string ref_name(db::Conn& c, const std::string& kind, const std::string& code, int year = 0);
boost::json::object ref_item_json(const RefItem& r);
// The default year of a reference query: the latest budget year executing, else the calendar
// year (Asia/Shanghai).
int current_year(db::Conn& c, const Clock& clock);
// GET /ref/{kind}: valid in year, or every version when all.
boost::json::object list_ref(db::Conn& c, const std::string& kind, int year, const std::string& q,
                             bool all);
RefItem create_ref(db::Conn& tx, const Clock& clock, const Caller& who, RefItem in);
// New name (and attrs when given) from from_year on: the version valid then ends the year
// before and a new one starts (changed in place when it starts that year).
RefItem rename_ref(db::Conn& tx, const Clock& clock, const Caller& who, const std::string& kind,
                   const std::string& code, const std::string& name,
                   const std::optional<std::string>& attrs_json, int from_year);
// Not valid from `year` on, with every descendant valid then; returns how many items ended.
int retire_ref(db::Conn& tx, const Clock& clock, const Caller& who, const std::string& kind,
               const std::string& code, int year);
// The county of the caller's organization, whose settings the caller reads and keeps; 403 for
// an account without an organization.
std::string caller_county(db::Conn& c, const auth::Principal& p);
// The county whose budget years the caller works with: region_code when given (it must be a
// county that exists), else the county of the caller's organization, else the only county.
std::string budget_region(db::Conn& c, const auth::Principal& p,
                          const std::optional<std::string>& region_code);
boost::json::object budget_year_json(const BudgetYear& y, Lang lang);
BudgetYear open_budget_year(db::Conn& tx, const Clock& clock, const Caller& who,
                            const std::string& region_code, int year);
BudgetYear advance_budget_year(db::Conn& tx, const Clock& clock, const Caller& who,
                               const std::string& region_code, int year, const std::string& state,
                               int64_t version, const std::string& reason);

// ---- imports (service_import.cpp; docs/api-org.md "Import") ----
// The template of an import: type "regions", "orgs", "users" or "ref" (then ref_kind names the
// kind).
xlsx::Template import_template(const std::string& type, const std::string& ref_kind = "");
// The bodies of the import jobs: check every row, write all rows in one transaction or none,
// attach errors.xlsx (and for users passwords.xlsx, once) to the job; return the job's result.
boost::json::object run_org_import(db::Db& db, const Clock& clock, const Caller& who,
                                   const std::string& bytes, jobs::JobContext& job, Lang lang);
boost::json::object run_region_import(db::Db& db, const Clock& clock, const Caller& who,
                                      const std::string& bytes, jobs::JobContext& job, Lang lang);
boost::json::object run_user_import(db::Db& db, const Clock& clock, const Caller& who,
                                    const std::string& bytes, jobs::JobContext& job, Lang lang);
boost::json::object run_ref_import(db::Db& db, const Clock& clock, const Caller& who,
                                   const std::string& kind, int year, const std::string& bytes,
                                   jobs::JobContext& job, Lang lang);
inline constexpr int64_t kMaxImportBytes = 5LL << 20;
inline constexpr int64_t kMaxImportRows = 20000;
inline constexpr int64_t kMaxUserImportRows = 2000;

// ---- start-up ----
// Indexes the names of organizations that are not in the name index yet (a database made
// before the index existed); returns how many. Run at server start.
int64_t index_missing_names(db::Conn& tx);

// ---- data scope ----
// Fills p.scope from the scope kinds of p's roles and p's organization.
void load_scope(db::Conn& c, auth::Principal& p);
void install_scope_loader(auth::SessionManager& sessions);

// ---- wiring ----
void register_catalog();
void register_routes(http::Router& r);  // also the two below
void register_ref_routes(http::Router& r);
void register_import_routes(http::Router& r);
void register_demo_slice();

}  // namespace jx::org
