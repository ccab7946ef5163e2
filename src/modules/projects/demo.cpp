// The projects slice of the demo county (冠县): the project library of three budget years run
// through the real joint flow — the units apply and submit, the 绩效管理股 assigns the
// 评审中心 and experts, experts score (周敏 online, the others as paper sheets entered by the
// lead), the review sets 审定 line by line, the conclusions write back, 调整 projects are revised
// and resubmitted into the same case, and supported projects are budgeted and started: the
// budgets run in a later slice (projects-budget, order 40), after the targets slice has had the
// projects' targets approved (无目标不安排预算).
//
// The year the county reported (this budget year, executing): 18 projects in 6 sectors assessed
// (10 予以支持 / 6 建议调整完善后予以支持 / 2 不予支持 at the first conclusion), 135 projects
// reviewed with 13.3 亿元 submitted and 审减率 14.3% (seed report). Nothing is written to the
// totals: GET /projects/stats adds up what the flow left behind. Next year's library is being
// drawn up now (drafts, submissions waiting, experts scoring, one project returned); last year's
// projects are completed or exited. Every step is stamped with the time the demo ran (the
// history and the audit log say when things were written, never an invented date).
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>

#include "modules/org/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/demo.hpp"

namespace jx::projects {
namespace {

namespace json = boost::json;

constexpr int64_t kWan = 1000000;  // 分 per 万元
constexpr const char* kCounty = "371525";

// A deterministic spread (no randomness: the demo is the same every time).
uint32_t mix(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

struct Seed {
  const char* name;
  const char* org;  // the applying unit (its department's account applies for it)
  const char* sector;
  const char* func_class;
  const char* category;  // investment | specific | operating
  double wan;            // requested, 万元
  const char* first;     // support | adjust | reject ("" = review only, support)
  bool bond = false;     // part funded by 专项债券
  bool two_years = false;
  const char* description = "";
};

// The 18 projects of the year that needed 事前绩效评估 (新增投资发展类 ≥ 300 万元).
const Seed kAssessed[] = {
    {"冠县老旧小区改造提升工程（2026年度）", "冠县住房和城乡建设局", "urban", "21203", "investment",
     4860, "support", true, true,
     "对城区2000年以前建成的23个老旧小区实施供排水、供暖、燃气管网改造和外墙保温、道路、"
     "照明、停车等配套设施提升，惠及居民4860户。"},
    {"冠县城区雨污分流改造工程", "冠县住房和城乡建设局", "urban", "21203", "investment", 3280,
     "adjust", false, false,
     "对城区主次干道及12个片区实施雨污分流改造，新建污水管网26.4公里、雨水管网18.7公里。"},
    {"冠县城区智慧停车系统建设项目", "冠县住房和城乡建设局", "urban", "21202", "investment", 620,
     "reject", false, false,
     "在城区主要道路建设路内智慧停车泊位1200个及停车管理平台，实行电子收费。"},
    {"冠县清泉街道背街小巷综合整治工程", "冠县住房和城乡建设局", "urban", "21203", "investment",
     980, "support", false, false,
     "对清泉街道36条背街小巷实施路面硬化、雨污管网、路灯和绿化整治，总长度9.8公里。"},
    {"冠县2026年高标准农田建设项目", "冠县农业农村局", "agriculture", "21301", "investment", 5400,
     "support", false, true,
     "在斜店乡、万善乡、兰沃乡建设高标准农田3.6万亩，配套灌排、田间道路、农田防护林和"
     "科技服务。"},
    {"冠县现代农业产业园配套基础设施项目", "冠县农业农村局", "agriculture", "21301", "investment",
     2650, "adjust", false, false,
     "为省级现代农业产业园建设主干道路4.2公里、供水管网、智能温室配电及冷库配套设施。"},
    {"冠县农产品冷链物流集配中心建设项目", "冠县农业农村局", "agriculture", "21301", "investment",
     1280, "reject", true, false,
     "建设1万吨级冷链物流集配中心一处，含冷库、分拣车间和冷链运输车辆。"},
    {"冠县人民医院门急诊综合楼医疗设备购置项目", "冠县人民医院", "health", "21002", "investment",
     3560, "support", false, false,
     "为新建门急诊综合楼购置CT、DR、彩超、急救及检验设备共计186台（套）。"},
    {"冠县乡镇卫生院标准化提升工程", "冠县卫生健康局", "health", "21003", "investment", 1850,
     "support", false, false,
     "对9处乡镇卫生院实施发热门诊、中医馆和院感设施标准化改造，配置基本医疗设备。"},
    {"冠县疾病预防控制中心实验室能力提升项目", "冠县疾病预防控制中心", "health", "21004",
     "investment", 460, "adjust", false, false,
     "改造PCR实验室和理化检验实验室，购置核酸检测、色谱分析等检验检测设备。"},
    {"冠县第一中学教学楼抗震加固及改造项目", "冠县第一中学", "education", "2050204", "investment",
     760, "support", false, false,
     "对建于1998年的两栋教学楼进行抗震加固和内部改造，完善消防设施，涉及建筑面积1.26万平方米。"},
    {"冠县城区新建第三实验小学项目", "冠县教育和体育局", "education", "2050202", "investment", 6800,
     "adjust", true, true, "新建48个教学班的完全小学一所，总建筑面积3.2万平方米，新增学位2160个。"},
    {"冠县职业教育中心学校实训基地建设项目", "冠县职业教育中心学校", "education", "20503",
     "investment", 1360, "support", false, false,
     "建设智能制造、汽车维修、现代农业3个专业实训基地，购置实训设备。"},
    {"冠县2026年农村公路提质改造工程", "冠县交通运输局", "transport", "21401", "investment", 4200,
     "support", false, true, "对县乡道及村道126公里实施提质改造，完善交通安全设施。"},
    {"冠县城乡公交一体化候车亭建设项目", "冠县交通运输局", "transport", "21401", "investment", 380,
     "adjust", false, false, "在城乡公交线路沿线新建港湾式候车亭160座，更新电子站牌。"},
    {"冠县县道X045线大中修工程", "冠县交通运输局", "transport", "21401", "investment", 1650,
     "support", false, false, "对县道X045线18.6公里路段实施路面大中修及桥涵维修。"},
    {"冠县2026年农村供水保障工程", "冠县水利局", "water", "21303", "investment", 2980, "support",
     false, false, "对8个乡镇的供水管网进行更新改造，新建加压泵站2座，改善12.3万人饮水条件。"},
    {"冠县马颊河支流水系连通及生态治理项目", "冠县水利局", "water", "21303", "investment", 3900,
     "adjust", false, true,
     "对马颊河冠县段3条支流实施清淤疏浚、水系连通和生态护岸，治理河道28.5公里。"},
};

// The year's projects reviewed without 事前评估 (特定目标类, 运转类 below the threshold,
// continuing investment): a theme per department, repeated for its units or townships.
struct Theme {
  const char* name;  // "%s" takes the qualifier
  const char* org;   // "" = each qualifier is a unit of the department
  const char* sector;
  const char* func_class;
  const char* category;
  double wan;
  int count;
  const char* const* qualifiers;
};

const char* const kSchools[] = {"冠县第二中学", "冠县第三中学",     "冠县实验高级中学",
                                "冠县实验小学", "冠县第二实验小学", "冠县清泉中学",
                                "冠县崇文中学", "冠县实验幼儿园"};
const char* const kClinics[] = {"冠县贾镇卫生院",   "冠县桑阿镇卫生院",   "冠县柳林镇卫生院",
                                "冠县清水镇卫生院", "冠县东古城镇卫生院", "冠县北馆陶镇卫生院",
                                "冠县店子镇卫生院"};
const char* const kTowns[] = {"贾镇",   "桑阿镇",   "柳林镇", "清水镇", "东古城镇", "北馆陶镇",
                              "店子镇", "定远寨镇", "辛集镇", "梁堂镇", "范寨镇",   "甘官屯镇"};
const char* const kNone[] = {""};

const Theme kThemes[] = {
    {"冠县2026年义务教育学校公用经费保障", "冠县教育和体育局", "education", "2050202", "specific",
     4860, 1, kNone},
    {"冠县2026年学生资助补助经费", "冠县学生资助管理中心", "education", "2050299", "specific", 1280,
     1, kNone},
    {"冠县2026年教师队伍建设与培训", "冠县教育和体育局", "education", "20508", "specific", 360, 1,
     kNone},
    {"%s校舍维修改造", "", "education", "2050204", "specific", 185, 8, kSchools},
    {"%s教育信息化设备更新", "", "education", "2050204", "specific", 96, 6, kSchools},
    {"冠县2026年基本公共卫生服务项目", "冠县卫生健康局", "health", "2100408", "specific", 2350, 1,
     kNone},
    {"冠县2026年重大公共卫生服务项目", "冠县疾病预防控制中心", "health", "2100409", "specific", 680,
     1, kNone},
    {"%s基本医疗设备配置", "", "health", "2100302", "specific", 118, 7, kClinics},
    {"冠县人民医院学科能力建设项目", "冠县人民医院", "health", "21002", "specific", 860, 1, kNone},
    {"冠县中医医院中医药传承创新项目", "冠县中医医院", "health", "21002", "specific", 420, 1,
     kNone},
    {"冠县2026年城区环境卫生保洁服务", "冠县综合行政执法局", "sanitation", "2120501", "specific",
     3980, 1, kNone},
    {"冠县2026年城区园林绿化养护", "冠县住房和城乡建设局", "urban", "21203", "specific", 1650, 1,
     kNone},
    {"冠县2026年城区路灯及市政设施维护", "冠县住房和城乡建设局", "urban", "21203", "operating", 460,
     1, kNone},
    {"冠县2026年农村人居环境整治提升", "冠县农业农村局", "agriculture", "21301", "specific", 2680,
     1, kNone},
    {"冠县2026年耕地地力保护补贴", "冠县农业农村局", "agriculture", "21301", "specific", 6360, 1,
     kNone},
    {"冠县2026年农业社会化服务项目", "冠县农业农村局", "agriculture", "21301", "specific", 980, 1,
     kNone},
    {"冠县2026年动物防疫补助", "冠县农业农村局", "agriculture", "21301", "specific", 310, 1, kNone},
    {"冠县2026年巩固拓展脱贫攻坚成果衔接资金项目", "冠县农业农村局", "agriculture", "21305",
     "specific", 5260, 1, kNone},
    {"冠县2026年农村公路养护", "冠县交通运输局", "transport", "21401", "specific", 2150, 1, kNone},
    {"冠县2026年城乡公交运营补贴", "冠县交通运输局", "transport", "21401", "specific", 1380, 1,
     kNone},
    {"冠县2026年小型农田水利设施维修养护", "冠县水利局", "water", "21303", "specific", 760, 1,
     kNone},
    {"冠县2026年河湖长制管护经费", "冠县水利局", "water", "21303", "specific", 420, 1, kNone},
    {"冠县2026年城乡低保资金", "冠县民政局", "social_security", "20819", "specific", 7860, 1,
     kNone},
    {"冠县2026年特困人员救助供养资金", "冠县民政局", "social_security", "20821", "specific", 2960,
     1, kNone},
    {"冠县2026年养老服务体系建设项目", "冠县民政局", "social_security", "20810", "specific", 890, 1,
     kNone},
    {"冠县2026年就业创业补助", "冠县人力资源和社会保障局", "social_security", "20807", "specific",
     1560, 1, kNone},
    {"冠县2026年退役军人优抚资金", "冠县退役军人事务局", "social_security", "20808", "specific",
     1870, 1, kNone},
    {"冠县2026年大气污染防治项目", "聊城市生态环境局冠县分局", "environment", "21103", "specific",
     1260, 1, kNone},
    {"冠县2026年生态环境监测能力建设", "聊城市生态环境局冠县分局", "environment", "21101",
     "specific", 290, 1, kNone},
    {"冠县2026年公共文化服务体系运行", "冠县文化和旅游局", "culture", "20701", "specific", 580, 1,
     kNone},
    {"冠县2026年全民健身设施更新", "冠县教育和体育局", "education", "20703", "specific", 260, 1,
     kNone},
    {"冠县2026年融媒体中心节目制作与运维", "冠县融媒体中心", "culture", "20799", "operating", 380,
     1, kNone},
    {"冠县2026年公安视频监控系统运维", "冠县公安局", "public_security", "20402", "operating", 460,
     1, kNone},
    {"冠县2026年公安业务装备购置", "冠县公安局", "public_security", "20402", "specific", 740, 1,
     kNone},
    {"冠县2026年法律援助和人民调解经费", "冠县司法局", "public_security", "20406", "specific", 180,
     1, kNone},
    {"冠县2026年应急物资储备", "冠县应急管理局", "emergency", "22401", "specific", 520, 1, kNone},
    {"冠县2026年安全生产监管执法", "冠县应急管理局", "emergency", "22401", "operating", 160, 1,
     kNone},
    {"冠县2026年第三次全国土壤普查后续工作", "冠县自然资源和规划局", "natural_resources", "22001",
     "specific", 330, 1, kNone},
    {"冠县2026年国土空间规划编制", "冠县自然资源和规划局", "natural_resources", "22001", "specific",
     460, 1, kNone},
    {"冠县2026年招商引资及外经贸促进", "冠县商务局", "commerce", "20113", "specific", 620, 1,
     kNone},
    {"冠县2026年中小企业发展扶持", "冠县工业和信息化局", "commerce", "20199", "specific", 1100, 1,
     kNone},
    {"冠县2026年科技创新奖补", "冠县科学技术局", "science", "20699", "specific", 880, 1, kNone},
    {"冠县2026年食品药品抽检", "冠县市场监督管理局", "general_public", "20138", "specific", 240, 1,
     kNone},
    {"冠县2026年政务服务大厅运行", "冠县行政审批服务局", "general_public", "20103", "operating",
     290, 1, kNone},
    {"冠县2026年政务云及电子政务外网租赁", "冠县大数据中心", "general_public", "20199", "operating",
     680, 1, kNone},
    {"冠县2026年机关办公用房维修", "冠县机关事务服务中心", "general_public", "20103", "specific",
     360, 1, kNone},
    {"冠县2026年第五次全国经济普查后续工作", "冠县统计局", "general_public", "20105", "specific",
     120, 1, kNone},
    {"冠县2026年审计业务外包服务", "冠县审计局", "general_public", "20108", "specific", 150, 1,
     kNone},
    {"冠县2026年信访积案化解", "冠县信访局", "general_public", "20103", "specific", 130, 1, kNone},
    {"冠县2026年人大代表履职服务", "冠县人大常委会办公室", "general_public", "20101", "operating",
     110, 1, kNone},
    {"冠县2026年政协委员履职服务", "政协冠县委员会办公室", "general_public", "20102", "operating",
     90, 1, kNone},
    {"冠县2026年基层党组织建设", "中共冠县县委组织部", "general_public", "20132", "specific", 560,
     1, kNone},
    {"冠县2026年宣传文化工作", "中共冠县县委宣传部", "general_public", "20133", "specific", 260, 1,
     kNone},
    {"冠县2026年医疗救助资金", "冠县医疗保障局", "health", "21013", "specific", 1480, 1, kNone},
    {"冠县2026年城市供热管网维修改造（续建）", "冠县住房和城乡建设局", "urban", "21203",
     "investment", 1460, 1, kNone},
    {"冠县2026年城区道路修补（续建）", "冠县住房和城乡建设局", "urban", "21203", "investment", 920,
     1, kNone},
    {"冠县%s美丽乡村示范片区建设", "冠县农业农村局", "agriculture", "21301", "specific", 180, 9,
     kTowns},
    {"冠县%s农村生活污水治理工程（续建）", "聊城市生态环境局冠县分局", "environment", "21103",
     "investment", 520, 6, kTowns},
    {"冠县%s农村供水管网维修养护", "冠县水利工程建设服务中心", "water", "21303", "specific", 150, 4,
     kTowns},
    {"冠县2026年农业技术推广与培训", "冠县农业技术推广中心", "agriculture", "21301", "specific",
     210, 1, kNone},
    {"冠县2026年农机购置与应用补贴", "冠县农业机械服务中心", "agriculture", "21301", "specific",
     1650, 1, kNone},
    {"冠县2026年畜禽粪污资源化利用", "冠县畜牧兽医事业发展中心", "agriculture", "21301", "specific",
     480, 1, kNone},
    {"冠县2026年森林防火和林业有害生物防治", "冠县林业发展中心", "agriculture", "21302", "specific",
     260, 1, kNone},
    {"冠县2026年保障性住房租赁补贴", "冠县住房保障服务中心", "urban", "22101", "specific", 920, 1,
     kNone},
    {"冠县2026年城区生活垃圾清运及处置", "冠县环境卫生服务中心", "sanitation", "2120501",
     "specific", 2860, 1, kNone},
    {"冠县2026年城市管理数字化平台运维", "冠县城市管理服务中心", "sanitation", "21201", "operating",
     240, 1, kNone},
    {"冠县2026年城区公园绿地提升", "冠县园林绿化服务中心", "urban", "21203", "specific", 780, 1,
     kNone},
    {"冠县2026年城乡居民基本养老保险财政补助", "冠县社会保险事业中心", "social_security", "20899",
     "specific", 2980, 1, kNone},
    {"冠县2026年公共就业服务能力提升", "冠县公共就业和人才服务中心", "social_security", "20807",
     "specific", 320, 1, kNone},
    {"冠县2026年社会福利中心运行保障", "冠县社会福利中心", "social_security", "20810", "operating",
     260, 1, kNone},
    {"冠县2026年图书馆免费开放", "冠县图书馆", "culture", "20701", "specific", 85, 1, kNone},
    {"冠县2026年文化馆免费开放及群众文化活动", "冠县文化馆", "culture", "20701", "specific", 120, 1,
     kNone},
    {"冠县2026年博物馆藏品保护与展陈提升", "冠县博物馆", "culture", "20702", "specific", 290, 1,
     kNone},
    {"冠县2026年国省道日常养护", "冠县公路事业发展中心", "transport", "21401", "specific", 1460, 1,
     kNone},
    {"冠县2026年道路交通安全设施完善", "冠县公安局交通警察大队", "public_security", "20402",
     "specific", 560, 1, kNone},
    {"冠县2026年城乡居民医疗保险财政补助", "冠县医疗保障服务中心", "health", "21099", "specific",
     2860, 1, kNone},
    {"冠县2026年检验检测设备更新", "冠县检验检测中心", "general_public", "20138", "specific", 340,
     1, kNone},
    {"冠县2026年地方储备粮轮换及保管", "冠县粮食和物资储备中心", "general_public", "22201",
     "specific", 1280, 1, kNone},
    {"冠县2026年退役军人服务保障体系运行", "冠县退役军人服务中心", "social_security", "20809",
     "operating", 150, 1, kNone},
    {"冠县2026年应急救援队伍建设", "冠县应急救援服务中心", "emergency", "22401", "specific", 430, 1,
     kNone},
    {"冠县2026年新时代文明实践活动", "冠县新时代文明实践服务中心", "general_public", "20133",
     "specific", 180, 1, kNone},
    {"冠县2026年政府采购电子化平台运维", "冠县政府采购服务中心", "general_public", "20106",
     "operating", 95, 1, kNone},
    {"冠县2026年劳动人事争议仲裁", "冠县劳动人事争议仲裁院", "social_security", "20801",
     "operating", 60, 1, kNone},
};

// Accounts that apply for their department and its units (one per department).
struct Applicant {
  const char* username;
  const char* name;
  const char* org;
};
const Applicant kApplicants[] = {
    {"gaofeng", "高峰", "冠县住房和城乡建设局"},
    {"mali", "马丽", "冠县农业农村局"},
    {"guoqiang", "郭强", "冠县卫生健康局"},
    {"hejing", "何静", "冠县交通运输局"},
    {"luobin", "罗斌", "冠县水利局"},
    {"lianghong", "梁红", "冠县民政局"},
    {"songtao", "宋涛", "冠县综合行政执法局"},
    {"zhengxue", "郑雪", "冠县公安局"},
};

struct Review {
  const char* item;
  int share;  // per mille of the total
};
const Review kInvestLines[] = {
    {"建筑安装工程费", 720}, {"设备及工器具购置费", 160}, {"工程建设其他费用", 80}, {"预备费", 40}};
const Review kSpecificLines[] = {{"补助及业务经费", 780}, {"购买服务", 150}, {"其他费用", 70}};
const char* const kCutReasons[] = {"综合单价高于聊城市同期造价信息价，按信息价核定",
                                   "部分工程量重复计列，按图纸核减",
                                   "超出支出标准部分不予安排",
                                   "预备费计提比例高于规定，按5%核定",
                                   "与已安排资金重复，予以核减",
                                   "补助对象数量按上年实际核定"};

class Builder {
 public:
  explicit Builder(demo::Context& ctx) : ctx_(ctx) {}

  void run() {
    ctx_.db.write([&](db::Conn& tx) { setup(tx); });
    this_year_ = std::stoi(shanghai_date(ctx_.clock.now()).substr(0, 4));
    ctx_.db.write([&](db::Conn& tx) { last_year(tx); });
    ctx_.db.write([&](db::Conn& tx) { this_years_library(tx); });
    ctx_.db.write([&](db::Conn& tx) { next_years_library(tx); });
  }

  // The budgets and what follows them, after the targets slice has approved the targets
  // (无目标不安排预算).
  void run_budgets() {
    ctx_.db.write([&](db::Conn& tx) {
      for (auto& step : later_) step(tx);
    });
    later_.clear();
  }

 private:
  demo::Context& ctx_;
  int this_year_ = 0;
  std::map<std::string, int64_t> unit_id_, unit_dept_;
  std::map<int64_t, int64_t> dept_account_;  // department id → applying account
  std::map<std::string, int64_t> user_;      // user name → id
  std::vector<int64_t> experts_;             // ids of the 专家库 (周敏 first)
  int64_t zhoumin_expert_ = 0;
  int64_t third_party_org_ = 0;
  std::map<int64_t, Caller> callers_;
  std::vector<std::function<void(db::Conn&)>> later_;  // run by the projects-budget slice

  // ---------------------------------------------------------------- set-up
  void setup(db::Conn& tx) {
    org::UnitFilter f;
    json::object units = org::list_units(tx, auth::Scope::all(), f, Page{1, 1000});
    for (const auto& v : units.at("items").as_array()) {
      const auto& o = v.as_object();
      std::string name(o.at("name").as_string());
      unit_id_[name] = o.at("id").as_int64();
      unit_dept_[name] = o.at("department_id").is_null() ? o.at("id").as_int64()
                                                         : o.at("department_id").as_int64();
    }
    for (const char* u : {"zhangwei", "wangfang", "zhaolei", "liuyang", "lina", "zhoumin"}) {
      auto id = auth::find_user_id(tx, u);
      if (!id) throw std::runtime_error(std::string("demo: no account ") + u);
      user_[u] = *id;
    }
    for (const auto& a : kApplicants) {
      auth::NewUser nu{a.username, a.name, unit(a.org), "", ""};
      user_[a.username] = demo::create_demo_user(tx, ctx_, nu, {"dept_admin"},
                                                 std::string("部门项目填报（") + a.org + "）");
      dept_account_[unit(a.org)] = user_[a.username];
    }
    dept_account_[unit("冠县教育和体育局")] = user_["lina"];
    json::object ex = org::list_experts(tx, auth::Scope::all(), "", "", "active", Page{1, 500});
    for (const auto& v : ex.at("items").as_array()) {
      const auto& o = v.as_object();
      int64_t id = o.at("id").as_int64();
      if (o.at("name").as_string() == "周敏")
        zhoumin_expert_ = id;
      else
        experts_.push_back(id);
    }
    if (!zhoumin_expert_ || experts_.size() < 4) throw std::runtime_error("demo: 专家库 too small");
    third_party_org_ = unit("山东正信会计师事务所有限公司聊城分所");
  }

  int64_t unit(const std::string& name) const {
    auto it = unit_id_.find(name);
    if (it == unit_id_.end()) throw std::runtime_error("demo: no organization " + name);
    return it->second;
  }

  // The account that applies for a unit: the unit's own clerk (冠县第一中学) or its
  // department's applicant, created the first time a department applies.
  int64_t applicant_for(db::Conn& tx, const std::string& org_name) {
    if (org_name == "冠县第一中学") return user_.at("liuyang");
    int64_t dept = unit_dept_.at(org_name);
    auto it = dept_account_.find(dept);
    if (it != dept_account_.end()) return it->second;
    static const char* const kSurnames[] = {"孙", "吴", "冯", "陈", "蒋", "沈", "韩", "杨",
                                            "朱", "秦", "许", "吕", "施", "孔", "严", "金",
                                            "魏", "陶", "姜", "谢", "邹", "喻", "柏", "窦"};
    static const char* const kGiven[] = {"建国", "晓燕", "志强", "丽娟", "海涛", "春梅",
                                         "文博", "雪梅", "立新", "秀英", "国庆", "红霞"};
    size_t n = dept_account_.size();
    std::string display =
        std::string(kSurnames[n % std::size(kSurnames)]) + kGiven[(n * 5 + 1) % std::size(kGiven)];
    std::string dept_name;
    for (const auto& [name, id] : unit_id_)
      if (id == dept) dept_name = name;
    auth::NewUser nu{"xm" + std::to_string(dept), display, dept, "", ""};
    int64_t id =
        demo::create_demo_user(tx, ctx_, nu, {"dept_admin"}, "部门项目填报（" + dept_name + "）");
    dept_account_[dept] = id;
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

  // ---------------------------------------------------------------- steps
  struct Made {
    int64_t id = 0;
    int64_t total_fen = 0;
  };

  Made apply(db::Conn& tx, int64_t applicant, const std::string& org_name, const Seed& s,
             int start_year, bool submit = true) {
    ProjectInput in;
    in.name = s.name;
    in.org_id = unit(org_name);
    in.category = s.category;
    in.kind =
        std::string(s.category) == "specific" && std::string(s.name).find("补") != std::string::npos
            ? "policy"
            : "project";
    in.budget_type = "general";
    in.func_class = s.func_class;
    in.sector = s.sector;
    in.is_new = std::string(s.name).find("续建") == std::string::npos &&
                std::string(s.category) != "operating";
    in.start_year = start_year;
    in.end_year = start_year + (s.two_years ? 1 : 0);
    in.description = *s.description
                         ? std::string(s.description)
                         : std::string("按照县委县政府工作部署和部门职责，") + s.name +
                               "用于保障相关工作任务完成，资金按规定的标准和实际需要测算。";
    in.basis = "《冠县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》及相关政策文件";
    in.contact = ctx_name(applicant, tx);
    in.phone = "0635-52" + std::to_string(10000 + applicant % 9000);
    int64_t total = static_cast<int64_t>(s.wan * 100 + 0.5) * (kWan / 100);
    std::vector<Amount> amounts;
    auto split = [&](int year, int64_t fen) {
      if (s.bond) {
        int64_t bond = fen * 6 / 10 / kWan * kWan;
        amounts.push_back({year, "special_bond", bond});
        amounts.push_back({year, "local", fen - bond});
      } else if (std::string(s.sector) == "agriculture" || std::string(s.sector) == "transport") {
        int64_t transfer = fen / 2 / kWan * kWan;
        amounts.push_back({year, "transfer", transfer});
        amounts.push_back({year, "local", fen - transfer});
      } else {
        amounts.push_back({year, "local", fen});
      }
    };
    if (s.two_years) {
      int64_t first = total * 6 / 10 / kWan * kWan;
      split(start_year, first);
      split(start_year + 1, total - first);
    } else {
      split(start_year, total);
    }
    in.amounts = amounts;
    if (s.bond) in.tags = std::vector<std::string>{"special_bond"};
    Env e = env(tx, applicant);
    Project p = create_project(e, in);
    add_attachment(e, p.id, std::string(s.name) + "申报书.pdf", "application", pdf(s.name));
    if (submit) p = submit_project(e, p.id, store::find(tx, p.id)->version);
    return {p.id, p.requested_total_fen};
  }

  std::string ctx_name(int64_t user_id, db::Conn& tx) {
    return as(tx, user_id).principal.display_name;
  }

  static std::string pdf(const std::string& title) {
    return "%PDF-1.4\n% jixiao demo: " + title +
           "\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count "
           "0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  }

  Case open_case(db::Conn& tx, int64_t project_id) {
    auto k = store::open_case_of(tx, project_id);
    if (!k) throw std::runtime_error("demo: no open case");
    return *k;
  }

  Case assign(db::Conn& tx, int64_t project_id, std::vector<int64_t> experts, bool third_party,
              bool rescore = false) {
    Case k = open_case(tx, project_id);
    Assignment a;
    a.lead_user_id = user_.at("zhangwei");
    a.reviewer_user_ids = {user_.at("zhaolei")};
    a.expert_ids = std::move(experts);
    if (third_party) a.third_party_org_id = third_party_org_;
    a.rescore = rescore;
    return assign_case(env(tx, user_.at("zhangwei")), k.id, a, k.version);
  }

  // A sheet whose total lands in the band of `level` (support ≥ 80, adjust 60–80, reject < 60):
  // support mixes 优/良, adjust 良/中 with at least one 中, reject 中/差 with at least one 差.
  SheetInput sheet(const Case& k, const std::string& level, uint32_t salt) {
    SheetInput in;
    Scheme s = scheme_items(k.scheme_json);
    int n = 0;
    for (const auto& d : s.dimensions)
      for (const auto& i : d.items) {
        bool hi = mix(salt * 131 + n) % 3 != 0;
        std::string r = level == "support"  ? (hi ? "良" : "优")
                        : level == "adjust" ? (hi ? "良" : "中")
                                            : (hi ? "中" : "差");
        if (n == 0) r = level == "support" ? "优" : level == "adjust" ? "中" : "差";
        in.ratings[i.code] = r;
        ++n;
      }
    in.opinion = level == "support" ? "立项依据充分，绩效目标明确，实施方案可行，建议予以支持。"
                 : level == "adjust"
                     ? "绩效目标不够细化，部分测算依据不足，建议调整完善后予以支持。"
                     : "立项必要性论证不充分，投入产出不匹配，建议不予支持。";
    in.submit = true;
    return in;
  }

  static Scheme scheme_items(const std::string& text) {
    Scheme s;
    json::value v = json::parse(text);
    for (const auto& dv : v.at("dimensions").as_array()) {
      Dimension d;
      d.code = dv.at("code").as_string();
      for (const auto& iv : dv.at("items").as_array()) {
        SubItem i;
        i.code = iv.at("code").as_string();
        d.items.push_back(i);
      }
      s.dimensions.push_back(d);
    }
    return s;
  }

  // An expert's sheet: 周敏 has an account and scores online; the others' paper sheets are
  // entered by the lead.
  void score(db::Conn& tx, const Case& k, const ExpertRow& x, SheetInput in) {
    if (x.user_id && *x.user_id == user_.at("zhoumin")) {
      save_sheet(env(tx, user_.at("zhoumin")), k.id, in);
    } else {
      in.expert_id = x.expert_id;
      save_sheet(env(tx, user_.at("zhangwei")), k.id, in);
    }
  }

  // Lines of the review: the total split by the lines' shares, the cut spread over the lines
  // in proportion (whole 元), the last line taking what is left of both.
  std::vector<ReviewLine> review_lines(bool investment, int64_t total, int64_t approved_total,
                                       uint32_t salt) {
    std::vector<ReviewLine> lines;
    const Review* rows = investment ? kInvestLines : kSpecificLines;
    size_t n = investment ? std::size(kInvestLines) : std::size(kSpecificLines);
    const int64_t cut = total - approved_total;
    int64_t sub_left = total, cut_left = cut;
    for (size_t i = 0; i < n; ++i) {
      bool last = i + 1 == n;
      int64_t sub = last ? sub_left : total * rows[i].share / 1000 / 100 * 100;
      int64_t line_cut = last ? cut_left : cut * rows[i].share / 1000 / 100 * 100;
      sub_left -= sub;
      cut_left -= line_cut;
      std::string reason = line_cut == 0 ? "" : kCutReasons[(salt + i) % std::size(kCutReasons)];
      lines.push_back({rows[i].item, sub, sub - line_cut, reason});
    }
    return lines;
  }

  void review(db::Conn& tx, int64_t project_id, bool investment, int64_t total, int64_t approved,
              uint32_t salt) {
    Case k = open_case(tx, project_id);
    save_review(env(tx, user_.at("zhaolei")), k.id, review_lines(investment, total, approved, salt),
                k.version);
  }

  Case conclude(db::Conn& tx, int64_t project_id, const std::string& result,
                const std::string& opinion, bool veto = false) {
    Case k = open_case(tx, project_id);
    ConcludeInput in;
    in.version = k.version;
    in.opinion = opinion;
    in.veto_confirmed = veto;
    if (!k.preassess_required) in.result = result;
    return conclude_case(env(tx, user_.at("zhangwei")), k.id, in);
  }

  // The year's budget: all of 审定 for a one-year project, the first year's part otherwise.
  void budget(db::Conn& tx, int64_t project_id, int year, int64_t approved) {
    Project p = *store::find(tx, project_id);
    int64_t amount = p.end_year > year ? approved * 6 / 10 / 100 * 100 : approved;
    set_budget(env(tx, user_.at("zhangwei")), project_id, year, amount, p.version);
  }

  // ---------------------------------------------------------------- the year reported
  void this_years_library(db::Conn& tx) {
    const int y = this_year_;
    // The reviewed projects: the 18 assessed and the themes, in the order they were submitted.
    struct Item {
      Seed seed;
      std::string org;
      std::string level;  // support | adjust | reject
      bool assessed;
      int64_t id = 0, total = 0, approved = 0;
    };
    std::vector<Item> items;
    std::vector<std::string> names;
    for (const auto& s : kAssessed) items.push_back({s, s.org, s.first, true});
    int reject_left = 4, adjust_left = 3;
    for (const auto& t : kThemes)
      for (int i = 0; i < t.count; ++i) {
        char name[256];
        std::snprintf(name, sizeof name, t.name, t.qualifiers[i]);
        names.emplace_back(name);
        std::string org = *t.org ? t.org : t.qualifiers[i];
        double wan =
            t.wan * 0.903 * (0.85 + (mix(static_cast<uint32_t>(items.size())) % 31) / 100.0);
        Seed s{nullptr, nullptr, t.sector, t.func_class, t.category, wan, ""};
        uint32_t h = mix(static_cast<uint32_t>(items.size()) * 7 + 3);
        std::string level = "support";
        if (reject_left > 0 && h % 23 == 0) {
          level = "reject";
          --reject_left;
        } else if (adjust_left > 0 && h % 17 == 1) {
          level = "adjust";
          --adjust_left;
        }
        items.push_back({s, org, level, false});
      }
    if (items.size() != 135) throw std::runtime_error("demo: 135 reviewed projects expected");
    // Theme names live in `names` (the Seed keeps a pointer).
    for (size_t i = 18, j = 0; i < items.size(); ++i, ++j) items[i].seed.name = names[j].c_str();

    for (size_t i = 0; i < items.size(); ++i) {
      auto& it = items[i];
      Made m = apply(tx, applicant_for(tx, it.org), it.org, it.seed, y);
      it.id = m.id;
      it.total = m.total_fen;
    }
    // The 审定 amounts: each project cut by its own rate, and the year's total cut made to read
    // 14.3% (the largest theme project takes up the difference).
    int64_t submitted = 0, approved = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      auto& it = items[i];
      int rate = 4 + static_cast<int>(mix(static_cast<uint32_t>(i) + 99) % 24);  // 4–27 %
      if (it.level == "adjust") rate += 6;
      if (i % 9 == 4) rate = 0;  // some pass unchanged
      it.approved = (it.total * (100 - rate) / 100) / 100 * 100;
      submitted += it.total;
      approved += it.approved;
    }
    int64_t want_approved = submitted - (submitted * 143 + 500) / 1000;
    // Spread the difference over the review-only projects in proportion to their size (whole
    // 元, never above 送审), the last one taking the rest.
    int64_t diff = want_approved - approved;
    for (size_t i = items.size(); i-- > 18 && diff != 0;) {
      auto& it = items[i];
      int64_t share =
          i == 18 ? diff : diff * (it.total / kWan) / (submitted / kWan) * 3 / 100 * 100;
      int64_t next = std::clamp(it.approved + share, it.total / 2, it.total);
      diff -= next - it.approved;
      it.approved = next;
    }
    if (diff != 0) throw std::runtime_error("demo: cannot reach the 审减率");

    // Accepted and assigned; the assessed get three experts (周敏 on the
    // engineering ones), the biggest also the 第三方机构.
    for (size_t i = 0; i < items.size(); ++i) {
      auto& it = items[i];
      std::vector<int64_t> ex;
      if (it.assessed) {
        if (i % 3 != 2) ex.push_back(zhoumin_expert_);
        for (size_t j = 0; ex.size() < 3; ++j)
          ex.push_back(experts_[(i * 2 + j) % experts_.size()]);
      }
      assign(tx, it.id, ex, it.assessed && it.total >= 3000 * kWan);
    }
    // Experts score: 周敏 online, the other sheets entered by the lead.
    for (size_t i = 0; i < 18; ++i) {
      auto& it = items[i];
      Case k = open_case(tx, it.id);
      int n = 0;
      for (const auto& x : k.experts) {
        SheetInput in = sheet(k, it.level, static_cast<uint32_t>(i * 10 + n));
        bool veto = std::string(it.seed.name) == "冠县农产品冷链物流集配中心建设项目";
        if (veto && n == 0) {
          in.veto = true;
          in.veto_dimension = "financing";
          in.veto_reason = "拟使用专项债券资金，但项目收益不能覆盖融资本息，不符合专项债券发行条件";
          for (auto& [code, r] : in.ratings) r = "良";
        }
        score(tx, k, x, in);
        ++n;
      }
    }
    // The 评审中心 reviews the amounts; the lead concludes.
    for (size_t i = 0; i < items.size(); ++i) {
      auto& it = items[i];
      bool investment = std::string(it.seed.category) == "investment";
      review(tx, it.id, investment, it.total, it.level == "adjust" ? it.total : it.approved,
             static_cast<uint32_t>(i));
      bool veto = std::string(it.seed.name) == "冠县农产品冷链物流集配中心建设项目";
      std::string opinion =
          it.level == "support" ? ""
          : it.level == "adjust"
              ? "请细化产出和效益指标，补充分项测算依据，按评审意见核减相关费用后重新申报。"
              : (veto ? "筹资方式不符合专项债券管理规定，不予支持。"
                      : "立项必要性和预期效益论证不充分，不予支持。");
      conclude(tx, it.id, it.level, opinion, veto);
    }
    // The 调整 projects are revised and resubmitted; the case goes on (round 2),
    // the experts score again and the lead supports them with the cut amounts.
    for (size_t i = 0; i < items.size(); ++i) {
      auto& it = items[i];
      if (it.level != "adjust") continue;
      int64_t applicant = applicant_for(tx, it.org);
      Project p = *store::find(tx, it.id);
      ProjectInput in;
      in.description = p.description + "（已按评审意见细化产出、效益指标并补充测算依据。）";
      p = update_project(env(tx, applicant), it.id, in, p.version);
      submit_project(env(tx, applicant), it.id, p.version);
      Case k = open_case(tx, it.id);
      if (it.assessed) {
        std::vector<int64_t> ex;
        for (const auto& x : k.experts) ex.push_back(x.expert_id);
        k = assign(tx, it.id, ex, k.third_party_org_id.has_value(), true);
        int n = 0;
        for (const auto& x : k.experts) {
          SheetInput in2 = sheet(k, "support", static_cast<uint32_t>(i * 10 + n + 5));
          in2.opinion = "已按意见完善，建议予以支持。";
          score(tx, k, x, in2);
          ++n;
        }
      }
      review(tx, it.id, std::string(it.seed.category) == "investment", it.total, it.approved,
             static_cast<uint32_t>(i + 3));
      conclude(tx, it.id, "support", "");
    }
    // The 人大 approved the budget; most projects have started.
    for (size_t i = 0; i < items.size(); ++i) {
      auto& it = items[i];
      if (it.level == "reject") continue;
      int64_t applicant = applicant_for(tx, it.org);
      later_.push_back([this, id = it.id, y, applicant, start = i % 11 != 7](db::Conn& tx) {
        Project p = *store::find(tx, id);
        budget(tx, id, y, *p.approved_fen);
        p = *store::find(tx, id);
        if (start) lifecycle(env(tx, applicant), id, "start", "", p.version);
      });
    }
  }

  // ---------------------------------------------------------------- last year (closed)
  void last_year(db::Conn& tx) {
    const int y = this_year_ - 1;
    const Seed seeds[] = {
        {"冠县2025年农村人居环境整治提升", "冠县农业农村局", "agriculture", "21301", "specific",
         2420, "support"},
        {"冠县2025年城区道路修补", "冠县住房和城乡建设局", "urban", "21203", "specific", 860,
         "support"},
        {"冠县2025年城乡公交运营补贴", "冠县交通运输局", "transport", "21401", "specific", 1320,
         "support"},
        {"冠县城区公共自行车系统运维", "冠县住房和城乡建设局", "urban", "21203", "operating", 180,
         "support"},
        {"冠县第一中学2025年实验室设备更新", "冠县第一中学", "education", "2050204", "specific",
         140, "support"},
    };
    int n = 0;
    for (const auto& s : seeds) {
      int64_t applicant = applicant_for(tx, s.org);
      Made m = apply(tx, applicant, s.org, s, y);
      assign(tx, m.id, {}, false);
      int64_t ok = m.total_fen * 92 / 100 / 100 * 100;
      review(tx, m.id, false, m.total_fen, ok, static_cast<uint32_t>(n));
      conclude(tx, m.id, "support", "");
      bool exits = std::string(s.name) == "冠县城区公共自行车系统运维";
      later_.push_back([this, id = m.id, y, ok, applicant, exits](db::Conn& tx) {
        budget(tx, id, y, ok);
        Project p = *store::find(tx, id);
        p = lifecycle(env(tx, applicant), id, "start", "", p.version);
        if (exits)
          lifecycle(env(tx, user_.at("zhangwei")), id, "exit",
                    "城区共享单车已全面覆盖，公共自行车系统使用率不足5%，经评估予以退出",
                    p.version);
        else
          lifecycle(env(tx, applicant), id, "complete", "", p.version);
      });
      ++n;
    }
  }

  // ---------------------------------------------------------------- next year (being drawn up)
  void next_years_library(db::Conn& tx) {
    const int y = this_year_ + 1;

    auto seed = [](const char* name, const char* org, const char* sector, const char* fc,
                   const char* cat, double wan, bool bond = false) {
      return Seed{name, org, sector, fc, cat, wan, "", bond, false, ""};
    };
    // Drafts, still being written.
    {
      Seed s = seed("冠县第一中学智慧校园建设项目", "冠县第一中学", "education", "2050204",
                    "specific", 280);
      apply(tx, user_.at("liuyang"), s.org, s, y, false);
      s = seed("冠县2027年教师队伍培训项目", "冠县教育和体育局", "education", "20508", "specific",
               180);
      apply(tx, user_.at("lina"), s.org, s, y, false);
    }
    // Submitted, waiting for the finance bureau.
    const Seed waiting[] = {
        seed("冠县2027年义务教育薄弱环节改善项目", "冠县教育和体育局", "education", "2050202",
             "specific", 1800),
        seed("冠县2027年高标准农田建设项目", "冠县农业农村局", "agriculture", "21301", "investment",
             5600),
        seed("冠县人民医院血液透析中心设备更新项目", "冠县人民医院", "health", "21002",
             "investment", 380),
    };
    for (const auto& s : waiting) apply(tx, applicant_for(tx, s.org), s.org, s, y);
    // Being scored: 周敏 has one sheet to start and one saved as a draft.
    Seed s = seed("冠县县域医共体信息化建设项目", "冠县卫生健康局", "health", "21099", "investment",
                  960);
    Made a = apply(tx, applicant_for(tx, s.org), s.org, s, y);
    Seed s2 = seed("冠县2027年城镇老旧小区改造项目", "冠县住房和城乡建设局", "urban", "21203",
                   "investment", 5200, true);
    Made b = apply(tx, applicant_for(tx, s2.org), s2.org, s2, y);
    Seed s3 =
        seed("冠县2027年小型水库除险加固项目", "冠县水利局", "water", "21303", "investment", 420);
    Made c = apply(tx, applicant_for(tx, s3.org), s3.org, s3, y);
    assign(tx, a.id, {zhoumin_expert_, experts_[1], experts_[2]}, false);
    assign(tx, b.id, {zhoumin_expert_, experts_[3], experts_[4]}, true);
    Case kc = assign(tx, c.id, {experts_[5], experts_[6], experts_[0]}, false);
    Case ka = open_case(tx, a.id);
    for (const auto& x : ka.experts)
      if (x.expert_id == experts_[1]) score(tx, ka, x, sheet(ka, "support", 501));
    Case kb = open_case(tx, b.id);
    SheetInput draft = sheet(kb, "support", 777);
    draft.submit = false;
    draft.ratings.erase(draft.ratings.begin(), std::next(draft.ratings.begin(), 8));
    draft.opinion = "";
    for (const auto& x : kb.experts)
      if (x.expert_id == zhoumin_expert_) score(tx, kb, x, draft);
    // Scored and reviewed: ready for the lead's conclusion.
    for (int i = 0; i < 3; ++i) score(tx, kc, kc.experts[i], sheet(kc, "support", 900 + i));
    review(tx, c.id, true, c.total_fen, c.total_fen * 94 / 100 / 100 * 100, 5);

    // Concluded: one in the library, one back at 冠县第一中学 with the experts' opinion.
    Seed s4 = seed("冠县2027年农村公路安全生命防护工程", "冠县交通运输局", "transport", "21401",
                   "specific", 860);
    Made d = apply(tx, applicant_for(tx, s4.org), s4.org, s4, y);
    Seed s5 = seed("冠县第一中学学生宿舍楼改造项目", "冠县第一中学", "education", "2050204",
                   "investment", 520);
    Made e = apply(tx, user_.at("liuyang"), s5.org, s5, y);
    assign(tx, d.id, {}, false);
    assign(tx, e.id, {zhoumin_expert_, experts_[7], experts_[8]}, false);
    Case ke = open_case(tx, e.id);
    int i = 0;
    for (const auto& x : ke.experts) score(tx, ke, x, sheet(ke, "adjust", 300 + i++));
    review(tx, d.id, false, d.total_fen, d.total_fen * 90 / 100 / 100 * 100, 2);
    review(tx, e.id, true, e.total_fen, e.total_fen, 3);
    conclude(tx, d.id, "support", "");
    conclude(tx, e.id, "adjust",
             "宿舍改造工程量清单不完整，请补充消防设施改造内容和验收要求，产出指标中“改造面积”"
             "须与设计方案一致，修改后重新申报。");
  }
};

// The builder lives from the projects slice to the projects-budget slice: the targets slice
// (order 30) runs in between, so the budgets it guards find approved targets.
std::unique_ptr<Builder>& builder() {
  static std::unique_ptr<Builder> b;
  return b;
}

void build(demo::Context& ctx) {
  builder() = std::make_unique<Builder>(ctx);
  builder()->run();
}

void build_budgets(demo::Context&) {
  if (!builder()) throw std::runtime_error("demo: the projects slice did not run");
  builder()->run_budgets();
  builder().reset();
}

}  // namespace

void register_demo_slice() {
  demo::register_slice("projects", 20, build);
  demo::register_slice("projects-budget", 40, build_budgets);
}

}  // namespace jx::projects
