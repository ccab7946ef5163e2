// The generated project library of `jixiao bench-data` (see bench_data.hpp): names made of a
// place (the county, a township), a subject of the unit's field and a kind of work, so a common
// two-character word (道路, 学校) finds thousands of projects and a county+township+subject
// fragment finds a few; states by the start year (next year's applications, this year's
// budget, last year's execution); amounts per year and funding source.
#include "modules/projects/bench_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "modules/org/rules.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"

#include <spdlog/spdlog.h>

namespace jx::projects {

namespace {

namespace json = boost::json;

// Deterministic and fast (splitmix64).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T, size_t N>
  const T& pick(const T (&a)[N]) {
    return a[below(static_cast<int>(N))];
  }
  template <class T>
  const T& pick(const std::vector<T>& a) {
    return a[below(static_cast<int>(a.size()))];
  }

 private:
  uint64_t s_;
};

// A sector (ref `sector`), its 支出功能分类 类, what its projects are about and the kinds of
// work done on them.
struct Sector {
  const char* code;
  const char* func_class;  // 类; the project takes one of its 项
  std::vector<const char*> subjects;
  std::vector<const char*> works;
  bool builds;  // investment projects are common
};
const std::vector<Sector>& sectors() {
  static const std::vector<Sector> s = {
      {"general_public",
       "201",
       {"政务服务大厅", "电子政务外网", "档案数字化", "机关办公楼", "基层党建阵地", "网格化治理",
        "政务信息系统", "统计调查", "审计业务", "市场监管执法", "信访服务"},
       {"运行维护", "升级改造", "建设", "专项经费", "购置", "提升"},
       false},
      {"public_security",
       "204",
       {"雪亮工程视频监控", "公安检查站", "交通信号灯", "执法办案中心", "社区矫正", "法律援助",
        "人民调解", "派出所营房"},
       {"建设", "维修改造", "运行维护", "购置", "专项经费"},
       false},
      {"education",
       "205",
       {"中小学校舍", "学校食堂", "中心学校教学楼", "学校运动场", "公办幼儿园", "义务教育学校",
        "学生宿舍楼", "教师培训", "学校安全设施", "智慧校园", "职业教育实训基地", "学校供暖设施",
        "学生营养改善计划", "特殊教育学校", "学校图书"},
       {"新建", "维修改造", "提升改造", "建设", "补助资金", "购置", "专项经费"},
       true},
      {"science",
       "206",
       {"科技创新平台", "科普场馆", "农业科技示范园", "科技特派员", "高新技术企业培育"},
       {"建设", "补助资金", "专项经费", "运行维护"},
       false},
      {"culture",
       "207",
       {"全民健身场地", "文化馆", "图书馆", "综合文化服务中心", "文物保护单位", "体育公园",
        "非物质文化遗产", "农家书屋", "乡村文化广场"},
       {"建设", "修缮", "提升改造", "运行维护", "补助资金", "保护利用"},
       true},
      {"social_security",
       "208",
       {"养老服务中心", "困难群众救助", "残疾人康复", "退役军人服务站", "公益性岗位", "就业创业",
        "敬老院", "儿童福利", "城乡低保", "特困人员供养"},
       {"建设", "补助资金", "运营补贴", "提升改造", "专项经费"},
       true},
      {"health",
       "210",
       {"乡镇卫生院", "村卫生室", "医共体信息化", "公共卫生服务", "疾病预防控制", "医疗设备",
        "急救体系", "妇幼健康服务", "中医药服务", "家庭医生签约"},
       {"建设", "购置", "提升改造", "补助资金", "专项经费", "运行维护"},
       true},
      {"environment",
       "211",
       {"大气污染防治", "农村生活污水治理", "水源地保护", "土壤污染防治", "清洁取暖",
        "生态环境监测站"},
       {"治理", "建设", "补助资金", "运行维护", "专项经费"},
       true},
      {"urban",
       "212",
       {"城区道路", "市政道路", "老旧小区", "供水管网", "污水管网", "城区路灯", "公园绿地",
        "背街小巷", "城市排水防涝", "停车场", "燃气管道"},
       {"新建", "改造", "提升改造", "维修", "建设", "更新"},
       true},
      {"sanitation",
       "212",
       {"垃圾转运站", "公共厕所", "环卫车辆", "城乡环卫一体化", "道路清扫保洁"},
       {"建设", "购置", "运营补贴", "提升改造", "专项经费"},
       true},
      {"agriculture",
       "213",
       {"高标准农田", "农村人居环境", "乡村振兴示范村", "农业产业园", "种业振兴", "动物疫病防控",
        "农田水利设施", "耕地地力保护", "村级集体经济", "农产品冷链物流", "农村道路"},
       {"建设", "整治", "补助资金", "提升", "专项经费", "改造"},
       true},
      {"water",
       "213",
       {"河道", "农村饮水安全", "小型水库", "灌区", "水土保持", "防汛抗旱", "河湖长制", "拦河闸坝"},
       {"治理", "除险加固", "建设", "维修养护", "提升改造", "专项经费"},
       true},
      {"transport",
       "214",
       {"农村公路", "城乡道路", "道路硬化", "危桥", "公交站台", "乡村道路", "国省道路面", "客运站",
        "交通安全设施"},
       {"新建", "改造", "大中修", "养护", "提升改造", "建设"},
       true},
      {"commerce",
       "216",
       {"县域商业体系", "农贸市场", "电子商务进农村", "物流配送中心"},
       {"建设", "改造", "补助资金", "提升"},
       false},
      {"natural_resources",
       "220",
       {"国土空间规划", "不动产登记信息", "矿山生态修复", "森林防火", "国土绿化"},
       {"编制", "建设", "修复", "专项经费", "提升"},
       true},
      {"housing",
       "221",
       {"农村危房", "公租房", "城镇棚户区", "保障性住房"},
       {"改造", "维修", "建设", "补助资金"},
       true},
      {"emergency",
       "224",
       {"应急物资储备", "地质灾害防治", "应急指挥平台", "消防救援站"},
       {"建设", "购置", "提升", "专项经费"},
       true},
      {"other", "229", {"其他公共服务", "重点工作推进"}, {"专项经费", "补助资金"}, false},
  };
  return s;
}

const Sector& sector_of(const std::string& code) {
  for (const auto& s : sectors())
    if (code == s.code) return s;
  return sectors().back();
}

// The sectors an organization's projects fall in, by its 类 (organizations.sector_code) and
// kind: a township runs roads, water, farming and welfare projects of its villages.
std::vector<const char*> sectors_for(const std::string& org_class, const std::string& kind) {
  if (kind == "township" || kind == "dev_zone")
    return {"agriculture",     "agriculture",    "transport",   "water",      "urban",
            "social_security", "general_public", "environment", "sanitation", "housing"};
  static const std::map<std::string, std::vector<const char*>> by_class = {
      {"201", {"general_public", "general_public", "general_public", "agriculture", "other"}},
      {"204", {"public_security"}},
      {"205", {"education", "education", "education", "culture"}},
      {"206", {"science"}},
      {"207", {"culture"}},
      {"208", {"social_security", "social_security", "housing"}},
      {"210", {"health"}},
      {"211", {"environment"}},
      {"212", {"urban", "urban", "sanitation", "housing"}},
      {"213", {"agriculture", "agriculture", "water"}},
      {"214", {"transport"}},
      {"215", {"commerce", "science", "general_public"}},
      {"216", {"commerce"}},
      {"220", {"natural_resources"}},
      {"224", {"emergency"}},
  };
  auto it = by_class.find(org_class);
  if (it != by_class.end()) return it->second;
  return {"general_public", "other"};
}

struct Org {
  int64_t id = 0, department_id = 0;
  std::string kind, region, county, klass, place;  // place: county name, or county + township
  std::string county_name, township_name;
};

struct Row {
  int64_t id = 0;
  const Org* org = nullptr;
  std::string code, name, category, kind, budget_type, func_class, sector, tags, state;
  std::vector<std::string> tag_list;
  bool is_new = true, continuing = false;
  int start = 0, end = 0;
  int64_t total = 0;
  std::optional<bool> preassess;
  std::vector<std::string> reasons;
  std::string conclusion;
  std::optional<int64_t> approved;
  std::optional<int> library_year;
  std::string submitted_at, created_at, updated_at;
  std::vector<std::tuple<int, std::string, int64_t>> amounts;
};

std::string digits(int64_t value, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(value));
  return buf;
}

// A UTC timestamp `day` days after 1 January of `year` (0..729), at `secs` past midnight.
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

// Inserts rows of ncols values each as multi-row INSERTs of at most ~6,000 parameters (as the
// org generator does: every full batch has the same SQL text, prepared once).
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

// The state of a project by its start year relative to the current one.
const char* state_for(Rng& r, int offset) {
  int x = r.below(100);
  if (offset > 0) {  // next year's applications
    return x < 15   ? "draft"
           : x < 28 ? "submitted"
           : x < 40 ? "reviewing"
           : x < 48 ? "returned"
           : x < 53 ? "rejected"
                    : "in_library";
  }
  if (offset == 0)
    return x < 15   ? "in_library"
           : x < 50 ? "budgeted"
           : x < 95 ? "executing"
           : x < 97 ? "exited"
                    : "rejected";
  return x < 45 ? "executing" : x < 85 ? "completed" : x < 95 ? "budgeted" : "exited";
}

bool supported(const std::string& s) {
  return s == "in_library" || s == "budgeted" || s == "executing" || s == "completed" ||
         s == "exited";
}

}  // namespace

const std::vector<std::string>& bench_sectors() {
  static const std::vector<std::string> out = [] {
    std::vector<std::string> v;
    for (const auto& s : sectors()) v.emplace_back(s.code);
    return v;
  }();
  return out;
}

BenchProjectsResult generate_bench_projects(db::Db& db, const Clock& clock,
                                            const BenchProjectsScale& scale) {
  const int64_t want = std::max<int64_t>(0, scale.projects);
  const int year = scale.year > 0 ? scale.year : std::stoi(shanghai_date(clock.now()).substr(0, 4));
  const std::string now = format_utc(clock.now());
  BenchProjectsResult result;
  auto t0 = std::chrono::steady_clock::now();
  auto phase = [&](const char* what) {
    spdlog::info("bench-data projects: {} at {:.1f} s", what,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };

  db.write([&](db::Conn& tx) {
    // A bulk load of millions of index entries (the name pairs above all) thrashes SQLite's
    // default 2 MB page cache: give this connection 512 MB for the run.
    if (tx.dialect() == db::Dialect::kSqlite) tx.exec("PRAGMA cache_size = -524288");
    if (tx.query("SELECT COUNT(*) FROM projects")[0].i64(0) > 0)
      throw std::runtime_error(
          "数据库中已有项目，项目压测数据只能写入没有项目的库 (the database already holds "
          "projects)");
    std::map<std::string, std::string> region_name;
    for (const auto& r : tx.query("SELECT code, name FROM regions"))
      region_name[r.text(0)] = r.text(1);
    std::map<std::string, std::vector<std::string>> items;  // 类 -> its 项 in force
    for (const auto& r : tx.query(
             "SELECT code, parent_code FROM ref_items WHERE kind = 'func_class' AND level = 2 AND "
             "from_year <= ? AND (to_year IS NULL OR to_year >= ?) ORDER BY code",
             {year + 1, year - 1}))
      items[r.text(1)].push_back(r.text(0));
    std::vector<Org> orgs;
    for (const auto& r : tx.query(
             "SELECT id, kind, region_code, department_id, sector_code FROM organizations WHERE "
             "kind IN ('unit', 'department', 'township', 'dev_zone') AND status = 'active' AND "
             "department_id IS NOT NULL AND LENGTH(region_code) >= 6 AND region_code NOT LIKE "
             "'%00' ORDER BY id")) {
      Org o;
      o.id = r.i64(0);
      o.kind = r.text(1);
      o.region = r.text(2);
      o.department_id = r.i64(3);
      o.klass = r.text(4);
      o.county = o.region.substr(0, 6);
      o.county_name = region_name[o.county];
      if (o.region.size() > 6) o.township_name = region_name[o.region];
      orgs.push_back(std::move(o));
    }
    if (orgs.empty() && want > 0)
      throw std::runtime_error(
          "库中没有预算单位，请先生成组织机构 (no budget units: generate the organizations "
          "first)");

    Rng rng(0x6A697869616FULL ^ static_cast<uint64_t>(year));
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(want));
    std::map<std::pair<std::string, int>, int64_t> seq;  // (county, start year) -> last number
    int64_t first_id = tx.query("SELECT COALESCE(MAX(id), 0) FROM projects")[0].i64(0) + 1;
    for (int64_t i = 0; i < want; ++i) {
      // Projects per organization vary: walk the organizations with a random stride.
      const Org& o = orgs[static_cast<size_t>((i * 7919 + rng.below(13)) % orgs.size())];
      Row p;
      p.id = first_id + i;
      p.org = &o;
      auto choices = sectors_for(o.klass, o.kind);
      const Sector& s = sector_of(rng.pick(choices));
      p.sector = s.code;
      int offset = rng.below(100) < 35 ? 1 : rng.below(100) < 54 ? 0 : -1;
      p.start = year + offset;
      p.end = p.start + (rng.chance(60) ? 0 : rng.chance(70) ? 1 : 2);
      p.state = state_for(rng, offset);
      const char* subject = rng.pick(s.subjects);
      const char* work = rng.pick(s.works);
      std::string place = !o.township_name.empty() && rng.chance(60)
                              ? o.county_name + o.township_name
                          : rng.chance(70) ? o.county_name
                                           : "";
      std::string w = work;
      bool money_word = w == "专项经费" || w == "补助资金" || w == "运营补贴";
      p.name = place + subject + w + (money_word ? "" : rng.chance(75) ? "项目" : "工程");
      int kx = rng.below(100);
      p.category = s.builds && kx < 25          ? "investment"
                   : kx < 55                    ? "specific"
                   : w == "运行维护" || kx < 90 ? "operating"
                                                : "specific";
      if (money_word && p.category == "investment") p.category = "specific";
      p.kind = money_word && rng.chance(40) ? "policy" : "project";
      p.budget_type = rng.chance(85) ? "general" : rng.chance(80) ? "fund" : "state_capital";
      auto fc = items.find(s.func_class);
      p.func_class = fc != items.end() && !fc->second.empty() ? rng.pick(fc->second)
                                                              : std::string(s.func_class);
      if (p.category == "investment" && rng.chance(30)) p.tag_list.push_back("special_bond");
      if (rng.chance(20)) p.tag_list.push_back("procurement");
      if (rng.chance(8)) p.tag_list.push_back("purchase_service");
      json::array tags;
      for (const auto& t : p.tag_list) tags.emplace_back(t);
      p.tags = json::serialize(tags);
      p.is_new = offset > 0 ? rng.chance(70) : rng.chance(40);
      p.continuing = !p.is_new && rng.chance(5);
      // Amounts: log-spread from 5 万元 up; investment larger. One row per year and source.
      int64_t base = 5000000LL << rng.below(p.category == "investment" ? 9 : 6);  // 分
      base += static_cast<int64_t>(rng.next() % static_cast<uint64_t>(base)) / 100 * 100;
      bool bond =
          std::find(p.tag_list.begin(), p.tag_list.end(), "special_bond") != p.tag_list.end();
      bool transfer = rng.chance(30);
      for (int y = p.start; y <= p.end; ++y) {
        int64_t a = base / (p.end - p.start + 1) / 100 * 100;
        if (bond) {
          p.amounts.emplace_back(y, "local", a / 5 / 100 * 100);
          p.amounts.emplace_back(y, "special_bond", a - a / 5 / 100 * 100);
        } else if (transfer) {
          p.amounts.emplace_back(y, "local", a / 2 / 100 * 100);
          p.amounts.emplace_back(y, "transfer", a - a / 2 / 100 * 100);
        } else {
          p.amounts.emplace_back(y, "local", a);
        }
      }
      for (const auto& a : p.amounts) p.total += std::get<2>(a);
      int created_day = rng.below(300);
      p.created_at = stamp(p.start - 1, created_day, rng.below(86400));
      // updated_at after created_at, distinct enough to make the default sort meaningful
      int updated_day = created_day + rng.below(offset < 0 ? 700 : offset == 0 ? 400 : 60);
      p.updated_at = stamp(p.start - 1, updated_day, rng.below(86400));
      if (p.state != "draft") {
        p.code =
            o.county + "-" + std::to_string(p.start) + "-" + digits(++seq[{o.county, p.start}], 5);
        p.submitted_at = stamp(p.start - 1, created_day + rng.below(20), rng.below(86400));
        bool required = (p.category == "investment" && p.is_new && p.total >= 300000000LL) ||
                        bond || (p.category == "operating" && p.total > 500000000LL);
        p.preassess = required;
        if (p.category == "investment" && p.is_new && p.total >= 300000000LL)
          p.reasons.push_back("新增投资发展类项目申请金额300万元以上");
        if (bond) p.reasons.push_back("申请政府专项债券资金");
        if (p.category == "operating" && p.total > 500000000LL)
          p.reasons.push_back("运转类项目申请金额500万元以上");
      }
      if (supported(p.state)) {
        p.conclusion = "support";
        p.approved = p.total - p.total * rng.below(16) / 100 / 100 * 100;
        p.library_year = p.start;
      } else if (p.state == "returned") {
        p.conclusion = "adjust";
      } else if (p.state == "rejected") {
        p.conclusion = "reject";
      }
      rows.push_back(std::move(p));
    }

    phase("write");
    // A bulk load into tables with their secondary indexes in place updates every index row by
    // row (random inserts into a dozen b-trees); building them afterwards sorts once. The
    // indexes not behind a constraint are dropped here and created again, as they were, before
    // the commit.
    std::vector<std::string> index_sql;
    const char* bulk_tables =
        "'projects', 'project_amounts', 'project_budgets', 'project_cases', "
        "'project_case_rounds', 'project_name_grams', 'wf_instance', 'wf_history'";
    std::vector<std::string> index_names;
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

    // ---- write: projects, amounts, budgets
    auto opt_text = [](const std::string& s) { return db::null_if_empty(s); };
    db::Params v;
    v.reserve(rows.size() * 31);
    for (const auto& p : rows) {
      json::array reasons;
      for (const auto& r : p.reasons) reasons.emplace_back(r);
      v.insert(v.end(), {p.id,
                         opt_text(p.code),
                         p.name,
                         p.org->id,
                         p.org->department_id,
                         p.org->region,
                         p.category,
                         p.kind,
                         p.budget_type,
                         p.func_class,
                         p.sector,
                         p.tags,
                         p.is_new,
                         p.continuing,
                         p.start,
                         p.end,
                         std::string("上级政策文件及本地发展规划"),
                         p.total,
                         p.state,
                         p.preassess ? db::Param(*p.preassess) : db::Param(nullptr),
                         json::serialize(reasons),
                         opt_text(p.conclusion),
                         p.approved ? db::Param(*p.approved) : db::Param(nullptr),
                         p.library_year ? db::Param(*p.library_year) : db::Param(nullptr),
                         opt_text(p.submitted_at),
                         p.created_at,
                         p.updated_at});
    }
    bulk_insert(tx,
                "INSERT INTO projects (id, code, name, org_id, department_id, region_code, "
                "category, kind, budget_type, func_class, sector, tags, is_new, "
                "continuing_after_expiry, start_year, end_year, basis, requested_total_fen, "
                "state, preassess_required, preassess_reasons, conclusion, approved_fen, "
                "library_year, submitted_at, created_at, updated_at)",
                27, v);
    result.projects = static_cast<int64_t>(rows.size());

    v.clear();
    for (const auto& p : rows)
      for (const auto& [y, source, fen] : p.amounts) {
        v.insert(v.end(), {p.id, y, source, fen});
        ++result.amounts;
      }
    bulk_insert(tx, "INSERT INTO project_amounts (project_id, year, source, requested_fen)", 4, v);

    v.clear();
    for (const auto& p : rows)
      if (p.approved && p.state != "in_library" && p.state != "exited")
        v.insert(v.end(), {p.id, p.start, *p.approved, int64_t{0}, p.updated_at});
    bulk_insert(tx, "INSERT INTO project_budgets (project_id, year, approved_fen, set_by, set_at)",
                5, v);

    phase("cases");
    // ---- cases: one per submitted project, with its conclusion(s) and 预算评审
    db::Params cases, rounds;
    int64_t case_id = tx.query("SELECT COALESCE(MAX(id), 0) FROM project_cases")[0].i64(0);
    for (const auto& p : rows) {
      if (p.state == "draft") continue;
      ++case_id;
      ++result.cases;
      bool concluded = !p.conclusion.empty();
      std::string kstate = p.state == "submitted"   ? "assigning"
                           : p.state == "reviewing" ? "working"
                           : p.state == "returned"  ? "returned"
                                                    : "closed";
      bool pre = p.preassess.value_or(false);
      std::optional<int64_t> combined;
      int64_t h = (p.id * 2654435761LL) % 1000;
      if (pre && concluded)
        combined = p.conclusion == "support"  ? 8000 + h % 1900
                   : p.conclusion == "adjust" ? 6000 + h % 2000
                                              : 3500 + h % 2500;
      json::array lines;
      std::optional<int64_t> submitted, approved, cut, rate;
      if (concluded) {
        int64_t sub = p.total;
        int64_t appr = p.approved                 ? *p.approved
                       : p.conclusion == "adjust" ? sub - sub * (10 + h % 20) / 100 / 100 * 100
                                                  : 0;
        int64_t a1 = sub * 6 / 10 / 100 * 100, b1 = appr * 6 / 10 / 100 * 100;
        lines.push_back(json::object{{"item", "工程及设备费"},
                                     {"submitted_fen", a1},
                                     {"approved_fen", b1},
                                     {"reason", b1 < a1 ? "按市场询价核减" : ""}});
        lines.push_back(json::object{{"item", "其他费用"},
                                     {"submitted_fen", sub - a1},
                                     {"approved_fen", appr - b1},
                                     {"reason", appr - b1 < sub - a1 ? "超出标准部分核减" : ""}});
        submitted = sub;
        approved = appr;
        cut = sub - appr;
        rate = sub > 0 ? ((sub - appr) * 10000 * 2 + sub) / (2 * sub) : 0;  // half up, x100
      }
      // A tenth of the supported were first sent back for adjustment (two rounds).
      bool two_rounds = p.conclusion == "support" && h % 10 == 0;
      int round = two_rounds ? 2 : 1;
      std::string opinion = p.conclusion == "support" ? "项目立项依据充分，绩效目标明确，予以支持。"
                            : p.conclusion == "adjust"
                                ? "绩效目标不够细化，请补充测算依据后重新申报。"
                            : p.conclusion == "reject" ? "项目必要性不足，不予支持。"
                                                       : "";
      std::string concluded_at = concluded ? p.updated_at : "";
      cases.insert(
          cases.end(),
          {case_id, p.id, round, kstate, pre, combined ? db::Param(*combined) : db::Param(nullptr),
           db::Param(false), opt_text(p.conclusion), opinion, json::serialize(lines),
           submitted ? db::Param(*submitted) : db::Param(nullptr),
           approved ? db::Param(*approved) : db::Param(nullptr),
           cut ? db::Param(*cut) : db::Param(nullptr), rate ? db::Param(*rate) : db::Param(nullptr),
           p.submitted_at, p.updated_at, opt_text(concluded_at)});
      if (concluded) {
        ++result.concluded;
        if (two_rounds) {
          rounds.insert(
              rounds.end(),
              {case_id, 1, std::string("adjust"),
               combined ? db::Param(*combined - 1000) : db::Param(nullptr), false, *submitted,
               *approved, std::string("请补充测算依据后重新申报。"), int64_t{0}, p.submitted_at});
          ++result.rounds;
        }
        rounds.insert(rounds.end(), {case_id, round, p.conclusion,
                                     combined ? db::Param(*combined) : db::Param(nullptr), false,
                                     *submitted, *approved, opinion, int64_t{0}, concluded_at});
        ++result.rounds;
      }
    }
    bulk_insert(tx,
                "INSERT INTO project_cases (id, project_id, round, state, preassess_required, "
                "combined_x100, veto, conclusion, opinion, review_lines, submitted_fen, "
                "approved_fen, cut_fen, cut_rate_x100, created_at, updated_at, concluded_at)",
                17, cases);
    bulk_insert(tx,
                "INSERT INTO project_case_rounds (case_id, round, conclusion, combined_x100, "
                "veto, submitted_fen, approved_fen, opinion, concluded_by, concluded_at)",
                10, rounds);

    phase("workflow");
    // ---- workflow: an instance per project in its state; the reason of a return/rejection
    int64_t wf_id = tx.query("SELECT COALESCE(MAX(id), 0) FROM wf_instance")[0].i64(0);
    int64_t wf_first = wf_id + 1;
    db::Params hist;
    v.clear();
    for (const auto& p : rows) {
      ++wf_id;
      v.insert(v.end(), {wf_id, std::string("project"), std::to_string(p.id), p.state, p.org->id,
                         p.org->region, p.name, int64_t{0}, p.created_at, p.updated_at});
      if (p.state == "returned" || p.state == "rejected")
        hist.insert(hist.end(), {wf_id, std::string("reviewing"), p.state,
                                 std::string(p.state == "returned" ? "return" : "reject"),
                                 int64_t{0}, std::string("财政绩效管理员"),
                                 std::string(p.state == "returned"
                                                 ? "绩效目标不够细化，请补充测算依据后重新申报。"
                                                 : "项目必要性不足，不予支持。"),
                                 p.updated_at});
    }
    bulk_insert(tx,
                "INSERT INTO wf_instance (id, doc_type, doc_id, state, org_id, region_code, "
                "title, created_by, created_at, updated_at)",
                10, v);
    bulk_insert(tx,
                "INSERT INTO wf_history (instance_id, from_state, to_state, action, actor_id, "
                "actor_name, comment, at)",
                8, hist);
    (void)wf_first;

    phase("name index");
    // ---- the code sequences past the generated codes, the name index, the tallies
    v.clear();
    for (const auto& [key, last] : seq) v.insert(v.end(), {key.first, key.second, last + 1});
    for (size_t at = 0; at < v.size(); at += 3)
      tx.exec(
          "INSERT INTO project_code_seq (region_code, year, next_value) VALUES (?, ?, ?) ON "
          "CONFLICT (region_code, year) DO UPDATE SET next_value = excluded.next_value",
          {v[at], v[at + 1], v[at + 2]});
    // In the primary key's order: the index grows at its end instead of at random places.
    std::vector<std::pair<std::string, size_t>> grams;  // pair, index in rows
    for (size_t i = 0; i < rows.size(); ++i)
      for (auto& g : org::name_grams({rows[i].name})) grams.emplace_back(std::move(g), i);
    std::sort(grams.begin(), grams.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : rows[a.second].id < rows[b.second].id;
    });
    result.grams = static_cast<int64_t>(grams.size());
    v.clear();
    v.reserve(grams.size() * 5);
    for (auto& [g, i] : grams) {
      const Row& p = rows[i];
      v.insert(v.end(), {std::move(g), p.id, p.org->region, p.state, p.org->id});
    }
    grams.clear();
    bulk_insert(tx, "INSERT INTO project_name_grams (gram, project_id, region_code, state, org_id)",
                5, v);
    v.clear();
    phase("indexes");
    for (const auto& sql : index_sql) tx.exec(sql);
    store::recount_tallies(tx);

    if (tx.dialect() == db::Dialect::kPostgres) {
      for (const char* t : {"projects", "project_cases", "wf_instance", "wf_history"})
        tx.query(std::string("SELECT setval(pg_get_serial_sequence('") + t +
                 "', 'id'), (SELECT GREATEST(COALESCE(MAX(id), 0), 1) FROM " + t + "))");
    }

    phase("samples");
    // ---- samples for the benchmark
    auto count = [&](const std::string& where, const db::Params& p) {
      return tx.query("SELECT COUNT(*) FROM projects WHERE state <> 'draft' AND " + where, p)[0]
          .i64(0);
    };
    for (const char* word : {"道路", "学校"})
      result.samples.push_back(
          {"word", word, count("name LIKE ?", {std::string("%") + word + "%"})});
    // A county + township + subject fragment of a project in the sample county.
    std::string county = scale.sample_county;
    for (const auto& p : rows) {
      if (!county.empty() && p.org->county != county) continue;
      if (p.org->township_name.empty() || p.state == "draft") continue;
      std::string prefix = p.org->county_name + p.org->township_name;
      if (p.name.compare(0, prefix.size(), prefix) != 0) continue;
      const Sector& s = sector_of(p.sector);
      for (const char* subject : s.subjects)
        if (p.name.find(subject, prefix.size()) == prefix.size()) {
          std::string fragment = prefix + subject;
          result.samples.push_back(
              {"fragment", fragment, count("name LIKE ?", {"%" + fragment + "%"})});
          break;
        }
      if (!result.samples.empty() && result.samples.back().what == "fragment") break;
    }
    // The commonest (sector, category) of next year's in-library projects.
    if (auto r = tx.one("SELECT sector, category, COUNT(*) FROM projects WHERE state = "
                        "'in_library' AND start_year <= ? AND end_year >= ? GROUP BY sector, "
                        "category ORDER BY 3 DESC, 1, 2 LIMIT 1",
                        {year + 1, year + 1})) {
      result.samples.push_back({"sector", r->text(0), r->i64(2)});
      result.samples.push_back({"category", r->text(1), r->i64(2)});
      result.samples.push_back({"filter_year", std::to_string(year + 1), r->i64(2)});
    }
    int64_t dept = scale.sample_department;
    if (dept == 0 && !orgs.empty()) dept = orgs.front().department_id;
    result.samples.push_back(
        {"department_id", std::to_string(dept), count("department_id = ?", {dept})});
    result.samples.push_back({"stats_year", std::to_string(year),
                              count("start_year = ? AND conclusion IS NOT NULL", {year})});

    audit::Actor actor{0, "jixiao bench-data", "", ""};
    audit::append(tx, clock, actor,
                  {"bench.projects", "instance", "", "success", nullptr,
                   json::object{{"projects", result.projects},
                                {"cases", result.cases},
                                {"rounds", result.rounds},
                                {"year", year}}});
    (void)now;
  });
  phase("commit");
  // Statistics for the planners (PostgreSQL; SQLite's sqlite_stat1 for its planner too), as a
  // loaded production database has them.
  db.write([](db::Conn& c) {
    if (c.dialect() == db::Dialect::kPostgres)
      c.exec(
          "ANALYZE projects, project_amounts, project_budgets, project_cases, "
          "project_case_rounds, project_name_grams, project_tallies, wf_instance, wf_history");
    else
      c.exec("ANALYZE");
  });
  phase("analyze");
  return result;
}

}  // namespace jx::projects
