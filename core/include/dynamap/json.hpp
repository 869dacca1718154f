#pragma once
// One alias so every file agrees on the JSON type. nlohmann::json keeps object keys sorted, which
// makes every request the core builds byte-identical for the same input.
#include <nlohmann/json.hpp>

namespace dynamap {
using json = nlohmann::json;
}
