// The indicators store and the service functions other modules call, on SQLite: codes never
// reused and past the shipped ones, usage counts (never below 0, versions untouched), what a
// county sees, the rows in force in a year, and tree_for's fall-backs.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <random>

#include "modules/indicators/rules.hpp"
#include "modules/indicators/service.hpp"
#include "modules/indicators/store.hpp"
#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/settings.hpp"
#include "platform/util/clock.hpp"

namespace jx::indicators {
namespace {

namespace fs = std::filesystem;

class IndicatorsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("jx_ind_" + std::to_string(rd()) + ".db");
    db_ = db::open("sqlite://" + path_.string());
    db::migrate(*db_);
  }
  void TearDown() override {
    db_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path_.string() + ext);
  }
  int64_t add(db::Conn& tx, const std::string& code, const std::string& region, int from,
              std::optional<int> to = std::nullopt, const std::string& status = "active") {
    Indicator x;
    x.code = code;
    x.sector = "other";
    x.level1 = "产出指标";
    x.level2 = "数量指标";
    x.name = "测试" + code + region + std::to_string(from);
    x.unit = "个";
    x.from_year = from;
    x.to_year = to;
    x.status = status;
    x.region_code = region;
    return store::insert(tx, x, "2026-11-27T00:00:00.000Z");
  }

  fs::path path_;
  std::unique_ptr<db::Db> db_;
  SystemClock clock_;
};

TEST_F(IndicatorsStore, CodesAreNeverReusedAndPassTheShippedOnes) {
  db_->write([&](db::Conn& tx) {
    add(tx, "ZZ-0041", "", 2020);
    EXPECT_EQ(store::next_code(tx, "ZZ"), "ZZ-0042");
    EXPECT_EQ(store::next_code(tx, "ZZ"), "ZZ-0043");  // handed out, never inserted: not reused
    add(tx, "ZZ-0100", "371525", 2027);
    EXPECT_EQ(store::next_code(tx, "ZZ"), "ZZ-0101");
    add(tx, "ZZX-0500", "", 2020);  // another prefix that merely starts the same
    EXPECT_EQ(store::next_code(tx, "ZZ"), "ZZ-0102");
    EXPECT_EQ(store::next_code(tx, "QQ"), "QQ-0001");
  });
}

TEST_F(IndicatorsStore, UsageCountsNeverGoBelowZeroAndKeepTheVersion) {
  int64_t a = 0, b = 0;
  db_->write([&](db::Conn& tx) {
    a = add(tx, "ZZ-0001", "371525", 2027);
    b = add(tx, "ZZ-0002", "371525", 2027);
    add_usage(tx, {{a, 3}, {b, 1}, {999999, 5}});
    add_usage(tx, {{a, -1}, {b, -4}});
  });
  db_->read([&](db::Conn& c) {
    EXPECT_EQ(find_indicator(c, a)->usage_count, 2);
    EXPECT_EQ(find_indicator(c, b)->usage_count, 0);
    EXPECT_EQ(find_indicator(c, a)->version, 1);
    EXPECT_FALSE(find_indicator(c, 999999).has_value());
  });
}

TEST_F(IndicatorsStore, ACountySeesTheShippedLibraryAndItsOwnRowsInForce) {
  db_->write([&](db::Conn& tx) {
    add(tx, "ZZ-0001", "", 2020);              // shipped
    add(tx, "ZZ-0002", "371525", 2025, 2026);  // ours, closed after 2026
    add(tx, "ZZ-0002", "371525", 2027);        // its next version
    add(tx, "ZZ-0003", "371526", 2020);        // another county's
    add(tx, "ZZ-0004", "371525", 2024, 2026, "retired");
    add(tx, "ZZ-0005", "371525", 2027, std::nullopt, "proposed");
    add(tx, "ZZ-0006", "", 2020);  // shipped, our own version from 2027
    add(tx, "ZZ-0006", "371525", 2027);
    add(tx, "ZZ-0007", "", 2020);  // shipped, retired by us from 2027
    add(tx, "ZZ-0007", "371525", 2027, 2026, "retired");
  });
  store::Viewer us{"371525", 0, false};
  store::Viewer manager{"371525", 0, true};
  auto codes = [&](const store::Viewer& v, int year, const std::string& status) {
    IndicatorFilter f;
    f.year = year;
    f.status = status;
    f.q = "ZZ-";
    std::vector<std::string> out;
    int64_t total = 0;
    db_->read([&](db::Conn& c) {
      for (const auto& x : store::list(c, v, f, std::nullopt, &total))
        out.push_back(x.code + "@" + std::to_string(x.from_year));
    });
    EXPECT_EQ(total, static_cast<int64_t>(out.size()));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(codes(us, 2026, "active"),
            (V{"ZZ-0001@2020", "ZZ-0002@2025", "ZZ-0004@2024", "ZZ-0006@2020", "ZZ-0007@2020"}));
  EXPECT_EQ(codes(us, 2027, "active"), (V{"ZZ-0001@2020", "ZZ-0002@2027", "ZZ-0006@2027"}));
  EXPECT_EQ(codes(us, 2027, "proposed"), V{});  // not the caller's organization's
  EXPECT_EQ(codes(manager, 2027, "proposed"), V{"ZZ-0005@2027"});
  EXPECT_EQ(codes(us, 2027, "retired"), (V{"ZZ-0004@2024", "ZZ-0007@2027"}));
  // Another county keeps the shipped rows as they are.
  EXPECT_EQ(codes(store::Viewer{"371526", 0, false}, 2027, "active"),
            (V{"ZZ-0001@2020", "ZZ-0003@2020", "ZZ-0006@2020", "ZZ-0007@2020"}));
  db_->read([&](db::Conn& c) {
    EXPECT_EQ(store::versions(c, "ZZ-0002", us).size(), 2u);
    EXPECT_TRUE(store::versions(c, "ZZ-0003", us).empty());
    EXPECT_EQ(store::versions(c, "ZZ-0006", us).size(), 2u);
    EXPECT_EQ(store::versions(c, "ZZ-0006", store::Viewer{"371526", 0, false}).size(), 1u);
    EXPECT_EQ(store::county_from_years(c, "ZZ-0006", "371525"), std::vector<int>{2027});
    EXPECT_TRUE(store::county_from_years(c, "ZZ-0006", "371526").empty());
  });
}

TEST_F(IndicatorsStore, TreeForFallsBackToTheDefaultOfTheYear) {
  db_->read([&](db::Conn& c) {
    EXPECT_EQ(tree_for(c, "371525", 2027).scheme, "101");
    EXPECT_EQ(tree_for(c, "371525", 2021).scheme, "88");
  });
  Tree custom = tree_101();
  custom.scheme = "custom";
  custom.items[1].children.push_back({"覆盖指标", "quantity"});
  db_->write([&](db::Conn& tx) {
    settings::put(tx, clock_, kTreeSetting, tree_json(custom), 0, 1, "371525", 2027);
    // A malformed stored value (written around the API) never breaks the targets module.
    settings::put(tx, clock_, kTreeSetting, boost::json::object{{"items", 3}}, 0, 1, "371525",
                  2028);
  });
  db_->read([&](db::Conn& c) {
    Tree t = tree_for(c, "371525001", 2027);  // a township of the county
    EXPECT_EQ(t.scheme, "custom");
    EXPECT_EQ(t.role_of("产出指标", "覆盖指标"), "quantity");
    EXPECT_EQ(tree_for(c, "371526", 2027).scheme, "101");  // another county
    EXPECT_EQ(tree_for(c, "371525", 2028).scheme, "101");
  });
}

}  // namespace
}  // namespace jx::indicators
