#pragma once
// Thompson's construction on self-contained pieces of code. A fragment's jumps stay inside it or
// land just past its end, which is where the following code starts once it is appended.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "regex/program.hpp"

namespace dynamap::detail {

using fragment = std::vector<instruction>;

inline constexpr std::uint64_t unbounded = UINT64_MAX;

// The size repeat() will produce, so the caller can refuse it before allocating anything.
// `min` and `max` must be below 2^40 so the product cannot overflow; `max` may be `unbounded`.
std::uint64_t repeated_size(std::size_t atom, std::uint64_t min, std::uint64_t max);

// atom{min,max}. Laziness is not represented: it changes which match is found, never whether.
fragment repeat(const fragment& atom, std::uint64_t min, std::uint64_t max);

std::size_t alternation_size(const std::vector<fragment>& alternatives);

// alternatives[0] | alternatives[1] | ...; consumes its argument.
fragment alternation(std::vector<fragment>& alternatives);

}  // namespace dynamap::detail
