#include "regex/fragments.hpp"

#include <utility>

namespace dynamap::detail {

namespace {

instruction jump(std::size_t from, std::size_t to) {
  return {opcode::jump, static_cast<std::int32_t>(static_cast<std::int64_t>(to) - static_cast<std::int64_t>(from)), 0};
}

instruction split(std::int64_t a, std::int64_t b) {
  return {opcode::split, static_cast<std::int32_t>(a), static_cast<std::int32_t>(b)};
}

void append(fragment& out, const fragment& piece) { out.insert(out.end(), piece.begin(), piece.end()); }

}  // namespace

std::uint64_t repeated_size(std::size_t atom, std::uint64_t min, std::uint64_t max) {
  const std::uint64_t s = atom;
  if (s == 0) return 0;
  if (max == unbounded) return min == 0 ? s + 2 : min * s + 1;
  return min * s + (max - min) * (s + 1);
}

fragment repeat(const fragment& atom, std::uint64_t min, std::uint64_t max) {
  fragment out;
  // Repeating an empty match is still an empty match; skipping it avoids a pointless loop.
  if (atom.empty()) return out;
  const auto s = static_cast<std::int64_t>(atom.size());
  out.reserve(static_cast<std::size_t>(repeated_size(atom.size(), min, max)));
  if (max == unbounded) {
    if (min == 0) {
      // L: split(body, exit); body; jump L
      out.push_back(split(1, s + 2));
      append(out, atom);
      out.push_back(jump(out.size(), 0));
      return out;
    }
    for (std::uint64_t i = 1; i < min; ++i) append(out, atom);
    // The last mandatory copy loops back to itself.
    append(out, atom);
    out.push_back(split(-s, 1));
    return out;
  }
  for (std::uint64_t i = 0; i < min; ++i) append(out, atom);
  // x{2,4} becomes x x x? x?: the language of the nested x x (x x?)?, at the same size.
  for (std::uint64_t i = min; i < max; ++i) {
    out.push_back(split(1, s + 1));
    append(out, atom);
  }
  return out;
}

std::size_t alternation_size(const std::vector<fragment>& alternatives) {
  std::size_t total = 0;
  for (const fragment& f : alternatives) total += f.size();
  return total + 2 * (alternatives.size() - 1);
}

fragment alternation(std::vector<fragment>& alternatives) {
  if (alternatives.size() == 1) return std::move(alternatives.front());
  // Laid out in one pass, since nesting binary alternations would copy each branch again for
  // every branch after it.
  const std::size_t total = alternation_size(alternatives);
  fragment out;
  out.reserve(total);
  for (std::size_t i = 0; i + 1 < alternatives.size(); ++i) {
    const auto s = static_cast<std::int64_t>(alternatives[i].size());
    out.push_back(split(1, s + 2));
    append(out, alternatives[i]);
    out.push_back(jump(out.size(), total));
  }
  append(out, alternatives.back());
  return out;
}

}  // namespace dynamap::detail
