// UTC timestamps and Shanghai business dates with std::chrono calendar arithmetic: no locale,
// no TZ database, no shared state, so every function is thread-safe.
#include "platform/util/clock.hpp"

#include <cstdio>

namespace jx {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::milliseconds;

// Asia/Shanghai has been UTC+8 without daylight saving since 1991.
constexpr std::chrono::hours kShanghaiOffset{8};

std::string format_date(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

// Reads exactly n decimal digits at s[pos]; false if any is not a digit.
bool digits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string format_utc(TimePoint t) {
  // floor (not truncation) so instants before 1970 still land on the right day and second.
  auto ms = floor<milliseconds>(t);
  auto day = floor<days>(ms);
  int64_t in_day = (ms - day).count();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", format_date(day).c_str(),
                static_cast<int>(in_day / 3600000), static_cast<int>(in_day / 60000 % 60),
                static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
  return buf;
}

bool parse_utc(const std::string& s, TimePoint* out) {
  // YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, &y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, &mo) ||
      s[7] != '-' || !digits(s, 8, 2, &d) || s[10] != 'T' || !digits(s, 11, 2, &h) ||
      s[13] != ':' || !digits(s, 14, 2, &mi) || s[16] != ':' || !digits(s, 17, 2, &sec)) {
    return false;
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;

  size_t pos = 19;
  int64_t nanos = 0;
  if (s[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 9) {
      nanos = nanos * 10 + (s[pos] - '0');
      ++pos;
    }
    size_t n = pos - start;
    if (n == 0) return false;
    for (size_t i = n; i < 9; ++i) nanos *= 10;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return false;

  auto tp = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
            std::chrono::seconds{sec} + std::chrono::nanoseconds{nanos};
  *out = std::chrono::time_point_cast<TimePoint::duration>(tp);
  return true;
}

std::string shanghai_date(TimePoint t) {
  return format_date(floor<days>(t + kShanghaiOffset));
}

}  // namespace jx
