// Fuzzes expression compilation: the input is used as the update tree, the condition, the query
// input and the projection of a fixed model (plus the raw text as the whole input of each op).
#include <cstddef>
#include <cstdint>
#include <string>

#include "common.hpp"
#include "models.hpp"

namespace {
std::string dump(const nlohmann::json& v) { return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dynamap::engine engine;
  static const int handle = fuzz::compile_or_die(engine, fuzz::expression_model);
  const std::string text(reinterpret_cast<const char*>(data), size);

  // The raw text as the whole input: this is how corpus entries copied from fixtures run.
  for (const char* op : {"plan.update", "plan.delete", "plan.query", "plan.get", "plan.scan", "plan.put",
                         "plan.batchGet", "plan.batchWrite"}) {
    fuzz::call(engine, handle, op, text);
  }

  nlohmann::json x = nlohmann::json::parse(text, nullptr, false);
  if (x.is_discarded()) return 0;
  const nlohmann::json key = {{"pk", "p"}, {"sk", "s"}};
  fuzz::call(engine, handle, "plan.update", dump({{"key", key}, {"update", x}}));
  fuzz::call(engine, handle, "plan.update", dump({{"key", key}, {"update", {{"actions", {{{"set", "name"}, {"value", {{"value", "n"}}}}}}}}, {"options", {{"condition", x}}}}));
  fuzz::call(engine, handle, "plan.delete", dump({{"key", key}, {"options", {{"condition", x}}}}));
  fuzz::call(engine, handle, "plan.query", dump({{"key", {{"pk", "p"}}}, {"sort", x}}));
  fuzz::call(engine, handle, "plan.query", dump({{"key", {{"pk", "p"}}}, {"options", {{"filter", x}}}}));
  fuzz::call(engine, handle, "plan.query", dump({{"key", {{"pk", "p"}}}, {"options", {{"select", x}}}}));
  fuzz::call(engine, handle, "plan.scan", dump({{"options", {{"filter", x}, {"select", x}}}}));
  fuzz::call(engine, handle, "plan.get", dump({{"key", key}, {"options", {{"select", x}}}}));
  return 0;
}
