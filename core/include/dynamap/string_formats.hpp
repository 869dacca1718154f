#pragma once
// Validators for the string formats a model can require of an attribute. Each is a pure function
// of its bytes (no locale, no regex engine, no DNS), so the native and WASM builds agree exactly.
// The comments below are the normative definition of each format; the README quotes them.
#include <string_view>

namespace dynamap {

// email — the WHATWG HTML "valid e-mail address" (what <input type=email> accepts), ASCII only,
// plus the RFC 5321 limit of 254 characters overall:
//   local "@" label *("." label)
//   local: one or more of the letters, digits, "." and !#$%&'*+/=?^_`{|}~- ; dots may lead,
//          trail or repeat, as HTML allows; no quoted strings, no comments, no length of its own.
//   label: 1-63 letters, digits or "-", not starting or ending with "-".
// A single-label domain ("admin@localhost") is accepted; IP literals ("a@[1.2.3.4]") are not.
bool is_email(std::string_view text);

// url — an absolute http or https URL:
//   scheme "://" host [":" port] [path-query-fragment]
//   scheme: "http" or "https", any letter case. No other scheme passes.
//   host: a domain of labels as in email (1-63 letters, digits or "-", no "-" at either end,
//         253 characters at most, no trailing dot), or an IPv4 address as is_ipv4, or an IPv6
//         address in brackets as is_ipv6. A host whose last label is all digits must be a valid
//         IPv4 address ("1.2.3" and "999.1.1.1" fail). No user info ("user@host" fails).
//   port: 1-5 digits, value 0-65535.
//   path-query-fragment: empty, or starts with "/", "?" or "#"; then any characters except space,
//         the C0 controls and DEL, the C1 controls (U+0080-U+009F) and "\"; non-ASCII must be
//         valid UTF-8; every "%" must begin a "%XX" escape of two hex digits.
bool is_url(std::string_view text);

// uuid — 8-4-4-4-12 hex digits with hyphens (36 characters), either letter case, any version and
// variant; the nil UUID (all zeros) and the max UUID (all f) pass. No braces, no "urn:uuid:", no
// 32-digit form without hyphens.
bool is_uuid(std::string_view text);

// ipv4 — dotted quad: four decimal numbers 0-255 separated by "."; no leading zeros ("01.2.3.4"
// fails, since some parsers read it as octal), no other shorthand (RFC 6943 §3.1.1; the same
// inputs as Node's net.isIPv4).
bool is_ipv4(std::string_view text);

// ipv6 — the RFC 4291 §2.2 text forms: eight groups of 1-4 hex digits separated by ":"; one run
// of one or more zero groups may be replaced by "::" (at most once), and the last two groups may
// be written as an IPv4 address as is_ipv4 ("::ffff:192.0.2.1"). Either letter case. No zone
// index ("fe80::1%eth0" fails), no brackets, no prefix length. Agrees with Node's net.isIPv6 for
// every input without "%".
bool is_ipv6(std::string_view text);

// is_ipv4 or is_ipv6.
bool is_ip(std::string_view text);

}  // namespace dynamap
