// Small text helpers shared by validation everywhere.
#pragma once

#include <cstddef>
#include <string_view>

namespace jx {

// The number of characters (UTF-8 code points) of s, as users count them.
inline size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace jx
