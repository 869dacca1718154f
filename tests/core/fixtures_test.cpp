// Runs the shared fixtures through the engine, exactly as the WASM module does.
#include <catch2/catch.hpp>

#include "dynamap/engine.hpp"
#include "fixture_runner.hpp"

#include <string>
#include <vector>

using dynamap::json;

namespace {

// Compares the parts of an error the fixture names (kind, code, path, issues).
void check_error(const json& expected, const json& actual) {
  CHECK(actual.contains("error"));
  if (!actual.contains("error")) return;
  const json& error = actual["error"];
  for (const char* field : {"kind", "code", "path", "issues"}) {
    if (expected.contains(field)) CHECK(error.value(field, json()) == expected[field]);
  }
}

// Every file in tests/fixtures/core is either a model with operation cases ("model") or a base
// definition with schema cases ("base"); both runners (this and tests/js) read them all.
void run_model_cases(const std::string& file, const json& fixture) {
  dynamap::engine engine;
  const json compiled = json::parse(engine.compile(dynamap::test::expand(fixture["model"], nullptr).dump()));
  INFO(file << ": " << compiled.dump());
  REQUIRE(compiled.contains("handle"));
  const int handle = compiled["handle"].get<int>();

  for (const json& c : fixture["cases"]) {
    // One pass over every case (no sections: Catch2 would rerun the whole loop per section);
    // INFO names the case in any failure.
    {
      INFO(file << ": " << c["name"].get<std::string>());
      const std::string op = c["op"].get<std::string>();
      std::string text;
      if (c.contains("inputText")) {
        text = dynamap::test::input_text(c["inputText"]);
      } else {
        // Writes take the item in an envelope that also carries the clock and a random seed.
        std::vector<std::string> nests;
        json input = dynamap::test::expand(c["input"], &nests);
        if (op == "validate" || op == "toItem") input = json{{"item", std::move(input)}};
        for (const char* extra : {"now", "seed"}) {
          if (c.contains(extra)) input[extra] = c[extra];
        }
        text = dynamap::test::splice_nests(input, nests);
      }
      json reply;
      if (op == "compile") {  // a definition given as the case's input
        reply = json::parse(dynamap::engine().compile(text));
      } else {
        const bool schemaless = op == "marshall" || op == "unmarshall";
        reply = json::parse(engine.call(schemaless ? 0 : handle, op, text));
      }
      if (c.contains("error")) {
        check_error(dynamap::test::expand(c["error"], nullptr), reply);
      } else {
        INFO(reply.dump().substr(0, 2000));
        CHECK(reply.value("result", json()) == dynamap::test::expand(c["result"], nullptr));
      }
    }
  }
}

void run_schema_cases(const std::string& file, const json& fixture) {
  for (const json& c : fixture["cases"]) {
    {
      INFO(file << ": " << c["name"].get<std::string>());
      json definition = fixture["base"];
      definition.merge_patch(c["patch"]);
      dynamap::engine engine;
      const json reply = json::parse(engine.compile(definition.dump()));
      INFO(reply.dump());
      check_error(c["error"], reply);
      CHECK(reply.value("error", json::object()).value("kind", "") == "SchemaError");
    }
  }
}

}  // namespace

TEST_CASE("shared fixtures", "[fixtures]") {
  std::size_t cases = 0;
  for (const std::string& file : dynamap::test::fixture_files("core")) {
    const json fixture = dynamap::test::load_fixture("core/" + file);
    cases += fixture["cases"].size();
    if (fixture.contains("model")) run_model_cases(file, fixture);
    else run_schema_cases(file, fixture);
  }
  CHECK(cases > 0);
}
