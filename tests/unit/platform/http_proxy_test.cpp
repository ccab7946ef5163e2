// Which address is the client's behind trusted reverse proxies (jixiao.toml trusted_proxies).
#include <gtest/gtest.h>

#include <stdexcept>

#include "platform/config.hpp"
#include "platform/http/proxy.hpp"

namespace jx::http {
namespace {

TEST(TrustedProxies, RangesContainTheirAddresses) {
  auto t = TrustedProxies::parse(" 127.0.0.1, 10.0.0.0/8 ,192.168.4.0/22, ::1, fd00::/8");
  struct Case {
    const char* ip;
    bool in;
  } cases[] = {
      {"127.0.0.1", true},
      {"127.0.0.2", false},
      {"10.0.0.0", true},
      {"10.255.255.255", true},
      {"11.0.0.0", false},
      {"192.168.4.0", true},
      {"192.168.7.255", true},
      {"192.168.8.0", false},
      {"192.168.3.255", false},
      {"::1", true},
      {"::2", false},
      {"fd12:3456::1", true},
      {"fe80::1", false},
      {"::ffff:10.1.2.3", true},  // IPv4-mapped: the IPv4 ranges
      {"::ffff:11.1.2.3", false},
      {"", false},
      {"not an ip", false},
  };
  for (const auto& c : cases) EXPECT_EQ(t.contains(c.ip), c.in) << c.ip;
  EXPECT_TRUE(TrustedProxies::parse("").empty());
  EXPECT_TRUE(TrustedProxies::parse(" , ").empty());
  EXPECT_TRUE(TrustedProxies::parse("0.0.0.0/0").contains("8.8.8.8"));
  EXPECT_FALSE(TrustedProxies::parse("0.0.0.0/0").contains("2001:db8::1")) << "IPv4 range only";
}

TEST(TrustedProxies, BadEntriesAreRefusedByName) {
  for (const char* bad : {"localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
                          "10.0.0.256", "1.2.3.4/-1"}) {
    try {
      TrustedProxies::parse(std::string("127.0.0.1,") + bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()), bad);
    }
  }
  Config c;
  EXPECT_THROW(c.set("trusted_proxies", "10.0.0.0/40"), std::runtime_error);
  c.set("trusted_proxies", "10.0.0.0/8");
  EXPECT_EQ(c.trusted_proxies, "10.0.0.0/8");
}

TEST(TrustedProxies, TheClientIsTheRightmostUntrustedHop) {
  auto t = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8");
  struct Case {
    const char* peer;
    const char* xff;
    const char* client;
  } cases[] = {
      // from a trusted proxy: the address it received the request from
      {"127.0.0.1", "203.0.113.7", "203.0.113.7"},
      {"127.0.0.1", " 203.0.113.7 ", "203.0.113.7"},
      // a client's own X-Forwarded-For is left of what the proxy appended: not believed
      {"127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"},
      // a chain of trusted proxies is walked through
      {"127.0.0.1", "203.0.113.7, 10.1.1.1", "203.0.113.7"},
      {"127.0.0.1", "198.51.100.1,203.0.113.7,10.1.1.1,10.2.2.2", "203.0.113.7"},
      // only trusted hops: the leftmost of them
      {"127.0.0.1", "10.1.1.1, 10.2.2.2", "10.1.1.1"},
      // not an address: nothing further left is believed
      {"127.0.0.1", "203.0.113.7, unknown", "127.0.0.1"},
      {"127.0.0.1", "unknown, 203.0.113.7", "203.0.113.7"},
      {"127.0.0.1", "", "127.0.0.1"},
      // IPv6 and IPv4-mapped hops
      {"127.0.0.1", "2001:db8::7", "2001:db8::7"},
      {"127.0.0.1", "::ffff:203.0.113.7", "203.0.113.7"},
      // from anyone else the header is ignored
      {"203.0.113.9", "198.51.100.1", "203.0.113.9"},
      {"192.0.2.1", "10.1.1.1", "192.0.2.1"},
  };
  for (const auto& c : cases) EXPECT_EQ(t.client_ip(c.peer, c.xff), c.client) << c.xff;
  EXPECT_EQ(TrustedProxies().client_ip("127.0.0.1", "203.0.113.7"), "127.0.0.1")
      << "no trusted proxies: the peer";
}

}  // namespace
}  // namespace jx::http
