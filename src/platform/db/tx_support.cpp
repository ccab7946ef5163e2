#include "platform/db/tx_support.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

namespace jx::db::detail {

namespace {
thread_local bool t_in_transaction = false;
}

TransactionScope::TransactionScope() {
  if (t_in_transaction) {
    throw std::logic_error(
        "Db::read()/write() called from inside another read()/write() on the same thread; "
        "pass the Conn down instead");
  }
  t_in_transaction = true;
}

TransactionScope::~TransactionScope() {
  t_in_transaction = false;
}

void backoff(int attempt) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  int cap = std::min(20, 2 << std::min(attempt, 4));  // 2, 4, 8, 16, 20 ms
  std::uniform_int_distribution<int> ms(1, cap);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms(rng)));
}

void run_callbacks(Callbacks& after) {
  for (auto& f : after) {
    try {
      f();
    } catch (const std::exception& e) {
      spdlog::error("db on_commit callback threw: {}", e.what());
    } catch (...) {
      spdlog::error("db on_commit callback threw a non-standard exception");
    }
  }
}

}  // namespace jx::db::detail
