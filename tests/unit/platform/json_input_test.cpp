// JsonInput: every reader names the field, optional readers ignore absent and null fields, and
// nested rows report "list.N.field" into the same errors.
#include "platform/util/json_input.hpp"

#include <gtest/gtest.h>

namespace jx {
namespace {

namespace json = boost::json;

std::vector<std::string> fields_of(const JsonInput& in) {
  try {
    in.throw_if_any();
  } catch (const ApiError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.details()) out.push_back(d.field);
    return out;
  }
  return {};
}

TEST(JsonInput, OptionalReadersSkipAbsentAndNull) {
  json::object o = json::parse(R"({"a": null, "b": "x", "c": 3, "d": true, "e": ["p", "q"]})")
                       .as_object();
  JsonInput in(o);
  EXPECT_EQ(in.opt_str("a", "甲"), std::nullopt);
  EXPECT_EQ(in.opt_str("missing", "乙"), std::nullopt);
  EXPECT_EQ(in.opt_str("b", "丙"), "x");
  EXPECT_EQ(in.opt_int64("c", "丁"), 3);
  EXPECT_EQ(in.opt_bool("d", "戊"), true);
  EXPECT_EQ(in.opt_str_list("e", "己"), (std::vector<std::string>{"p", "q"}));
  EXPECT_TRUE(in.id_list("a", "庚").empty());
  EXPECT_TRUE(in.ok());
}

TEST(JsonInput, WrongTypesAreNamedErrors) {
  json::object o = json::parse(R"({"s": 1, "i": "2", "b": "yes", "ids": [1, "x"],
                                   "m": {"k": 1, "n": null, "v": "良"}, "long": "一二三"})")
                       .as_object();
  JsonInput in(o);
  in.opt_str("s", "文本");
  in.opt_int64("i", "整数");
  in.opt_bool("b", "是否");
  EXPECT_TRUE(in.id_list("ids", "编号").empty());
  auto m = in.str_map("m", "评级");
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m.at("v"), "良");
  in.opt_str("long", "长文本", 2);
  EXPECT_EQ(fields_of(in), (std::vector<std::string>{"s", "i", "b", "ids", "m.k", "long"}));
}

TEST(JsonInput, NestedRowsReportIntoTheParent) {
  json::object o =
      json::parse(R"({"rows": [{"year": 2027, "amount": 5}, {"year": "x"}, 7]})").as_object();
  JsonInput in(o);
  auto rows = in.opt_objects("rows", "明细", 10);
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 2u);  // the 7 is not an object: an error at rows.2
  for (size_t i = 0; i < rows->size(); ++i) {
    JsonInput row = in.at(*(*rows)[i], "rows." + std::to_string(i));
    row.int64("year", "年度");
    row.int64("amount", "金额");
  }
  EXPECT_EQ(fields_of(in),
            (std::vector<std::string>{"rows.2", "rows.1.year", "rows.1.amount"}));
  JsonInput too_many(o);
  EXPECT_EQ(too_many.opt_objects("rows", "明细", 2), std::nullopt);
  EXPECT_EQ(fields_of(too_many), (std::vector<std::string>{"rows"}));
}

}  // namespace
}  // namespace jx
