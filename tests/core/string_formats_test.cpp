#include <catch2/catch.hpp>

#include <string>

#include "dynamap/string_formats.hpp"
#include "fixture_runner.hpp"

using dynamap::is_email;
using dynamap::is_ip;
using dynamap::is_ipv4;
using dynamap::is_ipv6;
using dynamap::is_url;
using dynamap::is_uuid;
using dynamap::json;

namespace {

std::string repeat(char c, std::size_t n) { return std::string(n, c); }

}  // namespace

TEST_CASE("is_email accepts the HTML valid e-mail addresses", "[formats]") {
  for (const char* ok : {
           "a@b", "user@example.com", "first.last@example.co.uk", "USER@EXAMPLE.COM",
           "user+tag@example.com", "x@localhost", "a.b.c@d-e.f-g.h", "1@2.3", "user@123.example",
           "!#$%&'*+/=?^_`{|}~-@example.com", ".leading@example.com", "trailing.@example.com",
           "two..dots@example.com", "o'brien@example.ie", "a@xn--bcher-kva.example",
           "a@a-b.c", "a@0.0.0.0",
       }) {
    INFO(ok);
    CHECK(is_email(ok));
  }
  const std::string label63 = repeat('a', 63);
  CHECK(is_email("a@" + label63 + ".com"));
  CHECK_FALSE(is_email("a@" + label63 + "a.com"));
  // 254 characters overall passes, 255 does not.
  const std::string domain = label63 + "." + label63 + "." + label63 + "." + repeat('b', 59);
  CHECK(is_email("a@" + domain + "b"));
  CHECK((std::string("a@") + domain + "b").size() == 254);
  CHECK_FALSE(is_email("ab@" + domain + "b"));
  CHECK(is_email(repeat('x', 200) + "@example.com"));
}

TEST_CASE("is_email refuses what HTML refuses", "[formats]") {
  for (const char* bad : {
           "", "@", "a@", "@b", "ab", "a@@b", "a@b@c", "a b@c", "a@b c", " a@b", "a@b ",
           "a@-b", "a@b-", "a@b.-c", "a@b.c-", "a@.b", "a@b.", "a@b..c", "a@[1.2.3.4]",
           "\"quoted\"@example.com", "a(comment)@b", "a,b@c", "a;b@c", "a:b@c", "a<b@c", "a\\b@c",
           "a@b_c", "a@b+c", "a@b!c", "a\tb@c", "a@b\n", "caf\xc3\xa9@example.com",
           "a@b\xc3\xa9.com", "user@exa mple.com",
       }) {
    INFO(bad);
    CHECK_FALSE(is_email(bad));
  }
  CHECK_FALSE(is_email(std::string("a\0b@c", 5)));
}

TEST_CASE("is_url accepts absolute http and https URLs", "[formats]") {
  for (const char* ok : {
           "http://example.com", "https://example.com", "HTTP://EXAMPLE.COM",
           "HtTpS://Example.Com/",
           "http://localhost", "http://localhost:3000", "https://a.b.c.d/e/f?g=h&i=j#k",
           "https://example.com:0", "https://example.com:65535/", "http://example.com:00080",
           "http://127.0.0.1", "http://0.0.0.0:8000/x", "http://[::1]", "http://[::1]:8080/",
           "http://[2001:db8::ff00:42:8329]/path", "http://[::ffff:1.2.3.4]",
           "https://example.com?query", "https://example.com#fragment", "https://example.com/#",
           "https://example.com/?", "https://example.com/a%20b", "https://example.com/%7e%7E",
           "https://example.com/a/b/../c/./d", "https://example.com/p?a=1&b=[2]&c={3}|^`\"<>",
           "https://example.com/#a#b", "https://example.com/caf\xc3\xa9",
           "https://example.com/\xe2\x82\xac\xf0\x9f\x98\x80", "https://example.com/@user",
           "https://example.com/path:with:colons", "http://a-b.c-d.example",
           "http://xn--bcher-kva.example/", "http://123.example", "http://example.123a",
           "https://example.com//double//slashes",
       }) {
    INFO(ok);
    CHECK(is_url(ok));
  }
  CHECK(is_url("http://" + repeat('a', 63) + ".com"));
  const std::string host253 =
      repeat('a', 63) + "." + repeat('b', 63) + "." + repeat('c', 63) + "." + repeat('d', 61);
  CHECK(is_url("http://" + host253));
  CHECK_FALSE(is_url("http://" + host253 + "d"));
}

TEST_CASE("is_url refuses other schemes and malformed URLs", "[formats]") {
  for (const char* bad : {
           "", "example.com", "//example.com", "www.example.com/path", "ftp://example.com",
           "file:///etc/passwd", "mailto:a@b.c", "javascript:alert(1)", "ws://example.com",
           "httpx://example.com", "http:/example.com", "http:example.com", "http//example.com",
           "http://", "https://", "http:///path", "http://?q", "http://#f", "http://:80",
           "http://example.com:", "http://example.com:65536", "http://example.com:123456",
           "http://example.com:-1", "http://example.com:8a", "http://example.com:80:80",
           "http://user@example.com", "http://user:pass@example.com/", "http://exa mple.com",
           "http://example.com/a b", "http://example.com/a\tb", "http://example.com/\n",
           "http://example.com/\x7f", "http://example.com/a\\b", "http://example.com\\a",
           "http://example.com/%", "http://example.com/%2", "http://example.com/%zz",
           "http://example.com/?q=100%", "http://-example.com", "http://example-.com",
           "http://example..com", "http://example.com.", "http://.example.com",
           "http://exa_mple.com",
           "http://ex!ample.com", "http://caf\xc3\xa9.example", "http://1.2.3", "http://999.1.1.1",
           "http://1.2.3.4.5", "http://01.2.3.4", "http://123", "http://example.123",
           "http://[::1", "http://::1/", "http://[::1]x", "http://[1.2.3.4]", "http://[::1%25eth0]",
           "http://[v1.fe]/", "http://[]", "http://[::1]:", "http://[::1]:99999",
           "http://example.com/\xc2\x85", "http://example.com/\xc3", "http://example.com/\xc0\xaf",
           "http://example.com/\xed\xa0\x80", "http://example.com/\xf4\x90\x80\x80",
           "http://example.com/\xff", " http://example.com", "http://example.com ",
       }) {
    INFO(bad);
    CHECK_FALSE(is_url(bad));
  }
  CHECK_FALSE(is_url("http://" + repeat('a', 64) + ".com"));
  CHECK_FALSE(is_url(std::string("http://example.com/\0", 20)));
}

TEST_CASE("is_uuid accepts 8-4-4-4-12 hex of any version", "[formats]") {
  for (const char* ok : {
           "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
           "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "123e4567-e89b-12d3-a456-426614174000",
           "550E8400-E29B-41D4-A716-446655440000", "f47ac10b-58cc-4372-a567-0e02b2c3d479",
           "01890a5d-ac96-774b-bcce-b302099a8057", "aBcDeF01-2345-6789-AbCd-Ef0123456789",
           "12345678-1234-0234-c234-123456789abc",
       }) {
    INFO(ok);
    CHECK(is_uuid(ok));
  }
  for (const char* bad : {
           "", "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
           "urn:uuid:123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400",
           "123e4567-e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456_426614174000",
           "123e4567-e89b-12d3a-456-426614174000", "123e456-7e89b-12d3-a456-426614174000",
           "g23e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g",
           " 23e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000 ",
           "123e4567--89b-12d3-a456-426614174000", "------------------------------------",
       }) {
    INFO(bad);
    CHECK_FALSE(is_uuid(bad));
  }
}

TEST_CASE("is_ipv4 and is_ipv6 hand cases", "[formats]") {
  CHECK(is_ipv4("192.168.0.1"));
  CHECK(is_ipv4("0.0.0.0"));
  CHECK(is_ipv4("255.255.255.255"));
  CHECK_FALSE(is_ipv4("192.168.0.01"));
  CHECK_FALSE(is_ipv4("192.168.0"));
  CHECK_FALSE(is_ipv4("1.2.3.4.5"));
  CHECK_FALSE(is_ipv4("1.2.3.1000"));
  CHECK_FALSE(is_ipv4("1.2.3.4\n"));
  CHECK(is_ipv6("::"));
  CHECK(is_ipv6("2001:db8::1"));
  CHECK(is_ipv6("::ffff:192.0.2.1"));
  CHECK(is_ipv6("1:2:3:4:5:6:7::"));
  CHECK_FALSE(is_ipv6("1:2:3:4::5:6:7:8"));  // "::" must stand for at least one group
  CHECK_FALSE(is_ipv6("fe80::1%eth0"));      // no zone index, unlike net.isIPv6
  CHECK_FALSE(is_ipv6("fe80::1%1"));
  CHECK_FALSE(is_ipv6("[::1]"));
  CHECK_FALSE(is_ipv6("::1/128"));
  CHECK_FALSE(is_ipv6("::1.2.3.04"));
  CHECK(is_ip("10.0.0.1"));
  CHECK(is_ip("::1"));
  CHECK_FALSE(is_ip("10.0.0.256"));
  CHECK_FALSE(is_ip("::g"));
  CHECK_FALSE(is_ip(""));
}

TEST_CASE("is_ipv4 and is_ipv6 agree with Node's net module", "[formats][fixtures]") {
  const json fixture = dynamap::test::load_fixture("time/cases.json");
  REQUIRE(fixture["ip"].size() >= 300);
  for (const json& c : fixture["ip"]) {
    const std::string text = c["text"].get<std::string>();
    INFO(json(text).dump());
    CHECK(is_ipv4(text) == c["v4"].get<bool>());
    CHECK(is_ipv6(text) == c["v6"].get<bool>());
    CHECK(is_ip(text) == (c["v4"].get<bool>() || c["v6"].get<bool>()));
  }
}
