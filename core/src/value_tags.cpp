#include "dynamap/value_tags.hpp"

namespace dynamap {

std::string_view value_tag(const json& value) {
  if (!value.is_object() || value.size() != 1) return {};
  const std::string& key = value.begin().key();
  if (key.size() < 2 || key[0] != '$' || key[1] == '$') return {};
  return std::string_view(key).substr(1);
}

}  // namespace dynamap
