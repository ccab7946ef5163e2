// The generated 绩效目标 of `jixiao bench-data` at a small scale on SQLite: the sets the projects
// need, 部门整体 for every 一级预算单位, states, weights adding up to 100, errors and warnings
// equal to the service's own check, a workflow instance per revision in its state, the reviews, the
// sample draft of the unit clerk, and the same rows on a second run.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>

#include "modules/org/bench_data.hpp"
#include "modules/org/service.hpp"
#include "modules/projects/bench_data.hpp"
#include "modules/targets/bench_data.hpp"
#include "modules/targets/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/util/clock.hpp"

namespace jx::targets {
namespace {

namespace fs = std::filesystem;

struct Generated {
  fs::path path;
  std::unique_ptr<db::Db> db;
  BenchTargetsResult result;
  int64_t sample_unit = 0;
};

Generated generate(const Clock& clock) {
  Generated g;
  std::random_device rd;
  g.path = fs::temp_directory_path() / ("jx_tbench_" + std::to_string(rd()) + ".db");
  g.db = db::open("sqlite://" + g.path.string());
  db::migrate(*g.db);
  org::register_catalog();
  org::BenchScale s;
  s.cities = 2;
  s.counties = 3;
  s.townships_per_county = 4;
  s.units_per_county = 60;
  s.users_per_org = 1;
  auto r = org::generate_bench_data(*g.db, clock, s, "Bench@2026jx");
  projects::BenchProjectsScale ps;
  ps.projects = 3000;
  ps.year = 2026;
  for (const auto& x : r.samples)
    if (x.what == "unit_clerk") g.sample_unit = x.org_id;
  projects::generate_bench_projects(*g.db, clock, ps);
  BenchTargetsScale ts;
  ts.year = 2026;
  ts.sample_unit = g.sample_unit;
  g.result = generate_bench_targets(*g.db, clock, ts);
  return g;
}

void remove(Generated& g) {
  g.db.reset();
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(g.path.string() + ext);
}

class TargetsBenchData : public ::testing::Test {
 protected:
  void SetUp() override { g_ = generate(clock_); }
  void TearDown() override { remove(g_); }

  int64_t count(const std::string& sql, const db::Params& p = {}) {
    return g_.db->read([&](db::Conn& c) { return c.query(sql, p)[0].i64(0); });
  }

  SystemClock clock_;
  Generated g_;
};

TEST_F(TargetsBenchData, CountsAndStates) {
  const auto& r = g_.result;
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_sets"), r.sets);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions"), r.revisions);
  EXPECT_EQ(r.sets, r.revisions);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_indicators"), r.leaves);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_tasks"), r.tasks);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_reviews"), r.reviews);
  EXPECT_EQ(r.approved + r.submitted + r.drafts + r.returned, r.revisions);
  for (const char* s : {"approved", "submitted", "draft", "returned"})
    EXPECT_GT(count("SELECT COUNT(*) FROM target_revisions WHERE state = ?", {std::string(s)}), 0)
        << s;
  // most projects that need targets have them, and every budgeted one approved ones
  int64_t project_sets =
      count("SELECT COUNT(*) FROM target_sets WHERE kind = 'project' AND year = 2026");
  EXPECT_GT(r.needing, 500);
  EXPECT_GT(project_sets * 100, r.needing * 85);
  EXPECT_LT(project_sets, r.needing);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_budgets b JOIN project_amounts a ON "
                  "a.project_id = b.project_id AND a.year = b.year JOIN projects p ON p.id = "
                  "b.project_id WHERE b.year IN (2025, 2026, 2027) AND p.state IN ('budgeted', "
                  "'executing', "
                  "'completed') AND NOT EXISTS (SELECT 1 FROM target_sets s WHERE s.project_id "
                  "= b.project_id AND s.year = b.year AND s.approved_revision_id IS NOT NULL)"),
            0);
  // leaves per project set 6..12 (a draft may lack its last), 7 per 部门整体, 2..5 tasks
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT r.id, COUNT(i.id) AS n FROM target_revisions r "
                  "JOIN target_sets s ON s.id = r.set_id JOIN target_indicators i ON "
                  "i.revision_id = r.id WHERE s.kind = 'project' AND r.state <> 'draft' GROUP BY "
                  "r.id) x WHERE n < 6 OR n > 12"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT r.id, COUNT(i.id) AS n FROM target_revisions r "
                  "JOIN target_sets s ON s.id = r.set_id JOIN target_indicators i ON "
                  "i.revision_id = r.id WHERE s.kind = 'department' AND r.state <> 'draft' GROUP "
                  "BY r.id) x WHERE n <> 7"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT r.id, COUNT(t.id) AS n FROM target_revisions r "
                  "JOIN target_sets s ON s.id = r.set_id LEFT JOIN target_tasks t ON "
                  "t.revision_id = r.id WHERE s.kind = 'department' GROUP BY r.id) x WHERE n < 2 "
                  "OR n > 5"),
            0);
  // three years: last year's all approved, next year's being drawn up
  for (int y : {2025, 2026, 2027})
    EXPECT_GT(count("SELECT COUNT(*) FROM target_sets WHERE year = ?", {y}), 300) << y;
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_sets s JOIN target_revisions r ON r.id = "
                  "s.current_revision_id WHERE s.year = 2025 AND r.state <> 'approved'"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM target_sets s JOIN target_revisions r ON r.id = "
                  "s.current_revision_id WHERE s.year = 2027 AND r.state = 'draft'"),
            0);
  // a 部门整体 set a year for every active department, township and dev_zone
  int64_t departments = count(
      "SELECT COUNT(*) FROM organizations WHERE kind IN ('department', 'township', 'dev_zone') "
      "AND status = 'active'");
  EXPECT_EQ(departments * 3, r.department_sets);
  for (int y : {2025, 2026, 2027})
    EXPECT_EQ(count("SELECT COUNT(*) FROM target_sets WHERE kind = 'department' AND year = ?", {y}),
              departments);
  // leaves from the library of the project's sector (or the common rows), as the library has them
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_indicators i LEFT JOIN indicators x ON x.id = "
                  "i.library_id WHERE x.id IS NULL OR x.name <> i.name OR x.level2 <> i.level2"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM target_indicators i JOIN target_revisions r ON r.id = "
                  "i.revision_id JOIN target_sets s ON s.id = r.set_id JOIN projects p ON p.id = "
                  "s.project_id JOIN indicators x ON x.id = i.library_id WHERE x.sector = "
                  "p.sector"),
            r.leaves / 3);
  // the library counts the approved leaves
  EXPECT_EQ(count("SELECT COALESCE(SUM(usage_count), 0) FROM indicators"),
            count("SELECT COUNT(*) FROM target_indicators i JOIN target_revisions r ON r.id = "
                  "i.revision_id WHERE r.state = 'approved'"));
  // one audit row, the chain intact
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'bench.targets'"), 1);
  EXPECT_TRUE(audit::verify(*g_.db).ok);
}

TEST_F(TargetsBenchData, WeightsAddUpAndTheCheckAgrees) {
  // weights add up to 100 in every revision but the unfinished drafts
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT r.id, SUM(i.weight_x100) AS w FROM "
                  "target_revisions r JOIN target_indicators i ON i.revision_id = r.id WHERE "
                  "r.state <> 'draft' GROUP BY r.id) x WHERE w <> 10000"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions WHERE state <> 'draft' AND (errors <> 0 "
                  "OR warnings <> 0)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM target_revisions WHERE state = 'draft' AND errors > 0"), 0);
  // the service's own check of every revision finds what was stored
  auth::Principal p;
  p.user_id = 1;
  p.scope = auth::Scope::all();
  Caller who{p, audit::Actor{1, "test", "", ""}, auth::Scope::all()};
  g_.db->read([&](db::Conn& c) {
    int checked = 0;
    for (const auto& r : c.query("SELECT id, errors, warnings FROM target_revisions ORDER BY id")) {
      auto out = check_draft(c, who, r.i64(0), DraftInput{}, Lang::kZh);
      ASSERT_EQ(out.at("errors").as_int64(), r.i64(1)) << "revision " << r.i64(0);
      ASSERT_EQ(out.at("warnings").as_int64(), r.i64(2)) << "revision " << r.i64(0);
      ++checked;
    }
    EXPECT_EQ(checked, g_.result.revisions);
  });
}

TEST_F(TargetsBenchData, RowsAreWhatTheServiceWouldWrite) {
  // a workflow instance per revision, in its state, in the set's organization and region
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions r JOIN target_sets s ON s.id = r.set_id "
                  "LEFT JOIN wf_instance w ON w.doc_type = 'target' AND w.doc_id = "
                  "CAST(r.id AS TEXT) WHERE w.id IS NULL OR w.state <> r.state OR w.org_id <> "
                  "s.org_id OR w.region_code <> s.region_code"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM wf_instance WHERE doc_type = 'target'"),
            g_.result.revisions);
  // submitted ones have their submission, reviewed ones their review and grade
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions r JOIN wf_instance w ON w.doc_type = "
                  "'target' AND w.doc_id = CAST(r.id AS TEXT) WHERE r.state <> 'draft' AND NOT "
                  "EXISTS (SELECT 1 FROM wf_history h WHERE h.instance_id = w.id AND h.action = "
                  "'submit')"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions r WHERE r.state IN ('approved', "
                  "'returned') AND (r.grade IS NULL OR NOT EXISTS (SELECT 1 FROM target_reviews v "
                  "WHERE v.revision_id = r.id AND v.grade = r.grade))"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions WHERE (state = 'approved') <> (grade IN "
                  "('优', '良') AND grade IS NOT NULL)"),
            0);
  // the set points at its revision; approved ones are in force
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_sets s JOIN target_revisions r ON r.id = "
                  "s.current_revision_id WHERE r.set_id <> s.id OR (r.state = 'approved') <> "
                  "(s.approved_revision_id IS NOT NULL)"),
            0);
  // a project set belongs to its project's unit and department
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_sets s JOIN projects p ON p.id = s.project_id "
                  "WHERE s.org_id <> p.org_id OR s.department_id <> p.department_id OR "
                  "s.region_code <> p.region_code"),
            0);
  // the sample unit's clerk has a draft of the year to edit
  std::string draft, user;
  int64_t draft_org = 0;
  for (const auto& x : g_.result.samples) {
    if (x.what == "draft_revision") draft = x.value;
    if (x.what == "draft_user") {
      user = x.value;
      draft_org = x.count;
    }
  }
  ASSERT_FALSE(draft.empty());
  EXPECT_EQ(draft_org, g_.sample_unit);
  EXPECT_EQ(count("SELECT COUNT(*) FROM target_revisions r JOIN target_sets s ON s.id = r.set_id "
                  "JOIN users u ON u.org_id = s.org_id AND u.username = ? WHERE r.id = ? AND "
                  "r.state = 'draft' AND s.org_id = ? AND s.kind = 'project' AND s.year = 2026",
                  {user, std::stoll(draft), draft_org}),
            1);
  // the store's coverage reads the generated rows: approved over needing
  int64_t approved_sets = count(
      "SELECT COUNT(*) FROM target_sets WHERE kind = 'project' AND year = 2026 AND "
      "approved_revision_id IS NOT NULL");
  g_.db->read([&](db::Conn& c) {
    auto rows = store::coverage(c, auth::Scope::all(), 2026, "");
    int64_t needing = 0, approved = 0;
    for (const auto& x : rows) {
      needing += x.projects;
      approved += x.projects_approved;
    }
    EXPECT_EQ(needing, g_.result.needing);
    EXPECT_EQ(approved, approved_sets);
  });
}

TEST(TargetsBenchDataRuns, SameRowsTwice) {
  SystemClock clock;
  Generated a = generate(clock), b = generate(clock);
  auto digest = [](Generated& g) {
    return g.db->read([&](db::Conn& c) {
      std::string out;
      for (const auto& r : c.query(
               "SELECT s.id || '/' || s.kind || '/' || COALESCE(s.project_id, 0) || '/' || "
               "s.org_id || '/' || r.state || '/' || COALESCE(r.grade, '') || '/' || r.errors || "
               "'/' || r.warnings || '/' || r.created_at || '/' || COALESCE((SELECT "
               "GROUP_CONCAT(i.leaf_key || i.name || i.value || i.weight_x100, '|') FROM "
               "target_indicators i WHERE i.revision_id = r.id), '') || '/' || COALESCE((SELECT "
               "GROUP_CONCAT(t.total_fen || t.project_ids, '|') FROM target_tasks t WHERE "
               "t.revision_id = r.id), '') FROM target_sets s JOIN target_revisions r ON "
               "r.set_id = s.id ORDER BY s.id"))
        out += r.text(0) + "\n";
      return out;
    });
  };
  std::string da = digest(a), db = digest(b);
  EXPECT_GT(da.size(), 10000u);
  EXPECT_TRUE(da == db);
  EXPECT_EQ(a.result.leaves, b.result.leaves);
  remove(a);
  remove(b);
}

}  // namespace
}  // namespace jx::targets
