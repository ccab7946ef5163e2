// The demo county: `jixiao demo` fills an empty database through the modules' own services.
// Each module registers a slice; slices run in order in one process. Demo accounts have the
// known password kDemoPassword; create_demo_user() refuses unless the database was created by
// `jixiao demo` (meta demo = 1), so no known password can reach a real installation.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "platform/auth/accounts.hpp"
#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"
#include "platform/workflow/workflow.hpp"

namespace jx::demo {

inline constexpr const char* kDemoPassword = "Demo@2026jx";

struct Context {
  db::Db& db;
  const Clock& clock;
  const workflow::Registry& workflows;  // business slices move their documents through it
  std::string password_hash;            // of kDemoPassword, computed once
  std::vector<std::pair<std::string, std::string>> accounts;  // user name, what it is
};

using Slice = std::function<void(Context&)>;
void register_slice(std::string name, int order, Slice slice);

// Creates a demo account with the demo password, no forced change, and the given roles.
int64_t create_demo_user(db::Conn& tx, Context& ctx, const auth::NewUser& u,
                         const std::vector<std::string>& roles, const std::string& what);

// Marks an empty, migrated database as a demo database and runs every slice; returns the demo
// accounts (user name, what it is). Throws std::runtime_error if the database holds users.
std::vector<std::pair<std::string, std::string>> run(db::Db& db, const Clock& clock,
                                                     const workflow::Registry& workflows);

// The platform's slice: the three administrators and a few demo users.
void register_platform_slice();

}  // namespace jx::demo
