// The indicator import (docs/api-indicators.md "Import"): the bureau's own indicators from the
// template, which is also the export's layout. On the platform's import contract
// (platform/xlsx/import.hpp): the template checks the cells, then every row runs through
// create_indicator (no code) or update_indicator (the code of an indicator the county sees,
// edited from 起始年度; a shipped one gets the county's own version; a row equal to the
// indicator is skipped, so an exported sheet imports back unchanged) in ONE transaction: any error
// of any row rolls the whole file back.
#include <boost/json.hpp>
#include <map>

#include "modules/indicators/rules.hpp"
#include "modules/indicators/service.hpp"
#include "modules/org/service.hpp"

namespace jx::indicators {

namespace json = boost::json;
using xlsx::RowError;

namespace {

constexpr int64_t kMaxRows = 5000;
constexpr int64_t kMaxBytes = 5LL << 20;

std::optional<int> year_of(const std::string& s) {
  if (s.size() != 4 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int y = std::stoi(s);
  if (y < 2000 || y > 2100) return std::nullopt;
  return y;
}

}  // namespace

xlsx::Template import_template() {
  xlsx::Template t;
  t.sheet = "指标";
  t.columns = {
      {"code",
       "指标编码",
       false,
       "新增指标留空（由系统编码）；填写已有指标（含系统预置指标）的编码则自起始年度起修改该指标",
       {},
       10},
      {"sector", "行业", true, "参考数据“行业领域”的名称或编码，如 教育", {}, 12},
      {"field", "领域", false, "行业下的细分领域，如 义务教育", {}, 14},
      {"level1", "一级指标", true, "起始年度指标体系中的一级指标，如 产出指标", {}, 12},
      {"level2", "二级指标", true, "该一级指标下的二级指标，如 数量指标", {}, 14},
      {"name", "三级指标", true, "指标名称，不超过60个字", {}, 30},
      {"nature", "指标性质", true, "≥、>、=、<、≤ 或 定性", {"≥", ">", "=", "<", "≤", "定性"}, 10},
      {"unit", "计量单位", false, "定量指标必填，如 %、人、万元", {}, 10},
      {"recommended_value", "推荐值", false, "定量指标填数字；定性指标填文字，如 达标", {}, 10},
      {"basis",
       "标准类型",
       false,
       "留空为计划标准",
       {"计划标准", "行业标准", "历史标准", "其他标准"},
       10},
      {"method", "计算方法", false, "不超过500字", {}, 30},
      {"data_source", "数据来源", false, "不超过200字", {}, 20},
      {"is_core", "核心指标", false, "是或否，留空为否", {"是", "否"}, 8},
      {"from_year", "起始年度", false, "4位年度；留空为当前年度", {}, 10},
  };
  t.example_rows = {
      {"", "教育", "义务教育", "产出指标", "数量指标", "资助学生人数", "≥", "人", "1200",
       "计划标准", "统计年度内获得资助的学生人数", "学生资助管理系统", "是", "2027"},
      {"", "教育", "义务教育", "满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥", "%",
       "90", "行业标准", "问卷调查满意人数/调查总人数×100%", "满意度调查", "否", "2027"}};
  t.instructions =
      "每行一个指标。指标编码留空为新增指标；填写已有指标的编码，则自起始年度起修改该指标"
      "（起始年度晚于该指标的起始年度时生成新版本，原版本适用至上一年度；系统预置指标生成本县"
      "自己的版本，不影响其他地区）。\n"
      "与系统中内容相同的行不做处理，导出的表可直接导回。\n"
      "所有行校验通过才会写入，有任何错误时不写入任何数据，并给出错误报告。";
  return t;
}

json::object run_import(db::Db& db, const Clock& clock, const workflow::Registry& workflows,
                        const Caller& who, const std::string& bytes, jobs::JobContext& job,
                        Lang lang) {
  const xlsx::Template t = import_template();
  std::map<std::string, std::string> titles;
  for (const auto& c : t.columns) titles[c.key] = c.title;
  titles["year"] = "起始年度";

  auto check = [](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {};
  auto write = [&](const xlsx::Parsed& p) {
    job.progress(p.rows.size(), p.rows.size(), "校验并写入中");
    db.write([&](db::Conn& tx) {
      std::vector<RowError> errors;
      std::map<std::string, std::string> sectors;
      const json::object refs = org::list_ref(tx, "sector", 0, "", true);
      for (const auto& v : refs.at("items").as_array()) {
        std::string code(v.at("code").as_string());
        sectors[code] = code;
        sectors[std::string(v.at("name").as_string())] = code;
      }
      const int this_year = current_year(tx, clock);
      Env e{tx, clock, workflows, who};
      int64_t created = 0, updated = 0, unchanged = 0;
      for (size_t i = 0; i < p.rows.size(); ++i) {
        const auto& r = p.rows[i];
        const int64_t row = p.row_numbers[i];
        size_t before = errors.size();
        auto err = [&](const std::string& column, Msg m) {
          errors.push_back({row, column, std::move(m)});
        };
        IndicatorInput in;
        auto sec = sectors.find(r.at("sector"));
        if (sec == sectors.end())
          err("行业", {"行业“" + r.at("sector") + "”不在参考数据中", "Not in the reference data"});
        else
          in.sector = sec->second;
        in.field = r.at("field");
        in.level1 = r.at("level1");
        in.level2 = r.at("level2");
        in.name = r.at("name");
        if (auto n = nature_of_label(r.at("nature")))
          in.nature = *n;
        else
          err("指标性质", {"指标性质只能是 ≥、>、=、<、≤ 或 定性", "Unknown nature"});
        in.unit = r.at("unit");
        in.recommended_value = r.at("recommended_value");
        if (r.at("basis").empty())
          in.basis = "plan";
        else if (auto b = basis_of_label(r.at("basis")))
          in.basis = *b;
        else
          err("标准类型", {"标准类型只能是计划标准、行业标准、历史标准或其他标准", "Unknown"});
        in.method = r.at("method");
        in.data_source = r.at("data_source");
        in.is_core = r.at("is_core") == "是";
        int year = this_year;
        if (!r.at("from_year").empty()) {
          if (auto y = year_of(r.at("from_year")))
            year = *y;
          else
            err("起始年度", {"起始年度应为2000到2100之间的4位年度", "A year"});
        }
        in.from_year = year;
        if (errors.size() > before) continue;  // the use case would repeat these
        try {
          const std::string& code = r.at("code");
          if (code.empty()) {
            create_indicator(e, in);
            ++created;
            continue;
          }
          std::optional<Indicator> target;
          for (const auto& v : store::versions(tx, code, who.viewer))
            if (v.status == "active" && v.valid_in(year)) target = v;
          if (!target) {
            err("指标编码", {"指标编码“" + code + "”在" + std::to_string(year) +
                                 "年度没有在用的指标；新增指标请将编码留空",
                             "No indicator of that code in force that year"});
            continue;
          }
          Indicator next = *target;
          next.sector = *in.sector;
          next.field = *in.field;
          next.level1 = *in.level1;
          next.level2 = *in.level2;
          next.name = *in.name;
          next.nature = *in.nature;
          next.unit = *in.unit;
          next.recommended_value = *in.recommended_value;
          next.basis = *in.basis;
          next.method = *in.method;
          next.data_source = *in.data_source;
          next.is_core = *in.is_core;
          bool same = next.sector == target->sector && next.field == target->field &&
                      next.level1 == target->level1 && next.level2 == target->level2 &&
                      next.name == target->name && next.nature == target->nature &&
                      next.unit == target->unit &&
                      next.recommended_value == target->recommended_value &&
                      next.basis == target->basis && next.method == target->method &&
                      next.data_source == target->data_source && next.is_core == target->is_core;
          if (same) {
            ++unchanged;
            continue;
          }
          in.from_year.reset();
          update_indicator(e, target->id, in, year, target->version);
          ++updated;
        } catch (const ApiError& ex) {
          if (ex.details().empty()) {
            errors.push_back({row, "", ex.message()});
            continue;
          }
          for (const auto& d : ex.details()) {
            std::string field = d.field.substr(0, d.field.find('.'));
            auto it = titles.find(field);
            errors.push_back({row, it == titles.end() ? "" : it->second, d.message});
          }
        }
      }
      if (!errors.empty()) throw xlsx::ImportRejected(std::move(errors));
      audit::append(tx, clock, who.actor,
                    {"indicator.import", "job", std::to_string(job.id()), "success", nullptr,
                     json::object{{"rows", static_cast<int64_t>(p.rows.size())},
                                  {"created", created},
                                  {"updated", updated},
                                  {"unchanged", unchanged}}});
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

}  // namespace jx::indicators
