// Router matching, request helpers, error bodies and static-file caching rules.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"

namespace jx::http {
namespace {

Route route(const char* method, const char* path) {
  return Route{method, path, Access::signed_in(),
               "s",    "t",  [](RequestContext&) { return Response(); }};
}

TEST(Router, MatchesLiteralsBeforeParameters) {
  Router r;
  r.add(route("GET", "/api/v1/admin/users/{id}"));
  r.add(route("GET", "/api/v1/admin/users/export"));
  r.add(route("POST", "/api/v1/admin/users/{id}/unlock"));
  auto m = r.match("GET", "/api/v1/admin/users/export");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->path, "/api/v1/admin/users/export");
  m = r.match("GET", "/api/v1/admin/users/42");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.match("POST", "/api/v1/admin/users/42/unlock");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.match("DELETE", "/api/v1/admin/users/42");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_matched);  // 405, not 404
  m = r.match("GET", "/api/v1/admin/users/42/extra");
  EXPECT_FALSE(m.route);
  EXPECT_FALSE(m.path_matched);
  EXPECT_TRUE(r.match("HEAD", "/api/v1/admin/users/1").route);
}

TEST(Router, RejectsDuplicatesAndMissingPermissions) {
  Router r;
  r.add(route("GET", "/a"));
  EXPECT_THROW(r.add(route("GET", "/a")), std::logic_error);
  Route bad = route("GET", "/b");
  bad.access = Access::perm("");
  EXPECT_THROW(r.add(bad), std::logic_error);
}

TEST(Request, CookiesHeadersLanguage) {
  Request q;
  q.headers = {{"cookie", "a=1; jx_session=tok123; b=2"}, {"accept-language", "en-US,en;q=0.9"}};
  EXPECT_EQ(q.cookie("jx_session"), "tok123");
  EXPECT_EQ(q.cookie("b"), "2");
  EXPECT_EQ(q.cookie("c"), "");
  EXPECT_EQ(q.lang(), Lang::kEn);
  q.headers = {{"accept-language", "zh-CN,zh;q=0.9,en;q=0.8"}};
  EXPECT_EQ(q.lang(), Lang::kZh);
  q.body = "[1,2]";
  EXPECT_THROW(q.json_object(), ApiError);
  q.body = "{\"a\":1}";
  EXPECT_EQ(q.json_object().at("a").as_int64(), 1);
}

TEST(Errors, BodyCarriesFieldDetailsInTheCallersLanguage) {
  ApiError e = ApiError::field("username", {"用户名不能为空", "username is required"});
  auto zh = error_body(e, Lang::kZh);
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(zh.at("error").at("code").as_string(), "validation_failed");
  EXPECT_EQ(zh.at("error").at("details").as_array()[0].at("field").as_string(), "username");
  EXPECT_EQ(zh.at("error").at("details").as_array()[0].at("message").as_string(), "用户名不能为空");
  auto en = error_body(e, Lang::kEn);
  EXPECT_EQ(en.at("error").at("details").as_array()[0].at("message").as_string(),
            "username is required");
}

TEST(Response, DownloadNamesFileInUtf8) {
  auto r = Response::download("x", "text/csv", "审计日志.csv");
  bool found = false;
  for (auto& [k, v] : r.headers)
    if (k == "Content-Disposition") {
      found = true;
      EXPECT_NE(v.find("filename*=UTF-8''%E5%AE%A1"), std::string::npos) << v;
    }
  EXPECT_TRUE(found);
}

TEST(StaticFiles, HashedAssetsImmutableIndexRevalidatedHistoryFallback) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "jx-static-test";
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<html>预算</html>";
  std::ofstream(dir / "assets" / "app-3f2a.js") << "console.log(1)";
  StaticFiles s;
  s.load(dir.string());
  Request q;
  q.method = "GET";
  q.path = "/assets/app-3f2a.js";
  auto r = s.serve(q);
  ASSERT_TRUE(r);
  auto header = [](const Response& res, const std::string& k) {
    for (auto& [n, v] : res.headers)
      if (n == k) return v;
    return std::string();
  };
  EXPECT_EQ(header(*r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
  q.path = "/admin/users";  // history-mode route
  r = s.serve(q);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<html>预算</html>");
  EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
  q.headers = {{"if-none-match", header(*r, "ETag")}};
  EXPECT_EQ(s.serve(q)->status, 304);
  q.headers.clear();
  q.path = "/assets/missing.js";  // never index.html for a missing asset
  EXPECT_FALSE(s.serve(q));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jx::http
