#include "dynamap/random_bits.hpp"

namespace dynamap {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

random_bits::random_bits(std::string_view seed_hex) {
  std::uint64_t words[4] = {0, 0, 0, 0};
  std::size_t digit = 0;
  for (char c : seed_hex) {
    const int v = hex_value(c);
    if (v < 0 || digit >= 64) continue;
    words[digit / 16] = (words[digit / 16] << 4) | static_cast<std::uint64_t>(v);
    ++digit;
  }
  std::uint64_t mix = words[0] ^ rotl(words[1], 17) ^ rotl(words[2], 31) ^ rotl(words[3], 47);
  for (int i = 0; i < 4; ++i) s_[i] = splitmix64(mix) ^ words[i];
}

std::uint64_t random_bits::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::string random_bits::uuid_v4() {
  std::uint64_t hi = next();
  std::uint64_t lo = next();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    const std::uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    out.push_back(digits[(word >> shift) & 0xf]);
  }
  return out;
}

}  // namespace dynamap
