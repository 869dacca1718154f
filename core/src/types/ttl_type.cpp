#include "dynamap/error_codes.hpp"
#include <cmath>

#include "dynamap/time_text.hpp"
#include "dynamap/value_tags.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"
#include "types/time_units.hpp"

namespace dynamap::detail {

namespace {
constexpr std::int64_t max_epoch_seconds = js_date_max_millis / 1000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

std::string_view ttl_type::name() const { return "ttl"; }

json ttl_type::normalize(const attribute&, const json& value, const std::string& path,
                         value_context& ctx) const {
  std::optional<std::int64_t> seconds;
  if (value_tag(value) == "date" && value.begin()->is_number_integer()) {
    // DynamoDB's TTL is whole epoch seconds; a Date's milliseconds are dropped (documented).
    seconds = floor_div(value.begin()->get<std::int64_t>(), 1000);
  } else if (value.is_number_integer() || value.is_number_unsigned()) {
    seconds = value.get<std::int64_t>();
  } else if (value.is_number_float() && std::trunc(value.get<double>()) == value.get<double>() &&
             std::fabs(value.get<double>()) <= static_cast<double>(max_epoch_seconds)) {
    seconds = static_cast<std::int64_t>(value.get<double>());
  }
  if (!seconds || *seconds < 0 || *seconds > max_epoch_seconds) {
    ctx.issues.push_back({path, codes::validation::type,
                          "expected a Date from 1970 on or whole epoch seconds >= 0 (DynamoDB's TTL), got " + describe_value(value)});
    return nullptr;
  }
  return one_key_object("$date", *seconds * 1000);
}

json ttl_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("N", std::to_string(value.begin()->get<std::int64_t>() / 1000));
}

json ttl_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                    value_context& ctx) const {
  const json* n = expect_attribute_value(av, "N", path, ctx);
  if (n == nullptr) return nullptr;
  const auto d = parse_decimal(n->get<std::string>());
  const auto seconds = d ? scaled_integer(*d, 0) : std::nullopt;
  if (!seconds || *seconds < -max_epoch_seconds || *seconds > max_epoch_seconds) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the stored TTL is not whole epoch seconds"});
    return nullptr;
  }
  return one_key_object("$date", *seconds * 1000);
}

}  // namespace dynamap::detail
