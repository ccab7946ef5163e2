#include "platform/xlsx/import.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "platform/xlsx/table_export.hpp"

namespace jx::xlsx {

namespace {

constexpr const char* kGuideSheet = "说明";
constexpr const char* kChoicesSheet = "选项";
constexpr lxw_row_t kLastRow = 1048575;

// ---- trimming and header matching ---------------------------------------------------------

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Trims ASCII whitespace, NBSP (U+00A0) and the ideographic space (U+3000).
std::string_view trim_view(std::string_view s) {
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\r", "\n", "\xC2\xA0", "\xE3\x80\x80"};
  for (bool again = true; again;) {
    again = false;
    for (auto sp : kSpaces) {
      if (starts_with(s, sp)) {
        s.remove_prefix(sp.size());
        again = true;
      }
      if (ends_with(s, sp)) {
        s.remove_suffix(sp.size());
        again = true;
      }
    }
  }
  return s;
}

std::string trim(std::string_view s) {
  return std::string(trim_view(s));
}

// A header cell without the required marker: "* 项目名称 " -> "项目名称".
std::string header_title(const std::string& cell) {
  std::string s = trim(cell);
  for (std::string_view star : {"*", "\xEF\xBC\x8A"}) {  // * and ＊
    if (starts_with(s, star)) s = trim(s.substr(star.size()));
    if (ends_with(s, star)) s = trim(s.substr(0, s.size() - star.size()));
  }
  return s;
}

std::string join(const std::vector<std::string>& items, const std::string& sep, size_t max) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max; ++i) out += (i ? sep : "") + items[i];
  return out;
}

Msg missing_column(const std::string& title) {
  return {"缺少必填列“" + title + "”", "The required column \"" + title + "\" is missing"};
}
Msg unknown_column(const std::string& title) {
  return {"无法识别的列“" + title + "”，请使用导入模板",
          "Unknown column \"" + title + "\"; please use the import template"};
}
Msg repeated_column(const std::string& title) {
  return {"列“" + title + "”重复出现", "The column \"" + title + "\" appears more than once"};
}
Msg no_data(const std::string& sheet) {
  return {"文件中没有可导入的数据，请在“" + sheet + "”工作表的表头下方逐行填写",
          "The file has no rows to import; fill in the \"" + sheet +
              "\" sheet below its header, one record a row"};
}
Msg required_empty() {
  return {"必填项不能为空", "This field is required"};
}
Msg bad_choice(const std::string& value, const std::vector<std::string>& choices) {
  std::string more = choices.size() > 10 ? "…" : "";
  return {
      "“" + value + "”不是可选的值，应为：" + join(choices, "、", 10) + more,
      "\"" + value + "\" is not an allowed value; use one of: " + join(choices, ", ", 10) + more};
}

// ---- writing workbooks to memory ----------------------------------------------------------

// libxlsxwriter 1.1.4 writes to a path only: a private temporary file, removed in every case.
class TempWorkbook {
 public:
  TempWorkbook() {
    int fd = mkstemp(path_);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
    close(fd);
    lxw_workbook_options opts{};
    opts.tmpdir = const_cast<char*>("/tmp");
    book_ = workbook_new_opt(path_, &opts);
    if (!book_) {
      std::remove(path_);
      throw std::runtime_error("cannot create the workbook");
    }
  }
  ~TempWorkbook() {
    if (book_) workbook_close(book_);
    std::remove(path_);
  }
  TempWorkbook(const TempWorkbook&) = delete;
  TempWorkbook& operator=(const TempWorkbook&) = delete;

  lxw_workbook* get() { return book_; }

  lxw_worksheet* add_sheet(const std::string& name) {
    if (workbook_validate_sheet_name(book_, name.c_str()) != LXW_NO_ERROR)
      throw std::invalid_argument("invalid sheet name for the template: " + name);
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
    if (!ws) throw std::runtime_error("cannot add the sheet " + name);
    return ws;
  }

  std::string finish() {
    lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR)
      throw std::runtime_error(std::string("xlsx write failed: ") + lxw_strerror(err));
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  char path_[32] = "/tmp/jixiao-xlsx-XXXXXX";
  lxw_workbook* book_ = nullptr;
};

void check_template(const Template& t) {
  std::set<std::string> titles;
  std::set<std::string> keys;
  if (t.columns.empty()) throw std::invalid_argument("an import template needs columns");
  for (const auto& c : t.columns) {
    if (c.title.empty() || !titles.insert(header_title(c.title)).second)
      throw std::invalid_argument("empty or repeated column title: " + c.title);
    if (c.key.empty() || !keys.insert(c.key).second)
      throw std::invalid_argument("empty or repeated column key: " + c.key);
  }
  if (t.sheet == kGuideSheet || t.sheet == kChoicesSheet)
    throw std::invalid_argument("the data sheet cannot be named " + t.sheet);
}

// Excel takes a literal list of at most 255 characters without commas; longer lists go to the
// hidden 选项 sheet and the dropdown points there.
bool fits_inline(const std::vector<std::string>& choices) {
  size_t length = 0;
  for (const auto& c : choices) {
    if (c.find(',') != std::string::npos || c.find('"') != std::string::npos) return false;
    length += c.size() + 1;
  }
  return length <= 255;
}

void write_row(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::string>& cells,
               lxw_format* format) {
  for (size_t c = 0; c < cells.size(); ++c)
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(), format);
}

void write_guide(TempWorkbook& book, const Template& t) {
  lxw_workbook* wb = book.get();
  lxw_worksheet* ws = book.add_sheet(kGuideSheet);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* example = workbook_add_format(wb);
  format_set_italic(example);
  format_set_font_color(example, 0x808080);

  worksheet_set_column(ws, 0, 0, 22, nullptr);
  worksheet_set_column(ws, 1, 1, 10, nullptr);
  worksheet_set_column(ws, 2, 2, 50, nullptr);
  worksheet_set_column(ws, 3, 3, 30, nullptr);
  for (size_t c = 4; c < t.columns.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         std::max(t.columns[c].width, 10), nullptr);

  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, "填写说明", title);
  std::vector<std::string> lines = {
      "请在“" + t.sheet +
          "”工作表中填写：从第 2 行起每行一条记录，不要修改或删除表头；带 * 的列为必填项。",
      "导入时会检查每一行，只要有一行有误就不会导入任何数据，并给出每个错误所在的行、列和原因。"};
  std::stringstream instructions(t.instructions);
  for (std::string line; std::getline(instructions, line);) lines.push_back(line);
  for (const auto& line : lines) worksheet_write_string(ws, row++, 0, line.c_str(), nullptr);

  ++row;
  write_row(ws, row++, {"列名", "是否必填", "说明", "可选值"}, head);
  for (const auto& c : t.columns)
    write_row(ws, row++,
              {c.title, c.required ? "必填" : "选填", c.hint, join(c.choices, "、", SIZE_MAX)},
              cell);

  if (!t.example_rows.empty()) {
    ++row;
    worksheet_write_string(ws, row++, 0, "示例（仅供参考，本工作表不会被导入）", bold);
    std::vector<std::string> titles;
    for (const auto& c : t.columns) titles.push_back(c.title);
    write_row(ws, row++, titles, head);
    for (const auto& r : t.example_rows) write_row(ws, row++, r, example);
  }
}

}  // namespace

std::string make_template(const Template& t) {
  check_template(t);
  TempWorkbook book;
  lxw_workbook* wb = book.get();
  lxw_worksheet* ws = book.add_sheet(t.sheet);

  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* head_required = workbook_add_format(wb);
  format_set_bold(head_required);
  format_set_bg_color(head_required, 0xDDEBF7);
  format_set_border(head_required, LXW_BORDER_THIN);
  format_set_font_color(head_required, LXW_COLOR_RED);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");

  write_guide(book, t);

  lxw_worksheet* choices_ws = nullptr;
  lxw_col_t choices_col = 0;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Column& c = t.columns[i];
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_set_column(ws, col, col, c.width > 0 ? c.width : 16, text);
    std::string title = c.required ? "*" + c.title : c.title;
    worksheet_write_string(ws, 0, col, title.c_str(), c.required ? head_required : head);
    if (!c.hint.empty()) worksheet_write_comment(ws, 0, col, c.hint.c_str());
    if (c.choices.empty()) continue;

    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.error_title = const_cast<char*>("输入有误");
    dv.error_message = const_cast<char*>("请从下拉列表中选择");
    std::vector<const char*> list;
    std::string formula;
    if (fits_inline(c.choices)) {
      for (const auto& choice : c.choices) list.push_back(choice.c_str());
      list.push_back(nullptr);
      dv.value_list = const_cast<char**>(list.data());
    } else {
      if (!choices_ws) {
        choices_ws = book.add_sheet(kChoicesSheet);
        worksheet_hide(choices_ws);
      }
      for (size_t r = 0; r < c.choices.size(); ++r)
        worksheet_write_string(choices_ws, static_cast<lxw_row_t>(r), choices_col,
                               c.choices[r].c_str(), nullptr);
      std::string letters = column_letters(choices_col);
      formula = std::string("='") + kChoicesSheet + "'!$" + letters + "$1:$" + letters + "$" +
                std::to_string(c.choices.size());
      dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      dv.value_formula = formula.data();
      ++choices_col;
    }
    worksheet_data_validation_range(ws, 1, col, kLastRow, col, &dv);
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_activate(ws);
  return book.finish();
}

namespace {

// Which template column each sheet column holds (-1: none), from the header row; a missing
// required column, an unknown or a repeated one is an error.
std::vector<int> match_header(const Template& t, int64_t header_row,
                              const std::vector<std::string>& header,
                              std::vector<RowError>& errors) {
  std::vector<int> template_of(header.size(), -1);
  std::vector<bool> seen(t.columns.size(), false);
  for (size_t i = 0; i < header.size(); ++i) {
    std::string title = header_title(header[i]);
    if (title.empty()) continue;  // a blank header cell: its column is not read
    auto it = std::find_if(t.columns.begin(), t.columns.end(),
                           [&](const Column& c) { return header_title(c.title) == title; });
    if (it == t.columns.end()) {
      errors.push_back({header_row, title, unknown_column(title)});
      continue;
    }
    auto index = static_cast<size_t>(it - t.columns.begin());
    if (seen[index]) {
      errors.push_back({header_row, it->title, repeated_column(it->title)});
      continue;
    }
    seen[index] = true;
    template_of[i] = static_cast<int>(index);
  }
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].required && !seen[c])
      errors.push_back({header_row, t.columns[c].title, missing_column(t.columns[c].title)});
  return template_of;
}

// One data row into out: every key present, required cells and choices checked.
void add_row(const Template& t, const std::vector<int>& template_of, int64_t number,
             const std::vector<std::string_view>& cells, Parsed& out) {
  std::vector<std::string_view> values(t.columns.size());
  for (size_t i = 0; i < cells.size() && i < template_of.size(); ++i)
    if (template_of[i] >= 0) values[static_cast<size_t>(template_of[i])] = cells[i];
  std::map<std::string, std::string> row;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const Column& column = t.columns[c];
    const std::string_view v = values[c];
    if (v.empty()) {
      if (column.required) out.errors.push_back({number, column.title, required_empty()});
    } else if (!column.choices.empty() &&
               std::find(column.choices.begin(), column.choices.end(), v) == column.choices.end()) {
      out.errors.push_back({number, column.title, bad_choice(std::string(v), column.choices)});
    }
    row.emplace(column.key, v);
  }
  out.rows.push_back(std::move(row));
  out.row_numbers.push_back(number);
}

}  // namespace

Parsed parse(const std::string& bytes, const Template& t, const Limits& limits) {
  Parsed out;
  bool have_header = false;
  std::vector<int> template_of;
  try {
    Reader reader = Reader::open(bytes, limits);
    std::string sheet = t.sheet;
    if (!reader.has_sheet(sheet)) {
      for (const auto& name : reader.sheet_names())
        if (name != kGuideSheet && name != kChoicesSheet) {
          sheet = name;
          break;
        }
    }
    // Row by row: the file is never held as a whole next to the parsed rows.
    std::vector<std::string_view> trimmed;  // views into the reader's cells, for one row
    reader.rows(sheet, [&](int64_t number, const std::vector<std::string>& cells) {
      trimmed.assign(cells.begin(), cells.end());
      bool any = false;
      for (auto& c : trimmed) {
        c = trim_view(c);
        any = any || !c.empty();
      }
      if (!any) return true;
      if (!have_header) {
        have_header = true;
        template_of = match_header(t, number, {trimmed.begin(), trimmed.end()}, out.errors);
        return out.errors.empty();  // with a wrong header the rows cannot be read
      }
      add_row(t, template_of, number, trimmed, out);
      return true;
    });
  } catch (const ReadError& e) {
    Parsed failed;
    failed.errors.push_back({0, "", e.message()});
    return failed;
  }
  if (out.errors.empty() && out.rows.empty()) out.errors.push_back({0, "", no_data(t.sheet)});
  return out;
}

std::string error_report(const std::vector<RowError>& errors, Lang lang) {
  const bool en = lang == Lang::kEn;
  Table table;
  table.sheet_name = en ? "Import errors" : "导入错误";
  table.headers = en ? std::vector<std::string>{"Row", "Column", "Error"}
                     : std::vector<std::string>{"行号", "列", "错误说明"};
  table.widths = {8, 24, 70};
  for (const auto& e : errors)
    table.rows.push_back({e.row > 0 ? std::to_string(e.row) : "", e.column, pick(e.message, lang)});
  return to_xlsx(table);
}

ImportOutcome run_import(const std::string& bytes, const Template& t, const RowCheck& check,
                         const WriteAll& write, const ImportProgress& progress,
                         const Limits& limits) {
  ImportOutcome outcome;
  Parsed parsed = parse(bytes, t, limits);
  outcome.total = static_cast<int64_t>(parsed.rows.size());
  std::set<std::pair<int64_t, std::string>> flagged;  // cells parse() already reported
  for (const auto& e : parsed.errors) flagged.emplace(e.row, e.column);
  outcome.errors = std::move(parsed.errors);

  std::vector<RowError> found;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    found.clear();
    check(parsed.row_numbers[i], parsed.rows[i], found);
    for (auto& e : found)
      if (!flagged.count({e.row, e.column})) outcome.errors.push_back(std::move(e));
    if (progress && !progress(static_cast<int64_t>(i) + 1, outcome.total)) {
      outcome.cancelled = true;
      break;
    }
  }
  std::stable_sort(outcome.errors.begin(), outcome.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.row < b.row; });
  if (outcome.cancelled || !outcome.errors.empty()) return outcome;
  try {
    write(parsed);
  } catch (ImportRejected& rejected) {
    outcome.errors = std::move(rejected.errors);
    if (outcome.errors.empty())
      outcome.errors.push_back({0, "", {"导入被拒绝", "The import was rejected"}});
    std::stable_sort(outcome.errors.begin(), outcome.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.row < b.row; });
    return outcome;
  }
  outcome.written = outcome.total;
  return outcome;
}

boost::json::object to_json(const ImportOutcome& outcome, Lang lang, size_t max_errors) {
  boost::json::array errors;
  for (size_t i = 0; i < outcome.errors.size() && i < max_errors; ++i) {
    const auto& e = outcome.errors[i];
    errors.push_back(boost::json::object{
        {"row", e.row}, {"column", e.column}, {"message", pick(e.message, lang)}});
  }
  return boost::json::object{{"total", outcome.total},
                             {"written", outcome.written},
                             {"cancelled", outcome.cancelled},
                             {"error_count", static_cast<int64_t>(outcome.errors.size())},
                             {"errors", std::move(errors)}};
}

}  // namespace jx::xlsx

#if defined(__SANITIZE_ADDRESS__)
// libxlsxwriter 1.1.4 leaks its copy of a LIST_FORMULA validation's formula (some 20 bytes per
// template with a long list of choices), duplicated by lxw_strdup. Without this, LeakSanitizer
// fails every sanitized run that makes such a template. The library has no frame pointers, so
// the stack LeakSanitizer sees ends at lxw_strdup: only strings the library itself duplicated
// are covered; a workbook we forgot to close still shows as a leak from workbook_new.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:lxw_strdup\n";
}
#endif
