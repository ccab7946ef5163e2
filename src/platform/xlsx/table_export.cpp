#include "platform/xlsx/table_export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jx::xlsx {

namespace {

// Neutralizes CSV/formula injection: a cell starting with = + - @ is taken as text.
std::string safe_cell(const std::string& v) {
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    return "'" + v;
  return v;
}

std::string csv_quote(const std::string& v) {
  std::string s = safe_cell(v);
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string to_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_quote(cells[i]);
    }
    out += "\r\n";
  };
  line(t.headers);
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string to_xlsx(const Table& t) {
  char path[] = "/tmp/jixiao-export-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
  close(fd);
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  opts.tmpdir = const_cast<char*>("/tmp");
  lxw_workbook* wb = workbook_new_opt(path, &opts);
  if (!wb) {
    std::remove(path);
    throw std::runtime_error("cannot create the workbook");
  }
  std::string name = t.sheet_name.empty() ? "Sheet1" : t.sheet_name;
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  for (size_t c = 0; c < t.headers.size(); ++c) {
    double w = c < t.widths.size() ? t.widths[c] : 16;
    worksheet_set_column(ws, c, c, w, nullptr);
  }
  for (size_t c = 0; c < t.headers.size(); ++c)
    worksheet_write_string(ws, 0, c, t.headers[c].c_str(), head);
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.rows[r].size(); ++c)
      worksheet_write_string(ws, r + 1, c, t.rows[r][c].c_str(), nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::remove(path);
  if (err != LXW_NO_ERROR)
    throw std::runtime_error(std::string("xlsx export failed: ") + lxw_strerror(err));
  return bytes;
}

std::string to_xlsx(const FormSheet& f) {
  char path[] = "/tmp/jixiao-form-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
  close(fd);
  lxw_workbook_options opts{};
  opts.tmpdir = const_cast<char*>("/tmp");
  lxw_workbook* wb = workbook_new_opt(path, &opts);
  if (!wb) {
    std::remove(path);
    throw std::runtime_error("cannot create the workbook");
  }
  std::string name = f.sheet_name.empty() ? "Sheet1" : f.sheet_name;
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  auto fmt = [&](bool bold, uint32_t bg, int size, bool center) {
    lxw_format* x = workbook_add_format(wb);
    if (bold) format_set_bold(x);
    if (bg) format_set_bg_color(x, bg);
    if (size) format_set_font_size(x, size);
    format_set_border(x, size >= 14 ? LXW_BORDER_NONE : LXW_BORDER_THIN);
    format_set_text_wrap(x);
    format_set_align(x, center ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
    format_set_align(x, LXW_ALIGN_VERTICAL_CENTER);
    return x;
  };
  lxw_format* plain = fmt(false, 0, 0, false);
  lxw_format* label = fmt(true, 0xF2F2F2, 0, true);
  lxw_format* title = fmt(true, 0, 16, true);
  lxw_format* header = fmt(true, 0xDDEBF7, 0, true);
  lxw_format* number = workbook_add_format(wb);
  format_set_border(number, LXW_BORDER_THIN);
  format_set_align(number, LXW_ALIGN_RIGHT);
  auto style = [&](FormCell::Style s) {
    switch (s) {
      case FormCell::Style::kLabel:
        return label;
      case FormCell::Style::kTitle:
        return title;
      case FormCell::Style::kHeader:
        return header;
      case FormCell::Style::kNumber:
        return number;
      case FormCell::Style::kPlain:
        break;
    }
    return plain;
  };
  for (size_t c = 0; c < f.widths.size(); ++c) worksheet_set_column(ws, c, c, f.widths[c], nullptr);
  for (const auto& c : f.cells) {
    lxw_format* x = style(c.style);
    if (c.last_row >= 0 || c.last_col >= 0) {
      int lr = c.last_row >= 0 ? c.last_row : c.row;
      int lc = c.last_col >= 0 ? c.last_col : c.col;
      worksheet_merge_range(ws, c.row, c.col, lr, lc, c.text.c_str(), x);
    } else {
      worksheet_write_string(ws, c.row, c.col, c.text.c_str(), x);
    }
  }
  if (f.freeze_rows > 0) worksheet_freeze_panes(ws, f.freeze_rows, 0);
  lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::remove(path);
  if (err != LXW_NO_ERROR)
    throw std::runtime_error(std::string("xlsx export failed: ") + lxw_strerror(err));
  return bytes;
}

}  // namespace jx::xlsx
