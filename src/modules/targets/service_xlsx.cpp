// The official declaration tables (DOMAIN.md §2.5): 项目支出绩效目标申报表 and 部门整体支出绩效
// 目标申报表 as xlsx in their layout, and the import of a filled one into a draft. The import
// reads the layout back by its labels (the header row 一级指标 … 指标标识, the 实施期目标 /
// 年度目标 row, the task table), reports every bad row and writes nothing unless all pass; the
// draft is then saved through save_revision, so the same validation and check apply as for the
// editor.
#include <set>

#include "modules/org/service.hpp"
#include "modules/projects/service.hpp"
#include "modules/targets/service.hpp"
#include "platform/util/crypto.hpp"
#include "platform/util/money.hpp"
#include "platform/xlsx/reader.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::targets {

namespace {

using xlsx::FormCell;
using Style = FormCell::Style;

constexpr int kCols = 12;  // A..L

const std::vector<std::pair<std::string, std::string>>& natures() {
  static const std::vector<std::pair<std::string, std::string>> n = {
      {">=", "≥"}, {">", ">"}, {"=", "="}, {"<", "<"}, {"<=", "≤"}, {"qual", "定性"}};
  return n;
}
const std::vector<std::pair<std::string, std::string>>& bases() {
  static const std::vector<std::pair<std::string, std::string>> b = {{"plan", "计划标准"},
                                                                     {"industry", "行业标准"},
                                                                     {"history", "历史标准"},
                                                                     {"other", "其他标准"}};
  return b;
}
std::string label_of(const std::vector<std::pair<std::string, std::string>>& m,
                     const std::string& code) {
  for (const auto& [c, l] : m)
    if (c == code) return l;
  return code;
}
std::optional<std::string> code_of(const std::vector<std::pair<std::string, std::string>>& m,
                                   const std::string& text) {
  for (const auto& [c, l] : m)
    if (l == text || c == text) return c;
  if (text == ">=" || text == "＞=" || text == "大于等于") return ">=";
  if (text == "<=" || text == "小于等于") return "<=";
  if (text == "＞") return ">";
  if (text == "＜") return "<";
  return std::nullopt;
}

const std::vector<std::string> kLeafHeaders = {"一级指标",   "二级指标",   "三级指标", "指标性质",
                                               "年度指标值", "中期指标值", "度量单位", "权重",
                                               "设定依据",   "指标说明",   "核心指标", "指标标识"};

struct Sheet {
  xlsx::FormSheet f;
  int row = 0;
  void cell(int c, std::string text, Style s = Style::kPlain, int last_col = -1,
            int last_row = -1) {
    f.cells.push_back({row, c, std::move(text), last_row, last_col, s});
  }
};

void leaves_table(Sheet& s, const std::vector<Leaf>& leaves) {
  for (int c = 0; c < kCols; ++c) s.cell(c, kLeafHeaders[c], Style::kHeader);
  ++s.row;
  for (const auto& l : leaves) {
    s.cell(0, l.level1);
    s.cell(1, l.level2);
    s.cell(2, l.name);
    s.cell(3, label_of(natures(), l.nature));
    s.cell(4, l.value);
    s.cell(5, l.period_value);
    s.cell(6, l.unit);
    s.cell(7, l.weight_x100 ? money::format_x100(*l.weight_x100) : "", Style::kNumber);
    s.cell(8, label_of(bases(), l.basis));
    s.cell(9, l.explanation);
    s.cell(10, l.is_core ? "是" : "否");
    s.cell(11, l.key);
    ++s.row;
  }
}

std::string wan(int64_t fen) {
  return money::format_fen_wan(fen);
}

}  // namespace

std::string declaration_xlsx(db::Conn& c, const Caller& who, int64_t set_id) {
  auto s = store::find_set_scoped(c, set_id, who.scope);
  if (!s) throw ApiError::not_found({"绩效目标不存在或无权访问", "Target set not found"});
  auto r = store::find_revision(c, *s->current_revision_id, true);
  Sheet sh;
  sh.f.widths = {12, 14, 26, 8, 12, 12, 10, 8, 10, 30, 8, 14};
  bool project = s->kind == "project";
  sh.f.sheet_name = project ? "项目支出绩效目标申报表" : "部门整体支出绩效目标申报表";
  sh.cell(0, sh.f.sheet_name, Style::kTitle, kCols - 1);
  ++sh.row;
  sh.cell(0, "（" + std::to_string(s->year) + "年度）", Style::kPlain, kCols - 1);
  ++sh.row;
  if (project) {
    auto found = projects::find_project(c, *s->project_id);  // the set's scope was checked
    if (!found) throw ApiError::not_found({"项目不存在", "No such project"});
    const projects::Project& p = *found;
    auto dept = org::get_org(c, auth::Scope::all(), p.department_id);
    int64_t total = 0, total_fiscal = 0, year = 0, year_fiscal = 0;
    for (const auto& a : p.amounts) {
      bool fiscal = a.source != "other";
      total += a.requested_fen;
      total_fiscal += fiscal ? a.requested_fen : 0;
      if (a.year == s->year) {
        year += a.requested_fen;
        year_fiscal += fiscal ? a.requested_fen : 0;
      }
    }
    sh.cell(0, "项目名称", Style::kLabel);
    sh.cell(1, p.name, Style::kPlain, 5);
    sh.cell(6, "主管部门及代码", Style::kLabel, 7);
    sh.cell(8, dept.name + (dept.code.empty() ? "" : "（" + dept.code + "）"), Style::kPlain, 11);
    ++sh.row;
    sh.cell(0, "实施单位", Style::kLabel);
    sh.cell(1, p.org_name, Style::kPlain, 5);
    sh.cell(6, "项目属性", Style::kLabel, 7);
    sh.cell(8, p.is_new ? "新增项目" : "延续项目", Style::kPlain, 11);
    ++sh.row;
    sh.cell(0, "项目期", Style::kLabel);
    sh.cell(1,
            std::to_string(p.start_year) + "—" + std::to_string(p.end_year) + "年（" +
                std::to_string(p.end_year - p.start_year + 1) + "年）",
            Style::kPlain, 5);
    sh.cell(6, "项目编码", Style::kLabel, 7);
    sh.cell(8, p.code, Style::kPlain, 11);
    ++sh.row;
    sh.cell(0, "资金情况（万元）", Style::kLabel, -1, sh.row + 2);
    const char* names[3] = {"资金总额", "其中：财政拨款", "其他资金"};
    int64_t mid[3] = {total, total_fiscal, total - total_fiscal};
    int64_t yr[3] = {year, year_fiscal, year - year_fiscal};
    for (int i = 0; i < 3; ++i) {
      sh.cell(1, i == 0 ? "中期资金总额" : names[i], Style::kLabel, 2);
      sh.cell(3, wan(mid[i]), Style::kNumber, 5);
      sh.cell(6, i == 0 ? "年度资金总额" : names[i], Style::kLabel, 7);
      sh.cell(8, wan(yr[i]), Style::kNumber, 11);
      ++sh.row;
    }
    sh.cell(0, "总体目标", Style::kLabel, -1, sh.row + 1);
    sh.cell(1, "实施期目标", Style::kLabel, 5);
    sh.cell(6, "年度目标", Style::kLabel, 11);
    ++sh.row;
    sh.cell(1, r->period_goal, Style::kPlain, 5);
    sh.cell(6, r->year_goal, Style::kPlain, 11);
    ++sh.row;
  } else {
    sh.cell(0, "部门（单位）名称", Style::kLabel, 1);
    sh.cell(2, s->org_name, Style::kPlain, 11);
    ++sh.row;
    sh.cell(0, "年度主要任务", Style::kLabel, 11);
    ++sh.row;
    sh.cell(0, "任务名称", Style::kHeader, 1);
    sh.cell(2, "主要内容", Style::kHeader, 5);
    sh.cell(6, "总额（万元）", Style::kHeader, 7);
    sh.cell(8, "财政拨款（万元）", Style::kHeader, 9);
    sh.cell(10, "其他资金（万元）", Style::kHeader, 11);
    ++sh.row;
    int64_t t = 0, f = 0, o = 0;
    for (const auto& k : r->tasks) {
      sh.cell(0, k.name, Style::kPlain, 1);
      sh.cell(2, k.content, Style::kPlain, 5);
      sh.cell(6, wan(k.total_fen), Style::kNumber, 7);
      sh.cell(8, wan(k.fiscal_fen), Style::kNumber, 9);
      sh.cell(10, wan(k.other_fen), Style::kNumber, 11);
      t += k.total_fen;
      f += k.fiscal_fen;
      o += k.other_fen;
      ++sh.row;
    }
    sh.cell(0, "金额合计", Style::kLabel, 5);
    sh.cell(6, wan(t), Style::kNumber, 7);
    sh.cell(8, wan(f), Style::kNumber, 9);
    sh.cell(10, wan(o), Style::kNumber, 11);
    ++sh.row;
    sh.cell(0, "年度总体目标", Style::kLabel, 1);
    sh.cell(2, r->year_goal, Style::kPlain, 11);
    ++sh.row;
  }
  sh.cell(0, "年度绩效指标", Style::kLabel, kCols - 1);
  ++sh.row;
  leaves_table(sh, r->leaves);
  return xlsx::to_xlsx(sh.f);
}

void import_declaration(Env e, int64_t revision_id, const std::string& bytes, int64_t version) {
  auto r = store::find_revision(e.tx, revision_id, true);
  if (!r) throw ApiError::not_found({"绩效目标不存在或无权访问", "Target revision not found"});
  auto s = store::find_set_scoped(e.tx, r->set_id, e.who.scope);
  if (!s) throw ApiError::not_found({"绩效目标不存在或无权访问", "Target set not found"});
  // Collect every row first (all or nothing).
  std::vector<std::pair<int64_t, std::vector<std::string>>> rows;
  try {
    auto reader = xlsx::Reader::open(bytes);
    auto names = reader.sheet_names();
    if (names.empty()) throw ApiError::field("file", {"文件中没有工作表", "No sheet"});
    reader.rows(names.front(), [&](int64_t n, const std::vector<std::string>& cells) {
      rows.emplace_back(n, cells);
      return rows.size() < 2000;
    });
  } catch (const xlsx::ReadError& err) {
    throw ApiError::field("file", err.message());
  }
  auto at = [](const std::vector<std::string>& cells, size_t i) {
    return i < cells.size() ? cells[i] : std::string();
  };
  std::vector<FieldError> errs;
  auto row_err = [&](int64_t n, const std::string& col, const std::string& msg) {
    errs.push_back({"rows." + std::to_string(n) + "." + col,
                    {"第" + std::to_string(n) + "行【" + col + "】" + msg, msg}});
  };
  DraftInput in;
  std::vector<Leaf> leaves;
  std::vector<Task> tasks;
  int header = -1, task_header = -1;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& cells = rows[i].second;
    if (at(cells, 0) == "一级指标" && at(cells, 2) == "三级指标") header = static_cast<int>(i);
    if (at(cells, 0) == "任务名称") task_header = static_cast<int>(i);
    if (s->kind == "project" && at(cells, 1) == "实施期目标" && i + 1 < rows.size()) {
      in.period_goal = at(rows[i + 1].second, 1);
      in.year_goal = at(rows[i + 1].second, 6);
    }
    if (s->kind == "department" && at(cells, 0) == "年度总体目标") in.year_goal = at(cells, 2);
  }
  if (header < 0)
    throw ApiError::field("file", {"没有找到绩效指标表头（一级指标、二级指标、三级指标……），"
                                   "请使用本系统导出的申报表填写",
                                   "Not a declaration table exported by jixiao"});
  if (s->kind == "department" && task_header >= 0) {
    for (size_t i = task_header + 1; i < rows.size(); ++i) {
      const auto& [n, cells] = rows[i];
      if (at(cells, 0) == "金额合计" || at(cells, 0) == "年度总体目标") break;
      Task t;
      t.name = at(cells, 0);
      t.content = at(cells, 2);
      auto money = [&](size_t col, const char* title) -> int64_t {
        std::string v = at(cells, col);
        if (v.empty()) return 0;
        // 1 万元 = 10^6 分, the scale of parse_decimal: the number read is the amount in 分.
        auto d = parse_decimal(v);
        if (!d || *d < 0) {
          row_err(n, title, "应为不小于0的万元金额（最多精确到分）");
          return 0;
        }
        return *d;
      };
      t.total_fen = money(6, "总额（万元）");
      t.fiscal_fen = money(8, "财政拨款（万元）");
      t.other_fen = money(10, "其他资金（万元）");
      // Keep the linked projects of the task of the same name.
      for (const auto& old : r->tasks)
        if (old.name == t.name) {
          t.key = old.key;
          t.project_ids = old.project_ids;
        }
      tasks.push_back(std::move(t));
    }
    in.tasks = tasks;
  }
  std::set<std::string> keys;
  for (size_t i = header + 1; i < rows.size(); ++i) {
    const auto& [n, cells] = rows[i];
    Leaf l;
    l.level1 = at(cells, 0);
    l.level2 = at(cells, 1);
    l.name = at(cells, 2);
    if (l.level1.empty()) row_err(n, "一级指标", "不能为空");
    if (l.level2.empty()) row_err(n, "二级指标", "不能为空");
    if (l.name.empty()) row_err(n, "三级指标", "不能为空");
    std::string nature = at(cells, 3);
    if (auto c = code_of(natures(), nature))
      l.nature = *c;
    else
      row_err(n, "指标性质", "应为 ≥、>、=、<、≤ 或 定性");
    l.value = at(cells, 4);
    l.period_value = at(cells, 5);
    l.unit = at(cells, 6);
    std::string w = at(cells, 7);
    if (!w.empty()) {
      auto d = parse_decimal(w);
      if (!d || *d < 0 || *d > 100000000 || *d % 10000 != 0)
        row_err(n, "权重", "应为0到100之间、最多两位小数的数");
      else
        l.weight_x100 = *d / 10000;
    }
    std::string basis = at(cells, 8);
    if (basis.empty()) {
      l.basis = "plan";
    } else if (auto c = code_of(bases(), basis)) {
      l.basis = *c;
    } else {
      row_err(n, "设定依据", "应为计划标准、行业标准、历史标准或其他标准");
    }
    l.explanation = at(cells, 9);
    std::string core = at(cells, 10);
    if (core == "是" || core == "1" || core == "TRUE")
      l.is_core = true;
    else if (!core.empty() && core != "否" && core != "0" && core != "FALSE")
      row_err(n, "核心指标", "应为“是”或“否”");
    l.key = at(cells, 11);
    if (!l.key.empty() && !keys.insert(l.key).second) row_err(n, "指标标识", "重复");
    // The library link of the same leaf stays.
    for (const auto& old : r->leaves)
      if (!l.key.empty() && old.key == l.key) l.library_id = old.library_id;
    if (l.key.empty()) l.key = crypto::random_token(8);
    leaves.push_back(std::move(l));
  }
  if (leaves.empty() && errs.empty())
    errs.push_back({"file", {"申报表中没有绩效指标", "No indicators in the file"}});
  if (!errs.empty()) throw ApiError::validation(errs);
  in.leaves = leaves;
  save_revision(e, revision_id, in, version);
}

}  // namespace jx::targets
