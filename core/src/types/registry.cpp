#include "types/builtin_types.hpp"

namespace dynamap {

const type_handler* find_type(std::string_view name) {
  // Handlers hold no state, so one immutable instance of each serves every model.
  static const detail::string_type string_handler;
  static const detail::number_type number_handler(false);
  static const detail::number_type integer_handler(true);
  static const detail::boolean_type boolean_handler;
  static const type_handler* const all[] = {&string_handler, &number_handler, &integer_handler,
                                            &boolean_handler};
  for (const type_handler* handler : all) {
    if (handler->name() == name) return handler;
  }
  return nullptr;
}

}  // namespace dynamap
