// Money parsing and formatting, and the one rounding rule (half away from zero).
#include <gtest/gtest.h>

#include "platform/util/money.hpp"

namespace jx::money {
namespace {

TEST(Money, ParseYuan) {
  struct Row {
    const char* text;
    std::optional<int64_t> fen;
  };
  const Row rows[] = {
      {"0", 0},
      {"12", 1200},
      {"12.3", 1230},
      {"12.34", 1234},
      {" 1,234.56 ", 123456},
      {"1，234.5", 123450},
      {"-5.01", -501},
      {"+7", 700},
      {".5", 50},
      {"5.", 500},
      {"12.345", std::nullopt},
      {"", std::nullopt},
      {"-", std::nullopt},
      {"1e3", std::nullopt},
      {"12元", std::nullopt},
      {",12", std::nullopt},
      {"1.2.3", std::nullopt},
      {"99999999999999999999", std::nullopt},
  };
  for (const auto& r : rows) EXPECT_EQ(parse_yuan(r.text), r.fen) << r.text;
}

TEST(Money, ParseWan) {
  EXPECT_EQ(parse_wan("300"), 300000000);
  EXPECT_EQ(parse_wan("89.974"), 89974000);
  EXPECT_EQ(parse_wan("0.000001"), 1);
  EXPECT_EQ(parse_wan("0.0000001"), std::nullopt);
  EXPECT_EQ(parse_wan("133000"), 133000000000);  // 13.3 亿元
}

TEST(Money, RoundingHalfAwayFromZero) {
  EXPECT_EQ(div_round_half_up(5, 10), 1);
  EXPECT_EQ(div_round_half_up(4, 10), 0);
  EXPECT_EQ(div_round_half_up(-5, 10), -1);
  EXPECT_EQ(div_round_half_up(-4, 10), 0);
  EXPECT_EQ(div_round_half_up(15, 10), 2);
  EXPECT_EQ(div_round_half_up(25, 10), 3);
}

TEST(Money, Percent) {
  // 审减率 of the seed county: 1.9 亿 cut of 13.3 亿 submitted -> 14.29 %; exact halves go up.
  EXPECT_EQ(percent_x100(19, 133), 1429);
  EXPECT_EQ(percent_x100(1, 8), 1250);
  EXPECT_EQ(percent_x100(1, 3), 3333);
  EXPECT_EQ(percent_x100(2, 3), 6667);
  EXPECT_EQ(percent_x100(1, 80000), 0);  // 0.00125 % -> 0.00
  EXPECT_EQ(percent_x100(1, 40000), 0);  // 0.0025 % -> 0.00
  EXPECT_EQ(percent_x100(1, 20000), 1);  // 0.005 % -> 0.01 (half up)
  EXPECT_EQ(percent_x100(-1, 8), -1250);
  EXPECT_EQ(percent_x100(190000000000, 1330000000000), 1429);
}

TEST(Money, Format) {
  EXPECT_EQ(format_x100(1430), "14.30");
  EXPECT_EQ(format_x100(-5), "-0.05");
  EXPECT_EQ(format_x100(0), "0.00");
  EXPECT_EQ(format_fen_yuan(123456), "1234.56");
  EXPECT_EQ(format_fen_wan(123456789), "123.46");
  EXPECT_EQ(format_fen_wan(300000000, 0), "300");
  EXPECT_EQ(format_fen_wan(89974000, 3), "89.974");
  EXPECT_EQ(format_fen_wan(-123456789), "-123.46");
}

}  // namespace
}  // namespace jx::money
