// Money and rates (DESIGN.md §4): money is int64 分 everywhere; rates derived from money and
// scores are integers in hundredths (x100), rounded once, half away from zero. No doubles.
//
// Contract
// - parse_yuan / parse_wan read what users type or Excel shows: optional sign, digits with
//   optional thousands separators (, or ，), an optional fraction (元: ≤ 2 digits, 万元: ≤ 6),
//   surrounding spaces. Anything else, or a value beyond ±9×10^15 分, is nullopt.
// - div_round_half_up(n, d) rounds n/d to the nearest integer, halves away from zero; d > 0.
// - percent_x100(part, whole) = part/whole × 100 % with two decimals, as an integer in hundredths
//   (14.30 % -> 1430); whole must be > 0.
// - Formatting never loses a fen: format_fen_yuan(123456) = "1234.56", format_fen_wan(123456789)
//   = "123.46" (2 decimals by default, rounded half away from zero), format_x100(1430) = "14.30".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jx::money {

std::optional<int64_t> parse_yuan(std::string_view text);
std::optional<int64_t> parse_wan(std::string_view text);

int64_t div_round_half_up(__int128 n, int64_t d);
int64_t percent_x100(int64_t part, int64_t whole);

std::string format_x100(int64_t v);
std::string format_fen_yuan(int64_t fen);
std::string format_fen_wan(int64_t fen, int decimals = 2);

inline constexpr int64_t kFenPerYuan = 100;
inline constexpr int64_t kFenPerWan = 1000000;  // 1 万元 = 10,000 元 = 1,000,000 分

}  // namespace jx::money
