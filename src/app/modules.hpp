// The one place that knows every module: their permissions, menu entries, routes and demo slices.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"
#include "platform/workflow/workflow.hpp"

namespace jx::app {

// Permissions, roles, menu entries, workflow definitions and demo slices of every module.
void register_catalog(workflow::Registry& workflows, bool test_fixtures = false);
// Every route; fixture routes too when test_fixtures.
void register_routes(http::Router& router, workflow::Registry& workflows, bool test_fixtures);

}  // namespace jx::app
