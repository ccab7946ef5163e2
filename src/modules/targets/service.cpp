#include "modules/targets/service.hpp"

#include <algorithm>
#include <set>

#include "modules/indicators/service.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/settings.hpp"
#include "platform/util/crypto.hpp"
#include "platform/util/json_input.hpp"
#include "platform/util/money.hpp"
#include "platform/util/text.hpp"

namespace jx::targets {

namespace json = boost::json;

namespace {

std::string now_of(const Clock& clock) {
  return format_utc(clock.now());
}

json::value opt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

Msg state_name(const std::string& s) {
  for (const auto& [code, m] : revision_states())
    if (code == s) return m;
  return {s, s};
}

std::string new_key() {
  return crypto::random_token(8);
}

// The principal a workflow step runs as: the service has already checked scope.
auth::Principal step_principal(const Caller& who) {
  auth::Principal p = who.principal;
  p.scope = auth::Scope::all();
  return p;
}

void step(const Env& e, int64_t revision_id, const std::string& action,
          const std::string& comment) {
  workflow::transition(e.tx, e.workflows, kDocType, std::to_string(revision_id), action, comment,
                       step_principal(e.who), e.who.actor, e.clock);
}

void audit_set(const Env& e, const char* action, int64_t id, json::value before,
               json::value after) {
  audit::append(
      e.tx, e.clock, e.who.actor,
      {action, "target_set", std::to_string(id), "success", std::move(before), std::move(after)});
}

TargetSet must_see(db::Conn& c, const Caller& who, int64_t set_id) {
  auto s = store::find_set_scoped(c, set_id, who.scope);
  if (!s) throw ApiError::not_found({"绩效目标不存在或无权访问", "Target set not found"});
  return *s;
}

// A revision and its set, within the caller's scope.
std::pair<TargetSet, Revision> must_see_revision(db::Conn& c, const Caller& who,
                                                 int64_t revision_id, bool content) {
  auto r = store::find_revision(c, revision_id, content);
  if (!r) throw ApiError::not_found({"绩效目标不存在或无权访问", "Target revision not found"});
  return {must_see(c, who, r->set_id), *r};
}

void must_edit(const Caller& who) {
  if (!who.principal.can("targets.edit"))
    throw ApiError::forbidden({"只有填报单位可以修改绩效目标", "Only the unit may edit targets"});
}

bool editable(const std::string& state) {
  return state == "draft" || state == "returned";
}

// ---- the tree and the context of the check ----

RoleMap roles_of(const indicators::Tree& t) {
  RoleMap m;
  for (const auto& l1 : t.items)
    for (const auto& l2 : l1.children) m[{l1.name, l2.name}] = {l1.role, l2.role};
  return m;
}

struct Context {
  RoleMap roles;
  std::string scheme;
  CheckRules rules;
  bool multi_year = false;
  int start_year = 0, end_year = 0;
  std::string sector;
};

Context context_of(db::Conn& c, const TargetSet& s) {
  Context x;
  auto tree = indicators::tree_for(c, s.region_code, s.year);
  x.roles = roles_of(tree);
  x.scheme = tree.scheme;
  x.rules = check_rules(c, s.region_code, s.year);
  if (s.project_id) {
    if (auto p = projects::find_project(c, *s.project_id)) {
      x.start_year = p->start_year;
      x.end_year = p->end_year;
      x.multi_year = x.end_year > x.start_year;
      x.sector = p->sector;
    }
  }
  return x;
}

// Fills what the check reads besides the draft: the library indicators' own 二级, last year's
// actuals and the linked projects' amounts.
std::vector<int64_t> library_ids(const std::vector<Leaf>& leaves) {
  std::vector<int64_t> ids;
  for (const auto& l : leaves)
    if (l.library_id) ids.push_back(*l.library_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void enrich(db::Conn& c, const TargetSet& s, std::vector<Leaf>& leaves, std::vector<Task>& tasks) {
  auto library = indicators::find_indicators(c, library_ids(leaves));
  for (auto& l : leaves) {
    auto it = l.library_id ? library.find(*l.library_id) : library.end();
    l.library_level2 = it == library.end() ? "" : it->second.level2;
  }
  auto actuals = store::actuals_of(c, s.org_id, s.year - 1);
  for (auto& l : leaves) {
    l.last_actual.reset();
    if (s.project_id)
      if (auto it = actuals.by_project_name.find({*s.project_id, l.name});
          it != actuals.by_project_name.end())
        l.last_actual = it->second;
    if (!l.last_actual && l.library_id)
      if (auto it = actuals.by_library.find(*l.library_id); it != actuals.by_library.end())
        l.last_actual = it->second;
  }
  std::vector<int64_t> ids;
  for (const auto& t : tasks) ids.insert(ids.end(), t.project_ids.begin(), t.project_ids.end());
  auto amounts = store::project_amounts(c, ids, s.year);
  for (auto& t : tasks) {
    t.linked_fen = 0;
    for (auto id : t.project_ids) t.linked_fen += amounts[id];
  }
}

// The check of a revision's content; fills in place what the check reads besides the draft
// (enrich), which the answers show too (last year's actual of each leaf).
std::vector<Issue> check_revision(db::Conn& c, const TargetSet& s, const Context& x, Revision& r) {
  enrich(c, s, r.leaves, r.tasks);
  Draft d;
  d.kind = s.kind;
  d.multi_year = x.multi_year;
  d.serves_public = r.serves_public;
  d.period_goal = r.period_goal;
  d.year_goal = r.year_goal;
  d.leaves = r.leaves;
  d.tasks = r.tasks;
  return check(d, x.roles, x.rules);
}

// The fields a draft body names, over the revision's own.
void apply_draft(const DraftInput& in, Revision& r) {
  if (in.period_goal) r.period_goal = *in.period_goal;
  if (in.year_goal) r.year_goal = *in.year_goal;
  if (in.serves_public) r.serves_public = *in.serves_public;
  if (in.leaves) r.leaves = *in.leaves;
  if (in.tasks) r.tasks = *in.tasks;
}

json::object issues_json(const std::vector<Issue>& issues, Lang lang) {
  json::array a;
  for (const auto& i : issues)
    a.push_back(json::object{
        {"rule", i.rule},
        {"severity", severity_code(i.severity)},
        {"message", pick(i.message, lang)},
        {"leaf_key", i.leaf_key.empty() ? json::value(nullptr) : json::value(i.leaf_key)},
        {"field", i.field}});
  return {{"issues", a},
          {"errors", count_of(issues, Severity::kError)},
          {"warnings", count_of(issues, Severity::kWarning)}};
}

json::value weight_json(const std::optional<int64_t>& w) {
  return w ? json::value(static_cast<double>(*w) / 100.0) : json::value(nullptr);
}

json::object leaf_json(const Leaf& l) {
  return {{"id", l.id},
          {"key", l.key},
          {"level1", l.level1},
          {"level2", l.level2},
          {"name", l.name},
          {"nature", l.nature},
          {"value", l.value},
          {"period_value", l.period_value},
          {"unit", l.unit},
          {"weight", weight_json(l.weight_x100)},
          {"basis", l.basis},
          {"explanation", l.explanation},
          {"is_core", l.is_core},
          {"library_id", opt(l.library_id)},
          {"last_actual", opt(l.last_actual)},
          {"actual", opt(l.actual)},
          {"review_comment", l.review_comment}};
}

json::object task_json(const Task& t) {
  json::array ids;
  for (auto id : t.project_ids) ids.emplace_back(id);
  return {{"key", t.key},
          {"name", t.name},
          {"content", t.content},
          {"total_fen", t.total_fen},
          {"fiscal_fen", t.fiscal_fen},
          {"other_fen", t.other_fen},
          {"project_ids", ids},
          {"linked_fen", t.linked_fen}};
}

json::object review_json(const Review& r) {
  json::object comments;
  for (const auto& [k, v] : r.indicator_comments) comments[k] = v;
  return {{"grade", r.grade},
          {"comment", r.comment},
          {"indicator_comments", comments},
          {"reviewer_id", r.reviewer_id},
          {"reviewer_name", r.reviewer_name},
          {"at", r.at}};
}

json::object revision_head_json(const Revision& r, Lang lang) {
  return {{"id", r.id},
          {"set_id", r.set_id},
          {"revision", r.revision},
          {"state", r.state},
          {"state_name", pick(state_name(r.state), lang)},
          {"grade", opt(r.grade)},
          {"change_reason", r.change_reason},
          {"errors", r.errors},
          {"warnings", r.warnings},
          {"submitted_at", opt(r.submitted_at)},
          {"approved_at", opt(r.approved_at)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version}};
}

json::object set_json(const TargetSet& s, Lang lang) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"project_id", opt(s.project_id)},
          {"project_code", s.project_code},
          {"project_name", s.project_name},
          {"org_id", s.org_id},
          {"org_name", s.org_name},
          {"department_id", s.department_id},
          {"department_name", s.department_name},
          {"region_code", s.region_code},
          {"year", s.year},
          {"published", s.published},
          {"current_revision_id", opt(s.current_revision_id)},
          {"approved_revision_id", opt(s.approved_revision_id)},
          {"state", s.state},
          {"state_name", pick(state_name(s.state), lang)},
          {"grade", opt(s.grade)},
          {"errors", s.errors},
          {"warnings", s.warnings},
          {"title", s.kind == "project" ? s.project_name : s.org_name + "部门整体"},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at},
          {"version", s.version}};
}

std::string title_of(const TargetSet& s, int revision) {
  std::string t = std::to_string(s.year) + "年 " +
                  (s.kind == "project" ? s.project_name : s.org_name + " 部门整体") + " 绩效目标";
  if (revision > 1) t += "（第" + std::to_string(revision) + "版调整）";
  return t;
}

void start_workflow(const Env& e, const TargetSet& s, const Revision& r) {
  workflow::start(
      e.tx, e.workflows,
      {kDocType, std::to_string(r.id), title_of(s, r.revision), s.org_id, s.region_code},
      e.who.actor, e.clock);
}

// Usage counts of the library follow the approved revisions.
void count_usage(db::Conn& tx, const std::vector<Leaf>& leaves, int delta) {
  std::map<int64_t, int> d;
  for (const auto& l : leaves)
    if (l.library_id) d[*l.library_id] += delta;
  if (!d.empty()) indicators::add_usage(tx, d);
}

std::string setting_key(const std::string& key) {
  if (key == "check_rules") return "targets.check_rules";
  if (key == "review_outcomes") return "targets.review_outcomes";
  throw ApiError::not_found({"没有这个设置项", "No such setting"});
}

json::value rules_value(const CheckRules& r) {
  auto sev = [](const std::map<std::string, Severity>& m) {
    json::object o;
    for (const auto& [k, v] : m) o[k] = severity_code(v);
    return o;
  };
  auto list = [](const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  return json::object{{"project", sev(r.project)},
                      {"department", sev(r.department)},
                      {"leaf_min", r.leaf_min},
                      {"leaf_max", r.leaf_max},
                      {"department_leaf_max", r.department_leaf_max},
                      {"weight_total", static_cast<double>(r.weight_total_x100) / 100.0},
                      {"input_patterns", list(r.input_patterns)},
                      {"process_patterns", list(r.process_patterns)},
                      {"growth_patterns", list(r.growth_patterns)}};
}

// Reads a stored or submitted check_rules value over the defaults; errors go to errs.
CheckRules rules_from(const json::value& v, std::vector<FieldError>* errs) {
  CheckRules r = default_check_rules();
  if (!v.is_object()) {
    if (errs) errs->push_back({"value", {"设置值应为对象", "Must be an object"}});
    return r;
  }
  const auto& o = v.as_object();
  for (const char* kind : {"project", "department"}) {
    auto* m = o.if_contains(kind);
    if (!m) continue;
    if (!m->is_object()) {
      if (errs) errs->push_back({std::string("value.") + kind, {"应为对象", "Must be an object"}});
      continue;
    }
    auto& target = std::string(kind) == "project" ? r.project : r.department;
    for (const auto& [k, sv] : m->as_object()) {
      std::string code(k);
      bool known = std::any_of(rule_catalog().begin(), rule_catalog().end(),
                               [&](const auto& p) { return p.first == code; });
      auto s = sv.is_string() ? severity_of(std::string(sv.as_string())) : std::nullopt;
      if (!known || !s) {
        if (errs)
          errs->push_back({std::string("value.") + kind + "." + code,
                           {known ? "应为 error、warning 或 off" : "没有这条审核规则",
                            known ? "error, warning or off" : "Unknown rule"}});
        continue;
      }
      target[code] = *s;
    }
  }
  auto num = [&](const char* k, int& out, int lo, int hi) {
    auto* x = o.if_contains(k);
    if (!x) return;
    if (!x->is_int64() || x->as_int64() < lo || x->as_int64() > hi) {
      if (errs)
        errs->push_back({std::string("value.") + k,
                         {"应为" + std::to_string(lo) + "到" + std::to_string(hi) + "之间的整数",
                          "Out of range"}});
      return;
    }
    out = static_cast<int>(x->as_int64());
  };
  num("leaf_min", r.leaf_min, 0, 100);
  num("leaf_max", r.leaf_max, 1, 200);
  num("department_leaf_max", r.department_leaf_max, 1, 500);
  if (auto* x = o.if_contains("weight_total")) {
    std::optional<int64_t> w;
    if (x->is_int64()) w = x->as_int64() * 100;
    if (x->is_double()) w = weight_x100_of(x->as_double());
    if (!w || *w <= 0) {
      if (errs) errs->push_back({"value.weight_total", {"应为正数", "Must be positive"}});
    } else {
      r.weight_total_x100 = *w;
    }
  }
  if (r.leaf_min > r.leaf_max && errs)
    errs->push_back({"value.leaf_min", {"不能大于指标数量上限", "Above the maximum"}});
  auto list = [&](const char* k, std::vector<std::string>& out) {
    auto* x = o.if_contains(k);
    if (!x) return;
    if (!x->is_array()) {
      if (errs) errs->push_back({std::string("value.") + k, {"应为文字列表", "A list of text"}});
      return;
    }
    out.clear();
    for (const auto& s : x->as_array())
      if (s.is_string() && !s.as_string().empty()) out.emplace_back(s.as_string());
  };
  list("input_patterns", r.input_patterns);
  list("process_patterns", r.process_patterns);
  list("growth_patterns", r.growth_patterns);
  return r;
}

}  // namespace

const std::vector<std::pair<std::string, Msg>>& revision_states() {
  static const std::vector<std::pair<std::string, Msg>> s = {
      {"draft", {"草稿", "Draft"}},           {"submitted", {"待审核", "Submitted"}},
      {"approved", {"审核通过", "Approved"}}, {"returned", {"退回修改", "Returned"}},
      {"rejected", {"不予安排", "Rejected"}}, {"superseded", {"已被调整", "Superseded"}},
  };
  return s;
}

Caller caller_of(const auth::Principal& p, const audit::Actor& actor) {
  return {p, actor, org::org_scope(p)};
}

// ---------------------------------------------------------------- settings

CheckRules check_rules(db::Conn& c, const std::string& region_code, int year) {
  auto s = settings::get(c, "targets.check_rules", org::county_of(region_code), year);
  if (!s) return default_check_rules();
  return rules_from(s->value, nullptr);
}

std::map<std::string, std::string> review_outcomes(db::Conn& c, const std::string& region_code,
                                                   int year) {
  auto out = default_review_outcomes();
  auto s = settings::get(c, "targets.review_outcomes", org::county_of(region_code), year);
  if (s && s->value.is_object())
    for (const auto& [k, v] : s->value.as_object())
      if (out.count(std::string(k)) && v.is_string()) out[std::string(k)] = v.as_string();
  return out;
}

json::object get_setting(db::Conn& c, const Caller& who, const std::string& key, int year) {
  std::string full = setting_key(key);
  std::string county = org::caller_county(c, who.principal);
  auto in_force = settings::get(c, full, county, year);
  auto own = settings::get_exact(c, full, county, year);
  json::value value;
  if (key == "check_rules") {
    value = rules_value(in_force ? rules_from(in_force->value, nullptr) : default_check_rules());
  } else {
    json::object o;
    for (const auto& [g, a] : review_outcomes(c, county, year)) o[g] = a;
    value = o;
  }
  json::array catalog;
  for (const auto& [code, m] : rule_catalog())
    catalog.push_back(json::object{{"code", code}, {"name", m.zh}, {"name_en", m.en}});
  return {{"key", key},        {"region_code", county}, {"year", year},
          {"value", value},    {"rules", catalog},      {"version", own ? own->version : 0},
          {"inherited", !own}, {"default", !in_force}};
}

json::object put_setting(Env e, const std::string& key, int year, const json::value& value,
                         int version) {
  if (!e.who.principal.can("targets.settings")) throw ApiError::forbidden();
  std::string full = setting_key(key);
  if (year != 0 && (year < 2000 || year > 2100))
    throw ApiError::field("year", {"年度应为0（各年度通用）或2000到2100之间", "0 or 2000-2100"});
  std::vector<FieldError> errs;
  json::value stored;
  if (key == "check_rules") {
    CheckRules r = rules_from(value, &errs);
    stored = rules_value(r);
  } else {
    if (!value.is_object()) {
      errs.push_back({"value", {"设置值应为对象", "Must be an object"}});
    } else {
      json::object o;
      for (const auto& g : grades()) {
        auto* v = value.as_object().if_contains(g);
        std::string a = v && v->is_string() ? std::string(v->as_string()) : "";
        if (a != "approve" && a != "return" && a != "reject")
          errs.push_back(
              {"value." + g, {"应为 approve、return 或 reject", "approve|return|reject"}});
        o[g] = a;
      }
      if (errs.empty() && o["优"].as_string() != "approve")
        errs.push_back({"value.优", {"评为“优”的目标应审核通过", "优 must approve"}});
      stored = o;
    }
  }
  if (!errs.empty()) throw ApiError::validation(errs);
  std::string county = org::caller_county(e.tx, e.who.principal);
  int v =
      settings::put(e.tx, e.clock, full, stored, version, e.who.principal.user_id, county, year);
  audit::append(e.tx, e.clock, e.who.actor,
                {"settings.put", "setting", county + ":" + std::to_string(year) + ":" + full,
                 "success", nullptr, json::object{{"value", stored}, {"version", v}}});
  return get_setting(e.tx, e.who, key, year);
}

// ---------------------------------------------------------------- reads

json::object list_sets(db::Conn& c, const Caller& who, const SetFilter& f, const Page& page,
                       Lang lang) {
  int64_t total = 0;
  json::array items;
  for (const auto& s : store::list_sets(c, who.scope, f, page, &total))
    items.push_back(set_json(s, lang));
  return {{"items", items}, {"total", total}};
}

json::object revision_detail(db::Conn& c, const Caller& who, int64_t revision_id, Lang lang) {
  auto [s, r] = must_see_revision(c, who, revision_id, true);
  Context x = context_of(c, s);
  auto issues = check_revision(c, s, x, r);
  json::object o = revision_head_json(r, lang);
  json::array leaves, tasks, reviews, history;
  int64_t weight = 0;
  for (const auto& l : r.leaves) {
    leaves.push_back(leaf_json(l));
    weight += l.weight_x100.value_or(0);
  }
  for (const auto& t : r.tasks) tasks.push_back(task_json(t));
  for (const auto& v : store::reviews(c, r.id)) reviews.push_back(review_json(v));
  for (const auto& h : workflow::history(c, kDocType, std::to_string(r.id)))
    history.push_back(workflow::history_json(h));
  auto comments = workflow::state_comments(c, kDocType, {std::to_string(r.id)});
  o["tree_scheme"] = r.tree_scheme;
  o["period_goal"] = r.period_goal;
  o["year_goal"] = r.year_goal;
  o["serves_public"] = r.serves_public;
  o["indicators"] = leaves;
  o["tasks"] = tasks;
  o["total_weight"] = static_cast<double>(weight) / 100.0;
  o["reviews"] = reviews;
  o["history"] = history;
  o["check"] = issues_json(issues, lang);
  o["state_comment"] = comments.count(std::to_string(r.id))
                           ? json::value(comments[std::to_string(r.id)])
                           : json::value(nullptr);
  o["set"] = set_json(s, lang);
  o["multi_year"] = x.multi_year;
  o["start_year"] = x.start_year;
  o["end_year"] = x.end_year;
  o["sector"] = x.sector;
  // What the caller may do now.
  bool can_edit = who.principal.can("targets.edit");
  bool can_review = who.principal.can("targets.review");
  json::array actions;
  if (can_edit && editable(r.state)) {
    actions.emplace_back("save");
    actions.emplace_back("submit");
    if (r.state == "draft" && !r.submitted_at) actions.emplace_back("delete");
  }
  if (can_edit && r.state == "submitted") actions.emplace_back("withdraw");
  if (can_review && r.state == "submitted") actions.emplace_back("review");
  o["actions"] = actions;
  return o;
}

json::object set_detail(db::Conn& c, const Caller& who, int64_t set_id, Lang lang) {
  TargetSet s = must_see(c, who, set_id);
  json::object o = set_json(s, lang);
  json::array revs;
  for (const auto& r : store::revisions_of(c, s.id)) revs.push_back(revision_head_json(r, lang));
  o["revisions"] = revs;
  if (s.current_revision_id) o["current"] = revision_detail(c, who, *s.current_revision_id, lang);
  json::array actions;
  if (who.principal.can("targets.edit") && s.approved_revision_id &&
      s.current_revision_id == s.approved_revision_id)
    actions.emplace_back("change");
  if (who.principal.can("targets.review") && s.approved_revision_id)
    actions.emplace_back("publish");
  o["actions"] = actions;
  return o;
}

json::object projects_needing(db::Conn& c, const Caller& who, const store::ProjectFilter& f,
                              const Page& page, Lang lang) {
  int64_t total = 0;
  json::array items;
  std::map<std::string, Msg> pstates(projects::project_states().begin(),
                                     projects::project_states().end());
  for (const auto& r : store::projects_needing(c, who.scope, f, page, &total)) {
    auto ps = pstates.find(r.project_state);
    items.push_back(json::object{
        {"project_id", r.project_id},
        {"code", r.code},
        {"name", r.name},
        {"org_id", r.org_id},
        {"org_name", r.org_name},
        {"department_id", r.department_id},
        {"department_name", r.department_name},
        {"amount_fen", r.amount_fen},
        {"start_year", r.start_year},
        {"end_year", r.end_year},
        {"project_state", r.project_state},
        {"project_state_name", ps == pstates.end() ? r.project_state : pick(ps->second, lang)},
        {"set_id", opt(r.set_id)},
        {"revision_id", opt(r.revision_id)},
        {"target_state", r.set_id ? json::value(r.target_state) : json::value(nullptr)},
        {"target_state_name",
         r.set_id ? json::value(pick(state_name(r.target_state), lang)) : json::value(nullptr)},
        {"grade", opt(r.grade)},
        {"errors", r.errors},
        {"warnings", r.warnings}});
  }
  return {{"items", items}, {"total", total}};
}

json::object departments(db::Conn& c, const Caller& who, int year, Lang lang) {
  json::array items;
  for (const auto& d : store::departments(c, who.scope, year))
    items.push_back(json::object{
        {"org_id", d.org_id},
        {"org_name", d.org_name},
        {"kind", d.kind},
        {"set_id", opt(d.set_id)},
        {"revision_id", opt(d.revision_id)},
        {"target_state", d.set_id ? json::value(d.target_state) : json::value(nullptr)},
        {"target_state_name",
         d.set_id ? json::value(pick(state_name(d.target_state), lang)) : json::value(nullptr)},
        {"grade", opt(d.grade)}});
  int64_t n = static_cast<int64_t>(items.size());
  return {{"items", items}, {"total", n}};
}

json::object diff(db::Conn& c, const Caller& who, int64_t revision_id,
                  std::optional<int64_t> against) {
  auto [s, r] = must_see_revision(c, who, revision_id, true);
  Revision base;
  if (against) {
    auto b = store::find_revision(c, *against, true);
    if (!b || b->set_id != s.id)
      throw ApiError::field("against", {"只能与同一绩效目标的其他版本对比", "Same set only"});
    base = *b;
  } else {
    for (const auto& h : store::revisions_of(c, s.id))
      if (h.revision == r.revision - 1) base = *store::find_revision(c, h.id, true);
  }
  json::array changes;
  for (const auto& ch : diff_leaves(base.leaves, r.leaves)) {
    json::array fields;
    for (const auto& f : ch.fields)
      fields.push_back(json::object{{"field", f.field}, {"before", f.before}, {"after", f.after}});
    changes.push_back(json::object{
        {"change", ch.change},
        {"key", ch.key},
        {"before", ch.before ? json::value(leaf_json(*ch.before)) : json::value(nullptr)},
        {"after", ch.after ? json::value(leaf_json(*ch.after)) : json::value(nullptr)},
        {"fields", fields}});
  }
  json::array goals;
  auto goal = [&](const char* f, const std::string& a, const std::string& b) {
    if (a != b) goals.push_back(json::object{{"field", f}, {"before", a}, {"after", b}});
  };
  goal("period_goal", base.period_goal, r.period_goal);
  goal("year_goal", base.year_goal, r.year_goal);
  return {{"revision_id", r.id},
          {"revision", r.revision},
          {"against_id", base.id ? json::value(base.id) : json::value(nullptr)},
          {"against_revision", base.id ? json::value(base.revision) : json::value(nullptr)},
          {"change_reason", r.change_reason},
          {"goals", goals},
          {"indicators", changes}};
}

json::object project_years(db::Conn& c, const Caller& who, int64_t project_id) {
  // Every year's set of the project in scope: the approved revision, else the current one.
  json::array years;
  struct Row {
    std::string level1, level2, name, unit;
    std::map<int, std::string> values;
  };
  std::vector<Row> rows;
  std::map<std::string, size_t> by_name;
  auto sets = c.query(
      "SELECT id, year FROM target_sets WHERE kind = 'project' AND project_id = ? "
      "ORDER BY year",
      {project_id});
  for (const auto& sr : sets) {
    auto s = store::find_set_scoped(c, sr.i64(0), who.scope);
    if (!s) continue;
    auto rev_id = s->approved_revision_id ? s->approved_revision_id : s->current_revision_id;
    if (!rev_id) continue;
    auto r = store::find_revision(c, *rev_id, true);
    years.push_back(json::object{{"year", s->year},
                                 {"set_id", s->id},
                                 {"revision_id", r->id},
                                 {"state", r->state},
                                 {"year_goal", r->year_goal},
                                 {"period_goal", r->period_goal}});
    for (const auto& l : r->leaves) {
      std::string k = l.level1 + "/" + l.level2 + "/" + l.name;
      auto it = by_name.find(k);
      if (it == by_name.end()) {
        it = by_name.emplace(k, rows.size()).first;
        rows.push_back({l.level1, l.level2, l.name, l.unit, {}});
      }
      rows[it->second].values[s->year] = l.nature == "qual" ? l.value : l.nature + l.value;
    }
  }
  if (years.empty()) throw ApiError::not_found({"该项目没有绩效目标", "No targets"});
  json::array out;
  for (const auto& r : rows) {
    json::object values;
    for (const auto& [y, v] : r.values) values[std::to_string(y)] = v;
    out.push_back(json::object{{"level1", r.level1},
                               {"level2", r.level2},
                               {"name", r.name},
                               {"unit", r.unit},
                               {"values", values}});
  }
  return {{"project_id", project_id}, {"years", years}, {"indicators", out}};
}

json::object coverage(db::Conn& c, const Caller& who, int year, const std::string& region_code) {
  auto rows = store::coverage(c, who.scope, year, region_code);
  int64_t needing = 0, approved = 0, drafted = 0, depts = 0, depts_approved = 0;
  json::array by;
  auto rate = [](int64_t part, int64_t whole) -> json::value {
    if (whole == 0) return nullptr;
    // hundredths of a percent, half up
    int64_t x100 = (part * 20000 + whole) / (2 * whole);
    return static_cast<double>(x100) / 100.0;
  };
  for (const auto& r : rows) {
    needing += r.projects;
    approved += r.projects_approved;
    drafted += r.projects_drafted;
    bool is_dept = r.department_set || r.department_approved ||
                   c.one(
                        "SELECT 1 FROM organizations WHERE id = ? AND kind IN ('department', "
                        "'township', 'dev_zone')",
                        {r.department_id})
                       .has_value();
    if (is_dept) {
      ++depts;
      depts_approved += r.department_approved ? 1 : 0;
    }
    by.push_back(json::object{
        {"department_id", r.department_id},
        {"department_name", r.department_name},
        {"projects", r.projects},
        {"projects_approved", r.projects_approved},
        {"projects_drafted", r.projects_drafted},
        {"rate", rate(r.projects_approved, r.projects)},
        {"department_target",
         r.department_approved ? "approved" : (r.department_set ? "drafted" : "none")}});
  }
  return {{"year", year},
          {"region_code", region_code},
          {"projects", json::object{{"needing", needing},
                                    {"approved", approved},
                                    {"drafted", drafted},
                                    {"rate", rate(approved, needing)}}},
          {"departments", json::object{{"total", depts},
                                       {"approved", depts_approved},
                                       {"rate", rate(depts_approved, depts)}}},
          {"by_department", by}};
}

// ---------------------------------------------------------------- drafts

DraftInput draft_input(const json::object& body) {
  JsonInput j(body);
  DraftInput in;
  in.period_goal = j.opt_str("period_goal", "实施期目标", 2000);
  in.year_goal = j.opt_str("year_goal", "年度目标", 2000);
  in.serves_public = j.opt_bool("serves_public", "面向公众");
  if (auto items = j.opt_objects("indicators", "绩效指标", 200)) {
    std::vector<Leaf> leaves;
    std::set<std::string> keys;
    for (size_t i = 0; i < items->size(); ++i) {
      JsonInput x = j.at(*(*items)[i], "indicators." + std::to_string(i));
      Leaf l;
      l.key = x.opt_str("key", "指标标识", 40).value_or("");
      if (l.key.empty()) l.key = new_key();
      if (!keys.insert(l.key).second) x.add("key", {"指标标识重复", "Duplicate key"});
      l.level1 = x.str("level1", "一级指标", true, 20);
      l.level2 = x.str("level2", "二级指标", true, 30);
      l.name = x.opt_str("name", "三级指标", 100).value_or("");
      l.nature = x.opt_str("nature", "指标性质", 8).value_or(">=");
      static const std::set<std::string> natures{">=", ">", "=", "<", "<=", "qual"};
      if (!natures.count(l.nature))
        x.add("nature", {"指标性质应为 ≥、>、=、<、≤ 或定性", "One of >= > = < <= qual"});
      l.value = x.opt_str("value", "指标值", 200).value_or("");
      l.period_value = x.opt_str("period_value", "中期指标值", 200).value_or("");
      l.unit = x.opt_str("unit", "计量单位", 20).value_or("");
      l.basis = x.opt_str("basis", "设定依据", 16).value_or("plan");
      static const std::set<std::string> bases{"plan", "industry", "history", "other"};
      if (!bases.count(l.basis))
        x.add("basis", {"设定依据应为计划标准、行业标准、历史标准或其他标准",
                        "plan, industry, history or other"});
      l.explanation = x.opt_str("explanation", "指标说明", 1000).value_or("");
      l.is_core = x.opt_bool("is_core", "核心指标").value_or(false);
      l.library_id = x.opt_int64("library_id", "指标库指标");
      if (const auto* w = (*items)[i]->if_contains("weight"); w && !w->is_null()) {
        std::optional<int64_t> x100;
        if (w->is_int64()) x100 = weight_x100_of(static_cast<double>(w->as_int64()));
        if (w->is_double()) x100 = weight_x100_of(w->as_double());
        if (!x100 || *x100 > 10000)
          x.add("weight", {"权重应为0到100之间、最多两位小数的数", "0-100, two decimals"});
        else
          l.weight_x100 = x100;
      }
      leaves.push_back(std::move(l));
    }
    in.leaves = std::move(leaves);
  }
  if (auto items = j.opt_objects("tasks", "年度主要任务", 100)) {
    std::vector<Task> tasks;
    for (size_t i = 0; i < items->size(); ++i) {
      JsonInput x = j.at(*(*items)[i], "tasks." + std::to_string(i));
      Task t;
      t.key = x.opt_str("key", "任务标识", 40).value_or("");
      if (t.key.empty()) t.key = new_key();
      t.name = x.opt_str("name", "任务名称", 100).value_or("");
      t.content = x.opt_str("content", "主要内容", 1000).value_or("");
      t.fiscal_fen = x.opt_int64("fiscal_fen", "财政拨款").value_or(0);
      t.other_fen = x.opt_int64("other_fen", "其他资金").value_or(0);
      t.total_fen = x.opt_int64("total_fen", "金额合计").value_or(t.fiscal_fen + t.other_fen);
      for (auto* f : {"total_fen", "fiscal_fen", "other_fen"})
        if (auto v = x.opt_int64(f, "金额"); v && *v < 0)
          x.add(f, {"金额不能为负数", "Must not be negative"});
      t.project_ids = x.id_list("project_ids", "关联项目");
      tasks.push_back(std::move(t));
    }
    in.tasks = std::move(tasks);
  }
  j.throw_if_any();
  return in;
}

json::object check_draft(db::Conn& c, const Caller& who, int64_t revision_id, const DraftInput& in,
                         Lang lang) {
  auto [s, r] = must_see_revision(c, who, revision_id, true);
  Context x = context_of(c, s);
  apply_draft(in, r);
  auto issues = check_revision(c, s, x, r);
  return issues_json(issues, lang);
}

// ---------------------------------------------------------------- writes

int64_t create_set(Env e, const NewSet& in) {
  must_edit(e.who);
  std::vector<FieldError> errs;
  if (in.kind != "project" && in.kind != "department")
    throw ApiError::field(
        "kind", {"应为 project（项目）或 department（部门整体）", "project or department"});
  if (in.year < 2000 || in.year > 2100)
    throw ApiError::field("year", {"年度应在2000到2100之间", "2000-2100"});
  TargetSet s;
  s.kind = in.kind;
  s.year = in.year;
  s.created_by = e.who.principal.user_id;
  if (in.kind == "project") {
    if (!in.project_id) throw ApiError::field("project_id", {"请选择项目", "Choose a project"});
    auto p = projects::visible_project(e.tx, projects::caller_of(e.who.principal, e.who.actor),
                                       *in.project_id);
    org::get_org(e.tx, e.who.scope, p.org_id);  // 404 when the unit is not the caller's
    if (in.year < p.start_year || in.year > p.end_year)
      throw ApiError::field("year", {"年度应在项目实施周期（" + std::to_string(p.start_year) + "—" +
                                         std::to_string(p.end_year) + "年）内",
                                     "Within the implementation period"});
    if (p.state == "rejected" || p.state == "exited")
      throw ApiError::conflict("project_closed",
                               {"项目未入库或已退出，不能填报绩效目标", "The project is closed"});
    if (auto old = store::find_project_set(e.tx, p.id, in.year))
      throw ApiError::conflict("targets_exist",
                               {"该项目本年度已有绩效目标（编号" + std::to_string(old->id) + "）",
                                "The project already has targets for the year"});
    s.project_id = p.id;
    s.org_id = p.org_id;
    s.department_id = p.department_id;
    s.region_code = p.region_code;
    s.project_name = p.name;
  } else {
    if (!in.org_id) throw ApiError::field("org_id", {"请选择部门", "Choose a department"});
    org::Organization o = org::get_org(e.tx, e.who.scope, *in.org_id);
    if (o.kind != "department" && o.kind != "township" && o.kind != "dev_zone")
      throw ApiError::field("org_id",
                            {"部门整体绩效目标由一级预算单位（部门、乡镇街道、开发区）填报",
                             "Only a department files overall targets"});
    if (auto old = store::find_department_set(e.tx, o.id, in.year))
      throw ApiError::conflict("targets_exist",
                               {"该部门本年度已有部门整体绩效目标", "Already exists"});
    s.org_id = o.id;
    s.department_id = o.id;
    s.region_code = o.region_code;
    s.org_name = o.name;
  }
  std::string now = now_of(e.clock);
  s.id = store::insert_set(e.tx, s, now);
  Revision r;
  r.set_id = s.id;
  r.revision = 1;
  r.created_by = e.who.principal.user_id;
  auto tree = indicators::tree_for(e.tx, s.region_code, s.year);
  r.tree_scheme = tree.scheme;
  if (in.copy_from_year) {
    auto src = s.kind == "project"
                   ? store::find_project_set(e.tx, *s.project_id, *in.copy_from_year)
                   : store::find_department_set(e.tx, s.org_id, *in.copy_from_year);
    if (!src)
      throw ApiError::field("copy_from_year",
                            {std::to_string(*in.copy_from_year) + "年度没有可复制的绩效目标",
                             "Nothing to copy from that year"});
    auto from = src->approved_revision_id ? src->approved_revision_id : src->current_revision_id;
    auto old = store::find_revision(e.tx, *from, true);
    r.period_goal = old->period_goal;
    r.year_goal = old->year_goal;
    r.serves_public = old->serves_public;
    r.leaves = old->leaves;
    r.tasks = old->tasks;
    // A task keeps the links to the projects that still need money in the new year.
    std::vector<int64_t> linked;
    for (const auto& t : r.tasks)
      linked.insert(linked.end(), t.project_ids.begin(), t.project_ids.end());
    auto amounts = store::project_amounts(e.tx, linked, s.year);
    for (auto& t : r.tasks)
      t.project_ids.erase(std::remove_if(t.project_ids.begin(), t.project_ids.end(),
                                         [&](int64_t id) { return !amounts.count(id); }),
                          t.project_ids.end());
    for (auto& l : r.leaves) {
      l.review_comment.clear();
      l.actual.reset();
    }
  }
  Context x = context_of(e.tx, s);
  auto issues = check_revision(e.tx, s, x, r);
  r.errors = count_of(issues, Severity::kError);
  r.warnings = count_of(issues, Severity::kWarning);
  r.id = store::insert_revision(e.tx, r, now);
  store::replace_content(e.tx, r.id, r.leaves, r.tasks);
  s.current_revision_id = r.id;
  if (!store::update_set(e.tx, s, 1, now)) throw ApiError::stale();
  s.org_name =
      s.org_name.empty() ? org::get_org(e.tx, auth::Scope::all(), s.org_id).name : s.org_name;
  start_workflow(e, s, r);
  audit_set(e, "targets.create", s.id, nullptr,
            json::object{
                {"kind", s.kind},
                {"project_id", opt(s.project_id)},
                {"org_id", s.org_id},
                {"year", s.year},
                {"copy_from_year", in.copy_from_year ? json::value(*in.copy_from_year) : nullptr}});
  return s.id;
}

void save_revision(Env e, int64_t revision_id, const DraftInput& in, int64_t version) {
  must_edit(e.who);
  auto [s, r] = must_see_revision(e.tx, e.who, revision_id, true);
  if (!editable(r.state))
    throw ApiError::conflict("not_editable", {"只有草稿或退回修改的绩效目标可以修改",
                                              "Only drafts and returned targets can be edited"});
  if (r.version != version) throw ApiError::stale();
  json::object before{{"period_goal", r.period_goal},
                      {"year_goal", r.year_goal},
                      {"indicators", static_cast<int64_t>(r.leaves.size())}};
  if (in.tasks && s.kind != "department" && !in.tasks->empty())
    throw ApiError::field("tasks", {"年度主要任务只用于部门整体绩效目标", "Department only"});
  // The leaves a reviewer commented on keep the comment until the next review.
  std::map<std::string, std::string> comments;
  for (const auto& l : r.leaves)
    if (!l.review_comment.empty()) comments[l.key] = l.review_comment;
  apply_draft(in, r);
  for (auto& l : r.leaves)
    if (auto it = comments.find(l.key); it != comments.end()) l.review_comment = it->second;
  // Library indicators must exist.
  auto library = indicators::find_indicators(e.tx, library_ids(r.leaves));
  for (size_t i = 0; i < r.leaves.size(); ++i)
    if (r.leaves[i].library_id && !library.count(*r.leaves[i].library_id))
      throw ApiError::field("indicators." + std::to_string(i) + ".library_id",
                            {"指标库中没有这个指标", "No such library indicator"});
  Context x = context_of(e.tx, s);
  auto issues = check_revision(e.tx, s, x, r);
  r.errors = count_of(issues, Severity::kError);
  r.warnings = count_of(issues, Severity::kWarning);
  std::string now = now_of(e.clock);
  if (!store::update_revision(e.tx, r, version, now)) throw ApiError::stale();
  store::replace_content(e.tx, r.id, r.leaves, r.tasks);
  audit_set(e, "targets.save", s.id, before,
            json::object{{"revision_id", r.id},
                         {"period_goal", r.period_goal},
                         {"year_goal", r.year_goal},
                         {"indicators", static_cast<int64_t>(r.leaves.size())},
                         {"errors", r.errors},
                         {"warnings", r.warnings}});
}

void submit_revision(Env e, int64_t revision_id, int64_t version) {
  must_edit(e.who);
  auto [s, r] = must_see_revision(e.tx, e.who, revision_id, true);
  if (!editable(r.state))
    throw ApiError::conflict("not_submittable", {"绩效目标已提交", "Already submitted"});
  if (r.version != version) throw ApiError::stale();
  Context x = context_of(e.tx, s);
  auto issues = check_revision(e.tx, s, x, r);
  std::vector<FieldError> errs;
  for (const auto& i : issues)
    if (i.severity == Severity::kError)
      errs.push_back({i.field.empty() ? i.rule : i.field, i.message});
  if (r.leaves.empty())
    errs.push_back({"indicators", {"请至少设置一个绩效指标", "Add indicators"}});
  if (!errs.empty()) throw ApiError::validation(errs);
  r.errors = 0;
  r.warnings = count_of(issues, Severity::kWarning);
  std::string now = now_of(e.clock);
  r.state = "submitted";
  r.submitted_at = now;
  if (!store::update_revision(e.tx, r, version, now)) throw ApiError::stale();
  step(e, r.id, "submit", "");
  audit_set(e, "targets.submit", s.id, nullptr,
            json::object{{"revision_id", r.id}, {"warnings", r.warnings}});
}

void withdraw_revision(Env e, int64_t revision_id, int64_t version) {
  must_edit(e.who);
  auto [s, r] = must_see_revision(e.tx, e.who, revision_id, false);
  if (r.state != "submitted")
    throw ApiError::conflict("not_withdrawable", {"只能撤回待审核的绩效目标", "Not now"});
  if (r.version != version) throw ApiError::stale();
  r.state = "draft";
  if (!store::update_revision(e.tx, r, version, now_of(e.clock))) throw ApiError::stale();
  step(e, r.id, "withdraw", "");
  audit_set(e, "targets.withdraw", s.id, nullptr, json::object{{"revision_id", r.id}});
}

void delete_revision(Env e, int64_t revision_id, int64_t version) {
  must_edit(e.who);
  auto [s, r] = must_see_revision(e.tx, e.who, revision_id, false);
  if (r.state != "draft" || r.submitted_at)
    throw ApiError::conflict("not_deletable",
                             {"只能删除从未提交过的草稿", "Only never-submitted drafts"});
  if (r.version != version) throw ApiError::stale();
  e.tx.exec("DELETE FROM target_indicators WHERE revision_id = ?", {r.id});
  e.tx.exec("DELETE FROM target_tasks WHERE revision_id = ?", {r.id});
  workflow::remove(e.tx, kDocType, std::to_string(r.id));
  std::string now = now_of(e.clock);
  if (r.revision == 1) {
    e.tx.exec("UPDATE target_sets SET current_revision_id = NULL WHERE id = ?", {s.id});
    e.tx.exec("DELETE FROM target_revisions WHERE id = ?", {r.id});
    e.tx.exec("DELETE FROM target_sets WHERE id = ?", {s.id});
  } else {
    s.current_revision_id = s.approved_revision_id;
    if (!store::update_set(e.tx, s, s.version, now)) throw ApiError::stale();
    e.tx.exec("DELETE FROM target_revisions WHERE id = ?", {r.id});
  }
  audit_set(e, "targets.delete_draft", s.id,
            json::object{{"revision_id", r.id}, {"revision", r.revision}}, nullptr);
}

void review_revision(Env e, int64_t revision_id, const ReviewInput& in) {
  if (!e.who.principal.can("targets.review")) throw ApiError::forbidden();
  auto [s, r] = must_see_revision(e.tx, e.who, revision_id, true);
  if (r.state != "submitted")
    throw ApiError::conflict("not_reviewable", {"只能审核待审核的绩效目标", "Not submitted"});
  std::vector<FieldError> errs;
  auto outcomes = review_outcomes(e.tx, s.region_code, s.year);
  auto o = outcomes.find(in.grade);
  if (o == outcomes.end())
    errs.push_back({"grade", {"审核等级应为优、良、中或差", "优, 良, 中 or 差"}});
  std::set<std::string> keys;
  for (const auto& l : r.leaves) keys.insert(l.key);
  std::map<std::string, std::string> comments;
  for (const auto& [k, v] : in.indicator_comments) {
    if (!keys.count(k)) {
      errs.push_back({"indicator_comments." + k, {"没有这个指标", "No such indicator"}});
      continue;
    }
    if (utf8_length(v) > 500)
      errs.push_back({"indicator_comments." + k, {"意见不超过500字", "At most 500 characters"}});
    if (!v.empty()) comments[k] = v;
  }
  std::string outcome = o == outcomes.end() ? "" : o->second;
  if (outcome != "approve" && in.comment.find_first_not_of(" \t\r\n") == std::string::npos &&
      o != outcomes.end())
    errs.push_back(
        {"comment",
         {"评为“" + in.grade + "”须写明审核意见（退回或不予安排的理由）", "Give the reasons"}});
  if (utf8_length(in.comment) > 2000)
    errs.push_back({"comment", {"审核意见不超过2000字", "At most 2000 characters"}});
  if (!errs.empty()) throw ApiError::validation(errs);
  if (r.version != in.version) throw ApiError::stale();
  std::string now = now_of(e.clock);
  Review v;
  v.grade = in.grade;
  v.comment = in.comment;
  v.indicator_comments = comments;
  v.reviewer_id = e.who.principal.user_id;
  v.reviewer_name = e.who.principal.display_name;
  v.at = now;
  store::insert_review(e.tx, r.id, v);
  store::set_review_comments(e.tx, r.id, comments);
  r.grade = in.grade;
  std::string note = "审核等级：" + in.grade + (in.comment.empty() ? "" : "。" + in.comment);
  std::optional<int64_t> superseded;
  if (outcome == "approve") {
    r.state = "approved";
    r.approved_at = now;
    superseded = s.approved_revision_id;
    s.approved_revision_id = r.id;
    s.current_revision_id = r.id;
  } else if (outcome == "return") {
    r.state = "returned";
  } else {
    r.state = "rejected";
    // A rejected change leaves the approved revision in force.
    if (s.approved_revision_id) s.current_revision_id = s.approved_revision_id;
  }
  if (!store::update_revision(e.tx, r, in.version, now)) throw ApiError::stale();
  if (!store::update_set(e.tx, s, s.version, now)) throw ApiError::stale();
  step(e, r.id, outcome, note);
  if (outcome == "approve") {
    count_usage(e.tx, r.leaves, +1);
    if (superseded && *superseded != r.id) {
      auto old = store::find_revision(e.tx, *superseded, true);
      old->state = "superseded";
      if (!store::update_revision(e.tx, *old, old->version, now)) throw ApiError::stale();
      step(e, old->id, "supersede", "被第" + std::to_string(r.revision) + "版调整替代");
      count_usage(e.tx, old->leaves, -1);
    }
  }
  audit_set(e, "targets.review", s.id, nullptr,
            json::object{{"revision_id", r.id},
                         {"grade", in.grade},
                         {"outcome", outcome},
                         {"comment", in.comment}});
}

int64_t open_change(Env e, int64_t set_id, const std::string& reason, int64_t version) {
  must_edit(e.who);
  TargetSet s = must_see(e.tx, e.who, set_id);
  if (!s.approved_revision_id)
    throw ApiError::conflict("not_approved",
                             {"绩效目标审核通过后才能申请调整", "Only approved targets change"});
  if (s.current_revision_id != s.approved_revision_id)
    throw ApiError::conflict("change_open", {"已有一个调整正在办理", "A change is open"});
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError::field("reason", {"请写明调整原因", "Give the reason"});
  if (utf8_length(reason) > 1000)
    throw ApiError::field("reason", {"调整原因不超过1000字", "At most 1000 characters"});
  if (s.version != version) throw ApiError::stale();
  auto old = store::find_revision(e.tx, *s.approved_revision_id, true);
  Revision r = *old;
  r.id = 0;
  r.revision = 0;
  for (const auto& h : store::revisions_of(e.tx, s.id))
    r.revision = std::max(r.revision, h.revision);
  r.revision += 1;
  r.state = "draft";
  r.change_reason = reason;
  r.grade.reset();
  r.submitted_at.reset();
  r.approved_at.reset();
  r.created_by = e.who.principal.user_id;
  for (auto& l : r.leaves) l.review_comment.clear();
  std::string now = now_of(e.clock);
  r.id = store::insert_revision(e.tx, r, now);
  store::replace_content(e.tx, r.id, r.leaves, r.tasks);
  s.current_revision_id = r.id;
  if (!store::update_set(e.tx, s, version, now)) throw ApiError::stale();
  start_workflow(e, s, r);
  audit_set(e, "targets.change", s.id, json::object{{"approved_revision_id", old->id}},
            json::object{{"revision_id", r.id}, {"revision", r.revision}, {"reason", reason}});
  return r.id;
}

void publish(Env e, int64_t set_id, bool published, int64_t version) {
  if (!e.who.principal.can("targets.review")) throw ApiError::forbidden();
  TargetSet s = must_see(e.tx, e.who, set_id);
  if (published && !s.approved_revision_id)
    throw ApiError::conflict("not_approved", {"审核通过的绩效目标才能公开", "Approve first"});
  if (s.version != version) throw ApiError::stale();
  bool before = s.published;
  s.published = published;
  if (!store::update_set(e.tx, s, version, now_of(e.clock))) throw ApiError::stale();
  audit_set(e, "targets.publish", s.id, json::object{{"published", before}},
            json::object{{"published", published}});
}

void record_actuals(Env e, int64_t revision_id, const std::map<std::string, std::string>& by_key) {
  auto [s, r] = must_see_revision(e.tx, e.who, revision_id, true);
  if (r.state != "approved" && r.state != "superseded")
    throw ApiError::conflict("not_approved", {"只有审核通过的目标记录完成值", "Approved only"});
  std::set<std::string> keys;
  for (const auto& l : r.leaves) keys.insert(l.key);
  for (const auto& [k, v] : by_key)
    if (!keys.count(k))
      throw ApiError::field("actuals." + k, {"没有这个指标", "No such indicator"});
  store::set_actuals(e.tx, r.id, by_key);
  audit_set(e, "targets.actuals", s.id, nullptr,
            json::object{{"revision_id", r.id}, {"count", static_cast<int64_t>(by_key.size())}});
}

}  // namespace jx::targets
