// Cell text rules as tables: which number formats are dates or times, numbers in Excel's General
// format, date serials in both date systems, ISO dates, _xHHHH_ escapes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/xlsx/cell_text.hpp"

namespace jx::xlsx {
namespace {

TEST(XlsxCellText, BuiltinFormats) {
  for (int id : {14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58})
    EXPECT_EQ(builtin_format_kind(id), DateKind::kDate) << id;
  for (int id : {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56})
    EXPECT_EQ(builtin_format_kind(id), DateKind::kTime) << id;
  EXPECT_EQ(builtin_format_kind(22), DateKind::kDateTime);
  for (int id : {0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 23, 26, 37, 44, 48, 49, 59, 164})
    EXPECT_EQ(builtin_format_kind(id), DateKind::kNone) << id;
}

TEST(XlsxCellText, CustomFormats) {
  struct Case {
    std::string code;
    DateKind kind;
  };
  std::vector<Case> cases = {
      {"yyyy-mm-dd", DateKind::kDate},
      {"yyyy/m/d", DateKind::kDate},
      {"yyyy\"年\"m\"月\"d\"日\"", DateKind::kDate},
      {"[$-804]yyyy\"年\"m\"月\"", DateKind::kDate},
      {"mmm", DateKind::kDate},  // m alone: month
      {"d-mmm-yy", DateKind::kDate},
      {"yyyy-mm-dd hh:mm:ss", DateKind::kDateTime},
      {"m/d/yyyy h:mm AM/PM", DateKind::kDateTime},
      {"hh:mm", DateKind::kTime},  // m next to h: minutes
      {"mm:ss", DateKind::kTime},
      {"[h]:mm:ss", DateKind::kTime},
      {"[mm]:ss", DateKind::kTime},
      {"h\"时\"mm\"分\"", DateKind::kTime},
      {"General", DateKind::kNone},
      {"0.00", DateKind::kNone},
      {"#,##0.00_);[Red](#,##0.00)", DateKind::kNone},  // Red: in brackets
      {"[DBNum2][$-804]General", DateKind::kNone},
      {"0.00E+00", DateKind::kNone},
      {"#,##0\"万元\"", DateKind::kNone},  // quoted text
      {"0\\d", DateKind::kNone},           // an escaped d
      {"@", DateKind::kNone},
      {"", DateKind::kNone},
      {"\"unterminated", DateKind::kNone},
  };
  for (const auto& c : cases) EXPECT_EQ(custom_format_kind(c.code), c.kind) << c.code;
}

TEST(XlsxCellText, GeneralNumbers) {
  struct Case {
    std::string stored, shown;
  };
  std::vector<Case> cases = {
      {"0", "0"},
      {"-0", "0"},
      {"42", "42"},
      {"42.0", "42"},
      {"4.2E+1", "42"},
      {"-7", "-7"},
      {"100", "100"},
      {"12.50", "12.5"},
      {"0.1", "0.1"},
      {"1234567.891", "1234567.891"},
      {"0.30000000000000004", "0.3"},
      {"3.1415926535897931", "3.14159265358979"},
      {"1.23E-5", "0.0000123"},
      {"1E-20", "0.00000000000000000001"},
      {"1E-21", "1E-21"},
      {"999999999999999", "999999999999999"},
      {"1000000000000000", "1E+15"},
      {"123456789012345.6", "123456789012346"},
      {"110101199001011234", "1.10101199001011E+17"},
      {"-1.5E+300", "-1.5E+300"},
      {"abc", "abc"},
      {"", ""},
      {"12abc", "12abc"},
      {"inf", "inf"},
  };
  for (const auto& c : cases) EXPECT_EQ(general_number_text(c.stored), c.shown) << c.stored;
}

TEST(XlsxCellText, DateSerials) {
  struct Case {
    std::string serial;
    DateKind kind;
    bool date1904;
    std::string shown;
  };
  const auto d = DateKind::kDate, t = DateKind::kTime, dt = DateKind::kDateTime;
  std::vector<Case> cases = {
      {"0", d, false, "1900-01-00"},
      {"1", d, false, "1900-01-01"},
      {"59", d, false, "1900-02-28"},
      {"60", d, false, "1900-02-29"},
      {"61", d, false, "1900-03-01"},
      {"366", d, false, "1900-12-31"},
      {"367", d, false, "1901-01-01"},
      {"36526", d, false, "2000-01-01"},
      {"45292", d, false, "2024-01-01"},
      {"45351", d, false, "2024-02-29"},
      {"2958465", d, false, "9999-12-31"},
      {"2958466", d, false, "2958466"},
      {"-1", d, false, "-1"},
      {"abc", d, false, "abc"},
      {"45292.5", d, false, "2024-01-01"},
      {"45292.5", dt, false, "2024-01-01 12:00:00"},
      {"45292.99999999", dt, false, "2024-01-02 00:00:00"},  // rounds to the next day
      {"0.75", t, false, "18:00:00"},
      {"0.000011574074074", t, false, "00:00:01"},
      {"2.5", t, false, "60:00:00"},
      {"0", d, true, "1904-01-01"},
      {"1", d, true, "1904-01-02"},
      {"43830", d, true, "2024-01-01"},
      {"43830.25", dt, true, "2024-01-01 06:00:00"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(date_serial_text(c.serial, c.kind, c.date1904), c.shown)
        << c.serial << (c.date1904 ? " (1904)" : "");
}

TEST(XlsxCellText, IsoDatesAndEscapes) {
  EXPECT_EQ(iso_date_text("2024-03-15T00:00:00"), "2024-03-15");
  EXPECT_EQ(iso_date_text("2024-03-15T08:30:00Z"), "2024-03-15 08:30:00");
  EXPECT_EQ(iso_date_text("2024-03-15"), "2024-03-15");
  EXPECT_EQ(iso_date_text("2024"), "2024");

  EXPECT_EQ(decode_escapes("plain"), "plain");
  EXPECT_EQ(decode_escapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(decode_escapes("_x005F_x000D_"), "_x000D_");  // an escaped literal
  EXPECT_EQ(decode_escapes("_x4E2D_"), "中");
  EXPECT_EQ(decode_escapes("_x00_ _xZZZZ_ _x0041"), "_x00_ _xZZZZ_ _x0041");  // not escapes
}

}  // namespace
}  // namespace jx::xlsx
