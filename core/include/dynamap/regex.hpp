#pragma once
// The regular expressions of a model's `pattern` rule. The dialect is the subset of JavaScript's
// `new RegExp(pattern, 'u')` that a finite automaton can decide, so the answer is the same in the
// native core, the WASM core and a browser, and matching time is linear in the text (a hostile
// model cannot make validation hang). Everything outside it is refused when the model compiles.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dynamap {

namespace detail {
struct regex_program;
}

class regex {
 public:
  // Compiles `pattern` (UTF-8). On failure returns nullopt and sets `error` to a short message
  // naming the byte offset, e.g. "unbalanced ')' at offset 4".
  static std::optional<regex> compile(std::string_view pattern, std::string& error);

  // Like JS `new RegExp(pattern, 'u').test(text)`: true if the pattern matches anywhere in `text`
  // (UTF-8). Text that is not valid UTF-8 never matches, nor does anything for a moved-from regex.
  bool search(std::string_view text) const;

  const std::string& pattern() const;

 private:
  explicit regex(std::shared_ptr<const detail::regex_program> program);

  // Shared and immutable, so copies are cheap and may be used from several threads.
  std::shared_ptr<const detail::regex_program> program_;
};

}  // namespace dynamap
