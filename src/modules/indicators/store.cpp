#include "modules/indicators/store.hpp"

#include "modules/indicators/rules.hpp"

namespace jx::indicators::store {

namespace {

constexpr const char* kColumns =
    "i.id, i.code, i.sector, i.field, i.level1, i.level2, i.name, i.nature, i.unit, "
    "i.recommended_value, i.basis, i.method, i.data_source, i.is_core, i.from_year, i.to_year, "
    "i.status, i.region_code, i.proposed_by_org_id, i.proposed_by_user_id, o.name, "
    "i.review_comment, i.usage_count, i.created_at, i.updated_at, i.version "
    "FROM indicators i LEFT JOIN organizations o ON o.id = i.proposed_by_org_id";

Indicator row_of(const db::Row& r) {
  Indicator x;
  x.id = r.i64(0);
  x.code = r.text(1);
  x.sector = r.text(2);
  x.field = r.text(3);
  x.level1 = r.text(4);
  x.level2 = r.text(5);
  x.name = r.text(6);
  x.nature = r.text(7);
  x.unit = r.text(8);
  x.recommended_value = r.text(9);
  x.basis = r.text(10);
  x.method = r.text(11);
  x.data_source = r.text(12);
  x.is_core = r.i64(13) != 0;
  x.from_year = static_cast<int>(r.i64(14));
  if (auto t = r.opt_i64(15)) x.to_year = static_cast<int>(*t);
  x.status = r.text(16);
  x.region_code = r.text(17);
  x.proposed_by_org_id = r.opt_i64(18);
  x.proposed_by_user_id = r.opt_i64(19);
  x.proposed_by_org_name = r.text(20);
  x.review_comment = r.text(21);
  x.usage_count = r.i64(22);
  x.created_at = r.text(23);
  x.updated_at = r.text(24);
  x.version = r.i64(25);
  return x;
}

// The rows a viewer sees (appends its parameters).
std::string visible(const Viewer& v, db::Params& p) {
  std::string sql =
      "(i.region_code = '' OR i.region_code = ?) AND (i.status IN ('active', 'retired')";
  p.push_back(v.county.empty() ? std::string("-") : v.county);
  if (v.manager && !v.county.empty()) {
    sql += " OR i.region_code = ?";
    p.push_back(v.county);
  }
  if (v.org_id > 0) {
    sql += " OR i.proposed_by_org_id = ?";
    p.push_back(v.org_id);
  }
  return sql + ")";
}

// In force in a year for a county: active (or retired later) and valid then; a shipped row only
// while the county has no version of its own (a county's row of the code from that year or
// earlier shadows it).
std::string in_force(int year, const std::string& county, db::Params& p) {
  p.push_back(year);
  p.push_back(year);
  p.push_back(county.empty() ? std::string("-") : county);
  p.push_back(year);
  return "i.status IN ('active', 'retired') AND i.from_year <= ? AND (i.to_year IS NULL OR "
         "i.to_year >= ?) AND (i.region_code <> '' OR NOT EXISTS (SELECT 1 FROM indicators o "
         "WHERE o.code = i.code AND o.region_code = ? AND o.status IN ('active', 'retired') AND "
         "o.from_year <= ?))";
}

}  // namespace

int64_t insert(db::Conn& tx, const Indicator& in, const std::string& now) {
  return tx
      .query(
          "INSERT INTO indicators (code, sector, field, level1, level2, name, nature, unit, "
          "recommended_value, basis, method, data_source, is_core, from_year, to_year, status, "
          "region_code, proposed_by_org_id, proposed_by_user_id, review_comment, usage_count, "
          "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
          {in.code,
           in.sector,
           in.field,
           in.level1,
           in.level2,
           in.name,
           in.nature,
           in.unit,
           in.recommended_value,
           in.basis,
           in.method,
           in.data_source,
           in.is_core,
           in.from_year,
           in.to_year,
           in.status,
           in.region_code,
           in.proposed_by_org_id,
           in.proposed_by_user_id,
           in.review_comment,
           in.usage_count,
           now,
           now})[0]
      .i64(0);
}

bool update(db::Conn& tx, const Indicator& in, int64_t expected_version, const std::string& now) {
  return tx.exec(
             "UPDATE indicators SET sector = ?, field = ?, level1 = ?, level2 = ?, name = ?, "
             "nature = ?, unit = ?, recommended_value = ?, basis = ?, method = ?, data_source = ?, "
             "is_core = ?, from_year = ?, to_year = ?, status = ?, review_comment = ?, "
             "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
             {in.sector, in.field, in.level1, in.level2, in.name, in.nature, in.unit,
              in.recommended_value, in.basis, in.method, in.data_source, in.is_core, in.from_year,
              in.to_year, in.status, in.review_comment, now, in.id, expected_version}) == 1;
}

std::optional<Indicator> find(db::Conn& c, int64_t id) {
  auto r = c.one(std::string("SELECT ") + kColumns + " WHERE i.id = ?", {id});
  if (!r) return std::nullopt;
  return row_of(*r);
}

std::map<int64_t, Indicator> find_many(db::Conn& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, Indicator> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string in = db::in_list(ids, p);
  for (const auto& r :
       c.query(std::string("SELECT ") + kColumns + " WHERE i.id IN (" + in + ")", p)) {
    Indicator x = row_of(r);
    out.emplace(x.id, std::move(x));
  }
  return out;
}

std::optional<Indicator> find_visible(db::Conn& c, int64_t id, const Viewer& v) {
  db::Params p{id};
  std::string where = visible(v, p);
  auto r = c.one(std::string("SELECT ") + kColumns + " WHERE i.id = ? AND " + where, p);
  if (!r) return std::nullopt;
  return row_of(*r);
}

std::vector<Indicator> list(db::Conn& c, const Viewer& v, const IndicatorFilter& f,
                            std::optional<Page> page, int64_t* total) {
  db::Params p;
  std::string where = " WHERE " + visible(v, p);
  if (f.status == "active")
    where += " AND " + in_force(f.year, v.county, p);
  else if (f.status != "all") {
    where += " AND i.status = ?";
    p.push_back(f.status);
  }
  auto eq = [&](const char* col, const std::string& val) {
    if (val.empty()) return;
    where += std::string(" AND ") + col + " = ?";
    p.push_back(val);
  };
  eq("i.sector", f.sector);
  eq("i.field", f.field);
  eq("i.level1", f.level1);
  eq("i.level2", f.level2);
  eq("i.nature", f.nature);
  // A proposal names the organization that proposed it, adopted or not.
  if (f.origin == "proposal") where += " AND i.proposed_by_org_id IS NOT NULL";
  if (f.origin == "library") where += " AND i.proposed_by_org_id IS NULL";
  if (f.is_core) {
    where += " AND i.is_core = ?";
    p.push_back(*f.is_core);
  }
  if (!f.q.empty()) {
    std::string like = db::like_contains(f.q);
    where +=
        " AND (i.name LIKE ? ESCAPE '\\' OR i.code LIKE ? ESCAPE '\\' OR i.field LIKE ? ESCAPE "
        "'\\')";
    p.push_back(like);
    p.push_back(like);
    p.push_back(like);
  }
  if (total) *total = c.query("SELECT COUNT(*) FROM indicators i" + where, p)[0].i64(0);
  std::string order = f.sort == "usage"     ? " ORDER BY i.usage_count DESC, i.code, i.from_year"
                      : f.sort == "name"    ? " ORDER BY i.name, i.code, i.from_year"
                      : f.sort == "updated" ? " ORDER BY i.updated_at DESC, i.id DESC"
                                            : " ORDER BY i.code, i.from_year";
  std::string sql = std::string("SELECT ") + kColumns + where + order;
  if (page) {
    sql += " LIMIT ? OFFSET ?";
    p.push_back(page->size);
    p.push_back(page->offset());
  }
  std::vector<Indicator> out;
  c.each(sql, p, [&](const db::Row& r) { out.push_back(row_of(r)); });
  return out;
}

std::vector<Indicator> versions(db::Conn& c, const std::string& code, const Viewer& v) {
  db::Params p{code};
  std::string where = visible(v, p);
  std::vector<Indicator> out;
  c.each(std::string("SELECT ") + kColumns + " WHERE i.code = ? AND " + where +
             " ORDER BY i.from_year, i.region_code",
         p, [&](const db::Row& r) { out.push_back(row_of(r)); });
  return out;
}

std::vector<std::string> fields(db::Conn& c, const Viewer& v, const std::string& sector) {
  db::Params p;
  std::string sql = "SELECT DISTINCT i.field FROM indicators i WHERE " + visible(v, p) +
                    " AND i.status = 'active' AND i.field <> ''";
  if (!sector.empty()) {
    sql += " AND i.sector = ?";
    p.push_back(sector);
  }
  std::vector<std::string> out;
  c.each(sql + " ORDER BY i.field", p, [&](const db::Row& r) { out.push_back(r.text(0)); });
  return out;
}

std::vector<int> county_from_years(db::Conn& c, const std::string& code,
                                   const std::string& county) {
  std::vector<int> out;
  c.each(
      "SELECT from_year FROM indicators WHERE code = ? AND region_code = ? AND status IN "
      "('active', 'retired') ORDER BY from_year",
      {code, county}, [&](const db::Row& r) { out.push_back(static_cast<int>(r.i64(0))); });
  return out;
}

std::optional<std::string> same_name(db::Conn& c, const std::string& county, const Indicator& in) {
  const std::string region = county.empty() ? std::string("-") : county;
  db::Params p{in.sector, in.level2, in.name, in.code, region, region};
  std::string sql =
      "SELECT code FROM indicators WHERE sector = ? AND level2 = ? AND name = ? AND code <> ? "
      "AND (region_code = ? OR (region_code = '' AND NOT EXISTS (SELECT 1 FROM indicators o "
      "WHERE o.code = indicators.code AND o.region_code = ?))) AND status IN ('active', "
      "'proposed') AND (to_year IS NULL OR to_year >= ?)";
  p.push_back(in.from_year);
  if (in.to_year) {
    sql += " AND from_year <= ?";
    p.push_back(*in.to_year);
  }
  auto r = c.one(sql + " ORDER BY code LIMIT 1", p);
  if (!r) return std::nullopt;
  return r->text(0);
}

std::string next_code(db::Conn& tx, const std::string& prefix) {
  tx.exec(
      "INSERT INTO indicator_code_seq (prefix, next_value) VALUES (?, 1) ON CONFLICT (prefix) DO "
      "NOTHING",
      {prefix});
  // The UPDATE locks the prefix row (PostgreSQL) or holds the single writer (SQLite): the reads
  // after it see every code committed before.
  tx.exec("UPDATE indicator_code_seq SET next_value = next_value WHERE prefix = ?", {prefix});
  int64_t n =
      tx.query("SELECT next_value FROM indicator_code_seq WHERE prefix = ?", {prefix})[0].i64(0);
  tx.each("SELECT DISTINCT code FROM indicators WHERE code LIKE ?", {prefix + "-%"},
          [&](const db::Row& r) {
            if (auto k = code_number(r.text(0), prefix)) n = std::max(n, *k + 1);
          });
  tx.exec("UPDATE indicator_code_seq SET next_value = ? WHERE prefix = ?", {n + 1, prefix});
  return make_code(prefix, n);
}

void add_usage(db::Conn& tx, int64_t id, int delta) {
  tx.exec(
      "UPDATE indicators SET usage_count = CASE WHEN usage_count + ? < 0 THEN 0 ELSE usage_count "
      "+ ? END WHERE id = ?",
      {delta, delta, id});
}

}  // namespace jx::indicators::store
