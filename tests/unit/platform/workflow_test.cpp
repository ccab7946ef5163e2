// Workflow: transitions by state and permission, comments, history, versions, the to-do inbox
// per principal and scope, and the fixture routes. Runs on SQLite, and on PostgreSQL when
// JX_TEST_PG_URL names a server (a fresh database per suite, dropped afterwards).
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "platform/audit/audit.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/config.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/error.hpp"
#include "platform/workflow/routes.hpp"
#include "platform/workflow/workflow.hpp"
#include "test_db.hpp"

namespace jx::workflow {
namespace {

using test::Backend;
using test::pg_admin;
using test::with_database;

namespace json = boost::json;

// Every call to now() is one second later, so updated_at orders the steps.
class StepClock final : public Clock {
 public:
  TimePoint now() const override {
    return TimePoint(std::chrono::seconds(1796000000 + ticks_.fetch_add(1)));
  }

 private:
  mutable std::atomic<int64_t> ticks_{0};
};

class WorkflowTest : public ::testing::TestWithParam<Backend> {
 protected:
  static inline std::string pg_url_;  // this suite's database, once created
  static inline std::string pg_name_;

  static void TearDownTestSuite() {
    if (pg_name_.empty()) return;
    pg_admin(std::getenv("JX_TEST_PG_URL"),
             "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    pg_name_.clear();
    pg_url_.clear();
  }

  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      const char* base = std::getenv("JX_TEST_PG_URL");
      if (!base || !*base) GTEST_SKIP() << "JX_TEST_PG_URL is not set";
      if (pg_name_.empty()) {
        pg_name_ = "jx_wf_test_" + std::to_string(getpid());
        pg_admin(base, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
        pg_admin(base, "CREATE DATABASE " + pg_name_);
        pg_url_ = with_database(base, pg_name_);
        db::migrate(*db::open(pg_url_));
      }
      db::Options o;
      o.pool_size = 2;
      db_ = db::open(pg_url_, o);
      db_->write([](db::Conn& tx) {
        tx.exec_script(
            "TRUNCATE wf_history, wf_instance, audit_log, jobs RESTART IDENTITY CASCADE;"
            "DELETE FROM meta WHERE key = 'audit.head';"
            "DROP TABLE IF EXISTS fixture_docs");
      });
    } else {
      static int n = 0;
      path_ = "/tmp/jx_wf_test_" + std::to_string(getpid()) + "_" + std::to_string(++n) + ".db";
      remove_files();
      db_ = db::open("sqlite://" + path_);
      db::migrate(*db_);
    }
    registry_.add(fixture_definition());
    clerk_ = principal(1, "clerk", {"fixture.submit"});
    reviewer_ = principal(2, "reviewer", {"fixture.review"});
  }

  void TearDown() override {
    db_.reset();
    if (!path_.empty()) remove_files();
  }

  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((path_ + suffix).c_str());
  }

  static auth::Principal principal(int64_t id, const std::string& name,
                                   std::set<std::string> permissions,
                                   auth::Scope scope = auth::Scope::all()) {
    auth::Principal p;
    p.user_id = id;
    p.username = name;
    p.permissions = std::move(permissions);
    p.scope = std::move(scope);
    return p;
  }

  static auth::Scope org_scope(std::vector<int64_t> orgs) {
    auth::Scope s;
    auth::ScopeGrant g;
    g.kind = auth::ScopeKind::kOwnUnit;
    g.org_ids = std::move(orgs);
    s.add(g);
    return s;
  }

  static audit::Actor actor_of(const auth::Principal& p) {
    audit::Actor a;
    a.user_id = p.user_id;
    a.name = p.username;
    a.ip = "127.0.0.1";
    a.request_id = "test";
    return a;
  }

  Instance create(const std::string& doc_id, int64_t org_id = 10,
                  const std::string& region = "330100") {
    NewInstance ni;
    ni.doc_type = kFixtureDocType;
    ni.doc_id = doc_id;
    ni.title = "单据 " + doc_id;
    ni.org_id = org_id;
    ni.region_code = region;
    return db_->write(
        [&](db::Conn& tx) { return start(tx, registry_, ni, actor_of(clerk_), clock_); });
  }

  Instance act(const std::string& doc_id, const std::string& action, const auth::Principal& who,
               const std::string& comment = "", int64_t version = -1) {
    return db_->write([&](db::Conn& tx) {
      return transition(tx, registry_, kFixtureDocType, doc_id, action, comment, who, actor_of(who),
                        clock_, version);
    });
  }

  // The ApiError fn throws; a test failure if it throws none.
  static ApiError error_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const ApiError& e) {
      return e;
    }
    ADD_FAILURE() << "expected an ApiError";
    return ApiError(0, "none", {});
  }

  std::string state_of(const std::string& doc_id) {
    auto inst = db_->read([&](db::Conn& c) { return get(c, kFixtureDocType, doc_id); });
    return inst ? inst->state : "(missing)";
  }

  int64_t count(const std::string& sql, const db::Params& params = {}) {
    return db_->read([&](db::Conn& c) { return c.one(sql, params)->i64(0); });
  }

  InboxPage inbox_of(const auth::Principal& p, int64_t page = 1, int64_t size = 20) {
    return db_->read([&](db::Conn& c) { return inbox(c, registry_, p, page, size); });
  }

  std::string path_;
  std::unique_ptr<db::Db> db_;
  StepClock clock_;
  Registry registry_;
  auth::Principal clerk_;
  auth::Principal reviewer_;
};

TEST_P(WorkflowTest, StartCreatesInstanceInInitialStateWithHistoryAndAudit) {
  Instance i = create("1");
  EXPECT_EQ(i.state, "draft");
  EXPECT_EQ(i.version, 1);
  EXPECT_EQ(i.created_by, 1);
  EXPECT_GT(i.id, 0);

  auto got = db_->read([&](db::Conn& c) { return get(c, kFixtureDocType, "1"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->state, "draft");
  EXPECT_EQ(got->title, "单据 1");
  EXPECT_EQ(got->org_id, 10);
  EXPECT_EQ(got->region_code, "330100");
  EXPECT_EQ(got->created_at, i.created_at);

  auto h = db_->read([&](db::Conn& c) { return history(c, kFixtureDocType, "1"); });
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].action, "create");
  EXPECT_EQ(h[0].from_state, "");
  EXPECT_EQ(h[0].to_state, "draft");
  EXPECT_EQ(h[0].actor_name, "clerk");

  auto audit_row = db_->read([&](db::Conn& c) {
    return c.one(
        "SELECT object_type, object_id, before_json, after_json, actor_id FROM audit_log "
        "WHERE action = 'workflow.create'");
  });
  ASSERT_TRUE(audit_row);
  EXPECT_EQ(audit_row->text(0), "fixture_doc");
  EXPECT_EQ(audit_row->text(1), "1");
  EXPECT_EQ(audit_row->text(2), "null");
  EXPECT_EQ(json::parse(audit_row->text(3)), json::parse(R"({"state":"draft"})"));
  EXPECT_EQ(audit_row->i64(4), 1);
}

TEST_P(WorkflowTest, StartingTwiceIsAConflictAndUnknownTypeIsAProgrammingError) {
  create("1");
  ApiError e = error_of([&] { create("1"); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "workflow_exists");
  NewInstance ni;
  ni.doc_type = "no_such_type";
  ni.doc_id = "1";
  EXPECT_THROW(db_->write([&](db::Conn& tx) { start(tx, registry_, ni, {}, clock_); }),
               std::invalid_argument);
}

TEST_P(WorkflowTest, TransitionMovesStateBumpsVersionAndAudits) {
  Instance created = create("1");
  Instance i = act("1", "submit", clerk_);
  EXPECT_EQ(i.state, "submitted");
  EXPECT_EQ(i.version, 2);
  EXPECT_GT(i.updated_at, created.updated_at);
  EXPECT_EQ(state_of("1"), "submitted");

  auto row = db_->read([&](db::Conn& c) {
    return c.one(
        "SELECT object_type, object_id, before_json, after_json, actor_name FROM audit_log "
        "WHERE action = 'workflow.submit'");
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "fixture_doc");
  EXPECT_EQ(row->text(1), "1");
  EXPECT_EQ(json::parse(row->text(2)), json::parse(R"({"state":"draft"})"));
  EXPECT_EQ(json::parse(row->text(3)), json::parse(R"({"state":"submitted"})"));
  EXPECT_EQ(row->text(4), "clerk");
  EXPECT_TRUE(audit::verify(*db_).ok);
}

TEST_P(WorkflowTest, ActionNotAllowedFromCurrentStateIsInvalidTransition) {
  create("1");
  ApiError e = error_of([&] { act("1", "approve", reviewer_); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "invalid_transition");
  EXPECT_NE(e.message().zh.find("草稿"), std::string::npos) << e.message().zh;
  EXPECT_NE(e.message().zh.find("通过"), std::string::npos) << e.message().zh;
  EXPECT_NE(e.message().en.find("Draft"), std::string::npos) << e.message().en;

  act("1", "submit", clerk_);
  act("1", "approve", reviewer_);
  e = error_of([&] { act("1", "return", reviewer_, "太晚了"); });
  EXPECT_EQ(e.code(), "invalid_transition");
  EXPECT_NE(e.message().zh.find("已通过"), std::string::npos);
  EXPECT_NE(e.message().zh.find("退回"), std::string::npos);
  // An action no definition knows is named by its code.
  e = error_of([&] { act("1", "explode", reviewer_); });
  EXPECT_EQ(e.code(), "invalid_transition");
  EXPECT_NE(e.message().zh.find("explode"), std::string::npos);
  EXPECT_EQ(state_of("1"), "approved");
  EXPECT_EQ(count("SELECT COUNT(*) FROM wf_history"), 3);
}

TEST_P(WorkflowTest, PrincipalWithoutThePermissionIsForbidden) {
  create("1");
  ApiError e = error_of([&] { act("1", "submit", reviewer_); });
  EXPECT_EQ(e.status(), 403);
  EXPECT_EQ(e.code(), "forbidden");
  EXPECT_EQ(state_of("1"), "draft");

  act("1", "submit", clerk_);
  e = error_of([&] { act("1", "approve", clerk_); });
  EXPECT_EQ(e.status(), 403);
  EXPECT_EQ(state_of("1"), "submitted");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'workflow.approve'"), 0);
}

TEST_P(WorkflowTest, ReturnRequiresAComment) {
  create("1");
  act("1", "submit", clerk_);
  for (const std::string blank : {"", "   ", "\n\t"}) {
    ApiError e = error_of([&] { act("1", "return", reviewer_, blank); });
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "validation_failed");
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(e.details()[0].field, "comment");
    EXPECT_EQ(e.details()[0].message.zh, "退回时必须填写原因");
  }
  EXPECT_EQ(state_of("1"), "submitted");
  Instance i = act("1", "return", reviewer_, "指标不完整");
  EXPECT_EQ(i.state, "returned");
  auto h = db_->read([&](db::Conn& c) { return history(c, kFixtureDocType, "1"); });
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[2].comment, "指标不完整");
  EXPECT_EQ(h[2].actor_id, 2);
}

TEST_P(WorkflowTest, HistoryListsEveryStepInOrder) {
  create("1");
  act("1", "submit", clerk_, "请审核");
  act("1", "return", reviewer_, "缺少佐证材料");
  act("1", "resubmit", clerk_);
  act("1", "approve", reviewer_);
  auto h = db_->read([&](db::Conn& c) { return history(c, kFixtureDocType, "1"); });
  ASSERT_EQ(h.size(), 5u);
  const char* actions[] = {"create", "submit", "return", "resubmit", "approve"};
  const char* to[] = {"draft", "submitted", "returned", "submitted", "approved"};
  std::string prev;
  for (size_t k = 0; k < h.size(); ++k) {
    EXPECT_EQ(h[k].action, actions[k]);
    EXPECT_EQ(h[k].to_state, to[k]);
    EXPECT_EQ(h[k].from_state, prev);
    if (k) {
      EXPECT_GT(h[k].at, h[k - 1].at);
    }
    prev = h[k].to_state;
  }
  EXPECT_EQ(h[1].comment, "请审核");
  EXPECT_EQ(h[2].comment, "缺少佐证材料");
  EXPECT_EQ(h[4].actor_name, "reviewer");
  // Other documents' history stays apart.
  create("2");
  EXPECT_EQ(db_->read([&](db::Conn& c) { return history(c, kFixtureDocType, "2"); }).size(), 1u);
}

TEST_P(WorkflowTest, StaleVersionIsAConflict) {
  create("1");
  ApiError e = error_of([&] { act("1", "submit", clerk_, "", 7); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "version_conflict");
  EXPECT_EQ(state_of("1"), "draft");
  Instance i = act("1", "submit", clerk_, "", 1);
  EXPECT_EQ(i.version, 2);
  // The version read before someone else's step is stale now.
  e = error_of([&] { act("1", "approve", reviewer_, "", 1); });
  EXPECT_EQ(e.code(), "version_conflict");
  EXPECT_EQ(act("1", "approve", reviewer_, "", 2).version, 3);
}

TEST_P(WorkflowTest, MissingOrOutOfScopeInstanceIsNotFound) {
  create("1", /*org_id=*/10);
  ApiError e = error_of([&] { act("999", "submit", clerk_); });
  EXPECT_EQ(e.status(), 404);
  auth::Principal other = principal(3, "other_unit", {"fixture.submit"}, org_scope({11}));
  e = error_of([&] { act("1", "submit", other); });
  EXPECT_EQ(e.status(), 404);
  EXPECT_EQ(state_of("1"), "draft");
  auth::Principal same = principal(4, "same_unit", {"fixture.submit"}, org_scope({10}));
  EXPECT_EQ(act("1", "submit", same).state, "submitted");
  EXPECT_FALSE(
      db_->read([&](db::Conn& c) { return get_scoped(c, kFixtureDocType, "1", org_scope({11})); }));
  EXPECT_TRUE(
      db_->read([&](db::Conn& c) { return get_scoped(c, kFixtureDocType, "1", org_scope({10})); }));
}

TEST_P(WorkflowTest, InboxShowsWhatEachPrincipalCanActOnNewestFirst) {
  create("1");
  create("2");
  create("3");
  create("4");
  act("2", "submit", clerk_);
  act("3", "submit", clerk_);
  act("3", "return", reviewer_, "重填");
  act("4", "submit", clerk_);
  act("4", "approve", reviewer_);

  InboxPage c = inbox_of(clerk_);
  ASSERT_EQ(c.total, 2);  // draft 1 and returned 3
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[0].doc_id, "3");  // updated last
  EXPECT_EQ(c.items[0].state, "returned");
  EXPECT_EQ(c.items[0].state_label.zh, "已退回");
  ASSERT_EQ(c.items[0].actions.size(), 1u);
  EXPECT_EQ(c.items[0].actions[0].code, "resubmit");
  EXPECT_EQ(c.items[0].actions[0].label.zh, "重新提交");
  EXPECT_EQ(c.items[1].doc_id, "1");
  EXPECT_EQ(c.items[1].actions[0].code, "submit");
  EXPECT_EQ(c.items[1].doc_type, "fixture_doc");
  EXPECT_EQ(c.items[1].doc_type_label.zh, "测试单据");
  EXPECT_EQ(c.items[1].title, "单据 1");
  EXPECT_FALSE(c.items[1].updated_at.empty());

  InboxPage r = inbox_of(reviewer_);
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.items[0].doc_id, "2");
  ASSERT_EQ(r.items[0].actions.size(), 2u);
  EXPECT_EQ(r.items[0].actions[0].code, "approve");
  EXPECT_EQ(r.items[0].actions[1].code, "return");

  // Both permissions: everything not yet approved.
  auth::Principal both = principal(5, "both", {"fixture.submit", "fixture.review"});
  EXPECT_EQ(inbox_of(both).total, 3);
}

TEST_P(WorkflowTest, InboxPagesKeepTheTotal) {
  for (int k = 1; k <= 5; ++k) create(std::to_string(k));
  InboxPage p1 = inbox_of(clerk_, 1, 2);
  InboxPage p3 = inbox_of(clerk_, 3, 2);
  InboxPage p4 = inbox_of(clerk_, 4, 2);
  EXPECT_EQ(p1.total, 5);
  ASSERT_EQ(p1.items.size(), 2u);
  EXPECT_EQ(p1.items[0].doc_id, "5");
  EXPECT_EQ(p1.items[1].doc_id, "4");
  ASSERT_EQ(p3.items.size(), 1u);
  EXPECT_EQ(p3.items[0].doc_id, "1");
  EXPECT_EQ(p4.total, 5);
  EXPECT_TRUE(p4.items.empty());
}

TEST_P(WorkflowTest, InboxIsLimitedToThePrincipalsScope) {
  create("a", 10, "330102");
  create("b", 11, "330103");
  create("c", 12, "330201");

  EXPECT_EQ(inbox_of(principal(6, "u10", {"fixture.submit"}, org_scope({10}))).total, 1);
  InboxPage two = inbox_of(principal(7, "u1011", {"fixture.submit"}, org_scope({10, 11})));
  EXPECT_EQ(two.total, 2);
  for (const auto& item : two.items) EXPECT_NE(item.doc_id, "c");

  auth::Scope region;
  auth::ScopeGrant g;
  g.kind = auth::ScopeKind::kRegion;
  g.region_codes = {"3301"};
  region.add(g);
  InboxPage by_region = inbox_of(principal(8, "city", {"fixture.submit"}, region));
  EXPECT_EQ(by_region.total, 2);

  // A scope that excludes every organization, and no scope at all: nothing.
  EXPECT_EQ(inbox_of(principal(9, "elsewhere", {"fixture.submit"}, org_scope({99}))).total, 0);
  InboxPage none = inbox_of(principal(10, "noscope", {"fixture.submit"}, auth::Scope::none()));
  EXPECT_EQ(none.total, 0);
  EXPECT_TRUE(none.items.empty());
}

TEST_P(WorkflowTest, InboxIsEmptyForAPrincipalWithNoWorkflowPermission) {
  create("1");
  act("1", "submit", clerk_);
  EXPECT_EQ(inbox_of(principal(11, "auditor", {"audit.log.read"})).total, 0);
  EXPECT_EQ(inbox_of(principal(12, "nobody", {})).total, 0);
}

TEST_P(WorkflowTest, FixtureRoutesCreateShowAndMoveDocuments) {
  ensure_fixture_schema(*db_);
  ensure_fixture_schema(*db_);  // idempotent
  Config config;
  auth::SessionManager sessions(*db_, clock_);
  jobs::JobRunner runner(*db_, clock_, 1);
  Registry registry;
  http::Router router;
  register_workflow_routes(router);
  register_workflow_fixtures(router, registry);
  Services app{config, *db_, clock_, sessions, runner, registry, nullptr};

  auto call = [&](const std::string& method, const std::string& path, const std::string& body,
                  const auth::Principal& who, const std::string& lang = "") {
    http::Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.body = body;
    if (!lang.empty()) req.headers.emplace_back("accept-language", lang);
    size_t q = path.find('?');
    if (q != std::string::npos) {
      req.path = path.substr(0, q);
      std::string qs = path.substr(q + 1);
      size_t amp = 0;
      while (!qs.empty()) {
        amp = qs.find('&');
        std::string kv = qs.substr(0, amp);
        size_t eq = kv.find('=');
        req.query.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
        qs = amp == std::string::npos ? "" : qs.substr(amp + 1);
      }
    }
    http::Match m = router.match(method, req.path);
    if (!m.route) throw std::runtime_error("no route " + method + " " + req.path);
    EXPECT_EQ(m.route->access.kind, http::Access::kSignedIn);
    req.params = m.params;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"  // the rest stay default
    RequestContext ctx{.req = req,
                       .app = app,
                       .request_id = "rid-1",
                       .principal = std::make_shared<const auth::Principal>(who)};
#pragma GCC diagnostic pop
    http::Response res = m.route->handler(ctx);
    return std::make_pair(res.status, json::parse(res.body));
  };

  auth::Principal clerk = principal(1, "clerk", {"fixture.submit"}, org_scope({10}));
  auth::Principal reviewer = principal(2, "reviewer", {"fixture.review"}, org_scope({10}));
  auth::Principal outsider = principal(3, "outsider", {"fixture.review"}, org_scope({11}));

  auto [status, doc] = call("POST", "/api/v1/_test/fixture-docs",
                            R"({"title":"2026年项目绩效目标","org_id":10})", clerk);
  EXPECT_EQ(status, 201);
  std::string id = std::to_string(doc.at("id").as_int64());
  EXPECT_EQ(doc.at("state"), "draft");
  EXPECT_EQ(doc.at("state_label"), "草稿");
  EXPECT_EQ(doc.at("version"), 1);
  EXPECT_EQ(doc.at("history").as_array().size(), 1u);
  EXPECT_EQ(doc.at("actions").at(0).at("code"), "submit");

  // Bad input: no title, negative org.
  ApiError e = error_of(
      [&] { call("POST", "/api/v1/_test/fixture-docs", R"({"title":"  ","org_id":-1})", clerk); });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.details().size(), 2u);

  auto [s2, moved] = call("POST", "/api/v1/_test/fixture-docs/" + id + "/transition",
                          R"({"action":"submit","version":1})", clerk);
  EXPECT_EQ(s2, 200);
  EXPECT_EQ(moved.at("state"), "submitted");
  EXPECT_EQ(moved.at("actions").as_array().size(), 0u);  // the clerk cannot review

  e = error_of([&] {
    call("POST", "/api/v1/_test/fixture-docs/" + id + "/transition", R"({"action":"return"})",
         reviewer);
  });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.details().at(0).field, "comment");
  e = error_of([&] {
    call("POST", "/api/v1/_test/fixture-docs/" + id + "/transition", R"({"action":"resubmit"})",
         clerk);
  });
  EXPECT_EQ(e.code(), "invalid_transition");
  e = error_of([&] {
    call("POST", "/api/v1/_test/fixture-docs/" + id + "/transition",
         R"({"action":"return","comment":"x"})", outsider);
  });
  EXPECT_EQ(e.status(), 404);
  e = error_of([&] { call("GET", "/api/v1/_test/fixture-docs/" + id, "", outsider); });
  EXPECT_EQ(e.status(), 404);
  e = error_of([&] { call("GET", "/api/v1/_test/fixture-docs/abc", "", clerk); });
  EXPECT_EQ(e.status(), 404);

  auto [s3, todo] = call("GET", "/api/v1/todo", "", reviewer);
  EXPECT_EQ(s3, 200);
  EXPECT_EQ(todo.at("total"), 1);
  const json::value& item = todo.at("items").at(0);
  EXPECT_EQ(item.at("doc_id").as_string(), id);
  EXPECT_EQ(item.at("title"), "2026年项目绩效目标");
  EXPECT_EQ(item.at("state_label"), "已提交");
  EXPECT_EQ(item.at("doc_type_label"), "测试单据");
  EXPECT_EQ(item.at("actions").at(1).at("label"), "退回");
  auto [s4, todo_en] = call("GET", "/api/v1/todo?page=1&page_size=5", "", reviewer, "en");
  EXPECT_EQ(todo_en.at("items").at(0).at("state_label"), "Submitted");
  e = error_of([&] { call("GET", "/api/v1/todo?page_size=500", "", reviewer); });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(call("GET", "/api/v1/todo", "", outsider).second.at("total"), 0);

  call("POST", "/api/v1/_test/fixture-docs/" + id + "/transition",
       R"({"action":"return","comment":"请补充绩效指标"})", reviewer);
  auto [s5, shown] = call("GET", "/api/v1/_test/fixture-docs/" + id, "", clerk);
  EXPECT_EQ(s5, 200);
  EXPECT_EQ(shown.at("state"), "returned");
  const json::array& h = shown.at("history").as_array();
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[2].at("action"), "return");
  EXPECT_EQ(h[2].at("action_label"), "退回");
  EXPECT_EQ(h[2].at("from_state_label"), "已提交");
  EXPECT_EQ(h[2].at("comment"), "请补充绩效指标");
  EXPECT_EQ(h[2].at("actor_name"), "reviewer");
  EXPECT_EQ(h[0].at("action_label"), "创建");
}

TEST(WorkflowRegistry, RejectsMalformedDefinitions) {
  Registry r;
  r.add(fixture_definition());
  EXPECT_THROW(r.add(fixture_definition()), std::invalid_argument);  // twice
  EXPECT_NE(r.find("fixture_doc"), nullptr);
  EXPECT_EQ(r.find("nope"), nullptr);
  EXPECT_THROW(r.at("nope"), std::invalid_argument);

  Definition bad_initial = fixture_definition();
  bad_initial.doc_type = "a";
  bad_initial.initial = "nowhere";
  EXPECT_THROW(r.add(bad_initial), std::invalid_argument);

  Definition bad_edge = fixture_definition();
  bad_edge.doc_type = "b";
  bad_edge.transitions.push_back({"draft", "jump", "moon", "x", false, {"跳", "Jump"}});
  EXPECT_THROW(r.add(bad_edge), std::invalid_argument);

  Definition no_perm = fixture_definition();
  no_perm.doc_type = "c";
  no_perm.transitions[0].permission.clear();
  EXPECT_THROW(r.add(no_perm), std::invalid_argument);

  Definition dup_action = fixture_definition();
  dup_action.doc_type = "d";
  dup_action.transitions.push_back({"draft", "submit", "approved", "x", false, {"提交", "Submit"}});
  EXPECT_THROW(r.add(dup_action), std::invalid_argument);
  EXPECT_EQ(r.all().size(), 1u);

  const Definition& d = r.at("fixture_doc");
  EXPECT_EQ(d.state_label("returned").zh, "已退回");
  EXPECT_EQ(d.state_label("unknown").zh, "unknown");
  EXPECT_EQ(d.action_label("resubmit").en, "Resubmit");
  ASSERT_NE(d.find_transition("submitted", "return"), nullptr);
  EXPECT_TRUE(d.find_transition("submitted", "return")->comment_required);
  EXPECT_EQ(d.find_transition("draft", "return"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Db, WorkflowTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kSqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace jx::workflow
