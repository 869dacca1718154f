#include <algorithm>

#include "dynamap/error.hpp"
#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"
#include "dynamap/type_handler.hpp"

namespace dynamap {

namespace {

using expression_detail::first_keyword;
using expression_detail::keyword_member;

// An action's value, by reference: json::value() would copy it, recursing through all of it.
const json& value_of(const json& action) {
  static const json absent;
  const json* value = find_member(action, "value");
  return value != nullptr ? *value : absent;
}

[[noreturn]] void fail(const char* code, const std::string& path, const std::string& message) {
  throw dynamap_error(error_kind::expression, code, path, (path.empty() ? "" : path + ": ") + message);
}

bool is_numeric(const attribute& a) {
  const std::string_view t = a.type->name();
  return t == "number" || t == "integer" || t == "decimal" || t == "bigint" || t == "version" || t == "any";
}

bool is_prefix(const std::vector<path_segment>& a, const std::vector<path_segment>& b) {
  if (a.size() > b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_index != b[i].is_index || a[i].name != b[i].name || a[i].index != b[i].index) return false;
  }
  return true;
}

class update_compiler {
 public:
  update_compiler(const model& m, placeholders& ph, const attribute* version) : m_(m), ph_(ph), version_(version) {}

  std::string compile(const json& update) {
    const json* actions = update.is_object() && update.contains("actions") ? &update["actions"] : nullptr;
    if (actions == nullptr || !actions->is_array() || actions->empty()) {
      fail(codes::expression::invalid, "", "an update needs at least one action");
    }
    touched_.reserve(actions->size());
    for (const json& action : *actions) read_action(action);
    if (version_ != nullptr) {
      const std::string& name = ph_.name(version_->stored_name);
      add_.push_back(concat({name, " ", ph_.value(one_key_object("N", "1"))}));
    }
    std::string out;
    append_clause(out, "SET", set_);
    append_clause(out, "REMOVE", remove_);
    append_clause(out, "ADD", add_);
    append_clause(out, "DELETE", delete_);
    return out;
  }

 private:
  static void append_clause(std::string& out, const char* keyword, const std::vector<std::string>& parts) {
    if (parts.empty()) return;
    if (!out.empty()) out += " ";
    out += keyword;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      out += i == 0 ? " " : ", ";
      out += parts[i];
    }
  }

  resolved_path place(const json& path) {
    resolved_path where = resolve_path(m_, path, ph_);
    if (where.top_level_key) {
      fail(codes::expression::key_attribute, where.display, "a key attribute cannot be updated (write a new item instead)");
    }
    if (version_ != nullptr && where.segments.front().name == version_->stored_name) {
      fail(codes::expression::invalid_operation, where.display,
           "the version attribute is managed by dynamap: pass the version you read in the key");
    }
    // DynamoDB refuses an update whose paths overlap; say which before sending.
    for (const auto& earlier : touched_) {
      if (is_prefix(earlier, where.segments) || is_prefix(where.segments, earlier)) {
        fail(codes::expression::overlap, where.display, "this update already changes this path or a part of it");
      }
    }
    touched_.push_back(where.segments);
    return where;
  }

  enum action_kind : std::size_t { set_action, remove_action, add_action, delete_action };

  void read_action(const json& action) {
    if (!action.is_object()) fail(codes::expression::invalid, "", "an update action is an object");
    const keyword_member kind = first_keyword(action, {"set", "remove", "add", "delete"});
    switch (kind.which) {
      case set_action: read_set(action, *kind.body); break;
      case remove_action: {
        resolved_path where = place(*kind.body);
        check_removable(where);
        remove_.push_back(std::move(where.text));
        break;
      }
      case add_action: read_add(action, *kind.body); break;
      case delete_action: read_delete(action, *kind.body); break;
      default: fail(codes::expression::invalid, "", "unknown update action " + shallow_text(action));
    }
  }

  void read_set(const json& action, const json& path) {
    resolved_path where = place(path);
    const json* value = find_member(action, "value");
    if (value == nullptr) fail(codes::expression::invalid, where.display, "set() needs a value");
    const json* plain = find_member(*value, "value");
    if (plain == nullptr) {
      set_.push_back(concat({where.text, " = ", value_expression(where, *value)}));
      return;
    }
    json av = stored_value(where, *plain);
    if (av.is_discarded()) {  // an empty set: DynamoDB cannot store it, so the attribute goes
      check_removable(where);
      remove_.push_back(std::move(where.text));
    } else {
      set_.push_back(concat({where.text, " = ", ph_.value(std::move(av))}));
    }
  }

  void read_add(const json& action, const json& path) {
    resolved_path where = place(path);
    const std::string_view type = where.target->type->name();
    if (!is_numeric(*where.target) && type != "set") {
      fail(codes::expression::invalid_operation, where.display, "add() works on numbers and sets, not " + where.target->type_name);
    }
    json av = condition_value(where, value_of(action));
    if (av.is_discarded()) fail(codes::expression::invalid_operation, where.display, "add() needs a non-empty set");
    add_.push_back(concat({where.text, " ", ph_.value(std::move(av))}));
  }

  void read_delete(const json& action, const json& path) {
    resolved_path where = place(path);
    if (where.target->type->name() != "set" && where.target->type->name() != "any") {
      fail(codes::expression::invalid_operation, where.display, "delete() removes members from a set, not from " + where.target->type_name);
    }
    json av = condition_value(where, value_of(action));
    if (av.is_discarded()) fail(codes::expression::invalid_operation, where.display, "delete() needs a non-empty set");
    delete_.push_back(concat({where.text, " ", ph_.value(std::move(av))}));
  }

  void check_removable(const resolved_path& where) {
    const attribute& target = *where.target;
    const bool declared_field = !target.name.empty() && !where.segments.back().is_index;
    if (declared_field && !target.optional && target.type->name() != "set" && target.type->name() != "any") {
      fail(codes::expression::remove_required, where.display,
           "the model requires this attribute (declare it optional to allow removing it)");
    }
  }

  // The right-hand side of SET beyond a plain value.
  enum value_kind : std::size_t { path_value, plain_value, plus_value, minus_value, if_not_exists_value, list_append_value };

  std::string value_expression(const resolved_path& where, const json& e) {
    const keyword_member kind = first_keyword(e, {"path", "value", "plus", "minus", "ifNotExists", "listAppend"});
    switch (kind.which) {
      case path_value: return resolve_path(m_, *kind.body, ph_).text;
      case plain_value: return ph_.value(stored_value(where, *kind.body));
      case plus_value: return arithmetic(where, *kind.body, "plus", " + ");
      case minus_value: return arithmetic(where, *kind.body, "minus", " - ");
      case if_not_exists_value: return if_not_exists(where, *kind.body, false);
      case list_append_value: return list_append(where, *kind.body);
      default: fail(codes::expression::invalid, where.display, "unknown update value " + shallow_text(e));
    }
  }

  std::string arithmetic(const resolved_path& where, const json& args, const char* op, std::string_view sign) {
    if (!is_numeric(*where.target)) {
      fail(codes::expression::invalid_operation, where.display, std::string(op) + "() works on numbers, not " + where.target->type_name);
    }
    if (!args.is_array() || args.size() != 2) fail(codes::expression::invalid, where.display, std::string(op) + "() takes two operands");
    // One statement per operand: the order of placeholders must not depend on the compiler.
    const std::string left = operand(where, args[0]);
    const std::string right = operand(where, args[1]);
    return concat({left, sign, right});
  }

  std::string list_append(const resolved_path& where, const json& args) {
    if (where.target->type->name() != "list" && where.target->type->name() != "any") {
      fail(codes::expression::invalid_operation, where.display, "append() and prepend() work on lists, not " + where.target->type_name);
    }
    if (!args.is_array() || args.size() != 2) fail(codes::expression::invalid, where.display, "listAppend takes two operands");
    const std::string first = operand(where, args[0]);
    const std::string second = operand(where, args[1]);
    return concat({"list_append(", first, ", ", second, ")"});
  }

  // DynamoDB's if_not_exists(path, operand) takes a path or a value, nothing computed; as the
  // first operand of plus/minus (SET n = if_not_exists(n, :0) + :1) its value is a delta.
  std::string if_not_exists(const resolved_path& where, const json& args, bool in_arithmetic) {
    if (!args.is_array() || args.size() != 2 || !args[1].is_object() ||
        !(args[1].contains("value") || args[1].contains("path"))) {
      fail(codes::expression::invalid_operation, where.display,
           "ifNotExists takes a path and a plain value or path (DynamoDB cannot compute inside it; "
           "write plus(ifNotExists(path, 0), 1) instead)");
    }
    const std::string target = resolve_path(m_, args[0], ph_).text;
    const std::string fallback = args[1].contains("path") ? resolve_path(m_, args[1]["path"], ph_).text
                                 : in_arithmetic           ? ph_.value(condition_value(where, args[1]["value"]))
                                                           : ph_.value(stored_value(where, args[1]["value"]));
    return "if_not_exists(" + target + ", " + fallback + ")";
  }

  // An arithmetic or list operand: another path, or a value typed by the target without its
  // rules (an increment of 1 need not satisfy min: 10; a list being appended need not hold
  // minItems).
  enum operand_kind : std::size_t { if_not_exists_operand, path_operand, value_operand };

  std::string operand(const resolved_path& where, const json& node) {
    const keyword_member kind = first_keyword(node, {"ifNotExists", "path", "value"});
    switch (kind.which) {
      case if_not_exists_operand: return if_not_exists(where, *kind.body, true);
      case path_operand: return resolve_path(m_, *kind.body, ph_).text;
      case value_operand: return ph_.value(condition_value(where, *kind.body));
      default: fail(codes::expression::invalid, where.display, "an operand is {path} or {value}");
    }
  }

  const model& m_;
  placeholders& ph_;
  const attribute* version_;
  std::vector<std::vector<path_segment>> touched_;
  std::vector<std::string> set_, remove_, add_, delete_;
};

}  // namespace

std::string compile_update(const model& m, const json& update, placeholders& ph, const attribute* version) {
  return update_compiler(m, ph, version).compile(update);
}

}  // namespace dynamap
