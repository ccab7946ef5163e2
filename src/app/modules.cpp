#include "app/modules.hpp"

#include "modules/indicators/service.hpp"
#include "modules/org/service.hpp"
#include "modules/projects/service.hpp"
#include "modules/targets/service.hpp"
#include "platform/demo.hpp"
#include "platform/jobs/routes.hpp"
#include "platform/routes.hpp"
#include "platform/workflow/routes.hpp"

namespace jx::app {

void register_catalog(workflow::Registry& workflows, bool test_fixtures) {
  register_platform_catalog(test_fixtures);
  demo::register_platform_slice();
  org::register_catalog();
  indicators::register_catalog(workflows);
  projects::register_catalog(workflows);
  targets::register_catalog(workflows);
}

void register_routes(http::Router& router, workflow::Registry& workflows, bool test_fixtures) {
  register_system_routes(router, test_fixtures);
  auth::register_auth_routes(router);
  auth::register_admin_routes(router);
  audit::register_audit_routes(router);
  workflow::register_workflow_routes(router);
  jobs::register_job_routes(router);
  org::register_routes(router);
  indicators::register_routes(router);
  projects::register_routes(router);
  targets::register_routes(router);
  if (test_fixtures) {
    workflow::register_workflow_fixtures(router, workflows);
    jobs::register_job_fixtures(router);
  }
}

}  // namespace jx::app
