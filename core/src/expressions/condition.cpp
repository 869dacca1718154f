// Conditions and filters: {and: [...]}, {or: [...]}, {not: c}, {cmp, left, right},
// {between: operand, low, high}, {in: operand, values: [...]}, {fn, path, value|type}.
// Operands are {path: P}, {size: P} or {value: V}.
#include <algorithm>
#include <cctype>

#include "dynamap/error.hpp"
#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/values.hpp"

namespace dynamap {

namespace {

using expression_detail::first_keyword;
using expression_detail::keyword_member;
using expression_detail::text_of;

[[noreturn]] void malformed(const std::string& message) {
  throw dynamap_error(error_kind::expression, codes::expression::invalid, "", message);
}

const json& member(const json& node, std::string_view key) {
  const json* found = find_member(node, key);
  if (found == nullptr) malformed(concat({"a condition lacks '", key, "'"}));
  return *found;
}

class condition_compiler {
 public:
  condition_compiler(const model& m, placeholders& ph, const std::vector<std::string>* refused)
      : m_(m), ph_(ph), refused_(refused) {}

  std::string compile(const json& node) {
    if (!node.is_object()) malformed("a condition is an object");
    // and/or/not recurse, and a hostile tree (100,000 levels) must not exhaust the stack. JS
    // sends at most 1000 levels; a `not` writes 6 bytes, so past ~680 the 4 KB check refuses.
    if (depth_ >= max_condition_depth) malformed("conditions nest more than " + std::to_string(max_condition_depth) + " levels deep");
    ++depth_;
    std::string text = compile_node(node);
    --depth_;
    return text;
  }

  // `path = value`, as a {cmp: "eq"} node with a {path} left and a {value} right compiles.
  std::string equality(const json& path, const json& value) {
    const resolved_path where = resolve(path);
    return concat({where.text, " = ", ph_.value(condition_value(where, value))});
  }

 private:
  static constexpr int max_condition_depth = 1024;
  int depth_ = 0;

  // A query's filter may not read the key attributes of the index it queries: DynamoDB refuses
  // the request ("Filter Expression can only contain non-primary key attributes").
  resolved_path resolve(const json& path) {
    resolved_path where = resolve_path(m_, path, ph_);
    if (refused_ != nullptr && !where.segments.empty()) {
      for (const std::string& stored : *refused_) {
        if (where.segments.front().name != stored) continue;
        throw dynamap_error(error_kind::expression, codes::expression::key_in_filter, where.display,
                            where.display + ": a query's filter cannot read a key attribute of the index it queries; "
                                            "put the condition in the key condition (sort) instead");
      }
    }
    return where;
  }

  enum node_kind : std::size_t { and_node, or_node, not_node, cmp_node, between_node, in_node, fn_node };

  std::string compile_node(const json& node) {
    const keyword_member kind = first_keyword(node, {"and", "or", "not", "cmp", "between", "in", "fn"});
    switch (kind.which) {
      case and_node: return junction(*kind.body, " AND ");
      case or_node: return junction(*kind.body, " OR ");
      case not_node: return concat({"NOT (", compile(*kind.body), ")"});
      case cmp_node: return comparison(node, *kind.body);
      case between_node: return between(node, *kind.body);
      case in_node: return in_list(node, *kind.body);
      case fn_node: return function(node, *kind.body);
      default: malformed("unknown condition node " + shallow_text(node));
    }
  }

  std::string junction(const json& parts, std::string_view joiner) {
    if (!parts.is_array() || parts.empty()) malformed("and/or take a non-empty list of conditions");
    if (parts.size() == 1) return compile(parts[0]);
    std::string out;
    for (const json& part : parts) {
      if (!out.empty()) out += joiner;
      out += '(';
      out += compile(part);
      out += ')';
    }
    return out;
  }

  std::string between(const json& node, const json& subject_node) {
    operand subject = read_operand(subject_node, nullptr);
    const std::string low = read_operand(member(node, "low"), &subject).text;
    const std::string high = read_operand(member(node, "high"), &subject).text;
    return concat({subject.text, " BETWEEN ", low, " AND ", high});
  }

  std::string in_list(const json& node, const json& subject_node) {
    operand subject = read_operand(subject_node, nullptr);
    const json& values = member(node, "values");
    if (!values.is_array() || values.empty() || values.size() > 100) {
      malformed("in() takes 1 to 100 values (DynamoDB's limit)");
    }
    std::string out = subject.text + " IN (";
    bool first = true;
    for (const json& v : values) {
      if (!first) out += ", ";
      first = false;
      out += read_operand(v, &subject).text;
    }
    out += ')';
    return out;
  }

  struct operand {
    std::string text;
    bool is_path = false;  // {path}: `where` is the place
    bool is_size = false;  // {size}: `where` is the place measured
    resolved_path where;
  };

  enum operand_kind : std::size_t { path_operand, size_operand, value_operand };

  // A value operand is converted through the type of the path it is compared with.
  operand read_operand(const json& node, const operand* against) {
    if (!node.is_object()) malformed("an operand is {path}, {size} or {value}");
    const keyword_member kind = first_keyword(node, {"path", "size", "value"});
    operand out;
    switch (kind.which) {
      case path_operand:
        out.where = resolve(*kind.body);
        out.text = out.where.text;
        out.is_path = true;
        break;
      case size_operand:
        out.where = resolve(*kind.body);
        out.text = concat({"size(", out.where.text, ")"});
        out.is_size = true;
        break;
      case value_operand: out.text = value_placeholder(*kind.body, against); break;
      default: malformed("an operand is {path}, {size} or {value}");
    }
    return out;
  }

  std::string value_placeholder(const json& v, const operand* against) {
    if (against != nullptr && against->is_path) return ph_.value(condition_value(against->where, v));
    if (against != nullptr && against->is_size) return ph_.value(size_value(v, against->where.display));
    return ph_.value(schemaless_value(v));
  }

  static json size_value(const json& v, const std::string& display) {
    if (!(v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0))) {
      throw dynamap_error(error_kind::expression, codes::expression::invalid, display,
                          display + ": size() is compared with a whole number >= 0");
    }
    return one_key_object("N", v.dump());
  }

  json schemaless_value(const json& v) {
    resolved_path any_place;
    any_place.target = &schemaless_attribute();
    return condition_value(any_place, v);
  }

  std::string comparison(const json& node, const json& cmp) {
    static const std::pair<std::string_view, std::string_view> ops[] = {
        {"eq", "="}, {"ne", "<>"}, {"lt", "<"}, {"lte", "<="}, {"gt", ">"}, {"gte", ">="}};
    const std::string_view cmp_text = text_of(cmp);
    const auto* op = std::find_if(std::begin(ops), std::end(ops), [&](const auto& o) { return cmp_text == o.first; });
    if (op == std::end(ops)) malformed("unknown comparison " + shallow_text(cmp));
    const json& left_node = member(node, "left");
    const json& right_node = member(node, "right");
    // Two paths compare without conversion; a value takes the type of the path it meets, so
    // when only the right side is a place, it is read first (every placeholder must be used).
    const bool value_first = find_member(left_node, "value") != nullptr && right_node.is_object() &&
                             find_member(right_node, "value") == nullptr;
    if (value_first) {
      operand right = read_operand(right_node, nullptr);
      operand left = read_operand(left_node, &right);
      return concat({left.text, " ", op->second, " ", right.text});
    }
    operand left = read_operand(left_node, nullptr);
    operand right = read_operand(right_node, &left);
    return concat({left.text, " ", op->second, " ", right.text});
  }

  std::string function(const json& node, const json& fn_value) {
    const std::string_view fn = text_of(fn_value);
    const resolved_path where = resolve(member(node, "path"));
    if (fn == "attribute_exists" || fn == "attribute_not_exists") {
      return concat({fn, "(", where.text, ")"});
    }
    if (fn == "attribute_type") {
      static const std::string_view types[] = {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"};
      const json& type = member(node, "type");
      const std::string_view type_text = text_of(type);
      if (std::find(std::begin(types), std::end(types), type_text) == std::end(types)) {
        throw dynamap_error(error_kind::expression, codes::expression::invalid, where.display,
                            where.display + ": type() takes one of S, SS, N, NS, B, BS, BOOL, NULL, L, M");
      }
      return concat({"attribute_type(", where.text, ", ", ph_.value(one_key_object("S", type)), ")"});
    }
    if (fn == "begins_with") {
      const std::string_view type = where.target->type->name();
      const json& v = member(node, "value");
      // A prefix is not a whole value: only its base type is checked, not the attribute's rules.
      json av;
      if (type == "binary") {
        av = condition_value(where, v);
      } else if (v.is_string() && type == "uuid") {
        std::string prefix = v.get<std::string>();  // UUIDs are stored lower-case
        for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        av = one_key_object("S", prefix);
      } else if (v.is_string()) {
        av = one_key_object("S", v);
      } else {
        throw dynamap_error(error_kind::expression, codes::expression::invalid_operation, where.display,
                            where.display + ": beginsWith takes a string (or binary for binary attributes)");
      }
      return concat({"begins_with(", where.text, ", ", ph_.value(std::move(av)), ")"});
    }
    if (fn == "contains") {
      const attribute& target = *where.target;
      const std::string_view type = target.type->name();
      const json& v = member(node, "value");
      json av;
      if ((type == "set" || type == "list") && target.element) {
        resolved_path element = where;
        element.target = target.element.get();
        av = condition_value(element, v);
      } else if (v.is_string()) {
        av = one_key_object("S", v);  // a substring of a string attribute
      } else {
        av = schemaless_value(v);
      }
      return concat({"contains(", where.text, ", ", ph_.value(std::move(av)), ")"});
    }
    malformed("unknown function " + shallow_text(fn_value));
  }

  const model& m_;
  placeholders& ph_;
  const std::vector<std::string>* refused_;
};

}  // namespace

std::string compile_condition(const model& m, const json& condition, placeholders& ph,
                              const std::vector<std::string>* refused_roots) {
  return condition_compiler(m, ph, refused_roots).compile(condition);
}

std::string compile_equality(const model& m, const std::string& path, const json& value, placeholders& ph) {
  return condition_compiler(m, ph, nullptr).equality(json(path), value);
}

std::string compile_projection(const model& m, const json& paths, placeholders& ph) {
  if (!paths.is_array() || paths.empty()) {
    throw dynamap_error(error_kind::expression, codes::expression::invalid, "", "select() takes a non-empty list of paths");
  }
  // Paths are compared first (by their stored segments, with throwaway placeholders), so a path
  // left out leaves no unused name behind: DynamoDB refuses unused ExpressionAttributeNames.
  auto inside = [](const std::vector<path_segment>& outer, const std::vector<path_segment>& inner) {
    if (outer.size() > inner.size()) return false;
    for (std::size_t i = 0; i < outer.size(); ++i) {
      if (outer[i].is_index != inner[i].is_index || outer[i].name != inner[i].name || outer[i].index != inner[i].index) return false;
    }
    return true;
  };
  std::vector<std::pair<const json*, resolved_path>> kept;
  for (const json& p : paths) {
    placeholders scratch;
    resolved_path where = resolve_path(m, p, scratch);
    bool covered = false;
    for (const auto& entry : kept) covered = covered || inside(entry.second.segments, where.segments);
    if (covered) continue;  // asked already, or part of a path asked for
    // DynamoDB refuses overlapping projection paths: a wider path replaces the parts of it.
    kept.erase(std::remove_if(kept.begin(), kept.end(),
                              [&](const auto& entry) { return inside(where.segments, entry.second.segments); }),
               kept.end());
    kept.emplace_back(&p, std::move(where));
  }
  std::string out;
  for (const auto& [path, where] : kept) {
    const std::string text = resolve_path(m, *path, ph).text;
    out += (out.empty() ? "" : ", ") + text;
  }
  return out;
}

}  // namespace dynamap
