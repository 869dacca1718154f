// Shared checks for the dynamap libFuzzer targets: every engine reply must be valid JSON
// holding "result" or "error" (compile: "handle" or "error"), and nothing may throw.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dynamap/engine.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view op, const std::string& reply) {
  std::fprintf(stderr, "FUZZ INVARIANT BROKEN (%s) in op '%.*s'\nreply: %.*s\n", what,
               static_cast<int>(op.size()), op.data(), static_cast<int>(reply.size() > 4000 ? 4000 : reply.size()),
               reply.data());
  std::abort();
}

// Checks one reply; `ok_key` is "result" for call() and "handle" for compile().
inline nlohmann::json check_reply(std::string_view op, const std::string& reply, const char* ok_key = "result") {
  nlohmann::json parsed = nlohmann::json::parse(reply, nullptr, false);
  if (parsed.is_discarded()) fail("reply is not valid JSON", op, reply);
  if (!parsed.is_object()) fail("reply is not an object", op, reply);
  const bool ok = parsed.contains(ok_key);
  const bool err = parsed.contains("error");
  if (ok == err) fail("reply must hold exactly one of result/error", op, reply);
  if (err) {
    const auto& e = parsed["error"];
    if (!e.is_object() || !e.contains("code") || !e["code"].is_string() || !e.contains("message"))
      fail("error without code/message", op, reply);
    // "internal" errors mean a std::exception escaped from inside the core: a bug worth reporting.
    const std::string code = e["code"].get<std::string>();
    if (code.find("internal") != std::string::npos) fail("internal error (a stray std::exception)", op, reply);
  }
  return parsed;
}

inline std::string call(dynamap::engine& engine, int handle, std::string_view op, std::string_view input) {
  std::string reply;
  try {
    reply = engine.call(handle, op, input);
  } catch (const std::exception& e) {
    fail(e.what(), op, "engine::call threw");
  } catch (...) {
    fail("unknown exception", op, "engine::call threw");
  }
  check_reply(op, reply);
  return reply;
}

inline int compile_or_die(dynamap::engine& engine, const char* definition) {
  const std::string reply = engine.compile(definition);
  nlohmann::json parsed = nlohmann::json::parse(reply, nullptr, false);
  if (parsed.is_discarded() || !parsed.contains("handle")) {
    std::fprintf(stderr, "the fixed fuzz model does not compile: %s\n", reply.c_str());
    std::abort();
  }
  return parsed["handle"].get<int>();
}

}  // namespace fuzz
