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

}  // namespace jx::xlsx
