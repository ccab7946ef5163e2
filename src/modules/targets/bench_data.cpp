// The generated 绩效目标 of `jixiao bench-data` (see bench_data.hpp): each project that needs
// targets in the year gets its leaves from the starter library of its sector (a cost, quantities,
// a quality, a timeliness, benefits and a satisfaction leaf at the library's recommended values,
// counts scaled to the project), each 一级预算单位 its 部门整体 targets with the year's main tasks
// linked to its projects; the service's own check counts the errors and warnings of each.
#include "modules/targets/bench_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "modules/indicators/service.hpp"
#include "modules/targets/rules.hpp"
#include "modules/targets/service.hpp"
#include "platform/audit/audit.hpp"

#include <spdlog/spdlog.h>

namespace jx::targets {

namespace {

namespace json = boost::json;

// Deterministic and fast (splitmix64), as the projects generator.
uint64_t mix64(uint64_t x) {
  uint64_t z = x + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A UTC timestamp `day` days after 1 January of `year`, at `secs` past midnight.
std::string stamp(int year, int day, int secs) {
  using namespace std::chrono;
  sys_days d = sys_days(std::chrono::year(year) / January / 1) + days(day);
  year_month_day ymd(d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                secs / 3600 % 24, secs / 60 % 60, secs % 60);
  return buf;
}

// Multi-row INSERTs of at most ~6,000 parameters (every full batch the same SQL, prepared once).
void bulk_insert(db::Conn& tx, const std::string& head, size_t ncols, const db::Params& values) {
  size_t rows = values.size() / ncols;
  size_t batch = std::max<size_t>(1, 6000 / ncols);
  std::string tuple = "(";
  for (size_t i = 0; i < ncols; ++i) tuple += i ? ", ?" : "?";
  tuple += ")";
  for (size_t at = 0; at < rows; at += batch) {
    size_t n = std::min(batch, rows - at);
    std::string sql = head + " VALUES ";
    for (size_t i = 0; i < n; ++i) {
      if (i) sql += ", ";
      sql += tuple;
    }
    db::Params p(values.begin() + static_cast<std::ptrdiff_t>(at * ncols),
                 values.begin() + static_cast<std::ptrdiff_t>((at + n) * ncols));
    tx.exec(sql, p);
  }
}

// A library indicator and the part of the tree it fills.
struct LibRow {
  int64_t id = 0;
  std::string code, sector, level1, level2, name, nature, value, unit, basis, explanation;
  bool core = false;
  std::string pool;  // cost | quantity | quality | timeliness | benefit | satisfaction
};

const char* const kPools[] = {"cost",    "quantity",     "quality", "timeliness",
                              "benefit", "satisfaction", nullptr};

// The library sector of a department by its 类 (organizations.sector_code) and kind.
std::string sector_of_department(const std::string& klass, const std::string& kind) {
  if (kind == "township" || kind == "dev_zone") return "agriculture";
  static const std::map<std::string, std::string> by_class = {
      {"201", "general_public"}, {"205", "education"}, {"208", "social_security"},
      {"210", "health"},         {"212", "urban"},     {"213", "agriculture"},
      {"214", "transport"}};
  auto it = by_class.find(klass);
  return it == by_class.end() ? "other" : it->second;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 10 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A leaf from a library row, its key unique in the revision; counts vary with the seed.
Leaf leaf_of(const LibRow& x, uint64_t seed, int years) {
  Leaf l;
  char key[24];
  std::snprintf(key, sizeof key, "b%010llx",
                static_cast<unsigned long long>(seed & 0xFFFFFFFFFFULL));
  l.key = key;
  l.level1 = x.level1;
  l.level2 = x.level2;
  l.name = x.name;
  l.nature = x.nature;
  l.value = x.value;
  bool count = (x.nature == ">=" || x.nature == ">") && x.unit != "%" && all_digits(x.value);
  if (count) {
    int64_t v = std::stoll(x.value);
    if (v >= 10) l.value = std::to_string(std::max<int64_t>(1, v * (60 + seed % 80) / 100));
  }
  if (years > 1) l.period_value = count ? std::to_string(std::stoll(l.value) * years) : l.value;
  l.unit = x.unit;
  l.basis = x.basis;
  l.explanation = x.explanation;
  l.is_core = x.core;
  l.library_id = x.id;
  l.library_level2 = x.level2;
  return l;
}

struct ProjectRow {
  int64_t id = 0, org_id = 0, department_id = 0, amount = 0;
  std::string region, name, sector;
  int start = 0, end = 0;
  bool budgeted = false;
};

struct DeptRow {
  int64_t id = 0;
  std::string name, region, kind, klass;
};

// One revision as it is written.
struct Rev {
  int64_t set_id = 0, id = 0, org_id = 0, department_id = 0;
  std::optional<int64_t> project_id;
  std::string kind, region, title, state, grade;
  std::string period_goal, year_goal;
  int errors = 0, warnings = 0;
  std::string created_at, submitted_at, reviewed_at;
  std::vector<Leaf> leaves;
  std::vector<Task> tasks;
};

}  // namespace

BenchTargetsResult generate_bench_targets(db::Db& db, const Clock& clock,
                                          const BenchTargetsScale& scale) {
  const int current =
      scale.year > 0 ? scale.year : std::stoi(shanghai_date(clock.now()).substr(0, 4));
  int year = current;  // the year being generated: last year, this year, next year
  BenchTargetsResult result;
  auto t0 = std::chrono::steady_clock::now();
  auto phase = [&](const char* what) {
    spdlog::info("bench-data targets: {} at {:.1f} s", what,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };

  db.write([&](db::Conn& tx) {
    if (tx.dialect() == db::Dialect::kSqlite) tx.exec("PRAGMA cache_size = -524288");
    if (tx.query("SELECT COUNT(*) FROM target_sets")[0].i64(0) > 0)
      throw std::runtime_error(
          "数据库中已有绩效目标，目标压测数据只能写入没有绩效目标的库 (the database already holds "
          "target sets)");

    // ---- the library, by sector and the part of the tree each row fills; rows the check
    // would question on their own (a unit missing, a branch) are left out
    const indicators::Tree tree0 = indicators::tree_for(tx, "", year);
    RoleMap roles0;
    for (const auto& l1 : tree0.items)
      for (const auto& l2 : l1.children) roles0[{l1.name, l2.name}] = {l1.role, l2.role};
    const CheckRules rules0 = check_rules(tx, "", year);
    std::map<std::string, std::map<std::string, std::vector<LibRow>>> lib;  // sector -> pool
    for (const auto& r : tx.query(
             "SELECT id, code, sector, level1, level2, name, nature, recommended_value, unit, "
             "basis, method, data_source, is_core FROM indicators WHERE status = 'active' AND "
             "region_code = '' AND from_year <= ? AND (to_year IS NULL OR to_year >= ?) ORDER BY "
             "code",
             {current - 1, current + 1})) {
      LibRow x;
      x.id = r.i64(0);
      x.code = r.text(1);
      x.sector = r.text(2);
      x.level1 = r.text(3);
      x.level2 = r.text(4);
      x.name = r.text(5);
      x.nature = r.text(6);
      x.value = r.text(7);
      x.unit = r.text(8);
      x.basis = r.text(9);
      std::string m = r.text(10);
      if (!m.empty() && m.size() >= 3 && m.compare(m.size() - 3, 3, "。") != 0) m += "。";
      x.explanation = m + (r.text(11).empty() ? "" : "数据来源：" + r.text(11) + "。");
      x.core = r.i64(12) != 0;
      auto it = roles0.find({x.level1, x.level2});
      if (it == roles0.end()) continue;
      const Roles& ro = it->second;
      bool money =
          x.level2.find("社会") == std::string::npos && x.level2.find("生态") == std::string::npos;
      if (ro.level1 == "cost" || ro.level2 == "cost")
        x.pool = money ? "cost" : "";
      else if (ro.level1 == "benefit")
        x.pool = "benefit";
      else if (ro.level1 == "satisfaction" || ro.level2 == "satisfaction")
        x.pool = "satisfaction";
      else if (ro.level2 == "quantity" || ro.level2 == "quality" || ro.level2 == "timeliness")
        x.pool = ro.level2;
      if (x.pool.empty()) continue;
      Draft one;
      one.leaves.push_back(leaf_of(x, 1, 1));
      one.leaves.back().weight_x100 = 10000;
      bool clean = true;
      for (const auto& i : check(one, roles0, rules0))
        if (!i.leaf_key.empty()) clean = false;
      if (clean) lib[x.sector][x.pool].push_back(std::move(x));
    }
    for (const char* const* p = kPools; *p; ++p)
      if (lib["other"][*p].empty())
        throw std::runtime_error(
            "指标库缺少通用指标，请先执行迁移 0013 (the starter indicator library is missing)");
    auto pool = [&](const std::string& sector, const char* which) -> const std::vector<LibRow>& {
      auto s = lib.find(sector);
      if (s != lib.end()) {
        auto r = s->second.find(which);
        if (r != s->second.end() && !r->second.empty()) return r->second;
      }
      return lib["other"][which];
    };
    // n leaves (6..12) for a sector: one of each part, then more quantities, qualities and
    // benefits; weights in whole points adding up to 100 (cost and satisfaction 10 each).
    auto leaves_for = [&](const std::string& sector, int n, uint64_t seed, int years) {
      std::vector<Leaf> out;
      std::set<std::string> names;
      std::vector<const char*> want = {"cost", "quantity", "quality", "timeliness", "benefit"};
      const char* extra[] = {"quantity", "benefit", "quality", "quantity", "benefit", "timeliness"};
      for (int i = 0; static_cast<int>(want.size()) < n - 1; ++i) want.push_back(extra[i % 6]);
      want.push_back("satisfaction");
      uint64_t h = seed;
      for (const char* w : want) {
        h = mix64(h);
        // the sector's own rows first, then the general ones, each list from a place by the seed
        bool placed = false;
        for (const std::string& from :
             {sector, std::string("general_public"), std::string("other")}) {
          const auto& list = pool(from, w);
          for (size_t k = 0; k < list.size() && !placed; ++k) {
            const LibRow& x = list[(h + k) % list.size()];
            if (!names.insert(x.name).second) continue;
            out.push_back(leaf_of(x, mix64(h + k), years));
            placed = true;
          }
          if (placed) break;
        }
      }
      int m = static_cast<int>(out.size());
      int64_t each = m > 2 ? (10000 - 2000) / (m - 2) / 100 * 100 : 0, spent = 0;
      for (int i = 0; i < m; ++i) {
        int64_t w = (i == 0 || i == m - 1) ? 1000 : each;  // the cost and the satisfaction leaf
        out[i].weight_x100 = w;
        spent += w;
      }
      if (m > 2) *out[1].weight_x100 += 10000 - spent;  // the first quantity takes what is left
      return out;
    };

    // ---- the trees and rules by county (settings may differ), the reviewers and the filers
    std::map<std::string, std::pair<RoleMap, CheckRules>> by_county;
    std::map<std::string, std::string> scheme_of;
    auto county_rules = [&](const std::string& region) -> const std::pair<RoleMap, CheckRules>& {
      std::string county = region.substr(0, std::min<size_t>(6, region.size()));
      std::string key = county + ":" + std::to_string(year);
      auto it = by_county.find(key);
      if (it != by_county.end()) return it->second;
      auto t = indicators::tree_for(tx, county, year);
      RoleMap m;
      for (const auto& l1 : t.items)
        for (const auto& l2 : l1.children) m[{l1.name, l2.name}] = {l1.role, l2.role};
      scheme_of[key] = t.scheme;
      return by_county.emplace(key, std::make_pair(m, check_rules(tx, county, year))).first->second;
    };
    std::map<std::string, std::pair<int64_t, std::string>> reviewer;  // region -> fin_perf user
    for (const auto& r :
         tx.query("SELECT o.region_code, MIN(u.id) FROM users u JOIN user_roles ur ON ur.user_id = "
                  "u.id JOIN roles ro ON ro.id = ur.role_id AND ro.code = 'fin_perf' JOIN "
                  "organizations o ON o.id = u.org_id WHERE u.status = 'active' GROUP BY "
                  "o.region_code"))
      reviewer[r.text(0)] = {r.i64(1), ""};
    for (auto& [region, who] : reviewer)
      if (auto r = tx.one("SELECT display_name FROM users WHERE id = ?", {who.first}))
        who.second = r->text(0);
    // The 绩效管理股 of the county reviews, else the city's, else the province's.
    auto reviewer_of = [&](const std::string& region) -> std::pair<int64_t, std::string> {
      if (region.size() >= 6)
        for (const std::string& code :
             {region.substr(0, 6), region.substr(0, 4) + "00", region.substr(0, 2) + "0000"})
          if (auto it = reviewer.find(code); it != reviewer.end()) return it->second;
      return {0, "财政绩效管理员"};
    };
    std::map<int64_t, std::pair<int64_t, std::string>> filer;  // org -> its first account
    std::map<int64_t, std::string> filer_login;
    for (const auto& r : tx.query(
             "SELECT u.org_id, u.id, u.display_name, u.username FROM users u WHERE u.org_id IS NOT "
             "NULL AND u.id IN (SELECT MIN(id) FROM users WHERE org_id IS NOT NULL GROUP BY "
             "org_id)")) {
      filer[r.i64(0)] = {r.i64(1), r.text(2)};
      filer_login[r.i64(0)] = r.text(3);
    }

    phase("read");
    std::vector<DeptRow> depts;
    for (const auto& r : tx.query(
             "SELECT id, name, region_code, kind, COALESCE(sector_code, '') FROM organizations "
             "WHERE kind IN ('department', 'township', 'dev_zone') AND status = 'active' ORDER BY "
             "id"))
      depts.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4)});

    int64_t set_id = tx.query("SELECT COALESCE(MAX(id), 0) FROM target_sets")[0].i64(0);
    int64_t rev_id = tx.query("SELECT COALESCE(MAX(id), 0) FROM target_revisions")[0].i64(0);
    int64_t wf_id = tx.query("SELECT COALESCE(MAX(id), 0) FROM wf_instance")[0].i64(0);

    // Last year's targets were all reviewed and approved; this year's mostly are (85/8/5/2 %);
    // next year's are being drawn up. By the project's (or organization's) id and the year.
    int offset = 0;
    auto state_for = [&](int64_t id) -> const char* {
      int x = static_cast<int>(mix64(static_cast<uint64_t>(id) * 7919 + year) % 100);
      if (offset < 0) return "approved";
      if (offset > 0)
        return x < 45 ? "approved" : x < 75 ? "submitted" : x < 93 ? "draft" : "returned";
      return x < 85 ? "approved" : x < 93 ? "submitted" : x < 98 ? "draft" : "returned";
    };
    // Whether a project not budgeted for the year has targets for it (the coverage's gap).
    auto has_set = [&](int64_t id) {
      int x = static_cast<int>(mix64(static_cast<uint64_t>(id) + year) % 100);
      return x < (offset < 0 ? 97 : offset == 0 ? 92 : 80);
    };
    auto fill = [&](Rev& v, uint64_t h) {
      const auto& [roles, rules] = county_rules(v.region);
      if (v.state == "draft" && h % 2 == 0 && v.leaves.size() > 3)
        v.leaves.pop_back();  // still being drafted: no satisfaction leaf yet, weights short
      Draft d;
      d.kind = v.kind;
      d.multi_year = !v.period_goal.empty();
      d.serves_public = true;
      d.period_goal = v.period_goal;
      d.year_goal = v.year_goal;
      d.leaves = v.leaves;
      d.tasks = v.tasks;
      auto issues = check(d, roles, rules);
      v.errors = count_of(issues, Severity::kError);
      v.warnings = count_of(issues, Severity::kWarning);
      if (v.state != "draft" && v.errors > 0)
        throw std::runtime_error("bench-data targets: a generated " + v.state + " set of " +
                                 v.title + " fails the check: " + issues.front().message.zh);
      int day = 270 + static_cast<int>(h % 60);
      v.created_at = stamp(year - 1, day, static_cast<int>(h % 86400));
      if (v.state != "draft")
        v.submitted_at = stamp(year - 1, day + 1 + static_cast<int>(h / 7 % 10),
                               static_cast<int>(h / 13 % 86400));
      if (v.state == "approved" || v.state == "returned")
        v.reviewed_at = stamp(year - 1, day + 12 + static_cast<int>(h / 11 % 20),
                              static_cast<int>(h / 17 % 86400));
    };

    // ---- drop the secondary indexes, load, build them again (as the projects generator)
    const char* bulk_tables =
        "'target_sets', 'target_revisions', 'target_indicators', 'target_tasks', "
        "'target_reviews', 'wf_instance', 'wf_history'";
    std::vector<std::string> index_names, index_sql;
    if (tx.dialect() == db::Dialect::kPostgres) {
      for (const auto& r : tx.query(std::string("SELECT indexname, indexdef FROM pg_indexes i "
                                                "WHERE schemaname = current_schema() AND "
                                                "tablename IN (") +
                                    bulk_tables +
                                    ") AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE "
                                    "c.conname = i.indexname) ORDER BY indexname")) {
        index_names.push_back(r.text(0));
        index_sql.push_back(r.text(1));
      }
    } else {
      for (const auto& r : tx.query(std::string("SELECT name, sql FROM sqlite_master WHERE type = "
                                                "'index' AND sql IS NOT NULL AND tbl_name IN (") +
                                    bulk_tables + ") ORDER BY name")) {
        index_names.push_back(r.text(0));
        index_sql.push_back(r.text(1));
      }
    }
    for (const auto& name : index_names) tx.exec("DROP INDEX " + name);

    db::Params sets, revs, leaves, tasks, reviews, inst, hist;
    std::map<int64_t, int64_t> usage;  // library indicator -> approved leaves
    // In the order the references go: sets, revisions, their content, reviews, workflow.
    auto flush = [&](bool all) {
      if (!all && leaves.size() < 480000 && sets.size() < 120000) return;
      bulk_insert(tx,
                  "INSERT INTO target_sets (id, kind, project_id, org_id, department_id, "
                  "region_code, year, current_revision_id, approved_revision_id, published, "
                  "created_by, created_at, updated_at, version)",
                  14, sets);
      bulk_insert(tx,
                  "INSERT INTO target_revisions (id, set_id, revision, state, tree_scheme, "
                  "period_goal, year_goal, serves_public, change_reason, grade, errors, warnings, "
                  "submitted_at, approved_at, created_by, created_at, updated_at, version)",
                  18, revs);
      bulk_insert(tx,
                  "INSERT INTO target_indicators (revision_id, leaf_key, sort, level1, level2, "
                  "name, nature, value, period_value, unit, weight_x100, basis, explanation, "
                  "is_core, library_id, review_comment)",
                  16, leaves);
      bulk_insert(tx,
                  "INSERT INTO target_tasks (revision_id, task_key, sort, name, content, "
                  "total_fen, fiscal_fen, other_fen, project_ids)",
                  9, tasks);
      bulk_insert(tx,
                  "INSERT INTO target_reviews (revision_id, grade, comment, indicator_comments, "
                  "reviewer_id, reviewer_name, at)",
                  7, reviews);
      bulk_insert(tx,
                  "INSERT INTO wf_instance (id, doc_type, doc_id, state, org_id, region_code, "
                  "title, created_by, created_at, updated_at, version)",
                  11, inst);
      bulk_insert(tx,
                  "INSERT INTO wf_history (instance_id, from_state, to_state, action, actor_id, "
                  "actor_name, comment, at)",
                  8, hist);
      for (auto* p : {&sets, &revs, &leaves, &tasks, &reviews, &inst, &hist}) p->clear();
    };

    // Writes a revision 1 and its set, its content, its review and its workflow.
    auto write = [&](Rev& v) {
      auto [filer_id, filer_name] =
          filer.count(v.org_id) ? filer[v.org_id] : std::pair<int64_t, std::string>{0, ""};
      auto [rv_id, rv_name] = reviewer_of(v.region);
      bool reviewed = v.state == "approved" || v.state == "returned";
      std::string updated = reviewed                 ? v.reviewed_at
                            : v.state == "submitted" ? v.submitted_at
                                                     : v.created_at;
      int64_t rev_version = v.state == "draft" ? 2 : v.state == "submitted" ? 3 : 4;
      sets.insert(sets.end(),
                  {v.set_id, v.kind, v.project_id ? db::Param(*v.project_id) : db::Param(nullptr),
                   v.org_id, v.department_id, v.region, year, v.id,
                   v.state == "approved" ? db::Param(v.id) : db::Param(nullptr), false, filer_id,
                   v.created_at, updated, int64_t{reviewed ? 3 : 2}});
      std::string county = v.region.substr(0, std::min<size_t>(6, v.region.size()));
      county_rules(v.region);
      revs.insert(revs.end(),
                  {v.id, v.set_id, 1, v.state, scheme_of[county + ":" + std::to_string(year)],
                   v.period_goal, v.year_goal, true, std::string(),
                   reviewed ? db::Param(v.grade) : db::Param(nullptr), v.errors, v.warnings,
                   db::null_if_empty(v.submitted_at),
                   v.state == "approved" ? db::Param(v.reviewed_at) : db::Param(nullptr), filer_id,
                   v.created_at, updated, rev_version});
      std::string comment_key;
      if (v.state == "returned" && !v.leaves.empty())
        comment_key = v.leaves[1 % v.leaves.size()].key;
      const std::string leaf_comment = "指标值偏低，请对照上年完成情况和行业标准调整";
      int sort = 0;
      for (const auto& l : v.leaves) {
        leaves.insert(leaves.end(),
                      {v.id, l.key, sort++, l.level1, l.level2, l.name, l.nature, l.value,
                       l.period_value, l.unit, l.weight_x100, l.basis, l.explanation, l.is_core,
                       l.library_id, l.key == comment_key ? leaf_comment : std::string()});
        if (v.state == "approved" && l.library_id) ++usage[*l.library_id];
      }
      result.leaves += static_cast<int64_t>(v.leaves.size());
      sort = 0;
      for (const auto& t : v.tasks) {
        json::array ids;
        for (auto id : t.project_ids) ids.emplace_back(id);
        tasks.insert(tasks.end(), {v.id, t.key, sort++, t.name, t.content, t.total_fen,
                                   t.fiscal_fen, t.other_fen, json::serialize(ids)});
      }
      result.tasks += static_cast<int64_t>(v.tasks.size());
      ++wf_id;
      inst.insert(inst.end(), {wf_id, std::string(kDocType), std::to_string(v.id), v.state,
                               v.org_id, v.region, v.title, filer_id, v.created_at, updated,
                               int64_t{v.state == "draft" ? 1
                                       : reviewed         ? 3
                                                          : 2}});
      if (v.state != "draft")
        hist.insert(hist.end(),
                    {wf_id, std::string("draft"), std::string("submitted"), std::string("submit"),
                     filer_id, filer_name, std::string(), v.submitted_at});
      if (reviewed) {
        std::string comment = v.state == "approved"
                                  ? "目标明确，指标细化量化，与预算匹配，予以通过。"
                                  : "部分指标未细化量化，目标值偏低，请补充完善后重新提交。";
        json::object per_leaf;
        if (!comment_key.empty()) per_leaf[comment_key] = leaf_comment;
        reviews.insert(reviews.end(), {v.id, v.grade, comment, json::serialize(per_leaf), rv_id,
                                       rv_name, v.reviewed_at});
        ++result.reviews;
        hist.insert(hist.end(), {wf_id, std::string("submitted"), v.state,
                                 std::string(v.state == "approved" ? "approve" : "return"), rv_id,
                                 rv_name, "审核等级：" + v.grade + "。" + comment, v.reviewed_at});
      }
      ++result.revisions;
      if (v.state == "approved") ++result.approved;
      if (v.state == "submitted") ++result.submitted;
      if (v.state == "draft") ++result.drafts;
      if (v.state == "returned") ++result.returned;
      flush(false);
    };

    for (int off : {-1, 0, 1}) {
      offset = off;
      year = current + offset;
      // ---- the projects that need targets in the year
      std::vector<ProjectRow> projects;
      tx.each(
          "SELECT p.id, p.org_id, p.department_id, p.region_code, p.name, p.sector, p.start_year, "
          "p.end_year, (SELECT SUM(a.requested_fen) FROM project_amounts a WHERE a.project_id = "
          "p.id AND a.year = ?), CASE WHEN EXISTS (SELECT 1 FROM project_budgets b WHERE "
          "b.project_id = p.id AND b.year = ?) THEN 1 ELSE 0 END FROM projects p WHERE p.state IN "
          "('submitted', 'reviewing', 'returned', 'in_library', 'budgeted', 'executing', "
          "'completed') AND EXISTS (SELECT 1 FROM project_amounts a WHERE a.project_id = p.id AND "
          "a.year = ?) ORDER BY p.id",
          {year, year, year}, [&](const db::Row& r) {
            ProjectRow p;
            p.id = r.i64(0);
            p.org_id = r.i64(1);
            p.department_id = r.i64(2);
            p.region = r.text(3);
            p.name = r.text(4);
            p.sector = r.text(5);
            p.start = static_cast<int>(r.i64(6));
            p.end = static_cast<int>(r.i64(7));
            p.amount = r.i64(8);
            p.budgeted = r.i64(9) != 0;
            projects.push_back(std::move(p));
          });
      if (offset == 0) result.needing = static_cast<int64_t>(projects.size());
      // ---- project sets
      phase("projects");
      // The sample unit's clerk (else the first unit with such a project) edits a draft of the
      // current year: the first of its sets that is one, or its first project's set made one.
      int64_t forced = 0, draft_org = 0;
      if (offset == 0) {
        auto editable = [&](const ProjectRow& p) { return !p.budgeted && filer.count(p.org_id); };
        for (const auto& p : projects)
          if (p.org_id == scale.sample_unit && editable(p)) draft_org = p.org_id;
        if (draft_org == 0)
          for (const auto& p : projects)
            if (p.org_id != p.department_id && editable(p)) {
              draft_org = p.org_id;
              break;
            }
        bool has_draft = false;
        for (const auto& p : projects)
          if (p.org_id == draft_org && editable(p) && has_set(p.id) &&
              std::string(state_for(p.id)) == "draft")
            has_draft = true;
        if (!has_draft)
          for (const auto& p : projects)
            if (p.org_id == draft_org && editable(p)) {
              forced = p.id;
              break;
            }
      }
      std::map<int64_t, std::vector<const ProjectRow*>> of_department;
      for (const auto& p : projects) {
        uint64_t h = mix64(static_cast<uint64_t>(p.id) * 131 + year);
        if (!p.budgeted && !has_set(p.id) && p.id != forced) continue;
        Rev v;
        v.set_id = ++set_id;
        v.id = ++rev_id;
        v.kind = "project";
        v.project_id = p.id;
        v.org_id = p.org_id;
        v.department_id = p.department_id;
        v.region = p.region;
        v.title = std::to_string(year) + "年 " + p.name + " 绩效目标";
        v.state = p.budgeted ? "approved" : p.id == forced ? "draft" : state_for(p.id);
        v.grade = v.state == "approved"   ? (h / 100 % 10 < 7 ? "优" : "良")
                  : v.state == "returned" ? "中"
                                          : "";
        std::string what = "按计划完成" + p.name + "各项任务";
        if (p.end > p.start)
          v.period_goal = std::to_string(p.start) + "—" + std::to_string(p.end) + "年，" + what +
                          "，项目建成后发挥预期效益，群众满意度达到90%以上。";
        v.year_goal = std::to_string(year) + "年，" + what +
                      "，资金使用规范，成本控制在批复预算以内，服务对象满意度不低于90%。";
        v.leaves = leaves_for(p.sector, 6 + static_cast<int>(h / 1000 % 7), h, p.end - p.start + 1);
        fill(v, h);
        write(v);
        ++result.sets;
        of_department[p.department_id].push_back(&p);
        if (offset == 0 && draft_org && p.org_id == draft_org && v.state == "draft" &&
            std::none_of(result.samples.begin(), result.samples.end(),
                         [](const BenchTargetsSample& s) { return s.what == "draft_revision"; })) {
          result.samples.push_back(
              {"draft_revision", std::to_string(v.id), static_cast<int64_t>(v.leaves.size())});
          result.samples.push_back({"draft_user", filer_login[draft_org], draft_org});
        }
      }

      // ---- 部门整体: 7 leaves, 2-5 tasks sharing the department's projects of the year
      phase("departments");
      static const char* const kTasks[][2] = {
          {"保障机构正常运转", "人员工资及福利、日常公用经费，保障机关和所属单位正常运转"},
          {"重点民生项目实施", "按年度计划实施本部门重点民生项目，按期完工并发挥效益"},
          {"基础设施建设与维护", "实施本部门负责的基础设施新建、改造和日常维护"},
          {"公共服务提升", "提升本部门公共服务的覆盖面和质量，改善服务对象体验"},
          {"专项业务工作", "完成上级部署和本级安排的专项业务工作任务"},
      };
      for (const auto& o : depts) {
        uint64_t h = mix64((static_cast<uint64_t>(o.id) ^ 0xD1B54A32D192ED03ULL) + year);
        Rev v;
        v.set_id = ++set_id;
        v.id = ++rev_id;
        v.kind = "department";
        v.org_id = o.id;
        v.department_id = o.id;
        v.region = o.region;
        v.title = std::to_string(year) + "年 " + o.name + " 部门整体 绩效目标";
        v.state = state_for(o.id + 1000003);
        v.grade = v.state == "approved"   ? (h % 10 < 7 ? "优" : "良")
                  : v.state == "returned" ? "中"
                                          : "";
        v.year_goal = std::to_string(year) + "年，" + o.name +
                      "全面履行部门职责，保障机构正常运转，按计划完成年度重点工作任务，资金使用规范"
                      "高效，服务对象满意度不低于90%。";
        v.leaves = leaves_for(sector_of_department(o.klass, o.kind), 7, h, 1);
        const auto& mine = of_department[o.id];
        int n = 2 + static_cast<int>(h / 7 % 4);
        for (int i = 0; i < n; ++i) {
          Task t;
          char key[24];
          std::snprintf(key, sizeof key, "t%010llx",
                        static_cast<unsigned long long>(mix64(h + i) & 0xFFFFFFFFFFULL));
          t.key = key;
          t.name = kTasks[i][0];
          t.content = kTasks[i][1];
          int64_t linked = 0;
          // the department's projects, in turn, at most 20 a task
          for (size_t k = static_cast<size_t>(i); k < mine.size() && t.project_ids.size() < 20;
               k += static_cast<size_t>(n)) {
            t.project_ids.push_back(mine[k]->id);
            linked += mine[k]->amount;
          }
          t.linked_fen = linked;
          t.total_fen = linked + static_cast<int64_t>(50 + (h >> (i * 5)) % 450) * 1000000;
          t.fiscal_fen = t.total_fen / 10 * 9 / 100 * 100;
          t.other_fen = t.total_fen - t.fiscal_fen;
          v.tasks.push_back(std::move(t));
        }
        fill(v, h);
        write(v);
        ++result.sets;
        ++result.department_sets;
      }
    }  // the years
    flush(true);

    phase("indexes");
    for (const auto& sql : index_sql) tx.exec(sql);
    for (const auto& [id, n] : usage)
      tx.exec("UPDATE indicators SET usage_count = usage_count + ? WHERE id = ?", {n, id});
    if (tx.dialect() == db::Dialect::kPostgres) {
      for (const char* t : {"target_sets", "target_revisions", "target_indicators", "target_tasks",
                            "target_reviews", "wf_instance", "wf_history"})
        tx.query(std::string("SELECT setval(pg_get_serial_sequence('") + t +
                 "', 'id'), (SELECT GREATEST(COALESCE(MAX(id), 0), 1) FROM " + t + "))");
    }
    result.samples.push_back({"year", std::to_string(current), result.needing});

    audit::Actor actor{0, "jixiao bench-data", "", ""};
    audit::append(tx, clock, actor,
                  {"bench.targets", "instance", "", "success", nullptr,
                   json::object{{"sets", result.sets},
                                {"department_sets", result.department_sets},
                                {"leaves", result.leaves},
                                {"year", current}}});
  });
  phase("commit");
  db.write([](db::Conn& c) {
    if (c.dialect() == db::Dialect::kPostgres)
      c.exec(
          "ANALYZE target_sets, target_revisions, target_indicators, target_tasks, "
          "target_reviews, wf_instance, wf_history, indicators");
    else
      c.exec("ANALYZE");
  });
  phase("analyze");
  return result;
}

}  // namespace jx::targets
