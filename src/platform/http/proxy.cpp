#include "platform/http/proxy.hpp"

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <stdexcept>

namespace jx::http {

namespace {

namespace ip = boost::asio::ip;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return a;
}

// An address as IPv6 bytes (IPv4 mapped), and how many leading bits an IPv4 prefix length is
// offset by (96 for IPv4, 0 for IPv6).
std::pair<ip::address_v6::bytes_type, int> key_of(const ip::address& a) {
  if (a.is_v4()) return {ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes(), 96};
  ip::address_v6 v6 = a.to_v6();
  return {v6.to_bytes(), v6.is_v4_mapped() ? 96 : 0};
}

bool within(const ip::address_v6::bytes_type& a, const ip::address_v6::bytes_type& base, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    unsigned mask = bits >= 8 ? 0xFFu : (0xFFu << (8 - bits)) & 0xFFu;
    if ((a[i] & mask) != (base[i] & mask)) return false;
  }
  return true;
}

}  // namespace

std::string address_text(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return ip::make_address_v4(ip::v4_mapped, a.to_v6()).to_string();
  return a.to_string();
}

TrustedProxies TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (entry.empty()) continue;
    size_t slash = entry.find('/');
    auto parsed = parse_address(entry.substr(0, slash));
    if (!parsed) throw std::invalid_argument(std::string(entry));
    auto a = key_of(*parsed);
    int max = a.second == 96 ? 32 : 128;
    int bits = max;
    if (slash != std::string_view::npos) {
      std::string_view n = entry.substr(slash + 1);
      if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string_view::npos)
        throw std::invalid_argument(std::string(entry));
      bits = std::stoi(std::string(n));
      if (bits > max) throw std::invalid_argument(std::string(entry));
    }
    out.ranges_.push_back({a.first, bits + a.second});
  }
  return out;
}

bool TrustedProxies::contains(const ip::address& a) const {
  auto key = key_of(a);
  for (const auto& r : ranges_)
    if (within(key.first, r.base, r.bits)) return true;
  return false;
}

bool TrustedProxies::contains(std::string_view text) const {
  auto a = parse_address(trim(text));
  return a && contains(*a);
}

std::string TrustedProxies::client_ip(const std::string& peer,
                                      std::string_view forwarded_for) const {
  if (forwarded_for.empty() || !contains(peer)) return peer;
  std::string client = peer;
  // From the right: past the trusted proxies, the first address is the client's.
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view hop =
        trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    auto a = parse_address(hop);
    if (!a) break;  // not an address: believe nothing further left
    client = address_text(*a);
    if (!contains(*a)) break;
  }
  return client;
}

}  // namespace jx::http
