#include "platform/auth/passwords.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace jx::auth {

std::string hash_password(const std::string& password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::vector<FieldError> check_policy_floor(const SecurityPolicy& p) {
  std::vector<FieldError> e;
  if (p.min_length < 8 || p.min_length > 64)
    e.push_back({"min_length", {"密码最小长度须在 8 到 64 之间", "min_length must be 8..64"}});
  if (p.min_classes < 3 || p.min_classes > 4)
    e.push_back({"min_classes", {"字符类别数须为 3 或 4", "min_classes must be 3 or 4"}});
  if (p.history < 5 || p.history > 24)
    e.push_back(
        {"history", {"不得重复使用的历史密码数须在 5 到 24 之间", "history must be 5..24"}});
  if (p.expiry_days < 1 || p.expiry_days > 90)
    e.push_back({"expiry_days", {"密码有效期须在 1 到 90 天之间", "expiry_days must be 1..90"}});
  if (p.max_failures < 1 || p.max_failures > 5)
    e.push_back(
        {"max_failures", {"连续失败锁定次数须在 1 到 5 之间", "max_failures must be 1..5"}});
  if (p.lockout_minutes < 15 || p.lockout_minutes > 1440)
    e.push_back({"lockout_minutes",
                 {"锁定时长须在 15 到 1440 分钟之间", "lockout_minutes must be 15..1440"}});
  if (p.idle_timeout_minutes < 1 || p.idle_timeout_minutes > 30)
    e.push_back({"idle_timeout_minutes",
                 {"空闲超时须在 1 到 30 分钟之间", "idle_timeout_minutes must be 1..30"}});
  if (p.absolute_timeout_hours < 1 || p.absolute_timeout_hours > 12)
    e.push_back({"absolute_timeout_hours",
                 {"会话最长时间须在 1 到 12 小时之间", "absolute_timeout_hours must be 1..12"}});
  return e;
}

static std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Counts UTF-8 code points, so a Chinese character counts once.
static size_t utf8_length(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

std::optional<Msg> check_password(const SecurityPolicy& p, const std::string& username,
                                  const std::string& password) {
  if (utf8_length(password) < static_cast<size_t>(p.min_length))
    return Msg{"密码长度至少为 " + std::to_string(p.min_length) + " 个字符",
               "The password must have at least " + std::to_string(p.min_length) + " characters"};
  if (password.size() > 128) return Msg{"密码不能超过 128 个字符", "The password is too long"};
  bool upper = false, low = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::isupper(c))
      upper = true;
    else if (std::islower(c))
      low = true;
    else if (std::isdigit(c))
      digit = true;
    else
      symbol = true;
  }
  int classes = upper + low + digit + symbol;
  if (classes < p.min_classes)
    return Msg{"密码须包含大写字母、小写字母、数字、特殊符号中的至少 " +
                   std::to_string(p.min_classes) + " 类",
               "The password must mix at least " + std::to_string(p.min_classes) +
                   " of upper case, lower case, digits and symbols"};
  if (!username.empty() && lower(password).find(lower(username)) != std::string::npos)
    return Msg{"密码不能包含用户名", "The password must not contain the user name"};
  return std::nullopt;
}

}  // namespace jx::auth
