#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace dynamap {

// Field paths as users read them: `address.zip`, `items[3].sku`. The root is the empty string.
inline std::string child_path(std::string_view parent, std::string_view name) {
  std::string out;
  out.reserve(parent.size() + name.size() + 1);
  out.append(parent);
  if (!parent.empty()) out.push_back('.');
  out.append(name);
  return out;
}

inline std::string index_path(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out.push_back('[');
  out.append(std::to_string(index));
  out.push_back(']');
  return out;
}

}  // namespace dynamap
