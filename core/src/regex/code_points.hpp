#pragma once
// UTF-8 decoding and sets of code points, with the character classes ECMAScript defines.
#include <cstddef>
#include <string_view>
#include <vector>

#include "regex/program.hpp"

namespace dynamap::detail {

inline constexpr char32_t invalid_code_point = 0xFFFFFFFF;
inline constexpr char32_t max_code_point = 0x10FFFF;

// Strict RFC 3629 UTF-8: shortest form, no surrogates, nothing past U+10FFFF. Decodes the code
// point at text[pos] and advances pos past it, or returns invalid_code_point (pos unspecified).
char32_t decode_utf8(std::string_view text, std::size_t& pos);

bool is_valid_utf8(std::string_view text);

using code_point_set = std::vector<code_point_range>;

// Sorts and merges overlapping or adjacent ranges; the other functions expect this form.
void normalize(code_point_set& set);
code_point_set complement(const code_point_set& normalized);
bool set_contains(const code_point_range* first, const code_point_range* last, char32_t c);

// Appends the normalized set of \d \D \s \S \w \W for `letter`; false for any other letter.
bool append_class_escape(code_point_set& out, char letter);

// What `.` matches without the s flag: everything but \n \r U+2028 U+2029.
code_point_set any_but_line_terminators();

// ECMAScript's IsWordChar without the i flag: [A-Za-z0-9_].
inline bool is_word_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace dynamap::detail
