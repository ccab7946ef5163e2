// The targets module's SQL (named constants in store.cpp) and rows <-> model. Reads that a user
// makes take the caller's scope and limit rows in SQL; writes run in the caller's transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/targets/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/util/json_input.hpp"

namespace jx::targets::store {

// ---- sets ----
int64_t insert_set(db::Conn& tx, const TargetSet& s, const std::string& now);
// Writes current/approved revision and published if version matches; bumps it. False if stale.
bool update_set(db::Conn& tx, const TargetSet& s, int64_t expected_version, const std::string& now);
std::optional<TargetSet> find_set(db::Conn& c, int64_t id);
std::optional<TargetSet> find_set_scoped(db::Conn& c, int64_t id, const auth::Scope& scope);
std::optional<TargetSet> find_project_set(db::Conn& c, int64_t project_id, int year);
std::optional<TargetSet> find_department_set(db::Conn& c, int64_t org_id, int year);
std::vector<TargetSet> list_sets(db::Conn& c, const auth::Scope& scope, const SetFilter& f,
                                 const Page& page, int64_t* total);

// ---- revisions ----
int64_t insert_revision(db::Conn& tx, const Revision& r, const std::string& now);
// Writes the header (goals, state, grade, counts, times) if version matches; bumps it.
bool update_revision(db::Conn& tx, const Revision& r, int64_t expected_version,
                     const std::string& now);
// The header, and the leaves and tasks when content is true.
std::optional<Revision> find_revision(db::Conn& c, int64_t id, bool content);
std::vector<Revision> revisions_of(db::Conn& c, int64_t set_id);  // headers, oldest first
// Replaces the leaves and tasks of a revision (sort = position).
void replace_content(db::Conn& tx, int64_t revision_id, const std::vector<Leaf>& leaves,
                     const std::vector<Task>& tasks);
std::vector<Leaf> leaves(db::Conn& c, int64_t revision_id);
std::vector<Task> tasks(db::Conn& c, int64_t revision_id);
void set_review_comments(db::Conn& tx, int64_t revision_id,
                         const std::map<std::string, std::string>& by_key);
void insert_review(db::Conn& tx, int64_t revision_id, const Review& r);
std::vector<Review> reviews(db::Conn& c, int64_t revision_id);
// Records the year's actual of approved leaves (by key) of a revision.
void set_actuals(db::Conn& tx, int64_t revision_id,
                 const std::map<std::string, std::string>& by_key);

// Last year's actuals an organization reached: the approved leaves of its sets of `year` with
// an actual, by (project id, name) and by library indicator.
struct Actuals {
  std::map<std::pair<int64_t, std::string>, std::string> by_project_name;
  std::map<int64_t, std::string> by_library;
};
Actuals actuals_of(db::Conn& c, int64_t org_id, int year);

// ---- projects and departments that need targets ----
struct ProjectRow {
  int64_t project_id = 0, org_id = 0, department_id = 0;
  std::string code, name, org_name, department_name, project_state;
  int64_t amount_fen = 0;
  int start_year = 0, end_year = 0;
  std::optional<int64_t> set_id, revision_id;
  std::string target_state;
  std::optional<std::string> grade;
  int errors = 0, warnings = 0;
};
struct ProjectFilter {
  int year = 0;
  std::optional<int64_t> department_id;
  std::string q, target_state;  // target_state "none": without a set
};
std::vector<ProjectRow> projects_needing(db::Conn& c, const auth::Scope& scope,
                                         const ProjectFilter& f, const Page& page, int64_t* total);
// The year's requested amount of projects, by project.
std::map<int64_t, int64_t> project_amounts(db::Conn& c, const std::vector<int64_t>& ids, int year);

struct DepartmentRow {
  int64_t org_id = 0;
  std::string org_name, kind, region_code;
  std::optional<int64_t> set_id, revision_id;
  std::string target_state;
  std::optional<std::string> grade;
};
std::vector<DepartmentRow> departments(db::Conn& c, const auth::Scope& scope, int year);

// ---- coverage ----
struct CoverageRow {
  int64_t department_id = 0;
  std::string department_name;
  int64_t projects = 0, projects_approved = 0, projects_drafted = 0;
  bool department_set = false, department_approved = false;
};
std::vector<CoverageRow> coverage(db::Conn& c, const auth::Scope& scope, int year,
                                  const std::string& region_prefix);

}  // namespace jx::targets::store
