// HTTP routes of the workflow: the to-do inbox (GET /api/v1/todo) and, for the API tests only,
// the fixture document type with its routes under /api/v1/_test/fixture-docs.
//
// Contract
// - Registration runs once at start-up, before the server listens; not thread-safe.
// - register_workflow_fixtures() registers the "fixture_doc" definition into the registry and
//   its routes; the caller must also run ensure_fixture_schema() on the database (idempotent)
//   before serving. Neither may be called outside --test-fixtures.
// - Fixture documents follow the platform rules: reading or moving one outside the caller's
//   data scope is a 404; creating one is open to any signed-in user (org_id defaults to the
//   caller's organization) so tests can place documents in any organization.
#pragma once

#include <boost/json/object.hpp>

#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/util/error.hpp"
#include "platform/workflow/workflow.hpp"

namespace jx::workflow {

inline constexpr const char* kFixtureDocType = "fixture_doc";

void register_workflow_routes(http::Router& router);

// The fixture_doc definition (草稿 → 已提交 → 已通过 / 已退回 → 已提交).
Definition fixture_definition();

void register_workflow_fixtures(http::Router& router, Registry& registry);

// CREATE TABLE IF NOT EXISTS fixture_docs, in the database's dialect.
void ensure_fixture_schema(db::Db& db);

// Wire forms, shared with modules that show workflow state.
boost::json::object to_json(const InboxItem& item, Lang lang);
boost::json::object to_json(const HistoryEntry& h, const Definition& def, Lang lang);

}  // namespace jx::workflow
