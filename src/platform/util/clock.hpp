// Clock: the seam for "now". Production uses the system clock; tests (and a server started
// with --test-fixtures) use a clock that can be moved forward. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace jx {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// Real time plus an adjustable offset, so tests can jump over idle timeouts and lockouts.
class OffsetClock final : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::system_clock::now() + std::chrono::seconds(offset_.load());
  }
  void advance(int64_t seconds) { offset_ += seconds; }

 private:
  std::atomic<int64_t> offset_{0};
};

// Timestamps are stored and sent as UTC ISO 8601 with milliseconds: 2026-11-27T12:33:21.123Z.
// The form sorts lexicographically in both databases.
std::string format_utc(TimePoint t);
// Parses the form above (also without milliseconds); returns false on malformed input.
bool parse_utc(const std::string& s, TimePoint* out);
// Business dates are dates in Asia/Shanghai (UTC+8, no DST): YYYY-MM-DD.
std::string shanghai_date(TimePoint t);

}  // namespace jx
