// Fuzzes response parsing: the input is a server response body for parse.getItem, parse.page,
// parse.batchGet, parse.unprocessedWrites (and partial/write variants), and the body of
// parse.error under a few HTTP statuses.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common.hpp"
#include "models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dynamap::engine engine;
  static const int handle = fuzz::compile_or_die(engine, fuzz::rich_model);
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* op : {"parse.getItem", "parse.partialItem", "parse.writeItem", "parse.partialWriteItem", "parse.page",
                         "parse.partialPage", "parse.batchGet", "parse.partialBatchGet", "parse.unprocessedWrites"}) {
    fuzz::call(engine, handle, op, text);
  }
  for (int status : {0, 200, 400, 413, 500, 503}) {
    const nlohmann::json input = {{"status", status}, {"body", text}};
    // Invalid UTF-8 in the body cannot travel in JSON text; replace it as the JS side would.
    fuzz::call(engine, 0, "parse.error", input.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return 0;
}
