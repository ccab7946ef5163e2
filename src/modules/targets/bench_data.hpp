// `jixiao bench-data` (targets part): the province's 绩效目标 for the targets benchmark
// (bench/targets/run.sh) and for trying the coverage dashboard, the query and the review at
// province scale. Deterministic: the same organizations, projects and year give the same targets.
//
// Contract
// - Runs after projects::generate_bench_projects on the same database. Throws
//   std::runtime_error if the database already holds target sets or the starter indicator library
//   (migration 0013) is missing.
// - ONE write transaction: a failure leaves the database as it was. Bulk multi-row INSERTs
//   straight into the tables (no service calls, no per-row audit); one audit row `bench.targets`
//   records the run; ANALYZE afterwards on both databases.
// - Every row is what the service would have written, for last year, this year and next year:
//   a project target set and its revision 1 for most projects that need targets in the year (the
//   states of store::projects_needing with an amount in the year), always approved when the
//   project is budgeted for the year (无目标不安排预算); otherwise last year's approved, this
//   year's approved / submitted / draft / returned about 85/8/5/2 % and next year's 45/30/18/7 %,
//   by the project's id; a 部门整体 set a year for every active department, township and dev_zone
//   with 7 leaves and 2–5 tasks linked to its projects. Leaves come from the starter library by
//   the project's sector (6–12 of them, weights adding up to 100); the errors and warnings of
//   every revision are the service's own check (0 and 0 for every submitted, approved and
//   returned one); a workflow instance per revision in its state with its history (submit, then
//   the review), the reviews with their grades, and the library's usage counts of the approved
//   leaves. About 2.7 million leaves for the default 300,000 projects (DESIGN.md §6).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::targets {

struct BenchTargetsScale {
  int year = 0;  // the "current" year (the projects'); 0: this year in Asia/Shanghai by the clock
  // The unit whose clerk drafts in the benchmark: one of its project sets of the current year is
  // left a draft (the lowest project id) when none is; 0: none is forced.
  int64_t sample_unit = 0;
};

// A value the benchmark uses, with a count that goes with it.
struct BenchTargetsSample {
  std::string what;  // draft_revision | year
  std::string value;
  int64_t count = 0;
};

struct BenchTargetsResult {
  int64_t sets = 0, department_sets = 0, revisions = 0, leaves = 0, tasks = 0, reviews = 0;
  int64_t approved = 0, submitted = 0, drafts = 0, returned = 0;
  int64_t needing = 0;  // the projects that need targets in the current year
  std::vector<BenchTargetsSample> samples;
};

BenchTargetsResult generate_bench_targets(db::Db& db, const Clock& clock,
                                          const BenchTargetsScale& scale);

}  // namespace jx::targets
