// The projects module's SQL. Every read that answers a caller takes a Viewer and limits rows in
// SQL: the caller's org scope, or an assignment to one of the project's cases (expert, reviewer,
// lead, the third-party agency); drafts only for those who apply. Functions run inside the
// caller's read or write transaction.
#pragma once

#include <boost/json/array.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/projects/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/util/json_input.hpp"

namespace jx::projects::store {

struct Viewer {
  auth::Scope scope;
  int64_t user_id = 0;
  int64_t org_id = 0;        // the caller's organization (a third-party agency sees its cases)
  bool sees_drafts = false;  // holders of projects.apply see drafts in their scope
};

// ---- projects ----
int64_t insert(db::Conn& tx, const Project& p, const std::string& now);
// Writes the editable fields and the state fields if version matches; bumps it. False if stale.
bool update(db::Conn& tx, const Project& p, int64_t expected_version, const std::string& now);
void delete_draft(db::Conn& tx, int64_t id);
std::optional<Project> find(db::Conn& c, int64_t id);
std::optional<Project> find_visible(db::Conn& c, int64_t id, const Viewer& v);
std::vector<Project> list(db::Conn& c, const Viewer& v, const ProjectFilter& f,
                          std::optional<Page> page, int64_t* total);
// The name index (project_name_grams, the design of org_name_grams, with each project's region,
// state and unit): insert and update keep it; index_missing_names fills it for projects without
// pairs (server start, bulk loads).
int64_t index_missing_names(db::Conn& tx);
// Rebuilds project_tallies (projects per region and state) from the projects (bulk loads).
void recount_tallies(db::Conn& tx);
void set_amounts(db::Conn& tx, int64_t project_id, const std::vector<Amount>& amounts);
std::vector<Amount> amounts(db::Conn& c, int64_t project_id);
// The amounts of many projects in one query (the lists), by project.
std::map<int64_t, std::vector<Amount>> amounts_of(db::Conn& c, const std::vector<int64_t>& ids);
// The next code of a region and start year: "{region}-{year}-{00001}".
std::string next_code(db::Conn& tx, const std::string& region_code, int year);

// ---- attachments ----
int64_t insert_attachment(db::Conn& tx, const Attachment& a, int64_t user_id,
                          const std::string& now);
std::vector<Attachment> attachments(db::Conn& c, int64_t project_id);
std::optional<Attachment> find_attachment(db::Conn& c, int64_t project_id, int64_t id);
void delete_attachment(db::Conn& tx, int64_t project_id, int64_t id);

// ---- case rounds ----
void insert_round(db::Conn& tx, const Case& k, int64_t user_id, const std::string& now);
// Every conclusion of a case, oldest first, as JSON rows for the case's `rounds`.
boost::json::array rounds_of(db::Conn& c, int64_t case_id);
// The rounds of many cases in one query (the lists), by case.
std::map<int64_t, boost::json::array> rounds_of(db::Conn& c, const std::vector<int64_t>& case_ids);

// ---- statistics (GET /projects/stats) ----
// Projects of the viewer in region (prefix) whose implementation starts in `year` and whose case
// was concluded at least once: the sector, department, whether 事前评估 applied, the first
// conclusion and the latest 送审/审定 totals.
struct StatRow {
  std::string sector;
  int64_t department_id = 0;
  std::string department_name;
  bool preassess = false;
  std::string first_conclusion;
  int64_t submitted_fen = 0;
  int64_t approved_fen = 0;
};
std::vector<StatRow> stat_rows(db::Conn& c, const Viewer& v, const std::string& region_prefix,
                               int year);

// ---- budgets ----
void set_budget(db::Conn& tx, int64_t project_id, int year, int64_t approved_fen, int64_t user_id,
                const std::string& now);
struct Budget {
  int year = 0;
  int64_t approved_fen = 0;
  std::string set_at;
};
std::vector<Budget> budgets(db::Conn& c, int64_t project_id);

// ---- cases ----
int64_t insert_case(db::Conn& tx, const Case& k, const std::string& now);
bool update_case(db::Conn& tx, const Case& k, int64_t expected_version, const std::string& now);
std::optional<Case> find_case(db::Conn& c, int64_t id);             // with reviewers and experts
std::optional<Case> open_case_of(db::Conn& c, int64_t project_id);  // not closed
std::vector<Case> cases_of(db::Conn& c, int64_t project_id);
void set_reviewers(db::Conn& tx, int64_t case_id, const std::vector<int64_t>& user_ids);
// Adds experts not yet on the case (existing sheets are kept).
void add_experts(db::Conn& tx, int64_t case_id,
                 const std::vector<std::pair<int64_t, std::optional<int64_t>>>& experts, int round);
void remove_experts_except(db::Conn& tx, int64_t case_id, const std::vector<int64_t>& keep);
void save_sheet(db::Conn& tx, int64_t case_id, const ExpertRow& row);
// Re-opens every submitted sheet of the case for a new round (scoring again).
void reopen_sheets(db::Conn& tx, int64_t case_id, int round);
// The cases the viewer works on: reviewers see cases of visible projects, experts their own.
struct CaseListItem {
  Case c;
  Project p;
};
std::vector<CaseListItem> list_cases(db::Conn& c, const Viewer& v, bool experts_only,
                                     const std::string& state, const Page& page, int64_t* total);

}  // namespace jx::projects::store
