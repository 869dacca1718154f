#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "dynamap/engine.hpp"
#include "dynamap/json.hpp"
#include "dynamap/json_reader.hpp"

using dynamap::json;
using dynamap::json_read_status;
using dynamap::read_json;

namespace {

// Equal and of the same type all the way down: json's == takes 1 for 1.0 and 0.0 for -0.0.
// A loop, not recursion, since the values compared nest up to 100,000 levels.
bool same_json(const json& a, const json& b) {
  std::vector<std::pair<const json*, const json*>> todo{{&a, &b}};
  while (!todo.empty()) {
    const auto [x, y] = todo.back();
    todo.pop_back();
    if (x->type() != y->type()) return false;
    switch (x->type()) {
      case json::value_t::object: {
        if (x->size() != y->size()) return false;
        for (auto i = x->begin(), j = y->begin(); i != x->end(); ++i, ++j) {
          if (i.key() != j.key()) return false;
          todo.emplace_back(&*i, &*j);
        }
        break;
      }
      case json::value_t::array:
        if (x->size() != y->size()) return false;
        for (std::size_t i = 0; i < x->size(); ++i) todo.emplace_back(&(*x)[i], &(*y)[i]);
        break;
      case json::value_t::number_float: {
        const double u = x->get<double>();
        const double v = y->get<double>();
        if (std::memcmp(&u, &v, sizeof u) != 0) return false;
        break;
      }
      default:
        if (*x != *y) return false;
    }
  }
  return true;
}

// How many objects and arrays nest in `value`, counted as nests_within counts them, in a loop.
long nesting(const json& value) {
  long deepest = 0;
  std::vector<std::pair<const json*, long>> todo{{&value, 0}};
  while (!todo.empty()) {
    const auto [v, above] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, above + 1);
    for (const json& child : *v) todo.emplace_back(&child, above + 1);
  }
  return deepest;
}

// What read_json must answer, from nlohmann's own parser and the depth engine.cpp checked after it.
json_read_status expected_status(const json& parsed, int max_depth) {
  if (parsed.is_discarded()) return json_read_status::invalid;
  return nesting(parsed) <= max_depth ? json_read_status::ok : json_read_status::too_deep;
}

std::string show(const std::string& text) {
  std::string out;
  for (const unsigned char c : text.substr(0, 300)) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return text.size() > 300 ? out + "...(" + std::to_string(text.size()) + " bytes)" : out;
}

// Checks read_json against json::parse on one text; returns whether they agree.
bool agrees(const std::string& text, int max_depth = dynamap::unlimited_json_depth) {
  const json expected = json::parse(text, nullptr, false);
  const dynamap::json_read_result got = read_json(text, max_depth);
  const json_read_status want = expected_status(expected, max_depth);
  if (got.status != want) return false;
  if (want != json_read_status::ok) return got.value.is_discarded();
  return same_json(got.value, expected);
}

#define CHECK_AGREES(text, ...)                  \
  do {                                           \
    const std::string text_ = (text);            \
    INFO("text: " << show(text_));               \
    CHECK(agrees(text_, ##__VA_ARGS__));         \
  } while (false)

void check_accepted(const std::string& text) {
  INFO("text: " << show(text));
  CHECK(read_json(text).status == json_read_status::ok);
  CHECK(agrees(text));
}

void check_refused(const std::string& text) {
  INFO("text: " << show(text));
  const dynamap::json_read_result got = read_json(text);
  CHECK(got.status == json_read_status::invalid);
  CHECK(got.value.is_discarded());
  CHECK(agrees(text));
}

std::string nested(int levels, const std::string& open, const std::string& inside, const std::string& close) {
  std::string out;
  out.reserve(levels * (open.size() + close.size()) + inside.size());
  for (int i = 0; i < levels; ++i) out += open;
  out += inside;
  for (int i = 0; i < levels; ++i) out += close;
  return out;
}

std::string bytes(std::initializer_list<unsigned char> list) { return std::string(list.begin(), list.end()); }

}  // namespace

TEST_CASE("json_reader accepts the JSON grammar as nlohmann does", "[json_reader]") {
  for (const char* text :
       {"null", "true", "false", "0", "1", "-1", "\"\"", "\"x\"", "[]", "{}", " [ ] ", "\t\n\r {}\r\n",
        "[1,2,3]", "[[],[[]],{}]", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        "{ \"a\" : 1 , \"b\" : 2 }", "[\"a\" , 1 ,null,  {} ]", "\"\x7F\"", "\"'\"", "\"/\"",
        "{\"\":\"\"}", "{\"z\":1,\"a\":2,\"m\":3}"}) {
    check_accepted(text);
  }
}

TEST_CASE("json_reader refuses what nlohmann refuses", "[json_reader]") {
  for (const char* text :
       {"", " ", "\r\n\t", "[", "]", "{", "}", "[1,]", "[,1]", "[1,,2]", "{\"a\":1,}", "{,}", "{\"a\"}",
        "{\"a\" 1}", "{\"a\":}", "{1:2}", "{'a':1}", "{a:1}", "[1 2]", "1 2", "[1]]", "{}}", "[}", "{]",
        "// c\n1", "/* c */1", "1 // c", "tru", "True", "nul", "nulll", "falsey", "NaN", "Infinity",
        "-Infinity", "undefined", "'a'", "\"abc", "\"\\\"", "\v1", "\f1", "1\v", "\xA0" "1", "1 x",
        "[1]x", "\"a\"\"b\""}) {
    check_refused(text);
  }
}

TEST_CASE("json_reader numbers: grammar and nlohmann's types", "[json_reader]") {
  for (const char* bad : {"01", "-01", "00", "1.", ".5", "+1", "-", "--1", "1e", "1e+", "1E-", "1.e5", "0x10",
                          "1e5.3", "1.2.3", "-.5", "- 1", "1e400", "-1e400"}) {
    check_refused(bad);
  }
  check_refused("1" + std::string(400, '0'));                  // an integer past every double
  check_refused("[1e309]");

  for (const char* good : {"0", "-0", "1", "-1", "1.0", "-0.0", "0.0", "1e5", "1E5", "1e+5", "1e-5", "0e0",
                           "-0e-0", "1.5e300", "1e-400", "4.9e-324", "2.2250738585072014e-308",
                           "1.7976931348623157e308", "0.1", "0.30000000000000004", "9007199254740993",
                           "18446744073709551615", "18446744073709551616", "99999999999999999999",
                           "-9223372036854775808", "-9223372036854775809", "9223372036854775808",
                           "123456789012345678901234567890", "-123456789012345678901234567890",
                           "1.00000000000000011102230246251565404236316680908203125",
                           "[0,-0,1.5,-2,3e2]"}) {
    check_accepted(good);
  }
  CHECK(read_json("0").value.type() == json::value_t::number_unsigned);
  CHECK(read_json("-0").value.type() == json::value_t::number_integer);
  CHECK(read_json("-0").value.get<std::int64_t>() == 0);
  CHECK(read_json("-0.0").value.type() == json::value_t::number_float);
  CHECK(std::signbit(read_json("-0.0").value.get<double>()));
  CHECK(read_json("1.0").value.type() == json::value_t::number_float);
  CHECK(read_json("1e5").value.type() == json::value_t::number_float);
  CHECK(read_json("18446744073709551615").value.get<std::uint64_t>() == UINT64_MAX);
  CHECK(read_json("18446744073709551616").value.type() == json::value_t::number_float);
  CHECK(read_json("-9223372036854775808").value.get<std::int64_t>() == INT64_MIN);
  CHECK(read_json("-9223372036854775809").value.type() == json::value_t::number_float);
  CHECK(read_json("9223372036854775808").value.type() == json::value_t::number_unsigned);
  CHECK(read_json("1e-400").value.get<double>() == 0.0);  // underflow is a number, overflow is not
}

TEST_CASE("json_reader doubles are strtod's, to the last bit", "[json_reader]") {
  // Around the edges of the exact path (19 digits, 2^53, 10^22) and past them.
  for (const char* text : {"9007199254740992.0", "9007199254740993.0", "9007199254740993e0", "9007199254740995e-1",
                           "1e22", "1e23", "1e-22", "1e-23", "1.5e22", "4.5e-22", "1234567890123456789e3",
                           "1234567890123456789.0", "12345678901234567890.5", "0.1234567890123456789",
                           "0.00000000000000000001", "-7.75", "17.25", "4321.5", "-76.35", "37.03",
                           "0.30000000000000004", "2.2250738585072011e-308", "0e9999", "-0e-9999", "0.0e00001",
                           "1e0001", "1e-0001", "1E+0022", "5e-324", "1e-324", "123e-330"}) {
    check_accepted(text);
  }
  std::mt19937_64 rng(20240503);
  for (int i = 0; i < 100000; ++i) {
    std::string text = rng() % 2 ? "-" : "";
    const int digits = 1 + static_cast<int>(rng() % 21);
    const int point = static_cast<int>(rng() % static_cast<unsigned>(digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>(d == 0 && point != 1 ? '1' + rng() % 9 : '0' + rng() % 10);
    }
    if (rng() % 2) text += "e" + std::to_string(static_cast<int>(rng() % 71) - 35);
    if (!agrees(text)) {
      INFO("text: " << text);
      FAIL("read_json and nlohmann give different numbers");
    }
  }
}

TEST_CASE("json_reader strings: escapes, surrogates and UTF-8", "[json_reader]") {
  for (const std::string good :
       {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"a\\u0000b\"", "\"\\u0041\\u00e9\\u20AC\\uFFFF\"",
        "\"\\ud83d\\ude00\"", "\"\\uD83D\\uDE00x\"", "\"\\udbff\\udfff\"", "\"\\ud800\\udc00\"",
        "\"\xC2\x80\xDF\xBF\"", "\"\xE0\xA0\x80\xEF\xBF\xBF\"", "\"\xED\x9F\xBF\xEE\x80\x80\"",
        "\"\xF0\x90\x80\x80\xF4\x8F\xBF\xBF\"", "\"é€😀\"", "{\"é\":\"😀\"}", "\"\\u00e9 and é\""}) {
    check_accepted(good);
  }
  CHECK(read_json("\"a\\u0000b\"").value.get<std::string>() == std::string("a\0b", 3));
  CHECK(read_json("\"\\ud83d\\ude00\"").value.get<std::string>() == "\xF0\x9F\x98\x80");

  for (const std::string bad : {
           "\"\x01\"", "\"\x1F\"", "\"\t\"", "\"\n\"", "\"\\x\"", "\"\\U0041\"", "\"\\'\"", "\"\\u12\"",
           "\"\\u12G4\"", "\"\\u\"", "\"\\", "\"\\ud800\"", "\"\\ud800x\"", "\"\\ud800\\u0041\"",
           "\"\\ud800\\ud800\"", "\"\\ud800\\n\"", "\"\\ud800\\", "\"\\udc00\"", "\"\\udfff\\ud800\"",
           "\"\\udc00\\ud800\"", "\"\x80\"", "\"\xBF\"", "\"\xC0\x80\"", "\"\xC1\xBF\"", "\"\xC2\"",
           "\"\xC2\x7F\"", "\"\xC2\xC0\"", "\"\xE0\x80\x80\"", "\"\xE0\x9F\xBF\"", "\"\xE2\x82\"",
           "\"\xED\xA0\x80\"", "\"\xED\xBF\xBF\"", "\"\xF0\x80\x80\x80\"", "\"\xF0\x8F\xBF\xBF\"",
           "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"", "\"\xF8\x88\x80\x80\x80\"", "\"\xFF\"",
           "\"\xF0\x9F\x98\"", "\xC3\xA9", "[\"\xE2\x82\xAC\" \xE2\x82\xAC]"}) {
    check_refused(bad);
  }
}

TEST_CASE("json_reader keeps the last value of a repeated key", "[json_reader]") {
  check_accepted("{\"a\":1,\"a\":2}");
  check_accepted("{\"a\":{\"b\":1},\"a\":[2]}");
  check_accepted("{\"a\":[1,2,3],\"b\":0,\"a\":\"x\"}");
  check_accepted("{\"a\":1,\"a\":{\"a\":1,\"a\":[]}}");
  CHECK(read_json("{\"a\":1,\"a\":2}").value == json{{"a", 2}});
  CHECK(read_json("{\"a\":{\"b\":1},\"a\":[2]}").value == json{{"a", json::array({2})}});
}

TEST_CASE("json_reader: a byte order mark and a NUL byte, as nlohmann reads them", "[json_reader]") {
  // One BOM at the very start is skipped; a partial one, a second one or one later is refused.
  check_accepted("\xEF\xBB\xBF{}");
  check_accepted("\xEF\xBB\xBF 1");
  check_refused("\xEF\xBB\xBF");
  check_refused("\xEF\xBB");
  check_refused("\xEF");
  check_refused("\xEF\xBBX{}");
  check_refused("\xEF\xBB\xBF\xEF\xBB\xBF{}");
  check_refused(" \xEF\xBB\xBF{}");
  check_refused("[\xEF\xBB\xBF]");
  // A NUL byte reads as the end of the text: what follows one after a value is never looked at.
  check_accepted(std::string("{}\0garbage", 10));
  check_accepted(std::string("1\0x", 3));
  check_accepted(std::string("[1,2] \0\0]", 9));
  check_accepted(std::string("\xEF\xBB\xBF" "0\0", 5));
  check_refused(std::string("\0", 1));
  check_refused(std::string(" \0 1", 4));
  check_refused(std::string("[\0]", 3));
  check_refused(std::string("[1,\0]", 5));
  check_refused(std::string("\"a\0b\"", 5));
  check_refused(std::string("tr\0ue", 5));
  check_refused(std::string("\xEF\0", 2));
}

TEST_CASE("json_reader depth: too deep only when valid, never recursing per level", "[json_reader]") {
  const std::string at_limit = nested(2048, "[", "1", "]");
  const std::string past_limit = nested(2049, "[", "1", "]");
  CHECK(read_json(at_limit, 2048).status == json_read_status::ok);
  CHECK(read_json(past_limit, 2048).status == json_read_status::too_deep);
  CHECK(read_json(past_limit, 2048).value.is_discarded());
  CHECK(read_json(nested(2047, "{\"a\":", "{}", "}"), 2048).status == json_read_status::ok);
  CHECK(read_json(nested(2048, "{\"a\":", "{}", "}"), 2048).status == json_read_status::too_deep);
  CHECK(dynamap::nests_within(json::parse(nested(2047, "{\"a\":", "{}", "}")), 2048));
  CHECK_FALSE(dynamap::nests_within(json::parse(nested(2048, "{\"a\":", "{}", "}")), 2048));
  CHECK(read_json("1", 0).status == json_read_status::ok);
  CHECK(read_json("[]", 0).status == json_read_status::too_deep);
  CHECK(read_json("[]", 1).status == json_read_status::ok);
  CHECK(read_json("[[]]", 1).status == json_read_status::too_deep);
  CHECK(read_json("[[],[[]]]", 2).status == json_read_status::too_deep);
  CHECK(read_json("[[],[[]]]", 3).status == json_read_status::ok);

  // 100,000 levels: deep but well formed is too deep; broken anywhere, even past the limit, is
  // invalid, as when the depth was checked after nlohmann's parse.
  const std::string deep = nested(100000, "[{\"k\":", "\"leaf\"", "}]");
  CHECK(read_json(deep, 2048).status == json_read_status::too_deep);
  CHECK(read_json(deep.substr(0, deep.size() - 1), 2048).status == json_read_status::invalid);
  CHECK(read_json(std::string(100000, '['), 2048).status == json_read_status::invalid);
  CHECK(read_json(nested(100000, "[", "1,", "]"), 2048).status == json_read_status::invalid);
  CHECK(read_json(nested(3000, "[", "1", "]") + "x", 2048).status == json_read_status::invalid);
  CHECK(read_json(nested(3000, "[", "\"\\ud800\"", "]"), 2048).status == json_read_status::invalid);
  CHECK(read_json(nested(3000, "[", "01", "]"), 2048).status == json_read_status::invalid);
  // Depth was checked on the value nlohmann built, where a repeated key had already replaced the
  // first value given: a deep value replaced that way never counted.
  CHECK(read_json("{\"a\":[[1]],\"a\":1}", 1).status == json_read_status::ok);
  CHECK(read_json("{\"a\":[[1]],\"b\":1}", 1).status == json_read_status::too_deep);
  CHECK(read_json("{\"a\":1,\"a\":[[1]]}", 1).status == json_read_status::too_deep);
  CHECK(read_json("[{\"a\":[[1]],\"a\":[1]}]", 2).status == json_read_status::too_deep);
  CHECK(read_json("[{\"a\":[[1]],\"a\":{}}]", 3).status == json_read_status::ok);
  CHECK(read_json("{\"x\":{\"a\":" + nested(3000, "[", "1", "]") + "},\"x\":2}", 2048).status == json_read_status::ok);
  CHECK(read_json("{\"x\":{\"a\":" + nested(3000, "[", "1", "]") + "},\"x\":2}", 2048).value == json{{"x", 2}});
  CHECK(read_json("{\"x\":" + nested(3000, "[", "1", "]") + ",\"y\":" + nested(3000, "[", "1", "]") + ",\"x\":2}",
                  2048).status == json_read_status::too_deep);
  CHECK(agrees("{\"a\":[[1]],\"a\":1}", 1));
  CHECK(agrees("{\"a\":[[1]],\"a\":[[]],\"a\":{}}", 1));
  // Without a limit the whole value is built, as nlohmann builds it.
  CHECK(agrees(deep));
  CHECK(agrees(nested(100000, "[", "[]", "]")));
}

TEST_CASE("engine: parse errors and depth keep their codes", "[json_reader][engine]") {
  dynamap::engine engine;
  const auto code = [&](const std::string& op, const std::string& input) {
    return json::parse(engine.call(0, op, input))["error"]["code"];
  };
  CHECK(code("marshall", "{\"a\":") == "usage.invalidJson");
  CHECK(code("marshall", "{\"a\":\"\\udc00\"}") == "usage.invalidJson");
  CHECK(code("marshall", nested(3000, "[", "1", "]")) == "usage.tooDeep");
  CHECK(code("marshall", nested(3000, "[", "1", "]") + ",") == "usage.invalidJson");
  CHECK(code("marshall", std::string(100000, '[')) == "usage.invalidJson");
  CHECK(code("marshall", "{\"a\":" + nested(3000, "[", "1", "]") + ",\"a\":{\"$date\":1}}") != "usage.tooDeep");
  CHECK(json::parse(engine.call(0, "marshall", nested(2000, "[", "1", "]")))["error"]["code"] != "usage.tooDeep");
  // Responses have no depth cap of their own here: the readers of each answer have theirs.
  const int handle = json::parse(engine.compile(R"({"name":"T","table":"things","key":{"partition":"id"},
                                                   "attributes":{"id":"string"}})"))["handle"].get<int>();
  const auto response_code = [&](const std::string& body) {
    return json::parse(engine.call(handle, "parse.getItem", body))["error"]["code"];
  };
  CHECK(response_code("{\"Item\":") == "response.invalidJson");
  CHECK(response_code("{\"Item\":" + nested(3000, "[", "1", "]") + "}") == "response.malformed");
  CHECK(response_code("{\"Item\":" + nested(3000, "[", "1", "]")) == "response.invalidJson");
}

namespace {

// Random JSON texts, valid and then broken: the differential half of the tests.
class json_text_generator {
 public:
  explicit json_text_generator(std::uint64_t seed) : rng_(seed) {}

  std::string next() {
    std::string text;
    const int shape = pick(10);
    if (shape == 0) {
      // Deep nesting, sometimes unbalanced.
      const int levels = pick(3) == 0 ? pick(3000) : pick(40);
      const char* opens[] = {"[", "{\"a\":", "[{\"k\":", "{\"\":["};
      const char* closes[] = {"]", "}", "}]", "]}"};
      const int kind = pick(4);
      for (int i = 0; i < levels; ++i) text += opens[kind];
      value(text, 2);
      for (int i = 0; i < levels; ++i) text += closes[kind];
    } else {
      if (pick(40) == 0) text += "\xEF\xBB\xBF";
      whitespace(text);
      value(text, 0);
      whitespace(text);
      if (pick(40) == 0) text += std::string(1, '\0') + "junk";
    }
    if (pick(3) != 0) mutate(text);
    return text;
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

  void whitespace(std::string& out) {
    if (pick(3) != 0) return;
    static const char spaces[] = {' ', '\t', '\n', '\r'};
    for (int i = pick(3) + 1; i > 0; --i) out += spaces[pick(4)];
  }

  void value(std::string& out, int depth) {
    const int kind = depth > 5 ? pick(4) : pick(6);
    switch (kind) {
      case 0: out += pick(3) == 0 ? "null" : pick(2) ? "true" : "false"; break;
      case 1: number(out); break;
      case 2: case 3: string_value(out); break;
      case 4: {
        out += '[';
        const int n = pick(5);
        for (int i = 0; i < n; ++i) {
          if (i) out += ',';
          whitespace(out);
          value(out, depth + 1);
          whitespace(out);
        }
        out += ']';
        break;
      }
      default: {
        out += '{';
        const int n = pick(5);
        for (int i = 0; i < n; ++i) {
          if (i) out += ',';
          whitespace(out);
          if (pick(3) == 0) {
            out += "\"k\"";  // repeated keys
          } else {
            string_value(out);
          }
          whitespace(out);
          out += ':';
          whitespace(out);
          value(out, depth + 1);
          whitespace(out);
        }
        out += '}';
      }
    }
  }

  void digits(std::string& out, int count, bool leading_nonzero) {
    for (int i = 0; i < count; ++i) out += static_cast<char>('0' + (i == 0 && leading_nonzero ? 1 + pick(9) : pick(10)));
  }

  void number(std::string& out) {
    static const char* edges[] = {"0", "-0", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
                                  "-9223372036854775809", "9223372036854775807", "9223372036854775808",
                                  "1e308", "1e309", "1.7976931348623157e308", "1.7976931348623159e308",
                                  "4.9e-324", "2e-324", "1e-400", "-0.0", "99999999999999999999"};
    if (pick(4) == 0) {
      out += edges[pick(sizeof edges / sizeof *edges)];
      return;
    }
    if (pick(3) == 0) out += '-';
    if (pick(5) == 0) {
      out += '0';
    } else {
      digits(out, 1 + (pick(4) == 0 ? pick(25) : pick(6)), true);
    }
    if (pick(3) == 0) {
      out += '.';
      digits(out, 1 + pick(20), false);
    }
    if (pick(4) == 0) {
      out += pick(2) ? 'e' : 'E';
      if (pick(2)) out += pick(2) ? '+' : '-';
      digits(out, 1 + pick(3), false);
    }
  }

  void hex4(std::string& out, unsigned value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, pick(2) ? "\\u%04x" : "\\u%04X", value & 0xFFFF);
    out += buffer;
  }

  void string_value(std::string& out) {
    out += '"';
    const int n = pick(4) == 0 ? pick(60) : pick(8);
    for (int i = 0; i < n; ++i) {
      switch (pick(12)) {
        case 0: {
          static const char* escapes[] = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
          out += escapes[pick(8)];
          break;
        }
        case 1: {
          // \u escapes around the surrogate ranges, paired or not.
          static const unsigned points[] = {0x0000, 0x001F, 0x0041, 0x007F, 0x0080, 0x07FF, 0x0800, 0xD7FF,
                                            0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFF};
          const unsigned cp = pick(3) ? points[pick(14)] : static_cast<unsigned>(pick(0x10000));
          hex4(out, cp);
          if (cp >= 0xD800 && cp <= 0xDBFF && pick(4) != 0) hex4(out, pick(4) ? 0xDC00 + pick(0x400) : points[pick(14)]);
          break;
        }
        case 2: {
          // Valid UTF-8 of every length.
          static const char* chars[] = {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xE2\x82\xAC", "\xED\x9F\xBF",
                                        "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80",
                                        "\xF4\x8F\xBF\xBF", "\xC3\xA9"};
          out += chars[pick(11)];
          break;
        }
        case 3: {
          // A byte sequence that may or may not be UTF-8: a lead byte and random continuations.
          out += static_cast<char>(0x80 + pick(0x80));
          for (int k = pick(4); k > 0; --k) out += static_cast<char>(0x70 + pick(0x60));
          break;
        }
        case 4:
          out += static_cast<char>(pick(0x20));  // control characters, refused raw
          break;
        default:
          out += static_cast<char>(0x20 + pick(0x5F));
          if (out.back() == '"' || out.back() == '\\') out.back() = 'q';
      }
    }
    out += '"';
  }

  void mutate(std::string& text) {
    static const char interesting[] = "{}[]\":,\\u0123456789eE.+-tfn \t\n\r\x7F";
    static const unsigned char odd[] = {0x00, 0x01, 0x1F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xEF, 0xBB,
                                        0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F};
    for (int m = 1 + pick(3); m > 0; --m) {
      const std::size_t at = text.empty() ? 0 : static_cast<std::size_t>(pick(static_cast<int>(text.size())));
      char c = pick(2) ? interesting[pick(sizeof interesting - 1)] : static_cast<char>(odd[pick(sizeof odd)]);
      if (pick(8) == 0) c = static_cast<char>(pick(256));
      switch (pick(5)) {
        case 0: if (!text.empty()) text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 2: if (!text.empty()) text.erase(at, 1 + static_cast<std::size_t>(pick(3))); break;
        case 3: text.resize(at); break;
        default: {
          const std::size_t from = text.empty() ? 0 : static_cast<std::size_t>(pick(static_cast<int>(text.size())));
          text.insert(at, text.substr(from, static_cast<std::size_t>(pick(12))));
        }
      }
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace

TEST_CASE("json_reader agrees with nlohmann on random and broken texts", "[json_reader][differential]") {
  json_text_generator generator(0x6a736f6e72656164);  // fixed: a failure reproduces
  int accepted = 0;
  int deep = 0;
  constexpr int count = 40000;
  for (int i = 0; i < count; ++i) {
    const std::string text = generator.next();
    const int max_depth = i % 2 == 0 ? i / 2 % 8 : dynamap::unlimited_json_depth;
    const json expected = json::parse(text, nullptr, false);
    const json_read_status want = expected_status(expected, max_depth);
    accepted += want == json_read_status::ok;
    deep += want == json_read_status::too_deep;
    if (!agrees(text, max_depth)) {
      INFO("case " << i << ", max_depth " << max_depth << ", nlohmann "
                   << (expected.is_discarded() ? "refuses" : "accepts") << ": " << show(text));
      FAIL("json_reader and nlohmann disagree");
    }
  }
  // The generator must reach both sides of every decision to mean anything.
  CHECK(accepted > count / 5);
  CHECK(count - accepted - deep > count / 5);
  INFO("accepted " << accepted << ", too deep " << deep);
  CHECK(deep > count / 100);
}
