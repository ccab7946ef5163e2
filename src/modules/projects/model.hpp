// The projects module's types (DOMAIN.md §4; issue: project library, 事前绩效评估, 预算评审).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jx::projects {

// The five dimensions of 事前绩效评估 (DOMAIN.md §4.1) and their rating scale (§4.3).
enum class Rating { kExcellent, kGood, kFair, kPoor };  // 优 良 中 差

struct SubItem {
  std::string code;  // "necessity.purpose"
  std::string name;  // 目的明确
  int64_t points_x100 = 0;
  std::string guidance;  // what the expert checks (shown on the score sheet)
};

struct Dimension {
  std::string code;   // necessity | economy | targets | feasibility | financing
  std::string name;   // 立项必要性 …
  bool veto = false;  // 一票否决 may be raised on this dimension (筹资合规性)
  std::vector<SubItem> items;
  int64_t points_x100() const {
    int64_t s = 0;
    for (const auto& i : items) s += i.points_x100;
    return s;
  }
};

// The points a rating earns, in percent of the item's points (优 100, 良 80, 中 60, 差 30).
struct RatingScale {
  int excellent = 100, good = 80, fair = 60, poor = 30;
};

// Conclusion cut-offs on the combined score (DOMAIN.md §4.4): Preset L 80/60, Preset V 90/70.
struct Cutoffs {
  int64_t support_x100 = 8000;  // ≥: 予以支持
  int64_t adjust_x100 = 6000;   // ≥: 建议调整完善后予以支持; below: 不予支持
};

struct Scheme {
  std::vector<Dimension> dimensions;
  RatingScale scale;
  Cutoffs cutoffs;
};

enum class Conclusion { kSupport, kAdjust, kReject };  // 予以支持 / 调整完善后予以支持 / 不予支持

// One expert's sheet: a rating for every sub-item, and an optional veto with its reason.
struct ExpertSheet {
  std::map<std::string, Rating> ratings;  // by SubItem::code
  bool veto = false;
  std::string veto_dimension;  // a dimension with veto = true
  std::string veto_reason;
};

struct SheetScore {
  std::map<std::string, int64_t> dimensions_x100;  // by Dimension::code
  int64_t total_x100 = 0;
};

// 事前绩效评估 scope (DOMAIN.md §4.2; the county's rule in its settings).
struct PreassessRule {
  int64_t investment_threshold_fen = 300 * 1000000LL;  // 新增投资发展类 ≥ 300 万元
  int64_t operating_threshold_fen = 500 * 1000000LL;   // 运转类 above 500 万元 [assumption]
  bool special_bond_always = true;                     // every special-bond project
  bool continuing_policies = false;  // also projects proposed to continue past their end
};

struct PreassessInput {
  std::string category;  // personnel | operating | specific | investment
  bool is_new = true;
  bool continuing_after_expiry = false;  // an expiring project proposed to continue
  int64_t requested_total_fen = 0;       // over the implementation period
  int64_t special_bond_fen = 0;
};

// One line of 预算评审: 送审 -> 审定 with the reason for the difference.
struct ReviewLine {
  std::string item;
  int64_t submitted_fen = 0;
  int64_t approved_fen = 0;
  std::string reason;
};

struct ReviewTotals {
  int64_t submitted_fen = 0;
  int64_t approved_fen = 0;
  int64_t cut_fen = 0;        // 审减额 = 送审 − 审定 (negative: 审增)
  int64_t cut_rate_x100 = 0;  // 审减率 % with 2 decimals; 0 when nothing was submitted
};

// ---- records (docs/api-projects.md) ----

struct Amount {
  int year = 0;
  std::string source;  // funding_source reference data
  int64_t requested_fen = 0;
};

struct Attachment {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string sha256;
  std::string name;
  std::string kind = "application";  // application | basis | other
  int64_t size = 0;
  std::string content_type;
  std::string uploaded_at;
};

struct Project {
  int64_t id = 0;
  std::string code;  // "" until the first submission
  std::string name;
  int64_t org_id = 0;
  int64_t department_id = 0;
  std::string region_code;
  std::string category;
  std::string kind = "project";  // project | policy
  std::string budget_type;
  std::string func_class;
  std::string sector;
  std::vector<std::string> tags;
  bool is_new = true;
  bool continuing_after_expiry = false;
  int start_year = 0;
  int end_year = 0;
  std::string description;
  std::string basis;
  std::string contact;
  std::string phone;
  std::vector<Amount> amounts;
  int64_t requested_total_fen = 0;
  std::string state = "draft";
  std::optional<bool> preassess_required;
  std::vector<std::string> preassess_reasons;  // Chinese, as told to the unit
  std::string conclusion;                      // of the last concluded case
  std::optional<int64_t> approved_fen;         // 审定金额
  std::optional<int> library_year;
  std::string submitted_at;
  int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  std::string org_name;  // read only
};

struct ExpertRow {
  int64_t expert_id = 0;
  std::optional<int64_t> user_id;
  std::string name;  // read only
  std::string sheet_json = "{}";
  std::string dimensions_json = "{}";
  std::optional<int64_t> total_x100;
  bool veto = false;
  std::string veto_reason;
  std::string opinion;
  std::string submitted_at;
  int round = 1;
};

struct Case {
  int64_t id = 0;
  int64_t project_id = 0;
  int round = 1;
  std::string state = "assigning";  // assigning | working | returned | closed
  bool preassess_required = false;
  std::optional<int64_t> lead_user_id;
  std::optional<int64_t> third_party_org_id;
  std::string scheme_json = "null";
  int scheme_version = 0;
  std::optional<int64_t> combined_x100;
  bool veto = false;
  std::string veto_reason;
  std::string conclusion;
  std::string opinion;
  std::vector<ReviewLine> lines;
  std::optional<int64_t> submitted_fen, approved_fen, cut_fen, cut_rate_x100;
  std::string created_at;
  std::string updated_at;
  std::string concluded_at;
  int64_t version = 1;
  std::vector<int64_t> reviewer_user_ids;
  std::vector<ExpertRow> experts;
};

// Filters of the library list (GET /projects).
struct ProjectFilter {
  std::string q;
  std::string state;
  std::optional<int> year;
  std::string category;
  std::string sector;
  std::optional<int64_t> org_id;
  std::optional<int64_t> department_id;
  std::string tag;
  std::optional<bool> preassess;
  std::string conclusion;
  std::string sort = "updated";  // code | name | requested | updated
};

}  // namespace jx::projects
