// The indicators module's permissions, what the org module's business roles get of them, the
// menu entries under 绩效目标, and the workflow of a proposed indicator (docs/api-indicators.md).
#include "modules/indicators/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/menu.hpp"

namespace jx::indicators {

void register_catalog(workflow::Registry& workflows) {
  auto perm = [](const char* code, const char* zh, const char* en) {
    auth::register_permission({code, {zh, en}, "indicators"});
  };
  perm("indicators.read", "查看指标库与指标体系", "View the indicator library and tree");
  perm("indicators.manage", "维护指标库、审核新增指标建议、设置指标体系",
       "Maintain the indicator library, review proposals, set the tree");
  perm("indicators.propose", "提出新增指标建议", "Propose indicators");

  for (const char* role : {"fin_perf", "fin_business", "fin_review", "dept_admin", "unit_clerk",
                           "township_finance", "third_party", "expert", "oversight"})
    auth::add_builtin_permissions(role, {"indicators.read"});
  auth::add_builtin_permissions("fin_perf", {"indicators.manage"});
  for (const char* role : {"dept_admin", "unit_clerk", "township_finance"})
    auth::add_builtin_permissions(role, {"indicators.propose"});

  // Under the 绩效目标 group, which the targets module registers.
  register_menu({"indicators-library", "targets", "指标库", "Indicator library", "Collection",
                 "/indicators", "indicators.read", 305});
  register_menu({"indicators-proposals", "targets", "指标建议审核", "Indicator proposals", "Stamp",
                 "/indicators/proposals", "indicators.manage", 306});
  register_menu({"indicators-tree", "targets", "指标体系设置", "Indicator tree", "Setting",
                 "/indicators/tree", "indicators.manage", 307});

  workflow::Definition d;
  d.doc_type = kDocType;
  d.name = {"新增指标建议", "Indicator proposal"};
  d.initial = "proposed";
  d.states = {{"proposed", {"待审核", "Proposed"}},
              {"active", {"已采纳", "Active"}},
              {"rejected", {"已退回", "Rejected"}},
              {"retired", {"已停用", "Retired"}}};
  d.transitions = {
      {"proposed", "approve", "active", "indicators.manage", false, {"采纳", "Approve"}},
      {"proposed", "reject", "rejected", "indicators.manage", true, {"退回", "Reject"}},
      {"active", "retire", "retired", "indicators.manage", false, {"停用", "Retire"}, false},
  };
  workflows.add(std::move(d));

  register_demo_slice();
}

}  // namespace jx::indicators
