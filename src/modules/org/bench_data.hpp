// `jixiao bench-data`: a generated province for the org benchmarks (bench/org/run.sh) and for
// trying the UI at province scale. Deterministic: the same scale gives the same regions,
// organizations, codes and user names (only the password is random).
//
// Contract
// - Writes into a migrated database that holds no organization (throws std::runtime_error
//   otherwise), in ONE write transaction: a failure leaves the database as it was.
// - Bulk SQL through db::Conn (multi-row INSERTs of a fixed shape, so each statement is
//   prepared once per connection); no service calls, no per-row audit or history rows: one
//   audit row `bench.generate` records the run. Marks the database as not-demo (meta demo = 0).
// - Every row is what the service would have written: valid 统一社会信用代码 (rules.hpp),
//   预算单位编码 (department 3 digits, unit = parent code + 3 digits), materialized path
//   "1/5/12/" and department_id (itself for department kinds, else the parent's).
// - Users share one password (hashed once), must_change_password = 0, and one business role
//   each by their organization's kind. The built-in roles must be registered first
//   (org::register_catalog() or app::register_catalog()).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::org {

// The default is a province: 16 cities, 140 counties of ~143 organizations each (about 20,000
// organizations) and 3 users per organization (about 60,000 users).
struct BenchScale {
  int cities = 16;                // 1..16 (山东省's cities)
  int counties = 140;             // spread over the cities
  int townships_per_county = 10;  // 1..30
  int units_per_county = 83;  // 预算单位 (kind unit) per county, at most ~4 per township + 48
  int users_per_org = 3;      // accounts per organization
};

// A user the benchmark can sign in as.
struct BenchSample {
  std::string what;  // county_fin_perf | dept_admin | unit_clerk | fin_business | province_fin_perf
  std::string username;
  std::string region_code;  // the user's organization's region (the county for county users)
  int64_t org_id = 0;       // the user's organization
};

struct BenchResult {
  int64_t regions = 0;
  int64_t organizations = 0;
  int64_t units = 0;  // kind unit
  int64_t oversight = 0;
  int64_t users = 0;
  std::vector<BenchSample> samples;
};

// Generates the province into db with every user's password `password` (hashed once here).
BenchResult generate_bench_data(db::Db& db, const Clock& clock, const BenchScale& scale,
                                const std::string& password);

}  // namespace jx::org
