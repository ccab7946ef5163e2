// HTTP routes of the jobs: follow and cancel one's own job, and (for the API tests only) start
// a fixture job that sleeps, reports progress, honours cancel and can be told to fail.
//
// Contract
// - Registration runs once at start-up, before the server listens; not thread-safe.
// - A job of another user is a 404, exactly like one that does not exist.
// - register_job_fixtures() must only be called under --test-fixtures.
#pragma once

#include "platform/http/router.hpp"

namespace jx::jobs {

void register_job_routes(http::Router& router);

void register_job_fixtures(http::Router& router);

}  // namespace jx::jobs
