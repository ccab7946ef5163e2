#include "modules/projects/store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>

#include "modules/org/rules.hpp"

namespace jx::projects::store {

namespace json = boost::json;

namespace {

constexpr const char* kCols =
    "p.id, p.code, p.name, p.org_id, p.department_id, p.region_code, p.category, p.kind, "
    "p.budget_type, p.func_class, p.sector, p.tags, p.is_new, p.continuing_after_expiry, "
    "p.start_year, p.end_year, p.description, p.basis, p.contact, p.phone, "
    "p.requested_total_fen, p.state, p.preassess_required, p.preassess_reasons, p.conclusion, "
    "p.approved_fen, p.library_year, p.submitted_at, p.created_by, p.created_at, p.updated_at, "
    "p.version, o.name";
constexpr const char* kFrom = " FROM projects p JOIN organizations o ON o.id = p.org_id";
// kCols without the unit's name (the list reads the names afterwards).
constexpr const char* kListCols =
    "p.id, p.code, p.name, p.org_id, p.department_id, p.region_code, p.category, p.kind, "
    "p.budget_type, p.func_class, p.sector, p.tags, p.is_new, p.continuing_after_expiry, "
    "p.start_year, p.end_year, p.description, p.basis, p.contact, p.phone, "
    "p.requested_total_fen, p.state, p.preassess_required, p.preassess_reasons, p.conclusion, "
    "p.approved_fen, p.library_year, p.submitted_at, p.created_by, p.created_at, p.updated_at, "
    "p.version, ''";

constexpr const char* kInsert =
    "INSERT INTO projects (code, name, org_id, department_id, region_code, category, kind, "
    "budget_type, func_class, sector, tags, is_new, continuing_after_expiry, start_year, "
    "end_year, description, basis, contact, phone, requested_total_fen, state, created_by, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE projects SET code = ?, name = ?, category = ?, kind = ?, budget_type = ?, "
    "func_class = ?, sector = ?, tags = ?, is_new = ?, continuing_after_expiry = ?, "
    "start_year = ?, end_year = ?, description = ?, basis = ?, contact = ?, phone = ?, "
    "requested_total_fen = ?, state = ?, preassess_required = ?, preassess_reasons = ?, "
    "conclusion = ?, approved_fen = ?, library_year = ?, submitted_at = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ? AND version = ?";

constexpr const char* kCaseCols =
    "id, project_id, round, state, preassess_required, lead_user_id, third_party_org_id, "
    "scheme_json, scheme_version, combined_x100, veto, veto_reason, conclusion, opinion, "
    "review_lines, submitted_fen, approved_fen, cut_fen, cut_rate_x100, created_at, updated_at, "
    "concluded_at, version";

std::string tags_json(const std::vector<std::string>& tags) {
  json::array a;
  for (const auto& t : tags) a.emplace_back(t);
  return json::serialize(a);
}

std::vector<std::string> strings_of(const std::string& text) {
  std::vector<std::string> out;
  std::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array())
    if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

std::optional<int> opt_int(const db::Row& r, size_t i) {
  auto v = r.opt_i64(i);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

Project project_of(const db::Row& r) {
  Project p;
  p.id = r.i64(0);
  p.code = r.text(1);
  p.name = r.text(2);
  p.org_id = r.i64(3);
  p.department_id = r.i64(4);
  p.region_code = r.text(5);
  p.category = r.text(6);
  p.kind = r.text(7);
  p.budget_type = r.text(8);
  p.func_class = r.text(9);
  p.sector = r.text(10);
  p.tags = strings_of(r.text(11));
  p.is_new = r.i64(12) != 0;
  p.continuing_after_expiry = r.i64(13) != 0;
  p.start_year = static_cast<int>(r.i64(14));
  p.end_year = static_cast<int>(r.i64(15));
  p.description = r.text(16);
  p.basis = r.text(17);
  p.contact = r.text(18);
  p.phone = r.text(19);
  p.requested_total_fen = r.i64(20);
  p.state = r.text(21);
  if (auto v = r.opt_i64(22)) p.preassess_required = *v != 0;
  p.preassess_reasons = strings_of(r.text(23));
  p.conclusion = r.text(24);
  p.approved_fen = r.opt_i64(25);
  p.library_year = opt_int(r, 26);
  p.submitted_at = r.text(27);
  p.created_by = r.i64(28);
  p.created_at = r.text(29);
  p.updated_at = r.text(30);
  p.version = r.i64(31);
  p.org_name = r.text(32);
  return p;
}

std::string lines_json(const std::vector<ReviewLine>& lines) {
  json::array a;
  for (const auto& l : lines)
    a.push_back(json::object{{"item", l.item},
                             {"submitted_fen", l.submitted_fen},
                             {"approved_fen", l.approved_fen},
                             {"reason", l.reason}});
  return json::serialize(a);
}

std::vector<ReviewLine> lines_of(const std::string& text) {
  std::vector<ReviewLine> out;
  std::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    if (!x.is_object()) continue;
    const auto& o = x.as_object();
    ReviewLine l;
    if (auto* s = o.if_contains("item"); s && s->is_string()) l.item = s->as_string();
    if (auto* s = o.if_contains("submitted_fen"); s && s->is_int64())
      l.submitted_fen = s->as_int64();
    if (auto* s = o.if_contains("approved_fen"); s && s->is_int64()) l.approved_fen = s->as_int64();
    if (auto* s = o.if_contains("reason"); s && s->is_string()) l.reason = s->as_string();
    out.push_back(std::move(l));
  }
  return out;
}

Case case_of(const db::Row& r) {
  Case k;
  k.id = r.i64(0);
  k.project_id = r.i64(1);
  k.round = static_cast<int>(r.i64(2));
  k.state = r.text(3);
  k.preassess_required = r.i64(4) != 0;
  k.lead_user_id = r.opt_i64(5);
  k.third_party_org_id = r.opt_i64(6);
  k.scheme_json = r.text(7);
  k.scheme_version = static_cast<int>(r.i64(8));
  k.combined_x100 = r.opt_i64(9);
  k.veto = r.i64(10) != 0;
  k.veto_reason = r.text(11);
  k.conclusion = r.text(12);
  k.opinion = r.text(13);
  k.lines = lines_of(r.text(14));
  k.submitted_fen = r.opt_i64(15);
  k.approved_fen = r.opt_i64(16);
  k.cut_fen = r.opt_i64(17);
  k.cut_rate_x100 = r.opt_i64(18);
  k.created_at = r.text(19);
  k.updated_at = r.text(20);
  k.concluded_at = r.text(21);
  k.version = r.i64(22);
  return k;
}

// The reviewers and experts of cases, in two queries whatever their number.
void load_people(db::Conn& c, std::vector<Case>& cases) {
  if (cases.empty()) return;
  std::map<int64_t, Case*> by_id;
  std::vector<int64_t> ids;
  for (auto& k : cases) {
    k.reviewer_user_ids.clear();
    k.experts.clear();
    by_id[k.id] = &k;
    ids.push_back(k.id);
  }
  db::Params p;
  std::string in = db::in_list(ids, p);
  c.each("SELECT case_id, user_id FROM case_reviewers WHERE case_id IN (" + in +
             ") ORDER BY case_id, user_id",
         p, [&](const db::Row& r) { by_id[r.i64(0)]->reviewer_user_ids.push_back(r.i64(1)); });
  c.each(
      "SELECT ce.case_id, ce.expert_id, ce.user_id, e.name, ce.sheet_json, ce.dimensions_json, "
      "ce.total_x100, ce.veto, ce.veto_reason, ce.opinion, ce.submitted_at, ce.round FROM "
      "case_experts ce JOIN experts e ON e.id = ce.expert_id WHERE ce.case_id IN (" +
          in + ") ORDER BY ce.case_id, ce.expert_id",
      p, [&](const db::Row& r) {
        ExpertRow x;
        x.expert_id = r.i64(1);
        x.user_id = r.opt_i64(2);
        x.name = r.text(3);
        x.sheet_json = r.text(4);
        x.dimensions_json = r.text(5);
        x.total_x100 = r.opt_i64(6);
        x.veto = r.i64(7) != 0;
        x.veto_reason = r.text(8);
        x.opinion = r.text(9);
        x.submitted_at = r.text(10);
        x.round = static_cast<int>(r.i64(11));
        by_id[r.i64(0)]->experts.push_back(std::move(x));
      });
}

// Cases with their people, in the order of the query's rows.
std::vector<Case> cases_where(db::Conn& c, const std::string& where, const db::Params& params) {
  std::vector<Case> out;
  c.each(std::string("SELECT ") + kCaseCols + " FROM project_cases WHERE " + where, params,
         [&](const db::Row& r) { out.push_back(case_of(r)); });
  load_people(c, out);
  return out;
}

// What the viewer may see of projects aliased p.
std::string visible(const Viewer& v, db::Params& params) {
  std::string sql = "(" + v.scope.predicate("p.org_id", "p.region_code", params);
  sql +=
      " OR EXISTS (SELECT 1 FROM project_cases vc WHERE vc.project_id = p.id AND ("
      "vc.lead_user_id = ? OR vc.third_party_org_id = ? OR EXISTS (SELECT 1 FROM case_reviewers "
      "vr WHERE vr.case_id = vc.id AND vr.user_id = ?) OR EXISTS (SELECT 1 FROM case_experts ve "
      "WHERE ve.case_id = vc.id AND ve.user_id = ?))))";
  params.push_back(v.user_id);
  params.push_back(v.org_id > 0 ? v.org_id : -1);
  params.push_back(v.user_id);
  params.push_back(v.user_id);
  if (!v.sees_drafts) sql += " AND p.state <> 'draft'";
  return sql;
}

// ---- the library list at province scale (the same rows as `visible`, in indexable SQL)

// Region codes are digits: the codes under a prefix are [prefix, prefix with its last non-9
// digit raised) (as in the org store). A range is served by the region_code indexes on both
// databases, where `LIKE 'prefix%'` is not (case-insensitive on SQLite, collation-bound and
// opaque as a parameter on PostgreSQL). A province's prefix (2 digits) stays a LIKE: an
// instance holds one province, the range would cover the table, and an index range over all of
// it is slower than reading the rows in the order of the list.
std::string region_in(const std::string& col, const std::string& prefix, db::Params& p) {
  if (prefix.size() <= 2) {
    p.push_back(prefix + "%");
    return col + " LIKE ?";
  }
  std::string hi = prefix;
  while (!hi.empty() && hi.back() == '9') hi.pop_back();
  p.push_back(prefix);
  if (hi.empty()) return col + " >= ?";
  ++hi.back();
  p.push_back(hi);
  return "(" + col + " >= ? AND " + col + " < ?)";
}

// The caller's org scope over projects p: auth::Scope::predicate with region ranges.
std::string scope_of(const auth::Scope& scope, db::Params& p) {
  if (scope.is_all()) return "1=1";
  std::string sql;
  std::vector<int64_t> ids;
  for (const auto& g : scope.grants()) {
    ids.insert(ids.end(), g.org_ids.begin(), g.org_ids.end());
    for (const auto& code : g.region_codes) {
      sql += sql.empty() ? "" : " OR ";
      sql += region_in("p.region_code", code, p);
    }
  }
  if (!ids.empty()) {
    sql += sql.empty() ? "" : " OR ";
    sql += "p.org_id IN (" + db::in_list(ids, p) + ")";
  }
  return sql.empty() ? "1=0" : "(" + sql + ")";
}

// The projects the viewer is assigned to through a case (lead, reviewer, expert, third-party
// agency): a handful per person, read first so that the list's predicate is plain index terms.
std::vector<int64_t> assigned_projects(db::Conn& c, const Viewer& v) {
  std::vector<int64_t> out;
  c.each(
      "SELECT project_id FROM project_cases WHERE lead_user_id = ? UNION SELECT project_id FROM "
      "project_cases WHERE third_party_org_id = ? UNION SELECT k.project_id FROM case_reviewers "
      "r JOIN project_cases k ON k.id = r.case_id WHERE r.user_id = ? UNION SELECT k.project_id "
      "FROM case_experts e JOIN project_cases k ON k.id = e.case_id WHERE e.user_id = ?",
      {v.user_id, v.org_id > 0 ? v.org_id : -1, v.user_id, v.user_id},
      [&](const db::Row& r) { out.push_back(r.i64(0)); });
  return out;
}

// What `visible` allows, for the list and the statistics: the scope with region ranges OR one
// of the assigned projects; drafts only for those who apply.
struct Visibility {
  std::string scope_sql;  // the scope part alone
  db::Params scope_params;
  std::vector<int64_t> assigned;
  bool drafts = false;
};

Visibility visibility(db::Conn& c, const Viewer& v) {
  Visibility out;
  out.scope_sql = scope_of(v.scope, out.scope_params);
  if (!v.scope.is_all()) out.assigned = assigned_projects(c, v);
  out.drafts = v.sees_drafts;
  return out;
}

// Over projects p, or over rows p carrying a project's region_code, org_id and state with its id
// in id_col (the name index).
std::string visible_sql(const Visibility& vis, db::Params& p, const char* id_col = "p.id") {
  p.insert(p.end(), vis.scope_params.begin(), vis.scope_params.end());
  std::string sql = vis.scope_sql;
  if (!vis.assigned.empty())
    sql = "(" + sql + " OR " + id_col + " IN (" + db::in_list(vis.assigned, p) + "))";
  if (!vis.drafts) sql += " AND p.state <> 'draft'";
  return sql;
}

// project_tallies counts each project under every prefix a scope can have of its region code
// (org::region_prefix: 2 digits for a province, 4 for a city, the whole code below), once with
// year 0 and once for each year from its start to its end (the list's year filter).
constexpr size_t kTallyLengths[] = {2, 4, 6, 9, 12};

struct Tallied {
  std::string region_code, state;
  int start_year = 0, end_year = 0;
  bool operator==(const Tallied&) const = default;
};

void tally(db::Conn& tx, const Tallied& t, int64_t delta) {
  std::vector<int> years{0};
  for (int y = t.start_year; y <= t.end_year; ++y) years.push_back(y);
  for (size_t n : kTallyLengths) {
    if (n > t.region_code.size()) break;
    for (int y : years)
      tx.exec(
          "INSERT INTO project_tallies (region_prefix, state, year, n) VALUES (?, ?, ?, ?) ON "
          "CONFLICT (region_prefix, state, year) DO UPDATE SET n = project_tallies.n + excluded.n",
          {t.region_code.substr(0, n), t.state, y, delta});
  }
}

// The tally prefixes that sum to a scope of regions alone: none for all of the instance (the
// provinces' rows), nullopt when the scope has units or a prefix the tallies do not keep.
// A prefix within another of the scope is left out (it would be counted twice).
std::optional<std::vector<std::string>> tally_scope(const auth::Scope& scope) {
  std::vector<std::string> out;
  if (scope.is_all()) return out;
  std::vector<std::string> all;
  for (const auto& g : scope.grants()) {
    if (!g.org_ids.empty()) return std::nullopt;
    all.insert(all.end(), g.region_codes.begin(), g.region_codes.end());
  }
  if (all.empty()) return std::nullopt;
  for (const auto& p : all) {
    if (std::find(std::begin(kTallyLengths), std::end(kTallyLengths), p.size()) ==
        std::end(kTallyLengths))
      return std::nullopt;
    bool within = false;
    for (const auto& q : all)
      within =
          within || (q.size() < p.size() && p.compare(0, q.size(), q) == 0) || (q == p && &q < &p);
    if (!within) out.push_back(p);
  }
  return out;
}

// The name's pairs with what the list's visibility reads of the project (region, state, unit),
// so that a name search over a region is decided in the index.
void index_name(db::Conn& tx, int64_t id, const std::string& name, const std::string& region_code,
                const std::string& state, int64_t org_id) {
  tx.exec("DELETE FROM project_name_grams WHERE project_id = ?", {id});
  for (const auto& g : org::name_grams({name}))
    tx.exec(
        "INSERT INTO project_name_grams (gram, project_id, region_code, state, org_id) VALUES (?, "
        "?, ?, ?, ?)",
        {g, id, region_code, state, org_id});
}

}  // namespace

int64_t index_missing_names(db::Conn& tx) {
  // Read whole before writing: the index is changed while the projects are listed.
  db::Rows missing = tx.query(
      "SELECT p.id, p.name, p.region_code, p.state, p.org_id FROM projects p WHERE NOT EXISTS "
      "(SELECT 1 FROM project_name_grams g WHERE g.project_id = p.id)");
  for (const auto& r : missing) index_name(tx, r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(4));
  return static_cast<int64_t>(missing.size());
}

void recount_tallies(db::Conn& tx) {
  // As migration 0016 fills it: each project under its region code's prefixes (kTallyLengths),
  // with year 0 and with each year of its span.
  tx.exec("DELETE FROM project_tallies");
  std::string rows;
  for (size_t n : kTallyLengths) {
    std::string k = std::to_string(n);
    rows += rows.empty() ? "" : " UNION ALL ";
    rows += "SELECT SUBSTR(region_code, 1, " + k + ") AS prefix, state, 0 AS year FROM projects " +
            "WHERE LENGTH(region_code) >= " + k + " UNION ALL SELECT SUBSTR(p.region_code, 1, " +
            k + "), p.state, ys.y FROM projects p JOIN ys ON ys.y >= p.start_year AND ys.y <= " +
            "p.end_year WHERE LENGTH(p.region_code) >= " + k;
  }
  tx.exec(
      "WITH RECURSIVE ys(y) AS (SELECT MIN(start_year) FROM projects UNION ALL SELECT y + 1 FROM "
      "ys WHERE y < (SELECT MAX(end_year) FROM projects)) INSERT INTO project_tallies "
      "(region_prefix, state, year, n) SELECT prefix, state, year, COUNT(*) FROM (" +
      rows + ") t GROUP BY prefix, state, year");
}

int64_t insert(db::Conn& tx, const Project& p, const std::string& now) {
  int64_t id = tx.query(kInsert, {db::null_if_empty(p.code),
                                  p.name,
                                  p.org_id,
                                  p.department_id,
                                  p.region_code,
                                  p.category,
                                  p.kind,
                                  p.budget_type,
                                  p.func_class,
                                  p.sector,
                                  tags_json(p.tags),
                                  p.is_new,
                                  p.continuing_after_expiry,
                                  p.start_year,
                                  p.end_year,
                                  p.description,
                                  p.basis,
                                  p.contact,
                                  p.phone,
                                  p.requested_total_fen,
                                  p.state,
                                  p.created_by,
                                  now,
                                  now})[0]
                   .i64(0);
  index_name(tx, id, p.name, p.region_code, p.state, p.org_id);
  tally(tx, {p.region_code, p.state, p.start_year, p.end_year}, 1);
  return id;
}

bool update(db::Conn& tx, const Project& p, int64_t expected_version, const std::string& now) {
  json::array reasons;
  for (const auto& r : p.preassess_reasons) reasons.emplace_back(r);
  db::Param pre = p.preassess_required ? db::Param(*p.preassess_required) : db::Param(nullptr);
  auto before = tx.one(
      "SELECT state, region_code, name, org_id, start_year, end_year FROM projects WHERE id = ? "
      "AND version = ?",
      {p.id, expected_version});
  if (!before) return false;
  bool ok = tx.exec(kUpdate, {db::null_if_empty(p.code),
                              p.name,
                              p.category,
                              p.kind,
                              p.budget_type,
                              p.func_class,
                              p.sector,
                              tags_json(p.tags),
                              p.is_new,
                              p.continuing_after_expiry,
                              p.start_year,
                              p.end_year,
                              p.description,
                              p.basis,
                              p.contact,
                              p.phone,
                              p.requested_total_fen,
                              p.state,
                              pre,
                              json::serialize(reasons),
                              db::null_if_empty(p.conclusion),
                              p.approved_fen,
                              p.library_year,
                              db::null_if_empty(p.submitted_at),
                              now,
                              p.id,
                              expected_version}) == 1;
  if (!ok) return false;
  if (before->text(2) != p.name) {
    index_name(tx, p.id, p.name, before->text(1), p.state, before->i64(3));
  } else if (before->text(0) != p.state) {
    tx.exec("UPDATE project_name_grams SET state = ? WHERE project_id = ?", {p.state, p.id});
  }
  Tallied was{before->text(1), before->text(0), static_cast<int>(before->i64(4)),
              static_cast<int>(before->i64(5))};
  Tallied is{before->text(1), p.state, p.start_year, p.end_year};
  if (was != is) {
    tally(tx, was, -1);
    tally(tx, is, 1);
  }
  return true;
}

void delete_draft(db::Conn& tx, int64_t id) {
  auto before = tx.one(
      "SELECT region_code, start_year, end_year FROM projects WHERE id = ? AND state = 'draft'",
      {id});
  if (!before) return;
  tx.exec("DELETE FROM project_amounts WHERE project_id = ?", {id});
  tx.exec("DELETE FROM project_attachments WHERE project_id = ?", {id});
  tx.exec("DELETE FROM project_name_grams WHERE project_id = ?", {id});
  if (tx.exec("DELETE FROM projects WHERE id = ? AND state = 'draft'", {id}) == 1)
    tally(tx,
          {before->text(0), "draft", static_cast<int>(before->i64(1)),
           static_cast<int>(before->i64(2))},
          -1);
}

std::optional<Project> find(db::Conn& c, int64_t id) {
  auto r = c.one(std::string("SELECT ") + kCols + kFrom + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  Project p = project_of(*r);
  p.amounts = amounts(c, id);
  return p;
}

std::optional<Project> find_visible(db::Conn& c, int64_t id, const Viewer& v) {
  db::Params params{id};
  std::string where = visible(v, params);
  auto r = c.one(std::string("SELECT ") + kCols + kFrom + " WHERE p.id = ? AND " + where, params);
  if (!r) return std::nullopt;
  Project p = project_of(*r);
  p.amounts = amounts(c, id);
  return p;
}

namespace {

// How a name fragment's pairs narrow a list over regions (a county, a city, the province). The
// name index carries each project's region, state and unit, so the pairs are counted in the
// viewer's regions, with the list's state and unit filters, without reading a project.
struct NameLead {
  bool rare = false;             // the rarest pair's projects in the scope are few: ids
  std::vector<int64_t> ids;      // those of them that also hold the next rarest pair
  std::string rarest;            // else the rarest pair (thousands of projects in the scope)
  std::optional<int64_t> total;  // the list's total, when the index alone decides it
};

NameLead name_lead(db::Conn& c, const Visibility& vis, const ProjectFilter& f,
                   const std::vector<std::string>& grams, bool index_only) {
  constexpr int64_t kRare = 1000;  // candidates read and named in the query, at most
  constexpr int64_t kFew = 50;     // a pair this rare ends the counting
  db::Params where_params;
  std::string where = " AND " + visible_sql(vis, where_params, "p.project_id");
  if (!f.state.empty()) {
    where += " AND p.state = ?";
    where_params.push_back(f.state);
  }
  if (f.org_id) {
    where += " AND p.org_id = ?";
    where_params.push_back(*f.org_id);
  }
  auto pair_sql = [&](const std::string& what, const std::string& g, db::Params& out) {
    out.push_back(g);
    out.insert(out.end(), where_params.begin(), where_params.end());
    return "SELECT " + what + " FROM project_name_grams p WHERE p.gram = ?" + where;
  };
  // Each pair is counted up to the fewest so far: once a pair with a hundred projects is found,
  // the others read at most a hundred entries each.
  NameLead out;
  std::string second;
  int64_t fewest = kRare + 1;
  for (const auto& g : grams) {
    db::Params p;
    std::string sql = "SELECT COUNT(*) FROM (" + pair_sql("1", g, p) + " LIMIT ?) t";
    p.push_back(fewest);
    int64_t n = c.one(sql, p)->i64(0);
    if (out.rarest.empty() || n < fewest) {
      second = out.rarest;
      out.rarest = g;
      fewest = n;
    } else if (second.empty()) {
      second = g;
    }
    if (fewest <= kFew) break;
  }
  if (fewest > kRare) {
    // A common pair: counted whole in the index when nothing else decides the total.
    if (index_only) {
      db::Params p;
      out.total = c.one(pair_sql("COUNT(*)", out.rarest, p), p)->i64(0);
    }
    return out;
  }
  // The rare pair's projects that also hold the next rarest pair, read here and named in the
  // query: a prepared statement's generic plan cannot know that a pair is rare, and would walk
  // the list's sort order probing every project for it.
  out.rare = true;
  if (index_only) out.total = fewest;
  db::Params p;
  std::string sql = pair_sql("p.project_id", out.rarest, p);
  if (!second.empty()) {
    sql +=
        " AND EXISTS (SELECT 1 FROM project_name_grams o WHERE o.gram = ? AND o.project_id = "
        "p.project_id)";
    p.push_back(second);
  }
  c.each(sql, p, [&](const db::Row& r) { out.ids.push_back(r.i64(0)); });
  if (out.ids.empty()) out.ids.push_back(0);  // no project: ids start at 1
  return out;
}

}  // namespace

std::vector<Project> list(db::Conn& c, const Viewer& v, const ProjectFilter& f,
                          std::optional<Page> page, int64_t* total) {
  Visibility vis = visibility(c, v);
  db::Params params;
  std::string where = visible_sql(vis, params);
  // The page and the count differ only in how a name fragment is looked up.
  std::string count_gram;  // the count starts from this pair's entries in the name index
  std::optional<int64_t> known_total;  // the name index counted the list already
  std::string page_where = where, count_where = where;
  db::Params page_params = params, count_params = params;
  if (!f.q.empty()) {
    // Codes are ASCII ({region}-{year}-{seq}): a fragment with other characters is looked for
    // in the name only, through the name index, then checked with LIKE. A one-character or
    // ASCII fragment scans.
    bool ascii = true, letters = false;
    size_t chars = 0;
    for (unsigned char ch : f.q) {
      ascii = ascii && ch < 0x80;
      letters = letters || std::isalpha(ch);
      chars += (ch & 0xC0) != 0x80;
    }
    std::vector<std::string> grams = ascii ? std::vector<std::string>{} : org::name_grams({f.q});
    // Two characters without ASCII letters are exactly one pair: the index answers alone (no
    // LIKE reads the names).
    bool exact = grams.size() == 1 && chars == 2 && !letters;
    std::string like = ascii ? " AND (p.name LIKE ? ESCAPE '\\' OR p.code LIKE ? ESCAPE '\\')"
                             : " AND p.name LIKE ? ESCAPE '\\'";
    auto add_like = [&](std::string& w, db::Params& p) {
      if (exact) return;
      w += like;
      for (int i = ascii ? 2 : 1; i > 0; --i) p.push_back(db::like_contains(f.q));
    };
    if (grams.empty()) {
      add_like(page_where, page_params);
      add_like(count_where, count_params);
    } else {
      const std::string probe =
          " AND EXISTS (SELECT 1 FROM project_name_grams g WHERE g.gram = ? AND g.project_id = "
          "p.id)";
      auto probe_all = [&](std::string& w, db::Params& p) {
        for (const auto& g : grams) {
          w += probe;
          p.push_back(g);
        }
      };
      bool regional = v.scope.is_all();
      for (const auto& g : v.scope.grants()) regional = regional || !g.region_codes.empty();
      if (!regional) {
        // A department's or a unit's few hundred projects: each probes the pair, or its name is
        // read (LIKE; a probe per pair would give PostgreSQL's planner ten semi-joins to order).
        if (exact) {
          probe_all(page_where, page_params);
          probe_all(count_where, count_params);
        }
      } else {
        // Not a filter the index leaves out, and an exact pair: the index's count is the total.
        bool index_only = exact && !f.year && f.category.empty() && f.sector.empty() &&
                          !f.department_id && f.tag.empty() && !f.preassess && f.conclusion.empty();
        NameLead lead = name_lead(c, vis, f, grams, index_only);
        if (lead.rare) {
          db::Params ip;
          std::string in = " AND p.id IN (" + db::in_list(lead.ids, ip) + ")";
          page_where += in;
          count_where += in;
          page_params.insert(page_params.end(), ip.begin(), ip.end());
          count_params.insert(count_params.end(), ip.begin(), ip.end());
        } else {
          // A common pair (a word like 道路 over a province: thousands of projects): the page
          // walks the list's sort order and probes the index per project (a few hundred probes
          // find 20).
          probe_all(page_where, page_params);
          if (!lead.total) count_gram = lead.rarest;
        }
        known_total = lead.total;
      }
      add_like(count_where, count_params);
      add_like(page_where, page_params);
    }
  }
  auto add2 = [&](const std::string& cond, db::Param p) {
    page_where += " AND " + cond;
    count_where += " AND " + cond;
    page_params.push_back(p);
    count_params.push_back(std::move(p));
  };
  if (!f.state.empty()) add2("p.state = ?", f.state);
  if (f.year) {
    add2("p.start_year <= ?", *f.year);
    add2("p.end_year >= ?", *f.year);
  }
  if (!f.category.empty()) add2("p.category = ?", f.category);
  if (!f.sector.empty()) add2("p.sector = ?", f.sector);
  if (f.org_id) add2("p.org_id = ?", *f.org_id);
  if (f.department_id) add2("p.department_id = ?", *f.department_id);
  if (!f.tag.empty()) add2("p.tags LIKE ?", "%\"" + f.tag + "\"%");
  if (f.preassess) add2("p.preassess_required = ?", *f.preassess ? 1 : 0);
  if (!f.conclusion.empty()) add2("p.conclusion = ?", f.conclusion);
  // The count and the page: one statement text serves a province (most rows match) and a unit
  // (a handful), and a generic plan fits one of them (PostgreSQL: the province's four-filter
  // list, 4.9 ms with its own plan, 11.7 ms with the generic one). Until the page is read.
  c.plan_each_run(true);
  if (total) {
    // Filtered by state and year alone over regions (the library's first page for a county, a
    // city or the province: up to hundreds of thousands of rows), the total is a sum over
    // project_tallies (per region prefix, state and year, kept with every write), plus the
    // assigned projects outside the scope.
    std::optional<std::vector<std::string>> prefixes;  // the scope's tally rows, when they serve
    if (!known_total && f.q.empty() && f.category.empty() && f.sector.empty() && !f.org_id &&
        !f.department_id && f.tag.empty() && !f.preassess && f.conclusion.empty())
      prefixes = tally_scope(v.scope);
    bool by_tally = prefixes.has_value();
    if (known_total) {
      *total = *known_total;
    } else if (by_tally) {
      db::Params sp;  // the states
      std::string states = vis.drafts ? "" : " AND p.state <> 'draft'";
      if (!f.state.empty()) {
        states += " AND p.state = ?";
        sp.push_back(f.state);
      }
      db::Params tp;
      std::string in = prefixes->empty()
                           ? "LENGTH(p.region_prefix) = 2"
                           : "p.region_prefix IN (" + db::in_list(*prefixes, tp) + ")";
      tp.insert(tp.end(), sp.begin(), sp.end());
      tp.push_back(f.year ? *f.year : 0);  // year 0: every project once
      *total = c.one("SELECT COALESCE(SUM(p.n), 0) FROM project_tallies p WHERE " + in + states +
                         " AND p.year = ?",
                     tp)
                   ->i64(0);
      if (!vis.assigned.empty()) {
        db::Params ap;
        std::string ids = db::in_list(vis.assigned, ap);
        ap.insert(ap.end(), vis.scope_params.begin(), vis.scope_params.end());
        ap.insert(ap.end(), sp.begin(), sp.end());
        std::string years;
        if (f.year) {
          years = " AND p.start_year <= ? AND p.end_year >= ?";
          ap.push_back(*f.year);
          ap.push_back(*f.year);
        }
        *total += c.one("SELECT COUNT(*) FROM projects p WHERE p.id IN (" + ids + ") AND NOT " +
                            vis.scope_sql + states + years,
                        ap)
                      ->i64(0);
      }
    } else {
      if (count_gram.empty()) {
        *total =
            c.one("SELECT COUNT(*) FROM projects p WHERE " + count_where, count_params)->i64(0);
      } else {
        db::Params cp{count_gram};
        cp.insert(cp.end(), count_params.begin(), count_params.end());
        *total = c.one(
                      "SELECT COUNT(*) FROM project_name_grams n WHERE n.gram = ? AND 1 = "
                      "(SELECT 1 FROM projects p WHERE p.id = n.project_id AND " +
                          count_where + ")",
                      cp)
                     ->i64(0);
      }
    }
  }
  std::string order = f.sort == "code"        ? "p.code, p.id"
                      : f.sort == "name"      ? "p.name, p.id"
                      : f.sort == "requested" ? "p.requested_total_fen DESC, p.id"
                                              : "p.updated_at DESC, p.id DESC";
  // The projects alone, then their units' names: joined in the same statement, SQLite's planner
  // may start from organizations and sort every project in scope.
  // A page picks its ids first, then reads their rows: the ids come from the sort order's
  // index, which carries what `visible` reads, so the rows an OFFSET skips are never read
  // (PostgreSQL reads the row of every entry a plain index scan passes, ?page=200: 4,000).
  std::string sql = std::string("SELECT ") + kListCols + " FROM projects p WHERE ";
  if (page) {
    sql += "p.id IN (SELECT p.id FROM projects p WHERE " + page_where + " ORDER BY " + order +
           " LIMIT ? OFFSET ?)";
    page_params.push_back(page->size);
    page_params.push_back(page->offset());
  } else {
    sql += page_where;
  }
  sql += " ORDER BY " + order;
  std::vector<Project> out;
  for (const auto& r : c.query(sql, page_params)) out.push_back(project_of(r));
  c.plan_each_run(false);
  std::set<int64_t> org_ids;
  for (const auto& p : out) org_ids.insert(p.org_id);
  if (!org_ids.empty()) {
    db::Params op;
    std::string in = db::in_list(std::vector<int64_t>(org_ids.begin(), org_ids.end()), op);
    std::map<int64_t, std::string> names;
    for (const auto& r : c.query("SELECT id, name FROM organizations WHERE id IN (" + in + ")", op))
      names[r.i64(0)] = r.text(1);
    for (auto& p : out) p.org_name = names[p.org_id];
  }
  return out;
}

void set_amounts(db::Conn& tx, int64_t project_id, const std::vector<Amount>& list) {
  tx.exec("DELETE FROM project_amounts WHERE project_id = ?", {project_id});
  for (const auto& a : list)
    tx.exec(
        "INSERT INTO project_amounts (project_id, year, source, requested_fen) VALUES (?, ?, ?, ?)",
        {project_id, a.year, a.source, a.requested_fen});
}

std::vector<Amount> amounts(db::Conn& c, int64_t project_id) {
  std::vector<Amount> out;
  for (const auto& r : c.query("SELECT year, source, requested_fen FROM project_amounts WHERE "
                               "project_id = ? ORDER BY year, source",
                               {project_id}))
    out.push_back({static_cast<int>(r.i64(0)), r.text(1), r.i64(2)});
  return out;
}

std::map<int64_t, std::vector<Amount>> amounts_of(db::Conn& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<Amount>> out;
  if (ids.empty()) return out;
  db::Params params;
  std::string in = db::in_list(ids, params);
  for (const auto& r :
       c.query("SELECT project_id, year, source, requested_fen FROM project_amounts "
               "WHERE project_id IN (" +
                   in + ") ORDER BY project_id, year, source",
               params))
    out[r.i64(0)].push_back({static_cast<int>(r.i64(1)), r.text(2), r.i64(3)});
  return out;
}

std::string next_code(db::Conn& tx, const std::string& region_code, int year) {
  auto r = tx.one("SELECT next_value FROM project_code_seq WHERE region_code = ? AND year = ?",
                  {region_code, year});
  int64_t n = r ? r->i64(0) : 1;
  if (r)
    tx.exec(
        "UPDATE project_code_seq SET next_value = next_value + 1 WHERE region_code = ? AND year = "
        "?",
        {region_code, year});
  else
    tx.exec("INSERT INTO project_code_seq (region_code, year, next_value) VALUES (?, ?, 2)",
            {region_code, year});
  char buf[16];
  std::snprintf(buf, sizeof buf, "%05lld", static_cast<long long>(n));
  return region_code + "-" + std::to_string(year) + "-" + buf;
}

int64_t insert_attachment(db::Conn& tx, const Attachment& a, int64_t user_id,
                          const std::string& now) {
  return tx
      .query(
          "INSERT INTO project_attachments (project_id, sha256, name, kind, size, content_type, "
          "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {a.project_id, a.sha256, a.name, a.kind, a.size, a.content_type, user_id, now})[0]
      .i64(0);
}

std::vector<Attachment> attachments(db::Conn& c, int64_t project_id) {
  std::vector<Attachment> out;
  for (const auto& r :
       c.query("SELECT id, project_id, sha256, name, kind, size, content_type, "
               "uploaded_at FROM project_attachments WHERE project_id = ? ORDER BY id",
               {project_id}))
    out.push_back(
        {r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6), r.text(7)});
  return out;
}

std::optional<Attachment> find_attachment(db::Conn& c, int64_t project_id, int64_t id) {
  for (auto& a : attachments(c, project_id))
    if (a.id == id) return a;
  return std::nullopt;
}

void delete_attachment(db::Conn& tx, int64_t project_id, int64_t id) {
  tx.exec("DELETE FROM project_attachments WHERE project_id = ? AND id = ?", {project_id, id});
}

void insert_round(db::Conn& tx, const Case& k, int64_t user_id, const std::string& now) {
  tx.exec(
      "INSERT INTO project_case_rounds (case_id, round, conclusion, combined_x100, veto, "
      "submitted_fen, approved_fen, opinion, concluded_by, concluded_at) VALUES (?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?)",
      {k.id, k.round, k.conclusion, k.combined_x100, k.veto, k.submitted_fen, k.approved_fen,
       k.opinion, user_id, now});
}

boost::json::array rounds_of(db::Conn& c, int64_t case_id) {
  return std::move(rounds_of(c, std::vector<int64_t>{case_id})[case_id]);
}

std::map<int64_t, boost::json::array> rounds_of(db::Conn& c, const std::vector<int64_t>& case_ids) {
  std::map<int64_t, boost::json::array> out;
  if (case_ids.empty()) return out;
  auto opt = [](const db::Row& r, size_t i) {
    return r.is_null(i) ? boost::json::value(nullptr) : boost::json::value(r.i64(i));
  };
  db::Params p;
  std::string in = db::in_list(case_ids, p);
  c.each(
      "SELECT round, conclusion, combined_x100, veto, submitted_fen, approved_fen, opinion, "
      "concluded_at, case_id FROM project_case_rounds WHERE case_id IN (" +
          in + ") ORDER BY case_id, round",
      p, [&](const db::Row& r) {
        boost::json::value combined = nullptr;
        if (!r.is_null(2)) combined = static_cast<double>(r.i64(2)) / 100.0;
        out[r.i64(8)].push_back(boost::json::object{{"round", r.i64(0)},
                                                    {"conclusion", r.text(1)},
                                                    {"combined", combined},
                                                    {"veto", r.i64(3) != 0},
                                                    {"submitted_fen", opt(r, 4)},
                                                    {"approved_fen", opt(r, 5)},
                                                    {"opinion", r.text(6)},
                                                    {"concluded_at", r.text(7)}});
      });
  return out;
}

std::vector<StatRow> stat_rows(db::Conn& c, const Viewer& v, const std::string& region_prefix,
                               int year) {
  Visibility vis = visibility(c, v);
  db::Params params;
  std::string where = visible_sql(vis, params);
  where += " AND p.start_year = ?";
  params.push_back(year);
  if (!region_prefix.empty()) where += " AND " + region_in("p.region_code", region_prefix, params);
  // One row per project and case that was concluded at least once, with its first conclusion
  // (the lowest round's). Every table is read through a covering index (projects_stats in id
  // order, project_cases_stats, project_case_rounds_conclusion) and the departments' names
  // once each afterwards; the service sums the rows, so no order is needed.
  std::vector<StatRow> out;
  c.each(
      "SELECT p.sector, p.department_id, k.preassess_required, (SELECT r.conclusion FROM "
      "project_case_rounds r WHERE r.case_id = k.id ORDER BY r.round LIMIT 1), k.submitted_fen, "
      "k.approved_fen FROM projects p JOIN project_cases k ON k.project_id = p.id WHERE " +
          where,
      params, [&](const db::Row& r) {
        if (r.is_null(3)) return;  // not concluded yet
        out.push_back({r.text(0), r.i64(1), "", r.i64(2) != 0, r.text(3), r.opt_i64(4).value_or(0),
                       r.opt_i64(5).value_or(0)});
      });
  std::set<int64_t> depts;
  for (const auto& s : out) depts.insert(s.department_id);
  if (!depts.empty()) {
    db::Params dp;
    std::string in = db::in_list(std::vector<int64_t>(depts.begin(), depts.end()), dp);
    std::map<int64_t, std::string> names;
    c.each("SELECT id, name FROM organizations WHERE id IN (" + in + ")", dp,
           [&](const db::Row& r) { names[r.i64(0)] = r.text(1); });
    for (auto& s : out) s.department_name = names[s.department_id];
  }
  return out;
}

void set_budget(db::Conn& tx, int64_t project_id, int year, int64_t approved_fen, int64_t user_id,
                const std::string& now) {
  tx.exec("DELETE FROM project_budgets WHERE project_id = ? AND year = ?", {project_id, year});
  tx.exec(
      "INSERT INTO project_budgets (project_id, year, approved_fen, set_by, set_at) VALUES "
      "(?, ?, ?, ?, ?)",
      {project_id, year, approved_fen, user_id, now});
}

std::vector<Budget> budgets(db::Conn& c, int64_t project_id) {
  std::vector<Budget> out;
  for (const auto& r : c.query("SELECT year, approved_fen, set_at FROM project_budgets WHERE "
                               "project_id = ? ORDER BY year",
                               {project_id}))
    out.push_back({static_cast<int>(r.i64(0)), r.i64(1), r.text(2)});
  return out;
}

int64_t insert_case(db::Conn& tx, const Case& k, const std::string& now) {
  return tx
      .query(
          "INSERT INTO project_cases (project_id, round, state, preassess_required, "
          "scheme_json, scheme_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {k.project_id, k.round, k.state, k.preassess_required, k.scheme_json, k.scheme_version,
           now, now})[0]
      .i64(0);
}

bool update_case(db::Conn& tx, const Case& k, int64_t expected_version, const std::string& now) {
  return tx.exec(
             "UPDATE project_cases SET round = ?, state = ?, preassess_required = ?, "
             "lead_user_id = ?, third_party_org_id = ?, scheme_json = ?, scheme_version = ?, "
             "combined_x100 = ?, veto = ?, veto_reason = ?, conclusion = ?, opinion = ?, "
             "review_lines = ?, submitted_fen = ?, approved_fen = ?, cut_fen = ?, "
             "cut_rate_x100 = ?, concluded_at = ?, updated_at = ?, version = version + 1 WHERE "
             "id = ? AND version = ?",
             {k.round,
              k.state,
              k.preassess_required,
              k.lead_user_id,
              k.third_party_org_id,
              k.scheme_json,
              k.scheme_version,
              k.combined_x100,
              k.veto,
              k.veto_reason,
              db::null_if_empty(k.conclusion),
              k.opinion,
              lines_json(k.lines),
              k.submitted_fen,
              k.approved_fen,
              k.cut_fen,
              k.cut_rate_x100,
              db::null_if_empty(k.concluded_at),
              now,
              k.id,
              expected_version}) == 1;
}

std::optional<Case> find_case(db::Conn& c, int64_t id) {
  auto found = cases_where(c, "id = ?", {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Case> open_case_of(db::Conn& c, int64_t project_id) {
  auto found =
      cases_where(c, "project_id = ? AND state <> 'closed' ORDER BY id DESC LIMIT 1", {project_id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Case> cases_of(db::Conn& c, int64_t project_id) {
  return cases_where(c, "project_id = ? ORDER BY id", {project_id});
}

void set_reviewers(db::Conn& tx, int64_t case_id, const std::vector<int64_t>& user_ids) {
  tx.exec("DELETE FROM case_reviewers WHERE case_id = ?", {case_id});
  for (int64_t u : user_ids)
    tx.exec(
        "INSERT INTO case_reviewers (case_id, user_id) VALUES (?, ?) ON CONFLICT (case_id, "
        "user_id) DO NOTHING",
        {case_id, u});
}

void add_experts(db::Conn& tx, int64_t case_id,
                 const std::vector<std::pair<int64_t, std::optional<int64_t>>>& experts,
                 int round) {
  for (const auto& [expert_id, user_id] : experts)
    tx.exec(
        "INSERT INTO case_experts (case_id, expert_id, user_id, round) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (case_id, expert_id) DO NOTHING",
        {case_id, expert_id, user_id, round});
}

void remove_experts_except(db::Conn& tx, int64_t case_id, const std::vector<int64_t>& keep) {
  std::string sql = "DELETE FROM case_experts WHERE case_id = ? AND submitted_at IS NULL";
  db::Params p{case_id};
  for (int64_t id : keep) {
    sql += " AND expert_id <> ?";
    p.push_back(id);
  }
  tx.exec(sql, p);
}

void save_sheet(db::Conn& tx, int64_t case_id, const ExpertRow& x) {
  tx.exec(
      "UPDATE case_experts SET sheet_json = ?, dimensions_json = ?, total_x100 = ?, veto = ?, "
      "veto_reason = ?, opinion = ?, submitted_at = ?, round = ? WHERE case_id = ? AND "
      "expert_id = ?",
      {x.sheet_json, x.dimensions_json, x.total_x100, x.veto, x.veto_reason, x.opinion,
       db::null_if_empty(x.submitted_at), x.round, case_id, x.expert_id});
}

void reopen_sheets(db::Conn& tx, int64_t case_id, int round) {
  tx.exec("UPDATE case_experts SET submitted_at = NULL, round = ? WHERE case_id = ?",
          {round, case_id});
}

std::vector<CaseListItem> list_cases(db::Conn& c, const Viewer& v, bool experts_only,
                                     const std::string& state, const Page& page, int64_t* total) {
  db::Params params;
  std::string where;
  if (experts_only) {
    where = "EXISTS (SELECT 1 FROM case_experts xe WHERE xe.case_id = k.id AND xe.user_id = ?)";
    params.push_back(v.user_id);
  } else {
    where = visible(v, params);
  }
  if (!state.empty()) {
    where += " AND k.state = ?";
    params.push_back(state);
  }
  const std::string from = std::string(kFrom) + " JOIN project_cases k ON k.project_id = p.id";
  if (total) *total = c.one("SELECT COUNT(*)" + from + " WHERE " + where, params)->i64(0);
  params.push_back(page.size);
  params.push_back(page.offset());
  std::vector<int64_t> ids;
  std::vector<Project> projects;
  for (const auto& r : c.query("SELECT k.id, " + std::string(kCols) + from + " WHERE " + where +
                                   " ORDER BY k.updated_at DESC, k.id DESC LIMIT ? OFFSET ?",
                               params)) {
    ids.push_back(r.i64(0));
    std::vector<db::Value> rest;
    for (size_t i = 1; i < r.size(); ++i) rest.push_back(r.cell(i));
    projects.push_back(project_of(db::Row(std::move(rest))));
  }
  if (ids.empty()) return {};
  // the page's cases with their people: three queries for the page, not three per case
  db::Params ip;
  std::string in = db::in_list(ids, ip);
  std::map<int64_t, Case> cases;
  for (auto& k : cases_where(c, "id IN (" + in + ")", ip)) cases.emplace(k.id, std::move(k));
  std::vector<CaseListItem> out;
  for (size_t i = 0; i < ids.size(); ++i)
    out.push_back(CaseListItem{std::move(cases.at(ids[i])), std::move(projects[i])});
  return out;
}

}  // namespace jx::projects::store
