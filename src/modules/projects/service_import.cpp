// The project import (docs/api-projects.md "Import"): projects of the caller's units from the
// template, one row per project and year (a multi-year project repeats its name on each year's
// row). On the platform's import contract (platform/xlsx/import.hpp): the template checks the
// cells, then every project is created through create_project in ONE transaction, so every rule
// of the API applies and any error of any row rolls the whole file back. Imported projects are
// drafts: the unit checks them in 我的项目 and submits them.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/org/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/util/money.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::projects {

namespace json = boost::json;
using xlsx::RowError;

namespace {

constexpr int64_t kMaxRows = 5000;
constexpr int64_t kMaxBytes = 5LL << 20;

struct Source {
  const char* key;
  const char* title;
  const char* code;
};
const Source kSources[] = {{"local", "本级财政（万元）", "local"},
                           {"transfer", "上级转移支付（万元）", "transfer"},
                           {"special_bond", "专项债券（万元）", "special_bond"},
                           {"other", "其他资金（万元）", "other"}};

// Names of a reference kind's items (any year) → code, and the codes themselves.
std::map<std::string, std::string> ref_codes(db::Conn& c, const std::string& kind) {
  std::map<std::string, std::string> m;
  json::object items = org::list_ref(c, kind, 0, "", true);
  for (const auto& v : items.at("items").as_array()) {
    std::string code(v.at("code").as_string());
    m[code] = code;
    m[std::string(v.at("name").as_string())] = code;
  }
  return m;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    // 、 ， and ASCII , ; separate items.
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0) {
      flush();
      i += 3;
    } else if (text[i] == ',' || text[i] == ';') {
      flush();
      ++i;
    } else {
      cur += text[i++];
    }
  }
  flush();
  return out;
}

std::optional<int> year_of(const std::string& s) {
  if (s.size() != 4 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int y = std::stoi(s);
  if (y < 2000 || y > 2100) return std::nullopt;
  return y;
}

}  // namespace

xlsx::Template import_template() {
  xlsx::Template t;
  t.sheet = "项目";
  t.columns = {
      {"name", "项目名称", true, "2到100个字；多年度项目每个年度一行，名称相同", {}, 30},
      {"org", "申报单位", false, "预算单位编码或全称；留空为本人所在单位", {}, 24},
      {"region_code", "单位行政区划代码", false, "申报单位所在的行政区划代码；留空为本县", {}, 14},
      {"category",
       "项目类别",
       true,
       "人员类、运转类、特定目标类或投资发展类",
       {"人员类", "运转类", "特定目标类", "投资发展类"},
       12},
      {"kind", "项目或政策", false, "留空为项目", {"项目", "政策"}, 10},
      {"budget_type",
       "预算类型",
       true,
       "四本预算之一",
       {"一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算"},
       16},
      {"func_class", "支出功能分类", true, "款或项的编码，如 2050204", {}, 12},
      {"sector", "行业领域", true, "参考数据“行业领域”的名称或编码，如 教育", {}, 12},
      {"tags", "专项领域标签", false, "多个用顿号分隔，如 政府专项债券、政府采购", {}, 20},
      {"is_new", "新增或延续", true, "新增或延续", {"新增", "延续"}, 10},
      {"start_year", "起始年度", true, "4位年度", {}, 10},
      {"end_year", "结束年度", true, "4位年度，不早于起始年度", {}, 10},
      {"year", "资金年度", true, "本行金额所属的年度，在实施周期内", {}, 10},
      {"local", "本级财政（万元）", false, "万元，最多6位小数", {}, 14},
      {"transfer", "上级转移支付（万元）", false, "万元", {}, 14},
      {"special_bond", "专项债券（万元）", false, "万元", {}, 14},
      {"other", "其他资金（万元）", false, "万元", {}, 14},
      {"description", "项目概述", false, "同一项目只需在第一行填写", {}, 40},
      {"basis", "立项依据", false, "同一项目只需在第一行填写", {}, 30},
      {"contact", "联系人", false, "", {}, 10},
      {"phone", "联系电话", false, "", {}, 14},
  };
  t.example_rows = {{"冠县第一中学教学楼抗震加固及改造项目",
                     "111001",
                     "371525",
                     "投资发展类",
                     "项目",
                     "一般公共预算",
                     "2050204",
                     "教育",
                     "政府采购",
                     "新增",
                     "2027",
                     "2028",
                     "2027",
                     "300",
                     "",
                     "",
                     "",
                     "对教学楼进行抗震加固和内部改造。",
                     "校舍安全工程相关文件",
                     "刘洋",
                     "0635-5210002"},
                    {"冠县第一中学教学楼抗震加固及改造项目",
                     "111001",
                     "371525",
                     "投资发展类",
                     "项目",
                     "一般公共预算",
                     "2050204",
                     "教育",
                     "政府采购",
                     "新增",
                     "2027",
                     "2028",
                     "2028",
                     "",
                     "120",
                     "",
                     "",
                     "",
                     "",
                     "",
                     ""}};
  t.instructions =
      "每行一个项目的一个资金年度；多年度项目每个年度一行，项目名称、申报单位和基本信息相同。\n"
      "所有行校验通过才会写入，有任何错误时不写入任何数据，并给出错误报告。\n"
      "导入的项目为草稿，请在“我的项目”中核对、补充附件后申报。";
  return t;
}

json::object run_import(db::Db& db, const Clock& clock, const workflow::Registry& workflows,
                        const Caller& who, const std::string& bytes, jobs::JobContext& job,
                        Lang lang) {
  const xlsx::Template t = import_template();
  std::map<std::string, std::string> titles;
  for (const auto& c : t.columns) titles[c.key] = c.title;
  titles["amounts"] = "资金年度";
  titles["org_id"] = "申报单位";

  auto check = [](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {};
  auto write = [&](const xlsx::Parsed& p) {
    job.progress(p.rows.size(), p.rows.size(), "校验并写入中");
    db.write([&](db::Conn& tx) {
      std::vector<RowError> errors;
      const auto categories = ref_codes(tx, "project_category");
      const auto budget_types = ref_codes(tx, "budget_type");
      const auto sectors = ref_codes(tx, "sector");
      const auto tags = ref_codes(tx, "special_tag");
      const std::string county =
          who.principal.org_id > 0
              ? org::get_org(tx, auth::Scope::all(), who.principal.org_id).region_code.substr(0, 6)
              : "";
      // Rows of one project (same unit and name) in file order.
      struct Group {
        ProjectInput in;
        int64_t first_row = 0;
        std::set<int> years;
        bool bad = false;
      };
      std::vector<std::pair<std::string, Group>> groups;
      std::map<std::string, size_t> group_of;
      for (size_t i = 0; i < p.rows.size(); ++i) {
        const auto& r = p.rows[i];
        const int64_t row = p.row_numbers[i];
        size_t before = errors.size();
        auto err = [&](const char* column, const std::string& zh, const char* en) {
          errors.push_back({row, column, {zh, en}});
        };
        // The unit.
        int64_t org_id = who.principal.org_id;
        if (!r.at("org").empty()) {
          std::string region = r.at("region_code").empty() ? county : r.at("region_code");
          org::OrgMatch m = org::match_org(tx, region, r.at("org"));
          bool in_scope = false;
          if (m.id) {
            try {
              org::get_org(tx, who.viewer.scope, m.id);
              in_scope = true;
            } catch (const ApiError&) {
              m.error = {"申报单位“" + r.at("org") + "”不在您的管理范围内",
                         "Not a unit you manage"};
            }
          }
          // Otherwise the caller's unit stands in, so the row's other rules still run.
          if (in_scope)
            org_id = m.id;
          else
            errors.push_back({row, "申报单位", m.error});
        }
        auto code_of = [&](const std::map<std::string, std::string>& m, const char* key,
                           const char* column) -> std::string {
          const std::string& v = r.at(key);
          if (v.empty()) return "";
          auto it = m.find(v);
          if (it == m.end()) {
            err(column, std::string(column) + "“" + v + "”不在参考数据中",
                "Not in the reference data");
            return "";
          }
          return it->second;
        };
        ProjectInput in;
        in.name = r.at("name");
        in.org_id = org_id;
        in.category = code_of(categories, "category", "项目类别");
        in.kind = r.at("kind") == "政策" ? "policy" : "project";
        in.budget_type = code_of(budget_types, "budget_type", "预算类型");
        in.func_class = r.at("func_class");
        in.sector = code_of(sectors, "sector", "行业领域");
        std::vector<std::string> tag_codes;
        for (const auto& tg : split_list(r.at("tags"))) {
          auto it = tags.find(tg);
          if (it == tags.end())
            err("专项领域标签", "专项领域标签“" + tg + "”不在参考数据中", "Unknown tag");
          else
            tag_codes.push_back(it->second);
        }
        in.tags = tag_codes;
        in.is_new = r.at("is_new") != "延续";
        auto start = year_of(r.at("start_year"));
        auto end = year_of(r.at("end_year"));
        auto year = year_of(r.at("year"));
        if (!start) err("起始年度", "起始年度应为2000到2100之间的4位年度", "A year");
        if (!end) err("结束年度", "结束年度应为2000到2100之间的4位年度", "A year");
        if (!year) err("资金年度", "资金年度应为2000到2100之间的4位年度", "A year");
        in.start_year = start.value_or(0);
        in.end_year = end.value_or(0);
        std::vector<Amount> amounts;
        for (const auto& s : kSources) {
          const std::string& v = r.at(s.key);
          if (v.empty()) continue;
          auto fen = money::parse_wan(v);
          if (!fen || *fen < 0)
            err(s.title, std::string(s.title) + "应为不小于0的金额（万元）", "An amount in 万元");
          else if (*fen > 0 && year)
            amounts.push_back({*year, s.code, *fen});
        }
        if (!r.at("description").empty()) in.description = r.at("description");
        if (!r.at("basis").empty()) in.basis = r.at("basis");
        if (!r.at("contact").empty()) in.contact = r.at("contact");
        if (!r.at("phone").empty()) in.phone = r.at("phone");

        std::string key = std::to_string(org_id) + "\x1f" + r.at("name");
        auto [git, fresh] = group_of.try_emplace(key, groups.size());
        if (fresh) {
          in.amounts = amounts;
          groups.push_back({key, Group{in, row, {}, errors.size() > before}});
        } else {
          Group& g = groups[git->second].second;
          g.bad |= errors.size() > before;
          auto same = [&](const auto& a, const auto& b) { return a == b; };
          if (!same(g.in.category, in.category) || !same(g.in.start_year, in.start_year) ||
              !same(g.in.end_year, in.end_year) || !same(g.in.sector, in.sector) ||
              !same(g.in.func_class, in.func_class) || !same(g.in.budget_type, in.budget_type)) {
            err("项目名称",
                "同名项目的各年度行的类别、预算类型、功能分类、行业领域和实施周期须一致（见第" +
                    std::to_string(g.first_row) + "行）",
                "The rows of one project must agree");
            g.bad = true;
          }
          for (const auto& a : amounts) g.in.amounts->push_back(a);
          if (in.description && !g.in.description) g.in.description = in.description;
          if (in.basis && !g.in.basis) g.in.basis = in.basis;
          if (in.contact && !g.in.contact) g.in.contact = in.contact;
          if (in.phone && !g.in.phone) g.in.phone = in.phone;
        }
        Group& g = groups[group_of.at(key)].second;
        if (year && !g.years.insert(*year).second) {
          err("资金年度", "同一项目的资金年度" + std::to_string(*year) + "重复", "Repeated year");
          g.bad = true;
        }
      }
      // Create every project through the use case; its errors are reported on the project's
      // first row.
      Env e{tx, clock, workflows, who};
      int64_t created = 0;
      // Groups with errors run too (the transaction rolls back anyway), so the use case's own
      // rules report their fields at the same time.
      for (auto& [key, g] : groups) {
        try {
          create_project(e, g.in);
          ++created;
        } catch (const ApiError& ex) {
          if (ex.details().empty()) {
            errors.push_back({g.first_row, "", ex.message()});
            continue;
          }
          for (const auto& d : ex.details()) {
            std::string field = d.field.substr(0, d.field.find('.'));
            auto it = titles.find(field);
            errors.push_back({g.first_row, it == titles.end() ? "" : it->second, d.message});
          }
        }
      }
      if (!errors.empty()) throw xlsx::ImportRejected(std::move(errors));
      audit::append(
          tx, clock, who.actor,
          {"project.import", "job", std::to_string(job.id()), "success", nullptr,
           json::object{{"rows", static_cast<int64_t>(p.rows.size())}, {"projects", created}}});
    });
  };
  xlsx::Limits limits;
  limits.max_file_bytes = kMaxBytes;
  limits.max_rows = kMaxRows + 1;
  auto outcome = xlsx::run_import(
      bytes, t, check, write,
      [&job](int64_t done, int64_t total) {
        job.progress(done, total, "校验中");
        return !job.cancelled();
      },
      limits);
  json::object result = xlsx::to_json(outcome, lang);
  json::array files;
  if (!outcome.errors.empty())
    files.push_back(job.attach_file("errors.xlsx", "导入错误报告.xlsx", xlsx::kContentType,
                                    xlsx::error_report(outcome.errors, lang)));
  result["files"] = std::move(files);
  return result;
}

int64_t max_import_bytes() {
  return kMaxBytes;
}

}  // namespace jx::projects
