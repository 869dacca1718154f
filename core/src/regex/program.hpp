#pragma once
// The compiled form of a pattern: a Thompson NFA written as a small instruction list, run by the
// Pike VM in pike_vm.cpp.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynamap::detail {

// Both ends included.
struct code_point_range {
  char32_t first;
  char32_t last;
};

enum class opcode : std::uint8_t {
  code_point,         // consumes the code point `a`
  code_point_set,     // consumes a code point in ranges[a, a + b)
  input_start,        // ^
  input_end,          // $
  word_boundary,      // \b
  not_word_boundary,  // \B
  jump,               // continues at pc + a
  split,              // continues at both pc + a and pc + b
  accept,
};

// Jump targets are relative to the instruction itself, so a fragment of code means the same thing
// wherever it is appended or copied; counted repetition is then a plain copy.
struct instruction {
  opcode op;
  std::int32_t a = 0;
  std::int32_t b = 0;
};

struct regex_program {
  std::string pattern;
  std::vector<instruction> code;
  std::vector<code_point_range> ranges;
};

// Bounds the memory and the per-character work a model's pattern can ask for. Matching costs
// O(text length x program size), so the cap is also the constant of the linear-time guarantee.
inline constexpr std::size_t max_program_size = 10000;
inline constexpr std::size_t max_pattern_bytes = 100000;
// Group nesting is bounded so that copying a group into its parent stays cheap.
inline constexpr std::size_t max_group_depth = 256;

std::optional<regex_program> compile_program(std::string_view pattern, std::string& error);

// True if the program matches at some position of `text`; false also for invalid UTF-8.
bool run_program(const regex_program& program, std::string_view text);

}  // namespace dynamap::detail
