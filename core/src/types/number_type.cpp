#include "dynamap/error_codes.hpp"
#include <cmath>
#include <cstdint>
#include <string>

#include "dynamap/number_text.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/json_text.hpp"
#include "dynamap/item.hpp"
#include "types/builtin_types.hpp"
#include "types/number_display.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
constexpr double max_safe_integer = 9007199254740991.0;  // 2^53 - 1, JS Number.MAX_SAFE_INTEGER
}  // namespace

std::string_view number_type::name() const {
  switch (flavor_) {
    case flavor::number: return "number";
    case flavor::integer: return "integer";
    case flavor::version: return "version";
  }
  return "number";
}

bool number_type::accepts_rule(std::string_view rule) const {
  return flavor_ != flavor::version && (rule == "min" || rule == "max");
}

void number_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                              const schema_reader&) const {
  attr.rules.min = read_number_rule(def, "min", path);
  attr.rules.max = read_number_rule(def, "max", path);
  check_order(attr.rules.min, attr.rules.max, "min", "max", path);
  if (flavor_ == flavor::version) attr.rules.min = 0;  // a version counts up from 0
}

json number_type::normalize(const attribute& attr, const json& value, const std::string& path,
                            value_context& ctx) const {
  if (value_tag(value) == "nonfinite") {
    ctx.issues.push_back({path, codes::validation::non_finite, "expected a finite number, got " +
                                                 value.begin()->get<std::string>() +
                                                 " (DynamoDB cannot store NaN or Infinity)"});
    return nullptr;
  }
  if (!value.is_number()) {
    ctx.issues.push_back({path, codes::validation::type, "expected a number, got " + describe_value(value)});
    return nullptr;
  }
  const double v = value.get<double>();
  // A double can hold what DynamoDB cannot (1e300, 5e-324); its 17 digits always fit in 38. Only
  // magnitudes near the ends of DynamoDB's range need the exact decimal to decide.
  const double magnitude = std::fabs(v);
  if (flavor_ == flavor::number && magnitude != 0 && (magnitude < 1e-129 || magnitude >= 1e125)) {
    const decimal_text exact = js_number_decimal(v);
    if (const std::string problem = dynamodb_number_problem(exact); !problem.empty()) {
      ctx.issues.push_back({path, codes::validation::range, message_number(exact) + " " + problem});
      return nullptr;
    }
  }
  if (flavor_ != flavor::number) {
    if (std::trunc(v) != v) {
      ctx.issues.push_back({path, codes::validation::integer, "expected an integer, got " + format_js_number(v)});
      return nullptr;
    }
    if (std::fabs(v) > max_safe_integer) {
      ctx.issues.push_back({path, codes::validation::unsafe_integer,
                            "expected a safe integer (at most 2^53 - 1 in magnitude), got " +
                                format_js_number(v) + "; declare the attribute as bigint or decimal"});
      return nullptr;
    }
  }
  bool ok = true;
  if (attr.rules.min && v < *attr.rules.min) {
    ctx.issues.push_back({path, codes::validation::min, "expected at least " + format_js_number(*attr.rules.min) +
                                           ", got " + format_js_number(v)});
    ok = false;
  }
  if (attr.rules.max && v > *attr.rules.max) {
    ctx.issues.push_back({path, codes::validation::max, "expected at most " + format_js_number(*attr.rules.max) +
                                           ", got " + format_js_number(v)});
    ok = false;
  }
  if (!ok) return nullptr;
  // Integral values travel as JSON integers, so JS reads back exactly the number it wrote.
  if (std::trunc(v) == v && std::fabs(v) <= max_safe_integer) return static_cast<long long>(v);
  return v;
}

json number_type::to_attribute_value(const attribute&, const json& value) const {
  // Integers: the digits dump() would write, without its serializer.
  if (value.is_number_unsigned()) return one_key_object("N", std::to_string(value.get<std::uint64_t>()));
  if (value.is_number_integer()) return one_key_object("N", std::to_string(value.get<std::int64_t>()));
  return one_key_object("N", format_js_number(value.get<double>()));
}

bool number_type::write_attribute_value(const attribute&, const json& value, av_text& out) const {
  const std::string digits = value.is_number_unsigned() ? std::to_string(value.get<std::uint64_t>())
                             : value.is_number_integer() ? std::to_string(value.get<std::int64_t>())
                                                         : format_js_number(value.get<double>());
  out.text.append(R"({"N":)");
  write_json_string(digits, out.text);
  out.text.push_back('}');
  out.bytes += number_value_size(digits);
  return true;
}

json number_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                       value_context& ctx) const {
  const json* n = expect_attribute_value(av, "N", path, ctx);
  if (n == nullptr) return nullptr;
  const std::string& text = n->get_ref<const std::string&>();
  const auto exact = parse_decimal(text);
  if (!exact) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the N attribute value is not a number"});
    return nullptr;
  }
  if (!stored_number_in_range(*exact, path, ctx)) return nullptr;
  // A JS number holds about 15-17 significant digits. Rather than round silently, refuse a
  // stored number that does not read back as itself.
  const std::optional<double> number = exact_js_number(*exact);
  if (!number) {
    ctx.issues.push_back({path, codes::validation::precision, "the stored number " + text +
                                                 " cannot be held exactly by a JS number; declare the "
                                                 "attribute as decimal or bigint"});
    return nullptr;
  }
  const double v = *number;
  const bool integral = std::trunc(v) == v && std::fabs(v) <= max_safe_integer;
  if (flavor_ != flavor::number && !integral) {
    const bool whole = std::trunc(v) == v;
    ctx.issues.push_back({path, whole ? codes::validation::unsafe_integer : codes::validation::integer,
                          "the stored number " + text + (whole ? " is beyond 2^53 - 1; declare the attribute as bigint"
                                                               : " is not an integer")});
    return nullptr;
  }
  if (integral) return static_cast<long long>(v);
  return v;
}

}  // namespace dynamap::detail
