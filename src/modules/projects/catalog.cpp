// The projects module's permissions, what the org module's business roles get of them, and the
// workflow of a project (docs/api-projects.md).
#include "modules/projects/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/menu.hpp"

namespace jx::projects {

void register_catalog(workflow::Registry& workflows) {
  auto perm = [](const char* code, const char* zh, const char* en) {
    auth::register_permission({code, {zh, en}, "projects"});
  };
  perm("projects.read", "查看项目库", "View the project library");
  perm("projects.apply", "申报项目", "Apply for projects");
  perm("projects.review", "受理、评审项目并出具结论", "Review projects and conclude");
  perm("projects.score", "专家评分（仅限分派的任务）", "Score assigned projects");
  perm("projects.budget", "项目纳入预算", "Budget library projects");
  perm("projects.settings", "设置事前评估规则", "Set the assessment rules");

  auth::add_builtin_permissions(
      "fin_perf", {"projects.read", "projects.review", "projects.budget", "projects.settings"});
  auth::add_builtin_permissions("fin_business", {"projects.read", "projects.review"});
  auth::add_builtin_permissions("fin_review", {"projects.read", "projects.review"});
  auth::add_builtin_permissions("dept_admin", {"projects.read", "projects.apply"});
  auth::add_builtin_permissions("unit_clerk", {"projects.read", "projects.apply"});
  auth::add_builtin_permissions("township_finance", {"projects.read", "projects.apply"});
  auth::add_builtin_permissions("third_party", {"projects.read", "projects.score"});
  auth::add_builtin_permissions("expert", {"projects.read", "projects.score"});
  auth::add_builtin_permissions("oversight", {"projects.read"});

  // 项目库: the unit's own projects, the library, the finance bureau's and the experts'
  // workbenches, the statistics and the rules. The group shows when one child does.
  register_menu({"projects", "", "项目库", "Projects", "FolderOpened", "", "", 200});
  register_menu({"projects-mine", "projects", "我的项目", "My projects", "EditPen", "/projects/mine",
                 "projects.apply", 201});
  register_menu({"projects-library", "projects", "项目库查询", "Project library", "Files",
                 "/projects/library", "projects.read", 202});
  register_menu({"cases-review", "projects", "评估评审", "Assessment and review", "Stamp",
                 "/cases", "projects.review", 203});
  register_menu({"cases-scoring", "projects", "专家评分", "Expert scoring", "Edit",
                 "/cases/scoring", "projects.score", 204});
  register_menu({"projects-stats", "projects", "统计分析", "Statistics", "DataAnalysis",
                 "/projects/stats", "projects.read", 205});
  register_menu({"projects-settings", "projects", "评估规则设置", "Assessment rules", "Setting",
                 "/projects/settings", "projects.settings", 206});

  workflow::Definition d;
  d.doc_type = kDocType;
  d.name = {"项目", "Project"};
  d.initial = "draft";
  d.states = project_states();
  d.transitions = {
      {"draft", "submit", "submitted", "projects.apply", false, {"申报", "Submit"}},
      {"returned", "submit", "submitted", "projects.apply", false, {"重新申报", "Resubmit"}},
      {"submitted", "withdraw", "draft", "projects.apply", false, {"撤回", "Withdraw"}, false},
      {"submitted", "accept", "reviewing", "projects.review", false, {"受理", "Accept"}},
      {"reviewing", "approve", "in_library", "projects.review", false, {"入库", "Admit"}},
      {"reviewing", "return", "returned", "projects.review", true, {"退回调整", "Return"}},
      {"reviewing", "reject", "rejected", "projects.review", true, {"不予入库", "Reject"}},
      {"in_library", "budget", "budgeted", "projects.budget", false, {"纳入预算", "Budget"}},
      {"budgeted", "start", "executing", "projects.apply", false, {"开始执行", "Start"}},
      {"executing", "complete", "completed", "projects.apply", false, {"完成", "Complete"}, false},
      {"in_library", "exit", "exited", "projects.review", true, {"退出", "Exit"}, false},
      {"budgeted", "exit", "exited", "projects.review", true, {"退出", "Exit"}, false},
      {"executing", "exit", "exited", "projects.review", true, {"退出", "Exit"}, false},
  };
  workflows.add(std::move(d));

  register_demo_slice();
}

}  // namespace jx::projects
