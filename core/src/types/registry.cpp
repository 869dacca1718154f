#include "types/builtin_types.hpp"

namespace dynamap {

const type_handler* find_type(std::string_view name) {
  // Handlers hold no state, so one immutable instance of each serves every model.
  using detail::number_type;
  static const detail::string_type string_handler;
  static const number_type number_handler(number_type::flavor::number);
  static const number_type integer_handler(number_type::flavor::integer);
  static const number_type version_handler(number_type::flavor::version);
  static const detail::decimal_type decimal_handler(false);
  static const detail::decimal_type bigint_handler(true);
  static const detail::boolean_type boolean_handler;
  static const detail::enum_type enum_handler;
  static const detail::uuid_type uuid_handler;
  static const detail::datetime_type datetime_handler;
  static const detail::date_type date_handler;
  static const detail::duration_type duration_handler;
  static const detail::ttl_type ttl_handler;
  static const detail::binary_type binary_handler;
  static const detail::list_type list_handler;
  static const detail::map_type map_handler;
  static const detail::record_type record_handler;
  static const detail::set_type set_handler;
  static const detail::any_type any_handler;
  static const type_handler* const all[] = {
      &string_handler,   &number_handler,   &integer_handler,  &version_handler, &decimal_handler,
      &bigint_handler,   &boolean_handler,  &enum_handler,     &uuid_handler,    &datetime_handler,
      &date_handler,     &duration_handler, &ttl_handler,      &binary_handler,  &list_handler,
      &map_handler,      &record_handler,   &set_handler,      &any_handler};
  for (const type_handler* handler : all) {
    if (handler->name() == name) return handler;
  }
  return nullptr;
}

}  // namespace dynamap
