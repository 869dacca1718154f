#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "dynamap/call_arena.hpp"
#include "dynamap/engine.hpp"
#include "dynamap/json.hpp"
#include "dynamap/json_text.hpp"

using dynamap::json;

namespace {
const char* thing_model = R"({"name":"Thing","table":"things","key":{"partition":"id"},
                              "attributes":{"id":{"type":"string"}}})";
}

TEST_CASE("engine never lets an exception cross", "[engine]") {
  dynamap::engine engine;
  CHECK(json::parse(engine.compile("{not json"))["error"]["code"] == "usage.invalidJson");
  CHECK(json::parse(engine.compile("[]"))["error"]["kind"] == "SchemaError");
  const int handle = json::parse(engine.compile(thing_model))["handle"].get<int>();
  CHECK(json::parse(engine.call(handle, "plan.get", "{"))["error"]["code"] == "usage.invalidJson");
  CHECK(json::parse(engine.call(handle, "nope", "{}"))["error"]["code"] == "usage.unknownOperation");
  CHECK(json::parse(engine.call(handle, "parse.getItem", "<html>"))["error"]["code"] ==
        "response.invalidJson");
  CHECK(json::parse(engine.call(handle, "parse.getItem", "[1]"))["error"]["code"] ==
        "response.malformed");
  CHECK(json::parse(engine.call(99, "plan.get", "{}"))["error"]["code"] == "usage.releasedModel");
}

TEST_CASE("released handles are refused and reused", "[engine]") {
  dynamap::engine engine;
  const int a = json::parse(engine.compile(thing_model))["handle"].get<int>();
  const int b = json::parse(engine.compile(thing_model))["handle"].get<int>();
  CHECK(engine.live_models() == 2);
  engine.release(a);
  CHECK(engine.live_models() == 1);
  CHECK(json::parse(engine.call(a, "plan.get", R"({"key":{"id":"x"}})"))["error"]["code"] ==
        "usage.releasedModel");
  CHECK(json::parse(engine.call(b, "plan.get", R"({"key":{"id":"x"}})")).contains("result"));
  const int c = json::parse(engine.compile(thing_model))["handle"].get<int>();
  CHECK(c == a);
  engine.release(a);
  engine.release(a);  // twice is harmless
  CHECK(engine.live_models() == 1);
}

TEST_CASE("GetItem responses are read through the model", "[engine]") {
  dynamap::engine engine;
  const int handle = json::parse(engine.compile(thing_model))["handle"].get<int>();
  CHECK(json::parse(engine.call(handle, "parse.getItem", "{}"))["result"] == json::object());
  CHECK(json::parse(engine.call(handle, "parse.getItem", R"({"Item":{"id":{"S":"a"}}})"))["result"] ==
        json::parse(R"({"item":{"id":"a"}})"));
  const json bad = json::parse(engine.call(handle, "parse.getItem", R"({"Item":{"id":{"S":"a"},"x":{"S":"b"}}})"));
  CHECK(bad["error"]["code"] == "validation.unknownAttribute");
}

TEST_CASE("error responses map to error classes", "[engine]") {
  dynamap::engine engine;
  auto parse = [&](int status, const std::string& body) {
    return json::parse(engine.call(0, "parse.error", json{{"status", status}, {"body", body}}.dump()))["result"];
  };
  json e = parse(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})");
  CHECK(e["type"] == "ConditionalCheckFailedException");
  CHECK(e["errorClass"] == "ConditionFailedError");
  CHECK(e["retryable"] == false);
  e = parse(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"})");
  CHECK(e["errorClass"] == "ThrottledError");
  CHECK(e["retryable"] == true);
  e = parse(400, R"({"__type":"com.amazon.coral.validate#ValidationException","Message":"bad"})");
  CHECK(e["type"] == "ValidationException");
  CHECK(e["message"] == "bad");
  CHECK(e["errorClass"] == "ServiceError");
  e = parse(503, "<html>busy</html>");
  CHECK(e["type"] == "UnknownError");
  CHECK(e["retryable"] == true);
  CHECK(e["message"] == "HTTP 503: <html>busy</html>");
}

TEST_CASE("fuzz finding: schemaless binary must be base64", "[engine][fuzz]") {
  // build/fuzz/findings/schemaless/crash-36cb54fe...: marshall accepted {"$bytes": "AQ=}"} and
  // wrote a BS that unmarshall then refused.
  dynamap::engine engine;
  const json reply = json::parse(engine.call(0, "marshall", R"({"bs":{"$set":[{"$bytes":"AQ=}"}]},"b":{"$bytes":"AAH/"}})"));
  REQUIRE(reply.contains("error"));
  CHECK(reply["error"]["code"] == "validation.type");
  CHECK(reply["error"]["path"] == "bs[0]");
  const json ok = json::parse(engine.call(0, "marshall", R"({"b":{"$bytes":"AAH/"}})"));
  CHECK(ok["result"] == json::parse(R"({"b":{"B":"AAH/"}})"));
}

TEST_CASE("the call arena gives back its chunks and keeps replies valid", "[engine][arena]") {
  if (!dynamap::call_arena_enabled()) return;  // sanitizer builds keep the instrumented allocator
  dynamap::engine engine;
  const int handle = json::parse(engine.compile(R"({"name":"Note","table":"notes","key":{"partition":"id"},
      "attributes":{"id":{"type":"string"},"body":{"type":"string","optional":true}}})"))["handle"].get<int>();
  // Warm up: the first calls may build statics that pin a chunk for good.
  for (int i = 0; i < 3; ++i) engine.call(handle, "plan.put", R"({"item":{"id":"a","body":"b"}})");
  const std::size_t settled = dynamap::call_arena_chunks();
  std::vector<std::string> replies;
  const std::string big(2000, 'x');
  for (int i = 1; i < 200; ++i) {
    // Bodies of 10 B to 2 KB: almost every reply is carved from the arena and outlives its call,
    // so together they hold chunks that later calls cannot restart.
    replies.push_back(engine.call(handle, "plan.put", R"({"item":{"id":"n","body":")" + big.substr(0, 10 * i) + R"("}})"));
  }
  // About 200 KB of replies still held: the arena grew by chunks it could not restart...
  CHECK(dynamap::call_arena_chunks() > settled + 1);
  // ...and the replies are intact after hundreds of calls carved around them.
  for (int i = 1; i < 200; ++i) {
    CHECK(json::parse(replies[static_cast<std::size_t>(i - 1)])["result"]["request"]["Item"]["body"]["S"] ==
          big.substr(0, 10 * static_cast<std::size_t>(i)));
  }
  replies.clear();
  // Dropping them frees every chunk but the current one.
  CHECK(dynamap::call_arena_chunks() <= settled + 1);
}

TEST_CASE("inputs nested deeper than any valid one are refused, not recursed", "[engine][hostile]") {
  dynamap::engine engine;
  const int h = json::parse(engine.compile(R"({"name":"T","table":"things","key":{"partition":"id","sort":"sk"},
      "attributes":{"id":{"type":"string"},"sk":{"type":"string"},"n":{"type":"number","optional":true},
                    "a":{"type":"any","optional":true}},
      "indexes":{"byN":{"type":"global","partition":"n"}}})"))["handle"].get<int>();
  const auto nest = [](int levels, const std::string& open, const std::string& inner, const std::string& close) {
    std::string s;
    for (int i = 0; i < levels; ++i) s += open;
    s += inner;
    for (int i = 0; i < levels; ++i) s += close;
    return s;
  };
  const auto code = [&](const char* op, const std::string& input) {
    return json::parse(engine.call(h, op, input))["error"]["code"].get<std::string>();
  };
  const std::string cmp = R"({"cmp":"=","left":{"path":"n"},"right":{"value":1}})";
  // 2,000 levels: under the engine's input limit, so each part has its own guard (the ASan build
  // runs these too, where a recursive copy or dump() of them would overflow the stack).
  for (const int levels : {2000, 100000}) {
    INFO(levels << " levels");
    const bool past_limit = levels > 2048;
    const std::string deep_list = nest(levels, "[", "1", "]");
    const auto expect = [&](const char* op, const std::string& input, const char* expected) {
      CHECK(code(op, input) == (past_limit ? "usage.tooDeep" : expected));
    };
    expect("plan.put", R"({"item":{"id":"a","sk":"b"},"options":{"condition":)" + nest(levels, R"({"not":)", cmp, "}") + "}}",
           "expression.invalid");
    expect("plan.put", R"({"item":{"id":"a","sk":"b"},"options":{"condition":{"bogus":)" + deep_list + "}}}",
           "expression.invalid");
    expect("plan.update", R"({"key":{"id":"a","sk":"b"},"update":{"actions":[{"set":"a","value":)" + deep_list + "}]}}",
           "expression.invalid");
    expect("plan.update", R"({"key":{"id":"a","sk":"b"},"update":{"actions":[{"bogus":)" + deep_list + "}]}}",
           "expression.invalid");
    expect("plan.query", R"({"key":{"n":1},"options":{"index":)" + deep_list + "}}", "expression.unknownIndex");
    expect("plan.query", R"({"key":{"id":"a"},"options":{"startKey":{"id":{"S":)" + deep_list + R"(},"sk":{"S":"x"}}}})",
           "usage.invalidCursor");
  }
}

TEST_CASE("json_text writes what nlohmann's dump writes", "[json_text]") {
  const json samples = json::parse(R"([
    {"b": 1, "a": [true, false, null, -0, 0, 12345678901234567890, -9223372036854775807, 1.5, 1e300, 1.0, 5e-324, 0.1],
     "s": "plain", "e": "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007",
     "u": "é 漢字 😀", "": {}, "l": [], "deep": {"x": {"y": [[{"z": "\u007f"}]]}}}
  ])");
  for (const json& value : {samples, samples[0], json("x"), json(1), json(-2.5), json(nullptr), json::object(), json::array()}) {
    CHECK(dynamap::json_text(value) == value.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  // Bytes that are not UTF-8 (from a server's message) are replaced, as dump's replace mode does.
  const json broken = std::string("a\xff\xfe b \xc3");
  CHECK(dynamap::json_text(broken) == broken.dump(-1, ' ', false, json::error_handler_t::replace));
  CHECK(dynamap::json_text(json(std::nan(""))) == "null");
}

TEST_CASE("json_text escapes strings as nlohmann's dump does, for 50,000 random byte strings", "[json_text]") {
  // Pieces chosen to hit every branch: plain runs, each escape, controls, DEL,
  // well-formed 2-4 byte characters, and the malformed forms (stray continuation, overlong,
  // surrogate, past U+10FFFF, cut short) that send a string to nlohmann's replacement.
  const std::vector<std::string> pieces = {
      "a", "plain text", "0123456789abcdef", "\"", "\\", "/", "\b", "\t", "\n", "\f", "\r",
      std::string(1, '\0'), "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe6\xbc\xa2", "\xf0\x9f\x98\x80",
      "\xef\xbf\xbd", "\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5",
      "\xc3", "\xe6\xbc", "\xf0\x9f\x98", "\xff"};
  std::mt19937 random(20261123);
  std::size_t replaced = 0;
  for (int n = 0; n < 50000; ++n) {
    std::string s;
    const int count = static_cast<int>(random() % 12);
    for (int k = 0; k < count; ++k) {
      // Mostly well-formed pieces, so that most strings take the fast path.
      const std::size_t limit = random() % 4 == 0 ? pieces.size() : 19;
      s += pieces[random() % limit];
    }
    const std::string expected = json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    REQUIRE(dynamap::json_text(json(s)) == expected);
    if (expected.find("\xef\xbf\xbd") != std::string::npos) ++replaced;
  }
  CHECK(replaced > 1000);  // the replacement path ran too
}

TEST_CASE("a query's filter may not read the keys it queries; a scan's may", "[engine][query]") {
  dynamap::engine engine;
  const int h = json::parse(engine.compile(R"({"name":"T","table":"things","key":{"partition":"id","sort":"sk"},
      "attributes":{"id":{"type":"string"},"sk":{"type":"string"},"n":{"type":"number","optional":true},
                    "g":{"type":"string","optional":true,"attributeName":"gStored"}},
      "indexes":{"byG":{"type":"global","partition":"g","sort":"n"}}})"))["handle"].get<int>();
  const auto reply = [&](const char* op, const std::string& input) { return json::parse(engine.call(h, op, input)); };
  const std::string eq = R"({"cmp":"eq","left":{"path":"%"},"right":{"value":"x"}})";
  const auto filter = [&](const char* path) { std::string f = eq; return f.replace(f.find('%'), 1, path); };
  json r = reply("plan.query", R"({"key":{"id":"a"},"options":{"filter":)" + filter("sk") + "}}");
  CHECK(r["error"]["code"] == "expression.keyInFilter");
  CHECK(r["error"]["path"] == "sk");
  r = reply("plan.query", R"({"key":{"id":"a"},"options":{"filter":{"fn":"attribute_exists","path":"id"}}})");
  CHECK(r["error"]["code"] == "expression.keyInFilter");
  // On an index, its own keys are refused (by their stored names) and the table's are allowed.
  r = reply("plan.query", R"({"key":{"g":"a"},"options":{"index":"byG","filter":)" + filter("g") + "}}");
  CHECK(r["error"]["code"] == "expression.keyInFilter");
  CHECK(reply("plan.query", R"({"key":{"g":"a"},"options":{"index":"byG","filter":)" + filter("sk") + "}}").contains("result"));
  CHECK(reply("plan.scan", R"({"options":{"filter":)" + filter("sk") + "}}").contains("result"));
}
