// Runs the shared fixtures through the engine, exactly as the WASM module does.
#include <catch2/catch.hpp>

#include "dynamap/engine.hpp"
#include "fixture_runner.hpp"

using dynamap::json;

namespace {

// Compares the parts of an error the fixture names (kind, code, path, issues).
void check_error(const json& expected, const json& actual) {
  REQUIRE(actual.contains("error"));
  const json& error = actual["error"];
  for (const char* field : {"kind", "code", "path", "issues"}) {
    if (expected.contains(field)) CHECK(error.value(field, json()) == expected[field]);
  }
}

}  // namespace

TEST_CASE("order model fixtures", "[fixtures]") {
  const json fixture = dynamap::test::load_fixture("core/order_model.json");
  dynamap::engine engine;
  const json compiled = json::parse(engine.compile(fixture["model"].dump()));
  REQUIRE(compiled.contains("handle"));
  const int handle = compiled["handle"].get<int>();

  for (const json& c : fixture["cases"]) {
    DYNAMIC_SECTION(c["name"].get<std::string>()) {
      const std::string op = c["op"].get<std::string>();
      // Writes take the item in an envelope that also carries the clock and a random seed.
      const json input = op == "validate" || op == "toItem" ? json{{"item", c["input"]}} : c["input"];
      const json reply = json::parse(engine.call(handle, op, input.dump()));
      if (c.contains("error")) {
        check_error(c["error"], reply);
      } else {
        INFO(reply.dump());
        REQUIRE(reply.contains("result"));
        CHECK(reply["result"] == c["result"]);
      }
    }
  }
}

TEST_CASE("invalid model fixtures", "[fixtures]") {
  const json fixture = dynamap::test::load_fixture("core/invalid_models.json");
  for (const json& c : fixture["cases"]) {
    DYNAMIC_SECTION(c["name"].get<std::string>()) {
      json definition = fixture["base"];
      definition.merge_patch(c["patch"]);
      dynamap::engine engine;
      const json reply = json::parse(engine.compile(definition.dump()));
      INFO(reply.dump());
      check_error(c["error"], reply);
      CHECK(reply["error"]["kind"] == "SchemaError");
    }
  }
}
