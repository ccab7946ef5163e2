// A streaming reader of .xlsx (OOXML SpreadsheetML) workbooks held in memory, for imports of
// files users upload: libzip opens the archive from the byte buffer, expat streams each XML part
// in 64 KB chunks, and a worksheet is delivered row by row without ever being held whole.
//
// Contract
// - The file is untrusted and read as data only: formulas are never evaluated (a formula cell
//   gives its cached value, or "" when it has none); DOCTYPE and entity declarations are refused
//   (ReadError "文件包含不允许的 XML 实体"), so no entity is expanded and nothing external is
//   fetched. Every size is bounded by Limits: the file, each entry and the sum of entries as
//   declared in the zip, the bytes actually inflated (a zip bomb lies in its headers: reading
//   stops one byte past the declared size), the compression ratio of big entries, rows, columns
//   and cell length.
// - Every failure, hostile or just damaged, is a ReadError carrying a message in Chinese and
//   English fit to show the user. Nothing else is thrown except std::bad_alloc and whatever
//   the row callback throws (which propagates unchanged, after the parse is abandoned).
// - Cells come as the text Excel shows for them (the rules are in cell_text.hpp): shared and
//   inline strings (rich-text runs concatenated, phonetic runs left out, _xHHHH_ escapes
//   decoded); numbers in Excel's General format ("42", "0.3", never "42.0"); booleans TRUE /
//   FALSE; error values as their text (#N/A, #DIV/0!); numbers with a date or time format as
//   YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or HH:MM:SS in the workbook's date system (1900 or 1904).
// - rows() calls fn once per row that has at least one non-empty cell, in file order, with its
//   1-based row number and its cells from column A to the last non-empty one; missing cells in
//   between are "". Rows and cells without an "r" reference follow the previous one. Cells
//   that are present but empty (formatting only) never count towards the limits.
// - Thread-compatible: a Reader may be used from one thread at a time; rows() may be called
//   any number of times, on any sheets. The Reader owns its copy of the bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/util/error.hpp"

namespace jx::xlsx {

struct Limits {
  int64_t max_file_bytes = 10LL << 20;           // the .xlsx itself
  int64_t max_total_uncompressed = 100LL << 20;  // all entries together, as declared
  int64_t max_entry_uncompressed = 50LL << 20;   // one entry, declared and actually inflated
  int64_t max_ratio = 100;                       // uncompressed / compressed, for big entries
  int64_t ratio_min_entry_bytes = 1LL << 20;     // "big": entries from this size on
  int64_t max_entries = 10000;                   // files in the zip
  int64_t max_rows = 200000;                     // row numbers above this with data: refused
  int max_columns = 200;                         // columns beyond this with data: refused
  size_t max_cell_chars = 32767;                 // Excel's own limit, in characters
};

// Why a file could not be read; message() is meant for the user.
class ReadError : public std::runtime_error {
 public:
  explicit ReadError(Msg message) : std::runtime_error(message.en), message_(std::move(message)) {}
  const Msg& message() const { return message_; }

 private:
  Msg message_;
};

// Receives a row: its 1-based number and its cells. Returns false to stop reading.
using RowFn = std::function<bool(int64_t row_number, const std::vector<std::string>& cells)>;

class Reader {
 public:
  // Checks the size and the zip, reads the workbook, its relationships, the shared strings and
  // the styles. Throws ReadError.
  static Reader open(std::string bytes, Limits limits = {});

  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;
  ~Reader();

  // The sheets in workbook order (hidden ones included).
  std::vector<std::string> sheet_names() const;
  bool has_sheet(const std::string& sheet) const;
  bool date1904() const;

  // Streams the rows of the named sheet into fn. Throws ReadError "工作表“X”不存在" when there
  // is no such sheet, or any other ReadError met on the way (rows already delivered stay
  // delivered: callers that must be all-or-nothing collect first, as parse() in import.hpp).
  void rows(const std::string& sheet, const RowFn& fn) const;

  struct Impl;

 private:
  explicit Reader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "A" -> 0, "Z" -> 25, "AA" -> 26; -1 when s is not 1-3 letters within XFD.
int column_index(const std::string& letters);
// 0 -> "A", 26 -> "AA".
std::string column_letters(int index);

}  // namespace jx::xlsx
