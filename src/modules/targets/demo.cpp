// The targets slice of the demo county (冠县), run between the projects slice and the budgets
// (order 30): every project that needs targets in last year and this year gets them drafted from
// the sector library, submitted and reviewed by the 绩效管理股, and every 一级预算单位 its 部门整体
// targets with the year's main tasks linked to its projects. A few are weak on purpose and show it
// in their history: 交通运输局's bus subsidy set its 客运量 below what it reached last year
// (目标值偏低), 县人民医院 put 满意度 under 社会效益 at 80 % — both returned (中), fixed and
// approved; 冠县第一中学 drafted with 资金到位率 as an output and weights of 90 until the check
// stopped it; one approved set was changed (调整, revision 2). Next year's targets are being drawn
// up: drafts, submissions waiting for review, one returned. Last year's actuals are recorded as
// the 2025 self-evaluation found them, so this year's check can compare.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "modules/org/service.hpp"
#include "modules/targets/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/demo.hpp"

namespace jx::targets {
namespace {

namespace json = boost::json;

uint32_t mix(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

struct LibRow {
  int64_t id = 0;
  std::string code, sector, level1, level2, name, nature, value, unit, basis, method, source;
  bool core = false;
  std::string field;
};

// The characters of a UTF-8 string.
std::vector<std::string> chars_of(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// How many character pairs of an indicator's 领域 and name occur in the project's text: the demo
// picks the indicators that fit the project (养老 for 养老 projects, 公路 for roads).
int relevance(const std::string& text, const LibRow& x) {
  auto cs = chars_of(x.field + "|" + x.name);
  std::set<std::string> seen;
  int n = 0;
  for (size_t i = 0; i + 1 < cs.size(); ++i) {
    std::string g = cs[i] + cs[i + 1];
    if (g.find('|') != std::string::npos || !seen.insert(g).second) continue;
    if (text.find(g) != std::string::npos) ++n;
  }
  return n;
}

// The role of a 101号 二级 as the demo picks them.
std::string pick_role(const std::string& level1, const std::string& level2) {
  if (level1 == "成本指标") return level2 == "经济成本指标" ? "cost" : "cost_other";
  if (level2 == "数量指标") return "quantity";
  if (level2 == "质量指标") return "quality";
  if (level2 == "时效指标") return "timeliness";
  if (level1 == "效益指标") return "benefit";
  if (level1 == "满意度指标") return "satisfaction";
  return "";
}

class Builder {
 public:
  explicit Builder(demo::Context& ctx) : ctx_(ctx) {}

  void run() {
    ctx_.db.write([&](db::Conn& tx) { setup(tx); });
    ctx_.db.write([&](db::Conn& tx) { last_year(tx); });
    ctx_.db.write([&](db::Conn& tx) { this_year(tx); });
    ctx_.db.write([&](db::Conn& tx) { next_year(tx); });
  }

 private:
  demo::Context& ctx_;
  int year_ = 0;
  std::map<std::string, std::map<std::string, std::vector<LibRow>>> lib_;  // sector -> role
  std::map<std::string, LibRow> by_code_;
  std::map<int64_t, int64_t> editor_;  // organization -> an account with targets.edit there
  std::map<int64_t, Caller> callers_;
  int64_t zhangwei_ = 0, wangfang_ = 0;

  // ---------------------------------------------------------------- set-up
  void setup(db::Conn& tx) {
    year_ = std::stoi(shanghai_date(ctx_.clock.now()).substr(0, 4));
    zhangwei_ = *auth::find_user_id(tx, "zhangwei");
    wangfang_ = *auth::find_user_id(tx, "wangfang");
    for (const auto& r :
         tx.query("SELECT id, code, sector, level1, level2, name, nature, recommended_value, unit, "
                  "basis, method, data_source, is_core, field FROM indicators WHERE status = "
                  "'active' AND "
                  "region_code = '' ORDER BY code")) {
      LibRow x{r.i64(0),  r.text(1), r.text(2), r.text(3),  r.text(4),  r.text(5),     r.text(6),
               r.text(7), r.text(8), r.text(9), r.text(10), r.text(11), r.i64(12) != 0};
      by_code_[x.code] = x;
      lib_[x.sector][pick_role(x.level1, x.level2)].push_back(x);
    }
    if (lib_.size() < 8) throw std::runtime_error("demo: the starter indicator library is missing");
    for (const auto& u : auth::users_with_permission(tx, "targets.edit"))
      if (u.org_id && !editor_.count(u.org_id)) editor_[u.org_id] = u.id;
  }

  // The account that files an organization's targets: its own, else its department's, else a new
  // 部门 account.
  int64_t editor_for(db::Conn& tx, int64_t org_id, int64_t department_id) {
    if (auto it = editor_.find(org_id); it != editor_.end()) return it->second;
    if (auto it = editor_.find(department_id); it != editor_.end()) return it->second;
    auto o = org::get_org(tx, auth::Scope::all(), department_id);
    static const char* const kSurnames[] = {"王", "李", "张", "刘", "赵", "黄", "周", "徐",
                                            "马", "胡", "郭", "何", "高", "林", "罗", "郑"};
    static const char* const kGiven[] = {"振华", "淑芬", "明亮", "桂兰", "永刚", "玉梅",
                                         "德胜", "凤英", "宏伟", "静",   "磊",   "敏"};
    size_t n = editor_.size();
    auth::NewUser nu{
        "mb" + std::to_string(department_id),
        std::string(kSurnames[n % std::size(kSurnames)]) + kGiven[(n * 7 + 3) % std::size(kGiven)],
        department_id, "", ""};
    int64_t id =
        demo::create_demo_user(tx, ctx_, nu, {"dept_admin"}, "部门绩效目标填报（" + o.name + "）");
    editor_[department_id] = id;
    return id;
  }

  const Caller& as(db::Conn& c, int64_t user_id) {
    auto it = callers_.find(user_id);
    if (it != callers_.end()) return it->second;
    auth::Principal p = auth::load_principal(
        c, user_id, [](db::Conn& cc, auth::Principal& pp) { org::load_scope(cc, pp); });
    audit::Actor actor{user_id, p.username, "127.0.0.1", "demo"};
    return callers_.emplace(user_id, caller_of(p, actor)).first->second;
  }
  Env env(db::Conn& tx, int64_t user_id) {
    return Env{tx, ctx_.clock, ctx_.workflows, as(tx, user_id)};
  }

  // ---------------------------------------------------------------- drafting
  const std::vector<LibRow>& rows(const std::string& sector, const std::string& role) {
    static const std::vector<LibRow> none;
    auto s = lib_.find(sector);
    if (s != lib_.end()) {
      auto r = s->second.find(role);
      if (r != s->second.end() && !r->second.empty()) return r->second;
    }
    auto o = lib_["other"].find(role);
    if (o != lib_["other"].end() && !o->second.empty()) return o->second;
    return none;
  }

  static Leaf leaf_of(const LibRow& x, uint32_t seed, int64_t weight_x100) {
    Leaf l;
    l.key = "L" + x.code + "-" + std::to_string(seed % 1000);
    l.level1 = x.level1;
    l.level2 = x.level2;
    l.name = x.name;
    l.nature = x.nature;
    l.value = x.value;
    // Counts and amounts vary with the project; rates and standards stay as recommended.
    if ((x.nature == ">=" || x.nature == ">") && x.unit != "%" &&
        x.value.find('.') == std::string::npos && !x.value.empty() && x.value.size() < 9) {
      int64_t v = std::stoll(x.value);
      if (v >= 10) l.value = std::to_string(std::max<int64_t>(1, v * (60 + seed % 80) / 100));
    }
    l.unit = x.unit;
    l.weight_x100 = weight_x100;
    l.basis = x.basis;
    std::string m = x.method;
    if (m.size() >= 3 && m.compare(m.size() - 3, 3, "。") != 0) m += "。";
    l.explanation =
        m + "数据来源：" + x.source +
        (x.source.size() >= 3 && x.source.compare(x.source.size() - 3, 3, "。") == 0 ? "" : "。");
    l.is_core = x.core;
    l.library_id = x.id;
    return l;
  }

  // A project's leaves: one cost, two quantities, a quality, a timeliness, one or two benefits
  // and a satisfaction leaf from its sector's library, weighted 10/20/20/10/30/10.
  std::vector<Leaf> leaves_for(const std::string& sector, const std::string& text, uint32_t seed) {
    std::vector<Leaf> out;
    struct Want {
      const char* role;
      int count;
      int64_t weight;
    };
    const Want wants[] = {{"cost", 1, 1000},    {"quantity", 2, 2000},
                          {"quality", 1, 2000}, {"timeliness", 1, 1000},
                          {"benefit", 2, 3000}, {"satisfaction", 1, 1000}};
    int64_t spent = 0;
    std::set<std::string> names;
    for (const auto& w : wants) {
      const auto& list = rows(sector, w.role);
      if (list.empty()) continue;
      int n = std::min<int>(w.count, static_cast<int>(list.size()));
      // The most relevant first; among equals, a spread by the seed.
      std::vector<size_t> order(list.size());
      for (size_t k = 0; k < order.size(); ++k) order[k] = (mix(seed) + k) % list.size();
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return relevance(text, list[a]) > relevance(text, list[b]);
      });
      for (int i = 0; i < n; ++i) {
        const LibRow& x = list[order[i]];
        if (!names.insert(x.name).second) continue;
        int64_t share = w.weight / n;
        out.push_back(leaf_of(x, mix(seed + i), share));
        spent += share;
      }
    }
    if (!out.empty()) *out.back().weight_x100 += 10000 - spent;
    return out;
  }

  struct ProjectInfo {
    int64_t id, org_id, department_id;
    std::string name, sector, description, state;
    int start_year, end_year;
  };
  std::vector<ProjectInfo> projects_of_year(db::Conn& tx, int year) {
    std::vector<ProjectInfo> out;
    for (const auto& r : tx.query(
             "SELECT p.id, p.org_id, p.department_id, p.name, p.sector, p.description, p.state, "
             "p.start_year, p.end_year FROM projects p WHERE p.region_code LIKE '371525%' AND "
             "p.state IN ('submitted', 'reviewing', 'returned', 'in_library', 'budgeted', "
             "'executing', 'completed') AND EXISTS (SELECT 1 FROM project_amounts a WHERE "
             "a.project_id = p.id AND a.year = ?) ORDER BY p.id",
             {year}))
      out.push_back({r.i64(0), r.i64(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6),
                     static_cast<int>(r.i64(7)), static_cast<int>(r.i64(8))});
    return out;
  }

  static std::string first_sentence(const std::string& s) {
    size_t p = s.find("。");
    return p == std::string::npos ? s : s.substr(0, p);
  }

  // Creates the set and saves the draft; returns the revision.
  int64_t draft(db::Conn& tx, int64_t editor, const ProjectInfo& p, int year,
                std::vector<Leaf> leaves) {
    NewSet ns;
    ns.kind = "project";
    ns.project_id = p.id;
    ns.year = year;
    int64_t set_id = create_set(env(tx, editor), ns);
    auto s = *store::find_set(tx, set_id);
    auto r = *store::find_revision(tx, *s.current_revision_id, false);
    DraftInput in;
    std::string what =
        p.description.empty() ? "按计划完成" + p.name + "各项任务" : first_sentence(p.description);
    if (p.end_year > p.start_year)
      in.period_goal = std::to_string(p.start_year) + "—" + std::to_string(p.end_year) + "年，" +
                       what + "，项目建成后发挥预期效益，群众满意度达到90%以上。";
    in.year_goal = std::to_string(year) + "年，" + what +
                   "，资金使用规范，成本控制在批复预算以内，服务对象满意度不低于90%。";
    in.serves_public = true;
    in.leaves = std::move(leaves);
    save_revision(env(tx, editor), r.id, in, r.version);
    return r.id;
  }

  int64_t version_of(db::Conn& tx, int64_t revision_id) {
    return store::find_revision(tx, revision_id, false)->version;
  }
  void submit(db::Conn& tx, int64_t editor, int64_t rev) {
    submit_revision(env(tx, editor), rev, version_of(tx, rev));
  }
  void review(db::Conn& tx, int64_t rev, const std::string& grade, const std::string& comment,
              std::map<std::string, std::string> per_leaf = {}) {
    ReviewInput in;
    in.grade = grade;
    in.comment = comment;
    in.indicator_comments = std::move(per_leaf);
    in.version = version_of(tx, rev);
    review_revision(env(tx, zhangwei_), rev, in);
  }
  std::vector<Leaf> leaves_of(db::Conn& tx, int64_t rev) { return store::leaves(tx, rev); }

  // What a careful unit does with the live check's 目标值偏低: sets those values to last year's
  // actual before submitting.
  void raise_low_values(db::Conn& tx, int64_t editor, int64_t rev, const std::string& keep = "") {
    json::object d = revision_detail(tx, as(tx, editor), rev, Lang::kZh);
    std::map<std::string, std::string> last;
    for (const auto& v : d.at("indicators").as_array()) {
      const auto& o = v.as_object();
      if (!o.at("last_actual").is_null())
        last[std::string(o.at("key").as_string())] = std::string(o.at("last_actual").as_string());
    }
    bool low = false;
    for (const auto& v : d.at("check").at("issues").as_array())
      low |= v.at("rule").as_string() == "below_last_year";
    if (!low) return;
    auto cur = leaves_of(tx, rev);
    for (auto& c : cur)
      if (auto it = last.find(c.key);
          c.key != keep && it != last.end() && looser_than(c.nature, c.value, it->second))
        c.value = it->second;
    resave(tx, editor, rev, cur);
  }

  // The leaves with the library indicator `code` at `value`, its weight taken from the first
  // quantity leaf.
  std::vector<Leaf> with_indicator(std::vector<Leaf> leaves, const std::string& code,
                                   const std::string& value, uint32_t seed, std::string* key) {
    const LibRow& x = by_code_.at(code);
    leaves.erase(std::remove_if(leaves.begin(), leaves.end(),
                                [&](const Leaf& l) { return l.library_id == x.id; }),
                 leaves.end());
    Leaf l = leaf_of(x, seed, 500);
    l.value = value;
    if (key) *key = l.key;
    leaves.push_back(l);
    // The weights add up to 100 again: the heaviest other leaf gives what is over.
    int64_t sum = 0;
    for (const auto& c : leaves) sum += c.weight_x100.value_or(0);
    auto heaviest =
        std::max_element(leaves.begin(), leaves.end() - 1, [](const Leaf& a, const Leaf& b) {
          return a.weight_x100.value_or(0) < b.weight_x100.value_or(0);
        });
    *heaviest->weight_x100 -= sum - 10000;
    return leaves;
  }
  void resave(db::Conn& tx, int64_t editor, int64_t rev, std::vector<Leaf> leaves) {
    DraftInput in;
    in.leaves = std::move(leaves);
    save_revision(env(tx, editor), rev, in, version_of(tx, rev));
  }

  // Approved in one go: draft, submit, 优 (most) or 良 with a note.
  int64_t approved(db::Conn& tx, const ProjectInfo& p, int year) {
    int64_t editor = editor_for(tx, p.org_id, p.department_id);
    uint32_t seed = static_cast<uint32_t>(p.id * 31 + year);
    int64_t rev = draft(tx, editor, p, year, leaves_for(p.sector, p.name + p.description, seed));
    raise_low_values(tx, editor, rev);
    submit(tx, editor, rev);
    if (mix(seed) % 5 == 0)
      review(tx, rev, "良", "目标总体合理。建议执行中细化数量指标的统计口径，按季度报送进度。");
    else
      review(tx, rev, "优", "");
    return rev;
  }

  // ---------------------------------------------------------------- the years
  void last_year(db::Conn& tx) {
    const int y = year_ - 1;
    for (const auto& p : projects_of_year(tx, y)) {
      int64_t rev = 0;
      bool bus = p.name.find("城乡公交运营补贴") != std::string::npos;
      if (bus) {
        // 城乡公交运营补贴 carried 城乡公交年客运量 (480 万人次); it reached 512.
        int64_t editor = editor_for(tx, p.org_id, p.department_id);
        uint32_t seed = static_cast<uint32_t>(p.id * 31 + y);
        rev = draft(tx, editor, p, y,
                    with_indicator(leaves_for(p.sector, p.name + p.description, seed), "JT-0010",
                                   "480", seed, nullptr));
        submit(tx, editor, rev);
        review(tx, rev, "优", "");
      } else {
        rev = approved(tx, p, y);
      }
      // The 2025 self-evaluation found these actuals (the evaluation module records them the
      // same way): every quantitative target met as set, the 客运量 above it.
      std::map<std::string, std::string> actuals;
      for (const auto& lf : leaves_of(tx, rev)) {
        if (lf.nature == "qual") continue;
        actuals[lf.key] = lf.library_id == by_code_.at("JT-0010").id ? "512" : lf.value;
      }
      record_actuals(env(tx, zhangwei_), rev, actuals);
    }
    departments_of_year(tx, y, true);
  }

  void this_year(db::Conn& tx) {
    const int y = year_;
    bool bus_done = false, hospital_done = false, school_done = false, change_done = false;
    for (const auto& p : projects_of_year(tx, y)) {
      int64_t editor = editor_for(tx, p.org_id, p.department_id);
      uint32_t seed = static_cast<uint32_t>(p.id * 31 + y);
      if (!bus_done && p.name.find("城乡公交运营补贴") != std::string::npos) {
        // 目标值偏低: 客运量 460 万人次 against 512 reached last year; returned, raised to 520.
        std::string key;
        auto leaves = with_indicator(leaves_for(p.sector, p.name + p.description, seed), "JT-0010",
                                     "460", 11, &key);
        Leaf l;
        l.key = key;
        int64_t rev = draft(tx, editor, p, y, leaves);
        raise_low_values(tx, editor, rev, key);  // the others it fixed itself
        submit(tx, editor, rev);
        review(tx, rev, "中",
               "城乡公交年客运量目标460万人次，低于2025年实际完成的512万人次，目标值偏低，"
               "请结合新开线路重新测算后提交。",
               {{l.key, "低于上年实际完成值512万人次，请调高。"}});
        auto cur = leaves_of(tx, rev);
        for (auto& c : cur)
          if (c.key == l.key) c.value = "520";
        resave(tx, editor, rev, cur);
        submit(tx, editor, rev);
        review(tx, rev, "良", "已按意见调高客运量目标，同意。");
        bus_done = true;
        continue;
      }
      if (!hospital_done && p.sector == "health") {
        // A second 满意度 leaf filed under 社会效益 at 80 %: returned, moved and raised.
        auto leaves = leaves_for(p.sector, p.name + p.description, seed);
        for (auto& l : leaves)
          if (l.level1 == "效益指标") {
            *l.weight_x100 -= 500;
            break;
          }
        Leaf m;
        m.key = "LSAT-1";
        m.level1 = "效益指标";
        m.level2 = "社会效益指标";
        m.name = "门诊患者就医体验满意度";
        m.nature = ">=";
        m.value = "80";
        m.unit = "%";
        m.weight_x100 = 500;
        m.basis = "industry";
        m.explanation =
            "满意及基本满意的受访门诊患者数/受访患者总数×100%。数据来源：第三方满意度调查。";
        std::string key = m.key;
        leaves.push_back(m);
        int64_t rev = draft(tx, editor, p, y, leaves);
        submit(tx, editor, rev);
        review(tx, rev, "中",
               "满意度指标应单列在“满意度指标—服务对象满意度指标”下；满意度目标80%低于全县"
               "不低于90%的要求，请修改后重新提交。",
               {{key, "请移至满意度指标，目标值不低于90%。"}});
        auto cur = leaves_of(tx, rev);
        for (auto& c : cur)
          if (c.key == key) {
            c.level1 = "满意度指标";
            c.level2 = "服务对象满意度指标";
            c.value = "90";
          }
        resave(tx, editor, rev, cur);
        submit(tx, editor, rev);
        review(tx, rev, "优", "");
        hospital_done = true;
        continue;
      }
      if (!school_done && p.name.find("第一中学") != std::string::npos) {
        // Drafted with 资金到位率 as an output and weights of 90: the check stops the
        // submission; the clerk replaces the leaf and fixes the weights.
        auto leaves = leaves_for(p.sector, p.name + p.description, seed);
        Leaf bad;
        bad.key = "LBAD-1";
        bad.level1 = "产出指标";
        bad.level2 = "质量指标";
        bad.name = "资金到位率";
        bad.nature = "=";
        bad.value = "100";
        bad.unit = "%";
        bad.weight_x100 = 1000;
        bad.basis = "plan";
        for (auto& l : leaves)
          if (l.level2 == "质量指标") l = bad;  // 20 → 10: the weights add up to 90
        int64_t rev = draft(tx, editor, p, y, leaves);
        bool refused = false;
        try {
          submit(tx, editor, rev);
        } catch (const ApiError&) {
          refused = true;
        }
        if (!refused) throw std::runtime_error("demo: the check let 资金到位率 through");
        auto fixed = leaves_for(p.sector, p.name + p.description, seed);
        resave(tx, editor, rev, fixed);
        submit(tx, editor, rev);
        review(tx, rev, "优", "");
        school_done = true;
        continue;
      }
      int64_t rev = approved(tx, p, y);
      if (!change_done && p.sector == "water") {
        // 调整: the scope grew, so a quantity went up and a leaf was added (revision 2).
        auto s = *store::find_project_set(tx, p.id, y);
        int64_t rev2 = open_change(env(tx, editor), s.id,
                                   "根据县政府常务会议纪要，项目实施范围增加2个乡镇，相应调整产出"
                                   "数量指标",
                                   s.version);
        auto cur = leaves_of(tx, rev2);
        for (auto& c : cur)
          if (c.level2 == "数量指标" && c.unit != "%") {
            if (auto v = parse_decimal(c.value)) c.value = std::to_string(*v / 1000000 * 5 / 4 + 1);
            break;
          }
        resave(tx, editor, rev2, cur);
        submit(tx, editor, rev2);
        review(tx, rev2, "良", "同意调整。");
        change_done = true;
      }
      (void)rev;
    }
    departments_of_year(tx, y, true);
  }

  void next_year(db::Conn& tx) {
    const int y = year_ + 1;
    int n = 0;
    for (const auto& p : projects_of_year(tx, y)) {
      int64_t editor = editor_for(tx, p.org_id, p.department_id);
      uint32_t seed = static_cast<uint32_t>(p.id * 31 + y);
      if (p.state == "returned") continue;  // the project itself goes back first
      int64_t rev = draft(tx, editor, p, y, leaves_for(p.sector, p.name + p.description, seed));
      int k = n++ % 4;
      if (k == 1 || k == 2) submit(tx, editor, rev);  // waiting for review
      if (k == 2 && n < 8) {
        review(tx, rev, "中", "效益指标与项目内容关联不够紧密，请补充可量化的社会效益指标。");
      }
    }
    departments_of_year(tx, y, false);
  }

  // 部门整体: the main tasks (the department's largest projects of the year, linked, plus 基本
  // 支出保障), the year's goal and department-level indicators.
  void departments_of_year(db::Conn& tx, int y, bool approve) {
    auto depts = tx.query(
        "SELECT id, name, kind, sector_code FROM organizations WHERE region_code LIKE '371525%' "
        "AND kind IN ('department', 'township', 'dev_zone') AND status = 'active' ORDER BY id");
    int n = 0;
    for (const auto& d : depts) {
      int64_t org = d.i64(0);
      std::string name = d.text(1), kind = d.text(2), sector = d.text(3);
      if (!approve && n++ % 3 != 0) continue;  // next year: a third have started
      int64_t editor = editor_for(tx, org, org);
      NewSet ns;
      ns.kind = "department";
      ns.org_id = org;
      ns.year = y;
      int64_t set_id = create_set(env(tx, editor), ns);
      auto s = *store::find_set(tx, set_id);
      auto r = *store::find_revision(tx, *s.current_revision_id, false);
      std::vector<Task> tasks;
      int64_t projects_fen = 0;
      for (const auto& pr : tx.query(
               "SELECT p.id, p.name, SUM(a.requested_fen) FROM projects p JOIN project_amounts a "
               "ON a.project_id = p.id AND a.year = ? WHERE p.department_id = ? AND p.state IN "
               "('in_library', 'budgeted', 'executing', 'completed', 'submitted', 'reviewing') "
               "GROUP BY p.id, p.name ORDER BY SUM(a.requested_fen) DESC LIMIT 4",
               {y, org})) {
        Task t;
        t.key = "T" + std::to_string(pr.i64(0));
        t.name = pr.text(1);
        t.content = "组织实施" + pr.text(1) + "，按期完成年度建设和资金支付任务。";
        t.total_fen = pr.i64(2);
        t.fiscal_fen = pr.i64(2);
        t.project_ids = {pr.i64(0)};
        projects_fen += t.total_fen;
        tasks.push_back(std::move(t));
      }
      uint32_t seed = mix(static_cast<uint32_t>(org * 13 + y));
      Task base;
      base.key = "TBASE";
      base.name = "基本支出保障";
      base.content = "保障在职人员工资福利和机构正常运转。";
      base.total_fen = (300 + seed % 1700) * 10000 * 100;  // 300–2,000 万元
      base.fiscal_fen = base.total_fen * 9 / 10;
      base.other_fen = base.total_fen - base.fiscal_fen;
      tasks.insert(tasks.begin(), base);
      std::vector<Leaf> leaves;
      auto add = [&](const char* l1, const char* l2, const char* nm, const char* nature,
                     std::string value, const char* unit, int64_t w, const char* basis,
                     const char* expl) {
        Leaf l;
        l.key = std::string("D") + std::to_string(leaves.size() + 1);
        l.level1 = l1;
        l.level2 = l2;
        l.name = nm;
        l.nature = nature;
        l.value = std::move(value);
        l.unit = unit;
        l.weight_x100 = w;
        l.basis = basis;
        l.explanation = expl;
        l.is_core = true;
        leaves.push_back(std::move(l));
      };
      int tasks_n = static_cast<int>(tasks.size());
      add("成本指标", "经济成本指标", "“三公”经费支出", "<=", std::to_string(5 + seed % 40), "万元",
          1000, "history",
          "因公出国（境）费、公务用车购置及运行费、公务接待费合计，不高于上年。数据来源：部门决算"
          "。");
      add("产出指标", "数量指标", "年度重点工作任务完成数", ">=", std::to_string(tasks_n), "项",
          2000, "plan", "按县委县政府年度重点工作分解任务统计。数据来源：部门工作台账。");
      add("产出指标", "质量指标", "重点工作任务验收合格率", "=", "100", "%", 1500, "plan",
          "验收合格的重点任务数/重点任务总数×100%。数据来源：验收资料。");
      add("产出指标", "时效指标", "重点任务按期完成率", ">=", "95", "%", 1500, "plan",
          "按期完成的重点任务数/重点任务总数×100%。数据来源：部门工作台账。");
      add("效益指标", "社会效益指标", "履职目标实现程度", "qual", "较好", "", 1500, "other",
          "对照部门“三定”职责和年度工作要点综合评判。数据来源：年度工作总结。");
      add("效益指标", "可持续影响指标", "长效管理机制健全程度", "qual", "健全", "", 1500, "other",
          "重点领域长效管理制度建立和执行情况。数据来源：制度文件。");
      add("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "90", "%", 1000, "industry",
          "问卷调查满意及基本满意人数/调查总人数×100%。数据来源：满意度调查。");
      (void)sector;
      (void)projects_fen;
      DraftInput in;
      in.year_goal = std::to_string(y) + "年，" + name +
                     "全面履行部门职责，保障机构正常运转，按期完成年度重点工作任务和" +
                     std::to_string(tasks_n - 1) +
                     "个重点项目，资金使用规范高效，服务对象满意度不低于90%。";
      in.serves_public = true;
      in.leaves = leaves;
      in.tasks = tasks;
      save_revision(env(tx, editor), r.id, in, r.version);
      if (approve) {
        submit(tx, editor, r.id);
        if (seed % 4 == 0)
          review(tx, r.id, "良", "建议将重点工作任务细化到季度，便于运行监控。");
        else
          review(tx, r.id, "优", "");
      }
    }
  }
};

void build(demo::Context& ctx) {
  Builder(ctx).run();
}

}  // namespace

void register_demo_slice() {
  demo::register_slice("targets", 30, build);
}

}  // namespace jx::targets
