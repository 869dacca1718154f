// Fuzzes dynamap::read_json against nlohmann's json::parse(text, nullptr, false), which it
// replaces: the same texts must be accepted, to the same value with the same number types, and
// a depth limit must answer too_deep exactly when nlohmann's value nests deeper (invalid first).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamap/json.hpp"
#include "dynamap/json_reader.hpp"

namespace {

using dynamap::json;
using dynamap::json_read_status;

// Same type and value all the way down (json's == takes 1 for 1.0 and -0.0 for 0.0); a loop,
// since a value may nest as deep as the input is long.
bool same_json(const json& a, const json& b) {
  std::vector<std::pair<const json*, const json*>> todo{{&a, &b}};
  while (!todo.empty()) {
    const auto [x, y] = todo.back();
    todo.pop_back();
    if (x->type() != y->type()) return false;
    switch (x->type()) {
      case json::value_t::object:
        if (x->size() != y->size()) return false;
        for (auto i = x->begin(), j = y->begin(); i != x->end(); ++i, ++j) {
          if (i.key() != j.key()) return false;
          todo.emplace_back(&*i, &*j);
        }
        break;
      case json::value_t::array:
        if (x->size() != y->size()) return false;
        for (std::size_t i = 0; i < x->size(); ++i) todo.emplace_back(&(*x)[i], &(*y)[i]);
        break;
      case json::value_t::number_float: {
        const double u = x->get<double>();
        const double v = y->get<double>();
        if (std::memcmp(&u, &v, sizeof u) != 0) return false;
        break;
      }
      default:
        if (*x != *y) return false;
    }
  }
  return true;
}

// Levels of objects and arrays, as nests_within counts them.
long nesting(const json& value) {
  long deepest = 0;
  std::vector<std::pair<const json*, long>> todo{{&value, 0}};
  while (!todo.empty()) {
    const auto [v, above] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, above + 1);
    for (const json& child : *v) todo.emplace_back(&child, above + 1);
  }
  return deepest;
}

[[noreturn]] void mismatch(const char* what, std::string_view text, int max_depth) {
  std::fprintf(stderr, "JSON READER MISMATCH (%s) at max_depth %d on %zu bytes:\n", what, max_depth, text.size());
  for (std::size_t i = 0; i < text.size() && i < 2000; ++i) std::fprintf(stderr, "%02X", static_cast<unsigned char>(text[i]));
  std::fprintf(stderr, "\n");
  std::abort();
}

void check(std::string_view text, const json& expected, long depth, int max_depth) {
  const dynamap::json_read_result got = dynamap::read_json(text, max_depth);
  const json_read_status want = expected.is_discarded() ? json_read_status::invalid
                                : depth > max_depth     ? json_read_status::too_deep
                                                        : json_read_status::ok;
  if (got.status != want) mismatch("status", text, max_depth);
  if (want != json_read_status::ok) {
    if (!got.value.is_discarded()) mismatch("a refused text left a value", text, max_depth);
  } else if (!same_json(got.value, expected)) {
    mismatch("value", text, max_depth);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const json expected = json::parse(text, nullptr, false);
  const long depth = expected.is_discarded() ? 0 : nesting(expected);
  check(text, expected, depth, dynamap::unlimited_json_depth);
  check(text, expected, depth, 2048);  // what the engine's parse_input uses
  // Small limits, so the fuzzer's short texts cross them (and repeated keys hide deep values).
  check(text, expected, depth, 0);
  check(text, expected, depth, 1);
  check(text, expected, depth, 3);
  return 0;
}
