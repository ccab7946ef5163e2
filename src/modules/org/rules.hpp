// Pure rules of the org module: 统一社会信用代码 (GB 32100 with the GB 11714 check of the
// 主体标识码), 预算单位编码 formats, region code levels, the tree rules and data-scope resolution.
// No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/org/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/util/error.hpp"

namespace jx::org {

// ---- 统一社会信用代码 (DOMAIN.md §9.2) ----
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

enum class UsccProblem {
  kNone,
  kLength,      // not 18 characters
  kCharacter,   // a character outside the 31-symbol alphabet (position in `position`)
  kBodyCheck,   // the 主体标识码's GB 11714 check (position 17) is wrong
  kCheckDigit,  // the GB 32100 check character (position 18) is wrong
};

struct UsccResult {
  UsccProblem problem = UsccProblem::kNone;
  int position = 0;  // 1-based position of the bad character (kCharacter, kBodyCheck, kCheckDigit)
  bool ok() const { return problem == UsccProblem::kNone; }
};

UsccResult check_uscc(std::string_view code);
// The GB 32100 check character of the first 17 characters (which must be in the alphabet).
char uscc_check_char(std::string_view first17);
// The GB 11714 check character of an 8-character 组织机构代码 body (digits and A–Z).
char org_code_check_char(std::string_view first8);
// A valid code from 登记管理部门+机构类别 (2 chars), 行政区划码 (6 digits) and an 8-character body.
std::string make_uscc(std::string_view kind2, std::string_view region6, std::string_view body8);
// The Chinese/English message for a failed check.
Msg uscc_message(const UsccResult& r);

// ---- regions ----
// The level a region code's shape says (province NN0000, city NNNN00, county NNNNNN, township
// 9 digits), or nullopt for a malformed code.
std::optional<RegionLevel> region_level(std::string_view code);
std::string level_name(RegionLevel l);
// The parent region's code ("" for a province).
std::string region_parent(std::string_view code);
// The prefix every region inside this one starts with: "37", "3715", "371525", "371525001".
std::string region_prefix(std::string_view code);
// The county a region lies in: its first six digits (a township's county, a county itself; a
// shorter code as it is). Settings and codes are kept per county.
std::string county_of(std::string_view region_code);
// Whether `inner` is `outer` or lies inside it.
bool region_within(std::string_view inner, std::string_view outer);

// ---- organizations ----
bool is_known_kind(std::string_view kind);
// 预算部门-like kinds: they are their own department_id and have a 3-digit code.
bool is_department_kind(std::string_view kind);
// Kinds that are budget units (need code, uscc and unit_type).
bool is_budget_kind(std::string_view kind);
// Whether an org of `kind` may sit under a parent of `parent_kind` ("" = no parent).
bool parent_allowed(std::string_view kind, std::string_view parent_kind);
// The 预算单位编码 rule: departments 3 digits; a unit its parent's code + 3 digits. nullopt if
// the code is fine, else the message.
std::optional<Msg> check_budget_code(std::string_view kind, std::string_view code,
                                     std::string_view parent_code);
// Moving `node_path` under `new_parent_path` would put it under itself or a descendant.
bool would_cycle(std::string_view node_path, std::string_view new_parent_path);
// Whether an org may be deactivated: not while any of its descendants is active.
bool may_deactivate(const OrgNode& node, const std::vector<OrgNode>& descendants);
// The materialized path of a node under a parent path ("" = root).
std::string child_path(std::string_view parent_path, int64_t id);

// ---- data scope ----
inline constexpr const char* kScopeKinds[] = {"own_unit", "overseen", "own_department",
                                              "region",   "all",      "assigned"};
bool is_scope_kind(std::string_view s);

// Everything scope resolution needs: the user's organization (nullopt if none), the scope kinds
// of the user's roles, the organizations that may fall into scope (at least every org of the
// user's department and of the departments its office oversees) and the 归口 pairs
// (office id, department id) of the user's office.
struct ScopeInput {
  std::optional<OrgNode> user_org;
  std::vector<std::string> scope_kinds;
  std::vector<OrgNode> orgs;
  std::vector<std::pair<int64_t, int64_t>> oversight;
};

// One grant per scope kind that resolves to something, org ids sorted and unique; `all` gives a
// kAll grant; `assigned` and unknown kinds give nothing (later modules grant per assignment).
//   own_unit        the user's org
//   own_department  every org whose department_id is the user's org's department (and it)
//   overseen        every org whose department_id is overseen by the user's office
//   region          the user's org's region and the regions below it (a region-code prefix)
std::vector<auth::ScopeGrant> resolve_scope(const ScopeInput& in);

// ---- name search ----
// The distinct pairs of consecutive characters (UTF-8 code points, ASCII lower-cased) of the
// texts: what org_name_grams holds for an organization and what a query looks up. A text of one
// character has none.
std::vector<std::string> name_grams(const std::vector<std::string>& texts);

// ---- reference data (docs/api-org.md "Reference data") ----
struct RefKind {
  std::string_view kind;
  Msg name;
  // Numeric kinds: digits, the code length of each level (类 3, 款 5, 项 7); the parent is the
  // code's prefix one level up. Empty for named kinds ([a-z][a-z0-9_]{1,31}, parent optional).
  std::vector<size_t> level_lengths;
  bool hierarchical = false;
};
const std::vector<RefKind>& ref_kinds();
const RefKind* find_ref_kind(std::string_view kind);

inline constexpr int kMinRefYear = 2000;
inline constexpr int kMaxRefYear = 2100;

// The level of `code` under `kind` (1 for a top item), or a message saying what is wrong with the
// code or with its parent_code ("" for none): a numeric code's parent must be its prefix one
// level up; a named code's parent is any named code other than itself.
struct RefCodeCheck {
  int level = 0;
  std::optional<Msg> code_error;
  std::optional<Msg> parent_error;
};
RefCodeCheck check_ref_code(const RefKind& kind, const std::string& code,
                            const std::string& parent_code);
// A name: 1 to 60 characters, no control characters.
std::optional<Msg> check_ref_name(const std::string& name);

// Budget years: planning 编制中 -> executing 执行中 -> closed 已决算, one step at a time.
inline constexpr const char* kYearStates[] = {"planning", "executing", "closed"};
bool is_year_state(std::string_view state);
Msg year_state_name(std::string_view state);
// The state that follows `state`, or "" for the last one.
std::string next_year_state(std::string_view state);

}  // namespace jx::org
