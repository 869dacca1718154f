#include "dynamap/json_text.hpp"

#include <cmath>
#include <cstdint>

#include "regex/code_points.hpp"

namespace dynamap {

namespace {

// The index of the first byte that is not printable ASCII other than '"' and '\\', or the size.
std::size_t first_special(const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return i;
  }
  return n;
}

// nlohmann's escapes: the two-character ones, \u00XX (lower-case hex) for other controls.
void write_escape(unsigned char c, std::string& out) {
  switch (c) {
    case '"': out.append("\\\""); return;
    case '\\': out.append("\\\\"); return;
    case '\b': out.append("\\b"); return;
    case '\t': out.append("\\t"); return;
    case '\n': out.append("\\n"); return;
    case '\f': out.append("\\f"); return;
    case '\r': out.append("\\r"); return;
    default: {
      static constexpr char hex[] = "0123456789abcdef";
      const char text[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      out.append(text, sizeof text);
      return;
    }
  }
}

}  // namespace

void write_json_string(std::string_view s, std::string& out) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t start = first_special(p, n);
  if (start == n) {
    out.push_back('"');
    out.append(p, n);
    out.push_back('"');
    return;
  }
  if (!detail::is_valid_utf8(s.substr(start))) {
    // Bytes that are not UTF-8 (a server's message cut mid-character): nlohmann's replacement
    // rules, for this rare string.
    out.append(json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace));
    return;
  }
  out.push_back('"');
  out.append(p, start);
  for (std::size_t i = start; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;  // multi-byte UTF-8 is copied as it is
    out.append(p + start, i - start);
    write_escape(c, out);
    start = i + 1;
  }
  out.append(p + start, n - start);
  out.push_back('"');
}

void write_json_double(double x, std::string& out) {
  if (!std::isfinite(x)) {
    out.append("null");
    return;
  }
  char digits[64];  // the shortest form nlohmann's dump writes (Grisu2), "1.0" for 1.0
  out.append(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, x));
}

void write_json(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out.push_back(',');
        first = false;
        write_json_string(it.key(), out);
        out.push_back(':');
        write_json(it.value(), out);
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
        write_json(element, out);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string: write_json_string(value.get_ref<const std::string&>(), out); return;
    case json::value_t::boolean: out.append(value.get<bool>() ? "true" : "false"); return;
    case json::value_t::number_integer: out.append(std::to_string(value.get<std::int64_t>())); return;
    case json::value_t::number_unsigned: out.append(std::to_string(value.get<std::uint64_t>())); return;
    case json::value_t::number_float: write_json_double(value.get<double>(), out); return;
    case json::value_t::binary: {
      // JSON text printed ahead of time (see json_text.hpp).
      const json::binary_t& text = value.get_binary();
      out.append(reinterpret_cast<const char*>(text.data()), text.size());
      return;
    }
    default: out.append(value.dump()); return;  // null, discarded
  }
}

std::string json_text(const json& value) {
  std::string out;
  out.reserve(256);
  write_json(value, out);
  return out;
}

}  // namespace dynamap
