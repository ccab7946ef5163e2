#include "platform/workflow/workflow.hpp"

#include <boost/json.hpp>
#include <set>
#include <stdexcept>

namespace jx::workflow {

namespace json = boost::json;

namespace {

constexpr const char* kInstanceColumns =
    "wf_instance.id, wf_instance.doc_type, wf_instance.doc_id, wf_instance.state, "
    "wf_instance.org_id, wf_instance.region_code, wf_instance.title, wf_instance.created_by, "
    "wf_instance.created_at, wf_instance.updated_at, wf_instance.version";

constexpr const char* kInsertInstance =
    "INSERT INTO wf_instance (doc_type, doc_id, state, org_id, region_code, title, created_by, "
    "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id";
constexpr const char* kInstanceExists =
    "SELECT 1 FROM wf_instance WHERE doc_type = ? AND doc_id = ?";
constexpr const char* kInsertHistory =
    "INSERT INTO wf_history (instance_id, from_state, to_state, action, actor_id, actor_name, "
    "comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
// Names the version it read: a concurrent transition that committed first makes this change
// no row, which is reported as a version conflict.
constexpr const char* kMoveState =
    "UPDATE wf_instance SET state = ?, version = version + 1, updated_at = ? "
    "WHERE id = ? AND version = ?";
constexpr const char* kSetTitle =
    "UPDATE wf_instance SET title = ? WHERE doc_type = ? AND doc_id = ?";
constexpr const char* kHistory =
    "SELECT h.id, h.from_state, h.to_state, h.action, h.actor_id, h.actor_name, h.comment, h.at, "
    "u.display_name FROM wf_history h JOIN wf_instance i ON i.id = h.instance_id LEFT JOIN users "
    "u ON u.id = h.actor_id WHERE i.doc_type = ? AND i.doc_id = ? ORDER BY h.id";

Instance instance_from(const db::Row& r) {
  Instance i;
  i.id = r.i64(0);
  i.doc_type = r.text(1);
  i.doc_id = r.text(2);
  i.state = r.text(3);
  i.org_id = r.i64(4);
  i.region_code = r.text(5);
  i.title = r.text(6);
  i.created_by = r.i64(7);
  i.created_at = r.text(8);
  i.updated_at = r.text(9);
  i.version = r.i64(10);
  return i;
}

std::string select_instance_sql(const std::string& extra_where) {
  std::string sql = std::string("SELECT ") + kInstanceColumns +
                    " FROM wf_instance WHERE wf_instance.doc_type = ? AND wf_instance.doc_id = ?";
  if (!extra_where.empty()) sql += " AND " + extra_where;
  return sql;
}

}  // namespace

Msg Definition::state_label(const std::string& state) const {
  for (const auto& [code, label] : states)
    if (code == state) return label;
  return {state, state};
}

Msg Definition::action_label(const std::string& action) const {
  for (const auto& t : transitions)
    if (t.action == action) return t.label;
  return {action, action};
}

const Transition* Definition::find_transition(const std::string& from,
                                              const std::string& action) const {
  for (const auto& t : transitions)
    if (t.from == from && t.action == action) return &t;
  return nullptr;
}

bool Definition::has_state(const std::string& state) const {
  for (const auto& s : states)
    if (s.first == state) return true;
  return false;
}

void Registry::add(Definition d) {
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("workflow definition '" + d.doc_type + "': " + why);
  };
  if (d.doc_type.empty()) fail("doc_type is empty");
  if (find(d.doc_type)) fail("registered twice");
  std::set<std::string> codes;
  for (const auto& s : d.states) {
    if (s.first.empty()) fail("a state has an empty code");
    if (!codes.insert(s.first).second) fail("state '" + s.first + "' listed twice");
  }
  if (!d.has_state(d.initial)) fail("initial state '" + d.initial + "' is not a state");
  std::set<std::pair<std::string, std::string>> edges;
  for (const auto& t : d.transitions) {
    if (!d.has_state(t.from) || !d.has_state(t.to))
      fail("transition '" + t.action + "' names an unknown state");
    if (t.action.empty() || t.action == "create")
      fail("transition from '" + t.from + "' has a reserved or empty action");
    if (t.permission.empty()) fail("transition '" + t.action + "' has no permission");
    if (!edges.insert({t.from, t.action}).second)
      fail("action '" + t.action + "' defined twice from state '" + t.from + "'");
  }
  defs_.push_back(std::move(d));
}

const Definition* Registry::find(const std::string& doc_type) const {
  for (const auto& d : defs_)
    if (d.doc_type == doc_type) return &d;
  return nullptr;
}

const Definition& Registry::at(const std::string& doc_type) const {
  const Definition* d = find(doc_type);
  if (!d) throw std::invalid_argument("workflow: unregistered doc_type '" + doc_type + "'");
  return *d;
}

Instance start(db::Conn& tx, const Registry& registry, const NewInstance& doc,
               const audit::Actor& actor, const Clock& clock) {
  const Definition& def = registry.at(doc.doc_type);
  if (tx.one(kInstanceExists, {doc.doc_type, doc.doc_id}))
    throw ApiError::conflict("workflow_exists",
                             {"该文档已在流程中", "The document already has a workflow"});
  std::string now = format_utc(clock.now());
  auto row = tx.one(kInsertInstance, {doc.doc_type, doc.doc_id, def.initial, doc.org_id,
                                      doc.region_code, doc.title, actor.user_id, now, now});
  if (!row) throw db::DbError(db::ErrorKind::kOther, "wf_instance insert returned no id");
  Instance inst;
  inst.id = row->i64(0);
  inst.doc_type = doc.doc_type;
  inst.doc_id = doc.doc_id;
  inst.state = def.initial;
  inst.org_id = doc.org_id;
  inst.region_code = doc.region_code;
  inst.title = doc.title;
  inst.created_by = actor.user_id;
  inst.created_at = now;
  inst.updated_at = now;
  inst.version = 1;
  tx.exec(kInsertHistory, {inst.id, "", def.initial, "create", actor.user_id, actor.name, "", now});
  audit::Entry e;
  e.action = "workflow.create";
  e.object_type = doc.doc_type;
  e.object_id = doc.doc_id;
  e.before = nullptr;
  e.after = json::object{{"state", def.initial}};
  audit::append(tx, clock, actor, e);
  return inst;
}

Instance transition(db::Conn& tx, const Registry& registry, const std::string& doc_type,
                    const std::string& doc_id, const std::string& action,
                    const std::string& comment, const auth::Principal& principal,
                    const audit::Actor& actor, const Clock& clock, int64_t expected_version) {
  const Definition& def = registry.at(doc_type);
  std::optional<Instance> found = get_scoped(tx, doc_type, doc_id, principal.scope);
  if (!found) throw ApiError::not_found();
  Instance inst = std::move(*found);

  const Transition* t = def.find_transition(inst.state, action);
  if (!t) {
    Msg state = def.state_label(inst.state);
    Msg act = def.action_label(action);
    throw ApiError::conflict("invalid_transition",
                             {"当前状态为“" + state.zh + "”，不能执行“" + act.zh + "”操作",
                              "Cannot '" + act.en + "' a document in state '" + state.en + "'"});
  }
  if (!principal.can(t->permission)) throw ApiError::forbidden();
  if (t->comment_required && comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ApiError::field("comment", {"退回时必须填写原因", "A reason is required"});
  }
  if (expected_version >= 0 && expected_version != inst.version) throw ApiError::stale();

  std::string now = format_utc(clock.now());
  if (tx.exec(kMoveState, {t->to, now, inst.id, inst.version}) != 1) throw ApiError::stale();
  tx.exec(kInsertHistory,
          {inst.id, inst.state, t->to, action, actor.user_id, actor.name, comment, now});
  audit::Entry e;
  e.action = "workflow." + action;
  e.object_type = doc_type;
  e.object_id = doc_id;
  e.before = json::object{{"state", inst.state}};
  e.after = json::object{{"state", t->to}};
  audit::append(tx, clock, actor, e);

  inst.state = t->to;
  inst.version += 1;
  inst.updated_at = now;
  return inst;
}

void remove(db::Conn& tx, const std::string& doc_type, const std::string& doc_id) {
  tx.exec(
      "DELETE FROM wf_history WHERE instance_id IN (SELECT id FROM wf_instance WHERE "
      "doc_type = ? AND doc_id = ?)",
      {doc_type, doc_id});
  tx.exec("DELETE FROM wf_instance WHERE doc_type = ? AND doc_id = ?", {doc_type, doc_id});
}

bool set_title(db::Conn& tx, const std::string& doc_type, const std::string& doc_id,
               const std::string& title) {
  return tx.exec(kSetTitle, {title, doc_type, doc_id}) > 0;
}

std::optional<Instance> get(db::Conn& conn, const std::string& doc_type,
                            const std::string& doc_id) {
  auto row = conn.one(select_instance_sql(""), {doc_type, doc_id});
  if (!row) return std::nullopt;
  return instance_from(*row);
}

std::optional<Instance> get_scoped(db::Conn& conn, const std::string& doc_type,
                                   const std::string& doc_id, const auth::Scope& scope) {
  db::Params params{doc_type, doc_id};
  std::string pred = scope.predicate("wf_instance.org_id", "wf_instance.region_code", params);
  auto row = conn.one(select_instance_sql(pred), params);
  if (!row) return std::nullopt;
  return instance_from(*row);
}

std::vector<HistoryEntry> history(db::Conn& conn, const std::string& doc_type,
                                  const std::string& doc_id) {
  std::vector<HistoryEntry> out;
  conn.each(kHistory, {doc_type, doc_id}, [&](const db::Row& r) {
    HistoryEntry h;
    h.id = r.i64(0);
    h.from_state = r.text(1);
    h.to_state = r.text(2);
    h.action = r.text(3);
    h.actor_id = r.i64(4);
    h.actor_name = r.text(5);
    h.comment = r.text(6);
    h.at = r.text(7);
    h.actor_display_name = r.is_null(8) ? "" : r.text(8);
    out.push_back(std::move(h));
  });
  return out;
}

boost::json::object history_json(const HistoryEntry& h) {
  return boost::json::object{{"id", h.id},
                             {"from_state", h.from_state},
                             {"to_state", h.to_state},
                             {"action", h.action},
                             {"actor_id", h.actor_id},
                             {"actor_name", h.actor_name},
                             {"actor_display_name", h.actor_display_name},
                             {"comment", h.comment},
                             {"at", h.at}};
}

std::map<std::string, std::string> state_comments(db::Conn& conn, const std::string& doc_type,
                                                  const std::vector<std::string>& doc_ids) {
  std::map<std::string, std::string> out;
  if (doc_ids.empty()) return out;
  db::Params params{doc_type};
  std::string in = db::in_list(doc_ids, params);
  // The newest history row of each instance, if it led into the instance's current state.
  conn.each(
      "SELECT i.doc_id, h.comment FROM wf_instance i JOIN wf_history h ON h.id = "
      "(SELECT MAX(h2.id) FROM wf_history h2 WHERE h2.instance_id = i.id) "
      "WHERE i.doc_type = ? AND i.doc_id IN (" +
          in +
          ") AND h.to_state = i.state "
          "AND h.comment <> ''",
      params, [&](const db::Row& r) { out[r.text(0)] = r.text(1); });
  return out;
}

std::vector<const Transition*> available_actions(const Registry& registry,
                                                 const std::string& doc_type,
                                                 const std::string& state,
                                                 const auth::Principal& principal) {
  std::vector<const Transition*> out;
  const Definition* def = registry.find(doc_type);
  if (!def) return out;
  for (const auto& t : def->transitions)
    if (t.from == state && principal.can(t.permission)) out.push_back(&t);
  return out;
}

InboxPage inbox(db::Conn& conn, const Registry& registry, const auth::Principal& principal,
                int64_t page, int64_t page_size) {
  InboxPage out;
  if (principal.scope.is_empty()) return out;
  // The (doc_type, state) pairs the principal can act on, from the registry.
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& d : registry.all()) {
    std::set<std::string> states;
    for (const auto& t : d.transitions)
      if (t.todo && principal.can(t.permission)) states.insert(t.from);
    for (const auto& s : states) pairs.emplace_back(d.doc_type, s);
  }
  if (pairs.empty()) return out;

  db::Params params;
  std::string where = "(";
  for (size_t i = 0; i < pairs.size(); ++i) {
    where += i ? " OR " : "";
    where += "(wf_instance.doc_type = ? AND wf_instance.state = ?)";
    params.push_back(pairs[i].first);
    params.push_back(pairs[i].second);
  }
  where += ") AND ";
  where += principal.scope.predicate("wf_instance.org_id", "wf_instance.region_code", params);

  auto count = conn.one("SELECT COUNT(*) FROM wf_instance WHERE " + where, params);
  out.total = count ? count->i64(0) : 0;
  if (out.total == 0) return out;

  if (page < 1) page = 1;
  if (page_size < 1) page_size = 1;
  params.push_back(page_size);
  params.push_back((page - 1) * page_size);
  std::string sql =
      "SELECT wf_instance.doc_type, wf_instance.doc_id, wf_instance.title, wf_instance.state, "
      "wf_instance.updated_at FROM wf_instance WHERE " +
      where + " ORDER BY wf_instance.updated_at DESC, wf_instance.id DESC LIMIT ? OFFSET ?";
  conn.each(sql, params, [&](const db::Row& r) {
    InboxItem item;
    item.doc_type = r.text(0);
    item.doc_id = r.text(1);
    item.title = r.text(2);
    item.state = r.text(3);
    item.updated_at = r.text(4);
    const Definition& def = registry.at(item.doc_type);
    item.doc_type_label = def.name;
    item.state_label = def.state_label(item.state);
    for (const Transition* t : available_actions(registry, item.doc_type, item.state, principal))
      item.actions.push_back({t->action, t->label});
    out.items.push_back(std::move(item));
  });
  return out;
}

}  // namespace jx::workflow
