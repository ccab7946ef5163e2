// Workflow: named document states, the transitions between them (each guarded by a permission),
// a history row per transition, and the to-do inbox (待办) as one query over the instances.
//
// Contract
// - A Registry is filled at start-up (Registry::add) and read-only afterwards: concurrent
//   readers need no locking; add() must not run while requests are served. add() throws
//   std::invalid_argument on a malformed or duplicate definition (a programming error).
// - start(), transition() take the caller's write transaction: they write wf_instance,
//   wf_history and an audit row there, so the document change, its workflow step and the
//   audit row commit or roll back together. Errors a user can cause are ApiError (404, 403,
//   409 invalid_transition / version_conflict, 422); nothing is written when one is thrown.
// - transition() applies the principal's data scope: an instance outside it is a 404, exactly
//   like one that does not exist (no IDOR). start() does not check scope or permission: the
//   calling service decides who may create the document.
// - Concurrent transitions of one instance: the UPDATE names the version it read, so the
//   loser of a race gets 409 version_conflict and nothing is lost.
// - A state or action unknown to the registry is shown by its code (not an error).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/error.hpp"

namespace jx::workflow {

struct Transition {
  std::string from;
  std::string action;
  std::string to;
  std::string permission;  // the principal must hold it to take this transition
  bool comment_required = false;
  Msg label;  // of the action: 提交, 退回, ...
  // Whether a document waiting in `from` is a to-do for holders of the permission. Optional
  // steps (withdraw, exit, …) are false: they are offered but never fill the inbox.
  bool todo = true;
};

struct Definition {
  std::string doc_type;  // "target", "self_evaluation", ...
  Msg name;              // 绩效目标, ...
  std::string initial;
  std::vector<std::pair<std::string, Msg>> states;  // code, label
  std::vector<Transition> transitions;

  // The label of a state; the code itself (in both languages) if the state is unknown.
  Msg state_label(const std::string& state) const;
  // The label of an action (from the first transition naming it); the code if unknown.
  Msg action_label(const std::string& action) const;
  const Transition* find_transition(const std::string& from, const std::string& action) const;
  bool has_state(const std::string& state) const;
};

class Registry {
 public:
  void add(Definition d);
  const Definition* find(const std::string& doc_type) const;
  // Throws std::invalid_argument if doc_type is not registered (a programming error).
  const Definition& at(const std::string& doc_type) const;
  const std::vector<Definition>& all() const { return defs_; }

 private:
  std::vector<Definition> defs_;
};

struct Instance {
  int64_t id = 0;
  std::string doc_type;
  std::string doc_id;
  std::string state;
  int64_t org_id = 0;
  std::string region_code;
  std::string title;
  int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct HistoryEntry {
  int64_t id = 0;
  std::string from_state;  // "" for the "create" row
  std::string to_state;
  std::string action;  // "create" for the first row
  int64_t actor_id = 0;
  std::string actor_name;          // the account's user name, as recorded (the audit's)
  std::string actor_display_name;  // the account's name now; empty when the account is gone
  std::string comment;
  std::string at;
};

// What a new instance is about: the document, its title (shown in the inbox) and the
// organization and region whose data scope governs who sees it.
struct NewInstance {
  std::string doc_type;
  std::string doc_id;
  std::string title;
  int64_t org_id = 0;
  std::string region_code;
};

// Creates the instance in the definition's initial state, with a "create" history row and a
// "workflow.create" audit row. Throws std::invalid_argument for an unregistered doc_type and
// ApiError 409 "workflow_exists" if the document already has an instance.
Instance start(db::Conn& tx, const Registry& registry, const NewInstance& doc,
               const audit::Actor& actor, const Clock& clock);

// Takes `action` on the document: checks, in this order, that the instance exists within the
// principal's scope (404), the action is allowed from the current state (409
// invalid_transition), the principal holds the transition's permission (403), a required
// comment is present (422, field "comment"), and expected_version (if >= 0) matches (409
// version_conflict). Then moves the state, bumps version and updated_at, and writes a history
// row and a "workflow.<action>" audit row. Returns the updated instance.
Instance transition(db::Conn& tx, const Registry& registry, const std::string& doc_type,
                    const std::string& doc_id, const std::string& action,
                    const std::string& comment, const auth::Principal& principal,
                    const audit::Actor& actor, const Clock& clock, int64_t expected_version = -1);

// Deletes a document's instance and its history (a draft that was never submitted is deleted
// with its document). Not audited here: the document's deletion is.
void remove(db::Conn& tx, const std::string& doc_type, const std::string& doc_id);

// Changes the title shown in the inbox (when the document is renamed). Not audited here: the
// document's own update is. Returns false if there is no instance.
bool set_title(db::Conn& tx, const std::string& doc_type, const std::string& doc_id,
               const std::string& title);

std::optional<Instance> get(db::Conn& conn, const std::string& doc_type, const std::string& doc_id);
// The instance only if it lies within scope (in SQL), else nullopt.
std::optional<Instance> get_scoped(db::Conn& conn, const std::string& doc_type,
                                   const std::string& doc_id, const auth::Scope& scope);

// Oldest first (the order the steps happened).
std::vector<HistoryEntry> history(db::Conn& conn, const std::string& doc_type,
                                  const std::string& doc_id);
// One step as every page shows it: {id, from_state ("" for the creation), to_state, action,
// actor_id, actor_name, actor_display_name, comment, at}.
boost::json::object history_json(const HistoryEntry& h);

// For each document that has one, the comment of the step that brought it into its current
// state (a return or rejection reason), in one query. Documents without a comment are absent.
std::map<std::string, std::string> state_comments(db::Conn& conn, const std::string& doc_type,
                                                  const std::vector<std::string>& doc_ids);

// The transitions the principal may take from the instance's current state.
std::vector<const Transition*> available_actions(const Registry& registry,
                                                 const std::string& doc_type,
                                                 const std::string& state,
                                                 const auth::Principal& principal);

struct InboxAction {
  std::string code;
  Msg label;
};

struct InboxItem {
  std::string doc_type;
  Msg doc_type_label;
  std::string doc_id;
  std::string title;
  std::string state;
  Msg state_label;
  std::vector<InboxAction> actions;
  std::string updated_at;
};

struct InboxPage {
  std::vector<InboxItem> items;
  int64_t total = 0;
};

// The principal's to-do list: instances (within the principal's scope, in SQL) whose current
// state has a transition the principal may take; newest updated first. page is 1-based.
// Returns an empty page without a query if the principal can act on nothing.
InboxPage inbox(db::Conn& conn, const Registry& registry, const auth::Principal& principal,
                int64_t page, int64_t page_size);

}  // namespace jx::workflow
