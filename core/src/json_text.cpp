#include "dynamap/json_text.hpp"

#include <cmath>
#include <cstdint>

namespace dynamap {

namespace {

// Whether nlohmann's escaper would copy `s` unchanged: printable ASCII without '"' or '\'.
bool plain_ascii(const std::string& s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

void write_string(const std::string& s, std::string& out) {
  if (plain_ascii(s)) {
    out.push_back('"');
    out.append(s);
    out.push_back('"');
    return;
  }
  // Escapes, multi-byte UTF-8 and invalid bytes (replaced): nlohmann's own rules, for this string.
  out.append(json(s).dump(-1, ' ', false, json::error_handler_t::replace));
}

void write(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out.push_back(',');
        first = false;
        write_string(it.key(), out);
        out.push_back(':');
        write(it.value(), out);
      }
      out.push_back('}');
      return;
    }
    case json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const json& element : value) {
        if (!first) out.push_back(',');
        first = false;
        write(element, out);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string: write_string(value.get_ref<const std::string&>(), out); return;
    case json::value_t::boolean: out.append(value.get<bool>() ? "true" : "false"); return;
    case json::value_t::number_integer: out.append(std::to_string(value.get<std::int64_t>())); return;
    case json::value_t::number_unsigned: out.append(std::to_string(value.get<std::uint64_t>())); return;
    case json::value_t::number_float: {
      const double x = value.get<double>();
      if (!std::isfinite(x)) {
        out.append("null");
        return;
      }
      char digits[64];  // the shortest form nlohmann's dump writes (Grisu2), "1.0" for 1.0
      out.append(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, x));
      return;
    }
    default: out.append(value.dump()); return;  // null, binary
  }
}

}  // namespace

std::string json_text(const json& value) {
  std::string out;
  out.reserve(256);
  write(value, out);
  return out;
}

}  // namespace dynamap
