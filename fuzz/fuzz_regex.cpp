// Fuzzes the regex engine: input = pattern NUL text (no NUL: the whole input is the pattern and
// also the text). Compile, then search; nothing may throw or crash, and a compile failure must
// come with a message.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dynamap/regex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view pattern = input.substr(0, nul);
  const std::string_view text = nul == std::string_view::npos ? input : input.substr(nul + 1);
  try {
    std::string error;
    std::optional<dynamap::regex> re = dynamap::regex::compile(pattern, error);
    if (!re) {
      if (error.empty()) {
        std::fprintf(stderr, "regex::compile failed without a message\n");
        std::abort();
      }
      return 0;
    }
    (void)re->search(text);
    (void)re->search(pattern);
    (void)re->search("");
    const dynamap::regex copy = *re;
    if (copy.search(text) != re->search(text)) {
      std::fprintf(stderr, "a copied regex disagrees with its original\n");
      std::abort();
    }
  } catch (...) {
    std::fprintf(stderr, "the regex engine threw\n");
    std::abort();
  }
  return 0;
}
