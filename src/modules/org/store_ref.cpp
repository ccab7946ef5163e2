// The org module's SQL for reference data and budget years (docs/api-org.md "Reference data").
#include "modules/org/store.hpp"

#include <map>

namespace jx::org::store {

namespace {

constexpr const char* kRefCols =
    "id, kind, code, name, parent_code, level, sort, attrs, from_year, to_year";
constexpr const char* kInsertRef =
    "INSERT INTO ref_items (kind, code, name, parent_code, level, sort, attrs, from_year, "
    "to_year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kSetToYear = "UPDATE ref_items SET to_year = ?, updated_at = ? WHERE id = ?";
constexpr const char* kSetName =
    "UPDATE ref_items SET name = ?, attrs = ?, updated_at = ? WHERE id = ?";
constexpr const char* kMaxSort = "SELECT COALESCE(MAX(sort), 0) FROM ref_items WHERE kind = ?";
constexpr const char* kCodeExists = "SELECT 1 FROM ref_items WHERE kind = ? AND code = ? LIMIT 1";

constexpr const char* kYearCols = "region_code, year, state, version, updated_at";
constexpr const char* kInsertYear =
    "INSERT INTO budget_years (region_code, year, state, version, created_at, updated_at) "
    "VALUES (?, ?, ?, 1, ?, ?)";
constexpr const char* kSetYearState =
    "UPDATE budget_years SET state = ?, version = version + 1, updated_at = ? "
    "WHERE region_code = ? AND year = ? AND version = ?";
constexpr const char* kAllYears = "SELECT DISTINCT year FROM budget_years ORDER BY year";
constexpr const char* kLatestExecuting =
    "SELECT MAX(year) FROM budget_years WHERE state = 'executing'";

RefItem ref_of(const db::Row& r) {
  RefItem i;
  i.id = r.i64(0);
  i.kind = r.text(1);
  i.code = r.text(2);
  i.name = r.text(3);
  i.parent_code = r.text(4);
  i.level = static_cast<int>(r.i64(5));
  i.sort = static_cast<int>(r.i64(6));
  i.attrs_json = r.text(7);
  i.from_year = static_cast<int>(r.i64(8));
  if (auto to = r.opt_i64(9)) i.to_year = static_cast<int>(*to);
  return i;
}

BudgetYear year_of(const db::Row& r) {
  return {r.text(0), static_cast<int>(r.i64(1)), r.text(2), r.i64(3), r.text(4)};
}

}  // namespace

std::vector<int64_t> find_by_name(db::Conn& c, const std::string& region_code,
                                  const std::string& name) {
  std::vector<int64_t> out;
  for (const auto& r : c.query("SELECT id FROM organizations WHERE region_code = ? AND name = ? "
                               "AND status = 'active' ORDER BY id",
                               {region_code, name}))
    out.push_back(r.i64(0));
  return out;
}

std::vector<std::vector<std::string>> users_for_export(db::Conn& c, const std::string& q,
                                                       const std::string& status) {
  std::string where = "1=1";
  db::Params p;
  if (!q.empty()) {
    where += " AND (u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
    p.push_back(db::like_contains(q));
    p.push_back(db::like_contains(q));
  }
  if (!status.empty()) {
    where += " AND u.status = ?";
    p.push_back(status);
  }
  std::map<int64_t, std::string> roles;
  for (const auto& r :
       c.query("SELECT ur.user_id, r.name FROM user_roles ur JOIN roles r ON r.id = "
               "ur.role_id ORDER BY ur.user_id, r.id"))
    roles[r.i64(0)] += (roles[r.i64(0)].empty() ? "" : "、") + r.text(1);
  std::vector<std::vector<std::string>> out;
  for (const auto& r : c.query(
           "SELECT u.id, u.username, u.display_name, o.name, o.code, u.phone, u.email, u.status, "
           "u.last_login_at FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE " +
               where + " ORDER BY u.id",
           p))
    out.push_back({r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                   r.text(7) == "active" ? "正常" : "已停用", r.text(8), roles[r.i64(0)]});
  return out;
}

std::vector<RefItem> ref_items(db::Conn& c, const std::string& kind, std::optional<int> year,
                               const std::string& q) {
  std::string sql = std::string("SELECT ") + kRefCols + " FROM ref_items WHERE kind = ?";
  db::Params p{kind};
  if (year) {
    sql += " AND from_year <= ? AND (to_year IS NULL OR to_year >= ?)";
    p.push_back(*year);
    p.push_back(*year);
  }
  if (!q.empty()) {
    sql += " AND (code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')";
    p.push_back(db::like_contains(q));
    p.push_back(db::like_contains(q));
  }
  sql += " ORDER BY code, from_year";
  std::vector<RefItem> out;
  for (const auto& r : c.query(sql, p)) out.push_back(ref_of(r));
  return out;
}

std::vector<RefItem> ref_versions(db::Conn& c, const std::string& kind, const std::string& code) {
  std::vector<RefItem> out;
  for (const auto& r : c.query(std::string("SELECT ") + kRefCols +
                                   " FROM ref_items WHERE kind = ? AND code = ? ORDER BY from_year",
                               {kind, code}))
    out.push_back(ref_of(r));
  return out;
}

std::optional<RefItem> ref_valid(db::Conn& c, const std::string& kind, const std::string& code,
                                 int year) {
  for (auto& v : ref_versions(c, kind, code))
    if (v.valid_in(year)) return v;
  return std::nullopt;
}

bool ref_code_exists(db::Conn& c, const std::string& kind, const std::string& code) {
  return c.one(kCodeExists, {kind, code}).has_value();
}

int64_t insert_ref(db::Conn& tx, const RefItem& r, const std::string& now) {
  return tx
      .query(kInsertRef, {r.kind, r.code, r.name, db::null_if_empty(r.parent_code), r.level, r.sort,
                          r.attrs_json, r.from_year, r.to_year, now, now})[0]
      .i64(0);
}

void set_ref_to_year(db::Conn& tx, int64_t id, std::optional<int> to_year, const std::string& now) {
  tx.exec(kSetToYear, {to_year, now, id});
}

void set_ref_name(db::Conn& tx, int64_t id, const std::string& name, const std::string& attrs_json,
                  const std::string& now) {
  tx.exec(kSetName, {name, attrs_json, now, id});
}

int next_ref_sort(db::Conn& tx, const std::string& kind) {
  return static_cast<int>(tx.query(kMaxSort, {kind})[0].i64(0)) + 1;
}

std::vector<BudgetYear> budget_years(db::Conn& c, const std::string& region_code) {
  std::vector<BudgetYear> out;
  for (const auto& r : c.query(std::string("SELECT ") + kYearCols +
                                   " FROM budget_years WHERE region_code = ? ORDER BY year DESC",
                               {region_code}))
    out.push_back(year_of(r));
  return out;
}

std::optional<BudgetYear> find_budget_year(db::Conn& c, const std::string& region_code, int year) {
  auto r = c.one(
      std::string("SELECT ") + kYearCols + " FROM budget_years WHERE region_code = ? AND year = ?",
      {region_code, year});
  if (!r) return std::nullopt;
  return year_of(*r);
}

void insert_budget_year(db::Conn& tx, const BudgetYear& y, const std::string& now) {
  tx.exec(kInsertYear, {y.region_code, y.year, y.state, now, now});
}

bool set_budget_year_state(db::Conn& tx, const std::string& region_code, int year,
                           const std::string& state, int64_t expected_version,
                           const std::string& now) {
  return tx.exec(kSetYearState, {state, now, region_code, year, expected_version}) == 1;
}

std::vector<int> all_budget_years(db::Conn& c) {
  std::vector<int> out;
  for (const auto& r : c.query(kAllYears)) out.push_back(static_cast<int>(r.i64(0)));
  return out;
}

std::optional<int> latest_executing_year(db::Conn& c) {
  auto r = c.one(kLatestExecuting);
  if (!r || r->is_null(0)) return std::nullopt;
  return static_cast<int>(r->i64(0));
}

}  // namespace jx::org::store
