// Thompson's simulation of the NFA: every live state advances together, one code point at a time,
// and a state is never entered twice at the same position. Work is therefore at most
// O(text length x program size) whatever the pattern, and the only stack is a vector bounded by
// the program size. No capture positions are kept, as test() needs none.
#include <cstdint>
#include <utility>

#include "regex/code_points.hpp"
#include "regex/program.hpp"

namespace dynamap::detail {

namespace {

// Stands for the missing neighbour at either end of the text.
constexpr char32_t no_code_point = invalid_code_point;

// The code points on each side of a position: all a zero-width assertion looks at.
struct surroundings {
  char32_t before;
  char32_t after;
};

// A set of program counters with constant-time insert, lookup and clear (Briggs and Torczon), so
// clearing between positions costs nothing however large the program.
class pc_set {
 public:
  explicit pc_set(std::size_t capacity) : dense_(capacity), sparse_(capacity) {}

  bool contains(std::uint32_t pc) const {
    const std::uint32_t i = sparse_[pc];
    return i < size_ && dense_[i] == pc;
  }
  void insert(std::uint32_t pc) {
    sparse_[pc] = size_;
    dense_[size_++] = pc;
  }
  void clear() { size_ = 0; }
  const std::uint32_t* begin() const { return dense_.data(); }
  const std::uint32_t* end() const { return dense_.data() + size_; }

 private:
  std::vector<std::uint32_t> dense_;
  std::vector<std::uint32_t> sparse_;
  std::uint32_t size_ = 0;
};

class pike_vm {
 public:
  explicit pike_vm(const regex_program& program)
      : program_(program), current_(program.code.size()), next_(program.code.size()) {
    pending_.reserve(2 * program.code.size() + 1);
  }

  // `text` must be valid UTF-8.
  bool run(std::string_view text) {
    std::size_t pos = 0;
    char32_t before = no_code_point;
    char32_t here = pos < text.size() ? decode_utf8(text, pos) : no_code_point;
    for (;;) {
      // test() retries at every position; starting a thread here does the same in one pass.
      if (enter(current_, 0, {before, here})) return true;
      if (here == no_code_point) return false;
      const char32_t after = pos < text.size() ? decode_utf8(text, pos) : no_code_point;
      next_.clear();
      for (const std::uint32_t pc : current_) {
        if (consumes(program_.code[pc], here) && enter(next_, pc + 1, {here, after})) return true;
      }
      std::swap(current_, next_);
      before = here;
      here = after;
    }
  }

 private:
  bool consumes(const instruction& in, char32_t c) const {
    if (in.op == opcode::code_point) return c == static_cast<char32_t>(in.a);
    if (in.op == opcode::code_point_set) {
      const code_point_range* first = program_.ranges.data() + in.a;
      return set_contains(first, first + in.b, c);
    }
    return false;
  }

  static bool holds(opcode assertion, surroundings at) {
    switch (assertion) {
      case opcode::input_start: return at.before == no_code_point;
      case opcode::input_end: return at.after == no_code_point;
      case opcode::word_boundary: return is_word_char(at.before) != is_word_char(at.after);
      case opcode::not_word_boundary: return is_word_char(at.before) == is_word_char(at.after);
      default: return false;
    }
  }

  // Adds `start` and every state reachable from it without consuming input; true on reaching
  // `accept`.
  bool enter(pc_set& states, std::uint32_t start, surroundings at) {
    pending_.clear();
    pending_.push_back(start);
    while (!pending_.empty()) {
      const std::uint32_t pc = pending_.back();
      pending_.pop_back();
      if (states.contains(pc)) continue;
      states.insert(pc);
      const instruction& in = program_.code[pc];
      const auto relative = [pc](std::int32_t offset) {
        return static_cast<std::uint32_t>(static_cast<std::int64_t>(pc) + offset);
      };
      switch (in.op) {
        case opcode::accept: return true;
        case opcode::jump: pending_.push_back(relative(in.a)); break;
        case opcode::split:
          pending_.push_back(relative(in.b));
          pending_.push_back(relative(in.a));
          break;
        case opcode::input_start:
        case opcode::input_end:
        case opcode::word_boundary:
        case opcode::not_word_boundary:
          if (holds(in.op, at)) pending_.push_back(pc + 1);
          break;
        case opcode::code_point:
        case opcode::code_point_set: break;
      }
    }
    return false;
  }

  const regex_program& program_;
  pc_set current_;
  pc_set next_;
  std::vector<std::uint32_t> pending_;
};

}  // namespace

bool run_program(const regex_program& program, std::string_view text) {
  if (!is_valid_utf8(text)) return false;
  return pike_vm(program).run(text);
}

}  // namespace dynamap::detail
