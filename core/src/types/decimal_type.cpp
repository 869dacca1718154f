#include "dynamap/error_codes.hpp"
#include <cmath>

#include "dynamap/number_text.hpp"
#include "dynamap/value_tags.hpp"
#include "types/builtin_types.hpp"
#include "types/number_display.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {

constexpr double max_safe_integer = 9007199254740991.0;

bool integer_digits(const std::string& s) {
  std::size_t i = s.size() > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// The exact number a JS value stands for: numeric strings, JS numbers (the digits JS prints),
// BigInt and NumberValue.
std::optional<decimal_text> read_exact(const json& value) {
  const std::string_view tag = value_tag(value);
  if (tag == "bigint" || tag == "number") {
    const json& payload = value.begin().value();
    return payload.is_string() ? parse_decimal(payload.get<std::string>()) : std::nullopt;
  }
  if (value.is_string()) return parse_decimal(value.get<std::string>());
  if (value.is_number_integer() || value.is_number_unsigned()) return parse_decimal(value.dump());
  if (value.is_number_float()) return parse_decimal(format_js_number(value.get<double>()));
  return std::nullopt;
}

bool is_integer(const decimal_text& d) {
  return d.is_zero() || d.exponent >= static_cast<int>(d.digits.size());
}

json to_js(const decimal_text& d, bool integral) {
  std::string text = to_plain_string(d);
  if (integral) return one_key_object("$bigint", std::move(text));
  return text;
}

}  // namespace

std::string_view decimal_type::name() const { return integral_ ? "bigint" : "decimal"; }

bool decimal_type::accepts_rule(std::string_view rule) const { return rule == "min" || rule == "max"; }

void decimal_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                               const schema_reader&) const {
  attr.rules.min_decimal = read_decimal_rule(def, "min", path);
  attr.rules.max_decimal = read_decimal_rule(def, "max", path);
  check_decimal_order(attr.rules.min_decimal, attr.rules.max_decimal, path);
}

json decimal_type::normalize(const attribute& attr, const json& value, const std::string& path,
                             value_context& ctx) const {
  if (value_tag(value) == "nonfinite") {
    ctx.issues.push_back({path, codes::validation::non_finite, "expected a finite number, got " +
                                                 value.begin()->get<std::string>()});
    return nullptr;
  }
  if (integral_) {
    // A JS number past 2^53 may already be rounded; a string is taken as BigInt() reads it.
    if (value.is_number() && std::fabs(value.get<double>()) > max_safe_integer) {
      ctx.issues.push_back({path, codes::validation::unsafe_integer,
                            "a JS number beyond 2^53 - 1 may already be rounded: pass a BigInt or a string of digits"});
      return nullptr;
    }
    // '1e3' and '1.0' are integers, but not as BigInt() reads strings: only plain digits pass.
    if (value.is_string() && !integer_digits(value.get<std::string>())) {
      const auto d = parse_decimal(value.get<std::string>());
      if (d && is_integer(*d)) {
        ctx.issues.push_back({path, codes::validation::type, "expected an integer as plain digits, got '" +
                                                                 value.get<std::string>().substr(0, 60) + "'"});
        return nullptr;
      }
    }
  }
  const auto d = read_exact(value);
  if (!d) {
    ctx.issues.push_back({path, codes::validation::type, std::string("expected ") +
                                            (integral_ ? "a BigInt or an integer" : "a decimal string or a number") +
                                            ", got " + describe_value(value)});
    return nullptr;
  }
  if (integral_ && !is_integer(*d)) {
    ctx.issues.push_back({path, codes::validation::integer, "expected an integer, got " + message_number(*d)});
    return nullptr;
  }
  if (const std::string problem = dynamodb_number_problem(*d); !problem.empty()) {
    ctx.issues.push_back({path, codes::validation::range, message_number(*d) + " " + problem});
    return nullptr;
  }
  bool ok = true;
  if (attr.rules.min_decimal && compare_decimal(*d, *attr.rules.min_decimal) < 0) {
    ctx.issues.push_back({path, codes::validation::min, "expected at least " + to_plain_string(*attr.rules.min_decimal) +
                                           ", got " + to_plain_string(*d)});
    ok = false;
  }
  if (attr.rules.max_decimal && compare_decimal(*d, *attr.rules.max_decimal) > 0) {
    ctx.issues.push_back({path, codes::validation::max, "expected at most " + to_plain_string(*attr.rules.max_decimal) +
                                           ", got " + to_plain_string(*d)});
    ok = false;
  }
  return ok ? to_js(*d, integral_) : json(nullptr);
}

json decimal_type::to_attribute_value(const attribute&, const json& value) const {
  const json& text = value.is_object() ? value.begin().value() : value;
  return one_key_object("N", text);
}

json decimal_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                        value_context& ctx) const {
  const json* n = expect_attribute_value(av, "N", path, ctx);
  if (n == nullptr) return nullptr;
  const auto d = parse_decimal(n->get<std::string>());
  if (!d) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the N attribute value is not a number"});
    return nullptr;
  }
  if (!stored_number_in_range(*d, path, ctx)) return nullptr;
  if (integral_ && !is_integer(*d)) {
    ctx.issues.push_back({path, codes::validation::integer, "the stored number " + n->get<std::string>() + " is not an integer"});
    return nullptr;
  }
  return to_js(*d, integral_);
}

}  // namespace dynamap::detail
