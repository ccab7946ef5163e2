// The audit hash chain: verify() finds an edited, a deleted (middle or newest) and a reordered row.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "platform/audit/audit.hpp"
#include "platform/db/migrations.hpp"

namespace jx::audit {
namespace {

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("jx-audit-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    db_ = db::open("sqlite://" + path_.string());
    db::migrate(*db_);
    for (int i = 1; i <= 5; ++i) {
      db_->write([&](db::Conn& tx) {
        append(tx, clock_, {1, "sysadmin", "127.0.0.1", "rid" + std::to_string(i)},
               {"user.create", "user", std::to_string(i), "success", nullptr,
                boost::json::object{{"username", "u" + std::to_string(i)}}});
      });
    }
  }
  void TearDown() override {
    db_.reset();
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + ext);
  }
  std::string problems() {
    auto r = verify(*db_);
    std::string s;
    for (auto& p : r.problems) s += p + "\n";
    return s;
  }
  SystemClock clock_;
  std::filesystem::path path_;
  std::unique_ptr<db::Db> db_;
};

TEST_F(AuditChainTest, IntactChainVerifies) {
  auto r = verify(*db_);
  EXPECT_TRUE(r.ok) << problems();
  EXPECT_EQ(r.rows_checked, 5);
}

TEST_F(AuditChainTest, EditedRowIsNamed) {
  db_->write(
      [](db::Conn& tx) { tx.exec("UPDATE audit_log SET actor_name = 'mallory' WHERE id = 3"); });
  auto p = problems();
  EXPECT_NE(p.find("row 3: content does not match"), std::string::npos) << p;
}

TEST_F(AuditChainTest, DeletedMiddleRowIsFound) {
  db_->write([](db::Conn& tx) { tx.exec("DELETE FROM audit_log WHERE id = 2"); });
  auto p = problems();
  EXPECT_NE(p.find("rows 2..2 are missing"), std::string::npos) << p;
  EXPECT_NE(p.find("row 3: previous-hash link broken"), std::string::npos) << p;
}

TEST_F(AuditChainTest, DeletedNewestRowIsFound) {
  db_->write([](db::Conn& tx) { tx.exec("DELETE FROM audit_log WHERE id = 5"); });
  auto p = problems();
  EXPECT_NE(p.find("chain head is 5:"), std::string::npos) << p;
}

TEST_F(AuditChainTest, ReorderedRowsAreFound) {
  // Swap the contents (including hashes) of rows 2 and 4: both now sit at the wrong place.
  db_->write([](db::Conn& tx) {
    tx.exec("UPDATE audit_log SET id = 100 WHERE id = 2");
    tx.exec("UPDATE audit_log SET id = 2 WHERE id = 4");
    tx.exec("UPDATE audit_log SET id = 4 WHERE id = 100");
  });
  auto r = verify(*db_);
  EXPECT_FALSE(r.ok);
  auto p = problems();
  EXPECT_NE(p.find("row 2"), std::string::npos) << p;
  EXPECT_NE(p.find("row 4"), std::string::npos) << p;
}

TEST_F(AuditChainTest, AppendIsPartOfTheCallersTransaction) {
  EXPECT_THROW(db_->write([&](db::Conn& tx) {
    append(tx, clock_, {}, {"x.y", "t", "1"});
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  auto r = verify(*db_);
  EXPECT_TRUE(r.ok) << problems();
  EXPECT_EQ(r.rows_checked, 5);
}

}  // namespace
}  // namespace jx::audit
