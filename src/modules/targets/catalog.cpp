// The targets module's permissions, what the org module's business roles get of them, its menu,
// the workflow of a target revision, and the budget guard it gives the projects module
// (无目标不安排预算: docs/api-targets.md).
#include "modules/projects/service.hpp"
#include "modules/targets/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/menu.hpp"

namespace jx::targets {

void register_catalog(workflow::Registry& workflows) {
  auto perm = [](const char* code, const char* zh, const char* en) {
    auth::register_permission({code, {zh, en}, "targets"});
  };
  perm("targets.read", "查看绩效目标", "View performance targets");
  perm("targets.edit", "填报绩效目标", "Draft performance targets");
  perm("targets.review", "审核绩效目标", "Review performance targets");
  perm("targets.settings", "设置绩效目标审核规则", "Set the target check rules");

  auth::add_builtin_permissions("fin_perf", {"targets.read", "targets.review", "targets.settings"});
  auth::add_builtin_permissions("fin_business", {"targets.read", "targets.review"});
  auth::add_builtin_permissions("fin_review", {"targets.read"});
  auth::add_builtin_permissions("dept_admin", {"targets.read", "targets.edit"});
  auth::add_builtin_permissions("unit_clerk", {"targets.read", "targets.edit"});
  auth::add_builtin_permissions("township_finance", {"targets.read", "targets.edit"});
  auth::add_builtin_permissions("oversight", {"targets.read"});

  // 绩效目标: the unit's filing, the bureau's review, the query, the coverage and the rules; the
  // indicators module adds the library pages to the same group.
  register_menu({"targets", "", "绩效目标", "Performance targets", "Aim", "", "", 300});
  register_menu({"targets-mine", "targets", "目标申报", "File targets", "EditPen", "/targets/mine",
                 "targets.edit", 301});
  register_menu({"targets-review", "targets", "目标审核", "Review targets", "Stamp",
                 "/targets/review", "targets.review", 302});
  register_menu({"targets-query", "targets", "目标查询", "Targets", "Search", "/targets",
                 "targets.read", 303});
  register_menu({"targets-coverage", "targets", "覆盖情况", "Coverage", "PieChart",
                 "/targets/coverage", "targets.read", 304});
  register_menu({"targets-settings", "targets", "目标审核规则", "Check rules", "Setting",
                 "/targets/settings", "targets.settings", 308});

  workflow::Definition d;
  d.doc_type = kDocType;
  d.name = {"绩效目标", "Performance targets"};
  d.initial = "draft";
  d.states = revision_states();
  d.transitions = {
      {"draft", "submit", "submitted", "targets.edit", false, {"提交审核", "Submit"}},
      {"returned", "submit", "submitted", "targets.edit", false, {"重新提交", "Resubmit"}},
      {"submitted", "withdraw", "draft", "targets.edit", false, {"撤回", "Withdraw"}, false},
      {"submitted", "approve", "approved", "targets.review", false, {"审核通过", "Approve"}},
      {"submitted", "return", "returned", "targets.review", true, {"退回修改", "Return"}},
      {"submitted", "reject", "rejected", "targets.review", true, {"不予安排", "Reject"}},
      {"approved",
       "supersede",
       "superseded",
       "targets.review",
       false,
       {"被调整替代", "Supersede"},
       false},
  };
  workflows.add(std::move(d));

  // 无目标不安排预算: a project gets no budget for a year without approved targets of that year.
  projects::add_budget_guard([](db::Conn& tx, const projects::Project& p, int year) {
    auto s = store::find_project_set(tx, p.id, year);
    if (!s || !s->approved_revision_id)
      throw ApiError::conflict(
          "targets_missing",
          {std::to_string(year) + "年度绩效目标尚未审核通过，不能纳入预算（无目标不安排预算）",
           "No approved targets for the year: no budget"});
  });

  register_demo_slice();
}

}  // namespace jx::targets
