// Password hashing (Argon2id via libsodium, ~100 ms and 64 MiB per hash: call it only on the
// blocking pool, never on an I/O thread) and the password policy of 等保2.0 三级.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/util/error.hpp"

namespace jx::auth {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// The security policy, editable by the 安全管理员 within the floor below. Stored as the setting
// "security.policy".
struct SecurityPolicy {
  int min_length = 8;
  int min_classes = 3;  // of upper, lower, digit, symbol
  int history = 5;      // a new password may not equal any of the last N
  int expiry_days = 90;
  int max_failures = 5;
  int lockout_minutes = 15;
  int idle_timeout_minutes = 30;
  int absolute_timeout_hours = 12;
  int version = 0;
};

// The floor no policy may go below; one FieldError per weaker field.
std::vector<FieldError> check_policy_floor(const SecurityPolicy& p);

// Why a candidate password breaks the policy (length, classes, contains the user name), or
// nullopt. The history rule needs the stored hashes and is checked by the caller.
std::optional<Msg> check_password(const SecurityPolicy& p, const std::string& username,
                                  const std::string& password);

}  // namespace jx::auth
