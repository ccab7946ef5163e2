// Use cases of 绩效目标 (docs/api-targets.md): target sets of projects and departments, their
// revisions (workflow doc type "target"), the live check, the review with grades, changes after
// approval, the diff, coverage, the official 申报表 (xlsx out and in) and the budget guard
// (无目标不安排预算). Writes run in the caller's write transaction, validate with Chinese field
// errors (422), check versions (409), move the workflow and write audit rows in the same
// transaction. Reads limit rows to the caller's scope in SQL: a set outside it is a 404.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/targets/model.hpp"
#include "modules/targets/rules.hpp"
#include "modules/targets/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/util/clock.hpp"
#include "platform/workflow/workflow.hpp"

namespace jx::targets {

inline constexpr const char* kDocType = "target";
const std::vector<std::pair<std::string, Msg>>& revision_states();

struct Caller {
  auth::Principal principal;
  audit::Actor actor;
  auth::Scope scope;
};
Caller caller_of(const auth::Principal& p, const audit::Actor& actor);

struct Env {
  db::Conn& tx;
  const Clock& clock;
  const workflow::Registry& workflows;
  const Caller& who;
};

// ---- settings: targets.check_rules and targets.review_outcomes of a county and year ----
CheckRules check_rules(db::Conn& c, const std::string& region_code, int year);
std::map<std::string, std::string> review_outcomes(db::Conn& c, const std::string& region_code,
                                                   int year);
boost::json::object get_setting(db::Conn& c, const Caller& who, const std::string& key, int year);
boost::json::object put_setting(Env e, const std::string& key, int year,
                                const boost::json::value& value, int version);

// ---- reads ----
boost::json::object list_sets(db::Conn& c, const Caller& who, const SetFilter& f, const Page& page,
                              Lang lang);
boost::json::object set_detail(db::Conn& c, const Caller& who, int64_t set_id, Lang lang);
boost::json::object revision_detail(db::Conn& c, const Caller& who, int64_t revision_id, Lang lang);
boost::json::object projects_needing(db::Conn& c, const Caller& who, const store::ProjectFilter& f,
                                     const Page& page, Lang lang);
boost::json::object departments(db::Conn& c, const Caller& who, int year, Lang lang);
boost::json::object diff(db::Conn& c, const Caller& who, int64_t revision_id,
                         std::optional<int64_t> against);
boost::json::object project_years(db::Conn& c, const Caller& who, int64_t project_id);
boost::json::object coverage(db::Conn& c, const Caller& who, int year,
                             const std::string& region_code);

// ---- the draft a client sends (PUT and the live check) ----
struct DraftInput {
  std::optional<std::string> period_goal, year_goal;
  std::optional<bool> serves_public;
  std::optional<std::vector<Leaf>> leaves;
  std::optional<std::vector<Task>> tasks;
};
// Parses a body; bad shapes (unknown nature, a weight with 3 decimals, …) are 422 with the field.
DraftInput draft_input(const boost::json::object& body);
// The check of a draft against the revision it belongs to (nothing written).
boost::json::object check_draft(db::Conn& c, const Caller& who, int64_t revision_id,
                                const DraftInput& in, Lang lang);

// ---- writes ----
struct NewSet {
  std::string kind;
  std::optional<int64_t> project_id, org_id;
  int year = 0;
  std::optional<int> copy_from_year;
};
int64_t create_set(Env e, const NewSet& in);  // the new set's id
void save_revision(Env e, int64_t revision_id, const DraftInput& in, int64_t version);
void submit_revision(Env e, int64_t revision_id, int64_t version);
void withdraw_revision(Env e, int64_t revision_id, int64_t version);
// Deletes a draft that was never submitted (revision 1: the whole set).
void delete_revision(Env e, int64_t revision_id, int64_t version);
struct ReviewInput {
  std::string grade, comment;
  std::map<std::string, std::string> indicator_comments;
  int64_t version = 0;
};
void review_revision(Env e, int64_t revision_id, const ReviewInput& in);
int64_t open_change(Env e, int64_t set_id, const std::string& reason, int64_t version);
void publish(Env e, int64_t set_id, bool published, int64_t version);
// The year's actuals of an approved revision's leaves (by key), as the self-evaluation finds
// them; next year's check compares targets against them (目标值偏低).
void record_actuals(Env e, int64_t revision_id, const std::map<std::string, std::string>& by_key);

// ---- the official 申报表 (service_xlsx.cpp) ----
std::string declaration_xlsx(db::Conn& c, const Caller& who, int64_t set_id);
// A filled 申报表 replaces a draft's goals and leaves: every bad row is reported (422, fields
// "rows.N.<column>"), nothing is written unless all rows pass.
void import_declaration(Env e, int64_t revision_id, const std::string& bytes, int64_t version);

// ---- wiring ----
void register_catalog(workflow::Registry& workflows);
void register_routes(http::Router& r);
void register_demo_slice();

}  // namespace jx::targets
