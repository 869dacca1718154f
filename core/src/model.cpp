#include "dynamap/model.hpp"

namespace dynamap {

const attribute* object_shape::find(const std::string& js_name) const {
  auto it = by_name_.find(js_name);
  return it == by_name_.end() ? nullptr : &fields[it->second];
}

const attribute* object_shape::find_stored(const std::string& stored_name) const {
  auto it = by_stored_name_.find(stored_name);
  return it == by_stored_name_.end() ? nullptr : &fields[it->second];
}

void object_shape::index_names() {
  by_name_.clear();
  by_stored_name_.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    by_name_.emplace(fields[i].name, i);
    by_stored_name_.emplace(fields[i].stored_name, i);
  }
}

}  // namespace dynamap
