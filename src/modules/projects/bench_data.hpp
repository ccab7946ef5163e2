// `jixiao bench-data` (projects part): a province's project library for the projects benchmark
// (bench/projects/run.sh) and for trying the library, the case workbench and the statistics at
// province scale. Deterministic: the same organizations, year and count give the same projects.
//
// Contract
// - Runs after org::generate_bench_data on the same database: spreads the projects over the
//   province's budget units (kind unit, department, township, dev_zone). Throws
//   std::runtime_error if the database already holds projects or has no such organization.
// - ONE write transaction: a failure leaves the database as it was. Bulk multi-row INSERTs
//   straight into the tables (no service calls, no per-row audit); one audit row
//   `bench.projects` records the run; ANALYZE afterwards on both databases.
// - Every row is what the service would have written: codes {county}-{start_year}-{00001} with
//   project_code_seq advanced past them, drafts without a code, amounts per year and funding
//   source summing to requested_total_fen, a workflow instance per project in its state, a case
//   for every submitted project (closed with a conclusion and its round(s), 预算评审 lines and
//   审减 for the concluded ones), a budget row for budgeted ones, the name index and the
//   tallies of the library.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::projects {

struct BenchProjectsScale {
  int64_t projects = 300000;
  int year = 0;  // the "current" year; 0: this year in Asia/Shanghai by the clock
  // Where the samples come from: a county (its code) and a department in it (its org id);
  // empty/0: the first county and department found.
  std::string sample_county;
  int64_t sample_department = 0;
};

// A search word or filter the benchmark can use, with how many projects it matches in the
// whole province (non-draft), as generated.
struct BenchProjectsSample {
  std::string what;  // word | fragment | sector | category | department_id | stats_year
  std::string value;
  int64_t matches = 0;
};

struct BenchProjectsResult {
  int64_t projects = 0;
  int64_t amounts = 0;
  int64_t cases = 0;
  int64_t concluded = 0;
  int64_t rounds = 0;
  int64_t grams = 0;
  std::vector<BenchProjectsSample> samples;
};

BenchProjectsResult generate_bench_projects(db::Db& db, const Clock& clock,
                                            const BenchProjectsScale& scale);

// The ref `sector` codes the generator spreads projects over (for the test).
const std::vector<std::string>& bench_sectors();

}  // namespace jx::projects
