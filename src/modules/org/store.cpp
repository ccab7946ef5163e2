#include "modules/org/store.hpp"

#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "modules/org/rules.hpp"

namespace jx::org::store {

namespace json = boost::json;

namespace {

constexpr const char* kInsertRegion =
    "INSERT INTO regions (code, name, level, parent_code, full_name, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kRegionCols = "code, name, level, parent_code, full_name";

constexpr const char* kOrgCols =
    "o.id, o.kind, o.name, o.short_name, o.code, o.uscc, o.region_code, o.parent_id, "
    "o.department_id, o.office_role, o.unit_type, o.sector_code, o.status, o.merged_into_id, "
    "o.qualification, o.contact, o.phone, o.path, o.created_at, o.updated_at, o.version";
constexpr const char* kInsertOrg =
    "INSERT INTO organizations (kind, name, short_name, code, uscc, region_code, parent_id, "
    "department_id, office_role, unit_type, sector_code, status, qualification, contact, phone, "
    "path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, '', "
    "?, ?) RETURNING id";
constexpr const char* kSetPlacement =
    "UPDATE organizations SET path = ?, department_id = ? WHERE id = ?";
constexpr const char* kUpdateOrg =
    "UPDATE organizations SET name = ?, short_name = ?, code = ?, uscc = ?, parent_id = ?, "
    "office_role = ?, unit_type = ?, sector_code = ?, status = ?, merged_into_id = ?, "
    "qualification = ?, contact = ?, phone = ?, updated_at = ?, version = version + 1 "
    "WHERE id = ? AND version = ?";
constexpr const char* kMoveSubtree =
    "UPDATE organizations SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER)) WHERE "
    "path "
    "LIKE ?";
constexpr const char* kSubtreeDepartment =
    "UPDATE organizations SET department_id = ? WHERE path LIKE ? AND kind IN ('unit', "
    "'finance_office')";
constexpr const char* kNodeCols = "id, parent_id, department_id, kind, region_code, path, status";
constexpr const char* kCountUsers = "SELECT COUNT(*) FROM users WHERE org_id = ?";
constexpr const char* kByCode = "SELECT id FROM organizations WHERE region_code = ? AND code = ?";
constexpr const char* kByUscc = "SELECT id FROM organizations WHERE uscc = ?";
constexpr const char* kOverseen =
    "SELECT department_id FROM office_oversight WHERE office_id = ? ORDER BY department_id";
constexpr const char* kDeleteOversight = "DELETE FROM office_oversight WHERE office_id = ?";
constexpr const char* kInsertOversight =
    "INSERT INTO office_oversight (office_id, department_id) VALUES (?, ?) "
    "ON CONFLICT (office_id, department_id) DO NOTHING";
constexpr const char* kOfficesOf = "SELECT office_id FROM office_oversight WHERE department_id = ?";
constexpr const char* kDeleteOversightOf = "DELETE FROM office_oversight WHERE department_id = ?";
constexpr const char* kInsertHistory =
    "INSERT INTO org_history (org_id, at, action, actor_id, actor_name, before_json, after_json, "
    "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kHistory =
    "SELECT id, org_id, at, action, actor_name, before_json, after_json, reason FROM org_history "
    "WHERE org_id = ? ORDER BY id";
constexpr const char* kScopeKinds =
    "SELECT DISTINCT r.scope_kind FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
    "WHERE ur.user_id = ?";
constexpr const char* kSetUserOrg =
    "UPDATE users SET org_id = ?, updated_at = ?, version = version + 1 WHERE id = ?";

constexpr const char* kExpertCols =
    "e.id, e.name, e.org_id, e.region_code, e.title, e.fields, e.phone, e.id_card_tail, e.status, "
    "e.user_id, e.version, (SELECT o.name FROM organizations o WHERE o.id = e.org_id)";
constexpr const char* kInsertExpert =
    "INSERT INTO experts (name, org_id, region_code, title, fields, phone, id_card_tail, status, "
    "user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateExpert =
    "UPDATE experts SET name = ?, org_id = ?, region_code = ?, title = ?, fields = ?, phone = ?, "
    "id_card_tail = ?, status = ?, user_id = ?, updated_at = ?, version = version + 1 "
    "WHERE id = ? AND version = ?";

constexpr const char* kRole =
    "SELECT id, code, name, description, builtin, admin_kind, scope_kind, version FROM roles "
    "WHERE id = ?";
constexpr const char* kRolePerms =
    "SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission";
constexpr const char* kRoleByCode = "SELECT id FROM roles WHERE code = ?";
constexpr const char* kInsertRole =
    "INSERT INTO roles (code, name, name_en, description, builtin, admin_kind, scope_kind, "
    "created_at, updated_at) VALUES (?, ?, '', ?, 0, NULL, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateRole =
    "UPDATE roles SET name = ?, description = ?, scope_kind = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ? AND version = ? AND builtin = 0";
constexpr const char* kDeleteRolePerms = "DELETE FROM role_permissions WHERE role_id = ?";
constexpr const char* kInsertRolePerm =
    "INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)";
constexpr const char* kUsersWithRole = "SELECT user_id FROM user_roles WHERE role_id = ?";

// Kinds first in the order a finance user reads the tree, then by code.
constexpr const char* kOrgOrder =
    " ORDER BY CASE o.kind WHEN 'finance_bureau' THEN 0 WHEN 'finance_office' THEN 1 "
    "WHEN 'department' THEN 2 WHEN 'unit' THEN 3 WHEN 'dev_zone' THEN 4 WHEN 'township' THEN 5 "
    "WHEN 'third_party' THEN 6 ELSE 7 END, CASE WHEN o.code IS NULL THEN 1 ELSE 0 END, o.code, "
    "o.id";

Region region_of(const db::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)};
}

Organization org_of(const db::Row& r) {
  Organization o;
  o.id = r.i64(0);
  o.kind = r.text(1);
  o.name = r.text(2);
  o.short_name = r.text(3);
  o.code = r.text(4);
  o.uscc = r.text(5);
  o.region_code = r.text(6);
  o.parent_id = r.opt_i64(7);
  o.department_id = r.opt_i64(8);
  o.office_role = r.text(9);
  o.unit_type = r.text(10);
  o.sector_code = r.text(11);
  o.status = r.text(12);
  o.merged_into_id = r.opt_i64(13);
  o.qualification_json = r.text(14);
  o.contact = r.text(15);
  o.phone = r.text(16);
  o.path = r.text(17);
  o.created_at = r.text(18);
  o.updated_at = r.text(19);
  o.version = r.i64(20);
  return o;
}

OrgNode node_of(const db::Row& r) {
  OrgNode n;
  n.id = r.i64(0);
  n.parent_id = r.opt_i64(1);
  n.department_id = r.opt_i64(2);
  n.kind = r.text(3);
  n.region_code = r.text(4);
  n.path = r.text(5);
  n.status = r.text(6);
  return n;
}

// A LIKE pattern matching s anywhere, with % _ and \ taken literally.
std::string contains(const std::string& s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

std::string prefix_like(const std::string& s) {
  return s + "%";  // paths are digits and '/', no wildcard characters
}

// Region codes are digits, so the codes inside a region (those starting with its prefix) are
// exactly [prefix, prefix with its last non-9 digit raised): "3715" -> ["3715", "3716"),
// "379" -> ["379", "38"). Digit strings sort so in every collation. Unlike `LIKE 'prefix%'`
// (case-insensitive on SQLite, collation-bound on PostgreSQL, opaque as a parameter in a
// generic plan) a range is served by the region_code indexes on both databases.
std::string region_range(const std::string& col, const std::string& prefix, db::Params& p) {
  std::string hi = prefix;
  while (!hi.empty() && hi.back() == '9') hi.pop_back();
  p.push_back(prefix);
  if (hi.empty()) return col + " >= ?";
  ++hi.back();
  p.push_back(hi);
  return "(" + col + " >= ? AND " + col + " < ?)";
}

// The region prefix every row in scope lies under, when the scope is region grants under one
// prefix (a fin_perf or oversight user); "" otherwise.
std::string scope_region_prefix(const auth::Scope& scope) {
  if (scope.is_all() || scope.grants().empty()) return "";
  std::string prefix;
  for (const auto& g : scope.grants()) {
    if (!g.org_ids.empty() || g.region_codes.size() != 1) return "";
    if (!prefix.empty() && prefix != g.region_codes[0]) return "";
    prefix = g.region_codes[0];
  }
  return prefix;
}

// The one region range to give the planner, ANDed next to the scope's own predicate: the
// region filter's (filter_prefix, "" for none), or the scope's region when it is narrower.
// Not a whole province's (a 2-digit prefix): an instance holds one province at most, so that
// range covers the table, and on SQLite (which keeps no statistics) an index range over the
// whole table is slower than the scan.
std::string region_bounds(const auth::Scope& scope, const std::string& filter_prefix,
                          const std::string& col, db::Params& p) {
  std::string scoped = scope_region_prefix(scope);
  if (scoped.size() <= 2) scoped.clear();
  std::string narrow = filter_prefix;
  if (!scoped.empty() && scoped.size() > filter_prefix.size() &&
      scoped.compare(0, filter_prefix.size(), filter_prefix) == 0)
    narrow = scoped;  // inside the filter's region: the scope's predicate implies the filter
  return narrow.empty() ? "1=1" : region_range(col, narrow, p);
}

bool is_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

Expert expert_of(const db::Row& r) {
  Expert e;
  e.id = r.i64(0);
  e.name = r.text(1);
  e.org_id = r.opt_i64(2);
  e.region_code = r.text(3);
  e.title = r.text(4);
  try {
    json::value parsed = json::parse(r.text(5));
    if (parsed.is_array())
      for (const auto& v : parsed.as_array())
        if (v.is_string()) e.fields.emplace_back(v.as_string());
  } catch (const std::exception&) {
  }
  e.phone = r.text(6);
  e.id_card_tail = r.text(7);
  e.status = r.text(8);
  e.user_id = r.opt_i64(9);
  e.version = r.i64(10);
  e.org_name = r.text(11);
  return e;
}

std::string fields_json(const std::vector<std::string>& fields) {
  json::array a;
  for (const auto& f : fields) a.emplace_back(f);
  return json::serialize(a);
}

}  // namespace

void insert_region(db::Conn& tx, const Region& r, const std::string& now) {
  tx.exec(kInsertRegion,
          {r.code, r.name, r.level, db::null_if_empty(r.parent_code), r.full_name, now});
}

std::optional<Region> find_region(db::Conn& c, const std::string& code) {
  auto r = c.one(std::string("SELECT ") + kRegionCols + " FROM regions WHERE code = ?", {code});
  if (!r) return std::nullopt;
  return region_of(*r);
}

std::vector<Region> all_regions(db::Conn& c) {
  std::vector<Region> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kRegionCols + " FROM regions ORDER BY code"))
    out.push_back(region_of(r));
  return out;
}

std::vector<std::string> region_codes_in_scope(db::Conn& c, const auth::Scope& scope) {
  // The regions inside a region grant, and the regions of the organizations an id grant names
  // (an organization in a region grant lies in a region of the first part already).
  auth::Scope by_id, by_region;
  for (const auto& g : scope.grants()) {
    if (!g.org_ids.empty()) by_id.add({g.kind, g.org_ids, {}});
    if (!g.region_codes.empty()) by_region.add({g.kind, {}, g.region_codes});
  }
  db::Params p;
  // (Each part on its own line: the operands of + are unsequenced, the parameters are not.)
  std::string sql = "SELECT r.code FROM regions r WHERE " + by_region.predicate("-1", "r.code", p);
  sql += " AND " + region_bounds(by_region, "", "r.code", p);
  if (!by_id.is_empty())
    sql += " UNION SELECT o.region_code FROM organizations o WHERE " +
           by_id.predicate("o.id", "o.region_code", p);
  std::vector<std::string> out;
  for (const auto& r : c.query(sql + " ORDER BY 1", p)) out.push_back(r.text(0));
  return out;
}

std::optional<Organization> find(db::Conn& c, int64_t id) {
  auto r = c.one(std::string("SELECT ") + kOrgCols + " FROM organizations o WHERE o.id = ?", {id});
  if (!r) return std::nullopt;
  return org_of(*r);
}

std::optional<Organization> find_in_scope(db::Conn& c, int64_t id, const auth::Scope& scope) {
  db::Params p{id};
  std::string pred = scope.predicate("o.id", "o.region_code", p);
  auto r = c.one(
      std::string("SELECT ") + kOrgCols + " FROM organizations o WHERE o.id = ? AND " + pred, p);
  if (!r) return std::nullopt;
  return org_of(*r);
}

int64_t insert(db::Conn& tx, const Organization& o, const std::string& now) {
  int64_t id =
      tx.query(kInsertOrg,
               {o.kind, o.name, o.short_name, db::null_if_empty(o.code), db::null_if_empty(o.uscc),
                o.region_code, o.parent_id, o.department_id, db::null_if_empty(o.office_role),
                o.unit_type, o.sector_code, o.qualification_json, o.contact, o.phone, now, now})[0]
          .i64(0);
  index_name(tx, id, o.name, o.short_name);
  return id;
}

void index_name(db::Conn& tx, int64_t id, const std::string& name, const std::string& short_name) {
  tx.exec("DELETE FROM org_name_grams WHERE org_id = ?", {id});
  for (const auto& g : name_grams({name, short_name}))
    tx.exec("INSERT INTO org_name_grams (gram, org_id) VALUES (?, ?)", {g, id});
}

int64_t index_missing_names(db::Conn& tx) {
  std::vector<std::tuple<int64_t, std::string, std::string>> todo;
  for (const auto& r : tx.query("SELECT o.id, o.name, o.short_name FROM organizations o WHERE NOT "
                                "EXISTS (SELECT 1 FROM org_name_grams g WHERE g.org_id = o.id)"))
    todo.emplace_back(r.i64(0), r.text(1), r.text(2));
  for (const auto& [id, name, short_name] : todo) index_name(tx, id, name, short_name);
  return static_cast<int64_t>(todo.size());
}

void set_placement(db::Conn& tx, int64_t id, const std::string& path,
                   std::optional<int64_t> department_id) {
  tx.exec(kSetPlacement, {path, department_id, id});
}

bool update(db::Conn& tx, const Organization& o, int64_t expected_version, const std::string& now) {
  bool ok = tx.exec(kUpdateOrg,
                    {o.name, o.short_name, db::null_if_empty(o.code), db::null_if_empty(o.uscc),
                     o.parent_id, db::null_if_empty(o.office_role), o.unit_type, o.sector_code,
                     o.status, o.merged_into_id, o.qualification_json, o.contact, o.phone, now,
                     o.id, expected_version}) == 1;
  if (ok) index_name(tx, o.id, o.name, o.short_name);
  return ok;
}

void move_subtree(db::Conn& tx, const std::string& old_prefix, const std::string& new_prefix,
                  std::optional<int64_t> department_id) {
  if (department_id) tx.exec(kSubtreeDepartment, {*department_id, prefix_like(old_prefix)});
  tx.exec(kMoveSubtree,
          {new_prefix, static_cast<int64_t>(old_prefix.size() + 1), prefix_like(old_prefix)});
}

std::vector<OrgNode> subtree(db::Conn& c, const std::string& path_prefix) {
  std::vector<OrgNode> out;
  for (const auto& r : c.query(std::string("SELECT ") + kNodeCols +
                                   " FROM organizations WHERE path LIKE ? ORDER BY path",
                               {prefix_like(path_prefix)}))
    out.push_back(node_of(r));
  return out;
}

std::vector<int64_t> child_ids(db::Conn& c, int64_t id) {
  std::vector<int64_t> out;
  for (const auto& r :
       c.query("SELECT id FROM organizations WHERE parent_id = ? ORDER BY id", {id}))
    out.push_back(r.i64(0));
  return out;
}

int64_t count_children(db::Conn& c, int64_t id, const auth::Scope& scope) {
  db::Params p{id};
  std::string pred = scope.predicate("o.id", "o.region_code", p);
  return c.query("SELECT COUNT(*) FROM organizations o WHERE o.parent_id = ? AND " + pred, p)[0]
      .i64(0);
}

std::set<int64_t> with_children(db::Conn& c, const std::vector<int64_t>& ids,
                                const auth::Scope& scope) {
  std::set<int64_t> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string in = db::in_list(ids, p);
  std::string pred = scope.predicate("o.id", "o.region_code", p);
  for (const auto& r :
       c.query("SELECT DISTINCT o.parent_id FROM organizations o WHERE o.parent_id IN (" + in +
                   ") AND " + pred,
               p))
    out.insert(r.i64(0));
  return out;
}

int64_t count_users(db::Conn& c, int64_t org_id) {
  return c.query(kCountUsers, {org_id})[0].i64(0);
}

std::vector<int64_t> users_of_org(db::Conn& c, int64_t org_id) {
  std::vector<int64_t> out;
  for (const auto& r : c.query("SELECT id FROM users WHERE org_id = ?", {org_id}))
    out.push_back(r.i64(0));
  return out;
}

std::vector<int64_t> users_of_department(db::Conn& c, int64_t department_id) {
  std::vector<int64_t> out;
  for (const auto& r : c.query(
           "SELECT u.id FROM users u JOIN organizations o ON o.id = u.org_id WHERE o.department_id "
           "= ? UNION SELECT u.id FROM users u JOIN office_oversight v ON v.office_id = u.org_id "
           "WHERE v.department_id = ?",
           {department_id, department_id}))
    out.push_back(r.i64(0));
  return out;
}

std::optional<int64_t> find_by_code(db::Conn& c, const std::string& region_code,
                                    const std::string& code) {
  auto r = c.one(kByCode, {region_code, code});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::optional<int64_t> find_by_uscc(db::Conn& c, const std::string& uscc) {
  auto r = c.one(kByUscc, {uscc});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::vector<Organization> list(db::Conn& c, const auth::Scope& scope, const UnitFilter& f,
                               std::optional<Page> page, int64_t* total) {
  db::Params p;
  std::string where = scope.predicate("o.id", "o.region_code", p);
  where += " AND " + region_bounds(scope, f.region_code.empty() ? "" : region_prefix(f.region_code),
                                   "o.region_code", p);
  if (!f.q.empty()) {
    // code and uscc are ASCII: a Chinese fragment is looked for in the names only. Most
    // organizations have no short name: skip its LIKE (the costly part of a scan) then.
    bool ascii = is_ascii(f.q);
    // A fragment of two characters or more is looked up in the name index first (the
    // organizations holding all its pairs), then checked with LIKE; at province scale that
    // reads hundreds of rows instead of every organization.
    if (!ascii)
      for (const auto& g : name_grams({f.q})) {
        where += " AND o.id IN (SELECT g.org_id FROM org_name_grams g WHERE g.gram = ?)";
        p.push_back(g);
      }
    where +=
        " AND (o.name LIKE ? ESCAPE '\\' OR (o.short_name <> '' AND o.short_name LIKE ? ESCAPE "
        "'\\')";
    where += ascii ? " OR o.code LIKE ? ESCAPE '\\' OR o.uscc LIKE ? ESCAPE '\\')" : ")";
    for (int i = ascii ? 4 : 2; i > 0; --i) p.push_back(contains(f.q));
  }
  if (!f.kind.empty()) {
    where += " AND o.kind = ?";
    p.push_back(f.kind);
  }
  if (f.department_id) {
    where += " AND o.department_id = ?";
    p.push_back(*f.department_id);
  }
  if (!f.status.empty()) {
    where += " AND o.status = ?";
    p.push_back(f.status);
  }
  if (!f.sector_code.empty()) {
    where += " AND o.sector_code = ?";
    p.push_back(f.sector_code);
  }
  // A search reads every row in scope once: the page carries the total (COUNT(*) OVER ()),
  // instead of a second scan for the count.
  bool counted = total && page && !f.q.empty();
  if (total && !counted)
    *total = c.query("SELECT COUNT(*) FROM organizations o WHERE " + where, p)[0].i64(0);
  std::string order = f.sort == "name" ? " ORDER BY o.name, o.id"
                                       : " ORDER BY CASE WHEN o.code IS NULL THEN 1 ELSE 0 END, "
                                         "o.code, o.id";
  db::Params count_params = counted ? p : db::Params{};
  std::string sql = std::string("SELECT ") + kOrgCols + (counted ? ", COUNT(*) OVER ()" : "") +
                    " FROM organizations o WHERE " + where + order;
  if (page) {
    sql += " LIMIT ? OFFSET ?";
    p.push_back(page->size);
    p.push_back(page->offset());
  }
  std::vector<Organization> out;
  c.each(sql, p, [&](const db::Row& r) {
    out.push_back(org_of(r));
    if (counted) *total = r.i64(21);
  });
  if (counted && out.empty())  // past the last page, or nothing found
    *total =
        page->offset() == 0
            ? 0
            : c.query("SELECT COUNT(*) FROM organizations o WHERE " + where, count_params)[0].i64(
                  0);
  return out;
}

std::vector<std::pair<Organization, bool>> children(db::Conn& c, const auth::Scope& scope,
                                                    std::optional<int64_t> parent_id,
                                                    const std::string& region_code) {
  db::Params p;
  std::string has = "EXISTS (SELECT 1 FROM organizations k WHERE k.parent_id = o.id AND " +
                    scope.predicate("k.id", "k.region_code", p) + ")";
  std::string where;
  if (parent_id) {
    where = "o.parent_id = ?";
    p.push_back(*parent_id);
  } else {
    where = "1=1";
  }
  where += " AND " + scope.predicate("o.id", "o.region_code", p);
  where += " AND " + region_bounds(scope, region_code.empty() ? "" : region_prefix(region_code),
                                   "o.region_code", p);
  // The top of the scope: no parent in scope (a NULL parent_id matches no t.id). Without an OR
  // around it, the NOT EXISTS is an anti-join on the primary key.
  if (!parent_id)
    where += " AND NOT EXISTS (SELECT 1 FROM organizations t WHERE t.id = o.parent_id AND " +
             scope.predicate("t.id", "t.region_code", p) + ")";
  std::vector<std::pair<Organization, bool>> out;
  c.each(std::string("SELECT ") + kOrgCols + ", CASE WHEN " + has +
             " THEN 1 ELSE 0 END FROM organizations o WHERE " + where + kOrgOrder,
         p, [&](const db::Row& r) { out.emplace_back(org_of(r), r.i64(21) > 0); });
  return out;
}

std::vector<Organization> search(db::Conn& c, const auth::Scope& scope, const std::string& q,
                                 int64_t limit) {
  UnitFilter f;
  f.q = q;
  Page page;
  page.size = limit;
  return list(c, scope, f, page, nullptr);
}

std::vector<std::pair<int64_t, std::string>> names_in_scope(db::Conn& c, const auth::Scope& scope,
                                                            const std::vector<int64_t>& ids) {
  std::vector<std::pair<int64_t, std::string>> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string in = db::in_list(ids, p);
  std::string pred = scope.predicate("o.id", "o.region_code", p);
  std::map<int64_t, std::string> names;
  for (const auto& r : c.query(
           "SELECT o.id, o.name FROM organizations o WHERE o.id IN (" + in + ") AND " + pred, p))
    names[r.i64(0)] = r.text(1);
  for (int64_t id : ids)
    if (names.count(id)) out.emplace_back(id, names[id]);
  return out;
}

std::vector<int64_t> overseen_departments(db::Conn& c, int64_t office_id) {
  std::vector<int64_t> out;
  for (const auto& r : c.query(kOverseen, {office_id})) out.push_back(r.i64(0));
  return out;
}

void set_oversight(db::Conn& tx, int64_t office_id, const std::vector<int64_t>& department_ids) {
  tx.exec(kDeleteOversight, {office_id});
  for (int64_t d : department_ids) tx.exec(kInsertOversight, {office_id, d});
}

void move_oversight(db::Conn& tx, int64_t from, int64_t to) {
  for (const auto& r : tx.query(kOfficesOf, {from})) tx.exec(kInsertOversight, {r.i64(0), to});
  tx.exec(kDeleteOversightOf, {from});
}

void insert_history(db::Conn& tx, const HistoryEntry& h, int64_t actor_id) {
  tx.exec(kInsertHistory, {h.org_id, h.at, h.action, actor_id, h.actor_name, h.before_json,
                           h.after_json, h.reason});
}

std::vector<HistoryEntry> history(db::Conn& c, int64_t org_id) {
  std::vector<HistoryEntry> out;
  for (const auto& r : c.query(kHistory, {org_id}))
    out.push_back(
        {r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
  return out;
}

std::optional<OrgNode> node(db::Conn& c, int64_t id) {
  auto r = c.one(std::string("SELECT ") + kNodeCols + " FROM organizations WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return node_of(*r);
}

std::vector<OrgNode> nodes_of_departments(db::Conn& c, const std::vector<int64_t>& department_ids) {
  std::vector<OrgNode> out;
  for (int64_t d : department_ids)
    for (const auto& r :
         c.query(std::string("SELECT ") + kNodeCols + " FROM organizations WHERE department_id = ?",
                 {d}))
      out.push_back(node_of(r));
  return out;
}

std::vector<std::string> scope_kinds_of_user(db::Conn& c, int64_t user_id) {
  std::vector<std::string> out;
  for (const auto& r : c.query(kScopeKinds, {user_id})) out.push_back(r.text(0));
  return out;
}

void set_user_org(db::Conn& tx, int64_t user_id, std::optional<int64_t> org_id,
                  const std::string& now) {
  tx.exec(kSetUserOrg, {org_id, now, user_id});
}

std::optional<Expert> find_expert(db::Conn& c, int64_t id, const auth::Scope& scope) {
  db::Params p{id};
  std::string pred = scope.predicate("e.org_id", "e.region_code", p);
  auto r =
      c.one(std::string("SELECT ") + kExpertCols + " FROM experts e WHERE e.id = ? AND " + pred, p);
  if (!r) return std::nullopt;
  return expert_of(*r);
}

int64_t insert_expert(db::Conn& tx, const Expert& e, const std::string& now) {
  return tx
      .query(kInsertExpert, {e.name, e.org_id, e.region_code, e.title, fields_json(e.fields),
                             e.phone, e.id_card_tail, e.status, e.user_id, now, now})[0]
      .i64(0);
}

bool update_expert(db::Conn& tx, const Expert& e, int64_t expected_version,
                   const std::string& now) {
  return tx.exec(kUpdateExpert,
                 {e.name, e.org_id, e.region_code, e.title, fields_json(e.fields), e.phone,
                  e.id_card_tail, e.status, e.user_id, now, e.id, expected_version}) == 1;
}

std::vector<Expert> list_experts(db::Conn& c, const auth::Scope& scope, const std::string& q,
                                 const std::string& field, const std::string& status,
                                 const Page& page, int64_t* total) {
  db::Params p;
  std::string where = scope.predicate("e.org_id", "e.region_code", p);
  if (!q.empty()) {
    where += " AND (e.name LIKE ? ESCAPE '\\' OR e.title LIKE ? ESCAPE '\\')";
    p.push_back(contains(q));
    p.push_back(contains(q));
  }
  if (!field.empty()) {
    // fields is a JSON array of strings: match the quoted element.
    where += " AND e.fields LIKE ? ESCAPE '\\'";
    p.push_back(contains(json::serialize(json::value(field))));
  }
  if (!status.empty()) {
    where += " AND e.status = ?";
    p.push_back(status);
  }
  *total = c.query("SELECT COUNT(*) FROM experts e WHERE " + where, p)[0].i64(0);
  p.push_back(page.size);
  p.push_back(page.offset());
  std::vector<Expert> out;
  for (const auto& r : c.query(std::string("SELECT ") + kExpertCols + " FROM experts e WHERE " +
                                   where + " ORDER BY e.id LIMIT ? OFFSET ?",
                               p))
    out.push_back(expert_of(r));
  return out;
}

std::optional<Role> find_role(db::Conn& c, int64_t id) {
  auto r = c.one(kRole, {id});
  if (!r) return std::nullopt;
  Role role{r->i64(0),  r->text(1), r->text(2), r->text(3), r->i64(4) != 0,
            r->text(5), r->text(6), {},         r->i64(7)};
  for (const auto& p : c.query(kRolePerms, {id})) role.permissions.push_back(p.text(0));
  return role;
}

std::optional<int64_t> find_role_by_code(db::Conn& c, const std::string& code) {
  auto r = c.one(kRoleByCode, {code});
  if (!r) return std::nullopt;
  return r->i64(0);
}

int64_t insert_role(db::Conn& tx, const Role& r, const std::string& now) {
  int64_t id =
      tx.query(kInsertRole, {r.code, r.name, r.description, r.scope_kind, now, now})[0].i64(0);
  for (const auto& p : r.permissions) tx.exec(kInsertRolePerm, {id, p});
  return id;
}

bool update_role(db::Conn& tx, const Role& r, int64_t expected_version, const std::string& now) {
  if (tx.exec(kUpdateRole, {r.name, r.description, r.scope_kind, now, r.id, expected_version}) != 1)
    return false;
  tx.exec(kDeleteRolePerms, {r.id});
  for (const auto& p : r.permissions) tx.exec(kInsertRolePerm, {r.id, p});
  return true;
}

std::vector<int64_t> users_with_role(db::Conn& c, int64_t role_id) {
  std::vector<int64_t> out;
  for (const auto& r : c.query(kUsersWithRole, {role_id})) out.push_back(r.i64(0));
  return out;
}

}  // namespace jx::org::store
