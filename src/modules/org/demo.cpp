// The org slice of the demo county: 山东省聊城市冠县 (371525) with its 18 乡镇街道 and 经济开发区,
// the 财政局 and its 股室 with their 归口, 40 departments and 131 budget units in all (departments,
// townships, the zone and their units), three 第三方机构, 人大 and 审计, the 专家库, and one demo
// account per business role. Written through the service, so every row is validated and audited.
#include <cstdio>
#include <map>

#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/demo.hpp"

namespace jx::org {

namespace {

constexpr const char* kCounty = "371525";

struct Dept {
  const char* code;
  const char* name;
  const char* type;    // unit_type
  const char* sector;  // reference data `sector` code
};

// DOMAIN.md §9.3, 县 → 冠县. 117 is the 财政局.
const Dept kDepartments[] = {
    {"101", "中共冠县县委办公室", "行政单位", "general_public"},
    {"102", "冠县人大常委会办公室", "行政单位", "general_public"},
    {"103", "冠县人民政府办公室", "行政单位", "general_public"},
    {"104", "政协冠县委员会办公室", "行政单位", "general_public"},
    {"105", "中共冠县纪律检查委员会", "行政单位", "general_public"},
    {"106", "中共冠县县委组织部", "行政单位", "general_public"},
    {"107", "中共冠县县委宣传部", "行政单位", "general_public"},
    {"108", "中共冠县县委统战部", "行政单位", "general_public"},
    {"109", "中共冠县县委政法委员会", "行政单位", "public_security"},
    {"110", "冠县发展和改革局", "行政单位", "general_public"},
    {"111", "冠县教育和体育局", "行政单位", "education"},
    {"112", "冠县科学技术局", "行政单位", "science"},
    {"113", "冠县工业和信息化局", "行政单位", "commerce"},
    {"114", "冠县公安局", "行政单位", "public_security"},
    {"115", "冠县民政局", "行政单位", "social_security"},
    {"116", "冠县司法局", "行政单位", "public_security"},
    {"117", "冠县财政局", "行政单位", "general_public"},
    {"118", "冠县人力资源和社会保障局", "行政单位", "social_security"},
    {"119", "冠县自然资源和规划局", "行政单位", "natural_resources"},
    {"120", "冠县住房和城乡建设局", "行政单位", "urban"},
    {"121", "冠县交通运输局", "行政单位", "transport"},
    {"122", "冠县水利局", "行政单位", "water"},
    {"123", "冠县农业农村局", "行政单位", "agriculture"},
    {"124", "冠县商务局", "行政单位", "commerce"},
    {"125", "冠县文化和旅游局", "行政单位", "culture"},
    {"126", "冠县卫生健康局", "行政单位", "health"},
    {"127", "冠县退役军人事务局", "行政单位", "social_security"},
    {"128", "冠县应急管理局", "行政单位", "emergency"},
    {"129", "冠县审计局", "行政单位", "general_public"},
    {"130", "冠县市场监督管理局", "行政单位", "general_public"},
    {"131", "冠县统计局", "行政单位", "general_public"},
    {"132", "冠县医疗保障局", "行政单位", "health"},
    {"133", "冠县综合行政执法局", "行政单位", "sanitation"},
    {"134", "冠县行政审批服务局", "行政单位", "general_public"},
    {"135", "冠县大数据中心", "事业单位", "general_public"},
    {"136", "冠县融媒体中心", "事业单位", "culture"},
    {"137", "冠县机关事务服务中心", "参公事业单位", "general_public"},
    {"138", "冠县信访局", "行政单位", "general_public"},
    {"139", "聊城市生态环境局冠县分局", "行政单位", "environment"},
    {"140", "共青团冠县委员会", "行政单位", "general_public"},
};

// The 18 乡镇街道, in region-code order 371525001 … 018.
const char* const kTownships[] = {"清泉街道", "崇文街道", "烟庄街道", "贾镇",     "桑阿镇",
                                  "柳林镇",   "清水镇",   "东古城镇", "北馆陶镇", "店子镇",
                                  "定远寨镇", "辛集镇",   "梁堂镇",   "范寨镇",   "甘官屯镇",
                                  "兰沃乡",   "斜店乡",   "万善乡"};

struct UnitSeed {
  const char* dept;  // department code
  const char* name;
  const char* type;
  const char* township;  // "" = county seat, else the township's name
};

// 72 units: with the 40 departments, 18 townships and the zone, 131 budget units.
const UnitSeed kUnits[] = {
    {"111", "冠县第一中学", "事业单位", ""},
    {"111", "冠县第二中学", "事业单位", ""},
    {"111", "冠县第三中学", "事业单位", ""},
    {"111", "冠县实验高级中学", "事业单位", ""},
    {"111", "冠县职业教育中心学校", "事业单位", ""},
    {"111", "冠县特殊教育学校", "事业单位", ""},
    {"111", "冠县实验小学", "事业单位", ""},
    {"111", "冠县第二实验小学", "事业单位", ""},
    {"111", "冠县清泉中学", "事业单位", "清泉街道"},
    {"111", "冠县崇文中学", "事业单位", "崇文街道"},
    {"111", "冠县实验幼儿园", "事业单位", ""},
    {"111", "冠县第二实验幼儿园", "事业单位", ""},
    {"111", "冠县东古城镇中心学校", "事业单位", "东古城镇"},
    {"111", "冠县贾镇中心学校", "事业单位", "贾镇"},
    {"111", "冠县桑阿镇中心学校", "事业单位", "桑阿镇"},
    {"111", "冠县柳林镇中心学校", "事业单位", "柳林镇"},
    {"111", "冠县教育和体育局教学研究室", "事业单位", ""},
    {"111", "冠县学生资助管理中心", "事业单位", ""},
    {"126", "冠县人民医院", "事业单位", ""},
    {"126", "冠县中医医院", "事业单位", ""},
    {"126", "冠县第二人民医院", "事业单位", ""},
    {"126", "冠县妇幼保健院", "事业单位", ""},
    {"126", "冠县疾病预防控制中心", "事业单位", ""},
    {"126", "冠县贾镇卫生院", "事业单位", "贾镇"},
    {"126", "冠县桑阿镇卫生院", "事业单位", "桑阿镇"},
    {"126", "冠县柳林镇卫生院", "事业单位", "柳林镇"},
    {"126", "冠县清水镇卫生院", "事业单位", "清水镇"},
    {"126", "冠县东古城镇卫生院", "事业单位", "东古城镇"},
    {"126", "冠县北馆陶镇卫生院", "事业单位", "北馆陶镇"},
    {"126", "冠县店子镇卫生院", "事业单位", "店子镇"},
    {"126", "冠县定远寨镇卫生院", "事业单位", "定远寨镇"},
    {"126", "冠县辛集镇卫生院", "事业单位", "辛集镇"},
    {"126", "冠县梁堂镇卫生院", "事业单位", "梁堂镇"},
    {"126", "冠县范寨镇卫生院", "事业单位", "范寨镇"},
    {"126", "冠县甘官屯镇卫生院", "事业单位", "甘官屯镇"},
    {"126", "冠县兰沃乡卫生院", "事业单位", "兰沃乡"},
    {"126", "冠县斜店乡卫生院", "事业单位", "斜店乡"},
    {"126", "冠县万善乡卫生院", "事业单位", "万善乡"},
    {"117", "冠县财政国库集中支付中心", "参公事业单位", ""},
    {"117", "冠县政府采购服务中心", "事业单位", ""},
    {"123", "冠县农业技术推广中心", "事业单位", ""},
    {"123", "冠县畜牧兽医事业发展中心", "事业单位", ""},
    {"123", "冠县农业机械服务中心", "事业单位", ""},
    {"123", "冠县农村经济经营管理服务中心", "事业单位", ""},
    {"122", "冠县水利工程建设服务中心", "事业单位", ""},
    {"122", "冠县河道管理服务中心", "事业单位", ""},
    {"119", "冠县不动产登记中心", "事业单位", ""},
    {"119", "冠县林业发展中心", "事业单位", ""},
    {"120", "冠县住房保障服务中心", "事业单位", ""},
    {"120", "冠县建筑工程质量安全服务中心", "事业单位", ""},
    {"120", "冠县环境卫生服务中心", "事业单位", ""},
    {"133", "冠县城市管理服务中心", "事业单位", ""},
    {"133", "冠县园林绿化服务中心", "事业单位", ""},
    {"118", "冠县社会保险事业中心", "参公事业单位", ""},
    {"118", "冠县公共就业和人才服务中心", "事业单位", ""},
    {"118", "冠县劳动人事争议仲裁院", "事业单位", ""},
    {"115", "冠县社会福利中心", "事业单位", ""},
    {"115", "冠县殡葬服务所", "事业单位", ""},
    {"125", "冠县图书馆", "事业单位", ""},
    {"125", "冠县文化馆", "事业单位", ""},
    {"125", "冠县博物馆", "事业单位", ""},
    {"121", "冠县公路事业发展中心", "事业单位", ""},
    {"121", "冠县交通运输服务中心", "事业单位", ""},
    {"114", "冠县公安局交通警察大队", "行政单位", ""},
    {"132", "冠县医疗保障服务中心", "事业单位", ""},
    {"130", "冠县检验检测中心", "事业单位", ""},
    {"110", "冠县粮食和物资储备中心", "事业单位", ""},
    {"127", "冠县退役军人服务中心", "事业单位", ""},
    {"128", "冠县应急救援服务中心", "事业单位", ""},
    {"124", "冠县商务服务中心", "事业单位", ""},
    {"103", "冠县地方金融服务中心", "事业单位", ""},
    {"107", "冠县新时代文明实践服务中心", "事业单位", ""},
};

struct Office {
  const char* name;
  const char* role;
  std::vector<const char*> overseen;  // department codes; "T" = every township, "Z" = the zone
};

const Office kOffices[] = {
    {"绩效管理股", "performance", {}},
    {"预算股", "budget", {"T"}},
    {"国库股", "other", {}},
    {"行政政法股",
     "business",
     {"101", "102", "103", "104", "105", "106", "108", "109", "114", "116", "129", "131", "134",
      "135", "137", "138", "140"}},
    {"教科文股", "business", {"107", "111", "112", "125", "136"}},
    {"经济建设股",
     "business",
     {"110", "113", "119", "120", "121", "124", "130", "133", "139", "Z"}},
    {"农业农村股", "business", {"122", "123"}},
    {"社会保障股", "business", {"115", "118", "126", "127", "128", "132"}},
    {"冠县财政投资评审中心", "review_center", {"120", "121", "122", "133"}},
};

struct ExpertSeed {
  const char* name;
  const char* title;
  std::vector<std::string> fields;
  const char* employer;  // organization name, "" = none (退休/自由职业)
  const char* phone;
  const char* tail;
};

const ExpertSeed kExperts[] = {
    {"周敏",
     "高级工程师",
     {"工程造价", "建设工程"},
     "聊城恒信工程造价咨询有限公司",
     "13906351201",
     "2318"},
    {"马建国",
     "正高级会计师",
     {"财务会计", "绩效评价"},
     "山东正信会计师事务所有限公司聊城分所",
     "13806352202",
     "4417"},
    {"郭丽华",
     "注册会计师",
     {"财务会计", "内部控制"},
     "山东正信会计师事务所有限公司聊城分所",
     "13563503303",
     "0529"},
    {"杨志强",
     "高级工程师",
     {"工程造价", "市政工程"},
     "聊城恒信工程造价咨询有限公司",
     "15806354404",
     "3715"},
    {"宋玉梅", "正高级教师", {"教育", "学前教育"}, "冠县第一中学", "13515356505", "6620"},
    {"田国庆", "高级教师", {"教育", "义务教育"}, "冠县实验小学", "13616357606", "101X"},
    {"冯晓燕", "主任医师", {"卫生健康", "公共卫生"}, "冠县人民医院", "13706358707", "2824"},
    {"韩东", "副主任医师", {"卫生健康", "医疗保障"}, "冠县中医医院", "13963509808", "5531"},
    {"曹文华", "高级农艺师", {"农业", "高标准农田"}, "冠县农业技术推广中心", "13869501909", "7742"},
    {"彭立新",
     "高级畜牧师",
     {"农业", "畜牧兽医"},
     "冠县畜牧兽医事业发展中心",
     "13792002010",
     "8853"},
    {"许海涛",
     "高级工程师",
     {"水利", "农田水利"},
     "冠县水利工程建设服务中心",
     "15963502111",
     "9964"},
    {"邓志远", "高级工程师", {"交通", "公路养护"}, "冠县公路事业发展中心", "18806352212", "0175"},
    {"萧红", "工程师", {"环卫", "城市管理"}, "冠县环境卫生服务中心", "18963502313", "1286"},
    {"程伟", "律师", {"法律", "政府采购"}, "", "13306352414", "2397"},
    {"蔡明",
     "副教授",
     {"绩效评价", "公共管理"},
     "山东明德绩效管理咨询有限公司",
     "13506352515",
     "3408"},
    {"潘静",
     "高级经济师",
     {"绩效评价", "产业政策"},
     "山东明德绩效管理咨询有限公司",
     "13656352616",
     "4519"},
    {"杜建华", "高级会计师", {"财务会计", "国有资产"}, "", "13176352717", "5620"},
    {"魏春玲",
     "高级社会工作师",
     {"社会保障", "养老服务"},
     "冠县社会福利中心",
     "15106352818",
     "6731"},
    {"薛军", "高级工程师", {"信息化", "数据治理"}, "冠县大数据中心", "17763502919", "7842"},
    {"叶青", "副研究馆员", {"文化旅游", "公共文化"}, "冠县文化馆", "13863503020", "8953"},
};

// A deterministic 8-character 主体标识码 body (the check character is added by make_uscc).
std::string body(const char* prefix, int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%06d", prefix, n);
  return buf;
}

int64_t create(db::Conn& tx, const Clock& clock, const Caller& who, const std::string& kind,
               const std::string& name, const std::string& code, const std::string& uscc,
               const std::string& region, std::optional<int64_t> parent, const std::string& type,
               const std::string& sector, const std::string& office_role = "",
               const std::string& qualification = "{}", const std::string& phone = "") {
  OrgInput in;
  in.kind = kind;
  in.name = name;
  in.code = code;
  in.uscc = uscc;
  in.region_code = region;
  in.parent_id = parent;
  in.unit_type = type;
  in.sector_code = sector;
  in.office_role = office_role;
  in.qualification_json = qualification;
  in.phone = phone;
  return create_org(tx, clock, who, in).id;
}

void build(demo::Context& ctx) {
  Caller who = system_caller("jixiao demo");
  const Clock& clock = ctx.clock;
  std::map<std::string, int64_t> by_name;
  std::map<std::string, int64_t> dept_by_code;
  ctx.db.write([&](db::Conn& tx) {
    create_region(tx, clock, who, {"370000", "山东省", "", "", "山东省"});
    create_region(tx, clock, who, {"371500", "聊城市", "", "", ""});
    create_region(tx, clock, who, {kCounty, "冠县", "", "", ""});
    char code[16];
    for (int i = 0; i < 18; ++i) {
      std::snprintf(code, sizeof code, "%s%03d", kCounty, i + 1);
      create_region(tx, clock, who, {code, kTownships[i], "", "", ""});
    }
    // 预算年度: the last year closed, this year executing, next year's budget being drawn up
    // (the demo's "today" is late November).
    const int this_year = std::stoi(shanghai_date(clock.now()).substr(0, 4));
    for (int y = this_year - 1; y <= this_year + 1; ++y) {
      BudgetYear b = open_budget_year(tx, clock, who, kCounty, y);
      for (const char* state : {"executing", "closed"}) {
        if (y == this_year + 1 || (y == this_year && std::string(state) == "closed")) break;
        b = advance_budget_year(tx, clock, who, kCounty, y, state, b.version, "演示数据");
      }
    }
    int seq = 1;
    for (const auto& d : kDepartments) {
      std::string kind = std::string(d.code) == "117" ? "finance_bureau" : "department";
      std::string uscc =
          make_uscc(std::string(d.type) == "行政单位" ? "11" : "12", kCounty,
                    body(std::string(d.type) == "行政单位" ? "00" : "MB", 410000 + seq++));
      int64_t id = create(tx, clock, who, kind, d.name, d.code, uscc, kCounty, std::nullopt, d.type,
                          d.sector, "", "{}", "0635-52" + std::to_string(10000 + seq * 37));
      by_name[d.name] = id;
      dept_by_code[d.code] = id;
    }
    for (int i = 0; i < 18; ++i) {
      std::string name = kTownships[i];
      std::string full =
          name +
          (name.size() > 6 && name.substr(name.size() - 6) == "街道" ? "办事处" : "人民政府");
      std::snprintf(code, sizeof code, "%s%03d", kCounty, i + 1);
      std::snprintf(code + 10, 6, "%03d", 301 + i);
      int64_t id = create(tx, clock, who, "township", full, code + 10,
                          make_uscc("11", kCounty, body("00", 420000 + i)), code, std::nullopt,
                          "行政单位", "general_public");
      by_name[name] = id;
      by_name[full] = id;
      dept_by_code[code + 10] = id;
    }
    int64_t zone = create(tx, clock, who, "dev_zone", "冠县经济开发区管理委员会", "401",
                          make_uscc("11", kCounty, body("00", 430001)), kCounty, std::nullopt,
                          "行政单位", "commerce");
    by_name["冠县经济开发区管理委员会"] = zone;
    std::map<std::string, int> next_unit;
    int useq = 1;
    for (const auto& u : kUnits) {
      int n = ++next_unit[u.dept];
      std::snprintf(code, sizeof code, "%s%03d", u.dept, n);
      std::string region = kCounty;
      if (*u.township)
        for (int i = 0; i < 18; ++i)
          if (std::string(kTownships[i]) == u.township) {
            char r[16];
            std::snprintf(r, sizeof r, "%s%03d", kCounty, i + 1);
            region = r;
          }
      const Dept* dept = nullptr;
      for (const auto& d : kDepartments)
        if (std::string(d.code) == u.dept) dept = &d;
      std::string type = u.type;
      std::string uscc = make_uscc(type == "行政单位" ? "11" : "12", kCounty,
                                   body(type == "行政单位" ? "00" : "MB", 450000 + useq++));
      by_name[u.name] = create(tx, clock, who, "unit", u.name, code, uscc, region,
                               dept_by_code.at(u.dept), type, dept->sector);
    }
    int64_t bureau = dept_by_code.at("117");
    for (const auto& o : kOffices) {
      int64_t id = create(tx, clock, who, "finance_office", o.name, "", "", kCounty, bureau, "",
                          "general_public", o.role);
      by_name[o.name] = id;
      std::vector<int64_t> ids;
      for (const char* c : o.overseen) {
        std::string s = c;
        if (s == "T")
          for (int i = 0; i < 18; ++i) ids.push_back(by_name.at(kTownships[i]));
        else if (s == "Z")
          ids.push_back(zone);
        else
          ids.push_back(dept_by_code.at(s));
      }
      if (!ids.empty()) set_oversight(tx, clock, who, id, ids, 1);
    }
    struct Third {
      const char* name;
      const char* body;
      const char* rating;
      const char* certs;
      const char* scope;
    };
    const Third thirds[] = {
        {"山东正信会计师事务所有限公司聊城分所", "MA3C0101", "AAA",
         R"(["会计师事务所执业证书","预算绩效评价机构入库证明"])", "审计、财务咨询、预算绩效评价"},
        {"聊城恒信工程造价咨询有限公司", "MA3C0102", "AA", R"(["工程造价咨询企业甲级资质"])",
         "工程造价咨询、预算评审、竣工结算审核"},
        {"山东明德绩效管理咨询有限公司", "MA3C0103", "AA",
         R"(["预算绩效评价机构入库证明","ISO9001质量管理体系认证"])",
         "预算绩效评价、政策评估、管理咨询"},
    };
    for (const auto& t : thirds) {
      std::string q = std::string(R"({"credit_rating":")") + t.rating + R"(","certificates":)" +
                      t.certs + R"(,"business_scope":")" + t.scope + "\"}";
      by_name[t.name] = create(tx, clock, who, "third_party", t.name, "",
                               make_uscc("91", "371500", t.body), kCounty, std::nullopt, "其他", "",
                               "", q, "0635-8" + std::string(t.body).substr(5) + "666");
    }
    by_name["冠县人大常委会财政经济工作委员会"] =
        create(tx, clock, who, "oversight", "冠县人大常委会财政经济工作委员会", "", "", kCounty,
               std::nullopt, "行政单位", "general_public");
    by_name["冠县审计局财政审计股"] =
        create(tx, clock, who, "oversight", "冠县审计局财政审计股", "", "", kCounty, std::nullopt,
               "行政单位", "general_public");

    // Demo accounts: the platform's zhangwei and lina get their organizations and roles; one
    // more account for every other business role.
    auto assign = [&](const char* username, const char* org, std::vector<std::string> roles) {
      auto id = auth::find_user_id(tx, username);
      if (!id) return;
      assign_user_org(tx, clock, who, *id, by_name.at(org));
      auth::set_user_roles(tx, clock, who.actor, *id, roles);
    };
    assign("zhangwei", "绩效管理股", {"fin_perf"});
    assign("lina", "冠县教育和体育局", {"dept_admin"});
    struct Account {
      const char* username;
      const char* name;
      const char* org;
      const char* role;
      const char* what;
    };
    const Account accounts[] = {
        {"wangfang", "王芳", "教科文股", "fin_business", "财政局教科文股（业务股审核）"},
        {"zhaolei", "赵磊", "冠县财政投资评审中心", "fin_review", "财政投资评审中心评审员"},
        {"liuyang", "刘洋", "冠县第一中学", "unit_clerk", "冠县第一中学单位填报员"},
        {"chenjing", "陈静", "清泉街道", "township_finance", "清泉街道财政所"},
        {"sunli", "孙丽", "山东正信会计师事务所有限公司聊城分所", "third_party",
         "第三方机构评价人员"},
        {"zhoumin", "周敏", "聊城恒信工程造价咨询有限公司", "expert", "评审专家（工程造价）"},
        {"wuhao", "吴昊", "冠县人大常委会财政经济工作委员会", "oversight", "县人大财经委监督"},
    };
    std::map<std::string, int64_t> users;
    for (const auto& a : accounts) {
      auth::NewUser u{a.username, a.name, by_name.at(a.org), "", ""};
      users[a.name] = demo::create_demo_user(tx, ctx, u, {a.role}, a.what);
    }
    for (const auto& s : kExperts) {
      Expert e;
      e.name = s.name;
      e.title = s.title;
      e.fields = s.fields;
      e.phone = s.phone;
      e.id_card_tail = s.tail;
      e.region_code = kCounty;
      if (*s.employer) e.org_id = by_name.at(s.employer);
      if (users.count(s.name)) e.user_id = users.at(s.name);
      create_expert(tx, clock, who, e);
    }
  });
}

}  // namespace

void register_demo_slice() {
  demo::register_slice("org", 10, build);
}

}  // namespace jx::org
