// Table tests of the org rules: 统一社会信用代码, region codes, budget codes, tree rules, scope.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/org/rules.hpp"
#include "platform/db/db.hpp"

namespace jx::org {
namespace {

// DOMAIN.md §9.2 test vectors.
const char* const kValid[] = {"91350100M000100Y43", "11371500004000016F", "12371500MB00000192",
                              "113715250041123414", "91371500MA3C00011K"};

TEST(OrgUscc, DomainVectorsAreValid) {
  for (const char* v : kValid) EXPECT_TRUE(check_uscc(v).ok()) << v;
}

TEST(OrgUscc, AnyOneCharacterChangeFails) {
  for (const char* v : kValid) {
    std::string code = v;
    for (size_t i = 0; i < code.size(); ++i)
      for (char c : kUsccAlphabet) {
        if (c == code[i]) continue;
        std::string bad = code;
        bad[i] = c;
        EXPECT_FALSE(check_uscc(bad).ok()) << bad;
      }
  }
}

TEST(OrgUscc, ProblemsAreNamed) {
  struct Row {
    const char* code;
    UsccProblem problem;
    int position;
  };
  const Row rows[] = {
      {"", UsccProblem::kLength, 0},
      {"91350100M000100Y4", UsccProblem::kLength, 0},
      {"91350100M000100Y433", UsccProblem::kLength, 0},
      {"91350100M000100Y4I", UsccProblem::kCharacter, 18},
      {"O1350100M000100Y43", UsccProblem::kCharacter, 1},
      {"91350100m000100Y43", UsccProblem::kCharacter, 9},
      {"91350100M000100Y44", UsccProblem::kCheckDigit, 18},
      {"11371500004000016G", UsccProblem::kCheckDigit, 18},
  };
  for (const auto& r : rows) {
    auto res = check_uscc(r.code);
    EXPECT_EQ(res.problem, r.problem) << r.code;
    EXPECT_EQ(res.position, r.position) << r.code;
  }
  auto m = uscc_message(check_uscc("91350100M000100Y44"));
  EXPECT_NE(m.zh.find("第18位校验码"), std::string::npos);
}

TEST(OrgUscc, BodyCheckIsEnforcedEvenWithAMatchingCheckDigit) {
  // Body 00400001 has GB 11714 check 6; put a 7 there and recompute the GB 32100 check.
  std::string first17 = "11371500004000017";
  std::string code = first17 + uscc_check_char(first17);
  auto r = check_uscc(code);
  EXPECT_EQ(r.problem, UsccProblem::kBodyCheck);
  EXPECT_EQ(r.position, 17);
  EXPECT_NE(uscc_message(r).zh.find("主体标识码"), std::string::npos);
}

TEST(OrgUscc, CheckCharactersOfTheVectors) {
  EXPECT_EQ(org_code_check_char("M000100Y"), '4');
  EXPECT_EQ(org_code_check_char("00400001"), '6');
  EXPECT_EQ(org_code_check_char("MB000001"), '9');
  EXPECT_EQ(uscc_check_char("91350100M000100Y4"), '3');
  EXPECT_EQ(uscc_check_char("11371500004000016"), 'F');
}

TEST(OrgUscc, GeneratorMakesValidCodes) {
  EXPECT_EQ(make_uscc("11", "371500", "00400001"), "11371500004000016F");
  EXPECT_EQ(make_uscc("12", "371500", "MB000001"), "12371500MB00000192");
  for (int i = 0; i < 2000; ++i) {
    char body[16];
    std::snprintf(body, sizeof body, "MB%06d", i * 37);
    std::string code = make_uscc("12", "371525", body);
    ASSERT_TRUE(check_uscc(code).ok()) << code;
  }
}

TEST(OrgRegion, LevelsParentsAndPrefixes) {
  struct Row {
    const char* code;
    std::optional<RegionLevel> level;
    const char* parent;
    const char* prefix;
  };
  const Row rows[] = {
      {"370000", RegionLevel::kProvince, "", "37"},
      {"371500", RegionLevel::kCity, "370000", "3715"},
      {"371525", RegionLevel::kCounty, "371500", "371525"},
      {"371525001", RegionLevel::kTownship, "371525", "371525001"},
      {"371525000", std::nullopt, "", "371525000"},
      {"37152", std::nullopt, "", "37152"},
      {"000000", std::nullopt, "", "000000"},
      {"37a525", std::nullopt, "", "37a525"},
      {"", std::nullopt, "", ""},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(region_level(r.code), r.level) << r.code;
    EXPECT_EQ(region_parent(r.code), r.parent) << r.code;
    EXPECT_EQ(region_prefix(r.code), r.prefix) << r.code;
  }
  EXPECT_TRUE(region_within("371525001", "371525"));
  EXPECT_TRUE(region_within("371525", "370000"));
  EXPECT_TRUE(region_within("371525", "371525"));
  EXPECT_FALSE(region_within("371526", "371525"));
  EXPECT_FALSE(region_within("371500", "371525"));
  EXPECT_FALSE(region_within("bad", "371525"));
}

TEST(OrgBudgetCode, FormatsPerKind) {
  struct Row {
    const char* kind;
    const char* code;
    const char* parent_code;
    bool ok;
  };
  const Row rows[] = {
      {"department", "101", "", true},       {"department", "1011", "", false},
      {"department", "10", "", false},       {"department", "1a1", "", false},
      {"finance_bureau", "117", "", true},   {"township", "301", "", true},
      {"dev_zone", "401", "", true},         {"unit", "101001", "101", true},
      {"unit", "101001001", "101001", true}, {"unit", "102001", "101", false},
      {"unit", "10100", "101", false},       {"unit", "1010011", "101", false},
      {"unit", "101001", "", false},         {"finance_office", "", "", true},
      {"finance_office", "001", "", true},   {"third_party", "x1", "", false},
  };
  for (const auto& r : rows)
    EXPECT_EQ(!check_budget_code(r.kind, r.code, r.parent_code).has_value(), r.ok)
        << r.kind << " " << r.code;
}

TEST(OrgTree, ParentKinds) {
  EXPECT_TRUE(parent_allowed("finance_office", "finance_bureau"));
  EXPECT_FALSE(parent_allowed("finance_office", "department"));
  EXPECT_TRUE(parent_allowed("unit", "department"));
  EXPECT_TRUE(parent_allowed("unit", "township"));
  EXPECT_TRUE(parent_allowed("unit", "unit"));
  EXPECT_FALSE(parent_allowed("unit", ""));
  EXPECT_FALSE(parent_allowed("unit", "third_party"));
  EXPECT_TRUE(parent_allowed("department", ""));
  EXPECT_FALSE(parent_allowed("department", "department"));
  EXPECT_TRUE(parent_allowed("third_party", ""));
}

TEST(OrgTree, NoCycleOnMove) {
  EXPECT_TRUE(would_cycle("1/5/", "1/5/"));        // under itself
  EXPECT_TRUE(would_cycle("1/5/", "1/5/12/"));     // under a child
  EXPECT_TRUE(would_cycle("1/5/", "1/5/12/40/"));  // under a grandchild
  EXPECT_FALSE(would_cycle("1/5/", "1/50/"));      // a sibling whose id starts alike
  EXPECT_FALSE(would_cycle("1/5/", "1/"));         // its own parent
  EXPECT_FALSE(would_cycle("1/5/12/", "1/5/"));    // up a level
  EXPECT_EQ(child_path("1/5/", 12), "1/5/12/");
  EXPECT_EQ(child_path("", 7), "7/");
}

TEST(OrgTree, DepartmentWithActiveUnitsCannotBeDeactivated) {
  OrgNode dept{5, std::nullopt, 5, "department", "371525", "5/", "active"};
  std::vector<OrgNode> none{dept};
  EXPECT_TRUE(may_deactivate(dept, none));
  std::vector<OrgNode> with_active{dept, {9, 5, 5, "unit", "371525", "5/9/", "active"}};
  EXPECT_FALSE(may_deactivate(dept, with_active));
  std::vector<OrgNode> with_inactive{dept,
                                     {9, 5, 5, "unit", "371525", "5/9/", "inactive"},
                                     {10, 5, 5, "unit", "371525", "5/10/", "merged"}};
  EXPECT_TRUE(may_deactivate(dept, with_inactive));
  std::vector<OrgNode> grandchild{dept,
                                  {9, 5, 5, "unit", "371525", "5/9/", "inactive"},
                                  {11, 9, 5, "unit", "371525", "5/9/11/", "active"}};
  EXPECT_FALSE(may_deactivate(dept, grandchild));
  // An active org elsewhere whose path only starts with the same digits does not count.
  std::vector<OrgNode> other{dept, {50, std::nullopt, 50, "department", "371525", "50/", "active"}};
  EXPECT_TRUE(may_deactivate(dept, other));
}

// A small county: bureau 1 with offices 2 (教科文股) and 3 (绩效股); department 10 with units 11,
// 12 (12 has sub-unit 13); department 20 with unit 21; a township 30 in 371525001 with unit 31.
std::vector<OrgNode> county() {
  return {
      {1, std::nullopt, 1, "finance_bureau", "371525", "1/", "active"},
      {2, 1, 1, "finance_office", "371525", "1/2/", "active"},
      {3, 1, 1, "finance_office", "371525", "1/3/", "active"},
      {10, std::nullopt, 10, "department", "371525", "10/", "active"},
      {11, 10, 10, "unit", "371525", "10/11/", "active"},
      {12, 10, 10, "unit", "371525", "10/12/", "active"},
      {13, 12, 10, "unit", "371525", "10/12/13/", "active"},
      {20, std::nullopt, 20, "department", "371525", "20/", "active"},
      {21, 20, 20, "unit", "371525", "20/21/", "active"},
      {30, std::nullopt, 30, "township", "371525001", "30/", "active"},
      {31, 30, 30, "unit", "371525001", "30/31/", "active"},
  };
}

OrgNode org(int64_t id) {
  for (const auto& o : county())
    if (o.id == id) return o;
  return {};
}

struct ScopeRow {
  const char* what;
  int64_t user_org;  // 0 = none
  std::vector<std::string> kinds;
  std::vector<int64_t> ids;          // union of org ids over grants
  std::vector<std::string> regions;  // union of region prefixes
  bool all;
};

TEST(OrgScope, ResolutionTable) {
  const std::vector<std::pair<int64_t, int64_t>> oversight{{2, 10}, {2, 30}, {3, 20}};
  const ScopeRow rows[] = {
      {"unit clerk sees only its unit", 12, {"own_unit"}, {12}, {}, false},
      {"department admin sees the department and all its units",
       10,
       {"own_department"},
       {10, 11, 12, 13},
       {},
       false},
      {"own_department from a unit resolves to its department",
       13,
       {"own_department"},
       {10, 11, 12, 13},
       {},
       false},
      {"business office sees its 归口 departments with units",
       2,
       {"overseen"},
       {10, 11, 12, 13, 30, 31},
       {},
       false},
      {"another office sees only its own 归口", 3, {"overseen"}, {20, 21}, {}, false},
      {"overseen from a non-office is nothing", 11, {"overseen"}, {}, {}, false},
      {"region: the county prefix", 3, {"region"}, {}, {"371525"}, false},
      {"region from a township", 31, {"region"}, {}, {"371525001"}, false},
      {"all", 11, {"all"}, {}, {}, true},
      {"assigned sees nothing by default", 11, {"assigned"}, {}, {}, false},
      {"union of two roles", 12, {"own_unit", "overseen"}, {12}, {}, false},
      {"union: office with overseen and own_unit",
       2,
       {"own_unit", "overseen"},
       {2, 10, 11, 12, 13, 30, 31},
       {},
       false},
      {"no organization: nothing but all", 0, {"own_unit", "region"}, {}, {}, false},
      {"unknown kind gives nothing", 11, {"none"}, {}, {}, false},
  };
  for (const auto& r : rows) {
    ScopeInput in;
    if (r.user_org) in.user_org = org(r.user_org);
    in.scope_kinds = r.kinds;
    in.orgs = county();
    in.oversight = oversight;
    auto grants = resolve_scope(in);
    std::vector<int64_t> ids;
    std::vector<std::string> regions;
    bool all = false;
    for (const auto& g : grants) {
      all |= g.kind == auth::ScopeKind::kAll;
      ids.insert(ids.end(), g.org_ids.begin(), g.org_ids.end());
      regions.insert(regions.end(), g.region_codes.begin(), g.region_codes.end());
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    EXPECT_EQ(ids, r.ids) << r.what;
    EXPECT_EQ(regions, r.regions) << r.what;
    EXPECT_EQ(all, r.all) << r.what;
  }
}

TEST(OrgScope, PredicateOfResolvedGrants) {
  ScopeInput in;
  in.user_org = org(10);
  in.scope_kinds = {"own_department", "region"};
  in.orgs = county();
  auth::Scope s;
  for (auto& g : resolve_scope(in)) s.add(g);
  std::vector<db::Param> params;
  std::string sql = s.predicate("o.id", "o.region_code", params);
  EXPECT_EQ(sql, "(o.id = ? OR o.id = ? OR o.id = ? OR o.id = ? OR o.region_code LIKE ?)");
  ASSERT_EQ(params.size(), 5u);
  EXPECT_EQ(std::get<std::string>(params[4].value()), "371525%");
  auth::Scope none;
  std::vector<db::Param> p2;
  EXPECT_EQ(none.predicate("o.id", "o.region_code", p2), "1=0");
}

TEST(OrgScope, KindsAreKnown) {
  for (const char* k : {"own_unit", "own_department", "overseen", "region", "all", "assigned"})
    EXPECT_TRUE(is_scope_kind(k)) << k;
  EXPECT_FALSE(is_scope_kind("none"));
  EXPECT_FALSE(is_scope_kind(""));
}

}  // namespace
}  // namespace jx::org
