#pragma once
// Base64 as DynamoDB JSON carries binary: checked and measured without decoding.
#include <cstddef>
#include <optional>
#include <string>

namespace dynamap::detail {

// Bytes in canonical base64 text (padding included), or nothing if it is not base64.
inline std::optional<std::size_t> base64_length(const std::string& text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (c == '=' && i + 2 >= text.size()) {
      ++padding;
    } else if (!alphabet || padding > 0) {
      return std::nullopt;
    }
  }
  return text.size() / 4 * 3 - padding;
}

}  // namespace dynamap::detail
