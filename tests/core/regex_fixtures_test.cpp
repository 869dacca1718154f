// Runs tests/fixtures/regex/cases.json, whose expectations JavaScript computed (generate.mjs).
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "dynamap/regex.hpp"
#include "fixture_runner.hpp"

using dynamap::json;
using dynamap::regex;

TEST_CASE("regex agrees with JavaScript on every fixture case", "[regex][fixtures]") {
  const json fixture = dynamap::test::load_fixture("regex/cases.json");
  const json& cases = fixture.at("cases");
  REQUIRE(cases.size() >= 300);

  std::map<std::string, regex> compiled;  // many cases share a pattern
  for (const json& c : cases) {
    const std::string pattern = c.at("pattern").get<std::string>();
    const std::string input = c.at("input").get<std::string>();
    INFO("pattern " << json(pattern).dump() << " input " << json(input).dump());
    auto it = compiled.find(pattern);
    if (it == compiled.end()) {
      std::string error;
      auto re = regex::compile(pattern, error);
      INFO(error);
      REQUIRE(re.has_value());
      it = compiled.emplace(pattern, std::move(*re)).first;
    }
    CHECK(it->second.search(input) == c.at("match").get<bool>());
  }
}
