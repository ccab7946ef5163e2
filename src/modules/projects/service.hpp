// Use cases of the project library and the joint 事前绩效评估 + 预算评审 case
// (docs/api-projects.md). Writes run in the caller's write transaction, validate with Chinese
// field errors (422), check versions (409), move the platform workflow (doc type "project") and
// write audit rows in the same transaction. Reads limit rows to the caller's scope or their
// assignments in SQL: a project outside them is a 404.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/projects/model.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/util/clock.hpp"
#include "platform/workflow/workflow.hpp"
#include "platform/xlsx/import.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::projects {

inline constexpr const char* kDocType = "project";
// The states of a project with their names, in order (the workflow's and the API's).
const std::vector<std::pair<std::string, Msg>>& project_states();

struct Caller {
  store::Viewer viewer;
  auth::Principal principal;
  audit::Actor actor;
};
Caller caller_of(const auth::Principal& p, const audit::Actor& actor);

// Everything a use case needs besides its inputs.
struct Env {
  db::Conn& tx;
  const Clock& clock;
  const workflow::Registry& workflows;
  const Caller& who;
};

// The fields a create or update names; unset fields keep their value.
struct ProjectInput {
  std::optional<std::string> name, category, kind, budget_type, func_class, sector, description,
      basis, contact, phone;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> is_new, continuing_after_expiry;
  std::optional<int> start_year, end_year;
  std::optional<std::vector<Amount>> amounts;
  std::optional<int64_t> org_id;  // create only: the applying unit (default: the caller's)
};

// ---- settings ----
PreassessRule preassess_rule(db::Conn& c, const std::string& region_code, int year);
Scheme preassess_scheme(db::Conn& c, const std::string& region_code, int year, int* version);

// GET/PUT /projects/settings/{key}: preassess_rule | preassess_scheme | preassess_cutoffs of the
// caller's county for a year (0: every year without its own), the default when none is stored.
boost::json::object get_setting(db::Conn& c, const Caller& who, const std::string& key, int year);
boost::json::object put_setting(Env e, const std::string& key, int year,
                                const boost::json::value& value, int version);

// ---- reads ----
boost::json::object project_json(db::Conn& c, const Project& p, bool detail, Lang lang);
boost::json::object list_projects(db::Conn& c, const Caller& who, const ProjectFilter& f,
                                  const Page& page, Lang lang);
// The library list as an xlsx table, with the list's filters.
xlsx::Table export_projects(db::Conn& c, const Caller& who, const ProjectFilter& f);
boost::json::object project_detail(db::Conn& c, const Caller& who, int64_t id, Lang lang);
Project visible_project(db::Conn& c, const Caller& who, int64_t id);
// A project by id, for a module above projects that has checked its own record's scope already
// (a target set reads its project, drafts included); nullopt when there is none.
std::optional<Project> find_project(db::Conn& c, int64_t id);
// rounds: the case's rounds when the caller read them already (a list reads a page's at once).
boost::json::object case_json(db::Conn& c, const Case& k, const Caller& who, Lang lang,
                              const boost::json::array* rounds = nullptr);
boost::json::object list_case_items(db::Conn& c, const Caller& who, const std::string& state,
                                    const Page& page, Lang lang);
boost::json::object case_detail(db::Conn& c, const Caller& who, int64_t case_id, Lang lang);
// The accounts a case can be assigned to as lead or reviewer: active holders of projects.review
// whose organization lies in the caller's county.
boost::json::object case_reviewers(db::Conn& c, const Caller& who);

// GET /projects/stats: the year's assessed and reviewed projects of a region, overall and by
// sector and department (see docs/api-projects.md).
boost::json::object project_stats(db::Conn& c, const Caller& who, int year,
                                  const std::string& region_code, Lang lang);

// ---- reports of a concluded case (reviewers) ----
// The 事前绩效评估报告 (DOMAIN.md §4.5 outline) as .docx; 409 before the case's first conclusion.
std::string case_report_docx(db::Conn& c, const Caller& who, int64_t case_id);
// Every expert's score sheet, one row per expert and sub-item.
xlsx::Table case_sheets(db::Conn& c, const Caller& who, int64_t case_id);

// ---- the library ----
Project create_project(Env e, const ProjectInput& in);
Project update_project(Env e, int64_t id, const ProjectInput& in, int64_t version);
void delete_project(Env e, int64_t id, int64_t version);
Project submit_project(Env e, int64_t id, int64_t version);
Project withdraw_project(Env e, int64_t id, int64_t version);
Attachment add_attachment(Env e, int64_t id, const std::string& name, const std::string& kind,
                          const std::string& bytes);
void remove_attachment(Env e, int64_t id, int64_t attachment_id);
Project set_budget(Env e, int64_t id, int year, int64_t approved_fen, int64_t version);
// Checks of modules above projects that run before a year's budget is set, in the same
// transaction, and throw ApiError to refuse (the targets module: 无目标不安排预算). Registered at
// start-up, before requests are served.
using BudgetGuard = std::function<void(db::Conn& tx, const Project& p, int year)>;
void add_budget_guard(BudgetGuard guard);
// start | complete | exit (exit needs a reason)
Project lifecycle(Env e, int64_t id, const std::string& action, const std::string& reason,
                  int64_t version);

// ---- the case ----
struct Assignment {
  std::optional<int64_t> lead_user_id;
  std::vector<int64_t> reviewer_user_ids;
  std::vector<int64_t> expert_ids;
  std::optional<int64_t> third_party_org_id;
  bool rescore = false;  // in a later round: re-open the experts' sheets to score again
};
Case assign_case(Env e, int64_t case_id, const Assignment& a, int64_t version);
struct SheetInput {
  std::optional<int64_t> expert_id;             // a reviewer entering a paper sheet for an expert
  std::map<std::string, std::string> ratings;   // item code -> 优|良|中|差
  std::map<std::string, std::string> comments;  // item code -> the expert's note on the item
  bool veto = false;
  std::string veto_dimension;
  std::string veto_reason;
  std::string opinion;
  bool submit = false;
};
Case save_sheet(Env e, int64_t case_id, const SheetInput& in);
Case save_review(Env e, int64_t case_id, const std::vector<ReviewLine>& lines, int64_t version);
struct ConcludeInput {
  bool veto_confirmed = false;
  std::string result;  // support | adjust | reject: only for a case without 事前评估
  std::string opinion;
  int64_t version = 0;
};
Case conclude_case(Env e, int64_t case_id, const ConcludeInput& in);

// ---- import (service_import.cpp) ----
// The template: one row per project and funding year.
xlsx::Template import_template();
// Runs in a job: every row checked, the projects created as drafts through create_project in one
// transaction, or nothing written and every error reported (errors.xlsx attached to the job).
boost::json::object run_import(db::Db& db, const Clock& clock, const workflow::Registry& workflows,
                               const Caller& who, const std::string& bytes, jobs::JobContext& job,
                               Lang lang);
int64_t max_import_bytes();

// ---- wiring ----
void register_catalog(workflow::Registry& workflows);
void register_routes(http::Router& r);
// The demo county's project library (demo.cpp), run through the use cases above.
void register_demo_slice();

}  // namespace jx::projects
