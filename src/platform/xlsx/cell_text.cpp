#include "platform/xlsx/cell_text.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jx::xlsx {

namespace {

DateKind kind_of(bool has_date, bool has_time) {
  if (has_date && has_time) return DateKind::kDateTime;
  if (has_date) return DateKind::kDate;
  if (has_time) return DateKind::kTime;
  return DateKind::kNone;
}

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string civil_text(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string clock_text(int64_t hours, int64_t seconds_in_hour) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(hours),
                static_cast<long long>(seconds_in_hour / 60),
                static_cast<long long>(seconds_in_hour % 60));
  return buf;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

// Built-in formats: 14-22 and 45-47 everywhere, 27-36 and 50-58 in the Chinese (and other CJK)
// locales, where they are the 年月日 / 时分秒 formats.
DateKind builtin_format_kind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
      id == 57 || id == 58)
    return DateKind::kDate;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56)
    return DateKind::kTime;
  if (id == 22) return DateKind::kDateTime;
  return DateKind::kNone;
}

// A custom format is a date or time when it has y m d h s outside quoted text, [...] sections
// (colours, locales; [h] [mm] [ss] count as time) and escaped characters.
DateKind custom_format_kind(const std::string& code) {
  bool y = false, m = false, d = false, h = false, s = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      size_t close = code.find('"', i + 1);
      if (close == std::string::npos) break;
      i = close;
    } else if (c == '[') {
      size_t close = code.find(']', i + 1);
      if (close == std::string::npos) break;
      std::string inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string::npos) {
        char k = static_cast<char>(std::tolower(static_cast<unsigned char>(inner[0])));
        (k == 'h' ? h : k == 'm' ? m : s) = true;
      }
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else {
      switch (std::tolower(static_cast<unsigned char>(c))) {
        case 'y':
          y = true;
          break;
        case 'm':
          m = true;
          break;
        case 'd':
          d = true;
          break;
        case 'h':
          h = true;
          break;
        case 's':
          s = true;
          break;
        default:
          break;
      }
    }
  }
  return kind_of(y || d || (m && !h && !s), h || s);
}

// Excel's General format, as the formula bar shows it (see cell_text.hpp).
std::string general_number_text(const std::string& stored) {
  double v = 0;
  auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), v);
  if (ec != std::errc() || end != stored.data() + stored.size() || !std::isfinite(v)) return stored;
  if (v == 0) return "0";
  char buf[64];
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.14e", v);  // 15 significant digits
  std::string text = buf;
  bool negative = text[0] == '-';
  if (negative) text.erase(0, 1);
  size_t e = text.find('e');
  int exponent = std::stoi(text.substr(e + 1));
  std::string digits = text.substr(0, 1) + text.substr(2, e - 2);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (exponent >= -20 && exponent <= 14) {
    int point = exponent + 1;  // digits before the decimal point
    if (point <= 0) {
      out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    } else if (static_cast<size_t>(point) >= digits.size()) {
      out = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
    } else {
      out = digits.substr(0, static_cast<size_t>(point)) + "." +
            digits.substr(static_cast<size_t>(point));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "E%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp;
  }
  return negative ? "-" + out : out;
}

// A date serial as Excel shows it; numbers Excel cannot show as dates stay numbers.
std::string date_serial_text(const std::string& stored, DateKind kind, bool date1904) {
  double v = 0;
  auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), v);
  if (ec != std::errc() || end != stored.data() + stored.size() || !std::isfinite(v) || v < 0 ||
      v >= 2958466)
    return general_number_text(stored);
  int64_t days = static_cast<int64_t>(std::floor(v));
  int64_t seconds = std::llround((v - static_cast<double>(days)) * 86400.0);
  if (seconds >= 86400) {
    ++days;
    seconds -= 86400;
  }
  if (kind == DateKind::kTime) return clock_text(days * 24 + seconds / 3600, seconds % 3600);
  std::string date;
  if (date1904) {
    date = civil_text(days_from_civil(1904, 1, 1) + days);
  } else if (days == 0) {
    date = "1900-01-00";  // what Excel shows for serial 0
  } else if (days == 60) {
    date = "1900-02-29";  // Excel's 1900 leap-year bug: a day that never was
  } else if (days < 60) {
    date = civil_text(days_from_civil(1899, 12, 31) + days);
  } else {
    date = civil_text(days_from_civil(1899, 12, 30) + days);
  }
  if (kind == DateKind::kDateTime) date += " " + clock_text(seconds / 3600, seconds % 3600);
  return date;
}

// t="d": an ISO 8601 date-time as stored.
std::string iso_date_text(const std::string& stored) {
  if (stored.size() < 10) return stored;
  std::string date = stored.substr(0, 10);
  size_t t = stored.find('T');
  if (t == std::string::npos || stored.size() < t + 9) return date;
  std::string time = stored.substr(t + 1, 8);
  return time == "00:00:00" ? date : date + " " + time;
}

// OOXML writes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x).
std::string decode_escapes(const std::string& s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && is_hex(s[i + 2]) &&
        is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5]) && s[i + 6] == '_') {
      append_utf8(out, static_cast<unsigned>(std::stoul(s.substr(i + 2, 4), nullptr, 16)));
      i += 7;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace jx::xlsx
