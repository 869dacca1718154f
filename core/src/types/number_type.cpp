#include "types/builtin_types.hpp"

#include <cmath>
#include <cstdlib>

#include "dynamap/number_text.hpp"
#include "dynamap/value_tags.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
constexpr double max_safe_integer = 9007199254740991.0;  // 2^53 - 1, JS Number.MAX_SAFE_INTEGER

std::string format_bound(double bound) { return format_js_number(bound); }
}  // namespace

std::string_view number_type::name() const { return integral_ ? "integer" : "number"; }
std::string_view number_type::key_type() const { return "N"; }

bool number_type::accepts_rule(std::string_view rule) const {
  return rule == "min" || rule == "max";
}

void number_type::parse_rules(attribute& attr, const json& def, const std::string& path) const {
  attr.rules.min = read_number_rule(def, "min", path);
  attr.rules.max = read_number_rule(def, "max", path);
  check_range(attr.rules.min, attr.rules.max, "min", path);
}

json number_type::normalize(const attribute& attr, const json& value, const std::string& path,
                            issue_list& issues) const {
  if (value_tag(value) == "nonfinite") {
    issues.push_back({path, "nonFinite", "expected a finite number, got " +
                                             value.begin()->get<std::string>() +
                                             " (DynamoDB cannot store NaN or Infinity)"});
    return nullptr;
  }
  if (!value.is_number()) {
    issues.push_back({path, "type", "expected a number, got " + describe_value(value)});
    return nullptr;
  }
  const double v = value.get<double>();
  bool ok = true;
  if (integral_) {
    if (std::trunc(v) != v) {
      issues.push_back({path, "integer", "expected an integer, got " + format_js_number(v)});
      return nullptr;
    }
    if (std::fabs(v) > max_safe_integer) {
      issues.push_back({path, "unsafeInteger",
                        "expected a safe integer (at most 2^53 - 1 in magnitude), got " +
                            format_js_number(v) + "; declare the attribute as bigint or decimal"});
      return nullptr;
    }
  }
  if (attr.rules.min && v < *attr.rules.min) {
    issues.push_back({path, "min", "expected at least " + format_bound(*attr.rules.min) +
                                       ", got " + format_js_number(v)});
    ok = false;
  }
  if (attr.rules.max && v > *attr.rules.max) {
    issues.push_back({path, "max", "expected at most " + format_bound(*attr.rules.max) +
                                       ", got " + format_js_number(v)});
    ok = false;
  }
  return ok ? value : json(nullptr);
}

json number_type::to_attribute_value(const attribute&, const json& value) const {
  if (value.is_number_integer()) return json{{"N", value.dump()}};
  return json{{"N", format_js_number(value.get<double>())}};
}

json number_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                       issue_list& issues) const {
  auto it = av.find("N");
  if (it == av.end() || !it->is_string()) {
    issues.push_back({path, "attributeType",
                      "expected an N attribute value, got " + describe_attribute_value(av)});
    return nullptr;
  }
  const std::string& text = it->get_ref<const std::string&>();
  const auto exact = parse_decimal(text);
  if (!exact) {
    issues.push_back({path, "attributeType", "the N attribute value is not a number"});
    return nullptr;
  }
  // A JS number holds about 15-17 significant digits. Rather than round silently, refuse a
  // stored number that does not read back as itself.
  const double v = std::strtod(text.c_str(), nullptr);
  const auto round_trip = std::isfinite(v) ? parse_decimal(format_js_number(v)) : std::nullopt;
  if (!round_trip || *round_trip != *exact) {
    issues.push_back({path, "precision", "the stored number " + text +
                                             " cannot be held exactly by a JS number; declare the "
                                             "attribute as decimal or bigint"});
    return nullptr;
  }
  if (integral_ && (std::trunc(v) != v || std::fabs(v) > max_safe_integer)) {
    issues.push_back({path, "integer", "the stored number " + text + " is not a safe integer"});
    return nullptr;
  }
  if (std::trunc(v) == v && std::fabs(v) <= max_safe_integer) {
    return json(static_cast<long long>(v));
  }
  return json(v);
}

}  // namespace dynamap::detail
