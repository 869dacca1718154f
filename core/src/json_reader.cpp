#include "dynamap/json_reader.hpp"

#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <clocale>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "regex/code_points.hpp"

namespace dynamap {

namespace {

// Bytes that end a run a string can take over unexamined: the quote, the backslash, control
// characters (which JSON refuses raw) and every non-ASCII byte (whose UTF-8 must be checked).
constexpr std::array<bool, 256> make_string_stops() {
  std::array<bool, 256> stops{};
  for (int c = 0; c < 256; ++c) stops[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return stops;
}
constexpr std::array<bool, 256> string_stops = make_string_stops();

// The first byte at or after p that string_stops holds, or end. Eight bytes are tested at once
// while none of them is a stop: a byte below 0x20 or a quote or backslash (after xor) borrows in
// its subtraction and sets its high bit, and so does any byte that already has it; with no stop
// in the word nothing borrows, so a clean word never looks dirty.
const char* skip_plain(const char* p, const char* end) {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = ones * 0x80;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    const std::uint64_t quote = word ^ (ones * '"');
    const std::uint64_t backslash = word ^ (ones * '\\');
    if (((word - ones * 0x20) | (quote - ones) | (backslash - ones) | word) & highs) break;
    p += 8;
  }
  while (p != end && !string_stops[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    const char bytes[] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 2);
  } else if (cp < 0x10000) {
    const char bytes[] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                          static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    const char bytes[] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                          static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 4);
  }
}

// Powers of ten a double holds exactly.
constexpr double exact_powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                          1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                          1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// m * 10^e where m <= 2^53 and |e| <= 22: both operands are exact doubles, so the one IEEE
// multiplication or division rounds the exact value once, to nearest, which is what a correctly
// rounded strtod (glibc's, musl's) returns for the same text. Most numbers in items take this
// path (prices like 4.5 and 17.25); strtod costs over ten times as much. Only where doubles are
// evaluated at their own precision, which is so on x86-64 and WebAssembly.
bool exact_double(std::uint64_t mantissa, int exponent10, double& value) {
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
  if (mantissa > (std::uint64_t{1} << 53) || exponent10 < -22 || exponent10 > 22) return false;
  const double m = static_cast<double>(mantissa);
  value = exponent10 < 0 ? m / exact_powers_of_ten[-exponent10] : m * exact_powers_of_ten[exponent10];
  return true;
#else
  (void)mantissa, (void)exponent10, (void)value;
  return false;
#endif
}

// nlohmann hands the number's text to strtod after putting the locale's decimal point in place of
// '.', so the same call on the same text gives the same double, rounding and all.
double text_to_double(const char* begin, const char* end) {
  const std::lconv* locale = std::localeconv();
  const char point = locale->decimal_point == nullptr ? '.' : *locale->decimal_point;
  const std::size_t size = static_cast<std::size_t>(end - begin);
  char small[64];
  std::string large;
  char* text = small;
  if (size >= sizeof small) {
    large.resize(size);
    text = large.data();
  }
  std::memcpy(text, begin, size);
  text[size] = '\0';
  if (point != '.') {
    for (std::size_t i = 0; i < size; ++i) {
      if (text[i] == '.') text[i] = point;
    }
  }
  return std::strtod(text, nullptr);
}

// A walk in a loop: the value is at most max_depth + 1 levels deep, which may still be too many
// frames for the WASM stack.
bool holds_discarded(const json& root) {
  std::vector<const json*> todo{&root};
  while (!todo.empty()) {
    const json* value = todo.back();
    todo.pop_back();
    if (value->is_discarded()) return true;
    if (value->is_structured()) {
      for (const json& child : *value) todo.push_back(&child);
    }
  }
  return false;
}

class reader {
 public:
  reader(std::string_view text, int max_depth)
      : p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth < 0 ? 0 : max_depth) {}

  json_read_result read() {
    json_read_result result;
    result.status = read_into(result.value);
    if (result.status != json_read_status::ok) result.value = json(json::value_t::discarded);
    return result;
  }

 private:
  // An open object or array. `array`/`object` are null past max_depth, where values are checked,
  // not kept.
  struct frame {
    json::array_t* array;
    json::object_t* object;
    bool is_object;
  };

  json_read_status read_into(json& root) {
    // nlohmann skips one UTF-8 byte order mark at the very start, and refuses a partial one.
    if (p_ != end_ && static_cast<unsigned char>(*p_) == 0xEF) {
      if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB || static_cast<unsigned char>(p_[2]) != 0xBF) {
        return json_read_status::invalid;
      }
      p_ += 3;
    }
    std::vector<frame> stack;
    json* slot = &root;  // where the next value goes; null while only checking
    skip_whitespace();
    for (;;) {
      if (p_ == end_) return json_read_status::invalid;
      switch (*p_) {
        case '{':
        case '[': {
          const bool is_object = *p_ == '{';
          ++p_;
          if (stack.size() >= static_cast<std::size_t>(max_depth_)) {
            // The container stands as a discarded value, which no text yields: a repeated key may
            // still replace it, and then the value read is not too deep, as nests_within would
            // find on the whole value.
            if (slot != nullptr) {
              *slot = json(json::value_t::discarded);
              cut_ = true;
            }
            slot = nullptr;
          }
          frame open{nullptr, nullptr, is_object};
          if (slot != nullptr) {
            *slot = json(is_object ? json::value_t::object : json::value_t::array);
            if (is_object) {
              open.object = slot->get_ptr<json::object_t*>();
            } else {
              open.array = slot->get_ptr<json::array_t*>();
            }
          }
          stack.push_back(open);
          skip_whitespace();
          if (p_ != end_ && *p_ == (is_object ? '}' : ']')) {
            ++p_;
            stack.pop_back();
            break;
          }
          if (!is_object) {
            begin_element(stack.back(), slot);
          } else if (!begin_member(stack.back(), slot)) {
            return json_read_status::invalid;
          }
          continue;
        }
        case '"': {
          std::string text;
          if (!read_string(text)) return json_read_status::invalid;
          if (slot != nullptr) *slot = std::move(text);
          break;
        }
        case 't':
          if (!read_literal("true", 4)) return json_read_status::invalid;
          if (slot != nullptr) *slot = true;
          break;
        case 'f':
          if (!read_literal("false", 5)) return json_read_status::invalid;
          if (slot != nullptr) *slot = false;
          break;
        case 'n':
          if (!read_literal("null", 4)) return json_read_status::invalid;
          if (slot != nullptr) *slot = nullptr;
          break;
        default:
          if (!read_number(slot)) return json_read_status::invalid;
          break;
      }
      // A value is complete: close what it completes, then find where the next one goes.
      for (;;) {
        skip_whitespace();
        if (stack.empty()) {
          // nlohmann takes a NUL byte for the end of the text, so anything after one is ignored.
          if (p_ != end_ && *p_ != '\0') return json_read_status::invalid;
          return cut_ && holds_discarded(root) ? json_read_status::too_deep : json_read_status::ok;
        }
        if (p_ == end_) return json_read_status::invalid;
        frame& top = stack.back();
        if (*p_ == ',') {
          ++p_;
          skip_whitespace();
          if (top.is_object) {
            if (!begin_member(top, slot)) return json_read_status::invalid;
          } else {
            begin_element(top, slot);
          }
          break;
        }
        if (*p_ != (top.is_object ? '}' : ']')) return json_read_status::invalid;
        ++p_;
        stack.pop_back();
      }
    }
  }

  void begin_element(const frame& array, json*& slot) {
    slot = array.array != nullptr ? &array.array->emplace_back() : nullptr;
  }

  // Reads `"key" :` and points slot at the member, which a repeated key reuses: the DOM parser
  // assigns through operator[], so the last value given for a key is the one kept.
  bool begin_member(const frame& object, json*& slot) {
    if (p_ == end_ || *p_ != '"') return false;
    std::string key;
    if (!read_string(key)) return false;
    skip_whitespace();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    skip_whitespace();
    slot = object.object != nullptr ? &object.object->try_emplace(std::move(key)).first->second : nullptr;
    return true;
  }

  void skip_whitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool read_literal(const char* word, std::size_t size) {
    if (static_cast<std::size_t>(end_ - p_) < size || std::memcmp(p_, word, size) != 0) return false;
    p_ += size;
    return true;
  }

  // p_ is on the opening quote. A string with no escape is copied straight from the text; one
  // with escapes is put together in scratch_ first, plain runs appended whole.
  bool read_string(std::string& out) {
    ++p_;
    const char* const start = p_;
    const char* run = p_;
    bool escaped = false;
    for (;;) {
      p_ = skip_plain(p_, end_);
      if (p_ == end_) return false;
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        if (!escaped) {
          out = std::string(start, p_);
        } else {
          scratch_.append(run, p_);
          out = std::string(scratch_.data(), scratch_.size());
        }
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (!escaped) {
          scratch_.clear();
          escaped = true;
        }
        scratch_.append(run, p_);
        ++p_;
        if (!read_escape(scratch_)) return false;
        run = p_;
      } else if (c < 0x20 || !skip_utf8_sequence()) {
        return false;
      }
    }
  }

  // The well-formed sequences of RFC 3629, as nlohmann checks them: no overlong forms, no
  // UTF-16 surrogates, nothing past U+10FFFF (the regex engine's decoder checks exactly that).
  bool skip_utf8_sequence() {
    std::size_t size = 0;
    const std::string_view rest(p_, static_cast<std::size_t>(end_ - p_));
    if (detail::decode_utf8(rest, size) == detail::invalid_code_point) return false;
    p_ += size;
    return true;
  }

  bool read_hex4(std::uint32_t& value) {
    if (end_ - p_ < 4) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hex_value(p_[i]);
      if (digit < 0) return false;
      value = value << 4 | static_cast<std::uint32_t>(digit);
    }
    p_ += 4;
    return true;
  }

  // p_ is just past the backslash.
  bool read_escape(std::string& out) {
    if (p_ == end_) return false;
    switch (*p_++) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    std::uint32_t cp = 0;
    if (!read_hex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // A high surrogate must be followed at once by an escaped low one; the pair is one code point.
      std::uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return false;
    }
    append_utf8(out, cp);  // \u0000 included: strings may hold NUL
    return true;
  }

  // RFC 8259 numbers, typed as nlohmann types them: an integer literal is unsigned when it is not
  // negative and fits 64 bits, signed when negative and fits ("-0" is signed 0), and a double
  // otherwise, as is anything with a fraction or exponent. A double that overflows is refused.
  bool read_number(json* slot) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    const char* digits = p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    if (*p_++ != '0') {
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    const char* digits_end = p_;
    const char* fraction = p_;
    const char* fraction_end = p_;
    const char* exponent = nullptr;
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      fraction = p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ != end_ && is_digit(*p_)) ++p_;
      fraction_end = p_;
      integer = false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      exponent = p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ != end_ && is_digit(*p_)) ++p_;
      integer = false;
    }
    if (integer) {
      // 19 digits always fit 64 bits; 20 fit up to UINT64_MAX, which compares as text.
      const std::size_t count = static_cast<std::size_t>(digits_end - digits);
      if (count < 20 || (count == 20 && std::memcmp(digits, "18446744073709551615", 20) <= 0)) {
        std::uint64_t magnitude = 0;
        for (const char* d = digits; d != digits_end; ++d) magnitude = magnitude * 10 + static_cast<std::uint64_t>(*d - '0');
        if (!negative) {
          if (slot != nullptr) *slot = magnitude;
          return true;
        }
        constexpr std::uint64_t int64_min_magnitude = std::uint64_t{1} << 63;
        if (magnitude <= int64_min_magnitude) {
          if (slot != nullptr) {
            *slot = magnitude == int64_min_magnitude ? std::numeric_limits<std::int64_t>::min()
                                                     : -static_cast<std::int64_t>(magnitude);
          }
          return true;
        }
      }
    }
    double value = 0;
    if (short_decimal(digits, digits_end, fraction, fraction_end, exponent, value)) {
      if (negative) value = -value;
    } else {
      value = text_to_double(start, p_);
      if (!std::isfinite(value)) return false;
    }
    if (slot != nullptr) *slot = value;
    return true;
  }

  // The value of a number of at most 19 digits with a small exponent, when exact_double can give
  // it; false sends the number to strtod. The sign is left to the caller.
  bool short_decimal(const char* digits, const char* digits_end, const char* fraction, const char* fraction_end,
                     const char* exponent, double& value) const {
    const std::ptrdiff_t fraction_digits = fraction_end - fraction;
    if ((digits_end - digits) + fraction_digits > 19) return false;
    std::uint64_t mantissa = 0;
    for (const char* d = digits; d != digits_end; ++d) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*d - '0');
    for (const char* d = fraction; d != fraction_end; ++d) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*d - '0');
    int exponent10 = 0;
    if (exponent != nullptr) {
      const char* e = exponent;
      const bool minus = *e == '-';
      if (*e == '+' || *e == '-') ++e;
      if (p_ - e > 4) return false;  // a long exponent is strtod's, zeros included
      for (; e != p_; ++e) exponent10 = exponent10 * 10 + (*e - '0');
      if (minus) exponent10 = -exponent10;
    }
    if (mantissa == 0) {
      value = 0.0;  // 0e99 is 0, not a range to check
      return true;
    }
    return exact_double(mantissa, exponent10 - static_cast<int>(fraction_digits), value);
  }

  const char* p_;
  const char* end_;
  int max_depth_;
  bool cut_ = false;  // whether a container past max_depth was ever met
  std::string scratch_;  // the unescaped text of the string being read, when it has escapes
};

}  // namespace

json_read_result read_json(std::string_view text, int max_depth) { return reader(text, max_depth).read(); }

}  // namespace dynamap
