#include "platform/demo.hpp"

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "platform/auth/passwords.hpp"
#include "platform/util/error.hpp"

namespace jx::demo {

namespace {

struct Registered {
  std::string name;
  int order;
  Slice slice;
};

std::vector<Registered>& slices() {
  static std::vector<Registered> v;
  return v;
}

bool is_demo_db(db::Conn& c) {
  auto r = c.one("SELECT value FROM meta WHERE key = 'demo'");
  return r && r->text(0) == "1";
}

}  // namespace

void register_slice(std::string name, int order, Slice slice) {
  auto& v = slices();
  v.erase(std::remove_if(v.begin(), v.end(), [&](const Registered& r) { return r.name == name; }),
          v.end());
  v.push_back({std::move(name), order, std::move(slice)});
  std::stable_sort(v.begin(), v.end(),
                   [](const Registered& a, const Registered& b) { return a.order < b.order; });
}

int64_t create_demo_user(db::Conn& tx, Context& ctx, const auth::NewUser& u,
                         const std::vector<std::string>& roles, const std::string& what) {
  if (!is_demo_db(tx))
    throw std::runtime_error(
        "演示账号只能在演示库中创建 (demo accounts exist only in a demo database)");
  audit::Actor system{0, "jixiao demo", "", ""};
  int64_t id = auth::create_user(tx, ctx.clock, system, u, ctx.password_hash, false, true);
  if (!roles.empty()) auth::set_user_roles(tx, ctx.clock, system, id, roles);
  ctx.accounts.emplace_back(u.username, what);
  return id;
}

std::vector<std::pair<std::string, std::string>> run(db::Db& db, const Clock& clock,
                                                     const workflow::Registry& workflows) {
  Context ctx{db, clock, workflows, auth::hash_password(kDemoPassword), {}};
  db.write([&](db::Conn& tx) {
    if (tx.query("SELECT COUNT(*) FROM users")[0].i64(0) > 0)
      throw std::runtime_error(
          "数据库中已有账号，演示数据只能写入空库 (the database is not empty)");
    tx.exec(
        "INSERT INTO meta (key, value) VALUES ('demo', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    auth::ensure_builtin_roles(tx, clock);
  });
  for (auto& s : slices()) {
    try {
      s.slice(ctx);
    } catch (const ApiError& e) {
      // A slice runs the modules' use cases: say which rule refused, in the slice's words.
      std::string why = "demo slice " + s.name + ": " + e.code() + " " + e.message().zh;
      for (const auto& d : e.details()) why += "; " + d.field + ": " + d.message.zh;
      throw std::runtime_error(why);
    }
  }
  return ctx.accounts;
}

void register_platform_slice() {
  register_slice("platform", 0, [](Context& ctx) {
    ctx.db.write([&](db::Conn& tx) {
      create_demo_user(tx, ctx, {"sysadmin", "系统管理员", std::nullopt, "", ""}, {"sysadmin"},
                       "系统管理员");
      create_demo_user(tx, ctx, {"secadmin", "安全管理员", std::nullopt, "", ""}, {"secadmin"},
                       "安全管理员");
      create_demo_user(tx, ctx, {"auditadmin", "审计管理员", std::nullopt, "", ""}, {"auditadmin"},
                       "审计管理员");
      // Business users; the org module gives them organizations and roles.
      create_demo_user(tx, ctx, {"zhangwei", "张伟", std::nullopt, "0635-5212345", ""}, {},
                       "财政局绩效管理股");
      create_demo_user(tx, ctx, {"lina", "李娜", std::nullopt, "0635-5218765", ""}, {},
                       "县教育和体育局");
    });
  });
}

}  // namespace jx::demo
