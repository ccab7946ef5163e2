// The targets module's types (docs/api-targets.md): a target set per project and year or per
// department and year, its revisions (the first and every 调整), their leaves (三级指标) and
// 部门整体 tasks, and the reviews. Plain structs; weights in hundredths.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/util/error.hpp"

namespace jx::targets {

// A leaf of the indicator tree (DOMAIN.md §2.2).
struct Leaf {
  int64_t id = 0;
  std::string key;  // stable across revisions: the diff matches on it
  std::string level1, level2, name;
  std::string nature;  // >= > = < <= qual
  std::string value, period_value, unit;
  std::optional<int64_t> weight_x100;
  std::string basis;  // plan | industry | history | other
  std::string explanation;
  bool is_core = false;
  std::optional<int64_t> library_id;
  std::string review_comment;
  std::optional<std::string> actual;  // the year's actual, once known (self-evaluation)
  // Read-only context for the check: the library indicator's own 二级 and last year's actual.
  std::string library_level2;
  std::optional<std::string> last_actual;
};

// 年度主要任务 of a 部门整体 target (DOMAIN.md §2.5).
struct Task {
  std::string key, name, content;
  int64_t total_fen = 0, fiscal_fen = 0, other_fen = 0;
  std::vector<int64_t> project_ids;
  int64_t linked_fen = 0;  // context: the linked projects' amounts of the year
};

struct Review {
  int64_t id = 0;
  std::string grade, comment;
  std::map<std::string, std::string> indicator_comments;  // leaf key -> comment
  int64_t reviewer_id = 0;
  std::string reviewer_name, at;
};

struct Revision {
  int64_t id = 0, set_id = 0;
  int revision = 1;
  std::string state = "draft";
  std::string tree_scheme;
  std::string period_goal, year_goal;
  bool serves_public = true;
  std::string change_reason;
  std::optional<std::string> grade;
  int errors = 0, warnings = 0;
  std::optional<std::string> submitted_at, approved_at;
  int64_t created_by = 0;
  std::string created_at, updated_at;
  int64_t version = 1;
  std::vector<Leaf> leaves;
  std::vector<Task> tasks;
};

struct TargetSet {
  int64_t id = 0;
  std::string kind;  // project | department
  std::optional<int64_t> project_id;
  int64_t org_id = 0, department_id = 0;
  std::string region_code;
  int year = 0;
  std::optional<int64_t> current_revision_id, approved_revision_id;
  bool published = false;
  int64_t created_by = 0;
  std::string created_at, updated_at;
  int64_t version = 1;
  // joined for display
  std::string org_name, department_name, project_code, project_name;
  std::string state;  // the current revision's
  std::optional<std::string> grade;
  int errors = 0, warnings = 0;
};

struct SetFilter {
  std::string kind, state, grade, q;
  int year = 0;
  std::optional<int64_t> department_id;
  std::optional<bool> published;
};

}  // namespace jx::targets
