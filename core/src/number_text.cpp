#include "dynamap/number_text.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace dynamap {

namespace {
// Exponents beyond this are far outside DynamoDB's range (1E-130 .. 1E+126); clamping keeps the
// arithmetic in int while still telling such numbers apart from representable ones.
constexpr long exponent_clamp = 1000000;
}  // namespace

std::optional<decimal_text> parse_decimal(std::string_view text) {
  std::size_t i = 0;
  decimal_text d;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';

  // One pass notes where the significant digits are; they are copied once, at the end.
  long count = 0;                          // digits seen
  long point = -1;                         // number of digits before the decimal point
  long first = -1;                         // index among the digits of the first non-zero one
  std::size_t first_at = 0, last_at = 0;   // positions in text of the first and last non-zero digit
  std::size_t point_at = 0;                // position in text of the decimal point
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '1' && c <= '9') {
      if (first < 0) {
        first = count;
        first_at = i;
      }
      last_at = i;
      ++count;
    } else if (c == '0') {
      ++count;
    } else if (c == '.' && point < 0) {
      point = count;
      point_at = i;
    } else {
      break;
    }
  }
  if (count == 0) return std::nullopt;
  if (point < 0) point = count;

  long exp_value = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    bool exp_digit = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exp_digit = true;
      if (exp_value < exponent_clamp) exp_value = exp_value * 10 + (text[i] - '0');
    }
    if (!exp_digit) return std::nullopt;
    if (exp_negative) exp_value = -exp_value;
  }
  if (i != text.size()) return std::nullopt;

  if (first < 0) return decimal_text{};  // zero, and -0 is 0
  if (point_at > first_at && point_at < last_at) {  // the point lies among the significant digits
    d.digits.resize(last_at - first_at);
    std::memcpy(&d.digits[0], text.data() + first_at, point_at - first_at);
    std::memcpy(&d.digits[point_at - first_at], text.data() + point_at + 1, last_at - point_at);
  } else {
    d.digits.assign(text.data() + first_at, last_at - first_at + 1);
  }
  d.exponent = static_cast<int>(point - first + exp_value);
  return d;
}

std::size_t significant_digits(std::string_view text) {
  std::size_t counted = 0;   // digits from the first non-zero one up to the last non-zero one
  std::size_t pending = 0;   // zeros seen since the last non-zero digit
  for (const char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (c == '0') {
      if (counted > 0) ++pending;
    } else {
      counted += pending + 1;
      pending = 0;
    }
  }
  return counted;
}

int compare_decimal(const decimal_text& a, const decimal_text& b) {
  if (a.is_zero() && b.is_zero()) return 0;
  const int sign_a = a.is_zero() ? 0 : (a.negative ? -1 : 1);
  const int sign_b = b.is_zero() ? 0 : (b.negative ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  // Same sign, both non-zero: compare magnitudes, then flip for negatives.
  int magnitude = 0;
  if (a.exponent != b.exponent) {
    magnitude = a.exponent < b.exponent ? -1 : 1;
  } else {
    const int c = a.digits.compare(b.digits);  // no trailing zeros: lexicographic is numeric
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sign_a < 0 ? -magnitude : magnitude;
}

std::string dynamodb_number_problem(const decimal_text& d) {
  if (d.is_zero()) return "";
  if (d.digits.size() > 38) {
    return "has " + std::to_string(d.digits.size()) +
           " significant digits; DynamoDB keeps at most 38";
  }
  if (d.exponent > 126) return "is too large for DynamoDB (the largest magnitude is below 1E+126)";
  if (d.exponent < -129) return "is too small for DynamoDB (the smallest magnitude is 1E-130)";
  return "";
}

std::string to_plain_string(const decimal_text& d) {
  if (d.is_zero()) return "0";
  std::string out = d.negative ? "-" : "";
  const long k = static_cast<long>(d.digits.size());
  const long n = d.exponent;
  if (n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += d.digits;
  } else if (n >= k) {
    out += d.digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else {
    out.append(d.digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(d.digits, static_cast<std::size_t>(n), std::string::npos);
  }
  return out;
}

std::string display_number(const decimal_text& d) {
  std::string plain = to_plain_string(d);
  if (plain.size() <= 40) return plain;
  std::string out = d.negative ? "-" : "";
  out += d.digits.substr(0, 1);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1, 38);
  return out + "E" + std::to_string(d.exponent - 1);
}

namespace {

// ---- ECMAScript's shortest digits ---------------------------------------------------------------
// Number::toString (ECMA-262, radix 10) wants the fewest significant digits s (k of them) such that
// s × 10^(n−k) reads back as the double (round to nearest, ties to even), and, as the note to that
// step recommends and V8 does, of those the one nearest the double's exact value, the even one when
// two are equally near (2^50 + 0.25 prints as 1125899906842624.2).
//
// Method, all in exact integer arithmetic. |x| = m × 2^e. The decimals that read back as x are those
// in its rounding interval: from halfway down to the double below to halfway up to the double above,
// the two ends included exactly when m is even (a tie there rounds to x). Scaled by 10^level, the
// interval [L, H] and the value X = |x| × 10^level are kept as floor(H), ceil(L) and floor(X), each
// with whether it was exact. The level is chosen so that [L, H] is wider than 1 (it holds an integer)
// and X fits 63 bits. Lowering the level by one divides everything by 10; an interval that holds an
// integer at some level holds one at every higher level, so the shortest numeral is at the lowest level
// whose interval still holds an integer, and it is the integer there nearest X (clamped into [L, H]).

constexpr std::uint64_t pow10_table[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull, 10000000000000000000ull};

__extension__ typedef unsigned __int128 uint128;

struct pow5_values {
  std::uint64_t values[28] = {};
  constexpr pow5_values() {
    values[0] = 1;
    for (int i = 1; i < 28; ++i) values[i] = values[i - 1] * 5;
  }
};
constexpr pow5_values pow5_table{};  // 5^0 .. 5^27 (5^27 < 2^63)

// floor(v × log10(2)) for 0 <= v < 1200 (checked against exact powers for that whole range).
constexpr int floor_log10_pow2(int v) { return (v * 78913) >> 18; }

// The number of decimal digits of v > 0.
int decimal_length(std::uint64_t v) {
  int k = 1;
  while (k < 20 && v >= pow10_table[k]) ++k;
  return k;
}

// A double's rounding interval and value at one decimal level (see above).
struct scaled {
  std::uint64_t lo = 0;   // ceil(L)
  bool lo_exact = false;  // L == lo
  std::uint64_t hi = 0;   // floor(H)
  bool hi_exact = false;  // H == hi
  std::uint64_t x = 0;    // floor(X)
  int x_half = -1;        // X − floor(X) against 1/2: -1 below (or zero), 0 equal, 1 above
  bool x_whole = false;   // X == floor(X)
  int level = 0;          // X = |value| × 10^level
};

// The shortest digits: |value| = digits × 10^(point − length), digits without trailing zeros.
struct shortest_digits {
  std::uint64_t digits = 0;
  int length = 0;
  int point = 0;
};

// Whether [L, H] at a level holds an integer the reading back accepts.
inline bool holds_integer(std::uint64_t lo, bool lo_exact, std::uint64_t hi, bool hi_exact, bool ends) {
  const std::uint64_t first = lo + ((lo_exact && !ends) ? 1 : 0);
  return (hi_exact && !ends) ? hi > first : hi >= first;
}

// Lowers the level by as many digits as P = 10^d has zeros, if the interval there still holds an
// integer the reading back accepts.
template <std::uint64_t P>
inline bool lower_by(std::uint64_t& lo, bool& lo_exact, std::uint64_t& hi, bool& hi_exact, bool ends) {
  const std::uint64_t lo_rest = lo % P;
  const std::uint64_t next_lo = lo / P + (lo_rest != 0 ? 1 : 0);
  const bool next_lo_exact = lo_exact && lo_rest == 0;
  const std::uint64_t next_hi = hi / P;
  const bool next_hi_exact = hi_exact && hi % P == 0;
  if (!holds_integer(next_lo, next_lo_exact, next_hi, next_hi_exact, ends)) return false;
  lo = next_lo;
  lo_exact = next_lo_exact;
  hi = next_hi;
  hi_exact = next_hi_exact;
  return true;
}

// From a level whose interval holds an integer to the shortest, nearest numeral. `ends`: whether the
// interval's ends read back as the double (its significand is even).
shortest_digits finish(scaled v, bool ends) {
  // The lowest level that still holds an integer: as that holds at every level above it, trying to
  // drop 16, 8, 4, 2 and 1 digits in turn finds it (at most 18 go: H < 2^63, and an integer >= 1 stays).
  int dropped = 0;
  if (lower_by<10000000000000000ull>(v.lo, v.lo_exact, v.hi, v.hi_exact, ends)) dropped += 16;
  if (lower_by<100000000ull>(v.lo, v.lo_exact, v.hi, v.hi_exact, ends)) dropped += 8;
  if (lower_by<10000ull>(v.lo, v.lo_exact, v.hi, v.hi_exact, ends)) dropped += 4;
  if (lower_by<100ull>(v.lo, v.lo_exact, v.hi, v.hi_exact, ends)) dropped += 2;
  if (lower_by<10ull>(v.lo, v.lo_exact, v.hi, v.hi_exact, ends)) dropped += 1;

  // X at that level, rounded to the nearest integer, ties to even.
  std::uint64_t x = v.x;
  int half = v.x_half;
  if (dropped > 0) {
    const std::uint64_t p = pow10_table[dropped];
    const std::uint64_t rest = x % p;  // 2 × rest against p: p is even, so no overflow below 2^63
    x /= p;
    half = 2 * rest < p ? -1 : (2 * rest > p ? 1 : (v.x_whole ? 0 : 1));
  }
  std::uint64_t s = x + ((half > 0 || (half == 0 && (x & 1) != 0)) ? 1 : 0);
  // The nearest integer may lie just outside the interval (X near an end); the one inside is nearer.
  const std::uint64_t first = v.lo + ((v.lo_exact && !ends) ? 1 : 0);
  const std::uint64_t last = v.hi - ((v.hi_exact && !ends) ? 1 : 0);
  if (s < first) s = first;
  if (s > last) s = last;

  shortest_digits out;
  int level = v.level - dropped;
  while (s != 0 && s % 10 == 0) {  // none at the lowest level (s / 10 would be a level lower)
    s /= 10;
    --level;
  }
  out.digits = s;
  out.length = decimal_length(s);
  out.point = out.length - level;
  return out;
}

// ---- a small fixed-size unsigned big integer, for doubles outside the fast path --------------------
class big {
 public:
  explicit big(std::uint64_t v = 0) {
    limbs_[0] = static_cast<std::uint32_t>(v);
    limbs_[1] = static_cast<std::uint32_t>(v >> 32);
    size_ = limbs_[1] != 0 ? 2 : (limbs_[0] != 0 ? 1 : 0);
  }

  static big pow5(int n) {
    big r(1);
    for (; n >= 13; n -= 13) r.mul_small(1220703125u);  // 5^13
    std::uint32_t rest = 1;
    for (; n > 0; --n) rest *= 5;
    r.mul_small(rest);
    return r;
  }

  void mul_small(std::uint32_t f) {
    std::uint64_t carry = 0;
    for (int i = 0; i < size_; ++i) {
      const std::uint64_t t = static_cast<std::uint64_t>(limbs_[i]) * f + carry;
      limbs_[i] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    if (carry != 0) limbs_[size_++] = static_cast<std::uint32_t>(carry);
    trim();
  }

  // this × f
  big times(std::uint64_t f) const {
    const std::uint32_t f_lo = static_cast<std::uint32_t>(f);
    const std::uint32_t f_hi = static_cast<std::uint32_t>(f >> 32);
    big r;
    r.size_ = size_ + 2;
    for (int i = 0; i < r.size_; ++i) r.limbs_[i] = 0;
    for (int i = 0; i < size_; ++i) {
      std::uint64_t t = static_cast<std::uint64_t>(limbs_[i]) * f_lo + r.limbs_[i];
      r.limbs_[i] = static_cast<std::uint32_t>(t);
      std::uint64_t u = static_cast<std::uint64_t>(limbs_[i]) * f_hi + r.limbs_[i + 1] + (t >> 32);
      r.limbs_[i + 1] = static_cast<std::uint32_t>(u);
      // u < 2^64, and limbs_[i + 2] is still 0 here: the carry goes there.
      r.limbs_[i + 2] = static_cast<std::uint32_t>(u >> 32);
    }
    r.trim();
    return r;
  }

  void shift_left(int bits) {
    if (size_ == 0 || bits == 0) return;
    const int whole = bits / 32;
    const int part = bits % 32;
    int n = size_ + whole + 1;
    for (int i = n - 1; i >= 0; --i) {
      const int src = i - whole;
      std::uint64_t v = 0;
      if (src >= 0 && src < size_) v = static_cast<std::uint64_t>(limbs_[src]) << part;
      if (part != 0 && src - 1 >= 0 && src - 1 < size_) v |= limbs_[src - 1] >> (32 - part);
      limbs_[i] = static_cast<std::uint32_t>(v);
    }
    size_ = n;
    trim();
  }

  // this -= o; requires this >= o
  void subtract(const big& o) {
    std::int64_t borrow = 0;
    for (int i = 0; i < size_; ++i) {
      std::int64_t t = static_cast<std::int64_t>(limbs_[i]) - borrow - (i < o.size_ ? o.limbs_[i] : 0);
      borrow = t < 0 ? 1 : 0;
      limbs_[i] = static_cast<std::uint32_t>(t + (borrow << 32));
    }
    trim();
  }

  friend int compare(const big& a, const big& b) {
    if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
    for (int i = a.size_ - 1; i >= 0; --i) {
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    }
    return 0;
  }

  bool is_zero() const { return size_ == 0; }

  int bit_length() const {
    if (size_ == 0) return 0;
    int bits = 32 * (size_ - 1);
    for (std::uint32_t top = limbs_[size_ - 1]; top != 0; top >>= 1) ++bits;
    return bits;
  }

  // floor(this / 2^shift) mod 2^128
  uint128 bits_from(int shift) const {
    uint128 r = 0;
    for (int b = 0; b < 128; b += 32) r |= static_cast<uint128>(limb_at_bit(shift + b)) << b;
    return r;
  }

  // Whether the bits below `count` are all zero.
  bool low_bits_zero(int count) const {
    for (int i = 0; i < size_ && 32 * i < count; ++i) {
      const int have = count - 32 * i;
      const std::uint32_t mask = have >= 32 ? 0xffffffffu : ((1u << have) - 1);
      if ((limbs_[i] & mask) != 0) return false;
    }
    return true;
  }

  bool bit(int index) const {
    const int i = index / 32;
    return i < size_ && ((limbs_[i] >> (index % 32)) & 1u) != 0;
  }

 private:
  // The 32 bits from bit `at` on.
  std::uint32_t limb_at_bit(int at) const {
    const int i = at / 32;
    const int part = at % 32;
    std::uint64_t v = 0;
    if (i < size_) v = limbs_[i];
    if (i + 1 < size_) v |= static_cast<std::uint64_t>(limbs_[i + 1]) << 32;
    return static_cast<std::uint32_t>(v >> part);
  }

  void trim() {
    while (size_ > 0 && limbs_[size_ - 1] == 0) --size_;
  }

  // 1280 bits: more than any operand here needs (the largest, 5^325 × 2^57 and 2^57 × 2^680, are
  // below 2^820).
  std::uint32_t limbs_[40] = {};
  int size_ = 0;
};

// floor(a / 2^shift) for a quotient below 2^63, with ceil-exactness and how the rest compares with 1/2.
struct split {
  std::uint64_t q;
  bool exact;
  int half;  // -1 below (or zero), 0 equal, 1 above
};

split shift_split(const big& a, int shift) {
  split r;
  r.q = static_cast<std::uint64_t>(a.bits_from(shift));
  r.exact = a.low_bits_zero(shift);
  if (r.exact || !a.bit(shift - 1)) r.half = -1;
  else r.half = a.low_bits_zero(shift - 1) ? 0 : 1;
  return r;
}

// a / b for a quotient below 2^63.
split divide(big a, const big& b) {
  split r;
  const int nb = b.bit_length();
  if (nb <= 64) {
    const uint128 av = a.bits_from(0);  // a < b × 2^63 < 2^127
    const std::uint64_t bv = static_cast<std::uint64_t>(b.bits_from(0));
    r.q = static_cast<std::uint64_t>(av / bv);
    const std::uint64_t rest = static_cast<std::uint64_t>(av % bv);
    r.exact = rest == 0;
    const uint128 twice = static_cast<uint128>(rest) * 2;
    r.half = twice < bv ? -1 : (twice > bv ? 1 : 0);
    return r;
  }
  // An estimate from the top 64 bits of b, never above the quotient and a few below it at most.
  const int shift = nb - 64;
  const std::uint64_t b_top = static_cast<std::uint64_t>(b.bits_from(shift));
  const uint128 a_top = a.bits_from(shift);  // a < b × 2^63, so a_top < 2^127
  std::uint64_t q = static_cast<std::uint64_t>(a_top / (static_cast<uint128>(b_top) + 1));
  a.subtract(b.times(q));
  while (compare(a, b) >= 0) {
    a.subtract(b);
    ++q;
  }
  r.q = q;
  r.exact = a.is_zero();
  a.shift_left(1);
  const int c = compare(a, b);
  r.half = c < 0 ? -1 : (c > 0 ? 1 : 0);
  return r;
}

// |value| = m × 2^e, m < 2^53, for finite non-zero values. `lower_closer`: the double below is
// half as far as the one above (m is a power of two and not the smallest normal exponent).
// The scaled value and the ends of its interval from their three quotients; the low end rounds
// up to the first integer inside the interval.
void take_quotients(scaled& v, const split& x, const split& h, const split& l) {
  v.x = x.q;
  v.x_whole = x.exact;
  v.x_half = x.half;
  v.hi = h.q;
  v.hi_exact = h.exact;
  v.lo = l.q + (l.exact ? 0 : 1);
  v.lo_exact = l.exact;
}

struct binary_parts {
  std::uint64_t m;
  int e;
  bool lower_closer;
};

binary_parts decompose(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  if (biased == 0) return {fraction, -1074, false};
  return {fraction | (std::uint64_t{1} << 52), biased - 1075, fraction == 0 && biased > 1};
}

shortest_digits shortest(double value) {
  const binary_parts b = decompose(value);
  const bool ends = (b.m & 1) == 0;
  const std::uint64_t below = b.lower_closer ? 1 : 2;  // in quarters of 2^e: the interval is
  const std::uint64_t c4 = 4 * b.m;                     // [4m − below, 4m + 2] × 2^(e−2)

  // Integers below 2^53: their digits, the spacing being at most 1.
  if (b.e <= 0 && b.e > -53 && (b.m & ((std::uint64_t{1} << -b.e) - 1)) == 0) {
    std::uint64_t s = b.m >> -b.e;
    const int length = decimal_length(s);
    while (s % 10 == 0) s /= 10;
    return {s, decimal_length(s), length};
  }

  scaled v;
  if (b.e < 0) {
    // level j = floor(−e log10 2) + 2: 10 < 2^e × 10^j <= 100, so [L, H] is wider than 7.5 and
    // X < 2^53 × 100 < 2^63. X = 4m × 5^j / 2^(2 − e − j).
    const int j = floor_log10_pow2(-b.e) + 2;
    const int shift = 2 - b.e - j;  // >= 1
    v.level = j;
    if (j <= 27) {  // 5^27 < 2^63: one 64 × 64 bit product per number
      const std::uint64_t p5 = pow5_table.values[j];
      const uint128 c = static_cast<uint128>(c4) * p5;
      const uint128 h = c + static_cast<uint128>(2) * p5;
      const uint128 l = c - static_cast<uint128>(below) * p5;
      const uint128 mask = (static_cast<uint128>(1) << shift) - 1;
      const uint128 half = static_cast<uint128>(1) << (shift - 1);
      v.x = static_cast<std::uint64_t>(c >> shift);
      const uint128 x_rest = c & mask;
      v.x_whole = x_rest == 0;
      v.x_half = x_rest < half ? -1 : (x_rest > half ? 1 : 0);
      v.hi = static_cast<std::uint64_t>(h >> shift);
      v.hi_exact = (h & mask) == 0;
      v.lo_exact = (l & mask) == 0;
      v.lo = static_cast<std::uint64_t>(l >> shift) + (v.lo_exact ? 0 : 1);
    } else {
      const big p5 = big::pow5(j);
      const split x = shift_split(p5.times(c4), shift);
      const split h = shift_split(p5.times(c4 + 2), shift);
      const split l = shift_split(p5.times(c4 - below), shift);
      take_quotients(v, x, h, l);
    }
  } else {
    // |value| >= 2^53. level −p, p = max(0, floor(e log10 2) − 1): [L, H] is wider than 1.5 and
    // X < 2^63. X = 4m × 2^(e − p) / (4 × 5^p).
    const int p = std::max(0, floor_log10_pow2(b.e) - 1);
    big divisor = big::pow5(p);
    divisor.mul_small(4);
    big x_num(c4), h_num(c4 + 2), l_num(c4 - below);
    x_num.shift_left(b.e - p);
    h_num.shift_left(b.e - p);
    l_num.shift_left(b.e - p);
    const split x = divide(x_num, divisor);
    const split h = divide(h_num, divisor);
    const split l = divide(l_num, divisor);
    v.level = -p;
    take_quotients(v, x, h, l);
  }
  return finish(v, ends);
}

// Writes the decimal digits of s (length of them) at out.
void write_digits(char* out, std::uint64_t s, int length) {
  for (int i = length - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + s % 10);
    s /= 10;
  }
}

}  // namespace

decimal_text js_number_decimal(double value) {
  decimal_text d;
  if (value == 0) return d;
  const shortest_digits s = shortest(value);
  d.negative = value < 0;
  d.digits.resize(static_cast<std::size_t>(s.length));
  write_digits(&d.digits[0], s.digits, s.length);
  d.exponent = s.point;
  return d;
}

namespace {
// 10^0 .. 10^22, each exactly a double (5^22 < 2^53).
constexpr double exact_powers_of_ten[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
}  // namespace

std::optional<double> exact_js_number(const decimal_text& d) {
  if (d.is_zero()) return 0.0;
#if FLT_EVAL_METHOD == 0
  // At most 15 digits w and a scale 10^q with |q| <= 22: w and 10^q are exact doubles, so one
  // multiplication or division rounds the exact value once, to nearest, as strtod does. And a double
  // in the normal range never has two decimals of at most 15 digits reading back as it (those are
  // at least 10^-15 apart relatively, its rounding interval at most 2^-52 wide), so the shortest
  // text of that double, which has at most as many digits as d, is d itself.
  const long k = static_cast<long>(d.digits.size());
  const long q = static_cast<long>(d.exponent) - k;
  if (k <= 15 && q >= -22 && q <= 22) {
    std::uint64_t w = 0;
    for (const char c : d.digits) w = w * 10 + static_cast<std::uint64_t>(c - '0');
    double v = static_cast<double>(w);
    v = q >= 0 ? v * exact_powers_of_ten[q] : v / exact_powers_of_ten[-q];
    return d.negative ? -v : v;
  }
#endif
  std::string numeral;
  numeral.reserve(d.digits.size() + 16);
  if (d.negative) numeral.push_back('-');
  numeral.push_back('.');
  numeral += d.digits;
  numeral.push_back('e');
  numeral += std::to_string(d.exponent);
  const double v = std::strtod(numeral.c_str(), nullptr);
  if (std::isfinite(v) && js_number_decimal(v) == d) return v;
  return std::nullopt;
}

std::string format_js_number(double value) {
  if (value == 0) return "0";
  const shortest_digits d = shortest(value);
  const int k = d.length;
  const int n = d.point;
  // At most a sign, "0.", 5 zeros and 17 digits, or 21 digits, or a sign, 17 digits, ".", "e-324".
  char buffer[40];
  char* p = buffer;
  if (value < 0) *p++ = '-';
  if (k <= n && n <= 21) {  // an integer: digits, then zeros
    write_digits(p, d.digits, k);
    p += k;
    for (int i = k; i < n; ++i) *p++ = '0';
  } else if (0 < n && n <= 21) {  // digits with a point inside
    write_digits(p + 1, d.digits, k);
    for (int i = 0; i < n; ++i) p[i] = p[i + 1];
    p[n] = '.';
    p += k + 1;
  } else if (-6 < n && n <= 0) {  // 0.000ddd
    *p++ = '0';
    *p++ = '.';
    for (int i = n; i < 0; ++i) *p++ = '0';
    write_digits(p, d.digits, k);
    p += k;
  } else {  // d.ddde±x
    write_digits(p + 1, d.digits, k);
    p[0] = p[1];
    if (k > 1) {
      p[1] = '.';
      p += k + 1;
    } else {
      p += 1;
    }
    *p++ = 'e';
    *p++ = n - 1 >= 0 ? '+' : '-';
    const int magnitude = n - 1 >= 0 ? n - 1 : 1 - n;
    char exponent[4];
    int count = 0;
    for (int m = magnitude; count == 0 || m > 0; m /= 10) exponent[count++] = static_cast<char>('0' + m % 10);
    while (count > 0) *p++ = exponent[--count];
  }
  return std::string(buffer, static_cast<std::size_t>(p - buffer));
}

}  // namespace dynamap
