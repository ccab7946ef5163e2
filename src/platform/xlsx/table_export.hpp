// Exports of a flat table as CSV (UTF-8 with a BOM, so Excel opens Chinese correctly; cells that
// would start a formula are prefixed with ') or as .xlsx (libxlsxwriter, constant-memory mode).
#pragma once

#include <string>
#include <vector>

namespace jx::xlsx {

// The MIME type of an .xlsx file.
inline constexpr const char* kContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct Table {
  std::string sheet_name;  // ≤ 31 characters
  std::vector<std::string> headers;
  std::vector<double> widths;  // column widths in characters (optional)
  std::vector<std::vector<std::string>> rows;
};

std::string to_csv(const Table& t);
std::string to_xlsx(const Table& t);

// A sheet laid out cell by cell, for the official forms (申报表): merged ranges and a few styles.
// Small by nature, so it is written in normal (not constant-memory) mode.
struct FormCell {
  enum class Style { kPlain, kLabel, kTitle, kHeader, kNumber };
  int row = 0, col = 0;
  std::string text;
  int last_row = -1, last_col = -1;  // a merged range when either is set
  Style style = Style::kPlain;
};
struct FormSheet {
  std::string sheet_name;  // ≤ 31 characters
  std::vector<double> widths;
  std::vector<FormCell> cells;
  int freeze_rows = 0;
};
std::string to_xlsx(const FormSheet& f);

}  // namespace jx::xlsx
