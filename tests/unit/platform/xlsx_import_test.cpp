// The generic import: the template it makes (read back with our own reader), header matching
// (the * marker, spaces, any order), missing and unknown columns, required cells, choices,
// every error reported with its row, empty rows skipped, unreadable files, the error report,
// and run_import's all-or-nothing contract with progress and cancellation.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/util/clock.hpp"
#include "platform/xlsx/import.hpp"
#include "platform/xlsx/reader.hpp"

namespace jx::xlsx {
namespace {

using Cells = std::vector<std::string>;
using Rows = std::vector<std::pair<int64_t, Cells>>;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A filled-in workbook: sheet name -> rows of strings (an empty string leaves the cell empty).
std::string make_book(const std::vector<std::pair<std::string, std::vector<Cells>>>& sheets) {
  char path[] = "/tmp/jx-xlsx-import-test-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    for (size_t r = 0; r < rows.size(); ++r)
      for (size_t c = 0; c < rows[r].size(); ++c)
        if (!rows[r][c].empty())
          worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                 rows[r][c].c_str(), nullptr);
  }
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = slurp(path);
  std::remove(path);
  return bytes;
}

// One entry of a zip, inflated.
std::string entry(const std::string& bytes, const std::string& name) {
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, nullptr);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, nullptr);
  EXPECT_NE(za, nullptr);
  std::string out;
  zip_file_t* f = zip_fopen(za, name.c_str(), 0);
  EXPECT_NE(f, nullptr) << name;
  if (f) {
    char buf[4096];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;)
      out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_discard(za);
  return out;
}

Rows read_all(const std::string& bytes, const std::string& sheet) {
  Rows rows;
  Reader::open(bytes).rows(sheet, [&](int64_t n, const Cells& cells) {
    rows.emplace_back(n, cells);
    return true;
  });
  return rows;
}

std::vector<std::string> long_choices() {
  std::vector<std::string> out;
  for (int i = 1; i <= 40; ++i) out.push_back("功能分类第" + std::to_string(i) + "项（含说明）");
  return out;
}

Template project_template() {
  Template t;
  t.sheet = "项目";
  t.columns = {
      {"name", "项目名称", true, "项目的全称", {}, 30},
      {"amount", "预算金额（元）", true, "数字，最多两位小数", {}, 16},
      {"kind", "项目类型", true, "", {"新增项目", "延续项目"}, 12},
      {"note", "备注", false, "", {}, 20},
      {"category", "功能分类", false, "", long_choices(), 20},
  };
  t.example_rows = {{"城区道路改造", "1250000.00", "新增项目", "示例，不会导入", ""}};
  t.instructions = "金额单位为元。\n同一项目名称只能出现一次。";
  return t;
}

// The text of every error, as "row|column|message".
std::vector<std::string> describe(const std::vector<RowError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors)
    out.push_back(std::to_string(e.row) + "|" + e.column + "|" + e.message.zh);
  return out;
}

// ---- the template -------------------------------------------------------------------------

TEST(XlsxImport, TemplateHasTheDataSheetAndTheGuide) {
  Template t = project_template();
  std::string bytes = make_template(t);
  Reader reader = Reader::open(bytes);
  EXPECT_EQ(reader.sheet_names(), (std::vector<std::string>{"项目", "说明", "选项"}));

  // Only the header on the data sheet: the example rows are never imported by accident.
  EXPECT_EQ(read_all(bytes, "项目"),
            (Rows{{1, {"*项目名称", "*预算金额（元）", "*项目类型", "备注", "功能分类"}}}));

  Rows guide = read_all(bytes, "说明");
  auto has_row = [&](const Cells& want) {
    for (const auto& [n, cells] : guide)
      if (cells == want) return true;
    return false;
  };
  EXPECT_EQ(guide[0].second, Cells{"填写说明"});
  EXPECT_TRUE(has_row({"金额单位为元。"}));
  EXPECT_TRUE(has_row({"同一项目名称只能出现一次。"}));
  EXPECT_TRUE(has_row({"列名", "是否必填", "说明", "可选值"}));
  EXPECT_TRUE(has_row({"项目名称", "必填", "项目的全称"}));
  EXPECT_TRUE(has_row({"项目类型", "必填", "", "新增项目、延续项目"}));
  EXPECT_TRUE(has_row({"备注", "选填"}));
  EXPECT_TRUE(has_row({"城区道路改造", "1250000.00", "新增项目", "示例，不会导入"}));

  // The long list of choices lives on the hidden 选项 sheet the dropdown points to.
  Rows choices = read_all(bytes, "选项");
  ASSERT_EQ(choices.size(), 40u);
  EXPECT_EQ(choices[39].second, Cells{"功能分类第40项（含说明）"});

  // The raw parts: the red header style, both dropdowns, the frozen header row.
  std::string sheet = entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane ySplit=\"1\""), std::string::npos);
  EXPECT_NE(sheet.find("<formula1>\"新增项目,延续项目\"</formula1>"), std::string::npos);
  EXPECT_NE(sheet.find("<formula1>'选项'!$A$1:$A$40</formula1>"), std::string::npos);
  EXPECT_NE(entry(bytes, "xl/styles.xml").find("<color rgb=\"FFFF0000\"/>"), std::string::npos);
  EXPECT_NE(entry(bytes, "xl/workbook.xml").find("state=\"hidden\""), std::string::npos);

  Parsed blank = parse(bytes, t);
  EXPECT_EQ(
      describe(blank.errors),
      (std::vector<std::string>{"0||文件中没有可导入的数据，请在“项目”工作表的表头下方逐行填写"}));
}

TEST(XlsxImport, TemplateRefusesInvalidDescriptions) {
  Template t = project_template();
  t.sheet = "项目[2024]";
  EXPECT_THROW(make_template(t), std::invalid_argument);
  t = project_template();
  t.columns[1].title = "*项目名称";
  EXPECT_THROW(make_template(t), std::invalid_argument);
  t = project_template();
  t.columns[1].key = "name";
  EXPECT_THROW(make_template(t), std::invalid_argument);
  t = project_template();
  t.sheet = "说明";
  EXPECT_THROW(make_template(t), std::invalid_argument);
}

// ---- parsing a filled sheet ---------------------------------------------------------------

TEST(XlsxImport, MatchesTheHeaderByTitleInAnyOrderAndTrimsCells) {
  std::string bytes = make_book(
      {{"项目",
        {{" 备注 ", "＊项目类型", "* 预算金额（元）", "项目名称*"},  // no 功能分类: optional
         {"第一条", "新增项目", "100", "  道路\u3000"},
         {},                       // an empty row
         {" ", "\u3000", "", ""},  // spaces only: empty too
         {"", " 延续项目 ", "200.5", "桥梁"}}}});
  Parsed p = parse(bytes, project_template());
  EXPECT_TRUE(p.errors.empty()) << describe(p.errors)[0];
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.row_numbers, (std::vector<int64_t>{2, 5}));
  std::map<std::string, std::string> first = {{"name", "道路"},
                                              {"amount", "100"},
                                              {"kind", "新增项目"},
                                              {"note", "第一条"},
                                              {"category", ""}};
  EXPECT_EQ(p.rows[0], first);
  EXPECT_EQ(p.rows[1].at("kind"), "延续项目");
  EXPECT_EQ(p.rows[1].at("note"), "");
  EXPECT_EQ(p.rows[1].at("name"), "桥梁");
}

TEST(XlsxImport, ATemplateFilledInParses) {
  // What a user does: download the template, type below the header, upload.
  Template t = project_template();
  std::string blank = make_template(t);
  Rows header = read_all(blank, "项目");
  std::string filled = make_book(
      {{"项目",
        {header[0].second, {"新建学校", "3000000", "新增项目", "", "功能分类第3项（含说明）"}}},
       {"说明", {{"填写说明"}, {"城区道路改造", "1", "新增项目"}}}});
  Parsed p = parse(filled, t);
  EXPECT_TRUE(p.errors.empty());
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].at("category"), "功能分类第3项（含说明）");
}

TEST(XlsxImport, ReportsMissingAndUnknownColumns) {
  std::string bytes = make_book({{"项目",
                                  {{"项目名称", "项目类型", "负责人", "金额"},
                                   {"道路", "新增项目", "张三", "100"},
                                   {"", "", "", ""}}}});
  Parsed p = parse(bytes, project_template());
  EXPECT_EQ(describe(p.errors), (std::vector<std::string>{
                                    "1|负责人|无法识别的列“负责人”，请使用导入模板",
                                    "1|金额|无法识别的列“金额”，请使用导入模板",
                                    "1|预算金额（元）|缺少必填列“预算金额（元）”",
                                }));
  EXPECT_EQ(p.errors[0].message.en, "Unknown column \"负责人\"; please use the import template");
  EXPECT_TRUE(p.rows.empty());

  bytes = make_book(
      {{"项目",
        {{"项目名称", "预算金额（元）", "项目类型", "*项目名称"}, {"a", "1", "新增项目", "b"}}}});
  EXPECT_EQ(describe(parse(bytes, project_template()).errors),
            (std::vector<std::string>{"1|项目名称|列“项目名称”重复出现"}));
}

TEST(XlsxImport, ReportsEveryBadCellWithItsRow) {
  std::string bytes = make_book({{"项目",
                                  {{"项目名称", "预算金额（元）", "项目类型", "功能分类"},
                                   {"道路", "100", "新增项目", ""},             // row 2: fine
                                   {"", "200", "新增", ""},                     // row 3: two errors
                                   {},                                          // row 4: skipped
                                   {"桥梁", "", "延续项目", "功能分类第99项"},  // row 5: two errors
                                   {"学校", "300", "延续项目", "功能分类第1项（含说明）"}}}});
  Parsed p = parse(bytes, project_template());
  EXPECT_EQ(
      describe(p.errors),
      (std::vector<std::string>{
          "3|项目名称|必填项不能为空",
          "3|项目类型|“新增”不是可选的值，应为：新增项目、延续项目",
          "5|预算金额（元）|必填项不能为空",
          "5|功能分类|"
          "“功能分类第99项”不是可选的值，应为：功能分类第1项（含说明）、功能分类第2项（含说明）、"
          "功能分类第3项（含说明）、功能分类第4项（含说明）、功能分类第5项（含说明）、功能分类第6项"
          "（含说明）、"
          "功能分类第7项（含说明）、功能分类第8项（含说明）、功能分类第9项（含说明）、功能分类第10"
          "项（含说明）…",
      }));
  EXPECT_EQ(p.errors[0].message.en, "This field is required");
  EXPECT_EQ(p.errors[1].message.en,
            "\"新增\" is not an allowed value; use one of: 新增项目, 延续项目");
  // The rows are still there for the module's own checks.
  EXPECT_EQ(p.row_numbers, (std::vector<int64_t>{2, 3, 5, 6}));
}

TEST(XlsxImport, ReadsTheFirstOtherSheetWhenTheDataSheetWasRenamed) {
  std::string bytes = make_book(
      {{"说明", {{"随便写的"}}},
       {"Sheet1", {{"项目名称", "预算金额（元）", "项目类型"}, {"道路", "1", "新增项目"}}}});
  Parsed p = parse(bytes, project_template());
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(p.rows.size(), 1u);
}

TEST(XlsxImport, AnUnreadableFileIsOneErrorOnRowZero) {
  Parsed p = parse("%PDF-1.7 not a workbook", project_template());
  EXPECT_EQ(describe(p.errors), (std::vector<std::string>{"0||文件不是有效的 Excel（.xlsx）文件"}));
  Limits limits;
  limits.max_rows = 2;
  std::string bytes = make_book({{"项目",
                                  {{"项目名称", "预算金额（元）", "项目类型"},
                                   {"a", "1", "新增项目"},
                                   {"b", "1", "新增项目"}}}});
  p = parse(bytes, project_template(), limits);
  EXPECT_EQ(describe(p.errors), (std::vector<std::string>{"0||行数超过上限（2 行）"}));
  EXPECT_TRUE(p.rows.empty());
  p = parse(make_book({{"项目", {}}}), project_template());
  EXPECT_EQ(p.errors.size(), 1u);
}

// ---- the error report ---------------------------------------------------------------------

TEST(XlsxImport, ErrorReportReadsBack) {
  std::vector<RowError> errors = {
      {0, "", {"文件不是有效的 Excel（.xlsx）文件", "The file is not a valid Excel (.xlsx) file"}},
      {3, "项目类型", {"“新增”不是可选的值", "\"新增\" is not an allowed value"}},
      {12, "备注", {"=HYPERLINK(\"http://x\")", ""}},  // stays text: no English, Chinese shown
  };
  std::string zh = error_report(errors, Lang::kZh);
  EXPECT_EQ(Reader::open(zh).sheet_names(), std::vector<std::string>{"导入错误"});
  EXPECT_EQ(read_all(zh, "导入错误"), (Rows{{1, {"行号", "列", "错误说明"}},
                                            {2, {"", "", "文件不是有效的 Excel（.xlsx）文件"}},
                                            {3, {"3", "项目类型", "“新增”不是可选的值"}},
                                            {4, {"12", "备注", "=HYPERLINK(\"http://x\")"}}}));
  std::string en = error_report(errors, Lang::kEn);
  EXPECT_EQ(read_all(en, "Import errors"),
            (Rows{{1, {"Row", "Column", "Error"}},
                  {2, {"", "", "The file is not a valid Excel (.xlsx) file"}},
                  {3, {"3", "项目类型", "\"新增\" is not an allowed value"}},
                  {4, {"12", "备注", "=HYPERLINK(\"http://x\")"}}}));
  EXPECT_EQ(read_all(error_report({}, Lang::kZh), "导入错误").size(), 1u);
}

// ---- run_import ---------------------------------------------------------------------------

// The module's rule for the test: the amount is a whole number of 元.
void check_amount(int64_t row, const std::map<std::string, std::string>& cells,
                  std::vector<RowError>& errors) {
  const std::string& amount = cells.at("amount");
  if (amount.find_first_not_of("0123456789") != std::string::npos || amount.empty())
    errors.push_back(
        {row, "预算金额（元）", {"金额必须是整数", "The amount must be a whole number"}});
}

TEST(XlsxImport, RunImportWritesAllRowsOnceWhenEveryRowPasses) {
  std::string bytes = make_book({{"项目",
                                  {{"项目名称", "预算金额（元）", "项目类型"},
                                   {"道路", "100", "新增项目"},
                                   {"桥梁", "200", "延续项目"},
                                   {"学校", "300", "新增项目"}}}});
  int writes = 0;
  std::vector<std::pair<int64_t, int64_t>> progress;
  ImportOutcome o = run_import(
      bytes, project_template(), check_amount,
      [&](const Parsed& p) {
        ++writes;
        EXPECT_EQ(p.rows.size(), 3u);
        EXPECT_EQ(p.rows[2].at("name"), "学校");
      },
      [&](int64_t done, int64_t total) {
        progress.emplace_back(done, total);
        return true;
      });
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(o.total, 3);
  EXPECT_EQ(o.written, 3);
  EXPECT_FALSE(o.cancelled);
  EXPECT_TRUE(o.errors.empty());
  EXPECT_EQ(progress, (std::vector<std::pair<int64_t, int64_t>>{{1, 3}, {2, 3}, {3, 3}}));
  EXPECT_EQ(boost::json::serialize(to_json(o, Lang::kZh)),
            R"({"total":3,"written":3,"cancelled":false,"error_count":0,"errors":[]})");
}

TEST(XlsxImport, RunImportWritesNothingWhenAnyRowFails) {
  std::string bytes = make_book({{"项目",
                                  {{"项目名称", "预算金额（元）", "项目类型"},
                                   {"道路", "100", "新增项目"},
                                   {"桥梁", "", "延续项目"},     // parse: required (the rule's
                                                                 // error on it is dropped)
                                   {"学校", "3.5", "新增项目"},  // the module's rule
                                   {"", "abc", "其他"}}}});      // all three
  bool written = false;
  ImportOutcome o =
      run_import(bytes, project_template(), check_amount, [&](const Parsed&) { written = true; });
  EXPECT_FALSE(written);
  EXPECT_EQ(o.total, 4);
  EXPECT_EQ(o.written, 0);
  EXPECT_EQ(describe(o.errors), (std::vector<std::string>{
                                    "3|预算金额（元）|必填项不能为空",
                                    "4|预算金额（元）|金额必须是整数",
                                    "5|项目名称|必填项不能为空",
                                    "5|项目类型|“其他”不是可选的值，应为：新增项目、延续项目",
                                    "5|预算金额（元）|金额必须是整数",
                                }));
  boost::json::object j = to_json(o, Lang::kEn, 2);
  EXPECT_EQ(j.at("error_count").as_int64(), 5);
  ASSERT_EQ(j.at("errors").as_array().size(), 2u);
  EXPECT_EQ(boost::json::serialize(j.at("errors").as_array()[1]),
            R"({"row":4,"column":"预算金额（元）","message":"The amount must be a whole number"})");

  // The report users download lists them all.
  Rows report = read_all(error_report(o.errors, Lang::kZh), "导入错误");
  ASSERT_EQ(report.size(), 6u);
  EXPECT_EQ(report[5].second, (Cells{"5", "预算金额（元）", "金额必须是整数"}));
}

TEST(XlsxImport, RunImportCancelledWritesNothing) {
  std::string bytes = make_book({{"项目",
                                  {{"项目名称", "预算金额（元）", "项目类型"},
                                   {"道路", "100", "新增项目"},
                                   {"桥梁", "200", "延续项目"}}}});
  bool written = false;
  int checked = 0;
  ImportOutcome o = run_import(
      bytes, project_template(),
      [&](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {
        ++checked;
      },
      [&](const Parsed&) { written = true; }, [](int64_t, int64_t) { return false; });
  EXPECT_TRUE(o.cancelled);
  EXPECT_FALSE(written);
  EXPECT_EQ(checked, 1);
  EXPECT_EQ(o.written, 0);

  // A header error: no row is checked, nothing written.
  bytes = make_book({{"项目", {{"名称"}, {"道路"}}}});
  checked = 0;
  o = run_import(
      bytes, project_template(),
      [&](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {
        ++checked;
      },
      [&](const Parsed&) { written = true; });
  EXPECT_EQ(checked, 0);
  EXPECT_FALSE(written);
  EXPECT_EQ(o.errors.size(), 4u);  // 名称 unknown; 项目名称, 预算金额（元）, 项目类型 missing
}

// The contract end to end, as a module runs it: a job on a real JobRunner over SQLite, checks,
// one write transaction, progress in the jobs table, the outcome as the job's result.
class XlsxImportJob : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = "/tmp/jx_xlsx_import_test_" + std::to_string(getpid()) + ".db";
    remove_files();
    db_ = db::open("sqlite://" + path_);
    db::migrate(*db_);
    db_->write([](db::Conn& tx) {
      tx.exec_script(
          "CREATE TABLE test_projects (name TEXT NOT NULL UNIQUE, amount BIGINT NOT NULL)");
    });
  }
  void TearDown() override {
    db_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((path_ + suffix).c_str());
  }

  // Submits the import of bytes and waits for the job to finish.
  jobs::JobInfo import(const std::string& bytes) {
    jobs::JobRunner runner(*db_, clock_, 1);
    Template t = project_template();
    auto write_all = [this](const Parsed& parsed) {
      db_->write([&](db::Conn& tx) {
        for (const auto& row : parsed.rows)
          tx.exec("INSERT INTO test_projects (name, amount) VALUES (?, ?)",
                  {row.at("name"), std::stoll(row.at("amount"))});
      });
    };
    int64_t id = runner.submit("test.import", 1, [&, bytes](jobs::JobContext& ctx) {
      ImportOutcome outcome =
          run_import(bytes, t, check_amount, write_all, [&](int64_t done, int64_t total) {
            ctx.progress(done, total);
            return !ctx.cancelled();
          });
      return boost::json::value(to_json(outcome, Lang::kZh));
    });
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    for (;;) {
      jobs::JobInfo j = runner.get(id);
      if (j.finished() || std::chrono::steady_clock::now() > until) return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  int64_t stored() {
    return db_->read(
        [](db::Conn& c) { return c.one("SELECT COUNT(*) FROM test_projects")->i64(0); });
  }

  std::string path_;
  SystemClock clock_;
  std::unique_ptr<db::Db> db_;
};

TEST_F(XlsxImportJob, AllRowsPassAllRowsWritten) {
  std::vector<Cells> rows = {{"项目名称", "预算金额（元）", "项目类型"}};
  for (int i = 1; i <= 500; ++i)
    rows.push_back({"项目" + std::to_string(i), std::to_string(i * 100), "新增项目"});
  jobs::JobInfo j = import(make_book({{"项目", rows}}));
  EXPECT_EQ(j.state, "succeeded") << j.error;
  EXPECT_EQ(j.progress, 500);
  EXPECT_EQ(j.total, 500);
  EXPECT_EQ(boost::json::serialize(j.result),
            R"({"total":500,"written":500,"cancelled":false,"error_count":0,"errors":[]})");
  EXPECT_EQ(stored(), 500);
}

TEST_F(XlsxImportJob, OneBadRowWritesNothing) {
  std::vector<Cells> rows = {{"项目名称", "预算金额（元）", "项目类型"}};
  for (int i = 1; i <= 500; ++i)
    rows.push_back({"项目" + std::to_string(i), i == 321 ? "12.5" : std::to_string(i), "新增项目"});
  jobs::JobInfo j = import(make_book({{"项目", rows}}));
  EXPECT_EQ(j.state, "succeeded") << j.error;  // the job ran; the import was refused
  EXPECT_EQ(j.result.at("written").as_int64(), 0);
  EXPECT_EQ(boost::json::serialize(j.result.at("errors")),
            R"([{"row":322,"column":"预算金额（元）","message":"金额必须是整数"}])");
  EXPECT_EQ(stored(), 0);
}

TEST_F(XlsxImportJob, AFailingWriteRollsBackAndFailsTheJob) {
  // Two rows with one name: the module's checks missed it, the UNIQUE constraint does not.
  jobs::JobInfo j = import(make_book({{"项目",
                                       {{"项目名称", "预算金额（元）", "项目类型"},
                                        {"道路", "1", "新增项目"},
                                        {"桥梁", "2", "新增项目"},
                                        {"道路", "3", "新增项目"}}}}));
  EXPECT_EQ(j.state, "failed");
  EXPECT_EQ(stored(), 0);
}

}  // namespace
}  // namespace jx::xlsx
