// The only file that knows Emscripten. It exposes the engine with text in and text out; the
// engine never lets an exception cross, so neither does this file.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "dynamap/engine.hpp"

namespace {

// One engine per module instance: it owns the compiled models that JS refers to by handle.
dynamap::engine& shared_engine() {
  static dynamap::engine instance;
  return instance;
}

std::string compile(const std::string& definition) { return shared_engine().compile(definition); }

// The call made once per operation moves its text as UTF-8 bytes in the module's memory, not as
// embind strings, which are converted one character at a time in JS both ways (a tenth of a
// small operation): JS encodes the input into input_buffer(n) with TextEncoder.encodeInto, calls
// call_bytes with the length written, and decodes the reply at reply_data() with TextDecoder.
// Both buffers keep their capacity between calls (they grow to the largest input and reply).
std::string input_area;
std::string reply_area;

std::uintptr_t input_buffer(std::size_t bytes) {
  if (input_area.size() < bytes) input_area.resize(bytes);
  return reinterpret_cast<std::uintptr_t>(input_area.data());
}

std::size_t call_bytes(int handle, const std::string& op, std::size_t length) {
  // assign copies into reply_area's own buffer; the engine's reply, carved from its per-call
  // arena, is freed right away so the arena starts over on the next call.
  reply_area.assign(shared_engine().call(handle, op, std::string_view(input_area.data(), length)));
  return reply_area.size();
}

std::uintptr_t reply_data() { return reinterpret_cast<std::uintptr_t>(reply_area.data()); }

std::string call(int handle, const std::string& op, const std::string& input) {
  return shared_engine().call(handle, op, input);
}

void release(int handle) { shared_engine().release(handle); }

int live_models() { return static_cast<int>(shared_engine().live_models()); }

}  // namespace

EMSCRIPTEN_BINDINGS(dynamap) {
  emscripten::function("compile", &compile);
  emscripten::function("call", &call);
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("callBytes", &call_bytes);
  emscripten::function("replyData", &reply_data);
  emscripten::function("release", &release);
  emscripten::function("liveModels", &live_models);
}
