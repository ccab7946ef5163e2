#include "platform/menu.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

namespace jx {

namespace json = boost::json;

static std::vector<MenuItem>& registry() {
  static std::vector<MenuItem> v;
  return v;
}

void register_menu(MenuItem item) {
  auto& r = registry();
  r.erase(std::remove_if(r.begin(), r.end(), [&](const MenuItem& m) { return m.key == item.key; }),
          r.end());
  r.push_back(std::move(item));
  std::stable_sort(r.begin(), r.end(),
                   [](const MenuItem& a, const MenuItem& b) { return a.order < b.order; });
}

static json::array children_of(const std::string& parent, const auth::Principal& p) {
  json::array out;
  for (const auto& m : registry()) {
    if (m.parent != parent) continue;
    if (!m.permission.empty() && !p.can(m.permission)) continue;
    json::object o{{"key", m.key},
                   {"title", m.title},
                   {"title_en", m.title_en},
                   {"icon", m.icon},
                   {"path", m.path}};
    if (m.path.empty()) {
      json::array kids = children_of(m.key, p);
      if (kids.empty()) continue;
      o["children"] = std::move(kids);
    } else {
      o["children"] = json::array();
    }
    out.push_back(std::move(o));
  }
  return out;
}

json::array menu_for(const auth::Principal& p) {
  return children_of("", p);
}

}  // namespace jx
