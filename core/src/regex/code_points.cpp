#include "regex/code_points.hpp"

#include <algorithm>

namespace dynamap::detail {

char32_t decode_utf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t value = 0;
  // The allowed range of the second byte is what rules out overlong forms, surrogates and values
  // past U+10FFFF (RFC 3629, section 4).
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return invalid_code_point;
  }
  if (text.size() - pos < length) return invalid_code_point;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char b = byte(pos + i);
    if (b < low || b > high) return invalid_code_point;
    low = 0x80;
    high = 0xBF;
    value = (value << 6) | (b & 0x3Fu);
  }
  pos += length;
  return value;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
    } else if (decode_utf8(text, pos) == invalid_code_point) {
      return false;
    }
  }
  return true;
}

void normalize(code_point_set& set) {
  std::sort(set.begin(), set.end(), [](const code_point_range& x, const code_point_range& y) {
    return x.first < y.first;
  });
  std::size_t out = 0;
  for (const code_point_range& r : set) {
    if (out > 0 && r.first <= set[out - 1].last + 1) {
      set[out - 1].last = std::max(set[out - 1].last, r.last);
    } else {
      set[out++] = r;
    }
  }
  set.resize(out);
}

code_point_set complement(const code_point_set& normalized) {
  code_point_set out;
  char32_t next = 0;
  for (const code_point_range& r : normalized) {
    if (r.first > next) out.push_back({next, r.first - 1});
    next = r.last + 1;
  }
  if (next <= max_code_point) out.push_back({next, max_code_point});
  return out;
}

bool set_contains(const code_point_range* first, const code_point_range* last, char32_t c) {
  // The first range that starts after c; c is in the set only if the one before it reaches c.
  const code_point_range* after =
      std::upper_bound(first, last, c, [](char32_t v, const code_point_range& r) { return v < r.first; });
  return after != first && (after - 1)->last >= c;
}

namespace {

constexpr code_point_range digits[] = {{'0', '9'}};
constexpr code_point_range word_chars[] = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
// ECMAScript WhiteSpace and LineTerminator, with Zs as of the Unicode version V8 ships (U+180E
// left Zs in Unicode 6.3).
constexpr code_point_range white_space[] = {
    {0x09, 0x0D},     {0x20, 0x20},     {0xA0, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};

template <std::size_t n>
code_point_set to_set(const code_point_range (&ranges)[n]) {
  return code_point_set(ranges, ranges + n);
}

}  // namespace

bool append_class_escape(code_point_set& out, char letter) {
  code_point_set base;
  switch (letter) {
    case 'd': case 'D': base = to_set(digits); break;
    case 'w': case 'W': base = to_set(word_chars); break;
    case 's': case 'S': base = to_set(white_space); break;
    default: return false;
  }
  if (letter == 'D' || letter == 'W' || letter == 'S') base = complement(base);
  out.insert(out.end(), base.begin(), base.end());
  return true;
}

code_point_set any_but_line_terminators() {
  return complement({{0x0A, 0x0A}, {0x0D, 0x0D}, {0x2028, 0x2029}});
}

}  // namespace dynamap::detail
