// The left menu of the web shell, built on the server from the caller's permissions. Modules
// register their entries at start-up; a group shows when at least one child is visible.
#pragma once

#include <boost/json/array.hpp>
#include <string>

#include "platform/auth/principal.hpp"

namespace jx {

struct MenuItem {
  std::string key;
  std::string parent;  // "" for a top-level entry or group
  std::string title;
  std::string title_en;
  std::string icon;        // Element Plus icon name
  std::string path;        // "" for a group
  std::string permission;  // "" = every signed-in user
  int order = 100;
};

void register_menu(MenuItem item);
boost::json::array menu_for(const auth::Principal& p);

}  // namespace jx
