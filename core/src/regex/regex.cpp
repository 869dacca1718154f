#include "dynamap/regex.hpp"

#include <utility>

#include "regex/program.hpp"

namespace dynamap {

regex::regex(std::shared_ptr<const detail::regex_program> program) : program_(std::move(program)) {}

std::optional<regex> regex::compile(std::string_view pattern, std::string& error) {
  std::optional<detail::regex_program> program = detail::compile_program(pattern, error);
  if (!program) return std::nullopt;
  return regex(std::make_shared<const detail::regex_program>(std::move(*program)));
}

// A moved-from regex has no program; it matches nothing rather than crash.
bool regex::search(std::string_view text) const {
  return program_ != nullptr && detail::run_program(*program_, text);
}

const std::string& regex::pattern() const { return program_->pattern; }

}  // namespace dynamap
