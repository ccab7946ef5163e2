// Internal to the two Db backends: what both do around a transaction the same way. Not part of
// the Db interface; modules never include it.
#pragma once

#include <functional>
#include <vector>

namespace jx::db::detail {

using Callbacks = std::vector<std::function<void()>>;

// Marks this thread as inside a Db::read()/write() of any backend; a nested call (which could
// wait forever for the writer or a pooled connection its own caller holds) throws
// std::logic_error instead.
class TransactionScope {
 public:
  TransactionScope();
  ~TransactionScope();
  TransactionScope(const TransactionScope&) = delete;
  TransactionScope& operator=(const TransactionScope&) = delete;
};

// Sleeps a jittered, growing 1..20 ms before retry number `attempt`.
void backoff(int attempt);

// Runs on_commit callbacks after a commit. The transaction is already committed, so a failing
// callback must not look like a failed write (the caller might retry and write twice): it is
// logged and the rest still run.
void run_callbacks(Callbacks& after);

}  // namespace jx::db::detail
