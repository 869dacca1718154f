#include "dynamap/string_formats.hpp"

#include <cstddef>

namespace dynamap {

namespace {

// Character classes are spelled out rather than taken from <cctype>, whose answers depend on the
// locale and on whether char is signed.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_let_dig(char c) { return is_alpha(c) || is_digit(c); }

bool is_email_atext(char c) {
  if (is_let_dig(c)) return true;
  constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-";
  return specials.find(c) != std::string_view::npos;
}

// One DNS label as HTML and RFC 1123 spell it.
bool is_ldh_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (const char c : label) {
    if (!is_let_dig(c) && c != '-') return false;
  }
  return true;
}

// Calls `part` for each piece between separators; stops early when it returns false.
template <typename Fn>
bool each_part(std::string_view text, char separator, Fn part) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (!part(text.substr(start, end == std::string_view::npos ? end : end - start))) return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

bool is_ldh_domain(std::string_view domain) {
  return !domain.empty() && each_part(domain, '.', is_ldh_label);
}

bool is_decimal_octet(std::string_view part) {
  if (part.empty() || part.size() > 3) return false;
  if (part.size() > 1 && part.front() == '0') return false;
  int value = 0;
  for (const char c : part) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return value <= 255;
}

bool is_hex_group(std::string_view part) {
  if (part.empty() || part.size() > 4) return false;
  for (const char c : part) {
    if (!is_hex(c)) return false;
  }
  return true;
}

// Counts the 16-bit groups of one side of an IPv6 address (the text before or after "::", or the
// whole address when there is none). Only the final piece of the whole address may be an IPv4
// tail, which stands for two groups. Returns -1 when the side is malformed.
int ipv6_side_groups(std::string_view side, bool may_end_in_ipv4) {
  if (side.empty()) return 0;
  int groups = 0;
  const bool ok = each_part(side, ':', [&](std::string_view part) {
    const bool last = part.data() + part.size() == side.data() + side.size();
    if (last && may_end_in_ipv4 && part.find('.') != std::string_view::npos) {
      groups += 2;
      return is_ipv4(part);
    }
    groups += 1;
    return is_hex_group(part);
  });
  return ok ? groups : -1;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

bool is_url_host(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  // A final label of digits makes every URL parser read the host as an IPv4 address (WHATWG
  // even reads "1.2.3" so), so such a host is held to is_ipv4 instead of passing as a domain.
  const std::size_t last_dot = host.rfind('.');
  const std::string_view last_label =
      last_dot == std::string_view::npos ? host : host.substr(last_dot + 1);
  bool numeric = !last_label.empty();
  for (const char c : last_label) numeric = numeric && is_digit(c);
  if (numeric) return is_ipv4(host);
  return is_ldh_domain(host);
}

bool is_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  long value = 0;
  for (const char c : port) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return value <= 65535;
}

// The length of the UTF-8 sequence at text[i] (RFC 3629: shortest form, no surrogates, at most
// U+10FFFF), or 0 when the bytes there are not one. C1 controls (U+0080-U+009F) count as
// invalid here, since they are as invisible in a URL as the C0 ones.
std::size_t url_utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
  };
  const auto cont = [&](std::size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
  const unsigned b0 = byte(0);
  if (b0 == 0xC2u) return byte(1) >= 0xA0u && cont(1) ? 2 : 0;
  if (b0 >= 0xC3u && b0 <= 0xDFu) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0u && b0 <= 0xEFu) {
    const unsigned lo = b0 == 0xE0u ? 0xA0u : 0x80u;
    const unsigned hi = b0 == 0xEDu ? 0x9Fu : 0xBFu;
    return byte(1) >= lo && byte(1) <= hi && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xF0u && b0 <= 0xF4u) {
    const unsigned lo = b0 == 0xF0u ? 0x90u : 0x80u;
    const unsigned hi = b0 == 0xF4u ? 0x8Fu : 0xBFu;
    return byte(1) >= lo && byte(1) <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

bool is_url_rest(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest.front() != '/' && rest.front() != '?' && rest.front() != '#') return false;
  std::size_t i = 0;
  while (i < rest.size()) {
    const auto c = static_cast<unsigned char>(rest[i]);
    if (c >= 0x80u) {
      const std::size_t n = url_utf8_length(rest, i);
      if (n == 0) return false;
      i += n;
      continue;
    }
    // Backslash is refused because browsers read it as "/" in http URLs and other parsers do not,
    // so the same text would name different resources.
    if (c <= 0x20u || c == 0x7Fu || c == '\\') return false;
    if (c == '%' && !(i + 2 < rest.size() && is_hex(rest[i + 1]) && is_hex(rest[i + 2]))) {
      return false;
    }
    ++i;
  }
  return true;
}

}  // namespace

bool is_email(std::string_view text) {
  if (text.size() > 254) return false;
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  for (const char c : text.substr(0, at)) {
    if (!is_email_atext(c) && c != '.') return false;
  }
  return is_ldh_domain(text.substr(at + 1));
}

bool is_url(std::string_view text) {
  std::size_t after_scheme = 0;
  if (starts_with_ignoring_case(text, "http://")) {
    after_scheme = 7;
  } else if (starts_with_ignoring_case(text, "https://")) {
    after_scheme = 8;
  } else {
    return false;
  }
  const std::string_view rest_of_url = text.substr(after_scheme);
  const std::size_t authority_end = rest_of_url.find_first_of("/?#");
  const std::string_view authority = rest_of_url.substr(0, authority_end);
  const std::string_view rest = authority_end == std::string_view::npos
                                    ? std::string_view()
                                    : rest_of_url.substr(authority_end);

  std::string_view after_host;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos || !is_ipv6(authority.substr(1, close - 1))) return false;
    after_host = authority.substr(close + 1);
  } else {
    const std::size_t colon = authority.find(':');
    if (!is_url_host(authority.substr(0, colon))) return false;
    after_host = colon == std::string_view::npos ? std::string_view() : authority.substr(colon);
  }
  if (!after_host.empty() && (after_host.front() != ':' || !is_port(after_host.substr(1)))) {
    return false;
  }
  return is_url_rest(rest);
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool hyphen_slot = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen_slot ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

bool is_ipv4(std::string_view text) {
  int parts = 0;
  const bool ok = each_part(text, '.', [&](std::string_view part) {
    return ++parts <= 4 && is_decimal_octet(part);
  });
  return ok && parts == 4;
}

bool is_ipv6(std::string_view text) {
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) return ipv6_side_groups(text, true) == 8;
  // A second "::" (":::" included) would make the length of each gap ambiguous.
  if (text.find("::", gap + 1) != std::string_view::npos) return false;
  const std::string_view right = text.substr(gap + 2);
  const int left_groups = ipv6_side_groups(text.substr(0, gap), false);
  const int right_groups = ipv6_side_groups(right, true);
  return left_groups >= 0 && right_groups >= 0 && left_groups + right_groups <= 7;
}

bool is_ip(std::string_view text) { return is_ipv4(text) || is_ipv6(text); }

}  // namespace dynamap
