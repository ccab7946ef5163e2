// The generic Excel import: a module describes the sheet users fill offline as a Template; this
// component makes the blank template to download, reads a filled one back into rows keyed by
// column, checks what the template itself says (header, required cells, allowed values), and
// turns errors into a report users download.
//
// Contract for modules (DESIGN.md §4 Excel: all rows pass or nothing is written)
// 1. The import runs as a jobs::JobRunner job: the upload route refuses bodies over
//    Limits::max_file_bytes (413), submits the job with the bytes and answers its id; the job
//    calls run_import(), which does steps 2-5 and reports progress as rows checked / total:
//      runner.submit("projects.import", user, [bytes, lang](jobs::JobContext& ctx) {
//        auto outcome = xlsx::run_import(bytes, kTemplate, check_row, write_all,
//            [&](int64_t done, int64_t total) {
//              ctx.progress(done, total);
//              return !ctx.cancelled();
//            });
//        return boost::json::value(xlsx::to_json(outcome, lang));
//      });
//    Progress is only reported while checking, never during WriteAll, so it never runs inside
//    the module's db.write() (as jobs.hpp requires).
// 2. parse(): reads the data sheet, matches the header, checks required cells and choices and
//    collects EVERY error. A file that cannot be read at all is one error with row 0.
// 3. The module's RowCheck validates each row with its own rules (formats, money, codes that
//    must exist, duplicates within the file and against the database), appending RowErrors with
//    the row number it was given and the column's Chinese title. It must not write anything.
//    Errors on a cell that parse() already flagged are dropped, so a rule never has to guard
//    against an empty required cell.
// 4. If any error was found (or the job was cancelled), nothing is written: the outcome lists
//    every error; error_report(outcome.errors) is the file users download to fix their sheet
//    (the module keeps it where its download route finds it, e.g. with the job's id).
// 5. Otherwise the module's WriteAll writes all rows in ONE transaction through its service
//    (permissions, scope, audit as for any other write). If it throws, the transaction rolls
//    back and the exception fails the job.
// - Row numbers are the sheet's own (the header is row 1 in the template), so users find the
//   row in Excel. Columns are named by their Chinese title.
// - Memory: parsed rows cost roughly 140 bytes a cell; a 10 MB file holds some 150,000 rows of
//   10 columns (120,000 x 10 peaked at 170 MB and took ~2 s on the 2-core build machine).
// - All functions are thread-safe (no shared state). make_template() and error_report() throw
//   std::runtime_error only when libxlsxwriter cannot write (a programming or disk error),
//   std::invalid_argument on an invalid Template (sheet name Excel refuses, empty or repeated
//   titles or keys, a data sheet named 说明 or 选项).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "platform/util/error.hpp"
#include "platform/xlsx/reader.hpp"

namespace jx::xlsx {

struct Column {
  std::string key;    // the field name the module reads from a parsed row
  std::string title;  // the Chinese header; unique within the template
  bool required = false;
  std::string hint;                  // 说明: what to fill in, and in what format
  std::vector<std::string> choices;  // allowed values (a dropdown in the template); empty: any
  int width = 16;                    // in characters
};

struct Template {
  std::string sheet;  // the data sheet's name, ≤ 31 characters
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> example_rows;  // shown on the 说明 sheet only
  std::string instructions;  // shown on top of the 说明 sheet; lines separated by '\n'
};

// The blank template: the data sheet (header row of titles, required ones as "*title" in red,
// a dropdown for columns with choices, text format so codes keep their leading zeros, frozen
// header) and a 说明 sheet (instructions, each column's meaning, whether it is required, its
// allowed values, and the example rows, which therefore can never be imported by accident).
std::string make_template(const Template& t);

struct RowError {
  int64_t row = 0;     // the sheet's row number; 0 when the file as a whole is wrong
  std::string column;  // the Chinese title; empty when the error is not about one column
  Msg message;
};

struct Parsed {
  std::vector<std::map<std::string, std::string>> rows;  // by Column::key, every key present
  std::vector<int64_t> row_numbers;                      // the sheet row of rows[i]
  std::vector<RowError> errors;
};

// Reads the template's data sheet (or, when there is no sheet of that name, the first sheet
// other than 说明: users paste into new workbooks). The first non-empty row is the header; it
// is matched to the titles ignoring surrounding spaces and a leading or trailing * (or ＊), in
// any order. A missing required column, an unknown or repeated column is one error each (row of
// the header) and the data rows are then not checked. Otherwise every data row that is not
// empty after trimming becomes a row (cells trimmed of spaces, including 全角 spaces), and every
// empty required cell and every value outside choices is an error. A file without data rows is
// an error (row 0).
Parsed parse(const std::string& bytes, const Template& t, const Limits& limits = {});

// The downloadable list of errors: one sheet with 行号 / 列 / 错误说明 (Row / Column / Error),
// in the order given.
std::string error_report(const std::vector<RowError>& errors, Lang lang);

// ---- run_import: steps 2-5 of the contract --------------------------------------------------

// Validates one row with the module's rules; appends to errors, writes nothing.
using RowCheck =
    std::function<void(int64_t row_number, const std::map<std::string, std::string>& row,
                       std::vector<RowError>& errors)>;
// Writes every row in one transaction; called only when there is no error at all. Rules that
// only the write can check (a service validating each row against what earlier rows of the same
// file created) are collected and thrown as ImportRejected from inside the transaction: it rolls
// back and run_import reports those errors like any other, with nothing written.
using WriteAll = std::function<void(const Parsed& parsed)>;

struct ImportRejected : std::exception {
  explicit ImportRejected(std::vector<RowError> e) : errors(std::move(e)) {}
  const char* what() const noexcept override { return "import rejected"; }
  std::vector<RowError> errors;
};
// Rows checked so far out of total; returning false cancels (nothing is written). In a job:
// [&](int64_t done, int64_t total) { ctx.progress(done, total); return !ctx.cancelled(); }
using ImportProgress = std::function<bool(int64_t done, int64_t total)>;

struct ImportOutcome {
  int64_t total = 0;    // data rows read
  int64_t written = 0;  // total when written, else 0
  bool cancelled = false;
  std::vector<RowError> errors;  // by row, then in the order found
};

ImportOutcome run_import(const std::string& bytes, const Template& t, const RowCheck& check,
                         const WriteAll& write, const ImportProgress& progress = {},
                         const Limits& limits = {});

// The job result: {"total","written","cancelled","error_count","errors":[{"row","column",
// "message"}]} with at most max_errors errors listed (all of them are in error_report()).
boost::json::object to_json(const ImportOutcome& outcome, Lang lang, size_t max_errors = 1000);

}  // namespace jx::xlsx
