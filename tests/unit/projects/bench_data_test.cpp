// The generated project library of `jixiao bench-data` at a small scale on SQLite: every row as
// the service would have written it (codes, amounts, cases and rounds, workflow instances, the
// code sequences), the name index and the tallies the list reads, and the store keeping both
// current on insert, update and delete.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <tuple>

#include "modules/org/bench_data.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "modules/projects/bench_data.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/util/clock.hpp"

namespace jx::projects {
namespace {

namespace fs = std::filesystem;

class ProjectsBenchData : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("jx_pbench_" + std::to_string(rd()) + ".db");
    db_ = db::open("sqlite://" + path_.string());
    db::migrate(*db_);
    org::register_catalog();
    org::BenchScale s;
    s.cities = 2;
    s.counties = 3;
    s.townships_per_county = 4;
    s.units_per_county = 60;
    s.users_per_org = 1;
    org::generate_bench_data(*db_, clock_, s, "Bench@2026jx");
    BenchProjectsScale ps;
    ps.projects = 3000;
    ps.year = 2026;
    result_ = generate_bench_projects(*db_, clock_, ps);
  }
  void TearDown() override {
    db_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path_.string() + ext);
  }

  int64_t count(const std::string& sql, const db::Params& p = {}) {
    return db_->read([&](db::Conn& c) { return c.query(sql, p)[0].i64(0); });
  }
  // The tallies as they should be: every project under each prefix of its region code that a
  // scope can have (2, 4, 6, 9, 12 digits), with year 0 and with each year of its span.
  void expect_tallies_exact() {
    std::map<std::tuple<std::string, std::string, int64_t>, int64_t> want, got;
    db_->read([&](db::Conn& c) {
      for (const auto& r : c.query("SELECT region_code, state, start_year, end_year FROM projects"))
        for (size_t n : {2, 4, 6, 9, 12})
          if (n <= r.text(0).size()) {
            ++want[{r.text(0).substr(0, n), r.text(1), 0}];
            for (int64_t y = r.i64(2); y <= r.i64(3); ++y)
              ++want[{r.text(0).substr(0, n), r.text(1), y}];
          }
      for (const auto& r : c.query("SELECT region_prefix, state, year, n FROM project_tallies"))
        if (r.i64(3) != 0) got[{r.text(0), r.text(1), r.i64(2)}] = r.i64(3);
    });
    EXPECT_EQ(got, want);
    // the name index carries each project's region, state and unit
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_name_grams g JOIN projects p ON p.id = "
                    "g.project_id WHERE g.region_code <> p.region_code OR g.state <> p.state OR "
                    "g.org_id <> p.org_id"),
              0);
  }

  fs::path path_;
  std::unique_ptr<db::Db> db_;
  SystemClock clock_;
  BenchProjectsResult result_;
};

TEST_F(ProjectsBenchData, CountsAndSpread) {
  EXPECT_EQ(result_.projects, 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM projects"), 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_amounts"), result_.amounts);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_cases"), result_.cases);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_case_rounds"), result_.rounds);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_name_grams"), result_.grams);
  // every state of the library, three start years around 2026, every sector is a reference code
  for (const char* s : {"draft", "submitted", "reviewing", "in_library", "returned", "rejected",
                        "budgeted", "executing", "completed"})
    EXPECT_GT(count("SELECT COUNT(*) FROM projects WHERE state = ?", {std::string(s)}), 0) << s;
  EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE start_year NOT IN (2025, 2026, 2027) OR "
                  "end_year < start_year OR end_year > start_year + 2"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM ref_items r "
                  "WHERE r.kind = 'sector' AND r.code = p.sector) OR NOT EXISTS (SELECT 1 FROM "
                  "ref_items f WHERE f.kind = 'func_class' AND f.code = p.func_class)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM projects WHERE tags LIKE '%\"special_bond\"%'"), 0);
  EXPECT_GT(count("SELECT COUNT(DISTINCT sector) FROM projects"), 8);
  // one audit row for the projects, the chain intact
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'bench.projects'"), 1);
  EXPECT_TRUE(audit::verify(*db_).ok);
  std::map<std::string, BenchProjectsSample> samples;
  for (const auto& x : result_.samples) samples[x.what + ":" + x.value] = x;
  EXPECT_GT(samples.at("word:道路").matches, 0);
  EXPECT_GT(samples.at("word:学校").matches, 0);
}

TEST_F(ProjectsBenchData, RowsAreWhatTheServiceWouldWrite) {
  db_->read([&](db::Conn& c) {
    std::map<std::pair<std::string, int>, int64_t> last;  // code sequence per county and year
    for (const auto& r : c.query("SELECT p.id, p.code, p.region_code, p.start_year, p.state, "
                                 "p.requested_total_fen, (SELECT SUM(requested_fen) FROM "
                                 "project_amounts a WHERE a.project_id = p.id), p.org_id, "
                                 "o.department_id, p.department_id FROM projects p JOIN "
                                 "organizations o ON o.id = p.org_id")) {
      int64_t id = r.i64(0);
      std::string code = r.text(1), region = r.text(2), state = r.text(4);
      int year = static_cast<int>(r.i64(3));
      EXPECT_EQ(r.i64(5), r.i64(6)) << "amounts add up, project " << id;
      EXPECT_GT(r.i64(5), 0) << id;
      EXPECT_EQ(r.i64(8), r.i64(9)) << "the unit's department, project " << id;
      if (state == "draft") {
        EXPECT_TRUE(code.empty()) << id;
        continue;
      }
      std::string prefix = region.substr(0, 6) + "-" + std::to_string(year) + "-";
      ASSERT_EQ(code.size(), prefix.size() + 5) << code;
      EXPECT_EQ(code.substr(0, prefix.size()), prefix) << code;
      auto& l = last[{region.substr(0, 6), year}];
      l = std::max<int64_t>(l, std::stoll(code.substr(prefix.size())));
    }
    // the sequence continues after the generated codes
    for (const auto& [key, n] : last) {
      auto r = c.one("SELECT next_value FROM project_code_seq WHERE region_code = ? AND year = ?",
                     {key.first, key.second});
      ASSERT_TRUE(r) << key.first;
      EXPECT_EQ(r->i64(0), n + 1) << key.first;
    }
    // a case per submitted project; concluded ones have rounds and 审减 on their lines
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM projects p WHERE (p.state = 'draft') = EXISTS "
                      "(SELECT 1 FROM project_cases k WHERE k.project_id = p.id)")[0]
                  .i64(0),
              0);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM project_cases k JOIN projects p ON p.id = "
                      "k.project_id WHERE (p.conclusion IS NULL) <> (k.conclusion IS NULL) OR "
                      "p.conclusion <> k.conclusion OR (k.conclusion IS NOT NULL AND NOT EXISTS "
                      "(SELECT 1 FROM project_case_rounds r WHERE r.case_id = k.id AND r.round = "
                      "k.round AND r.conclusion = k.conclusion)) OR (k.conclusion IS NOT NULL AND "
                      "k.cut_fen <> k.submitted_fen - k.approved_fen)")[0]
                  .i64(0),
              0);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM projects WHERE state IN ('in_library', 'budgeted', "
                      "'executing', 'completed') AND (conclusion <> 'support' OR approved_fen IS "
                      "NULL OR approved_fen > requested_total_fen)")[0]
                  .i64(0),
              0);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM project_budgets b JOIN projects p ON p.id = "
                      "b.project_id WHERE b.approved_fen > p.approved_fen")[0]
                  .i64(0),
              0);
    // a workflow instance per project, in the project's state
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM projects p JOIN wf_instance i ON i.doc_type = "
                      "'project' AND i.doc_id = CAST(p.id AS TEXT) AND i.state = p.state")[0]
                  .i64(0),
              3000);
    // the name index holds every pair of every name
    for (const auto& r : c.query("SELECT id, name FROM projects WHERE id % 97 = 0")) {
      std::set<std::string> want;
      for (const auto& g : org::name_grams({r.text(1)})) want.insert(g);
      std::set<std::string> got;
      for (const auto& g :
           c.query("SELECT gram FROM project_name_grams WHERE project_id = ?", {r.i64(0)}))
        got.insert(g.text(0));
      EXPECT_EQ(got, want) << r.text(1);
    }
  });
  expect_tallies_exact();
}

TEST_F(ProjectsBenchData, ListSearchAndTotalsMatchAScan) {
  // A project's name, region and unit: a specific fragment, the scopes around it.
  auto sample = db_->read([](db::Conn& c) {
    return c.query(
        "SELECT name, region_code, org_id FROM projects WHERE state <> 'draft' ORDER "
        "BY id LIMIT 1")[0];
  });
  std::string county_code = sample.text(1).substr(0, 6);
  store::Viewer all;
  all.scope = auth::Scope::all();
  store::Viewer province;  // a province 绩效管理处: the province's prefix
  province.scope.add({auth::ScopeKind::kRegion, {}, {county_code.substr(0, 2)}});
  province.user_id = 999998;
  store::Viewer county;  // a county 绩效管理股: a region grant
  county.scope.add({auth::ScopeKind::kRegion, {}, {county_code}});
  county.user_id = 999999;
  store::Viewer unit;  // a unit's clerk: its unit only, drafts too
  unit.scope.add({auth::ScopeKind::kOwnUnit, {sample.i64(2)}, {}});
  unit.user_id = 999997;
  unit.sees_drafts = true;
  // the sample's name less its first and last characters: a specific fragment of several pairs
  std::string name = sample.text(0);
  std::vector<std::string> chars;
  for (size_t i = 0; i < name.size();) {
    size_t n = (name[i] & 0x80) == 0      ? 1
               : (name[i] & 0xE0) == 0xC0 ? 2
               : (name[i] & 0xF0) == 0xE0 ? 3
                                          : 4;
    chars.push_back(name.substr(i, n));
    i += n;
  }
  std::string specific;
  for (size_t i = 1; i + 1 < chars.size(); ++i) specific += chars[i];
  struct V {
    const store::Viewer* v;
    const char* what;
    std::string scope_sql;
  };
  for (const V& x :
       {V{&all, "all", "1=1"},
        V{&province, "province", "region_code LIKE '" + county_code.substr(0, 2) + "%'"},
        V{&county, "county", "region_code LIKE '" + county_code + "%'"},
        V{&unit, "unit", "org_id = " + std::to_string(sample.i64(2))}})
    for (const std::string& q : std::vector<std::string>{"道路", "学校", "农村道路建设", "路",
                                                         "2026", "", specific, "项目", "建设项目"})
      for (const char* state : {"", "in_library"})
        for (int year : {0, 2026})
          for (int pg : {1, 3}) {
            ProjectFilter f;
            f.q = q;
            f.state = state;
            if (year) f.year = year;
            Page page;
            page.size = 20;
            page.page = pg;
            int64_t total = -1;
            auto rows =
                db_->read([&](db::Conn& c) { return store::list(c, *x.v, f, page, &total); });
            db::Params p{"%" + q + "%", "%" + q + "%"};
            std::string where = std::string(x.v->sees_drafts ? "1=1" : "state <> 'draft'") +
                                " AND (name LIKE ? OR code LIKE ?)" +
                                (*state ? " AND state = 'in_library'" : "") +
                                (year ? " AND start_year <= 2026 AND end_year >= 2026" : "") +
                                " AND " + x.scope_sql;
            std::string at = q + " " + state + " " + x.what + " year " + std::to_string(year) +
                             " page " + std::to_string(pg);
            EXPECT_EQ(total, count("SELECT COUNT(*) FROM projects WHERE " + where, p)) << at;
            // the page is the scan's, in the list's order (newest first)
            std::vector<int64_t> want, got;
            db_->read([&](db::Conn& c) {
              for (const auto& r :
                   c.query("SELECT id FROM projects WHERE " + where +
                               " ORDER BY updated_at DESC, id DESC LIMIT 20 OFFSET " +
                               std::to_string(20 * (pg - 1)),
                           p))
                want.push_back(r.i64(0));
            });
            for (const auto& r : rows) got.push_back(r.id);
            EXPECT_EQ(got, want) << at;
          }
}

TEST_F(ProjectsBenchData, StoreKeepsTalliesAndNamesOnWrites) {
  db_->write([&](db::Conn& tx) {
    auto org = tx.query(
        "SELECT id, department_id, region_code FROM organizations WHERE kind = "
        "'unit' ORDER BY id LIMIT 1")[0];
    Project p;
    p.name = "测试新建污水处理厂";
    p.org_id = org.i64(0);
    p.department_id = org.i64(1);
    p.region_code = org.text(2);
    p.start_year = p.end_year = 2027;
    p.id = store::insert(tx, p, "2026-11-27T00:00:00Z");
    auto found = store::find(tx, p.id);
    ASSERT_TRUE(found);
    Project q = *found;
    q.name = "测试改建雨水泵站";
    q.state = "submitted";
    q.end_year = 2028;  // a year more: its tallies move with it
    ASSERT_TRUE(store::update(tx, q, q.version, "2026-11-27T00:00:01Z"));
    EXPECT_FALSE(store::update(tx, q, q.version, "2026-11-27T00:00:02Z")) << "stale version";
    std::set<std::string> got;
    for (const auto& g :
         tx.query("SELECT gram FROM project_name_grams WHERE project_id = ?", {p.id}))
      got.insert(g.text(0));
    auto want = org::name_grams({q.name});
    EXPECT_EQ(got, std::set<std::string>(want.begin(), want.end()));
    // a second draft, deleted
    Project d = p;
    d.name = "测试删除草稿";
    d.state = "draft";
    d.id = store::insert(tx, d, "2026-11-27T00:00:00Z");
    store::delete_draft(tx, d.id);
    EXPECT_EQ(
        tx.query("SELECT COUNT(*) FROM project_name_grams WHERE project_id = ?", {d.id})[0].i64(0),
        0);
  });
  expect_tallies_exact();
}

}  // namespace
}  // namespace jx::projects
