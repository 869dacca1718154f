// Fuzzes model definition parsing: engine.compile of the input text, then a cheap op on success.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dynamap::engine engine;
  std::string reply;
  try {
    reply = engine.compile(text);
  } catch (...) {
    fuzz::fail("engine::compile threw", "compile", text);
  }
  const nlohmann::json parsed = fuzz::check_reply("compile", reply, "handle");
  if (parsed.contains("handle")) {
    if (!parsed["handle"].is_number_integer()) fuzz::fail("handle is not an integer", "compile", reply);
    const int handle = parsed["handle"].get<int>();
    // A model that compiles must be usable: describe its table and validate an empty item.
    fuzz::call(engine, handle, "plan.createTable", "{}");
    fuzz::call(engine, handle, "validate", R"({"item":{},"now":1700000000000,"seed":"0123456789abcdef"})");
    fuzz::call(engine, handle, "fromItem", "{}");
    engine.release(handle);
  }
  return 0;
}
