// /api/v1/openapi.json, generated from the router's table so it lists exactly what is served.
#include <boost/json.hpp>
#include <regex>

#include "platform/routes.hpp"

namespace jx {

namespace json = boost::json;

std::string openapi_json(const http::Router& r) {
  json::object paths;
  static const std::regex kParam("\\{([a-z_]+)\\}");
  for (const auto& route : r.routes()) {
    std::string lower = route->method;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json::object op{{"summary", route->summary},
                    {"tags", json::array{json::value(route->tag)}},
                    {"operationId", lower + route->path}};
    json::array params;
    for (std::sregex_iterator it(route->path.begin(), route->path.end(), kParam), end; it != end;
         ++it)
      params.push_back(json::object{{"name", (*it)[1].str()},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", json::object{{"type", "string"}}}});
    if (route->method == "GET" && route->path.find("/logs") != std::string::npos) {
      for (const char* q : {"page", "page_size"})
        params.push_back(json::object{
            {"name", q}, {"in", "query"}, {"schema", json::object{{"type", "integer"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!route->request_schema.empty())
      op["requestBody"] = json::object{
          {"required", true},
          {"content",
           json::object{{"application/json",
                         json::object{{"schema", json::parse(route->request_schema)}}}}}};
    json::object ok{{"description", "成功"}};
    if (!route->response_schema.empty())
      ok["content"] = json::object{
          {"application/json", json::object{{"schema", json::parse(route->response_schema)}}}};
    json::object responses{{"200", ok},
                           {"default", json::object{{"$ref", "#/components/responses/Error"}}}};
    op["responses"] = responses;
    switch (route->access.kind) {
      case http::Access::kPublic:
        op["security"] = json::array();
        break;
      case http::Access::kSignedIn:
        op["x-permission"] = "signed-in";
        break;
      case http::Access::kPermission: {
        std::string p = route->access.permission;
        for (const auto& a : route->access.also) p += " | " + a;
        op["x-permission"] = p;
        break;
      }
    }
    auto& path_item = paths[route->path];
    if (!path_item.is_object()) path_item = json::object();
    path_item.as_object()[lower] = std::move(op);
  }
  json::object error_schema{
      {"type", "object"},
      {"properties",
       json::object{
           {"error", json::object{{"type", "object"},
                                  {"properties",
                                   json::object{{"code", json::object{{"type", "string"}}},
                                                {"message", json::object{{"type", "string"}}},
                                                {"details", json::object{{"type", "array"}}}}}}}}}};
  json::object doc{
      {"openapi", "3.0.3"},
      {"info", json::object{{"title", "jixiao 预算绩效管理系统 API"}, {"version", JX_VERSION}}},
      {"paths", paths},
      {"components",
       json::object{
           {"securitySchemes", json::object{{"session", json::object{{"type", "apiKey"},
                                                                     {"in", "cookie"},
                                                                     {"name", "jx_session"}}}}},
           {"responses",
            json::object{
                {"Error",
                 json::object{
                     {"description", "错误（见 DESIGN.md 错误格式）"},
                     {"content", json::object{{"application/json",
                                               json::object{{"schema", error_schema}}}}}}}}}}},
      {"security", json::array{json::object{{"session", json::array()}}}}};
  return json::serialize(doc);
}

}  // namespace jx
