#include "dynamap/item.hpp"
#include "dynamap/number_text.hpp"

namespace dynamap {

namespace {
std::size_t base64_bytes(const std::string& text) {
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++padding;
  return text.size() / 4 * 3 - std::min<std::size_t>(padding, 2);
}

std::size_t number_bytes(const json& n) {
  const std::size_t digits = n.is_string() ? significant_digits(n.get_ref<const std::string&>()) : 0;
  return (digits + 1) / 2 + 1;  // one byte per two significant digits, plus one
}

std::size_t scalar_bytes(const std::string& type, const json& v) {
  if (type == "S") return v.is_string() ? v.get_ref<const std::string&>().size() : 0;
  if (type == "N") return number_bytes(v);
  if (type == "B") return v.is_string() ? base64_bytes(v.get_ref<const std::string&>()) : 0;
  return 1;  // BOOL, NULL
}
}  // namespace

std::size_t attribute_value_size(const json& av) {
  if (!av.is_object() || av.size() != 1) return 0;
  const std::string& type = av.begin().key();
  const json& v = av.begin().value();
  if (type == "M" && v.is_object()) {
    std::size_t size = 3;  // documented overhead of a map or list
    for (auto it = v.begin(); it != v.end(); ++it) size += it.key().size() + attribute_value_size(it.value()) + 1;
    return size;
  }
  if (type == "L" && v.is_array()) {
    std::size_t size = 3;
    for (const json& e : v) size += attribute_value_size(e) + 1;
    return size;
  }
  if ((type == "SS" || type == "NS" || type == "BS") && v.is_array()) {
    std::size_t size = 0;
    const std::string member(1, type[0]);
    for (const json& e : v) size += scalar_bytes(member, e);
    return size;
  }
  return scalar_bytes(type, v);
}

std::size_t item_size(const json& attribute_map) {
  std::size_t size = 0;
  for (auto it = attribute_map.begin(); it != attribute_map.end(); ++it) {
    size += it.key().size() + attribute_value_size(it.value());
  }
  return size;
}

}  // namespace dynamap
