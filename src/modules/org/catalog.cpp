// The org module's permissions, built-in business roles and menu entries.
#include "modules/org/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/menu.hpp"
#include "platform/routes.hpp"

namespace jx::org {

void register_catalog() {
  auth::register_permission(
      {"org.read", {"查看组织机构、单位与专家库", "View organizations, units and experts"}, "org"});

  auto role = [](const char* code, const char* zh, const char* en, const char* scope,
                 const char* description) {
    auth::register_builtin_role({code, {zh, en}, "", scope, {"org.read"}, description});
  };
  role("fin_perf", "财政绩效管理员", "Finance performance officer", "region",
       "财政局绩效管理股：本区域及下级区域的全部单位");
  role("fin_business", "财政业务股审核员", "Finance business reviewer", "overseen",
       "财政局业务股：归口部门及其下属单位");
  role("fin_review", "评审中心评审员", "Review centre reviewer", "overseen",
       "财政投资评审中心：归口部门及其下属单位");
  role("dept_admin", "部门管理员", "Department administrator", "own_department",
       "预算部门：本部门及下属单位");
  role("unit_clerk", "单位填报员", "Unit clerk", "own_unit", "预算单位：本单位");
  role("township_finance", "乡镇财政所", "Township finance office", "own_department",
       "乡镇街道财政所：本乡镇及下属单位");
  role("third_party", "第三方评价人员", "Third-party evaluator", "assigned",
       "第三方机构：只看分配给本机构的任务");
  role("expert", "专家", "Expert", "assigned", "评审专家：只看分配给本人的任务");
  role("oversight", "人大/审计监督", "Oversight (人大/审计)", "region",
       "人大、审计：本区域只读查看");

  register_menu({"basedata", "", "基础数据", "Reference data", "OfficeBuilding", "", "", 800});
  register_menu(
      {"org-tree", "basedata", "组织机构", "Organizations", "Share", "/org/tree", "org.read", 801});
  register_menu(
      {"org-units", "basedata", "单位列表", "Units", "List", "/org/units", "org.read", 802});
  register_menu(
      {"org-experts", "basedata", "专家库", "Experts", "Avatar", "/org/experts", "org.read", 803});
  // The 系统管理员 manages organizations (system.org.manage) without holding org.read; the two
  // permissions never meet in one role (三员分立), so the entries never show twice.
  register_menu({"org-tree-admin", "basedata", "组织机构", "Organizations", "Share", "/org/tree",
                 "system.org.manage", 804});
  register_menu({"org-units-admin", "basedata", "单位列表", "Units", "List", "/org/units",
                 "system.org.manage", 805});
  register_menu({"org-experts-admin", "basedata", "专家库", "Experts", "Avatar", "/org/experts",
                 "system.org.manage", 806});

  register_menu({"ref-items", "basedata", "参考数据", "Reference data", "Collection", "/ref/items",
                 "org.read", 807});
  register_menu({"ref-years", "basedata", "预算年度", "Budget years", "Calendar", "/ref/years",
                 "org.read", 808});
  register_menu({"ref-items-admin", "basedata", "参考数据", "Reference data", "Collection",
                 "/ref/items", "system.org.manage", 809});
  register_menu({"ref-years-admin", "basedata", "预算年度", "Budget years", "Calendar",
                 "/ref/years", "system.org.manage", 810});
  set_budget_years_source([](db::Conn& c) {
    return BudgetYearsInfo{store::all_budget_years(c), store::latest_executing_year(c)};
  });

  register_demo_slice();
}

}  // namespace jx::org
