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

// ---- generators: cases too big to write out ----------------------------------------------------
// A fixture value may hold one-key objects that the runners (this one and tests/js/fixtures.test.js)
// expand before a case runs, so that a 400 KB item or a set of 100,000 members stays a line:
//   {"$repeat": [text, n]}                       text repeated n times
//   {"$range": {"count": n, "format": "m{i}", "from": 0}}
//                                                the array of format with {i} = from, from+1, ...
//                                                (integers when there is no format)
//   {"$concat": [part, ...]}                     the parts (expanded) joined: strings or arrays
//   {"$nest": {"depth": n, "open": text, "close": text, "inside": value}}
//                                                input only: the JSON text open^n inside close^n,
//                                                spliced into the input text as written, since a
//                                                value 100,000 levels deep cannot go through a
//                                                recursive dump (or JSON.stringify) in the runners
// No fixture value of the core's JSON form has such a key: a user key starting with '$' is
// written with '$$'.
//
// A case may instead give "inputText": the exact text sent to the core (no envelope), a string or
// an array of strings and {"hex": "ff fe"} byte runs, for input no JSON value can carry (a lone
// UTF-16 surrogate escape, bytes that are not UTF-8). "raw": true says the input holds what no
// JS value can (a Set with a member twice), so the JS runner sends it as written.

inline std::string repeat_text(const std::string& text, std::size_t n) {
  std::string out;
  out.reserve(text.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += text;
  return out;
}

inline std::string nest_marker(std::size_t index) { return "@@nest-" + std::to_string(index) + "@@"; }

// Expands the generators in `value`; $nest texts go to `nests` (and a marker string takes their
// place), or are refused where `nests` is null (outside inputs).
inline json expand(const json& value, std::vector<std::string>* nests) {
  if (value.is_array()) {
    json out = json::array();
    for (const json& v : value) out.push_back(expand(v, nests));
    return out;
  }
  if (!value.is_object()) return value;
  if (value.size() == 1) {
    const std::string& key = value.begin().key();
    const json& arg = value.begin().value();
    if (key == "$repeat") return repeat_text(arg.at(0).get<std::string>(), arg.at(1).get<std::size_t>());
    if (key == "$range") {
      const std::size_t count = arg.at("count").get<std::size_t>();
      const long long from = arg.value("from", 0LL);
      json out = json::array();
      for (std::size_t i = 0; i < count; ++i) {
        const long long n = from + static_cast<long long>(i);
        if (!arg.contains("format")) {
          out.push_back(n);
          continue;
        }
        std::string text = arg["format"].get<std::string>();
        const std::size_t at = text.find("{i}");
        if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
        out.push_back(std::move(text));
      }
      return out;
    }
    if (key == "$concat") {
      json out;
      for (const json& part : arg) {
        json piece = expand(part, nests);
        if (piece.is_string()) out = (out.is_null() ? std::string() : out.get<std::string>()) + piece.get<std::string>();
        else {
          if (out.is_null()) out = json::array();
          for (json& e : piece) out.push_back(std::move(e));
        }
      }
      return out;
    }
    if (key == "$nest") {
      if (nests == nullptr) throw std::runtime_error("$nest is for inputs only");
      const std::size_t depth = arg.at("depth").get<std::size_t>();
      nests->push_back(repeat_text(arg.at("open").get<std::string>(), depth) + expand(arg.at("inside"), nullptr).dump() +
                       repeat_text(arg.at("close").get<std::string>(), depth));
      return nest_marker(nests->size() - 1);
    }
  }
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = expand(it.value(), nests);
  return out;
}

// The text of a value whose $nest markers are replaced by their texts.
inline std::string splice_nests(const json& value, const std::vector<std::string>& nests) {
  std::string text = value.dump();
  for (std::size_t i = 0; i < nests.size(); ++i) {
    const std::string marker = "\"" + nest_marker(i) + "\"";
    const std::size_t at = text.find(marker);
    if (at == std::string::npos) throw std::runtime_error("lost " + marker);
    text.replace(at, marker.size(), nests[i]);
  }
  return text;
}

// A case's "inputText": a string, or strings and {"hex": "..."} byte runs.
inline std::string input_text(const json& given) {
  if (given.is_string()) return given.get<std::string>();
  std::string out;
  for (const json& part : given) {
    if (part.is_string()) {
      out += part.get<std::string>();
      continue;
    }
    std::istringstream hex(part.at("hex").get<std::string>());
    for (std::string byte; hex >> byte;) out.push_back(static_cast<char>(std::stoi(byte, nullptr, 16)));
  }
  return out;
}

}  // namespace dynamap::test
