// Pattern text to NFA program, in one pass with an explicit stack of open groups: no recursion,
// so nesting depth costs heap, not call stack (the WASM stack is small).
//
// The grammar is ECMAScript's with the u flag, which is stricter than without it: a lone '{' '}'
// or ']' is an error, and only syntax characters and '/' may be escaped. Anything JavaScript
// would reject is rejected here too, so a pattern accepted by the core always compiles in a
// browser.
#include <cstring>
#include <utility>

#include "regex/code_points.hpp"
#include "regex/fragments.hpp"
#include "regex/program.hpp"

namespace dynamap::detail {

namespace {

constexpr std::size_t no_atom = static_cast<std::size_t>(-1);
// Counts beyond this are refused by the size cap anyway; saturating there keeps the size
// arithmetic in fragments.cpp from overflowing.
constexpr std::uint64_t count_limit = std::uint64_t{1} << 40;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_syntax_character(char c) { return c != '\0' && std::strchr("^$\\.*+?()[]{}|", c) != nullptr; }

std::uint64_t count_value(std::string_view digits) {
  std::uint64_t value = 0;
  for (char c : digits) {
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value > count_limit) return count_limit;
  }
  return value;
}

// Compares decimal digit strings exactly, however long, as the spec compares the numbers. (V8
// clamps large counts and so accepts (?:){99999999999,99999999998}; refusing it is the safe side.)
bool count_less(std::string_view x, std::string_view y) {
  const auto strip = [](std::string_view d) {
    while (d.size() > 1 && d.front() == '0') d.remove_prefix(1);
    return d;
  };
  x = strip(x);
  y = strip(y);
  return x.size() != y.size() ? x.size() < y.size() : x < y;
}

// What an escape or a class member stands for. Kept trivially copyable (a class escape is named by
// its letter, not held as a set) because it is returned by value on every path of read_escape.
struct atom_value {
  enum class kind { code_point, class_escape, assertion };
  kind what = kind::code_point;
  char32_t code_point = 0;
  char class_escape = 0;  // d D s S w W
  opcode assertion = opcode::word_boundary;
};

atom_value single(char32_t c) { return {atom_value::kind::code_point, c, 0, opcode::word_boundary}; }

class parser {
 public:
  parser(std::string_view pattern, std::string& error) : pattern_(pattern), error_(error) {}

  std::optional<regex_program> run() {
    if (pattern_.size() > max_pattern_bytes) {
      error_ = "pattern longer than " + std::to_string(max_pattern_bytes) + " bytes";
      return std::nullopt;
    }
    if (!check_utf8()) return std::nullopt;
    groups_.emplace_back();
    while (pos_ < pattern_.size()) {
      if (!step()) return std::nullopt;
    }
    if (groups_.size() > 1) {
      fail("missing ')' for the group opened", groups_.back().open_offset);
      return std::nullopt;
    }
    std::optional<fragment> body = finish_group();
    if (!body || !grow(1, pattern_.size())) return std::nullopt;
    program_.code = std::move(*body);
    program_.code.push_back({opcode::accept, 0, 0});
    program_.pattern = std::string(pattern_);
    return std::move(program_);
  }

 private:
  struct group {
    std::vector<fragment> alternatives;  // the finished ones, before the last '|'
    fragment sequence;                   // the alternative being read
    std::size_t last_atom = no_atom;     // where the atom a quantifier would apply to starts
    std::size_t open_offset = 0;
  };

  bool fail(std::string_view message, std::size_t offset) {
    error_ = message;
    error_ += " at offset ";
    error_ += std::to_string(offset);
    return false;
  }

  bool check_utf8() {
    std::size_t pos = 0;
    while (pos < pattern_.size()) {
      const std::size_t at = pos;
      if (decode_utf8(pattern_, pos) == invalid_code_point) return fail("invalid UTF-8", at);
    }
    return true;
  }

  // Every instruction of every fragment still being built is counted, so the cap bounds memory
  // at all times and not only the finished program (one slot stays free for `accept`).
  bool grow(std::uint64_t more, std::size_t offset) {
    if (more > max_program_size - 1 - live_) {
      return fail("pattern too large (more than " + std::to_string(max_program_size) +
                      " automaton states)",
                  offset);
    }
    live_ += static_cast<std::size_t>(more);
    return true;
  }

  bool step() {
    const std::size_t at = pos_;
    switch (pattern_[pos_]) {
      case '|': return next_alternative();
      case '(': return open_group();
      case ')': return close_group();
      case '*': case '+': case '?': case '{': return quantifier();
      case '}': return fail("lone '}' (write '\\}')", at);
      case ']': return fail("lone ']' (write '\\]')", at);
      case '^': ++pos_; return emit({opcode::input_start, 0, 0}, false, at);
      case '$': ++pos_; return emit({opcode::input_end, 0, 0}, false, at);
      case '.': ++pos_; return emit_set(any_but_line_terminators(), at);
      case '[': return character_class();
      case '\\': return escape();
      default: {
        const char32_t c = decode_utf8(pattern_, pos_);
        return emit({opcode::code_point, static_cast<std::int32_t>(c), 0}, true, at);
      }
    }
  }

  bool emit(instruction inst, bool quantifiable, std::size_t offset) {
    if (!grow(1, offset)) return false;
    group& g = groups_.back();
    g.last_atom = quantifiable ? g.sequence.size() : no_atom;
    g.sequence.push_back(inst);
    return true;
  }

  // `set` must be normalized.
  bool emit_set(const code_point_set& set, std::size_t offset) {
    if (set.size() == 1 && set.front().first == set.front().last) {
      return emit({opcode::code_point, static_cast<std::int32_t>(set.front().first), 0}, true, offset);
    }
    const auto first = static_cast<std::int32_t>(program_.ranges.size());
    program_.ranges.insert(program_.ranges.end(), set.begin(), set.end());
    return emit({opcode::code_point_set, first, static_cast<std::int32_t>(set.size())}, true, offset);
  }

  bool emit_atom(const atom_value& v, std::size_t offset) {
    switch (v.what) {
      case atom_value::kind::code_point:
        return emit({opcode::code_point, static_cast<std::int32_t>(v.code_point), 0}, true, offset);
      case atom_value::kind::class_escape: {
        code_point_set set;
        append_class_escape(set, v.class_escape);
        return emit_set(set, offset);
      }
      case atom_value::kind::assertion: return emit({v.assertion, 0, 0}, false, offset);
    }
    return false;
  }

  bool next_alternative() {
    ++pos_;
    group& g = groups_.back();
    g.alternatives.push_back(std::move(g.sequence));
    g.sequence.clear();
    g.last_atom = no_atom;
    return true;
  }

  bool open_group() {
    const std::size_t at = pos_;
    if (groups_.size() > max_group_depth) {
      return fail("groups nested deeper than " + std::to_string(max_group_depth), at);
    }
    const std::string_view rest = pattern_.substr(pos_ + 1);
    if (!rest.empty() && rest[0] == '?') {
      const std::string_view kind = rest.substr(1, 2);
      if (!kind.empty() && kind[0] == ':') {
        pos_ += 3;
      } else if (!kind.empty() && (kind[0] == '=' || kind[0] == '!')) {
        return fail("lookahead assertions are not supported", at);
      } else if (kind == "<=" || kind == "<!") {
        return fail("lookbehind assertions are not supported", at);
      } else if (!kind.empty() && kind[0] == '<') {
        return fail("named groups are not supported", at);
      } else {
        return fail("invalid group '(?' (inline flags are not supported)", at);
      }
    } else {
      ++pos_;
    }
    groups_.emplace_back();
    groups_.back().open_offset = at;
    return true;
  }

  // Joins the alternatives of the innermost group into one fragment.
  std::optional<fragment> finish_group() {
    group& g = groups_.back();
    g.alternatives.push_back(std::move(g.sequence));
    if (!grow(2 * (g.alternatives.size() - 1), pos_)) return std::nullopt;
    return alternation(g.alternatives);
  }

  bool close_group() {
    const std::size_t at = pos_;
    if (groups_.size() == 1) return fail("unbalanced ')'", at);
    ++pos_;
    std::optional<fragment> body = finish_group();
    if (!body) return false;
    groups_.pop_back();
    group& parent = groups_.back();
    parent.last_atom = parent.sequence.size();
    if (parent.sequence.empty()) {
      parent.sequence = std::move(*body);
    } else {
      parent.sequence.insert(parent.sequence.end(), body->begin(), body->end());
    }
    return true;
  }

  // Reads {n}, {n,} or {n,m} at pos_; false if the text is not one (a lone '{' in u mode).
  bool read_braces(std::uint64_t& min, std::uint64_t& max, bool& out_of_order) {
    std::size_t p = pos_ + 1;
    const auto digits = [&] {
      const std::size_t start = p;
      while (p < pattern_.size() && is_digit(pattern_[p])) ++p;
      return pattern_.substr(start, p - start);
    };
    const std::string_view low = digits();
    if (low.empty()) return false;
    std::string_view high = low;
    bool bounded = true;
    if (p < pattern_.size() && pattern_[p] == ',') {
      ++p;
      high = digits();
      bounded = !high.empty();
    }
    if (p >= pattern_.size() || pattern_[p] != '}') return false;
    pos_ = p + 1;
    min = count_value(low);
    max = bounded ? count_value(high) : unbounded;
    out_of_order = bounded && count_less(high, low);
    return true;
  }

  bool quantifier() {
    const std::size_t at = pos_;
    std::uint64_t min = 0;
    std::uint64_t max = unbounded;
    switch (pattern_[pos_]) {
      case '*': ++pos_; break;
      case '+': min = 1; ++pos_; break;
      case '?': max = 1; ++pos_; break;
      default: {
        bool out_of_order = false;
        if (!read_braces(min, max, out_of_order)) {
          return fail(groups_.back().last_atom == no_atom ? "lone '{' (write '\\{')" : "incomplete quantifier",
                      at);
        }
        if (out_of_order) return fail("numbers out of order in {} quantifier", at);
      }
    }
    // A lazy quantifier finds a different match, never a different answer to "is there one".
    if (pos_ < pattern_.size() && pattern_[pos_] == '?') ++pos_;

    group& g = groups_.back();
    if (g.last_atom == no_atom) return fail("nothing to repeat", at);
    const fragment atom(g.sequence.begin() + static_cast<std::ptrdiff_t>(g.last_atom), g.sequence.end());
    const std::uint64_t size = repeated_size(atom.size(), min, max);
    if (size > atom.size()) {
      if (!grow(size - atom.size(), at)) return false;
    } else {
      live_ -= atom.size() - static_cast<std::size_t>(size);
    }
    g.sequence.resize(g.last_atom);
    const fragment repeated = repeat(atom, min, max);
    g.sequence.insert(g.sequence.end(), repeated.begin(), repeated.end());
    // u mode has no a{2}{3}; the next quantifier must apply to a new atom.
    g.last_atom = no_atom;
    return true;
  }

  bool escape() {
    const std::size_t at = pos_;
    std::optional<atom_value> v = read_escape(false);
    return v && emit_atom(*v, at);
  }

  // Reads the escape at pos_ (a backslash), inside a class or outside.
  std::optional<atom_value> read_escape(bool in_class) {
    const std::size_t at = pos_;
    if (pos_ + 1 >= pattern_.size()) {
      fail("'\\' at end of pattern", at);
      return std::nullopt;
    }
    const char c = pattern_[pos_ + 1];
    pos_ += 2;
    const auto refuse = [&](std::string_view message) -> std::optional<atom_value> {
      fail(message, at);
      return std::nullopt;
    };
    switch (c) {
      case 'f': return single(0x0C);
      case 'n': return single(0x0A);
      case 'r': return single(0x0D);
      case 't': return single(0x09);
      case 'v': return single(0x0B);
      case 'b':
        if (in_class) return single(0x08);
        return atom_value{atom_value::kind::assertion, 0, 0, opcode::word_boundary};
      case 'B':
        if (in_class) return refuse("invalid escape '\\B' in a class");
        return atom_value{atom_value::kind::assertion, 0, 0, opcode::not_word_boundary};
      case '-':
        if (in_class) return single('-');
        return refuse("invalid escape '\\-' outside a class");
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        return atom_value{atom_value::kind::class_escape, 0, c, opcode::word_boundary};
      case 'p': case 'P': return refuse("Unicode property escapes are not supported");
      case 'c':
        if (pos_ < pattern_.size() && is_ascii_letter(pattern_[pos_])) {
          return single(static_cast<char32_t>(pattern_[pos_++] % 32));
        }
        return refuse("invalid escape '\\c' (expected a letter)");
      case '0':
        if (pos_ < pattern_.size() && is_digit(pattern_[pos_])) return refuse("invalid decimal escape");
        return single(0);
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        if (in_class) return refuse("invalid decimal escape in a class");
        return refuse("backreferences are not supported");
      case 'k':
        if (in_class) return refuse("invalid escape '\\k' in a class");
        return refuse("backreferences are not supported");
      case 'x': {
        const int high = pos_ < pattern_.size() ? hex_value(pattern_[pos_]) : -1;
        const int low = pos_ + 1 < pattern_.size() ? hex_value(pattern_[pos_ + 1]) : -1;
        if (high < 0 || low < 0) return refuse("invalid escape '\\x' (expected two hex digits)");
        pos_ += 2;
        return single(static_cast<char32_t>(high * 16 + low));
      }
      case 'u': {
        const char32_t value = read_unicode_escape();
        if (value == invalid_code_point) return refuse("invalid Unicode escape");
        return single(value);
      }
      default:
        if (is_syntax_character(c) || c == '/') return single(static_cast<unsigned char>(c));
        if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F) {
          return refuse(std::string("invalid escape '\\") + c + "'");
        }
        return refuse("invalid escape");
    }
  }

  // Four hex digits at p, or invalid_code_point.
  char32_t hex4(std::size_t p) const {
    if (pattern_.size() < 4 || p > pattern_.size() - 4) return invalid_code_point;
    char32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const int h = hex_value(pattern_[p + i]);
      if (h < 0) return invalid_code_point;
      value = value * 16 + static_cast<char32_t>(h);
    }
    return value;
  }

  // After "\u": {H...} or HHHH, where a lead surrogate written as \uHHHH followed by a trail
  // surrogate written the same way is one code point, as JavaScript reads source text.
  char32_t read_unicode_escape() {
    if (pos_ < pattern_.size() && pattern_[pos_] == '{') {
      std::size_t p = pos_ + 1;
      char32_t value = 0;
      bool any = false;
      while (p < pattern_.size() && hex_value(pattern_[p]) >= 0) {
        // Stops growing once too large, so any number of digits cannot overflow.
        if (value <= max_code_point) value = value * 16 + static_cast<char32_t>(hex_value(pattern_[p]));
        any = true;
        ++p;
      }
      if (!any || value > max_code_point || p >= pattern_.size() || pattern_[p] != '}') {
        return invalid_code_point;
      }
      pos_ = p + 1;
      return value;
    }
    const char32_t value = hex4(pos_);
    if (value == invalid_code_point) return invalid_code_point;
    pos_ += 4;
    if (value >= 0xD800 && value <= 0xDBFF && pattern_.substr(pos_, 2) == "\\u") {
      const char32_t trail = hex4(pos_ + 2);
      if (trail != invalid_code_point && trail >= 0xDC00 && trail <= 0xDFFF) {
        pos_ += 6;
        return 0x10000 + ((value - 0xD800) << 10) + (trail - 0xDC00);
      }
    }
    return value;
  }

  std::optional<atom_value> read_class_atom() {
    if (pattern_[pos_] == '\\') return read_escape(true);
    return single(decode_utf8(pattern_, pos_));
  }

  bool character_class() {
    const std::size_t at = pos_;
    ++pos_;
    const bool negated = pos_ < pattern_.size() && pattern_[pos_] == '^';
    if (negated) ++pos_;
    code_point_set set;
    for (;;) {
      if (pos_ >= pattern_.size()) return fail("unterminated character class", at);
      if (pattern_[pos_] == ']') {
        ++pos_;
        break;
      }
      const std::size_t from_offset = pos_;
      std::optional<atom_value> from = read_class_atom();
      if (!from) return false;
      // '-' makes a range unless it is the last member: [a-] and [\d-] hold a plain '-'.
      if (pos_ + 1 < pattern_.size() && pattern_[pos_] == '-' && pattern_[pos_ + 1] != ']') {
        ++pos_;
        std::optional<atom_value> to = read_class_atom();
        if (!to) return false;
        if (from->what != atom_value::kind::code_point || to->what != atom_value::kind::code_point) {
          return fail("a class escape cannot bound a range", from_offset);
        }
        if (from->code_point > to->code_point) return fail("range out of order in character class", from_offset);
        set.push_back({from->code_point, to->code_point});
      } else if (from->what == atom_value::kind::class_escape) {
        append_class_escape(set, from->class_escape);
      } else {
        set.push_back({from->code_point, from->code_point});
      }
    }
    normalize(set);
    if (negated) set = complement(set);
    return emit_set(set, at);
  }

  std::string_view pattern_;
  std::string& error_;
  std::size_t pos_ = 0;
  std::vector<group> groups_;
  regex_program program_;
  std::size_t live_ = 0;  // instructions in all fragments under construction
};

}  // namespace

std::optional<regex_program> compile_program(std::string_view pattern, std::string& error) {
  return parser(pattern, error).run();
}

}  // namespace dynamap::detail
