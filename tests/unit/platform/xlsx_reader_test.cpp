// The xlsx reader: values written by libxlsxwriter read back as Excel shows them (strings,
// Chinese, integers, decimals, dates, booleans, cached formula values, gaps, several sheets);
// hand-made SpreadsheetML for what libxlsxwriter never writes (inline and rich strings, numbers
// as stored, the 1900 and 1904 date systems, missing references, prefixed names); and hostile
// files, all refused with a ReadError: not a zip, no workbook, too large, zip bombs, a header
// lying about its size, DOCTYPE / entities (billion laughs, external), too many rows or columns.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "platform/xlsx/reader.hpp"

namespace jx::xlsx {
namespace {

using Rows = std::vector<std::pair<int64_t, std::vector<std::string>>>;
using Cells = std::vector<std::string>;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string temp_path() {
  char path[] = "/tmp/jx-xlsx-test-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  return path;
}

// A workbook made by libxlsxwriter, as bytes.
std::string make_book(const std::function<void(lxw_workbook*)>& build) {
  std::string path = temp_path();
  lxw_workbook* wb = workbook_new(path.c_str());
  build(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  return bytes;
}

// A zip with these entries (name, content), deflated.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string path = temp_path();
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_int64_t index = zip_file_add(za, name.c_str(), src, ZIP_FL_OVERWRITE);
    EXPECT_GE(index, 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  }
  EXPECT_EQ(zip_close(za), 0);
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  return bytes;
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string workbook_xml(const std::string& workbook_pr = "") {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"") +
         kMain + "\" xmlns:r=\"" + kRel + "\">" + workbook_pr +
         "<sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}

std::string rels_xml() {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"") +
         kRel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
         "<Relationship Id=\"rId2\" Type=\"" + kRel + "/styles\" Target=\"/xl/styles.xml\"/>" +
         "<Relationship Id=\"rId3\" Type=\"" + kRel +
         "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
}

// cellXfs: 0 General, 1 builtin 14 (date), 2 custom yyyy"年"m"月"d"日", 3 builtin 22
// (date-time), 4 builtin 21 (time), 5 custom 0.00 (a number), 6 builtin 31 (zh-CN 年月日),
// 7 custom [Red]#,##0.00 (a number despite the d and e of Red), 8 custom [h]:mm (time).
std::string styles_xml() {
  return std::string("<styleSheet xmlns=\"") + kMain +
         "\"><numFmts count=\"3\"><numFmt numFmtId=\"164\" "
         "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"0.00\"/><numFmt numFmtId=\"166\" "
         "formatCode=\"[Red]#,##0.00\"/><numFmt numFmtId=\"167\" formatCode=\"[h]:mm\"/></numFmts>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
         "<cellXfs count=\"9\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
         "<xf numFmtId=\"22\"/><xf numFmtId=\"21\"/><xf numFmtId=\"165\"/><xf numFmtId=\"31\"/>"
         "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/></cellXfs></styleSheet>";
}

std::string sheet_xml(const std::string& sheet_data, const std::string& prolog = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + prolog + "<worksheet xmlns=\"" + kMain +
         "\"><sheetData>" + sheet_data + "</sheetData></worksheet>";
}

// A hand-made workbook with one sheet 数据.
std::string hand_book(const std::string& sheet, const std::string& shared = "",
                      const std::string& workbook_pr = "") {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"xl/workbook.xml", workbook_xml(workbook_pr)},
      {"xl/_rels/workbook.xml.rels", rels_xml()},
      {"xl/styles.xml", styles_xml()},
      {"xl/worksheets/sheet1.xml", sheet}};
  if (!shared.empty()) entries.emplace_back("xl/sharedStrings.xml", shared);
  return make_zip(entries);
}

Rows read_rows(const Reader& reader, const std::string& sheet) {
  Rows rows;
  reader.rows(sheet, [&](int64_t n, const Cells& cells) {
    rows.emplace_back(n, cells);
    return true;
  });
  return rows;
}

Rows read_sheet(const std::string& bytes, const std::string& sheet = "数据", Limits limits = {}) {
  return read_rows(Reader::open(bytes, limits), sheet);
}

// One cell: the values of a one-row sheet made of these cells.
Cells one_row(const std::string& cells_xml, const std::string& shared = "",
              const std::string& workbook_pr = "") {
  Rows rows =
      read_sheet(hand_book(sheet_xml("<row r=\"1\">" + cells_xml + "</row>"), shared, workbook_pr));
  EXPECT_EQ(rows.size(), 1u);
  return rows.empty() ? Cells{} : rows[0].second;
}

// The message of the ReadError that f throws ("" when it throws none).
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ReadError& e) {
    return e.message().zh;
  }
  return "";
}

std::string open_error(const std::string& bytes, Limits limits = {}) {
  return error_of([&] { read_sheet(bytes, "数据", limits); });
}

// ---- values as Excel shows them -----------------------------------------------------------

TEST(XlsxReader, ReadsWhatLibxlsxwriterWrote) {
  std::string bytes = make_book([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "项目");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* builtin = workbook_add_format(wb);
    format_set_num_format_index(builtin, 14);
    lxw_format* zh = workbook_add_format(wb);
    format_set_num_format(zh, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* stamp = workbook_add_format(wb);
    format_set_num_format(stamp, "yyyy-mm-dd hh:mm:ss");
    lxw_format* clock = workbook_add_format(wb);
    format_set_num_format(clock, "hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");

    worksheet_write_string(ws, 0, 0, "名称", nullptr);
    worksheet_write_string(ws, 0, 1, "金额", nullptr);
    worksheet_write_string(ws, 0, 2, "日期", nullptr);
    worksheet_write_string(ws, 1, 0, "城区道路改造（一期）", nullptr);
    worksheet_write_number(ws, 1, 1, 1250000, nullptr);
    lxw_datetime d{2024, 3, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &d, date);
    worksheet_write_string(ws, 2, 0, "Road A", nullptr);
    worksheet_write_number(ws, 2, 1, 1234.5, money);  // a format is not a date: 1234.5
    worksheet_write_datetime(ws, 2, 2, &d, builtin);
    worksheet_write_number(ws, 3, 1, -7, nullptr);
    worksheet_write_datetime(ws, 3, 2, &d, zh);
    worksheet_write_number(ws, 4, 1, 0.1 + 0.2, nullptr);  // 0.30000000000000004 -> 0.3
    lxw_datetime t{2024, 3, 15, 14, 30, 5};
    worksheet_write_datetime(ws, 4, 2, &t, stamp);
    worksheet_write_number(ws, 5, 1, 123456789012345, nullptr);
    worksheet_write_number(ws, 5, 2, 0.40625, clock);  // 9:45
    worksheet_write_boolean(ws, 6, 0, 1, nullptr);
    worksheet_write_boolean(ws, 6, 1, 0, nullptr);
    worksheet_write_formula_num(ws, 7, 0, "=B2*2", nullptr, 2500000);
    worksheet_write_formula_str(ws, 7, 1, "=A2&\"!\"", nullptr, "城区道路改造（一期）!");
    worksheet_write_number(ws, 8, 1, 3.14159, nullptr);
    worksheet_write_number(ws, 9, 0, 1e-5, nullptr);
    worksheet_write_number(ws, 9, 1, 1e15, nullptr);
    worksheet_write_number(ws, 9, 2, 12345678901234567890.0, nullptr);
  });
  Rows rows = read_sheet(bytes, "项目");
  Rows want = {{1, {"名称", "金额", "日期"}},
               {2, {"城区道路改造（一期）", "1250000", "2024-03-15"}},
               {3, {"Road A", "1234.5", "2024-03-15"}},
               {4, {"", "-7", "2024-03-15"}},
               {5, {"", "0.3", "2024-03-15 14:30:05"}},
               {6, {"", "123456789012345", "09:45:00"}},
               {7, {"TRUE", "FALSE"}},
               {8, {"2500000", "城区道路改造（一期）!"}},
               {9, {"", "3.14159"}},
               {10, {"0.00001", "1E+15", "1.23456789012346E+19"}}};
  EXPECT_EQ(rows, want);
}

TEST(XlsxReader, SeveralSheetsGapsAndEarlyStop) {
  std::string bytes = make_book([](lxw_workbook* wb) {
    lxw_worksheet* a = workbook_add_worksheet(wb, "第一页");
    lxw_worksheet* b = workbook_add_worksheet(wb, "Sheet 2");
    workbook_add_worksheet(wb, "空白");
    worksheet_write_string(a, 0, 0, "a", nullptr);
    worksheet_write_string(a, 0, 2, "c", nullptr);            // B1 missing
    worksheet_write_blank(a, 0, 5, workbook_add_format(wb));  // formatted only: not a value
    worksheet_write_string(a, 3, 1, "b4", nullptr);           // rows 2 and 3 missing
    worksheet_write_string(a, 4, 0, "", nullptr);             // an empty string: an empty row
    worksheet_write_number(a, 6, 3, 0, nullptr);
    for (int r = 0; r < 5; ++r) worksheet_write_number(b, r, 0, r + 1, nullptr);
  });
  Reader reader = Reader::open(bytes);
  EXPECT_EQ(reader.sheet_names(), (std::vector<std::string>{"第一页", "Sheet 2", "空白"}));
  EXPECT_TRUE(reader.has_sheet("Sheet 2"));
  EXPECT_FALSE(reader.has_sheet("Sheet2"));
  EXPECT_FALSE(reader.date1904());
  Rows want = {{1, {"a", "", "c"}}, {4, {"", "b4"}}, {7, {"", "", "", "0"}}};
  EXPECT_EQ(read_rows(reader, "第一页"), want);
  EXPECT_TRUE(read_rows(reader, "空白").empty());

  std::vector<int64_t> seen;
  reader.rows("Sheet 2", [&](int64_t n, const Cells&) {
    seen.push_back(n);
    return n < 3;
  });
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(read_rows(reader, "Sheet 2").size(), 5u);  // a Reader reads a sheet again

  EXPECT_EQ(error_of([&] { read_rows(reader, "第二页"); }), "工作表“第二页”不存在");
  try {
    read_rows(reader, "第二页");
  } catch (const ReadError& e) {
    EXPECT_EQ(e.message().en, "There is no sheet \"第二页\"");
  }
}

TEST(XlsxReader, NumbersAsExcelShowsThem) {
  struct Case {
    std::string stored, shown;
  };
  std::vector<Case> cases = {
      {"1", "1"},
      {"1.0", "1"},
      {"-0", "0"},
      {"100", "100"},
      {"12.50", "12.5"},
      {"1E+3", "1000"},
      {"0.1", "0.1"},
      {"1234567.891", "1234567.891"},
      {"1.23E-5", "0.0000123"},
      {"999999999999999", "999999999999999"},
      {"110101199001011234", "1.10101199001011E+17"},
      {"-2.5", "-2.5"},
      {"1e-25", "1E-25"},
      {"0.30000000000000004", "0.3"},
      {"3.1415926535897931", "3.14159265358979"},
      {"abc", "abc"},  // not a number: as stored
  };
  for (const auto& c : cases)
    EXPECT_EQ(one_row("<c r=\"A1\"><v>" + c.stored + "</v></c>"), Cells{c.shown}) << c.stored;
}

TEST(XlsxReader, DatesInBothSystems) {
  struct Case {
    std::string serial;
    int style;
    std::string shown;
  };
  std::vector<Case> cases = {
      {"1", 1, "1900-01-01"},
      {"59", 1, "1900-02-28"},
      {"60", 1, "1900-02-29"},  // Excel's leap-year bug
      {"61", 1, "1900-03-01"},
      {"45000", 1, "2023-03-15"},
      {"45366", 2, "2024-03-15"},
      {"45366", 6, "2024-03-15"},
      {"45366.75", 1, "2024-03-15"},  // a date format shows the date only
      {"45366.75", 3, "2024-03-15 18:00:00"},
      {"0.5", 4, "12:00:00"},
      {"1.25", 8, "30:00:00"},
      {"2958465", 1, "9999-12-31"},
      {"2958466", 1, "2958466"},  // beyond Excel's last date
      {"-1", 1, "-1"},
      {"45366", 5, "45366"},
      {"45366", 7, "45366"},
      {"45366", 0, "45366"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(
        one_row("<c r=\"A1\" s=\"" + std::to_string(c.style) + "\"><v>" + c.serial + "</v></c>"),
        Cells{c.shown})
        << c.serial << " style " << c.style;

  std::string pr = "<workbookPr date1904=\"1\"/>";
  EXPECT_EQ(one_row("<c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43904</v></c>", "", pr),
            (Cells{"1904-01-01", "2024-03-15"}));
  EXPECT_TRUE(Reader::open(hand_book(sheet_xml(""), "", pr)).date1904());
  EXPECT_EQ(one_row("<c r=\"A1\" t=\"d\"><v>2024-03-15T00:00:00</v></c>"
                    "<c r=\"B1\" t=\"d\"><v>2024-03-15T08:30:00</v></c>"),
            (Cells{"2024-03-15", "2024-03-15 08:30:00"}));
}

TEST(XlsxReader, StringsOfEveryKind) {
  std::string shared =
      std::string("<sst xmlns=\"") + kMain +
      "\" count=\"4\" uniqueCount=\"4\">"
      "<si><t>预算单位</t></si>"
      "<si><r><rPr><b/></rPr><t>绩效</t></r><r><t xml:space=\"preserve\"> 目标</t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
      "<si><t>a_x000D_b_x005F_x0041_</t></si>"
      "</sst>";
  Cells cells = one_row(
      "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" "
      "t=\"s\"><v>2</v></c>"
      "<c r=\"D1\" t=\"s\"><v>3</v></c>"
      "<c r=\"E1\" t=\"inlineStr\"><is><t>内联 &amp; &lt;文本&gt;</t></is></c>"
      "<c r=\"F1\" t=\"inlineStr\"><is><r><t>富</t></r><r><t>文本</t></r></is></c>"
      "<c r=\"G1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"H1\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"I1\" t=\"str\"><f>A1&amp;\"x\"</f><v>预算单位x</v></c>"
      "<c r=\"J1\" t=\"b\"><v>1</v></c>"
      "<c r=\"K1\"><f>SUM(1,2)</f></c>"  // a formula without a cached value: empty
      "<c r=\"L1\"><f>SUM(1,2)</f><v>3</v></c>",
      shared);
  EXPECT_EQ(cells, (Cells{"预算单位", "绩效 目标", "東京", "a\rb_x0041_", "内联 & <文本>", "富文本",
                          "#DIV/0!", "#N/A", "预算单位x", "TRUE", "", "3"}));
}

TEST(XlsxReader, PositionalCellsPrefixesAndOddReferences) {
  std::string sheet =
      std::string("<x:worksheet xmlns:x=\"") + kMain +
      "\"><x:sheetData>"
      "<x:row><x:c t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>"
      "<x:row><x:c r=\"C2\"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>"
      "<x:row r=\"5\"><x:c r=\"b5\"><x:v>5</x:v></x:c></x:row>"
      "<x:row><x:c r=\"!!\"><x:v>6</x:v></x:c></x:row>"
      "</x:sheetData></x:worksheet>";
  Rows want = {{1, {"a", "2"}}, {2, {"", "", "3", "4"}}, {5, {"", "5"}}, {6, {"6"}}};
  EXPECT_EQ(read_sheet(hand_book(sheet)), want);

  EXPECT_EQ(column_index("A"), 0);
  EXPECT_EQ(column_index("Z"), 25);
  EXPECT_EQ(column_index("AA"), 26);
  EXPECT_EQ(column_index("XFD"), 16383);
  EXPECT_EQ(column_index("XFE"), -1);
  EXPECT_EQ(column_index("ABCD"), -1);
  EXPECT_EQ(column_index(""), -1);
  EXPECT_EQ(column_letters(0), "A");
  EXPECT_EQ(column_letters(27), "AB");
  EXPECT_EQ(column_letters(16383), "XFD");
}

TEST(XlsxReader, FormattingOnlyCellsAndRowsDoNotCountTowardsLimits) {
  // Styled empty cells far right and an empty row at Excel's last row, as real files have.
  std::string sheet = sheet_xml(
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\" s=\"1\"/></row>"
      "<row r=\"1048576\"><c r=\"A1048576\" s=\"1\"/></row>");
  EXPECT_EQ(read_sheet(hand_book(sheet)), (Rows{{1, {"1"}}}));
}

TEST(XlsxReader, ACallbackExceptionPropagatesUnchanged) {
  std::string bytes =
      hand_book(sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                          "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"));
  Reader reader = Reader::open(bytes);
  int calls = 0;
  EXPECT_THROW(reader.rows("数据",
                           [&](int64_t, const Cells&) -> bool {
                             ++calls;
                             throw std::logic_error("the module's own failure");
                           }),
               std::logic_error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(read_rows(reader, "数据").size(), 2u);  // and the Reader is still usable
}

// ---- hostile and broken files ---------------------------------------------------------------

const std::string kNotXlsx = "文件不是有效的 Excel（.xlsx）文件";
const std::string kBomb = "解压后内容过大，疑似压缩炸弹";
const std::string kEntity = "文件包含不允许的 XML 实体";

TEST(XlsxReader, RefusesWhatIsNotAnXlsx) {
  std::mt19937 rng(7);
  std::string random(4096, '\0');
  for (auto& c : random) c = static_cast<char>(rng());
  EXPECT_EQ(open_error(random), kNotXlsx);
  EXPECT_EQ(open_error(""), kNotXlsx);
  EXPECT_EQ(open_error("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n"), kNotXlsx);
  EXPECT_EQ(open_error("PK\x03\x04" + random), kNotXlsx);  // a zip header, then garbage
  std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + random;
  EXPECT_EQ(open_error(ole),
            "文件是旧版 Excel（.xls）格式或设置了打开密码，请在 Excel 中另存为不设密码的 .xlsx "
            "文件后再导入");
  EXPECT_EQ(open_error(make_zip({{"word/document.xml", "<w:document/>"}})), kNotXlsx);
  EXPECT_EQ(open_error(make_zip({{"xl/workbook.xml", workbook_xml()}})), kNotXlsx);  // no rels
  Limits few;
  few.max_entries = 3;
  EXPECT_EQ(open_error(hand_book(sheet_xml(""), "<sst/>"), few),
            "文件结构异常：压缩包内的文件过多");

  // A workbook whose sheet is missing, or whose XML is broken.
  EXPECT_EQ(open_error(make_zip(
                {{"xl/workbook.xml", workbook_xml()}, {"xl/_rels/workbook.xml.rels", rels_xml()}})),
            "文件内容已损坏，无法读取（xl/worksheets/sheet1.xml：missing）");
  std::string broken = open_error(hand_book("<worksheet><sheetData><row></sheetData>"));
  EXPECT_EQ(broken.rfind("文件内容已损坏，无法读取（xl/worksheets/sheet1.xml：line 1: ", 0), 0u)
      << broken;
  EXPECT_EQ(open_error(hand_book(sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c></row>"))),
            "文件内容已损坏，无法读取（sharedStrings：index 9）");
}

TEST(XlsxReader, RefusesAnEncryptedZip) {
  std::string path = temp_path();
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(za, nullptr);
  std::vector<std::pair<std::string, std::string>> entries = {
      {"xl/workbook.xml", workbook_xml()}, {"xl/_rels/workbook.xml.rels", rels_xml()}};
  for (const auto& [name, content] : entries) {
    zip_int64_t i =
        zip_file_add(za, name.c_str(), zip_source_buffer(za, content.data(), content.size(), 0), 0);
    if (zip_file_set_encryption(za, static_cast<zip_uint64_t>(i), ZIP_EM_AES_256, "secret") != 0) {
      zip_discard(za);
      std::remove(path.c_str());
      GTEST_SKIP() << "this libzip cannot write AES";
    }
  }
  ASSERT_EQ(zip_close(za), 0);
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  EXPECT_EQ(error_of([&] { Reader::open(bytes); }), "文件已加密，无法读取");
}

TEST(XlsxReader, RefusesFilesOverTenMegabytes) {
  std::string junk(10 * 1024 * 1024 + 1, 'x');
  junk.replace(0, 4, "PK\x03\x04");
  EXPECT_EQ(open_error(junk), "文件过大（上限 10 MB）");
  Limits small;
  small.max_file_bytes = 1 << 20;
  EXPECT_EQ(open_error(std::string((1 << 20) + 1, 'x'), small), "文件过大（上限 1 MB）");
}

TEST(XlsxReader, RefusesZipBombs) {
  // 60 MB of zeros compress to ~60 KB: refused on the declared size, before inflating.
  std::string zeros(60 * 1024 * 1024, '\0');
  std::string bomb = make_zip({{"xl/workbook.xml", workbook_xml()},
                               {"xl/_rels/workbook.xml.rels", rels_xml()},
                               {"xl/worksheets/sheet1.xml", zeros}});
  EXPECT_LT(bomb.size(), 200u * 1024);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(open_error(bomb), kBomb);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  zeros.clear();
  zeros.shrink_to_fit();

  // Under the per-entry limit but compressed more than 100 times: refused on the ratio.
  std::string padded = sheet_xml("") + std::string(3 * 1024 * 1024, ' ');
  EXPECT_EQ(open_error(hand_book(padded)), kBomb);
  Limits lenient;
  lenient.max_ratio = 1000000;
  EXPECT_EQ(open_error(hand_book(padded), lenient), "");

  // Entries each within the limits whose sum is not.
  Limits tight;
  tight.max_ratio = 1000000;
  tight.max_entry_uncompressed = 2 << 20;
  tight.max_total_uncompressed = 3 << 20;
  std::string half(1536 * 1024, ' ');
  EXPECT_EQ(open_error(make_zip({{"xl/workbook.xml", workbook_xml()},
                                 {"xl/_rels/workbook.xml.rels", rels_xml()},
                                 {"xl/worksheets/sheet1.xml", sheet_xml("") + half},
                                 {"xl/media/a.bin", half},
                                 {"xl/media/b.bin", half}}),
                       tight),
            kBomb);
}

// Rewrites the uncompressed size of entry `name` in its local header and in the central
// directory, as a hostile tool would, to lie about how much it inflates to.
std::string lie_about_size(std::string zip, const std::string& name, uint32_t size) {
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  int patched = 0;
  for (size_t pos = 0; pos + 46 < zip.size(); ++pos) {
    if (zip.compare(pos, 4, "PK\x03\x04", 4) == 0 &&
        zip.compare(pos + 30, name.size(), name) == 0) {
      put32(pos + 22, size);
      ++patched;
    } else if (zip.compare(pos, 4, "PK\x01\x02", 4) == 0 &&
               zip.compare(pos + 46, name.size(), name) == 0) {
      put32(pos + 24, size);
      ++patched;
    }
  }
  EXPECT_EQ(patched, 2);
  return zip;
}

TEST(XlsxReader, RefusesAnEntryThatLiesAboutItsSize) {
  std::string rows;
  for (int r = 1; r <= 20000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
            std::to_string(r * 7) + "</v></c></row>";
  std::string honest = hand_book(sheet_xml(rows));
  EXPECT_EQ(read_sheet(honest).size(), 20000u);
  std::string lying = lie_about_size(honest, "xl/worksheets/sheet1.xml", 1000);
  EXPECT_EQ(open_error(lying),
            "文件结构异常：压缩包内“xl/worksheets/sheet1.xml”的实际大小与声明不符");

  // The same lie on a 60 MB entry of zeros: reading stops just past the 1000 declared bytes.
  std::string zeros(60 * 1024 * 1024, '\0');
  std::string bomb = lie_about_size(make_zip({{"xl/workbook.xml", workbook_xml()},
                                              {"xl/_rels/workbook.xml.rels", rels_xml()},
                                              {"xl/worksheets/sheet1.xml", zeros}}),
                                    "xl/worksheets/sheet1.xml", 1000);
  std::string error = open_error(bomb);
  EXPECT_FALSE(error.empty());
  EXPECT_NE(error, kBomb);  // not caught by the headers: caught while inflating
}

TEST(XlsxReader, RefusesDoctypesAndEntities) {
  std::string laughs =
      "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
      "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
      "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
      "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
      "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
      "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\n";
  std::string cell = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>";
  EXPECT_EQ(open_error(hand_book(sheet_xml(cell, laughs))), kEntity);

  std::string external = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
  std::string leak = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>";
  EXPECT_EQ(open_error(hand_book(sheet_xml(leak, external))), kEntity);
  EXPECT_EQ(open_error(hand_book(sheet_xml("", "<!DOCTYPE worksheet>\n"))), kEntity);

  // In the workbook and the shared strings too: refused when the file is opened.
  std::string wb = workbook_xml();
  wb.insert(wb.find("<workbook"), external);
  std::string bytes = make_zip({{"xl/workbook.xml", wb},
                                {"xl/_rels/workbook.xml.rels", rels_xml()},
                                {"xl/worksheets/sheet1.xml", sheet_xml("")}});
  EXPECT_EQ(error_of([&] { Reader::open(bytes); }), kEntity);
  std::string sst = laughs + "<sst xmlns=\"" + kMain + "\"><si><t>&lol9;</t></si></sst>";
  EXPECT_EQ(error_of([&] { Reader::open(hand_book(sheet_xml(""), sst)); }), kEntity);
}

TEST(XlsxReader, RefusesTooManyRowsColumnsOrCharacters) {
  Limits limits;
  limits.max_rows = 100;
  std::string rows;
  for (int r = 1; r <= 101; ++r) rows += "<row><c><v>" + std::to_string(r) + "</v></c></row>";
  EXPECT_EQ(open_error(hand_book(sheet_xml(rows)), limits), "行数超过上限（100 行）");
  // Rows are delivered until the limit is met: a caller collects first, then acts.
  int64_t delivered = 0;
  EXPECT_THROW(Reader::open(hand_book(sheet_xml(rows)), limits)
                   .rows("数据",
                         [&](int64_t, const Cells&) {
                           ++delivered;
                           return true;
                         }),
               ReadError);
  EXPECT_EQ(delivered, 100);
  // Default limit: 200,000 rows, by row number too.
  EXPECT_EQ(
      read_sheet(hand_book(sheet_xml("<row r=\"200000\"><c r=\"A200000\"><v>1</v></c></row>")))
          .size(),
      1u);
  EXPECT_EQ(
      open_error(hand_book(sheet_xml("<row r=\"200001\"><c r=\"A200001\"><v>1</v></c></row>"))),
      "行数超过上限（200000 行）");

  EXPECT_EQ(read_sheet(hand_book(sheet_xml("<row r=\"1\"><c r=\"GR1\"><v>1</v></c></row>")))[0]
                .second.size(),
            200u);
  EXPECT_EQ(open_error(hand_book(sheet_xml("<row r=\"1\"><c r=\"GS1\"><v>1</v></c></row>"))),
            "列数超过上限（200 列）");

  std::string ok(32767, 'x');
  std::string too_long = "一" + std::string(32767, 'x');
  EXPECT_EQ(one_row("<c r=\"A1\" t=\"inlineStr\"><is><t>" + ok + "</t></is></c>")[0].size(),
            32767u);
  EXPECT_EQ(open_error(hand_book(sheet_xml("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>" +
                                           too_long + "</t></is></c></row>"))),
            "单元格 B3 的内容超过 32767 个字符");
  // Huge text stops early, long before the whole cell is held.
  std::mt19937 rng(3);
  std::string huge(1 << 20, 'y');
  for (auto& c : huge) c = static_cast<char>('a' + rng() % 26);  // random: not a bomb
  EXPECT_EQ(open_error(hand_book(sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
                                           huge + "</t></is></c></row>"))),
            "单元格 A1 的内容超过 32767 个字符");
}

TEST(XlsxReader, ABigOrdinaryWorkbookIsNotMistakenForABomb) {
  // 100,000 rows of repetitive data compress well, but not like a bomb.
  std::string bytes = make_book([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "数据");
    for (int r = 0; r < 100000; ++r) {
      worksheet_write_string(ws, r, 0, "县财政局", nullptr);
      worksheet_write_number(ws, r, 1, 100, nullptr);
      worksheet_write_number(ws, r, 2, r, nullptr);
      worksheet_write_string(ws, r, 3, "是", nullptr);
    }
  });
  int64_t rows = 0;
  Reader::open(bytes).rows("数据", [&](int64_t n, const Cells& cells) {
    ++rows;
    EXPECT_EQ(cells.size(), 4u);
    return true;
  });
  EXPECT_EQ(rows, 100000);
}

}  // namespace
}  // namespace jx::xlsx
