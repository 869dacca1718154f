#include "dynamap/item.hpp"
#include "dynamap/number_text.hpp"

namespace dynamap {

namespace {
std::size_t base64_bytes(const std::string& text) {
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++padding;
  return text.size() / 4 * 3 - std::min<std::size_t>(padding, 2);
}

std::size_t digits_bytes(std::size_t digits) {
  return (digits + 1) / 2 + 1;  // one byte per two significant digits, plus one
}

std::size_t number_bytes(const json& n) {
  return digits_bytes(n.is_string() ? significant_digits(n.get_ref<const std::string&>()) : 0);
}

// An AttributeValue's type tag, read once: the walk below visits every value of every item
// written, and comparing each tag as a string against each name cost more than the sizes.
enum class av_tag { S, N, B, BOOL, NULL_, M, L, SS, NS, BS, unknown };

av_tag tag_of(const std::string& name) {
  switch (name.size()) {
    case 1:
      switch (name[0]) {
        case 'S': return av_tag::S;
        case 'N': return av_tag::N;
        case 'B': return av_tag::B;
        case 'M': return av_tag::M;
        case 'L': return av_tag::L;
        default: return av_tag::unknown;
      }
    case 2:
      if (name[1] != 'S') return av_tag::unknown;
      switch (name[0]) {
        case 'S': return av_tag::SS;
        case 'N': return av_tag::NS;
        case 'B': return av_tag::BS;
        default: return av_tag::unknown;
      }
    case 4:
      if (name == "BOOL") return av_tag::BOOL;
      if (name == "NULL") return av_tag::NULL_;
      return av_tag::unknown;
    default:
      return av_tag::unknown;
  }
}

std::size_t scalar_bytes(av_tag tag, const json& v) {
  switch (tag) {
    case av_tag::S: return v.is_string() ? v.get_ref<const std::string&>().size() : 0;
    case av_tag::N: return number_bytes(v);
    case av_tag::B: return v.is_string() ? base64_bytes(v.get_ref<const std::string&>()) : 0;
    default: return 1;  // BOOL, NULL
  }
}
}  // namespace

std::size_t number_value_size(const std::string& digits) { return digits_bytes(significant_digits(digits)); }

std::size_t attribute_value_size(const json& av) {
  if (!av.is_object() || av.size() != 1) return 0;
  const auto only = av.begin();
  const av_tag tag = tag_of(only.key());
  const json& v = only.value();
  switch (tag) {
    case av_tag::M: {
      if (!v.is_object()) break;
      std::size_t size = 3;  // documented overhead of a map or list
      for (auto it = v.begin(); it != v.end(); ++it) size += it.key().size() + attribute_value_size(it.value()) + 1;
      return size;
    }
    case av_tag::L: {
      if (!v.is_array()) break;
      std::size_t size = 3;
      for (const json& e : v) size += attribute_value_size(e) + 1;
      return size;
    }
    case av_tag::SS:
    case av_tag::NS:
    case av_tag::BS: {
      if (!v.is_array()) break;
      const av_tag member = tag == av_tag::SS ? av_tag::S : tag == av_tag::NS ? av_tag::N : av_tag::B;
      std::size_t size = 0;
      for (const json& e : v) size += scalar_bytes(member, e);
      return size;
    }
    default:
      break;
  }
  return scalar_bytes(tag, v);
}

std::size_t item_size(const json& attribute_map) {
  std::size_t size = 0;
  for (auto it = attribute_map.begin(); it != attribute_map.end(); ++it) {
    size += it.key().size() + attribute_value_size(it.value());
  }
  return size;
}

}  // namespace dynamap
