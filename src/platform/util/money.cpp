#include "platform/util/money.hpp"

#include <cstdlib>

namespace jx::money {

namespace {

constexpr __int128 kLimit = static_cast<__int128>(9'000'000'000'000'000LL);

// Parses a decimal with at most `scale` fraction digits into an integer count of its last
// place: for 元 (scale 2) and 万元 (scale 6) that place is exactly 1 分.
std::optional<int64_t> parse_scaled(std::string_view s, int scale) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  __int128 whole = 0;
  int digits = 0;
  size_t i = 0;
  const std::string_view fullwidth_comma = "\xEF\xBC\x8C";  // ，
  for (; i < s.size() && s[i] != '.'; ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      whole = whole * 10 + (c - '0');
      ++digits;
      if (whole > kLimit) return std::nullopt;
    } else if (c == ',' && digits > 0) {
      continue;
    } else if (s.substr(i, 3) == fullwidth_comma && digits > 0) {
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  __int128 frac = 0;
  int frac_digits = 0;
  if (i < s.size()) {  // at '.'
    ++i;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (c < '0' || c > '9' || ++frac_digits > scale) return std::nullopt;
      frac = frac * 10 + (c - '0');
    }
    if (frac_digits == 0 && digits == 0) return std::nullopt;
  }
  if (digits == 0 && frac_digits == 0) return std::nullopt;
  for (int k = frac_digits; k < scale; ++k) frac *= 10;
  __int128 pow = 1;
  for (int k = 0; k < scale; ++k) pow *= 10;
  __int128 v = whole * pow + frac;
  if (v > kLimit) return std::nullopt;
  return static_cast<int64_t>(negative ? -v : v);
}

std::string with_decimals(__int128 v, int decimals) {
  bool neg = v < 0;
  if (neg) v = -v;
  __int128 pow = 1;
  for (int k = 0; k < decimals; ++k) pow *= 10;
  std::string whole = std::to_string(static_cast<long long>(v / pow));
  std::string out = (neg ? "-" : "") + whole;
  if (decimals > 0) {
    std::string frac = std::to_string(static_cast<long long>(v % pow));
    out += "." + std::string(static_cast<size_t>(decimals) - frac.size(), '0') + frac;
  }
  return out;
}

}  // namespace

std::optional<int64_t> parse_yuan(std::string_view text) {
  return parse_scaled(text, 2);
}

std::optional<int64_t> parse_wan(std::string_view text) {
  return parse_scaled(text, 6);
}

int64_t div_round_half_up(__int128 n, int64_t d) {
  bool neg = n < 0;
  if (neg) n = -n;
  __int128 q = (n * 2 + d) / (2 * static_cast<__int128>(d));
  return static_cast<int64_t>(neg ? -q : q);
}

int64_t percent_x100(int64_t part, int64_t whole) {
  return div_round_half_up(static_cast<__int128>(part) * 10000, whole);
}

std::string format_x100(int64_t v) {
  return with_decimals(v, 2);
}

std::string format_fen_yuan(int64_t fen) {
  return with_decimals(fen, 2);
}

std::string format_fen_wan(int64_t fen, int decimals) {
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  int64_t step = 1;
  for (int k = decimals; k < 6; ++k) step *= 10;
  return with_decimals(div_round_half_up(fen, step), decimals);
}

}  // namespace jx::money
