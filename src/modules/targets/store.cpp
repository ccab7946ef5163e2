#include "modules/targets/store.hpp"

#include <boost/json.hpp>

namespace jx::targets::store {

namespace json = boost::json;

namespace {

// The states of a project from which it needs targets for a year it has money in.
constexpr const char* kNeedingStates =
    "('submitted', 'reviewing', 'returned', 'in_library', 'budgeted', 'executing', 'completed')";

constexpr const char* kSetCols =
    "s.id, s.kind, s.project_id, s.org_id, s.department_id, s.region_code, s.year, "
    "s.current_revision_id, s.approved_revision_id, s.published, s.created_by, s.created_at, "
    "s.updated_at, s.version, o.name, COALESCE(d.name, ''), COALESCE(p.code, ''), "
    "COALESCE(p.name, ''), COALESCE(r.state, ''), COALESCE(r.grade, ar.grade), COALESCE(r.errors, "
    "0), "
    "COALESCE(r.warnings, 0)";
constexpr const char* kSetFrom =
    " FROM target_sets s JOIN organizations o ON o.id = s.org_id"
    " LEFT JOIN organizations d ON d.id = s.department_id"
    " LEFT JOIN projects p ON p.id = s.project_id"
    " LEFT JOIN target_revisions r ON r.id = s.current_revision_id"
    " LEFT JOIN target_revisions ar ON ar.id = s.approved_revision_id";

constexpr const char* kInsertSet =
    "INSERT INTO target_sets (kind, project_id, org_id, department_id, region_code, year, "
    "current_revision_id, approved_revision_id, published, created_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateSet =
    "UPDATE target_sets SET current_revision_id = ?, approved_revision_id = ?, published = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";

constexpr const char* kRevCols =
    "id, set_id, revision, state, tree_scheme, period_goal, year_goal, serves_public, "
    "change_reason, grade, errors, warnings, submitted_at, approved_at, created_by, created_at, "
    "updated_at, version";
constexpr const char* kInsertRev =
    "INSERT INTO target_revisions (set_id, revision, state, tree_scheme, period_goal, year_goal, "
    "serves_public, change_reason, grade, errors, warnings, submitted_at, approved_at, "
    "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr const char* kUpdateRev =
    "UPDATE target_revisions SET state = ?, period_goal = ?, year_goal = ?, serves_public = ?, "
    "change_reason = ?, grade = ?, errors = ?, warnings = ?, submitted_at = ?, approved_at = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";

constexpr const char* kLeafCols =
    "id, leaf_key, level1, level2, name, nature, value, period_value, unit, weight_x100, basis, "
    "explanation, is_core, library_id, review_comment, actual_value";
constexpr const char* kInsertLeaf =
    "INSERT INTO target_indicators (revision_id, leaf_key, sort, level1, level2, name, nature, "
    "value, period_value, unit, weight_x100, basis, explanation, is_core, library_id, "
    "review_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertTask =
    "INSERT INTO target_tasks (revision_id, task_key, sort, name, content, total_fen, "
    "fiscal_fen, other_fen, project_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

TargetSet set_of(const db::Row& r) {
  TargetSet s;
  s.id = r.i64(0);
  s.kind = r.text(1);
  s.project_id = r.opt_i64(2);
  s.org_id = r.i64(3);
  s.department_id = r.i64(4);
  s.region_code = r.text(5);
  s.year = static_cast<int>(r.i64(6));
  s.current_revision_id = r.opt_i64(7);
  s.approved_revision_id = r.opt_i64(8);
  s.published = r.i64(9) != 0;
  s.created_by = r.i64(10);
  s.created_at = r.text(11);
  s.updated_at = r.text(12);
  s.version = r.i64(13);
  s.org_name = r.text(14);
  s.department_name = r.text(15);
  s.project_code = r.text(16);
  s.project_name = r.text(17);
  s.state = r.text(18);
  s.grade = r.opt_text(19);
  s.errors = static_cast<int>(r.i64(20));
  s.warnings = static_cast<int>(r.i64(21));
  return s;
}

Revision revision_of(const db::Row& r) {
  Revision v;
  v.id = r.i64(0);
  v.set_id = r.i64(1);
  v.revision = static_cast<int>(r.i64(2));
  v.state = r.text(3);
  v.tree_scheme = r.text(4);
  v.period_goal = r.text(5);
  v.year_goal = r.text(6);
  v.serves_public = r.i64(7) != 0;
  v.change_reason = r.text(8);
  v.grade = r.opt_text(9);
  v.errors = static_cast<int>(r.i64(10));
  v.warnings = static_cast<int>(r.i64(11));
  v.submitted_at = r.opt_text(12);
  v.approved_at = r.opt_text(13);
  v.created_by = r.i64(14);
  v.created_at = r.text(15);
  v.updated_at = r.text(16);
  v.version = r.i64(17);
  return v;
}

std::string ids_json(const std::vector<int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return json::serialize(a);
}

std::vector<int64_t> ids_of(const std::string& text) {
  std::vector<int64_t> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array())
    if (x.is_int64()) out.push_back(x.as_int64());
  return out;
}

}  // namespace

// ---------------------------------------------------------------- sets

int64_t insert_set(db::Conn& tx, const TargetSet& s, const std::string& now) {
  return tx
      .one(kInsertSet,
           {s.kind, s.project_id, s.org_id, s.department_id, s.region_code, s.year,
            s.current_revision_id, s.approved_revision_id, s.published, s.created_by, now, now})
      ->i64(0);
}

bool update_set(db::Conn& tx, const TargetSet& s, int64_t expected_version,
                const std::string& now) {
  return tx.exec(kUpdateSet, {s.current_revision_id, s.approved_revision_id, s.published, now, s.id,
                              expected_version}) == 1;
}

std::optional<TargetSet> find_set(db::Conn& c, int64_t id) {
  auto r = c.one(std::string("SELECT ") + kSetCols + kSetFrom + " WHERE s.id = ?", {id});
  if (!r) return std::nullopt;
  return set_of(*r);
}

std::optional<TargetSet> find_set_scoped(db::Conn& c, int64_t id, const auth::Scope& scope) {
  db::Params params{id};
  std::string where = scope.predicate("s.org_id", "s.region_code", params);
  auto r =
      c.one(std::string("SELECT ") + kSetCols + kSetFrom + " WHERE s.id = ? AND " + where, params);
  if (!r) return std::nullopt;
  return set_of(*r);
}

std::optional<TargetSet> find_project_set(db::Conn& c, int64_t project_id, int year) {
  auto r = c.one(std::string("SELECT ") + kSetCols + kSetFrom +
                     " WHERE s.kind = 'project' AND s.project_id = ? AND s.year = ?",
                 {project_id, year});
  if (!r) return std::nullopt;
  return set_of(*r);
}

std::optional<TargetSet> find_department_set(db::Conn& c, int64_t org_id, int year) {
  auto r = c.one(std::string("SELECT ") + kSetCols + kSetFrom +
                     " WHERE s.kind = 'department' AND s.org_id = ? AND s.year = ?",
                 {org_id, year});
  if (!r) return std::nullopt;
  return set_of(*r);
}

std::vector<TargetSet> list_sets(db::Conn& c, const auth::Scope& scope, const SetFilter& f,
                                 const Page& page, int64_t* total) {
  db::Params params;
  std::string where = " WHERE " + scope.predicate("s.org_id", "s.region_code", params);
  if (!f.kind.empty()) {
    where += " AND s.kind = ?";
    params.push_back(f.kind);
  }
  if (f.year) {
    where += " AND s.year = ?";
    params.push_back(f.year);
  }
  if (!f.state.empty()) {
    where += " AND r.state = ?";
    params.push_back(f.state);
  }
  if (!f.grade.empty()) {
    where += " AND COALESCE(r.grade, ar.grade) = ?";
    params.push_back(f.grade);
  }
  if (f.department_id) {
    where += " AND s.department_id = ?";
    params.push_back(*f.department_id);
  }
  if (f.published) {
    where += " AND s.published = ?";
    params.push_back(*f.published);
  }
  if (!f.q.empty()) {
    where +=
        " AND (p.name LIKE ? ESCAPE '\\' OR p.code LIKE ? ESCAPE '\\' OR o.name LIKE ? "
        "ESCAPE '\\')";
    std::string like = db::like_contains(f.q);
    params.push_back(like);
    params.push_back(like);
    params.push_back(like);
  }
  *total = c.one(std::string("SELECT COUNT(*)") + kSetFrom + where, params)->i64(0);
  params.push_back(page.size);
  params.push_back(page.offset());
  std::vector<TargetSet> out;
  for (const auto& r : c.query(std::string("SELECT ") + kSetCols + kSetFrom + where +
                                   " ORDER BY s.year DESC, s.updated_at DESC, s.id DESC "
                                   "LIMIT ? OFFSET ?",
                               params))
    out.push_back(set_of(r));
  return out;
}

// ---------------------------------------------------------------- revisions

int64_t insert_revision(db::Conn& tx, const Revision& r, const std::string& now) {
  return tx
      .one(kInsertRev, {r.set_id, r.revision, r.state, r.tree_scheme, r.period_goal, r.year_goal,
                        r.serves_public, r.change_reason, r.grade, r.errors, r.warnings,
                        r.submitted_at, r.approved_at, r.created_by, now, now})
      ->i64(0);
}

bool update_revision(db::Conn& tx, const Revision& r, int64_t expected_version,
                     const std::string& now) {
  return tx.exec(kUpdateRev, {r.state, r.period_goal, r.year_goal, r.serves_public, r.change_reason,
                              r.grade, r.errors, r.warnings, r.submitted_at, r.approved_at, now,
                              r.id, expected_version}) == 1;
}

std::optional<Revision> find_revision(db::Conn& c, int64_t id, bool content) {
  auto r = c.one(std::string("SELECT ") + kRevCols + " FROM target_revisions WHERE id = ?", {id});
  if (!r) return std::nullopt;
  Revision v = revision_of(*r);
  if (content) {
    v.leaves = leaves(c, id);
    v.tasks = tasks(c, id);
  }
  return v;
}

std::vector<Revision> revisions_of(db::Conn& c, int64_t set_id) {
  std::vector<Revision> out;
  for (const auto& r : c.query(std::string("SELECT ") + kRevCols +
                                   " FROM target_revisions WHERE set_id = ? ORDER BY revision",
                               {set_id}))
    out.push_back(revision_of(r));
  return out;
}

void replace_content(db::Conn& tx, int64_t revision_id, const std::vector<Leaf>& leaves,
                     const std::vector<Task>& tasks) {
  tx.exec("DELETE FROM target_indicators WHERE revision_id = ?", {revision_id});
  tx.exec("DELETE FROM target_tasks WHERE revision_id = ?", {revision_id});
  int sort = 0;
  for (const auto& l : leaves)
    tx.exec(kInsertLeaf, {revision_id, l.key, sort++, l.level1, l.level2, l.name, l.nature, l.value,
                          l.period_value, l.unit, l.weight_x100, l.basis, l.explanation, l.is_core,
                          l.library_id, l.review_comment});
  sort = 0;
  for (const auto& t : tasks)
    tx.exec(kInsertTask, {revision_id, t.key, sort++, t.name, t.content, t.total_fen, t.fiscal_fen,
                          t.other_fen, ids_json(t.project_ids)});
}

std::vector<Leaf> leaves(db::Conn& c, int64_t revision_id) {
  std::vector<Leaf> out;
  c.each(std::string("SELECT ") + kLeafCols +
             " FROM target_indicators WHERE revision_id = ? ORDER BY sort",
         {revision_id}, [&](const db::Row& r) {
           Leaf l;
           l.id = r.i64(0);
           l.key = r.text(1);
           l.level1 = r.text(2);
           l.level2 = r.text(3);
           l.name = r.text(4);
           l.nature = r.text(5);
           l.value = r.text(6);
           l.period_value = r.text(7);
           l.unit = r.text(8);
           l.weight_x100 = r.opt_i64(9);
           l.basis = r.text(10);
           l.explanation = r.text(11);
           l.is_core = r.i64(12) != 0;
           l.library_id = r.opt_i64(13);
           l.review_comment = r.text(14);
           l.actual = r.opt_text(15);
           out.push_back(std::move(l));
         });
  return out;
}

std::vector<Task> tasks(db::Conn& c, int64_t revision_id) {
  std::vector<Task> out;
  for (const auto& r :
       c.query("SELECT task_key, name, content, total_fen, fiscal_fen, other_fen, project_ids "
               "FROM target_tasks WHERE revision_id = ? ORDER BY sort",
               {revision_id})) {
    Task t;
    t.key = r.text(0);
    t.name = r.text(1);
    t.content = r.text(2);
    t.total_fen = r.i64(3);
    t.fiscal_fen = r.i64(4);
    t.other_fen = r.i64(5);
    t.project_ids = ids_of(r.text(6));
    out.push_back(std::move(t));
  }
  return out;
}

void set_review_comments(db::Conn& tx, int64_t revision_id,
                         const std::map<std::string, std::string>& by_key) {
  tx.exec("UPDATE target_indicators SET review_comment = '' WHERE revision_id = ?", {revision_id});
  for (const auto& [key, text] : by_key)
    tx.exec(
        "UPDATE target_indicators SET review_comment = ? WHERE revision_id = ? AND "
        "leaf_key = ?",
        {text, revision_id, key});
}

void insert_review(db::Conn& tx, int64_t revision_id, const Review& r) {
  json::object comments;
  for (const auto& [k, v] : r.indicator_comments) comments[k] = v;
  tx.exec(
      "INSERT INTO target_reviews (revision_id, grade, comment, indicator_comments, "
      "reviewer_id, reviewer_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {revision_id, r.grade, r.comment, json::serialize(comments), r.reviewer_id, r.reviewer_name,
       r.at});
}

std::vector<Review> reviews(db::Conn& c, int64_t revision_id) {
  std::vector<Review> out;
  for (const auto& r : c.query("SELECT id, grade, comment, indicator_comments, reviewer_id, "
                               "reviewer_name, at FROM target_reviews WHERE revision_id = ? "
                               "ORDER BY id",
                               {revision_id})) {
    Review v;
    v.id = r.i64(0);
    v.grade = r.text(1);
    v.comment = r.text(2);
    boost::system::error_code ec;
    json::value m = json::parse(r.text(3), ec);
    if (!ec && m.is_object())
      for (const auto& [k, x] : m.as_object())
        if (x.is_string()) v.indicator_comments[std::string(k)] = std::string(x.as_string());
    v.reviewer_id = r.i64(4);
    v.reviewer_name = r.text(5);
    v.at = r.text(6);
    out.push_back(std::move(v));
  }
  return out;
}

void set_actuals(db::Conn& tx, int64_t revision_id,
                 const std::map<std::string, std::string>& by_key) {
  for (const auto& [key, value] : by_key)
    tx.exec("UPDATE target_indicators SET actual_value = ? WHERE revision_id = ? AND leaf_key = ?",
            {value, revision_id, key});
}

Actuals actuals_of(db::Conn& c, int64_t org_id, int year) {
  Actuals a;
  c.each(
      "SELECT s.project_id, i.name, i.library_id, i.actual_value FROM target_sets s "
      "JOIN target_indicators i ON i.revision_id = s.approved_revision_id "
      "WHERE s.org_id = ? AND s.year = ? AND i.actual_value IS NOT NULL",
      {org_id, year}, [&](const db::Row& r) {
        if (auto p = r.opt_i64(0)) a.by_project_name[{*p, r.text(1)}] = r.text(3);
        if (auto l = r.opt_i64(2)) a.by_library[*l] = r.text(3);
      });
  return a;
}

// ---------------------------------------------------------------- needing targets

std::vector<ProjectRow> projects_needing(db::Conn& c, const auth::Scope& scope,
                                         const ProjectFilter& f, const Page& page, int64_t* total) {
  db::Params params{f.year, f.year};
  std::string from =
      " FROM projects p JOIN organizations o ON o.id = p.org_id"
      " LEFT JOIN organizations d ON d.id = p.department_id"
      " LEFT JOIN target_sets s ON s.kind = 'project' AND s.project_id = p.id AND s.year = ?"
      " LEFT JOIN target_revisions r ON r.id = s.current_revision_id"
      " WHERE EXISTS (SELECT 1 FROM project_amounts a WHERE a.project_id = p.id AND a.year = ?)"
      " AND p.state IN ";
  from += kNeedingStates;
  from += " AND " + scope.predicate("p.org_id", "p.region_code", params);
  if (f.department_id) {
    from += " AND p.department_id = ?";
    params.push_back(*f.department_id);
  }
  if (f.target_state == "none") {
    from += " AND s.id IS NULL";
  } else if (!f.target_state.empty()) {
    from += " AND r.state = ?";
    params.push_back(f.target_state);
  }
  if (!f.q.empty()) {
    from += " AND (p.name LIKE ? ESCAPE '\\' OR p.code LIKE ? ESCAPE '\\')";
    std::string like = db::like_contains(f.q);
    params.push_back(like);
    params.push_back(like);
  }
  *total = c.one("SELECT COUNT(*)" + from, params)->i64(0);
  params.push_back(page.size);
  params.push_back(page.offset());
  std::vector<ProjectRow> out;
  for (const auto& r :
       c.query("SELECT p.id, p.org_id, p.department_id, COALESCE(p.code, ''), p.name, o.name, "
               "COALESCE(d.name, ''), p.state, p.start_year, p.end_year, s.id, r.id, "
               "COALESCE(r.state, ''), r.grade, COALESCE(r.errors, 0), COALESCE(r.warnings, 0)" +
                   from + " ORDER BY p.department_id, p.code, p.id LIMIT ? OFFSET ?",
               params)) {
    ProjectRow x;
    x.project_id = r.i64(0);
    x.org_id = r.i64(1);
    x.department_id = r.i64(2);
    x.code = r.text(3);
    x.name = r.text(4);
    x.org_name = r.text(5);
    x.department_name = r.text(6);
    x.project_state = r.text(7);
    x.start_year = static_cast<int>(r.i64(8));
    x.end_year = static_cast<int>(r.i64(9));
    x.set_id = r.opt_i64(10);
    x.revision_id = r.opt_i64(11);
    x.target_state = r.text(12);
    x.grade = r.opt_text(13);
    x.errors = static_cast<int>(r.i64(14));
    x.warnings = static_cast<int>(r.i64(15));
    out.push_back(std::move(x));
  }
  std::vector<int64_t> ids;
  for (const auto& x : out) ids.push_back(x.project_id);
  auto amounts = project_amounts(c, ids, f.year);
  for (auto& x : out) x.amount_fen = amounts[x.project_id];
  return out;
}

std::map<int64_t, int64_t> project_amounts(db::Conn& c, const std::vector<int64_t>& ids, int year) {
  std::map<int64_t, int64_t> out;
  if (ids.empty()) return out;
  db::Params params{year};
  std::string in = db::in_list(ids, params);
  for (const auto& r : c.query("SELECT project_id, SUM(requested_fen) FROM project_amounts "
                               "WHERE year = ? AND project_id IN (" +
                                   in + ") GROUP BY project_id",
                               params))
    out[r.i64(0)] = r.i64(1);
  return out;
}

std::vector<DepartmentRow> departments(db::Conn& c, const auth::Scope& scope, int year) {
  db::Params params{year};
  std::string sql =
      "SELECT o.id, o.name, o.kind, o.region_code, s.id, r.id, COALESCE(r.state, ''), r.grade "
      "FROM organizations o LEFT JOIN target_sets s ON s.kind = 'department' AND s.org_id = o.id "
      "AND s.year = ? LEFT JOIN target_revisions r ON r.id = s.current_revision_id "
      "WHERE o.kind IN ('department', 'township', 'dev_zone') AND o.status = 'active' AND " +
      scope.predicate("o.id", "o.region_code", params) + " ORDER BY o.region_code, o.code, o.id";
  std::vector<DepartmentRow> out;
  for (const auto& r : c.query(sql, params)) {
    DepartmentRow d;
    d.org_id = r.i64(0);
    d.org_name = r.text(1);
    d.kind = r.text(2);
    d.region_code = r.text(3);
    d.set_id = r.opt_i64(4);
    d.revision_id = r.opt_i64(5);
    d.target_state = r.text(6);
    d.grade = r.opt_text(7);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<CoverageRow> coverage(db::Conn& c, const auth::Scope& scope, int year,
                                  const std::string& region_prefix) {
  std::map<int64_t, CoverageRow> by;
  // The region every row lies in: the asked one, or the scope's when that is narrower (region
  // grants under one prefix). Below a province (more than 2 digits) it is also given as a
  // range, which the region_code index serves (a LIKE pattern is not, on SQLite); a province
  // is read in id order from projects_coverage instead, the probes below walking their indexes
  // forward (migration 0015). Counted here rather than by GROUP BY, which would make the
  // planner read the projects in department order.
  std::string narrow = region_prefix;
  {
    std::string scoped;
    bool one = !scope.is_all() && !scope.grants().empty();
    for (const auto& g : scope.grants()) {
      if (!g.org_ids.empty() || g.region_codes.size() != 1 ||
          (!scoped.empty() && scoped != g.region_codes[0]))
        one = false;
      else
        scoped = g.region_codes[0];
    }
    if (one && scoped.size() > narrow.size() && scoped.compare(0, narrow.size(), narrow) == 0)
      narrow = scoped;
  }
  // Region codes are digits: the codes under a prefix are [prefix, prefix with its last non-9
  // digit raised).
  std::string hi = narrow;
  while (!hi.empty() && hi.back() == '9') hi.pop_back();
  bool ranged = narrow.size() > 2 && !hi.empty();
  if (ranged) ++hi.back();
  {
    db::Params params{year, year, region_prefix + "%"};
    std::string sql =
        "SELECT p.department_id, s.id, s.approved_revision_id "
        "FROM projects p LEFT JOIN target_sets s ON s.kind = 'project' AND s.project_id = p.id "
        "AND s.year = ? WHERE EXISTS (SELECT 1 FROM project_amounts a WHERE a.project_id = p.id "
        "AND a.year = ?) AND p.region_code LIKE ? AND p.state IN ";
    sql += kNeedingStates;
    if (ranged) {
      sql += " AND p.region_code >= ? AND p.region_code < ?";
      params.push_back(narrow);
      params.push_back(hi);
    }
    sql += " AND " + scope.predicate("p.org_id", "p.region_code", params);
    c.each(sql, params, [&](const db::Row& r) {
      auto& x = by[r.i64(0)];
      x.department_id = r.i64(0);
      ++x.projects;
      if (r.opt_i64(2)) ++x.projects_approved;
      if (r.opt_i64(1)) ++x.projects_drafted;
    });
  }
  {
    // The 一级预算单位 of the region (as departments() has them) and whether they have a set.
    db::Params params{year, region_prefix + "%"};
    std::string sql =
        "SELECT o.id, s.id, o.name FROM organizations o LEFT JOIN target_sets s ON s.kind = "
        "'department' AND s.org_id = o.id AND s.year = ? WHERE o.kind IN ('department', "
        "'township', 'dev_zone') AND o.status = 'active' AND o.region_code LIKE ?";
    if (ranged) {
      sql += " AND o.region_code >= ? AND o.region_code < ?";
      params.push_back(narrow);
      params.push_back(hi);
    }
    sql += " AND " + scope.predicate("o.id", "o.region_code", params);
    for (const auto& r : c.query(sql, params)) {
      auto& x = by[r.i64(0)];
      x.department_id = r.i64(0);
      x.department_set = r.opt_i64(1).has_value();
      x.department_approved = false;
      x.department_name = r.text(2);
    }
  }
  {
    db::Params params{year, region_prefix + "%"};
    std::string sql =
        "SELECT s.org_id FROM target_sets s WHERE s.kind = 'department' AND s.year = ? AND "
        "s.region_code LIKE ? AND s.approved_revision_id IS NOT NULL AND " +
        scope.predicate("s.org_id", "s.region_code", params);
    for (const auto& r : c.query(sql, params))
      if (auto it = by.find(r.i64(0)); it != by.end()) it->second.department_approved = true;
  }
  // The names of the projects' departments not read with the 一级预算单位 above.
  std::vector<int64_t> ids;
  for (const auto& [id, x] : by)
    if (x.department_name.empty()) ids.push_back(id);
  std::vector<CoverageRow> out;
  if (by.empty()) return out;
  for (size_t i = 0; i < ids.size(); i += 500) {
    db::Params params;
    std::vector<int64_t> chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 500));
    std::string in = db::in_list(chunk, params);
    for (const auto& r :
         c.query("SELECT id, name FROM organizations WHERE id IN (" + in + ")", params))
      by[r.i64(0)].department_name = r.text(1);
  }
  for (auto& [id, x] : by) out.push_back(std::move(x));
  return out;
}

}  // namespace jx::targets::store
