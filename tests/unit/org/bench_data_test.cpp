// The generated province of `jixiao bench-data` at a small scale on SQLite: the counts it
// reports, and every row as the service would have written it (valid 统一社会信用代码, 预算单位编码
// = parent's code + 3 digits, materialized paths, department_id, one role per user), and the
// scope a generated user resolves to.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "modules/org/bench_data.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/util/clock.hpp"

namespace jx::org {
namespace {

namespace fs = std::filesystem;

class OrgBenchData : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("jx_bench_" + std::to_string(rd()) + ".db");
    db_ = db::open("sqlite://" + path_.string());
    db::migrate(*db_);
    register_catalog();  // the built-in business roles
  }
  void TearDown() override {
    db_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path_.string() + ext);
  }

  fs::path path_;
  std::unique_ptr<db::Db> db_;
  SystemClock clock_;
};

BenchScale small() {
  BenchScale s;
  s.cities = 2;
  s.counties = 3;
  s.townships_per_county = 4;
  s.units_per_county = 60;  // 53 county-level seeds + 7 township units
  s.users_per_org = 2;
  return s;
}

TEST_F(OrgBenchData, CountsAreWhatTheScaleSays) {
  BenchScale s = small();
  BenchResult r = generate_bench_data(*db_, clock_, s, "Bench@2026jx");
  // regions: province, cities, counties, townships
  EXPECT_EQ(r.regions, 1 + 2 + 3 + 3 * 4);
  // province and city bureaus with one office each; per county: bureau, 9 offices, 39
  // departments, the townships, the zone and the units
  EXPECT_EQ(r.units, 3 * 60);
  EXPECT_EQ(r.organizations, 2 * (1 + 2) + 3 * (1 + 9 + 39 + 4 + 1 + 60));
  EXPECT_EQ(r.users, r.organizations * 2);
  db_->read([&](db::Conn& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM regions")[0].i64(0), r.regions);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM organizations")[0].i64(0), r.organizations);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM organizations WHERE kind = 'unit'")[0].i64(0), r.units);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM office_oversight")[0].i64(0), r.oversight);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM users")[0].i64(0), r.users);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM user_roles")[0].i64(0), r.users);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM password_history")[0].i64(0), r.users);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM users WHERE must_change_password <> 0")[0].i64(0), 0);
    EXPECT_EQ(c.query("SELECT COUNT(DISTINCT password_hash) FROM users")[0].i64(0), 1);
    EXPECT_EQ(c.query("SELECT value FROM meta WHERE key = 'demo'")[0].text(0), "0");
    // one audit row for the whole run
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM audit_log")[0].i64(0), 1);
    EXPECT_EQ(c.query("SELECT action FROM audit_log")[0].text(0), "bench.generate");
  });
  EXPECT_TRUE(audit::verify(*db_).ok);
  // every sample kind, the county ones in the middle county
  std::map<std::string, BenchSample> samples;
  for (const auto& x : r.samples) samples[x.what] = x;
  for (const char* what :
       {"county_fin_perf", "fin_business", "dept_admin", "unit_clerk", "province_fin_perf"})
    EXPECT_TRUE(samples.count(what)) << what;
}

TEST_F(OrgBenchData, RowsFollowTheCodeAndTreeRules) {
  generate_bench_data(*db_, clock_, small(), "Bench@2026jx");
  db_->read([&](db::Conn& c) {
    std::map<int64_t, db::Row> by_id;
    for (const auto& r : c.query("SELECT id, kind, code, uscc, region_code, parent_id, "
                                 "department_id, path, name FROM organizations ORDER BY id"))
      by_id.emplace(r.i64(0), r);
    std::set<std::string> names;
    for (const auto& [id, r] : by_id) {
      std::string kind = r.text(1), code = r.text(2), uscc = r.text(3), path = r.text(7);
      if (kind != "finance_office") names.insert(r.text(8));  // every bureau has a 预算股
      if (kind != "finance_office") {
        EXPECT_TRUE(check_uscc(uscc).ok()) << id << " " << uscc;
      }
      std::optional<int64_t> parent = r.opt_i64(5);
      std::string parent_path, parent_code, parent_kind;
      std::optional<int64_t> parent_dept;
      if (parent) {
        ASSERT_TRUE(by_id.count(*parent)) << id;
        const db::Row& p = by_id.at(*parent);
        parent_path = p.text(7);
        parent_code = p.text(2);
        parent_kind = p.text(1);
        parent_dept = p.opt_i64(6);
        EXPECT_TRUE(region_within(r.text(4), p.text(4))) << id;
      }
      EXPECT_TRUE(parent_allowed(kind, parent_kind)) << id << " " << kind << " " << parent_kind;
      EXPECT_EQ(path, child_path(parent_path, id)) << id;
      if (is_budget_kind(kind)) {
        EXPECT_FALSE(check_budget_code(kind, code, parent_code)) << id << " " << code;
      }
      if (is_department_kind(kind))
        EXPECT_EQ(r.opt_i64(6), id) << id;
      else
        EXPECT_EQ(r.opt_i64(6), parent_dept) << id;
    }
    int64_t offices =
        c.query("SELECT COUNT(*) FROM organizations WHERE kind = 'finance_office'")[0].i64(0);
    EXPECT_EQ(static_cast<int64_t>(names.size()), static_cast<int64_t>(by_id.size()) - offices)
        << "names are unique outside the 股室";
    // (region, code) and uscc unique: the schema says so; usernames start with a letter.
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM users WHERE username NOT LIKE 'u%'")[0].i64(0), 0);
    // every 股室 user has a role matching its office; units' users are unit clerks
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM users u JOIN organizations o ON o.id = u.org_id "
                      "JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id "
                      "WHERE o.kind = 'unit' AND r.code <> 'unit_clerk'")[0]
                  .i64(0),
              0);
  });
}

TEST_F(OrgBenchData, SampleUsersResolveToTheirScope) {
  BenchResult r = generate_bench_data(*db_, clock_, small(), "Bench@2026jx");
  std::map<std::string, BenchSample> samples;
  for (const auto& x : r.samples) samples[x.what] = x;
  db_->read([&](db::Conn& c) {
    auto principal = [&](const BenchSample& s) {
      auth::Principal p;
      p.user_id = c.query("SELECT id FROM users WHERE username = ?", {s.username})[0].i64(0);
      p.org_id = s.org_id;
      load_scope(c, p);
      return p;
    };
    auto count = [&](const auth::Scope& scope) {
      int64_t total = 0;
      store::list(c, scope, {}, Page{}, &total);
      return total;
    };
    // the county's 绩效管理股 sees the whole county, the province's the whole province
    auth::Principal county = principal(samples.at("county_fin_perf"));
    int64_t in_county = c.query("SELECT COUNT(*) FROM organizations WHERE region_code LIKE ?",
                                {samples.at("county_fin_perf").region_code + "%"})[0]
                            .i64(0);
    EXPECT_EQ(count(county.scope), in_county);
    EXPECT_EQ(count(principal(samples.at("province_fin_perf")).scope), r.organizations);
    // the 教育和体育局's admin sees the department and its units
    const BenchSample& dept = samples.at("dept_admin");
    int64_t in_dept =
        c.query("SELECT COUNT(*) FROM organizations WHERE department_id = ?", {dept.org_id})[0].i64(
            0);
    EXPECT_GT(in_dept, 10);
    EXPECT_EQ(count(principal(dept).scope), in_dept);
    EXPECT_EQ(count(principal(samples.at("unit_clerk")).scope), 1);
    // 教科文股 oversees 5 departments
    EXPECT_GT(count(principal(samples.at("fin_business")).scope), in_dept);
  });
}

TEST_F(OrgBenchData, RefusesADatabaseWithOrganizations) {
  BenchScale s = small();
  s.counties = 1;
  generate_bench_data(*db_, clock_, s, "Bench@2026jx");
  EXPECT_THROW(generate_bench_data(*db_, clock_, s, "Bench@2026jx"), std::runtime_error);
}

}  // namespace
}  // namespace jx::org
