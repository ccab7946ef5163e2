// The 审计管理员's endpoints: the audit log and the sign-in log, with filters, paging and export.
#include <boost/json.hpp>

#include "platform/context.hpp"
#include "platform/routes.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::audit {

namespace json = boost::json;
using http::Access;
using http::Response;
using http::Route;

namespace {

constexpr int64_t kMaxExportRows = 200000;

// A from/to filter: a date (Asia/Shanghai, whole day) or a full UTC timestamp.
std::string bound(const std::string& v, bool upper, const char* field) {
  TimePoint t;
  if (v.size() == 10) {
    // YYYY-MM-DD in Shanghai: 00:00+08:00 is 16:00Z the previous day.
    if (!parse_utc(v + "T00:00:00.000Z", &t))
      throw ApiError::field(field, {"日期格式应为 YYYY-MM-DD", "Use YYYY-MM-DD"});
    t -= std::chrono::hours(8);
    if (upper) t += std::chrono::hours(24);
    return format_utc(t);
  }
  if (!parse_utc(v, &t)) throw ApiError::field(field, {"时间格式不正确", "Bad timestamp"});
  return format_utc(t);
}

struct Filter {
  std::string where = "1=1";
  db::Params params;
  void exact(const http::Request& req, const char* name, const std::string& column) {
    if (auto v = req.query_param(name); v && !v->empty()) {
      where += " AND " + column + " = ?";
      params.push_back(*v);
    }
  }
  void prefix(const http::Request& req, const char* name, const std::string& column) {
    if (auto v = req.query_param(name); v && !v->empty()) {
      where += " AND " + column + " LIKE ?";
      params.push_back(*v + "%");
    }
  }
  void range(const http::Request& req) {
    if (auto v = req.query_param("from"); v && !v->empty()) {
      where += " AND at >= ?";
      params.push_back(bound(*v, false, "from"));
    }
    if (auto v = req.query_param("to"); v && !v->empty()) {
      where += " AND at < ?";
      params.push_back(bound(*v, true, "to"));
    }
  }
};

Filter audit_filter(const http::Request& req) {
  Filter f;
  f.range(req);
  f.exact(req, "actor", "actor_name");
  f.prefix(req, "action", "action");
  f.exact(req, "object_type", "object_type");
  f.exact(req, "object_id", "object_id");
  f.exact(req, "result", "result");
  return f;
}

Filter login_filter(const http::Request& req) {
  Filter f;
  f.range(req);
  f.exact(req, "username", "username");
  f.exact(req, "result", "result");
  return f;
}

constexpr const char* kAuditCols =
    "id, at, actor_id, actor_name, ip, request_id, action, object_type, object_id, result, "
    "before_json, after_json";
constexpr const char* kLoginCols = "id, at, username, user_id, ip, user_agent, result, detail";

json::object audit_item(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"at", r.text(1)},
          {"actor_id", r.i64(2)},
          {"actor_name", r.text(3)},
          {"ip", r.text(4)},
          {"request_id", r.text(5)},
          {"action", r.text(6)},
          {"object_type", r.text(7)},
          {"object_id", r.text(8)},
          {"result", r.text(9)},
          {"before", json::parse(r.text(10))},
          {"after", json::parse(r.text(11))}};
}

json::object login_item(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"at", r.text(1)},
          {"username", r.text(2)},
          {"user_id", r.opt_i64(3) ? json::value(*r.opt_i64(3)) : json::value(nullptr)},
          {"ip", r.text(4)},
          {"user_agent", r.text(5)},
          {"result", r.text(6)},
          {"detail", r.text(7)}};
}

template <class ItemFn>
Response list(RequestContext& ctx, const char* table, const char* cols, Filter f, ItemFn item) {
  Page page = page_of(ctx.req);
  return ctx.app.db.read([&](db::Conn& c) {
    int64_t total =
        c.query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE " + f.where, f.params)[0]
            .i64(0);
    db::Params p = f.params;
    p.push_back(page.size);
    p.push_back(page.offset());
    json::array items;
    for (const auto& r : c.query(std::string("SELECT ") + cols + " FROM " + table + " WHERE " +
                                     f.where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                 p))
      items.push_back(item(r));
    return Response::json(json::object{{"items", items}, {"total", total}});
  });
}

Response export_table(RequestContext& ctx, const char* table, const char* cols, Filter f,
                      xlsx::Table t,
                      const std::function<std::vector<std::string>(const db::Row&)>& cells,
                      const std::string& file_base) {
  std::string format = ctx.req.query_param("format").value_or("xlsx");
  if (format != "csv" && format != "xlsx")
    throw ApiError::field("format", {"导出格式只能是 csv 或 xlsx", "format must be csv or xlsx"});
  ctx.app.db.read([&](db::Conn& c) {
    db::Params p = f.params;
    p.push_back(kMaxExportRows);
    c.each(std::string("SELECT ") + cols + " FROM " + table + " WHERE " + f.where +
               " ORDER BY id DESC LIMIT ?",
           p, [&](const db::Row& r) { t.rows.push_back(cells(r)); });
  });
  ctx.app.db.write([&](db::Conn& tx) {
    append(tx, ctx.app.clock, ctx.actor(),
           {"audit.export", table, "", "success", nullptr,
            json::object{{"format", format}, {"rows", t.rows.size()}, {"query", ctx.req.target}}});
  });
  std::string stamp = shanghai_date(ctx.app.clock.now());
  if (format == "csv")
    return Response::download(xlsx::to_csv(t), "text/csv; charset=utf-8",
                              file_base + "-" + stamp + ".csv");
  return Response::download(xlsx::to_xlsx(t), xlsx::kContentType,
                            file_base + "-" + stamp + ".xlsx");
}

std::string local_time(const std::string& utc) {
  TimePoint t;
  if (!parse_utc(utc, &t)) return utc;
  std::string s = format_utc(t + std::chrono::hours(8));
  return s.substr(0, 10) + " " + s.substr(11, 8);
}

}  // namespace

void register_audit_routes(http::Router& r) {
  r.add(Route{"GET", "/api/v1/audit/logs", Access::perm("audit.log.read"),
              "审计日志（from、to、actor、action、object_type、result 过滤）", "audit",
              [](RequestContext& ctx) {
                return list(ctx, "audit_log", kAuditCols, audit_filter(ctx.req), audit_item);
              }});
  r.add(Route{"GET", "/api/v1/audit/logs/export", Access::perm("audit.log.export"),
              "导出审计日志（format=csv|xlsx）", "audit",
              [](RequestContext& ctx) {
                xlsx::Table t{"审计日志",
                              {"序号", "时间", "操作人", "IP", "请求编号", "操作", "对象类型",
                               "对象编号", "结果", "变更前", "变更后"},
                              {8, 20, 14, 16, 14, 22, 12, 12, 8, 40, 40},
                              {}};
                return export_table(
                    ctx, "audit_log", kAuditCols, audit_filter(ctx.req), std::move(t),
                    [](const db::Row& r) {
                      return std::vector<std::string>{std::to_string(r.i64(0)),
                                                      local_time(r.text(1)),
                                                      r.text(3),
                                                      r.text(4),
                                                      r.text(5),
                                                      r.text(6),
                                                      r.text(7),
                                                      r.text(8),
                                                      r.text(9) == "success" ? "成功" : "失败",
                                                      r.text(10),
                                                      r.text(11)};
                    },
                    "审计日志");
              },
              true});
  r.add(Route{"GET", "/api/v1/audit/login-logs",
              Access::any("audit.log.read", {"security.loginlog.read"}),
              "登录日志（from、to、username、result 过滤）", "audit", [](RequestContext& ctx) {
                return list(ctx, "login_log", kLoginCols, login_filter(ctx.req), login_item);
              }});
  r.add(Route{"GET", "/api/v1/audit/login-logs/export", Access::perm("audit.log.export"),
              "导出登录日志（format=csv|xlsx）", "audit",
              [](RequestContext& ctx) {
                xlsx::Table t{"登录日志",
                              {"序号", "时间", "用户名", "IP", "浏览器", "结果", "说明"},
                              {8, 20, 14, 16, 40, 14, 20},
                              {}};
                return export_table(
                    ctx, "login_log", kLoginCols, login_filter(ctx.req), std::move(t),
                    [](const db::Row& r) {
                      return std::vector<std::string>{std::to_string(r.i64(0)),
                                                      local_time(r.text(1)),
                                                      r.text(2),
                                                      r.text(4),
                                                      r.text(5),
                                                      r.text(6),
                                                      r.text(7)};
                    },
                    "登录日志");
              },
              true});
}

}  // namespace jx::audit
