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

}  // namespace jx::xlsx
