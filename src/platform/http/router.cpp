#include "platform/http/router.hpp"

#include <stdexcept>

namespace jx::http {

namespace {

std::vector<std::string_view> split_path(std::string_view p) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '/') {
      ++i;
      continue;
    }
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    out.push_back(p.substr(i, j - i));
    i = j;
  }
  return out;
}

bool match_path(const std::string& pattern, std::string_view path,
                std::unordered_map<std::string, std::string>* params) {
  auto ps = split_path(pattern);
  auto xs = split_path(path);
  if (ps.size() != xs.size()) return false;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      if (xs[i].empty()) return false;
      if (params) (*params)[std::string(ps[i].substr(1, ps[i].size() - 2))] = std::string(xs[i]);
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool Access::granted_to(const auth::Principal& pr) const {
  switch (kind) {
    case kPublic:
      return true;
    case kSignedIn:
      return pr.user_id != 0;
    case kPermission:
      if (pr.can(permission)) return true;
      for (const auto& p : also)
        if (pr.can(p)) return true;
      return false;
  }
  return false;
}

void Router::add(Route r) {
  for (const auto& existing : routes_)
    if (existing->method == r.method && existing->path == r.path)
      throw std::logic_error("duplicate route " + r.method + " " + r.path);
  if (r.access.kind == Access::kPermission && r.access.permission.empty())
    throw std::logic_error("route without permission: " + r.path);
  routes_.push_back(std::make_unique<Route>(std::move(r)));
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  // Literal segments win over parameters: try routes without parameters first.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& r : routes_) {
      bool has_param = r->path.find('{') != std::string::npos;
      if (has_param != (pass == 1)) continue;
      std::unordered_map<std::string, std::string> params;
      if (!match_path(r->path, path, &params)) continue;
      if (r->method == method || (method == "HEAD" && r->method == "GET")) {
        m.route = r.get();
        m.params = std::move(params);
        return m;
      }
      m.path_matched = true;
    }
  }
  return m;
}

}  // namespace jx::http
