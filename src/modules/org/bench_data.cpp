// The generated province of `jixiao bench-data` (see bench_data.hpp): 山东省 with its 16 cities,
// counties with generated names under real-looking codes, and in every county the 财政局 with its
// 股室 and 归口, the departments of the demo county, 乡镇街道, the 经济开发区 and their units.
#include "modules/org/bench_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>

#include "modules/org/rules.hpp"
#include "modules/org/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/passwords.hpp"

namespace jx::org {

namespace {

namespace json = boost::json;

struct City {
  const char* code;
  const char* name;
};
const City kCities[] = {
    {"370100", "济南市"}, {"370200", "青岛市"}, {"370300", "淄博市"}, {"370400", "枣庄市"},
    {"370500", "东营市"}, {"370600", "烟台市"}, {"370700", "潍坊市"}, {"370800", "济宁市"},
    {"370900", "泰安市"}, {"371000", "威海市"}, {"371100", "日照市"}, {"371300", "临沂市"},
    {"371400", "德州市"}, {"371500", "聊城市"}, {"371600", "滨州市"}, {"371700", "菏泽市"}};

// County names: one character of each list (400 distinct pairs).
const char* const kFirst[] = {"平", "安", "泰", "宁", "昌", "东", "嘉", "丰", "临", "武",
                              "清", "高", "金", "广", "永", "长", "新", "文", "海", "德"};
const char* const kSecond[] = {"阳", "城", "山", "河", "原", "乐", "水", "丘", "台", "兴",
                               "川", "峰", "泉", "陵", "州", "江", "林", "津", "坪", "溪"};

// 乡镇街道 names; a county takes townships_per_county of them from an offset of its own.
const char* const kTownships[] = {"柳林", "清水", "桑园", "店子", "梁堂", "范寨", "甘官屯", "兰沃",
                                  "斜店", "万善", "北关", "南湖", "西河", "马庄", "李集",   "王庄",
                                  "刘桥", "陈村", "杨湖", "赵寨", "孙集", "周庄", "吴桥",   "郑家",
                                  "冯庄", "韩屯", "唐庄", "许营", "崇文", "烟庄"};

// {C} = the county's name, {S} = its city's name.
struct Dept {
  const char* code;
  const char* name;
  const char* type;
  const char* sector;  // 支出功能分类 类
};
// The departments of the demo county (DOMAIN.md §9.3); 117 is the 财政局.
const Dept kDepartments[] = {
    {"101", "中共{C}委办公室", "行政单位", "201"},
    {"102", "{C}人大常委会办公室", "行政单位", "201"},
    {"103", "{C}人民政府办公室", "行政单位", "201"},
    {"104", "政协{C}委员会办公室", "行政单位", "201"},
    {"105", "中共{C}纪律检查委员会", "行政单位", "201"},
    {"106", "中共{C}委组织部", "行政单位", "201"},
    {"107", "中共{C}委宣传部", "行政单位", "201"},
    {"108", "中共{C}委统战部", "行政单位", "201"},
    {"109", "中共{C}委政法委员会", "行政单位", "204"},
    {"110", "{C}发展和改革局", "行政单位", "201"},
    {"111", "{C}教育和体育局", "行政单位", "205"},
    {"112", "{C}科学技术局", "行政单位", "206"},
    {"113", "{C}工业和信息化局", "行政单位", "215"},
    {"114", "{C}公安局", "行政单位", "204"},
    {"115", "{C}民政局", "行政单位", "208"},
    {"116", "{C}司法局", "行政单位", "204"},
    {"118", "{C}人力资源和社会保障局", "行政单位", "208"},
    {"119", "{C}自然资源和规划局", "行政单位", "220"},
    {"120", "{C}住房和城乡建设局", "行政单位", "212"},
    {"121", "{C}交通运输局", "行政单位", "214"},
    {"122", "{C}水利局", "行政单位", "213"},
    {"123", "{C}农业农村局", "行政单位", "213"},
    {"124", "{C}商务局", "行政单位", "216"},
    {"125", "{C}文化和旅游局", "行政单位", "207"},
    {"126", "{C}卫生健康局", "行政单位", "210"},
    {"127", "{C}退役军人事务局", "行政单位", "208"},
    {"128", "{C}应急管理局", "行政单位", "224"},
    {"129", "{C}审计局", "行政单位", "201"},
    {"130", "{C}市场监督管理局", "行政单位", "201"},
    {"131", "{C}统计局", "行政单位", "201"},
    {"132", "{C}医疗保障局", "行政单位", "210"},
    {"133", "{C}综合行政执法局", "行政单位", "212"},
    {"134", "{C}行政审批服务局", "行政单位", "201"},
    {"135", "{C}大数据中心", "事业单位", "201"},
    {"136", "{C}融媒体中心", "事业单位", "207"},
    {"137", "{C}机关事务服务中心", "参公事业单位", "201"},
    {"138", "{C}信访局", "行政单位", "201"},
    {"139", "{S}生态环境局{C}分局", "行政单位", "211"},
    {"140", "共青团{C}委员会", "行政单位", "201"},
};

// County-level 预算单位: under a department (by code) or, with `under_unit`, under the unit of
// that name (a second-level unit, code = the unit's code + 3 digits).
struct UnitSeed {
  const char* dept;
  const char* name;
  const char* type;
  const char* under_unit;
};
const UnitSeed kUnits[] = {
    {"111", "{C}第一中学", "事业单位", ""},
    {"126", "{C}人民医院", "事业单位", ""},
    {"117", "{C}财政国库集中支付中心", "参公事业单位", ""},
    {"123", "{C}农业技术推广中心", "事业单位", ""},
    {"111", "{C}第二中学", "事业单位", ""},
    {"126", "{C}中医医院", "事业单位", ""},
    {"122", "{C}水利工程建设服务中心", "事业单位", ""},
    {"120", "{C}住房保障服务中心", "事业单位", ""},
    {"118", "{C}社会保险事业中心", "参公事业单位", ""},
    {"111", "{C}第三中学", "事业单位", ""},
    {"126", "{C}妇幼保健院", "事业单位", ""},
    {"125", "{C}图书馆", "事业单位", ""},
    {"121", "{C}公路事业发展中心", "事业单位", ""},
    {"111", "{C}实验高级中学", "事业单位", ""},
    {"126", "{C}疾病预防控制中心", "事业单位", ""},
    {"133", "{C}城市管理服务中心", "事业单位", ""},
    {"119", "{C}不动产登记中心", "事业单位", ""},
    {"115", "{C}社会福利中心", "事业单位", ""},
    {"111", "{C}实验小学", "事业单位", ""},
    {"126", "{C}第二人民医院", "事业单位", ""},
    {"114", "{C}公安局交通警察大队", "行政单位", ""},
    {"117", "{C}政府采购服务中心", "事业单位", ""},
    {"123", "{C}畜牧兽医事业发展中心", "事业单位", ""},
    {"111", "{C}第二实验小学", "事业单位", ""},
    {"125", "{C}文化馆", "事业单位", ""},
    {"118", "{C}公共就业和人才服务中心", "事业单位", ""},
    {"120", "{C}建筑工程质量安全服务中心", "事业单位", ""},
    {"111", "{C}职业教育中心学校", "事业单位", ""},
    {"132", "{C}医疗保障服务中心", "事业单位", ""},
    {"122", "{C}河道管理服务中心", "事业单位", ""},
    {"111", "{C}第一中学附属初级中学", "事业单位", "{C}第一中学"},
    {"126", "{C}人民医院健康管理中心", "事业单位", "{C}人民医院"},
    {"111", "{C}特殊教育学校", "事业单位", ""},
    {"130", "{C}检验检测中心", "事业单位", ""},
    {"119", "{C}林业发展中心", "事业单位", ""},
    {"123", "{C}农业机械服务中心", "事业单位", ""},
    {"120", "{C}环境卫生服务中心", "事业单位", ""},
    {"111", "{C}实验幼儿园", "事业单位", ""},
    {"110", "{C}粮食和物资储备中心", "事业单位", ""},
    {"133", "{C}园林绿化服务中心", "事业单位", ""},
    {"118", "{C}劳动人事争议仲裁院", "事业单位", ""},
    {"115", "{C}殡葬服务所", "事业单位", ""},
    {"125", "{C}博物馆", "事业单位", ""},
    {"121", "{C}交通运输服务中心", "事业单位", ""},
    {"127", "{C}退役军人服务中心", "事业单位", ""},
    {"128", "{C}应急救援服务中心", "事业单位", ""},
    {"111", "{C}第二实验幼儿园", "事业单位", ""},
    {"123", "{C}农村经济经营管理服务中心", "事业单位", ""},
    {"124", "{C}商务服务中心", "事业单位", ""},
    {"103", "{C}地方金融服务中心", "事业单位", ""},
    {"107", "{C}新时代文明实践服务中心", "事业单位", ""},
    {"111", "{C}教育和体育局教学研究室", "事业单位", ""},
    {"111", "{C}学生资助管理中心", "事业单位", ""},
};

// The 财政局's 股室 and the departments each oversees ("T" every township, "Z" the zone).
struct Office {
  const char* key;  // in user names
  const char* name;
  const char* role;
  std::vector<const char*> overseen;
};
const Office kOffices[] = {
    {"perf", "绩效管理股", "performance", {}},
    {"budget", "预算股", "budget", {"T"}},
    {"treasury", "国库股", "other", {}},
    {"biz1",
     "行政政法股",
     "business",
     {"101", "102", "103", "104", "105", "106", "108", "109", "114", "116", "129", "131", "134",
      "135", "137", "138", "140"}},
    {"biz2", "教科文股", "business", {"107", "111", "112", "125", "136"}},
    {"biz3",
     "经济建设股",
     "business",
     {"110", "113", "119", "120", "121", "124", "130", "133", "139", "Z"}},
    {"biz4", "农业农村股", "business", {"122", "123"}},
    {"biz5", "社会保障股", "business", {"115", "118", "126", "127", "128", "132"}},
    {"review", "{C}财政投资评审中心", "review_center", {"120", "121", "122", "133"}},
};

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                 "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                 "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
const char* const kGiven[] = {"伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",
                              "军",   "洋",   "勇",   "艳",   "杰",   "娟",   "涛",   "明",
                              "超",   "秀英", "霞",   "平",   "刚",   "桂英", "建华", "文博",
                              "晓燕", "海涛", "志强", "红梅", "国庆", "春玲", "立新", "玉梅",
                              "东",   "青",   "建国", "丽华", "晨",   "宇",   "欣怡", "子涵"};

std::string fill(std::string s, const std::string& county, const std::string& city) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{C}", county}, {"{S}", city}}) {
    for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size()))
      s.replace(at, key.size(), value);
  }
  return s;
}

std::string digits(int value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

struct RegionRow {
  std::string code, name, level, parent, full_name;
};

struct OrgRow {
  int64_t id = 0;
  std::string kind, name, code, uscc, region, office_role, unit_type, sector, path;
  std::optional<int64_t> parent, department;
  std::string user_key;  // the middle of its users' names: the code, or the office's key
  std::string user_region;
};

// Builds the rows in memory: ids from first_id up, parents before children.
class Builder {
 public:
  explicit Builder(int64_t first_id) : next_id_(first_id) {}

  std::vector<RegionRow> regions;
  std::vector<OrgRow> orgs;
  std::vector<std::pair<int64_t, int64_t>> oversight;  // office, department

  const OrgRow& add(OrgRow o, const OrgRow* parent) {
    o.id = next_id_++;
    o.path = child_path(parent ? parent->path : "", o.id);
    o.parent = parent ? std::optional<int64_t>(parent->id) : std::nullopt;
    if (is_department_kind(o.kind))
      o.department = o.id;
    else if (parent)
      o.department = parent->department;
    if (o.user_key.empty()) o.user_key = o.code;
    orgs.push_back(std::move(o));
    return orgs.back();
  }

  // A 统一社会信用代码 under region6 with a body unique in this run.
  std::string uscc(const std::string& unit_type, const std::string& region6) {
    bool admin = unit_type == "行政单位";
    std::string body = (admin ? "00" : "MB") + digits(++uscc_seq_, 6);
    return make_uscc(admin ? "11" : "12", region6, body);
  }

 private:
  int64_t next_id_;
  int uscc_seq_ = 0;
};

// A finance bureau (department kind) and its offices; returns the offices' indexes in orgs.
std::vector<size_t> add_bureau(Builder& b, const std::string& name, const std::string& region,
                               const std::vector<std::pair<const Office*, std::string>>& offices) {
  OrgRow bureau;
  bureau.kind = "finance_bureau";
  bureau.name = name;
  bureau.code = "117";
  bureau.unit_type = "行政单位";
  bureau.sector = "201";
  bureau.region = region;
  bureau.user_region = region;
  bureau.uscc = b.uscc(bureau.unit_type, region);
  size_t bureau_at = b.orgs.size();
  b.add(bureau, nullptr);
  std::vector<size_t> out;
  for (const auto& [office, office_name] : offices) {
    OrgRow o;
    o.kind = "finance_office";
    o.name = office_name;
    o.office_role = office->role;
    o.sector = "201";
    o.region = region;
    o.user_region = region;
    o.user_key = office->key;
    out.push_back(b.orgs.size());
    b.add(o, &b.orgs[bureau_at]);
  }
  return out;
}

// Inserts rows of ncols values each as multi-row INSERTs of at most ~6,000 parameters: every
// full batch has the same SQL text, so it is prepared once per connection.
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

const char* role_of(const OrgRow& o) {
  if (o.kind == "unit") return "unit_clerk";
  if (o.kind == "township") return "township_finance";
  if (o.kind == "finance_office") {
    if (o.office_role == "performance") return "fin_perf";
    if (o.office_role == "review_center") return "fin_review";
    return "fin_business";
  }
  return "dept_admin";  // department, dev_zone, finance_bureau
}

}  // namespace

BenchResult generate_bench_data(db::Db& db, const Clock& clock, const BenchScale& scale,
                                const std::string& password) {
  const int n_cities = std::clamp(scale.cities, 1, 16);
  const int n_counties = std::clamp(scale.counties, 1, 400);
  const int n_townships = std::clamp(scale.townships_per_county, 1, 30);
  const int users_per_org = std::max(1, scale.users_per_org);
  const std::string hash = auth::hash_password(password);  // once: ~100 ms
  const std::string now = format_utc(clock.now());

  BenchResult result;
  db.write([&](db::Conn& tx) {
    if (tx.query("SELECT COUNT(*) FROM organizations")[0].i64(0) > 0)
      throw std::runtime_error(
          "数据库中已有组织机构，压测数据只能写入新建的空库 (the database already holds "
          "organizations: bench-data needs a freshly migrated database)");
    auth::ensure_builtin_roles(tx, clock);
    std::map<std::string, int64_t> role_ids;
    for (const auto& r : tx.query("SELECT code, id FROM roles")) role_ids[r.text(0)] = r.i64(1);

    Builder b(1);
    // ---- regions and the province's and cities' finance bureaus
    b.regions.push_back({"370000", "山东省", "province", "", "山东省"});
    std::vector<std::pair<const Office*, std::string>> perf_only = {{&kOffices[0], ""}};
    perf_only[0].second = "预算绩效管理处";
    size_t province_perf = add_bureau(b, "山东省财政厅", "370000", perf_only)[0];
    for (int c = 0; c < n_cities; ++c) {
      b.regions.push_back({kCities[c].code, kCities[c].name, "city", "370000",
                           std::string("山东省") + kCities[c].name});
      perf_only[0].second = "预算绩效管理科";
      add_bureau(b, std::string(kCities[c].name) + "财政局", kCities[c].code, perf_only);
    }

    // ---- counties
    std::vector<int> in_city(n_cities, 0);
    for (int i = 0; i < n_counties; ++i) ++in_city[i % n_cities];
    const int sample_county = n_counties / 2;
    for (int i = 0; i < n_counties; ++i) {
      const City& city = kCities[i % n_cities];
      int k = i / n_cities;  // index within the city
      int last = in_city[i % n_cities] - 1;
      std::string suffix;
      int code2;
      if (k < 3) {
        code2 = 2 + k;
        suffix = "区";
      } else if (k == last && last >= 5) {
        code2 = 81;
        suffix = "市";
      } else {
        code2 = 21 + (k - 3);
        suffix = "县";
      }
      std::string county_code = std::string(city.code).substr(0, 4) + digits(code2, 2);
      std::string county =
          std::string(kFirst[i % 20]) + kSecond[(i / 20 + 3 * (i % 20)) % 20] + suffix;
      std::string full = std::string("山东省") + city.name + county;
      b.regions.push_back({county_code, county, "county", city.code, full});
      std::vector<std::string> township_names, township_codes;
      for (int t = 0; t < n_townships; ++t) {
        std::string base = kTownships[(i * 7 + t) % 30];
        std::string name = base + (t < 2 ? "街道" : t == n_townships - 1 && t > 2 ? "乡" : "镇");
        std::string code = county_code + digits(t + 1, 3);
        township_names.push_back(name);
        township_codes.push_back(code);
        b.regions.push_back({code, name, "township", county_code, full + name});
      }

      // 财政局 and 股室
      std::vector<std::pair<const Office*, std::string>> offices;
      for (const auto& o : kOffices) offices.emplace_back(&o, fill(o.name, county, city.name));
      std::vector<size_t> office_at = add_bureau(b, county + "财政局", county_code, offices);
      std::map<std::string, size_t> dept_at;  // code -> index in orgs
      dept_at["117"] = office_at.front() - 1;
      for (const auto& d : kDepartments) {
        OrgRow o;
        o.kind = "department";
        o.name = fill(d.name, county, city.name);
        o.code = d.code;
        o.unit_type = d.type;
        o.sector = d.sector;
        o.region = county_code;
        o.user_region = county_code;
        o.uscc = b.uscc(o.unit_type, county_code);
        dept_at[d.code] = b.orgs.size();
        b.add(o, nullptr);
      }
      std::vector<size_t> township_at;
      for (int t = 0; t < n_townships; ++t) {
        OrgRow o;
        o.kind = "township";
        const std::string& n = township_names[t];
        o.name =
            county + n + (n.size() > 6 && n.substr(n.size() - 6) == "街道" ? "办事处" : "人民政府");
        o.code = digits(301 + t, 3);
        o.unit_type = "行政单位";
        o.sector = "201";
        o.region = township_codes[t];
        o.user_region = county_code;
        o.uscc = b.uscc(o.unit_type, county_code);
        township_at.push_back(b.orgs.size());
        dept_at[o.code] = b.orgs.size();
        b.add(o, nullptr);
      }
      OrgRow zone;
      zone.kind = "dev_zone";
      zone.name = county + "经济开发区管理委员会";
      zone.code = "401";
      zone.unit_type = "行政单位";
      zone.sector = "215";
      zone.region = county_code;
      zone.user_region = county_code;
      zone.uscc = b.uscc(zone.unit_type, county_code);
      size_t zone_at = b.orgs.size();
      b.add(zone, nullptr);

      // 归口
      for (size_t k2 = 0; k2 < office_at.size(); ++k2)
        for (const char* d : kOffices[k2].overseen) {
          std::string s = d;
          int64_t office_id = b.orgs[office_at[k2]].id;
          if (s == "T")
            for (size_t t : township_at) b.oversight.emplace_back(office_id, b.orgs[t].id);
          else if (s == "Z")
            b.oversight.emplace_back(office_id, b.orgs[zone_at].id);
          else
            b.oversight.emplace_back(office_id, b.orgs[dept_at.at(s)].id);
        }

      // 预算单位: the county-level list, then per kind of township unit every township.
      struct Seed {
        std::string name, type, sector, region;
        size_t parent_at;      // index in orgs of the department or township
        int parent_seed = -1;  // or: the seed of the parent unit (a second-level unit)
      };
      std::vector<Seed> seeds;
      std::map<std::string, size_t> unit_at;  // seeds index by name
      for (const auto& u : kUnits) {
        size_t parent = dept_at.at(u.dept);
        seeds.push_back(
            {fill(u.name, county, city.name), u.type, b.orgs[parent].sector, county_code, parent});
        if (*u.under_unit)
          seeds.back().parent_seed =
              static_cast<int>(unit_at.at(fill(u.under_unit, county, city.name)));
        unit_at[seeds.back().name] = seeds.size() - 1;
      }
      for (int kind = 0; kind < 4; ++kind)
        for (int t = 0; t < n_townships; ++t) {
          const std::string& n = township_names[t];
          const std::string& r = township_codes[t];
          switch (kind) {
            case 0:
              seeds.push_back({county + n + "中心学校", "事业单位", "205", r, dept_at.at("111")});
              break;
            case 1:
              seeds.push_back({county + n + "卫生院", "事业单位", "210", r, dept_at.at("126")});
              break;
            case 2:
              seeds.push_back(
                  {county + n + "农业综合服务中心", "事业单位", "213", r, township_at[t]});
              break;
            default:
              seeds.push_back({county + n + "便民服务中心", "事业单位", "201", r, township_at[t]});
              break;
          }
        }
      size_t n_units = std::min<size_t>(seeds.size(), std::max(0, scale.units_per_county));
      std::map<size_t, int> next_child;  // parent index in orgs -> children so far
      std::vector<size_t> seed_org(n_units);
      for (size_t s = 0; s < n_units; ++s) {
        const Seed& seed = seeds[s];
        size_t parent = seed.parent_seed >= 0 ? seed_org[seed.parent_seed] : seed.parent_at;
        OrgRow o;
        o.kind = "unit";
        o.name = seed.name;
        o.code = b.orgs[parent].code + digits(++next_child[parent], 3);
        o.unit_type = seed.type;
        o.sector = seed.sector;
        o.region = seed.region;
        o.user_region = county_code;
        o.uscc = b.uscc(o.unit_type, county_code);
        seed_org[s] = b.orgs.size();
        b.add(o, &b.orgs[parent]);
        ++result.units;
      }
      if (i == sample_county) {
        auto first_user = [&](size_t at) {
          return "u" + b.orgs[at].user_region + "." + b.orgs[at].user_key + ".1";
        };
        result.samples.push_back(
            {"county_fin_perf", first_user(office_at[0]), county_code, b.orgs[office_at[0]].id});
        result.samples.push_back(
            {"fin_business", first_user(office_at[4]), county_code, b.orgs[office_at[4]].id});
        size_t edu = dept_at.at("111");
        result.samples.push_back({"dept_admin", first_user(edu), county_code, b.orgs[edu].id});
        if (n_units > 0)
          result.samples.push_back(
              {"unit_clerk", first_user(seed_org[0]), county_code, b.orgs[seed_org[0]].id});
      }
    }
    result.samples.push_back({"province_fin_perf",
                              "u370000." + b.orgs[province_perf].user_key + ".1", "370000",
                              b.orgs[province_perf].id});

    // ---- write
    db::Params v;
    v.reserve(b.regions.size() * 6);
    for (const auto& r : b.regions) {
      v.insert(v.end(), {r.code, r.name, r.level, db::null_if_empty(r.parent), r.full_name, now});
    }
    bulk_insert(tx, "INSERT INTO regions (code, name, level, parent_code, full_name, created_at)",
                6, v);

    auto opt = [](const std::string& s) { return db::null_if_empty(s); };
    v.clear();
    v.reserve(b.orgs.size() * 15);
    for (const auto& o : b.orgs)
      v.insert(v.end(),
               {o.id, o.kind, o.name, opt(o.code), opt(o.uscc), o.region, o.parent, o.department,
                opt(o.office_role), o.unit_type, o.sector, o.path, now, now, int64_t{1}});
    bulk_insert(tx,
                "INSERT INTO organizations (id, kind, name, code, uscc, region_code, parent_id, "
                "department_id, office_role, unit_type, sector_code, path, created_at, "
                "updated_at, version)",
                15, v);

    v.clear();
    for (const auto& [office, dept] : b.oversight) v.insert(v.end(), {office, dept});
    bulk_insert(tx, "INSERT INTO office_oversight (office_id, department_id)", 2, v);

    int64_t first_user = tx.query("SELECT COALESCE(MAX(id), 0) FROM users")[0].i64(0) + 1;
    db::Params users, roles;
    users.reserve(b.orgs.size() * users_per_org * 10);
    roles.reserve(b.orgs.size() * users_per_org * 3);
    int64_t uid = first_user;
    size_t person = 0;
    for (const auto& o : b.orgs) {
      int64_t role = role_ids.at(role_of(o));
      for (int n = 1; n <= users_per_org; ++n, ++uid, ++person) {
        std::string name =
            std::string(kSurnames[person % 30]) + kGiven[(person / 30 + person) % 40];
        users.insert(users.end(),
                     {uid, "u" + o.user_region + "." + o.user_key + "." + std::to_string(n), name,
                      o.id, hash, now, int64_t{0}, int64_t{0}, now, now});
        roles.insert(roles.end(), {uid, role, now});
      }
    }
    bulk_insert(tx,
                "INSERT INTO users (id, username, display_name, org_id, password_hash, "
                "password_changed_at, must_change_password, is_demo, created_at, updated_at)",
                10, users);
    bulk_insert(tx, "INSERT INTO user_roles (user_id, role_id, granted_at)", 3, roles);
    // The password-history rule reads this table, as for any created account.
    tx.exec(
        "INSERT INTO password_history (user_id, password_hash, created_at) SELECT id, "
        "password_hash, created_at FROM users WHERE id >= ?",
        {first_user});
    if (tx.dialect() == db::Dialect::kPostgres) {
      // Explicit ids do not advance the identity sequences.
      tx.query(
          "SELECT setval(pg_get_serial_sequence('organizations', 'id'), "
          "(SELECT MAX(id) FROM organizations))");
      tx.query("SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))");
    }
    tx.exec(
        "INSERT INTO meta (key, value) VALUES ('demo', '0') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

    result.regions = static_cast<int64_t>(b.regions.size());
    result.organizations = static_cast<int64_t>(b.orgs.size());
    result.oversight = static_cast<int64_t>(b.oversight.size());
    result.users = uid - first_user;
    store::index_missing_names(tx);  // the bulk inserts bypass the store's per-row indexing
    audit::Actor actor{0, "jixiao bench-data", "", ""};
    audit::append(tx, clock, actor,
                  {"bench.generate", "instance", "", "success", nullptr,
                   json::object{{"regions", result.regions},
                                {"organizations", result.organizations},
                                {"units", result.units},
                                {"oversight", result.oversight},
                                {"users", result.users},
                                {"counties", n_counties}}});
  });
  // PostgreSQL plans from statistics that autovacuum gathers some time after a bulk load; until
  // then its estimates of these tables are far off (and large enough to turn on JIT). Gather
  // them now, as a loaded production database would have them. (SQLite keeps no statistics
  // unless asked, in production too.)
  if (db.dialect() == db::Dialect::kPostgres)
    db.write([](db::Conn& c) {
      c.exec("ANALYZE regions, organizations, office_oversight, users, user_roles");
    });
  return result;
}

}  // namespace jx::org
