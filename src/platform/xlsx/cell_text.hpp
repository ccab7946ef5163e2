// How a value stored in a SpreadsheetML cell becomes the text Excel shows for it: pure
// functions of their arguments (no locale, no I/O), used by the reader and table-tested alone.
//
// Contract
// - Numbers follow Excel's General format as the formula bar shows it: integers below 10^15 in
//   plain digits ("42", never "42.0" or "4.2E+1"); other values with at most 15 significant
//   digits, trailing zeros trimmed, in plain notation for decimal exponents from -20 to 14 and
//   as "1.10101199001011E+17" beyond (what Excel shows for an 18-digit number typed as one).
//   Text that is not a number comes back unchanged.
// - A number format is a date, a time or both when it is one of the built-in ids 14-22, 27-36,
//   45-47, 50-58 (27-36 and 50-58 are the zh-CN 年月日 / 时分秒 formats), or a custom format
//   with y m d h s outside "quoted text", [colour/locale] sections and escaped characters
//   ([h] [mm] [ss] are elapsed time). "m" is minutes next to h or s, else month.
// - Date serials use the 1900 system (serial 1 = 1900-01-01, with Excel's fictional 1900-02-29
//   as serial 60 and 1900-01-00 as serial 0) or, when date1904, the 1904 system (serial 0 =
//   1904-01-01). Dates show as YYYY-MM-DD, date-times as YYYY-MM-DD HH:MM:SS, times as
//   HH:MM:SS (hours beyond 24 kept, as [h] shows them); the time is rounded to the second.
//   Serials Excel cannot show as dates (negative, after 9999-12-31) show as numbers.
// - Thread-safe.
#pragma once

#include <string>

namespace jx::xlsx {

enum class DateKind { kNone, kDate, kTime, kDateTime };

DateKind builtin_format_kind(int num_fmt_id);
DateKind custom_format_kind(const std::string& format_code);

std::string general_number_text(const std::string& stored);
std::string date_serial_text(const std::string& stored, DateKind kind, bool date1904);
// t="d" cells: an ISO 8601 date-time as stored ("2024-03-15T08:30:00" -> "2024-03-15 08:30:00",
// midnight -> the date alone).
std::string iso_date_text(const std::string& stored);
// OOXML writes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x).
std::string decode_escapes(const std::string& s);

}  // namespace jx::xlsx
