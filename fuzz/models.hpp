// Fixed models the item/expression/response fuzz targets run against.
#pragma once

namespace fuzz {

// Every attribute type, named types, nested maps/lists/sets/records, defaults, patterns, indexes.
inline const char* const rich_model = R"json({
  "name": "Rich", "table": "rich",
  "key": { "partition": "pk", "sort": "sk" },
  "types": {
    "Sku": { "type": "string", "pattern": "^[A-Z]{3}-\\d{3}$", "maxLength": 7 },
    "Money": { "type": "decimal", "min": "0" },
    "Line": { "type": "map", "fields": { "sku": "Sku", "price": "Money", "qty": { "type": "integer", "min": 1 } } }
  },
  "attributes": {
    "pk": "string",
    "sk": { "type": "string", "minLength": 1, "maxLength": 64 },
    "s": { "type": "string", "optional": true, "nullable": true, "pattern": "^[a-z]+(?:-[a-z0-9]+)*$" },
    "n": { "type": "number", "min": -1000, "max": 1000, "optional": true },
    "i": { "type": "integer", "optional": true },
    "v": { "type": "version", "optional": true },
    "d": { "type": "decimal", "optional": true },
    "big": { "type": "bigint", "optional": true },
    "b": { "type": "boolean", "optional": true },
    "e": { "type": "enum", "values": ["new", "paid", "void"], "optional": true, "default": "new" },
    "u": { "type": "uuid", "optional": true },
    "at": { "type": "datetime", "optional": true },
    "atEpoch": { "type": "datetime", "storeAs": "epoch", "optional": true },
    "atMillis": { "type": "datetime", "storeAs": "epochMillis", "optional": true, "min": "2000-01-01T00:00:00Z" },
    "day": { "type": "date", "optional": true, "max": "2100-12-31" },
    "dur": { "type": "duration", "optional": true, "min": "PT1S" },
    "expires": { "type": "ttl", "optional": true },
    "bin": { "type": "binary", "optional": true, "maxLength": 64 },
    "anything": { "type": "any", "optional": true },
    "tags": { "type": "set", "of": "string", "optional": true },
    "nums": { "type": "set", "of": "number", "optional": true },
    "blobs": { "type": "set", "of": "binary", "optional": true },
    "skus": { "type": "set", "of": "Sku", "optional": true },
    "lines": { "type": "list", "of": "Line", "maxItems": 5, "optional": true },
    "matrix": { "type": "list", "of": { "type": "list", "of": "number" }, "optional": true },
    "names": { "type": "list", "of": { "type": "string", "nullable": true }, "minItems": 1, "maxItems": 4, "optional": true },
    "address": {
      "type": "map", "optional": true, "nullable": true,
      "fields": {
        "street": "string",
        "zip": { "type": "string", "pattern": "^\\d{5}$" },
        "geo": { "type": "map", "optional": true, "fields": { "lat": { "type": "number", "min": -90, "max": 90 }, "lng": "number" } },
        "sets": { "type": "list", "of": { "type": "set", "of": "integer" }, "optional": true }
      }
    },
    "stripped": { "type": "map", "unknown": "strip", "optional": true, "fields": { "a": { "type": "string", "optional": true } } },
    "kept": { "type": "map", "unknown": "keep", "optional": true, "fields": { "a": { "type": "integer", "optional": true } } },
    "counts": { "type": "record", "of": "integer", "optional": true },
    "nested": { "type": "record", "of": { "type": "map", "fields": { "when": "date", "tags": { "type": "set", "of": "string", "optional": true } } }, "optional": true },
    "renamed": { "type": "string", "attributeName": "a.b", "optional": true },
    "meta": {
      "type": "map", "optional": true,
      "fields": {
        "created": { "type": "datetime", "default": "now" },
        "id": { "type": "uuid", "default": "uuid", "optional": true },
        "timeout": { "type": "duration", "default": "PT90M" }
      }
    }
  },
  "indexes": {
    "byE": { "type": "global", "partition": "e", "sort": "at" },
    "byI": { "type": "local", "sort": "i" }
  }
})json";

// The model of tests/fixtures/core/expressions.json.
inline const char* const expression_model = R"json({
  "name": "Doc", "table": "docs",
  "key": { "partition": "pk", "sort": "sk" },
  "attributes": {
    "pk": "string",
    "sk": "string",
    "status": { "type": "enum", "values": ["new", "paid"] },
    "name": { "type": "string", "optional": true },
    "size": { "type": "integer", "min": 1, "optional": true },
    "total": { "type": "decimal", "optional": true },
    "price": { "type": "number", "optional": true },
    "tags": { "type": "set", "of": "string", "optional": true },
    "scores": { "type": "set", "of": "number", "optional": true },
    "items": { "type": "list", "of": { "type": "map", "fields": { "sku": "string", "qty": "integer" } }, "optional": true },
    "address": { "type": "map", "fields": { "city": "string", "zip": { "type": "string", "pattern": "^[0-9]{5}$" } }, "optional": true },
    "meta": { "type": "map", "fields": {}, "unknown": "keep", "optional": true },
    "dotted": { "type": "string", "attributeName": "a.b", "optional": true },
    "at": { "type": "datetime", "storeAs": "epoch", "optional": true },
    "note": { "type": "string", "nullable": true, "optional": true },
    "counts": { "type": "record", "of": "integer", "optional": true },
    "v": { "type": "version", "optional": true },
    "anything": { "type": "any", "optional": true }
  },
  "indexes": {
    "byStatus": { "type": "global", "partition": "status", "sort": "sk" },
    "byName": { "type": "local", "sort": "name" }
  }
})json";

}  // namespace fuzz
