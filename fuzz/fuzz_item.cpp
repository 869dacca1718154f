// Fuzzes item conversion: validate, toItem and fromItem of the input text on a rich fixed model.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common.hpp"
#include "models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dynamap::engine engine;
  static const int handle = fuzz::compile_or_die(engine, fuzz::rich_model);
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::call(engine, handle, "validate", text);
  fuzz::call(engine, handle, "toItem", text);
  fuzz::call(engine, handle, "fromItem", text);
  // Also treat the input as a bare item / as the "item" of a write.
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  if (!value.is_discarded()) {
    const nlohmann::json wrapped = {{"item", value}, {"now", 1700000000000LL}, {"seed", "00112233445566778899aabbccddeeff"}};
    const std::string w = wrapped.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    fuzz::call(engine, handle, "validate", w);
    fuzz::call(engine, handle, "plan.put", w);
    if (value.is_object() && value.contains("item")) {
      // Round trip: whatever toItem produces must read back.
      const std::string stored = fuzz::call(engine, handle, "toItem", text);
      nlohmann::json r = nlohmann::json::parse(stored);
      if (r.contains("result")) fuzz::call(engine, handle, "fromItem", r["result"].dump());
    }
  }
  return 0;
}
