#pragma once
// Reads the shared JSON fixtures in tests/fixtures/, which the JS tests run through the WASM build.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>
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

// The .json files of a fixture folder, sorted, so every run reads them in the same order.
inline std::vector<std::string> fixture_files(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DYNAMAP_FIXTURES_DIR) + "/" + folder)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace dynamap::test
