#include "platform/http/router.hpp"

#include <algorithm>
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
  Pattern pat;
  pat.route = routes_.back().get();
  for (auto seg : split_path(pat.route->path)) {
    pat.segments.emplace_back(seg);
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') pat.has_params = true;
  }
  // Literal routes before parameterized ones: /users/export wins over /users/{id}.
  auto pos = std::find_if(patterns_.begin(), patterns_.end(),
                          [&](const Pattern& p) { return p.has_params && !pat.has_params; });
  patterns_.insert(pos, std::move(pat));
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto xs = split_path(path);
  for (const auto& p : patterns_) {
    if (p.segments.size() != xs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < xs.size() && ok; ++i) {
      const std::string& seg = p.segments[i];
      bool param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
      ok = param ? !xs[i].empty() : seg == xs[i];
    }
    if (!ok) continue;
    const Route* r = p.route;
    if (r->method == method || (method == "HEAD" && r->method == "GET")) {
      m.route = r;
      if (p.has_params)
        for (size_t i = 0; i < xs.size(); ++i) {
          const std::string& seg = p.segments[i];
          if (seg.size() > 2 && seg.front() == '{')
            m.params[seg.substr(1, seg.size() - 2)] = std::string(xs[i]);
        }
      return m;
    }
    m.path_matched = true;
  }
  return m;
}

}  // namespace jx::http
