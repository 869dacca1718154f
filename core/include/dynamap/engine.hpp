#pragma once
// The whole surface the bindings expose: compile a model once, then one call per operation with
// JSON text in and JSON text out. Nothing thrown inside the core escapes: every failure comes
// back as {"error": {"kind", "code", "path", "message", "issues"}}.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dynamap/model.hpp"

namespace dynamap {

class engine {
 public:
  // -> {"handle": n, "definition": <the definition as read>} or {"error": ...}
  std::string compile(std::string_view definition_json);

  // Runs `op` on the model `handle` (0 for operations that need no model, such as
  // "parse.error"). -> {"result": ...} or {"error": ...}
  std::string call(int handle, std::string_view op, std::string_view input_json);

  // Frees a compiled model; later calls with the handle are a usage error.
  void release(int handle);

  std::size_t live_models() const;

 private:
  std::vector<std::shared_ptr<const model>> models_;  // index = handle - 1
  std::vector<int> free_handles_;
};

}  // namespace dynamap
