// Fuzzes the schemaless converters: marshall and unmarshall of the input, and round trips.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dynamap::engine engine;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string m = fuzz::call(engine, 0, "marshall", text);
  fuzz::call(engine, 0, "unmarshall", text);
  const nlohmann::json r = nlohmann::json::parse(m);
  // Only an object marshalls to an attribute map, the shape unmarshall reads (a scalar marshalls
  // to a single AttributeValue, which unmarshall would take as a map).
  // Tagged values ({"$set": ...}, {"$bytes": ...}) are objects that marshall to one value too.
  const nlohmann::json in = nlohmann::json::parse(text, nullptr, false);
  bool tagged = false;
  if (in.is_object()) for (const auto& [k, v] : in.items()) tagged = tagged || (!k.empty() && k[0] == '$');
  if (r.contains("result") && in.is_object() && !tagged) {
    // What marshall produced must unmarshall.
    const std::string back = fuzz::call(engine, 0, "unmarshall", r["result"].dump());
    if (nlohmann::json::parse(back).contains("error")) fuzz::fail("marshall output does not unmarshall", "unmarshall", back);
  }
  return 0;
}
