#include "dynamap/error.hpp"
#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/values.hpp"

namespace dynamap {

namespace {

[[noreturn]] void bad_path(const std::string& display, const std::string& message) {
  throw dynamap_error(error_kind::expression, codes::expression::invalid_path, display, display + ": " + message);
}

// "a.b[2].c" -> a, b, [2], c. Names may hold any character but '.' and '['; use the array form
// for names that do.
std::vector<path_segment> parse_text(const std::string& text) {
  std::vector<path_segment> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '[') {
      const std::size_t close = text.find(']', i);
      if (close == std::string::npos || close == i + 1) bad_path(text, "an index is written [n]");
      path_segment s;
      s.is_index = true;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (text[k] < '0' || text[k] > '9' || s.index > 100000000) bad_path(text, "an index is a whole number");
        s.index = s.index * 10 + static_cast<std::size_t>(text[k] - '0');
      }
      if (out.empty()) bad_path(text, "a path starts with an attribute name");
      out.push_back(s);
      i = close + 1;
      if (i < text.size() && text[i] == '.') {
        if (++i == text.size()) bad_path(text, "a path cannot end with '.'");
      }
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != '.' && text[end] != '[') ++end;
    if (end == i) bad_path(text, "empty attribute name");
    path_segment s;
    s.name = text.substr(i, end - i);
    out.push_back(std::move(s));
    i = end;
    if (i < text.size() && text[i] == '.') {
      if (++i == text.size()) bad_path(text, "a path cannot end with '.'");
    }
  }
  if (out.empty()) bad_path(text, "empty path");
  return out;
}

std::vector<path_segment> parse_segments(const json& path, std::string& display) {
  if (path.is_string()) {
    display = path.get<std::string>();
    return parse_text(display);
  }
  if (!path.is_array() || path.empty()) bad_path("", "a path is a string such as 'address.zip' or an array of segments");
  std::vector<path_segment> out;
  for (const json& part : path) {
    path_segment s;
    if (part.is_string() && !part.get_ref<const std::string&>().empty()) {
      s.name = part.get<std::string>();
      display = child_path(display, s.name);
    } else if (part.is_number_unsigned() || (part.is_number_integer() && part.get<long long>() >= 0)) {
      if (out.empty()) bad_path(display, "a path starts with an attribute name");
      s.is_index = true;
      s.index = part.get<std::size_t>();
      display = index_path(display, s.index);
    } else {
      bad_path(display, "path segments are non-empty names or whole-number indexes");
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The path as far as its first `count` segments, as users read it ("address.zip"): only messages
// need it, so it is rebuilt when one is written rather than kept up while resolving.
std::string walked_path(const json& path, std::size_t count) {
  std::string ignored;
  const std::vector<path_segment> given = parse_segments(path, ignored);
  std::string walked;
  for (std::size_t i = 0; i < count && i < given.size(); ++i) {
    walked = given[i].is_index ? index_path(walked, given[i].index) : child_path(walked, given[i].name);
  }
  return walked;
}

}  // namespace

// Segments are parsed into `out.segments` and each name replaced by its stored name as the walk
// reaches it.
resolved_path resolve_path(const model& m, const json& path, placeholders& ph) {
  resolved_path out;
  out.segments = parse_segments(path, out.display);
  const object_shape* shape = &m.root;  // where the next name is looked up, if in a map
  const attribute* at = nullptr;
  for (std::size_t i = 0; i < out.segments.size(); ++i) {
    path_segment& seg = out.segments[i];
    if (seg.is_index) {
      if (at->type->name() == "list") {
        at = at->element.get();
      } else if (at->type->name() != "any") {
        bad_path(out.display, "'" + walked_path(path, i + 1) + "' indexes " + at->type_name + ", which is not a list");
      }
      shape = at->shape.get();
      out.text += '[';
      out.text += std::to_string(seg.index);
      out.text += ']';
      continue;
    }
    if (shape != nullptr) {
      const attribute* field = shape->find(seg.name);
      if (field != nullptr) {
        at = field;
        if (i == 0) out.top_level_key = m.is_key(seg.name);
        seg.name = field->stored_name;
      } else if (shape->unknown == unknown_policy::keep) {
        at = &schemaless_attribute();
      } else {
        throw dynamap_error(error_kind::expression, codes::expression::unknown_attribute, out.display,
                            out.display + ": '" + walked_path(path, i + 1) + "' is not declared in " + shape->label);
      }
    } else if (at != nullptr && (at->type->name() == "record")) {
      at = at->element.get();
    } else if (at != nullptr && at->type->name() == "any") {
      // schemaless below: any name
    } else {
      bad_path(out.display, "'" + walked_path(path, i + 1) + "' reads into " + (at ? at->type_name : "nothing") +
                                ", which has no named fields");
    }
    shape = at->type->name() == "map" ? at->shape.get() : nullptr;
    if (!out.text.empty()) out.text += '.';
    out.text += ph.name(seg.name);
  }
  out.target = at;
  return out;
}

}  // namespace dynamap
