// jixiao: the command line. serve, init, migrate, demo, bench-data, user, backup, restore, audit,
// version.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/modules.hpp"
#include "modules/org/bench_data.hpp"
#include "modules/org/service.hpp"
#include "modules/projects/bench_data.hpp"
#include "modules/projects/store.hpp"
#include "modules/targets/bench_data.hpp"
#include "platform/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/db/backup.hpp"
#include "platform/db/migrations.hpp"
#include "platform/demo.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/routes.hpp"
#include "platform/util/crypto.hpp"
#include "platform/workflow/routes.hpp"

namespace fs = std::filesystem;
using namespace jx;

namespace {

struct Common {
  std::string config_path;
  std::string db_url;
};

Config load_config(const Common& c) {
  Config cfg = Config::load(c.config_path);
  if (!c.db_url.empty()) cfg.db_url = c.db_url;
  if (cfg.db_url.empty())
    throw std::runtime_error(
        "没有指定数据库：请用 --db sqlite:///绝对路径.db 或 postgresql://用户@主机:端口/库名，"
        "或在 jixiao.toml 中设置 db (no database given)");
  return cfg;
}

std::unique_ptr<db::Db> open_db(const Config& cfg) {
  db::Options o;
  o.pool_size = cfg.db_pool_size;
  return db::open(cfg.db_url, o);
}

std::string exe_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "." : p.parent_path().string();
}

std::string find_web_dir(const Config& cfg) {
  if (!cfg.web_dir.empty()) return cfg.web_dir;
  for (const auto& cand :
       {exe_dir() + "/../share/jixiao/web", exe_dir() + "/../../web/dist", std::string("web/dist")})
    if (fs::exists(cand + "/index.html")) return fs::weakly_canonical(cand).string();
  return "";
}

const audit::Actor kCli{0, "jixiao-cli", "", ""};

audit::Actor cli_actor() {
  audit::Actor a = kCli;
  const char* user = getenv("SUDO_USER");
  if (!user) user = getenv("USER");
  a.name = std::string("cli:") + (user ? user : "unknown");
  return a;
}

int cmd_serve(const Common& common, const std::string& listen, const std::string& web_dir,
              bool fixtures, const std::string& access_log) {
  auto t0 = std::chrono::steady_clock::now();
  Config cfg = load_config(common);
  if (!listen.empty()) cfg.listen = listen;
  if (!web_dir.empty()) cfg.web_dir = web_dir;
  if (!access_log.empty()) cfg.access_log = access_log;
  if (fixtures) cfg.test_fixtures = true;
  auto colon = cfg.listen.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error("--listen 应为 主机:端口 (HOST:PORT): " + cfg.listen);
  http::ServerOptions so;
  so.host = cfg.listen.substr(0, colon);
  if (so.host.size() > 2 && so.host.front() == '[') so.host = so.host.substr(1, so.host.size() - 2);
  try {
    so.port = static_cast<uint16_t>(std::stoi(cfg.listen.substr(colon + 1)));
  } catch (const std::exception&) {
    throw std::runtime_error("--listen 端口无效 (bad port): " + cfg.listen);
  }
  so.io_threads =
      cfg.io_threads > 0 ? cfg.io_threads : std::max(2u, std::thread::hardware_concurrency());
  so.blocking_threads = cfg.blocking_threads;
  so.max_body_bytes = cfg.max_body_bytes;
  so.request_timeout_s = cfg.request_timeout_s;
  so.keepalive_timeout_s = cfg.keepalive_timeout_s;
  so.shutdown_grace_s = cfg.shutdown_grace_s;
  so.tls_cert = cfg.tls_cert;
  so.tls_key = cfg.tls_key;
  so.access_log = cfg.access_log;
  so.trusted_proxies = http::TrustedProxies::parse(cfg.trusted_proxies);

  auto database = open_db(cfg);
  db::migrate(*database);
  SystemClock system_clock;
  OffsetClock test_clock;
  Clock& clock = cfg.test_fixtures ? static_cast<Clock&>(test_clock) : system_clock;

  workflow::Registry workflows;
  app::register_catalog(workflows, cfg.test_fixtures);
  database->write([&](db::Conn& tx) {
    auth::ensure_builtin_roles(tx, clock);
    if (int64_t n = org::index_missing_names(tx))
      spdlog::info("org: indexed the names of {} organizations", n);
    if (int64_t n = projects::store::index_missing_names(tx))
      spdlog::info("projects: indexed the names of {} projects", n);
  });
  auth::SessionManager sessions(*database, clock);
  sessions.set_me_builder(auth::build_me_json);
  org::install_scope_loader(sessions);
  jobs::JobRunner jobs(*database, clock, std::max(1, cfg.blocking_threads / 2));
  int64_t interrupted = jobs.recover_after_crash();
  if (interrupted)
    spdlog::warn("{} background job(s) interrupted by the last stop were marked failed",
                 interrupted);

  Services services{
      cfg, *database, clock, sessions, jobs, workflows, cfg.test_fixtures ? &test_clock : nullptr};
  http::Router router;
  app::register_routes(router, workflows, cfg.test_fixtures);
  if (cfg.test_fixtures) {
    workflow::ensure_fixture_schema(*database);
    spdlog::warn(
        "test fixtures are ON: test-only endpoints and an adjustable clock (never use in "
        "production)");
  }
  http::StaticFiles web;
  std::string wd = find_web_dir(cfg);
  web.load(wd);
  if (web.empty())
    spdlog::warn("no web UI found (build web/ or pass --web-dir); serving the API only");

  ApiDispatcher dispatcher(router, services, web, !cfg.tls_cert.empty());
  http::Server server(so, dispatcher);
  server.listen();
  // Idle sessions are ended in the database every few minutes.
  std::atomic<bool> stopping{false};
  std::thread sweeper([&] {
    int ticks = 0;
    while (!stopping) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (++ticks % 1500 == 0) {
        try {
          sessions.sweep();
        } catch (const std::exception& e) {
          spdlog::warn("session sweep failed: {}", e.what());
        }
      }
    }
  });
  server.run([&] {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::string scheme = cfg.tls_cert.empty() ? "http" : "https";
    std::cout << "jixiao " << JX_VERSION << " (" << database->describe() << ") listening on "
              << scheme << "://" << so.host << ":" << server.port() << " — ready in "
              << static_cast<int>(ms) << " ms" << std::endl;
  });
  std::cout << "jixiao: shutting down" << std::endl;
  stopping = true;
  sweeper.join();
  jobs.shutdown();
  return 0;
}

void print_password_notice() {
  std::cout << "\n以上为一次性初始密码，只显示这一次；首次登录后必须修改。\n"
               "These one-time passwords are shown once; each must be changed at first sign-in.\n";
}

int cmd_init(const Common& common) {
  Config cfg = load_config(common);
  auto database = open_db(cfg);
  db::migrate(*database);
  SystemClock clock;
  workflow::Registry workflows;
  app::register_catalog(workflows);
  struct Admin {
    const char* username;
    const char* name;
    const char* role;
    std::string password;
  };
  std::vector<Admin> admins = {{"sysadmin", "系统管理员", "sysadmin", ""},
                               {"secadmin", "安全管理员", "secadmin", ""},
                               {"auditadmin", "审计管理员", "auditadmin", ""}};
  std::vector<std::string> hashes;
  for (auto& a : admins) {
    a.password = crypto::random_password(14);
    hashes.push_back(auth::hash_password(a.password));
  }
  database->write([&](db::Conn& tx) {
    if (tx.query("SELECT COUNT(*) FROM users")[0].i64(0) > 0)
      throw std::runtime_error(
          "数据库已初始化（已有账号），init 不会重复创建管理员 (already initialized)");
    auth::ensure_builtin_roles(tx, clock);
    for (size_t i = 0; i < admins.size(); ++i) {
      auto id = auth::create_user(tx, clock, cli_actor(),
                                  {admins[i].username, admins[i].name, std::nullopt, "", ""},
                                  hashes[i], true);
      auth::set_user_roles(tx, clock, cli_actor(), id, {admins[i].role});
    }
  });
  for (const auto& a : admins) std::cout << a.username << "\t" << a.password << "\n";
  print_password_notice();
  return 0;
}

int cmd_demo(const Common& common) {
  Config cfg = load_config(common);
  auto database = open_db(cfg);
  db::migrate(*database);
  SystemClock clock;
  workflow::Registry workflows;
  app::register_catalog(workflows);
  auto accounts = demo::run(*database, clock, workflows);
  std::cout << "演示数据已写入 (demo county loaded): " << database->describe() << "\n"
            << "演示账号的密码均为 (every demo account's password): " << demo::kDemoPassword
            << "\n";
  for (const auto& [u, what] : accounts) std::cout << "  " << u << "\t" << what << "\n";
  return 0;
}

int cmd_bench_data(const Common& common, const org::BenchScale& scale,
                   projects::BenchProjectsScale project_scale, int targets, std::string password) {
  auto t0 = std::chrono::steady_clock::now();
  Config cfg = load_config(common);
  auto database = open_db(cfg);
  db::migrate(*database);
  SystemClock clock;
  workflow::Registry workflows;
  app::register_catalog(workflows);
  if (password.empty()) password = crypto::random_password(14);
  auto r = org::generate_bench_data(*database, clock, scale, password);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& x : r.samples) {
    if (x.what == "county_fin_perf") project_scale.sample_county = x.region_code;
    if (x.what == "dept_admin") project_scale.sample_department = x.org_id;
  }
  auto t1 = std::chrono::steady_clock::now();
  auto pr = projects::generate_bench_projects(*database, clock, project_scale);
  double ps = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  targets::BenchTargetsScale target_scale;
  target_scale.year = project_scale.year;
  for (const auto& x : r.samples)
    if (x.what == "unit_clerk") target_scale.sample_unit = x.org_id;
  auto t2 = std::chrono::steady_clock::now();
  targets::BenchTargetsResult tr;
  if (targets && pr.projects > 0)
    tr = targets::generate_bench_targets(*database, clock, target_scale);
  double ts = std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count();
  std::cout << "压测数据已写入 (bench province generated): " << database->describe() << "\n"
            << "  regions " << r.regions << ", organizations " << r.organizations << " (units "
            << r.units << "), office_oversight " << r.oversight << ", users " << r.users << "\n";
  std::printf("  in %.1f s\n", s);
  std::cout << "  projects " << pr.projects << ", amounts " << pr.amounts << ", cases " << pr.cases
            << " (concluded " << pr.concluded << ", rounds " << pr.rounds << "), name pairs "
            << pr.grams << "\n";
  std::printf("  projects in %.1f s\n", ps);
  if (tr.sets > 0) {
    std::cout << "  target sets " << tr.sets << " (departments " << tr.department_sets
              << "; approved " << tr.approved << ", submitted " << tr.submitted << ", drafts "
              << tr.drafts << ", returned " << tr.returned << "), leaves " << tr.leaves
              << ", tasks " << tr.tasks << ", projects needing targets " << tr.needing << "\n";
    std::printf("  targets in %.1f s\n", ts);
  }
  std::cout << "every generated account's password (所有生成账号的密码): " << password << "\n"
            << "user names u<region>.<budget code or office>.<n>; samples (what, user, region, org "
               "id):\n";
  for (const auto& x : r.samples)
    std::cout << "sample\t" << x.what << "\t" << x.username << "\t" << x.region_code << "\t"
              << x.org_id << "\n";
  for (const auto& x : pr.samples)
    std::cout << "psample\t" << x.what << "\t" << x.value << "\t" << x.matches << "\n";
  for (const auto& x : tr.samples)
    std::cout << "tsample\t" << x.what << "\t" << x.value << "\t" << x.count << "\n";
  return 0;
}

int cmd_migrate(const Common& common) {
  Config cfg = load_config(common);
  auto database = open_db(cfg);
  auto r = db::migrate(*database);
  std::cout << "migrations: " << r.applied << " applied now, " << r.total << " in all\n";
  return 0;
}

int cmd_user(const Common& common, const std::string& action, const std::string& username,
             const std::string& display_name) {
  Config cfg = load_config(common);
  auto database = open_db(cfg);
  db::migrate(*database);
  SystemClock clock;
  workflow::Registry workflows;
  app::register_catalog(workflows);
  auth::SessionManager sessions(*database, clock);
  if (username.empty())
    throw std::runtime_error("请用 --username 指定用户名 (--username is required)");
  std::string password;
  if (action == "create" || action == "reset-password") {
    password = crypto::random_password(14);
  }
  std::string hash = password.empty() ? "" : auth::hash_password(password);
  database->write([&](db::Conn& tx) {
    auto id = auth::find_user_id(tx, username);
    if (action == "create") {
      if (display_name.empty())
        throw std::runtime_error("请用 --display-name 指定姓名 (--display-name is required)");
      try {
        auth::create_user(tx, clock, cli_actor(), {username, display_name, std::nullopt, "", ""},
                          hash, true);
      } catch (const ApiError& e) {
        std::string msg = e.message().zh;
        for (const auto& d : e.details()) msg += "；" + d.field + "：" + d.message.zh;
        throw std::runtime_error(msg);
      }
      return;
    }
    if (!id) throw std::runtime_error("用户不存在 (no such user): " + username);
    std::string now = format_utc(clock.now());
    if (action == "reset-password") {
      auth::set_password(tx, clock, *id, hash, true);
      sessions.end_all_for_user(tx, *id, "password_reset");
    } else if (action == "unlock") {
      tx.exec(
          "UPDATE users SET failed_count = 0, locked_until = NULL, updated_at = ?, version = "
          "version + 1 WHERE id = ?",
          {now, *id});
    } else if (action == "disable" || action == "enable") {
      tx.exec("UPDATE users SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?",
              {action == "disable" ? "disabled" : "active", now, *id});
      if (action == "disable") sessions.end_all_for_user(tx, *id, "disabled");
    }
    audit::append(tx, clock, cli_actor(), {"user." + action, "user", std::to_string(*id)});
  });
  if (!password.empty()) {
    std::cout << username << "\t" << password << "\n";
    print_password_notice();
  } else {
    std::cout << "done: " << action << " " << username << "\n";
  }
  return 0;
}

int cmd_audit_verify(const Common& common) {
  Config cfg = load_config(common);
  auto database = open_db(cfg);
  auto r = audit::verify(*database);
  if (r.ok) {
    std::cout << "audit chain OK: " << r.rows_checked << " rows\n";
    return 0;
  }
  std::cout << "审计日志链校验失败 (audit chain BROKEN): " << r.problems.size() << " problem(s) in "
            << r.rows_checked << " rows\n";
  for (const auto& p : r.problems) std::cout << "  " << p << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"jixiao 预算绩效管理系统 (budget performance management)"};
  cli.require_subcommand(1);
  Common common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--db", common.db_url,
                    "数据库 sqlite:///abs/path.db | postgresql://user@host:port/name (JIXIAO_DB)");
    sub->add_option("--config", common.config_path, "配置文件 jixiao.toml");
  };
  std::string listen, web_dir, access_log;
  bool fixtures = false;
  auto* serve = cli.add_subcommand("serve", "启动 HTTP 服务 (serve the API and the web UI)");
  add_common(serve);
  serve->add_option("--listen", listen, "监听地址 HOST:PORT (default 127.0.0.1:8080)");
  serve->add_option("--web-dir", web_dir, "前端构建目录 (built web UI)");
  serve->add_option("--access-log", access_log, "访问日志：stderr | off | 文件路径");
  serve->add_flag("--test-fixtures", fixtures, "测试专用接口与可调时钟（切勿用于生产）");
  auto* init = cli.add_subcommand("init", "建库并创建三员管理员账号，打印一次性密码");
  add_common(init);
  auto* migrate = cli.add_subcommand("migrate", "执行数据库迁移");
  add_common(migrate);
  auto* demo_cmd = cli.add_subcommand("demo", "在空库中写入演示县数据与演示账号");
  add_common(demo_cmd);
  auto* bench_cmd = cli.add_subcommand(
      "bench-data", "在新建的空库中生成全省压测数据（约2万个机构、6万个账号、30万个项目）");
  add_common(bench_cmd);
  org::BenchScale scale;
  std::string bench_password;
  bench_cmd->add_option("--cities", scale.cities, "地市数 (1-16)")->capture_default_str();
  bench_cmd->add_option("--counties", scale.counties, "县区数")->capture_default_str();
  bench_cmd->add_option("--townships", scale.townships_per_county, "每县乡镇街道数 (1-30)")
      ->capture_default_str();
  bench_cmd->add_option("--units-per-county", scale.units_per_county, "每县预算单位数")
      ->capture_default_str();
  bench_cmd->add_option("--users-per-org", scale.users_per_org, "每个机构的账号数")
      ->capture_default_str();
  projects::BenchProjectsScale project_scale;
  bench_cmd->add_option("--projects", project_scale.projects, "项目数（0：不生成项目）")
      ->capture_default_str();
  bench_cmd->add_option("--year", project_scale.year, "当前年度（默认今年）");
  int bench_targets = 1;
  bench_cmd->add_option("--targets", bench_targets, "生成项目时一并生成绩效目标（0：不生成）")
      ->capture_default_str();
  bench_cmd->add_option("--password", bench_password, "全部账号的密码（默认随机生成并打印）");
  auto* user =
      cli.add_subcommand("user", "账号维护：create | reset-password | unlock | disable | enable");
  std::string user_action, username, display_name;
  user->add_option("action", user_action, "create | reset-password | unlock | disable | enable")
      ->required()
      ->check(CLI::IsMember({"create", "reset-password", "unlock", "disable", "enable"}));
  user->add_option("--username", username, "用户名");
  user->add_option("--display-name", display_name, "姓名（create 时必填）");
  add_common(user);
  auto* backup = cli.add_subcommand("backup", "备份数据库到文件");
  std::string out_file, from_file;
  add_common(backup);
  backup->add_option("--out", out_file, "备份文件")->required();
  auto* restore = cli.add_subcommand("restore", "从备份文件恢复（服务须先停止）");
  add_common(restore);
  restore->add_option("--from", from_file, "备份文件")->required();
  auto* audit_cmd = cli.add_subcommand("audit", "审计日志工具");
  auto* verify = audit_cmd->add_subcommand("verify", "校验审计日志哈希链");
  audit_cmd->require_subcommand(1);
  add_common(verify);
  cli.add_subcommand("version", "显示版本");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  try {
    if (common.db_url.empty() && getenv("JIXIAO_DB")) common.db_url = getenv("JIXIAO_DB");
    if (*serve) return cmd_serve(common, listen, web_dir, fixtures, access_log);
    if (*init) return cmd_init(common);
    if (*migrate) return cmd_migrate(common);
    if (*demo_cmd) return cmd_demo(common);
    if (*bench_cmd)
      return cmd_bench_data(common, scale, project_scale, bench_targets, bench_password);
    if (*user) return cmd_user(common, user_action, username, display_name);
    if (*backup) {
      Config cfg = load_config(common);
      db::backup(cfg.db_url, out_file);
      std::cout << "backup written: " << out_file << "\n";
      return 0;
    }
    if (*restore) {
      Config cfg = load_config(common);
      db::restore(from_file, cfg.db_url);
      std::cout << "restored from " << from_file << "\n";
      return 0;
    }
    if (*verify) return cmd_audit_verify(common);
    std::cout << "jixiao " << JX_VERSION << "\n";
    return 0;
  } catch (const db::MigrationError& e) {
    std::cerr << "jixiao: 数据库迁移被拒绝 (migration refused): " << e.what() << "\n";
    return 3;
  } catch (const db::DbError& e) {
    std::cerr << "jixiao: 数据库错误 (database error): " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "jixiao: " << e.what() << "\n";
    return 1;
  }
}
