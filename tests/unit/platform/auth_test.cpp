// Password policy, hashing, the policy floor and the data-scope predicate.
#include <gtest/gtest.h>

#include "platform/auth/passwords.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/util/crypto.hpp"

namespace jx::auth {
namespace {

struct PasswordCase {
  const char* username;
  const char* password;
  bool ok;
  const char* why;
};

class PasswordPolicyTest : public ::testing::TestWithParam<PasswordCase> {};

TEST_P(PasswordPolicyTest, FollowsTheFloor) {
  const auto& c = GetParam();
  SecurityPolicy p;
  auto why = check_password(p, c.username, c.password);
  EXPECT_EQ(!why.has_value(), c.ok) << c.password << ": " << (why ? why->zh : "ok");
  if (why) EXPECT_NE(why->zh.find(c.why), std::string::npos) << why->zh;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PasswordPolicyTest,
    ::testing::Values(PasswordCase{"zhang", "Abc12345", true, ""},             // 8 chars, 3 classes
                      PasswordCase{"zhang", "Abc1234", false, "至少为 8"},     // 7 chars
                      PasswordCase{"zhang", "abcdefgh1", false, "至少 3 类"},  // 2 classes
                      PasswordCase{"zhang", "abcdef!!", false, "至少 3 类"},
                      PasswordCase{"zhang", "abcde1!x", true, ""},  // lower+digit+symbol
                      PasswordCase{"zhang", "xxZHANG1!", false,
                                   "用户名"},  // contains the user name, any case
                      PasswordCase{"li", "Li!23456", false, "用户名"},
                      PasswordCase{"", "Abc12345", true, ""},
                      PasswordCase{"wang", "密码Abc123", true, ""},  // CJK counts as a symbol class
                      PasswordCase{"wang", "密码密码密码A1", true, ""}));

TEST(PasswordPolicy, StricterPolicyApplies) {
  SecurityPolicy p;
  p.min_length = 12;
  p.min_classes = 4;
  EXPECT_TRUE(check_password(p, "u", "Abc12345!").has_value());
  EXPECT_FALSE(check_password(p, "u", "Abcdef12345!").has_value());
}

TEST(PasswordPolicy, FloorRejectsWeakerSettings) {
  SecurityPolicy p;
  EXPECT_TRUE(check_policy_floor(p).empty());
  p.min_length = 7;
  p.min_classes = 2;
  p.history = 4;
  p.expiry_days = 91;
  p.max_failures = 6;
  p.lockout_minutes = 14;
  p.idle_timeout_minutes = 31;
  p.absolute_timeout_hours = 13;
  auto e = check_policy_floor(p);
  ASSERT_EQ(e.size(), 8u);
  EXPECT_EQ(e[0].field, "min_length");
  EXPECT_EQ(e[7].field, "absolute_timeout_hours");
}

TEST(PasswordHash, Argon2idRoundTrip) {
  std::string h = hash_password("Abc12345!");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "Abc12345!"));
  EXPECT_FALSE(verify_password(h, "Abc12345?"));
  EXPECT_FALSE(verify_password("garbage", "Abc12345!"));
  EXPECT_NE(hash_password("Abc12345!"), h);  // salted
}

TEST(Crypto, RandomPasswordsMeetThePolicy) {
  SecurityPolicy p;
  for (int i = 0; i < 200; ++i) {
    std::string pw = crypto::random_password(14);
    EXPECT_EQ(pw.size(), 14u);
    EXPECT_FALSE(check_password(p, "someone", pw).has_value()) << pw;
  }
}

TEST(Crypto, Sha256KnownVector) {
  EXPECT_EQ(crypto::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(crypto::random_token(), crypto::random_token());
  EXPECT_EQ(crypto::random_token(32).size(), 43u);
}

TEST(Scope, PredicateIsParameterized) {
  db::Params params;
  EXPECT_EQ(Scope::all().predicate("t.org_id", "t.region", params), "1=1");
  EXPECT_EQ(Scope::none().predicate("t.org_id", "t.region", params), "1=0");
  EXPECT_TRUE(params.empty());
  Scope s;
  s.add({ScopeKind::kOwnDepartment, {7, 9}, {}});
  s.add({ScopeKind::kRegion, {}, {"371525"}});
  EXPECT_EQ(s.predicate("t.org_id", "t.region", params),
            "(t.org_id = ? OR t.org_id = ? OR t.region LIKE ?)");
  ASSERT_EQ(params.size(), 3u);
  EXPECT_EQ(std::get<int64_t>(params[0].value()), 7);
  EXPECT_EQ(std::get<std::string>(params[2].value()), "371525%");
}

}  // namespace
}  // namespace jx::auth
