// The only file that knows Emscripten. It exposes the engine through three functions with text in
// and text out; the engine never lets an exception cross, so neither does this file.
#include <emscripten/bind.h>

#include <string>

#include "dynamap/engine.hpp"

namespace {

// One engine per module instance: it owns the compiled models that JS refers to by handle.
dynamap::engine& shared_engine() {
  static dynamap::engine instance;
  return instance;
}

std::string compile(const std::string& definition) { return shared_engine().compile(definition); }

std::string call(int handle, const std::string& op, const std::string& input) {
  return shared_engine().call(handle, op, input);
}

void release(int handle) { shared_engine().release(handle); }

int live_models() { return static_cast<int>(shared_engine().live_models()); }

}  // namespace

EMSCRIPTEN_BINDINGS(dynamap) {
  emscripten::function("compile", &compile);
  emscripten::function("call", &call);
  emscripten::function("release", &release);
  emscripten::function("liveModels", &live_models);
}
