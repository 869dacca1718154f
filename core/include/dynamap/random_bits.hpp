#pragma once
// Randomness for default 'uuid'. The core does no I/O, so each call brings a seed from JS
// (crypto.getRandomValues) and this stretches it: xoshiro256** seeded through splitmix64.
#include <cstdint>
#include <string>
#include <string_view>

namespace dynamap {

class random_bits {
 public:
  // `seed_hex`: up to 64 hex digits; anything else seeds from what hex digits there are.
  explicit random_bits(std::string_view seed_hex);
  std::uint64_t next();
  std::string uuid_v4();  // lower-case 8-4-4-4-12 with the version and variant bits set

 private:
  std::uint64_t s_[4];
};

}  // namespace dynamap
