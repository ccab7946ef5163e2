// The reverse proxies whose X-Forwarded-For the server believes (jixiao.toml `trusted_proxies`).
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace jx::http {

// How the server writes a client's address: IPv4-mapped IPv6 (::ffff:1.2.3.4) as IPv4.
std::string address_text(const boost::asio::ip::address& a);

// Addresses and CIDR ranges, IPv4 or IPv6, written comma-separated ("127.0.0.1, 10.0.0.0/8").
// Behind them a request's client is the rightmost address of X-Forwarded-For that is not itself
// one of them (each proxy appends the address it received the request from, so the addresses
// left of the last untrusted one may have been written by the client). From any other peer the
// header is ignored: a client can put any address in it.
class TrustedProxies {
 public:
  // Throws std::invalid_argument naming the entry that is neither an address nor a range.
  static TrustedProxies parse(std::string_view list);
  bool empty() const { return ranges_.empty(); }
  bool contains(std::string_view ip) const;
  bool contains(const boost::asio::ip::address& a) const;
  // The client's address: peer itself unless peer is trusted and forwarded_for names another.
  std::string client_ip(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Range {
    boost::asio::ip::address_v6::bytes_type base;  // IPv4 as IPv4-mapped IPv6
    int bits = 128;
  };
  std::vector<Range> ranges_;
};

}  // namespace jx::http
