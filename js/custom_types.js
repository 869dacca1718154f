// registerType(name, { base, encode, decode }): conversions that cannot be data (a Money class,
// a Temporal value, ...). A model names the type like a built-in one; the core validates and
// stores the `base` value that `encode` returns, and reads give back `decode` of it. Because
// the conversion is code, a browser that validates with the same model registers the same type.
import { SchemaError, UsageError } from './errors.js';

const registry = new Map();

export function registerType(name, { base, encode, decode } = {}) {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
    throw new UsageError('registerType: the name is letters, digits and _', { code: 'usage.invalidArgument' });
  }
  if (typeof base !== 'string' || typeof encode !== 'function' || typeof decode !== 'function') {
    throw new UsageError('registerType(name, { base, encode, decode }): base is a type name, encode and decode functions', {
      code: 'usage.invalidArgument',
    });
  }
  if (registry.has(name)) throw new UsageError(`registerType: '${name}' is already registered`, { code: 'usage.invalidArgument' });
  registry.set(name, Object.freeze({ base, encode, decode }));
}

// A tree that mirrors the model where custom types occur: { codec?, fields?, element? }.
// Undefined when a definition uses none, so models without custom types pay nothing.
function planFor(definition, types, path, seen = new Set()) {
  if (typeof definition === 'string') definition = { type: definition };
  if (definition === null || typeof definition !== 'object') return undefined;
  const type = definition.type;
  const named = types?.[type];
  if (named !== undefined && !seen.has(type)) return planFor({ ...named, ...definition, type: named.type }, types, path, new Set([...seen, type]));
  const plan = {};
  if (registry.has(type)) plan.codec = registry.get(type);
  if (definition.of !== undefined) plan.element = planFor(definition.of, types, `${path}.of`, seen);
  if (definition.fields !== null && typeof definition.fields === 'object') plan.fields = fieldPlans(definition.fields, types, `${path}.fields`);
  return plan.codec || plan.element || plan.fields ? plan : undefined;
}

function fieldPlans(fields, types, path) {
  let out;
  for (const [name, def] of Object.entries(fields)) {
    const plan = planFor(def, types, `${path}.${name}`);
    if (plan) (out ??= {})[name] = plan;
  }
  return out;
}

/**
 * Replaces registered type names by their base type in a definition the core will read, and
 * returns the plan of where values need converting.
 */
export function prepareDefinition(definition) {
  if (registry.size === 0) return { coreDefinition: undefined, plan: undefined };
  const rewrite = (def, path) => {
    if (typeof def === 'string') def = { type: def };
    if (def === null || typeof def !== 'object' || Array.isArray(def)) return def;
    const out = { ...def };
    if (registry.has(def.type)) {
      if (definition.types?.[def.type] !== undefined) {
        throw new SchemaError(`${path}.type: '${def.type}' is both a registered type and a named type of the model`, {
          code: 'schema.invalidName',
          path: `${path}.type`,
        });
      }
      out.type = registry.get(def.type).base;
    }
    if (def.of !== undefined) out.of = rewrite(def.of, `${path}.of`);
    if (def.fields !== null && typeof def.fields === 'object') {
      out.fields = Object.fromEntries(Object.entries(def.fields).map(([k, v]) => [k, rewrite(v, `${path}.fields.${k}`)]));
    }
    return out;
  };
  const coreDefinition = { ...definition };
  coreDefinition.attributes = Object.fromEntries(
    Object.entries(definition.attributes ?? {}).map(([k, v]) => [k, rewrite(v, `attributes.${k}`)]),
  );
  if (definition.types) {
    coreDefinition.types = Object.fromEntries(Object.entries(definition.types).map(([k, v]) => [k, rewrite(v, `types.${k}`)]));
  }
  const plan = { fields: fieldPlans(definition.attributes ?? {}, definition.types, 'attributes') };
  return { coreDefinition, plan: plan.fields ? plan : undefined };
}

// Applies `direction` ('encode' | 'decode') along the plan; values elsewhere pass untouched.
function convert(value, plan, direction) {
  if (value === null || value === undefined) return value;
  if (plan.codec) value = plan.codec[direction](value);
  if (plan.element) {
    if (Array.isArray(value)) value = value.map((v) => convert(v, plan.element, direction));
    else if (value instanceof Set) value = new Set([...value].map((v) => convert(v, plan.element, direction)));
    else if (typeof value === 'object') value = mapValues(value, (v) => convert(v, plan.element, direction));
  }
  if (plan.fields && typeof value === 'object' && !Array.isArray(value)) {
    const out = { ...value };
    for (const [name, fieldPlan] of Object.entries(plan.fields)) {
      if (Object.hasOwn(out, name)) out[name] = convert(out[name], fieldPlan, direction);
    }
    value = out;
  }
  return value;
}

function mapValues(object, fn) {
  const out = {};
  for (const key of Object.keys(object)) Object.defineProperty(out, key, { value: fn(object[key]), enumerable: true, writable: true, configurable: true });
  return out;
}

export const encodeCustom = (value, plan) => (plan ? convert(value, plan, 'encode') : value);
export const decodeCustom = (value, plan) => (plan ? convert(value, plan, 'decode') : value);
