// Jobs: results, progress, cancel (here, before start, and through the database as another
// server would), failures, crash recovery, shutdown, and the job routes. Runs on SQLite, and on
// PostgreSQL when JX_TEST_PG_URL names a server (a fresh database per suite, dropped after).
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <latch>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "platform/auth/sessions.hpp"
#include "platform/config.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/jobs/routes.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/error.hpp"
#include "platform/workflow/workflow.hpp"
#include "test_db.hpp"

namespace jx::jobs {
namespace {

using test::Backend;
using test::pg_admin;
using test::with_database;

namespace json = boost::json;
using namespace std::chrono_literals;

class JobsTest : public ::testing::TestWithParam<Backend> {
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
        pg_name_ = "jx_jobs_test_" + std::to_string(getpid());
        pg_admin(base, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
        pg_admin(base, "CREATE DATABASE " + pg_name_);
        pg_url_ = with_database(base, pg_name_);
        db::migrate(*db::open(pg_url_));
      }
      db::Options o;
      o.pool_size = 4;
      db_ = db::open(pg_url_, o);
      db_->write([](db::Conn& tx) {
        tx.exec_script(
            "TRUNCATE jobs, audit_log RESTART IDENTITY CASCADE;"
            "DELETE FROM meta WHERE key = 'audit.head'");
      });
    } else {
      static int n = 0;
      path_ = "/tmp/jx_jobs_test_" + std::to_string(getpid()) + "_" + std::to_string(++n) + ".db";
      remove_files();
      db_ = db::open("sqlite://" + path_);
      db::migrate(*db_);
    }
  }

  // Opens the test's database again (after a test handed its Db away).
  void reopen() {
    if (GetParam() == Backend::kPostgres) {
      db_ = db::open(pg_url_);
    } else {
      db_ = db::open("sqlite://" + path_);
    }
  }

  void TearDown() override {
    db_.reset();
    if (!path_.empty()) remove_files();
  }

  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((path_ + suffix).c_str());
  }

  // Polls until the job has finished; fails the test after `limit`.
  static JobInfo wait_finished(JobRunner& r, int64_t id, std::chrono::milliseconds limit = 15s) {
    auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
      JobInfo j = r.get(id);
      if (j.finished()) return j;
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "job " << id << " still " << j.state;
        return j;
      }
      std::this_thread::sleep_for(5ms);
    }
  }

  // Polls until pred holds for the job's row.
  static bool wait_for(JobRunner& r, int64_t id, const std::function<bool(const JobInfo&)>& pred,
                       std::chrono::milliseconds limit = 15s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (pred(r.get(id))) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

  static ApiError error_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const ApiError& e) {
      return e;
    }
    ADD_FAILURE() << "expected an ApiError";
    return ApiError(0, "none", {});
  }

  std::string path_;
  std::unique_ptr<db::Db> db_;
  SystemClock clock_;
};

TEST_P(JobsTest, SucceededJobKeepsItsResult) {
  JobRunner r(*db_, clock_, 2);
  int64_t id = r.submit("export", 42, [](JobContext& ctx) {
    return json::value(json::object{{"rows", 3}, {"file", "绩效目标.xlsx"}, {"job", ctx.id()}});
  });
  EXPECT_GT(id, 0);
  JobInfo j = wait_finished(r, id);
  EXPECT_EQ(j.state, "succeeded");
  EXPECT_EQ(j.kind, "export");
  EXPECT_EQ(j.created_by, 42);
  EXPECT_EQ(j.result.at("rows"), 3);
  EXPECT_EQ(j.result.at("file"), "绩效目标.xlsx");
  EXPECT_EQ(j.result.at("job"), id);
  EXPECT_EQ(j.error, "");
  EXPECT_FALSE(j.created_at.empty());
  ASSERT_TRUE(j.started_at && j.finished_at);
  EXPECT_LE(j.created_at, *j.started_at);
  EXPECT_LE(*j.started_at, *j.finished_at);

  json::object api = to_json(j);
  EXPECT_EQ(api.at("state"), "succeeded");
  EXPECT_EQ(api.at("result").at("rows"), 3);
  for (const char* key : {"id", "kind", "state", "progress", "total", "message", "result", "error",
                          "created_at", "started_at", "finished_at"})
    EXPECT_TRUE(api.contains(key)) << key;
  EXPECT_FALSE(r.find(id + 1000));
  EXPECT_EQ(error_of([&] { r.get(id + 1000); }).status(), 404);
}

TEST_P(JobsTest, ProgressIsPersistedWhileRunningAndAtTheEnd) {
  JobRunner r(*db_, clock_, 1);
  std::latch reported(1), checked(1);
  int64_t id = r.submit("import", 1, [&](JobContext& ctx) {
    ctx.progress(3, 10, "第 3 行");
    reported.count_down();
    checked.wait();
    // A fast loop: written at most every ~200 ms, and the last values at the end.
    for (int k = 4; k <= 5000; ++k) ctx.progress(k, 5000, "第 " + std::to_string(k) + " 行");
    return json::value(nullptr);
  });
  reported.wait();
  JobInfo mid = r.get(id);
  EXPECT_EQ(mid.state, "running");
  EXPECT_EQ(mid.progress, 3);
  EXPECT_EQ(mid.total, 10);
  EXPECT_EQ(mid.message, "第 3 行");
  checked.count_down();
  JobInfo end = wait_finished(r, id);
  EXPECT_EQ(end.state, "succeeded");
  EXPECT_EQ(end.progress, 5000);
  EXPECT_EQ(end.total, 5000);
  EXPECT_EQ(end.message, "第 5000 行");
}

TEST_P(JobsTest, FastProgressLoopDoesNotWriteEveryCall) {
  JobRunner r(*db_, clock_, 1);
  std::atomic<int64_t> elapsed_ms{0};
  int64_t id = r.submit("batch", 1, [&](JobContext& ctx) {
    auto t0 = std::chrono::steady_clock::now();
    for (int k = 1; k <= 200000; ++k) ctx.progress(k, 200000);
    elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    return json::value(nullptr);
  });
  JobInfo j = wait_finished(r, id);
  EXPECT_EQ(j.state, "succeeded");
  EXPECT_EQ(j.progress, 200000);
  // 200,000 durable writes would take minutes; throttled it is a handful.
  EXPECT_LT(elapsed_ms.load(), 5000);
}

TEST_P(JobsTest, CancelStopsARunningJobAndIsAudited) {
  JobRunner r(*db_, clock_, 1);
  std::latch started(1);
  int64_t id = r.submit("export", 7, [&](JobContext& ctx) {
    started.count_down();
    int64_t k = 0;
    auto until = std::chrono::steady_clock::now() + 10s;
    while (!ctx.cancelled() && std::chrono::steady_clock::now() < until) {
      ctx.progress(++k, 0);
      std::this_thread::sleep_for(2ms);
    }
    return json::value(json::object{{"stopped_at", k}});
  });
  started.wait();
  // Someone else's job is not there for them.
  EXPECT_EQ(error_of([&] { r.cancel(id, 8); }).status(), 404);
  EXPECT_EQ(error_of([&] { r.cancel(id + 1000, 7); }).status(), 404);
  audit::Actor by;
  by.user_id = 7;
  by.name = "clerk";
  r.cancel(id, by);
  r.cancel(id, by);  // twice: no second audit row
  JobInfo j = wait_finished(r, id, 5s);
  EXPECT_EQ(j.state, "cancelled");
  EXPECT_TRUE(j.cancel_requested);
  EXPECT_TRUE(j.result.is_object());
  EXPECT_TRUE(j.finished_at);
  auto rows = db_->read([&](db::Conn& c) {
    return c.query(
        "SELECT object_type, object_id, actor_name, after_json FROM audit_log "
        "WHERE action = 'job.cancel'");
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "job");
  EXPECT_EQ(rows[0].text(1), std::to_string(id));
  EXPECT_EQ(rows[0].text(2), "clerk");
  // Cancelling a finished job changes nothing.
  r.cancel(id, 7);
  EXPECT_EQ(r.get(id).state, "cancelled");
}

TEST_P(JobsTest, CancelBeforeStartNeverRunsTheJob) {
  JobRunner r(*db_, clock_, 1);
  std::latch started(1), release(1);
  int64_t blocker = r.submit("a", 1, [&](JobContext&) {
    started.count_down();
    release.wait();
    return json::value(nullptr);
  });
  started.wait();
  std::atomic<bool> ran{false};
  int64_t queued = r.submit("b", 1, [&](JobContext&) {
    ran = true;
    return json::value(nullptr);
  });
  EXPECT_EQ(r.get(queued).state, "queued");
  r.cancel(queued, 0);  // the system may cancel anyone's job
  JobInfo q = r.get(queued);
  EXPECT_EQ(q.state, "cancelled");
  EXPECT_TRUE(q.finished_at);
  EXPECT_FALSE(q.started_at);
  release.count_down();
  EXPECT_EQ(wait_finished(r, blocker).state, "succeeded");
  r.shutdown();
  EXPECT_FALSE(ran);
  EXPECT_EQ(r.get(queued).state, "cancelled");
}

TEST_P(JobsTest, CancelRequestedThroughTheDatabaseIsSeenByProgress) {
  JobRunner r(*db_, clock_, 1);
  std::latch started(1);
  int64_t id = r.submit("export", 1, [&](JobContext& ctx) {
    started.count_down();
    auto until = std::chrono::steady_clock::now() + 10s;
    while (!ctx.cancelled() && std::chrono::steady_clock::now() < until) {
      ctx.progress(1, 2);
      std::this_thread::sleep_for(10ms);
    }
    return json::value(nullptr);
  });
  started.wait();
  // As another server instance would: only the row changes.
  db_->write(
      [&](db::Conn& tx) { tx.exec("UPDATE jobs SET cancel_requested = 1 WHERE id = ?", {id}); });
  EXPECT_EQ(wait_finished(r, id, 5s).state, "cancelled");
}

TEST_P(JobsTest, ExceptionFailsTheJobWithItsMessage) {
  JobRunner r(*db_, clock_, 2);
  int64_t a = r.submit("import", 1, [](JobContext& ctx) -> json::value {
    ctx.progress(2, 5, "第 2 行");
    throw std::runtime_error("第 3 行：金额不是数字");
  });
  int64_t b = r.submit("import", 1, [](JobContext&) -> json::value {
    throw ApiError::field("amount_fen", {"金额必须为整数", "Amount must be an integer"});
  });
  JobInfo ja = wait_finished(r, a);
  EXPECT_EQ(ja.state, "failed");
  EXPECT_EQ(ja.error, "第 3 行：金额不是数字");
  EXPECT_EQ(ja.progress, 2);
  EXPECT_EQ(ja.message, "第 2 行");
  EXPECT_TRUE(ja.result.is_null());
  JobInfo jb = wait_finished(r, b);
  EXPECT_EQ(jb.state, "failed");
  EXPECT_EQ(jb.error, "提交的数据有误，请检查标出的字段");
}

TEST_P(JobsTest, ManyJobsAllFinish) {
  JobRunner r(*db_, clock_, 2);
  std::vector<int64_t> ids;
  for (int k = 0; k < 12; ++k) {
    ids.push_back(r.submit("calc", 1, [k](JobContext& ctx) {
      for (int s = 1; s <= 3; ++s) {
        ctx.progress(s, 3);
        std::this_thread::sleep_for(1ms);
      }
      return json::value(k * k);
    }));
  }
  for (int k = 0; k < 12; ++k) {
    JobInfo j = wait_finished(r, ids[k]);
    EXPECT_EQ(j.state, "succeeded");
    EXPECT_EQ(j.result, k * k);
  }
}

TEST_P(JobsTest, RecoverAfterCrashFailsQueuedAndRunningJobs) {
  db_->write([](db::Conn& tx) {
    const char* sql =
        "INSERT INTO jobs (kind, state, created_by, created_at, started_at, finished_at) "
        "VALUES (?, ?, 1, '2026-11-27T01:00:00.000Z', ?, ?)";
    tx.exec(sql, {"a", "queued", nullptr, nullptr});
    tx.exec(sql, {"b", "running", "2026-11-27T01:00:01.000Z", nullptr});
    tx.exec(sql, {"c", "succeeded", "2026-11-27T01:00:01.000Z", "2026-11-27T01:00:02.000Z"});
    tx.exec(sql, {"d", "cancelled", nullptr, "2026-11-27T01:00:02.000Z"});
  });
  JobRunner r(*db_, clock_, 1);
  EXPECT_EQ(r.recover_after_crash(), 2);
  for (int64_t id : {1, 2}) {
    JobInfo j = r.get(id);
    EXPECT_EQ(j.state, "failed");
    EXPECT_EQ(j.error, "服务重启，任务中断 (interrupted by a restart)");
    EXPECT_TRUE(j.finished_at);
  }
  EXPECT_EQ(r.get(3).state, "succeeded");
  EXPECT_EQ(*r.get(3).finished_at, "2026-11-27T01:00:02.000Z");
  EXPECT_EQ(r.get(4).state, "cancelled");
  EXPECT_EQ(r.recover_after_crash(), 0);
}

TEST_P(JobsTest, ShutdownCancelsRunningJobsAndRefusesNewOnes) {
  JobRunner r(*db_, clock_, 1);
  std::latch started(1);
  int64_t running = r.submit("export", 1, [&](JobContext& ctx) {
    started.count_down();
    auto until = std::chrono::steady_clock::now() + 10s;
    while (!ctx.cancelled() && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(2ms);
    return json::value(nullptr);
  });
  int64_t queued = r.submit("export", 1, [](JobContext&) { return json::value(nullptr); });
  started.wait();
  auto t0 = std::chrono::steady_clock::now();
  r.shutdown(5s);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
  JobInfo j = r.get(running);
  EXPECT_EQ(j.state, "cancelled");
  EXPECT_NE(j.error.find("服务停止"), std::string::npos);
  EXPECT_EQ(r.get(queued).state, "cancelled");
  ApiError e = error_of([&] { r.submit("x", 1, [](JobContext&) { return json::value(); }); });
  EXPECT_EQ(e.status(), 503);
  EXPECT_EQ(e.code(), "shutting_down");
  r.shutdown();  // twice is fine
}

TEST_P(JobsTest, ShutdownIsBoundedWhenAJobIgnoresCancel) {
  // The worker left behind still writes to the database after shutdown returns, so from here
  // the job owns the database and tells when the worker has let go of it.
  struct Owned {
    std::unique_ptr<db::Db> db;
    std::promise<void> gone;
    ~Owned() {
      db.reset();
      gone.set_value();
    }
  };
  auto owned = std::make_shared<Owned>();
  owned->db = std::move(db_);
  std::future<void> gone = owned->gone.get_future();
  std::latch started(1);
  int64_t id = 0;
  {
    JobRunner r(*owned->db, clock_, 1);
    id = r.submit("stubborn", 1, [owned, &started](JobContext&) {
      started.count_down();
      std::this_thread::sleep_for(1500ms);
      return json::value(nullptr);
    });
    started.wait();
    auto t0 = std::chrono::steady_clock::now();
    r.shutdown(100ms);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1000ms);
    JobInfo j = r.get(id);
    EXPECT_EQ(j.state, "failed");
    EXPECT_NE(j.error.find("服务停止"), std::string::npos);
  }
  owned.reset();
  ASSERT_EQ(gone.wait_for(15s), std::future_status::ready);
  // The late end of the job did not overwrite the recorded failure.
  reopen();
  auto row =
      db_->read([&](db::Conn& c) { return c.one("SELECT state FROM jobs WHERE id = ?", {id}); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "failed");
}

TEST_P(JobsTest, RoutesFollowCancelAndStartFixtureJobs) {
  Config config;
  auth::SessionManager sessions(*db_, clock_);
  JobRunner runner(*db_, clock_, 2);
  workflow::Registry registry;
  http::Router router;
  register_job_routes(router);
  register_job_fixtures(router);
  Services app{config, *db_, clock_, sessions, runner, registry, nullptr};

  auto user = [](int64_t id) {
    auth::Principal p;
    p.user_id = id;
    p.username = "user" + std::to_string(id);
    p.scope = auth::Scope::all();
    return p;
  };
  auto call = [&](const std::string& method, const std::string& path, const std::string& body,
                  const auth::Principal& who) {
    http::Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.body = body;
    http::Match m = router.match(method, path);
    if (!m.route) throw std::runtime_error("no route " + method + " " + path);
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
  auth::Principal alice = user(1), bob = user(2);

  auto [s1, started] = call("POST", "/api/v1/_test/jobs", R"({"steps":4,"step_ms":5})", alice);
  EXPECT_EQ(s1, 202);
  int64_t id = started.at("job_id").as_int64();
  EXPECT_EQ(wait_finished(runner, id).state, "succeeded");
  auto [s2, shown] = call("GET", "/api/v1/jobs/" + std::to_string(id), "", alice);
  EXPECT_EQ(s2, 200);
  EXPECT_EQ(shown.at("state"), "succeeded");
  EXPECT_EQ(shown.at("progress"), 4);
  EXPECT_EQ(shown.at("total"), 4);
  EXPECT_EQ(shown.at("kind"), "fixture");
  EXPECT_EQ(error_of([&] { call("GET", "/api/v1/jobs/" + std::to_string(id), "", bob); }).status(),
            404);
  EXPECT_EQ(error_of([&] { call("GET", "/api/v1/jobs/x1", "", alice); }).status(), 404);

  auto [s3, failing] =
      call("POST", "/api/v1/_test/jobs", R"({"steps":5,"step_ms":1,"fail_at":3})", alice);
  JobInfo f = wait_finished(runner, failing.at("job_id").as_int64());
  EXPECT_EQ(f.state, "failed");
  EXPECT_NE(f.error.find("3"), std::string::npos);
  EXPECT_EQ(f.progress, 2);

  auto [s4, slow] = call("POST", "/api/v1/_test/jobs", R"({"steps":1000,"step_ms":20})", alice);
  int64_t slow_id = slow.at("job_id").as_int64();
  ASSERT_TRUE(wait_for(runner, slow_id, [](const JobInfo& j) { return j.progress >= 1; }));
  std::string slow_path = "/api/v1/jobs/" + std::to_string(slow_id) + "/cancel";
  EXPECT_EQ(error_of([&] { call("POST", slow_path, "", bob); }).status(), 404);
  auto [s5, cancel_answer] = call("POST", slow_path, "", alice);
  EXPECT_EQ(s5, 202);
  EXPECT_EQ(cancel_answer.at("id"), slow_id);
  JobInfo c = wait_finished(runner, slow_id, 5s);
  EXPECT_EQ(c.state, "cancelled");
  EXPECT_LT(c.progress, 1000);

  for (const char* bad : {R"({})", R"({"steps":0})", R"({"steps":"3"})",
                          R"({"steps":3,"step_ms":-1})", R"({"steps":3,"fail_at":4})"}) {
    ApiError e = error_of([&] { call("POST", "/api/v1/_test/jobs", bad, alice); });
    EXPECT_EQ(e.status(), 422) << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(Db, JobsTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kSqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace jx::jobs
