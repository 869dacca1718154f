#include "dynamap/error_codes.hpp"
#include "dynamap/engine.hpp"

#include <exception>
#include <string>

#include "dynamap/call_arena.hpp"
#include "dynamap/error.hpp"
#include "dynamap/item.hpp"
#include "dynamap/json_reader.hpp"
#include "dynamap/json_text.hpp"
#include "dynamap/requests.hpp"
#include "dynamap/responses.hpp"
#include "dynamap/schemaless.hpp"

namespace dynamap {

namespace {

// Replacement keeps a reply well-formed even if a message quotes broken UTF-8 from a server.
std::string dump(const json& value) { return json_text(value); }

json issues_json(const issue_list& issues) {
  json out = json::array();
  for (const issue& i : issues) {
    out.push_back({{"path", i.path}, {"code", i.code}, {"message", i.message}});
  }
  return out;
}

std::string error_reply(const dynamap_error& e) {
  json error = {{"kind", error_kind_name(e.kind())},
                {"code", e.code()},
                {"path", e.path()},
                {"message", e.what()}};
  if (!e.issues().empty()) error["issues"] = issues_json(e.issues());
  return dump(one_key_object("error", std::move(error)));
}

std::string usage_reply(const std::string& code, const std::string& message) {
  return error_reply(dynamap_error(error_kind::usage, code, "", message));
}

// Deeper than anything JS sends (it cuts values at 1000 levels, and no condition or item is
// near that): refused while reading, before any walk, copy or message recurses through it.
// Reading itself never recurses per level, and destroying a value is iterative in nlohmann_json.
constexpr int max_input_depth = 2048;

json parse_input(std::string_view text) {
  json_read_result read = read_json(text, max_input_depth);
  if (read.status == json_read_status::invalid) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_json, "",
                        "the input is not valid JSON (a lone UTF-16 surrogate in a string is one cause)");
  }
  if (read.status == json_read_status::too_deep) {
    throw dynamap_error(error_kind::usage, codes::usage::too_deep, "",
                        "the input nests deeper than " + std::to_string(max_input_depth) + " levels");
  }
  return std::move(read.value);
}

// No depth cap: each reader of a response checks the depth of what it reads.
json parse_response_text(std::string_view text) {
  json_read_result read = read_json(text);
  if (read.status != json_read_status::ok) {
    throw dynamap_error(error_kind::response, codes::response::invalid_json, "",
                        "the server's response is not valid JSON");
  }
  return std::move(read.value);
}

const json& field(const json& input, const char* name) {
  static const json null_value;
  if (!input.is_object()) return null_value;
  auto it = input.find(name);
  return it == input.end() ? null_value : *it;
}

// Defaults need the time and randomness, which only JS has: each write brings them along.
write_inputs read_write_inputs(const json& input) {
  write_inputs inputs;
  const json& now = field(input, "now");
  if (now.is_number_integer()) inputs.now_millis = now.get<std::int64_t>();
  const json& seed = field(input, "seed");
  if (seed.is_string()) inputs.seed = seed.get<std::string>();
  return inputs;
}

json validation_reply(validation_result result) {
  if (result.ok()) return {{"ok", true}, {"value", std::move(result.value)}};
  return {{"ok", false}, {"errors", issues_json(result.issues)}};
}

json run(const model& m, std::string_view op, std::string_view input_text) {
  // Responses arrive as the server's text; "partial" readers are for projections.
  if (op == "parse.getItem") return parse_get_item(m, parse_response_text(input_text), false);
  if (op == "parse.partialItem") return parse_get_item(m, parse_response_text(input_text), true);
  if (op == "parse.writeItem") return parse_write_item(m, parse_response_text(input_text), false);
  if (op == "parse.partialWriteItem") return parse_write_item(m, parse_response_text(input_text), true);
  if (op == "parse.page") return parse_page(m, parse_response_text(input_text), false);
  if (op == "parse.partialPage") return parse_page(m, parse_response_text(input_text), true);
  if (op == "parse.batchGet") return parse_batch_get(m, parse_response_text(input_text), false);
  if (op == "parse.partialBatchGet") return parse_batch_get(m, parse_response_text(input_text), true);
  if (op == "parse.unprocessedWrites") return parse_unprocessed_writes(m, parse_response_text(input_text));

  const json input = parse_input(input_text);
  const json& options = field(input, "options");
  if (op == "validate") return validation_reply(validate_item(m, field(input, "item"), read_write_inputs(input)));
  if (op == "toItem") {
    validation_result checked = validate_item(m, field(input, "item"), read_write_inputs(input));
    if (!checked.ok()) throw_validation(std::move(checked.issues));
    return std::move(checked.item);
  }
  if (op == "fromItem") {
    validation_result read = from_attribute_map(m, input);
    if (!read.ok()) throw_validation(std::move(read.issues));
    return std::move(read.value);
  }
  if (op == "plan.put") return build_put_item_printed(m, field(input, "item"), options, read_write_inputs(input));
  if (op == "plan.get") return build_get_item(m, field(input, "key"), options);
  if (op == "plan.delete") return build_delete_item(m, field(input, "key"), options);
  if (op == "plan.update") return build_update_item(m, field(input, "key"), field(input, "update"), options);
  if (op == "plan.query") return build_query(m, input);
  if (op == "plan.scan") return build_scan(m, input);
  if (op == "plan.batchGet") return build_batch_get(m, input);
  if (op == "plan.batchWrite") return build_batch_write(m, input, read_write_inputs(input));
  if (op == "plan.createTable") return build_create_table(m, options);
  if (op == "plan.deleteTable") return build_delete_table(m, options);
  if (op == "plan.describeTable") return build_describe_table(m, options);
  if (op == "plan.updateTimeToLive") return build_update_ttl(m, options);
  throw dynamap_error(error_kind::usage, codes::usage::unknown_operation, "",
                      "unknown operation '" + std::string(op) + "'");
}

json run_without_model(std::string_view op, std::string_view input_text, const model_lookup& lookup) {
  if (op == "plan.transactWrite") {
    const json input = parse_input(input_text);
    return build_transact_write(lookup, input, read_write_inputs(input));
  }
  if (op == "plan.transactGet") return build_transact_get(lookup, parse_input(input_text));
  if (op == "marshall") return marshall(parse_input(input_text));
  if (op == "unmarshall") return unmarshall(parse_input(input_text));
  if (op == "parse.error") {
    const json input = parse_input(input_text);
    const json& status = field(input, "status");
    const json& body = field(input, "body");
    return parse_error_response(status.is_number_integer() ? status.get<int>() : 0,
                                body.is_string() ? body.get_ref<const std::string&>() : "");
  }
  throw dynamap_error(error_kind::usage, codes::usage::unknown_operation, "",
                      "unknown operation '" + std::string(op) + "'");
}

}  // namespace

std::string engine::compile(std::string_view definition_json) {
  try {
    // Our reader, not json::parse: the same texts and values, and one JSON parser in the module.
    json_read_result definition = read_json(definition_json);
    if (definition.status != json_read_status::ok) {
      return usage_reply(codes::usage::invalid_json, "the model definition is not valid JSON");
    }
    std::shared_ptr<const model> m = parse_model(definition.value);
    int handle;
    if (!free_handles_.empty()) {
      handle = free_handles_.back();
      free_handles_.pop_back();
      models_[static_cast<std::size_t>(handle - 1)] = std::move(m);
    } else {
      models_.push_back(std::move(m));
      handle = static_cast<int>(models_.size());
    }
    const model& compiled = *models_[static_cast<std::size_t>(handle - 1)];
    return dump(json{{"handle", handle}, {"needs", {{"clock", compiled.uses_clock}, {"random", compiled.uses_random}}}});
  } catch (const dynamap_error& e) {
    return error_reply(e);
  } catch (const std::exception& e) {
    return usage_reply(codes::usage::internal, std::string("internal error: ") + e.what());
  }
}

std::string engine::call(int handle, std::string_view op, std::string_view input_json) {
  const call_scope arena_in_use;
  try {
    if (handle == 0) {
      const model_lookup lookup = [this](const json& h) -> const model& {
        const int n = h.is_number_integer() ? h.get<int>() : -1;
        if (n <= 0 || static_cast<std::size_t>(n) > models_.size() || !models_[static_cast<std::size_t>(n - 1)]) {
          throw dynamap_error(error_kind::usage, codes::usage::released_model, "model", "the model handle " + h.dump() + " is not live");
        }
        return *models_[static_cast<std::size_t>(n - 1)];
      };
      return dump(one_key_object("result", run_without_model(op, input_json, lookup)));
    }
    if (handle < 0 || static_cast<std::size_t>(handle) > models_.size() ||
        !models_[static_cast<std::size_t>(handle - 1)]) {
      return usage_reply(codes::usage::released_model, "the model handle " + std::to_string(handle) + " is not live");
    }
    const model& m = *models_[static_cast<std::size_t>(handle - 1)];
    return dump(one_key_object("result", run(m, op, input_json)));
  } catch (const dynamap_error& e) {
    return error_reply(e);
  } catch (const std::exception& e) {
    return usage_reply(codes::usage::internal, std::string("internal error: ") + e.what());
  }
}

void engine::release(int handle) {
  if (handle <= 0 || static_cast<std::size_t>(handle) > models_.size()) return;
  auto& slot = models_[static_cast<std::size_t>(handle - 1)];
  if (!slot) return;
  slot.reset();
  free_handles_.push_back(handle);
}

std::size_t engine::live_models() const {
  std::size_t n = 0;
  for (const auto& m : models_) n += m != nullptr;
  return n;
}

}  // namespace dynamap
