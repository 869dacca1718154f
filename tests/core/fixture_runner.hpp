#pragma once
// Reads the shared JSON fixtures in tests/fixtures/, which the JS tests run through the WASM build.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "dynamap/json.hpp"

namespace dynamap::test {

inline json load_fixture(const std::string& relative) {
  const std::string path = std::string(DYNAMAP_FIXTURES_DIR) + "/" + relative;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open fixture " + path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

}  // namespace dynamap::test
