// The printed AttributeValue map of a put (write_object_attribute_map, build_put_item_printed)
// against the tree it replaces: the same text as json_text of to_attribute_map, the same size as
// item_size, and the same put reply or error, for every item of the shared fixtures and for
// random items over a model with every type.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "dynamap/error.hpp"
#include "dynamap/item.hpp"
#include "dynamap/json_text.hpp"
#include "dynamap/model.hpp"
#include "dynamap/requests.hpp"
#include "dynamap/values.hpp"
#include "fixture_runner.hpp"

using dynamap::json;

namespace {

// A reply or an error, as text, so two runs compare whole.
template <typename Build>
std::string outcome(Build build) {
  try {
    return dynamap::json_text(build());
  } catch (const dynamap::dynamap_error& e) {
    std::string text = "error " + e.code() + " at " + e.path() + ": " + e.what();
    for (const dynamap::issue& i : e.issues()) text += "\n  " + i.path + " " + i.code + " " + i.message;
    return text;
  }
}

// Returns whether the item was valid (so the callers can tell that they test something).
bool check_item(const dynamap::model& m, const json& item, const dynamap::write_inputs& inputs, const json& options) {
  const dynamap::validation_result checked = dynamap::validate_item(m, item, inputs);
  if (checked.ok()) {
    dynamap::av_text printed;
    dynamap::write_object_attribute_map(m.root, checked.value, printed);
    const json tree = dynamap::to_attribute_map(m, checked.value);
    CHECK(printed.text == dynamap::json_text(tree));
    CHECK(printed.bytes == dynamap::item_size(tree));
  }
  const std::string tree_put = outcome([&] { return dynamap::build_put_item(m, item, options, inputs); });
  const std::string text_put = outcome([&] { return dynamap::build_put_item_printed(m, item, options, inputs); });
  CHECK(text_put == tree_put);
  return checked.ok();
}

dynamap::write_inputs inputs_of(const json& c) {
  dynamap::write_inputs inputs;
  if (c.contains("now")) inputs.now_millis = c["now"].get<std::int64_t>();
  if (c.contains("seed")) inputs.seed = c["seed"].get<std::string>();
  return inputs;
}

// The item and put options of a case that writes one, or false.
bool written_item(const json& c, json& item, json& options) {
  if (c.contains("inputText")) return false;
  const std::string op = c["op"].get<std::string>();
  std::vector<std::string> nests;
  json input;
  try {
    input = dynamap::test::expand(c["input"], &nests);
  } catch (const std::exception&) {
    return false;
  }
  if (!nests.empty()) return false;  // too deep for a json tree anyway
  if (op == "validate" || op == "toItem") {
    item = std::move(input);
    options = json::object();
    return true;
  }
  if (op == "plan.put" && input.is_object() && input.contains("item")) {
    item = input["item"];
    options = input.value("options", json::object());
    return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a printed put matches the tree for every fixture item", "[av_writer]") {
  std::size_t valid = 0;
  for (const std::string& file : dynamap::test::fixture_files("core")) {
    const json fixture = dynamap::test::load_fixture("core/" + file);
    if (!fixture.contains("model")) continue;
    std::shared_ptr<const dynamap::model> m;
    try {
      m = dynamap::parse_model(dynamap::test::expand(fixture["model"], nullptr));
    } catch (const dynamap::dynamap_error&) {
      continue;
    }
    for (const json& c : fixture["cases"]) {
      json item;
      json options;
      if (!written_item(c, item, options)) continue;
      INFO(file << ": " << c["name"].get<std::string>());
      if (check_item(*m, item, inputs_of(c), options)) ++valid;
    }
  }
  CHECK(valid > 100);
}

namespace {

const char* const every_type_model = R"({
  "name": "Every", "table": "every", "key": {"partition": "pk", "sort": "sk"},
  "unknown": "keep",
  "attributes": {
    "pk": {"type": "string"},
    "sk": {"type": "number"},
    "s": {"type": "string", "optional": true},
    "n": {"type": "number", "optional": true, "nullable": true},
    "int": {"type": "integer", "optional": true},
    "dec": {"type": "decimal", "optional": true},
    "big": {"type": "bigint", "optional": true},
    "b": {"type": "boolean", "optional": true},
    "bin": {"type": "binary", "optional": true},
    "day": {"type": "date", "optional": true},
    "whenIso": {"type": "datetime", "optional": true},
    "whenEpoch": {"type": "datetime", "storeAs": "epoch", "optional": true},
    "dur": {"type": "duration", "optional": true},
    "expires": {"type": "ttl", "optional": true},
    "status": {"type": "enum", "values": ["open", "paid", "$odd"], "optional": true},
    "id": {"type": "uuid", "optional": true},
    "ss": {"type": "set", "of": "string", "optional": true},
    "ns": {"type": "set", "of": "number", "optional": true},
    "bs": {"type": "set", "of": "binary", "optional": true},
    "list": {"type": "list", "of": {"type": "number", "nullable": true}, "optional": true},
    "listOfSets": {"type": "list", "of": {"type": "set", "of": "string"}, "optional": true},
    "map": {"type": "map", "optional": true, "nullable": true, "unknown": "keep", "fields": {
      "a": {"type": "string", "attributeName": "z"},
      "b": {"type": "number", "optional": true},
      "$k": {"type": "string", "optional": true},
      "tags": {"type": "set", "of": "string", "optional": true},
      "inner": {"type": "map", "optional": true, "fields": {"x": {"type": "any", "optional": true}}}}},
    "rec": {"type": "record", "of": "any", "optional": true},
    "recSets": {"type": "record", "of": {"type": "set", "of": "number"}, "optional": true},
    "any": {"type": "any", "optional": true},
    "renamed": {"type": "string", "attributeName": "A renamed", "optional": true},
    "zrenamed": {"type": "boolean", "attributeName": "0first", "optional": true},
    "$dollar": {"type": "number", "optional": true},
    "ver": {"type": "version", "optional": true, "nullable": true}
  },
  "indexes": {"byStatus": {"type": "global", "partition": "status", "sort": "whenEpoch"}}
})";

class item_maker {
 public:
  explicit item_maker(unsigned seed) : random_(seed) {}

  json item() {
    json out = json::object();
    out["pk"] = "p" + text();
    out["sk"] = number();
    maybe(out, "s", [&] { return text(); });
    maybe(out, "n", [&] { return chance(4) ? json(nullptr) : number(); });
    maybe(out, "int", [&] { return json(pick<long long>({0, -1, 42, 9007199254740991LL, -123456789})); });
    maybe(out, "dec", [&] { return json(pick<std::string>({"19.950", "-0.000e5", "1e3", "0.1", "-12345678901234567890.5"})); });
    maybe(out, "big", [&] { return tagged("$bigint", pick<std::string>({"0", "-1", "123456789012345678901234567890"})); });
    maybe(out, "b", [&] { return json(chance(2)); });
    maybe(out, "bin", [&] { return bytes(); });
    maybe(out, "day", [&] { return chance(2) ? json("2024-05-03") : tagged("$date", 1714698123004LL); });
    maybe(out, "whenIso", [&] { return chance(2) ? json("2024-05-03T10:00:00.000Z") : tagged("$date", 1714698123004LL); });
    maybe(out, "whenEpoch", [&] { return tagged("$date", static_cast<long long>(below(2000000000)) * 1000 + 7); });
    maybe(out, "dur", [&] { return chance(2) ? json("PT1H30M") : json(90.5); });
    maybe(out, "expires", [&] { return json(static_cast<long long>(below(2000000000))); });
    maybe(out, "status", [&] { return json(pick<std::string>({"open", "paid", "$odd"})); });
    maybe(out, "id", [&] { return json("0b7e4f1c-2d3a-4b5c-9d8e-7f6a5b4c3d2e"); });
    maybe(out, "ss", [&] { return set_of([&] { return json(text()); }); });
    maybe(out, "ns", [&] { return set_of([&] { return number(); }); });
    maybe(out, "bs", [&] { return set_of([&] { return bytes(); }); });
    maybe(out, "list", [&] { return list_of([&] { return chance(3) ? json(nullptr) : number(); }); });
    maybe(out, "listOfSets", [&] { return list_of([&] { return set_of([&] { return json(text()); }, true); }); });
    maybe(out, "map", [&] { return chance(6) ? json(nullptr) : map(); });
    maybe(out, "rec", [&] { return record([&] { return any(2); }); });
    maybe(out, "recSets", [&] { return record([&] { return set_of([&] { return number(); }, true); }); });
    maybe(out, "any", [&] { return any(3); });
    maybe(out, "renamed", [&] { return text(); });
    maybe(out, "zrenamed", [&] { return json(chance(2)); });
    maybe(out, "$$dollar", [&] { return number(); });
    maybe(out, "ver", [&] { return chance(3) ? json(nullptr) : json(static_cast<long long>(below(12)) * 9); });
    // Kept unknown attributes, some sorting between the declared ones.
    if (chance(2)) out["kept"] = any(2);
    if (chance(3)) out["$$kept"] = text();
    if (chance(3)) out["Zz"] = number();
    return out;
  }

 private:
  std::mt19937 random_;

  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
  bool chance(std::size_t one_in) { return below(one_in) == 0; }

  template <typename T>
  T pick(std::initializer_list<T> choices) {
    return *(choices.begin() + below(choices.size()));
  }

  template <typename Make>
  void maybe(json& out, const char* key, Make make) {
    if (!chance(3)) out[key] = make();
  }

  static json tagged(const char* tag, json value) { return dynamap::one_key_object(tag, std::move(value)); }

  std::string text() {
    static const char* const pieces[] = {"a", "Zed", "é", "😀", "\n", "\"", "\\", "\x01", "/", " ", "$", "tag-9", "\x7f"};
    std::string out;
    for (std::size_t n = below(6); n > 0; --n) out += pieces[below(sizeof pieces / sizeof *pieces)];
    return out;
  }

  json number() {
    return pick<json>({json(0), json(-7), json(19.95), json(5.9604644775390625e-08), json(1e21), json(-0.0),
                       json(123456.789), json(9007199254740991LL), json(1.5e-7), json(3)});
  }

  json bytes() { return tagged("$bytes", pick<std::string>({"", "AAEC", "AAECAw==", "/w==", "AQID+/8="})); }

  // Only an attribute or a map field may hold an empty set (it is then left out); a list, a
  // record or an `any` refuses one, so `nested` sets have a member.
  template <typename Make>
  json set_of(Make make, bool nested = false) {
    json members = json::array();
    std::vector<std::string> seen;
    for (std::size_t n = below(4) + (nested ? 1 : 0); n > 0; --n) {
      json member = make();
      const std::string key = member.dump();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      members.push_back(std::move(member));
    }
    return tagged("$set", std::move(members));
  }

  template <typename Make>
  json list_of(Make make) {
    json out = json::array();
    for (std::size_t n = below(4); n > 0; --n) out.push_back(make());
    return out;
  }

  template <typename Make>
  json record(Make make) {
    json out = json::object();
    for (std::size_t n = below(4); n > 0; --n) out[pick<std::string>({"k", "$$k", "a b", "Z", "é", "$$"}) + text()] = make();
    return out;
  }

  json map() {
    json out = json::object();
    out["a"] = text();
    maybe(out, "b", [&] { return number(); });
    maybe(out, "$$k", [&] { return text(); });
    maybe(out, "tags", [&] { return set_of([&] { return json(text()); }); });
    maybe(out, "inner", [&] {
      json inner = json::object();
      maybe(inner, "x", [&] { return any(2); });
      return inner;
    });
    if (chance(2)) out["y"] = any(1);  // kept
    if (chance(10)) out["z"] = text();  // the stored name of "a": refused
    return out;
  }

  json any(int depth) {
    // `any` is not nullable at the top; a null inside it is a value.
    switch (below(depth > 0 ? 9 : 6)) {
      case 0: return depth < 3 ? json(nullptr) : json(false);
      case 1: return chance(2);
      case 2: return number();
      case 3: return text();
      case 4: return bytes();
      case 5: return tagged("$bigint", "-42");
      case 6: return list_of([&] { return any(depth - 1); });
      case 7: return record([&] { return any(depth - 1); });
      default: return set_of([&] { return json(text()); }, true);
    }
  }
};

}  // namespace

TEST_CASE("a printed put matches the tree for random items of every type", "[av_writer]") {
  const std::shared_ptr<const dynamap::model> m = dynamap::parse_model(json::parse(every_type_model));
  dynamap::write_inputs inputs;
  inputs.now_millis = 1714698123004;
  inputs.seed = "00112233445566778899aabbccddeeff";
  const json option_sets[] = {json::object(), json{{"create", true}}, json{{"returnValues", "ALL_OLD"}}};
  std::size_t valid = 0;
  for (unsigned seed = 1; seed <= 3000; ++seed) {
    item_maker maker(seed);
    const json item = maker.item();
    INFO("seed " << seed << ": " << item.dump());
    if (check_item(*m, item, inputs, option_sets[seed % 3])) ++valid;
  }
  CHECK(valid > 1000);
}

TEST_CASE("a printed put checks DynamoDB's item size as the tree does", "[av_writer]") {
  const std::shared_ptr<const dynamap::model> m = dynamap::parse_model(json::parse(every_type_model));
  const dynamap::write_inputs inputs;
  // Around the 400 KB limit, with versions whose next value is longer than the one read.
  for (std::size_t length = 409580; length <= 409600; ++length) {
    for (const json& version : {json(json::value_t::discarded), json(nullptr), json(9), json(99)}) {
      json item = {{"pk", "p"}, {"sk", 1}, {"s", std::string(length, 'x')}};
      if (!version.is_discarded()) item["ver"] = version;
      INFO("length " << length << ", version " << version.dump());
      check_item(*m, item, inputs, json::object());
    }
  }
}
