// The playground: a model, an operation and its input in, and at every keystroke what the core
// makes of them out: validation errors with their paths, the AttributeValue item (toItem) and the
// exact DynamoDB request (plan.*). What is typed lives in location.hash, as base64url of JSON,
// so a link restores it.
import { model, ready, update, where, DynamapError, ValidationError } from '../dist/dynamap.browser.js';

const EXAMPLE_MODEL = {
  name: 'Order',
  table: 'orders',
  key: { partition: 'customerId', sort: 'orderId' },
  attributes: {
    customerId: { type: 'string', minLength: 1 },
    orderId: { type: 'string', pattern: '^[0-9]{4}-[0-9]+$' },
    quantity: { type: 'integer', min: 1, max: 1000 },
    total: { type: 'decimal', min: '0' },
    status: { type: 'enum', values: ['new', 'paid', 'shipped'], default: 'new' },
    createdAt: { type: 'datetime' },
    tags: { type: 'set', of: 'string', optional: true },
    address: { type: 'map', fields: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } } },
    note: { type: 'string', optional: true, nullable: true, attributeName: 'n' },
  },
  indexes: { byStatus: { type: 'global', partition: 'status', sort: 'createdAt', projection: 'all' } },
};

const key = { customerId: 'c1', orderId: '2024-17' };
const item = {
  ...key,
  quantity: 2,
  total: '19.90',
  createdAt: '2024-05-06T07:08:09Z',
  tags: ['gift'],
  address: { city: 'Lyon', zip: '69001' },
};

// Per operation: what the input is, a hint, and an example for the example model.
const OPERATIONS = {
  validate: { label: 'Item', hint: 'validate(item)', example: item },
  put: { label: 'Item', hint: 'plan.put(item)', example: item },
  get: { label: 'Key', hint: 'plan.get(key)', example: key },
  update: {
    label: 'Key and changes',
    hint: '{ key, set: {…}, add: {…}, remove: […] }',
    example: { key, set: { status: 'paid' }, add: { quantity: 1 }, remove: ['note'] },
  },
  delete: { label: 'Key', hint: 'plan.delete(key)', example: key },
  query: {
    label: 'Partition key and options',
    hint: '{ key, sort: { beginsWith: v } (or eq, lt, lte, gt, gte, between: [a, b]), index, limit, reverse, consistent, select }',
    example: { key: { customerId: 'c1' }, sort: { beginsWith: '2024-' }, limit: 20 },
  },
};

// JSON indented by two spaces, but an object or array that fits in 72 columns stays on one line.
function json(value, indent = '', label = '') {
  const line = JSON.stringify(value, null, 1).replace(/\n */g, ' ');
  if (value === null || typeof value !== 'object' || indent.length + label.length + line.length <= 72) return line;
  const inner = `${indent}  `;
  const parts = Array.isArray(value)
    ? value.map((v) => inner + json(v, inner))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${json(v, inner, `${JSON.stringify(k)}: `)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${parts.join(',\n')}\n${indent}${close}`;
}
const example = (operation) => json(OPERATIONS[operation].example);
const defaultState = () => ({ model: json(EXAMPLE_MODEL), operation: 'put', input: example('put') });

// ---------------------------------------------------------------------------
// The state in the address: base64url of the JSON of { model, operation, input } (UTF-8).

function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeState(hash) {
  try {
    const binary = atob(hash.replace(/^#/, '').replace(/-/g, '+').replace(/_/g, '/'));
    const state = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    const ok = typeof state.model === 'string' && typeof state.input === 'string' && Object.hasOwn(OPERATIONS, state.operation);
    return ok ? state : undefined;
  } catch {
    return undefined; // not a state this page wrote: start from the example
  }
}

// ---------------------------------------------------------------------------
// Running one operation. The input is JSON: dates as ISO text, sets as arrays, decimals and
// bigints as strings; { "$base64": "…" } stands for bytes (a Uint8Array), which JSON cannot carry.

class InputError extends Error {}

function parse(text, what) {
  try {
    return JSON.parse(text, (_key, value) =>
      value !== null && typeof value === 'object' && Object.keys(value).length === 1 && typeof value.$base64 === 'string'
        ? Uint8Array.from(atob(value.$base64), (c) => c.charCodeAt(0))
        : value,
    );
  } catch (error) {
    throw new InputError(`${what} is not JSON: ${error.message}`);
  }
}

function takeOnly(input, names, what) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new InputError(`${what}: expected an object`);
  const extra = Object.keys(input).filter((name) => !names.includes(name));
  if (extra.length > 0) throw new InputError(`${what} takes ${names.join(', ')}; not ${extra.join(', ')}`);
  return input;
}

function changesOf({ set = {}, add = {}, remove = [] }) {
  let changes = update();
  for (const [path, value] of Object.entries(set)) changes = changes.set(path, value);
  for (const [path, value] of Object.entries(add)) changes = changes.add(path, value);
  return changes.remove(...remove);
}

const SORT_OPERATORS = ['eq', 'lt', 'lte', 'gt', 'gte', 'beginsWith', 'between'];

function sortCondition(M, index, sort) {
  const sortKey = (index === undefined ? M.definition.key : M.definition.indexes?.[index])?.sort;
  const [operator, value] = Object.entries(sort)[0] ?? [];
  if (sortKey === undefined || Object.keys(sort).length !== 1 || !SORT_OPERATORS.includes(operator)) {
    throw new InputError(`sort: one of { ${SORT_OPERATORS.join(' | ')}: value } on a table or index with a sort key`);
  }
  return operator === 'between' ? where(sortKey).between(...value) : where(sortKey)[operator](value);
}

/** { errors } or { item?, plan? } for one operation; throws what the core or the input refuses. */
function run(M, operation, input) {
  switch (operation) {
    case 'validate': {
      const result = M.validate(input);
      return result.ok ? { item: M.toItem(input) } : { errors: result.errors };
    }
    case 'put':
      return { item: M.toItem(input), plan: M.plan.put(input) };
    case 'get':
      return { plan: M.plan.get(input) };
    case 'delete':
      return { plan: M.plan.delete(input) };
    case 'update': {
      const { key: k, ...changes } = takeOnly(input, ['key', 'set', 'add', 'remove'], 'update');
      return { plan: M.plan.update(k, changesOf(changes)) };
    }
    case 'query': {
      const { key: k, sort, ...options } = takeOnly(input, ['key', 'sort', 'index', 'limit', 'reverse', 'consistent', 'select'], 'query');
      return { plan: M.plan.query(k, { ...options, sort: sort === undefined ? undefined : sortCondition(M, options.index, sort) }) };
    }
    default:
      throw new InputError(`unknown operation ${operation}`);
  }
}

// ---------------------------------------------------------------------------
// The page.

const $ = (id) => document.getElementById(id);
const fields = { model: $('model'), operation: $('operation'), input: $('input') };
const state = () => ({ model: fields.model.value, operation: fields.operation.value, input: fields.input.value });

function show(state) {
  fields.model.value = state.model;
  fields.operation.value = state.operation;
  fields.input.value = state.input;
}

function issue(path, code, message) {
  const li = document.createElement('li');
  const at = document.createElement('code');
  at.className = 'path';
  at.textContent = path || '(item)';
  const name = document.createElement('span');
  name.className = 'code';
  name.textContent = code;
  li.append(at, ' ', name, ' ', message);
  return li;
}

// The model is compiled again only when its text changes.
let compiled = { text: undefined, model: undefined };
function compile(text) {
  if (compiled.text !== text) compiled = { text, model: model(parse(text, 'the model')) };
  return compiled.model;
}

function issuesOf(error) {
  if (error instanceof ValidationError) return error.errors;
  if (error instanceof DynamapError) return [error];
  if (error instanceof InputError) return [{ code: 'input', message: error.message }];
  return [{ code: error.name, message: error.message }];
}

function render() {
  const { operation } = state();
  $('input-label').textContent = OPERATIONS[operation].label;
  $('input-hint').textContent = OPERATIONS[operation].hint;
  let outcome;
  try {
    outcome = run(compile(fields.model.value), operation, parse(fields.input.value, 'the input'));
  } catch (error) {
    outcome = { errors: issuesOf(error) };
  }
  const issues = (outcome.errors ?? []).map((e) => issue(e.path, e.code, e.message));
  $('status').textContent = issues.length === 0 ? 'valid' : `${issues.length} error${issues.length === 1 ? '' : 's'}`;
  $('status').className = `status ${issues.length === 0 ? 'ok' : 'bad'}`;
  $('issues').replaceChildren(...issues);
  const takesItem = operation === 'validate' || operation === 'put';
  $('item').textContent = outcome.item ? json(outcome.item) : takesItem ? '' : `${operation} takes a key, not an item`;
  $('request-operation').textContent = outcome.plan?.operation ?? '';
  $('request').textContent = outcome.plan ? json(outcome.plan.request) : operation === 'validate' ? 'validate() builds no request' : '';
}

function changed() {
  history.replaceState(null, '', `#${encodeState(state())}`);
  render();
}

fields.model.addEventListener('input', changed);
fields.input.addEventListener('input', changed);
let previous = fields.operation.value;
fields.operation.addEventListener('change', () => {
  // An untouched example follows the operation; anything typed stays.
  if (fields.input.value.trim() === '' || fields.input.value === example(previous)) fields.input.value = example(fields.operation.value);
  previous = fields.operation.value;
  changed();
});
$('reset').addEventListener('click', () => {
  show(defaultState());
  previous = fields.operation.value;
  changed();
});
$('copy').addEventListener('click', async () => {
  await navigator.clipboard.writeText(location.href);
  $('copy').textContent = 'Copied';
  setTimeout(() => ($('copy').textContent = 'Copy link'), 1500);
});
window.addEventListener('hashchange', () => {
  show(decodeState(location.hash) ?? defaultState());
  previous = fields.operation.value;
  render();
});

show(decodeState(location.hash) ?? defaultState());
previous = fields.operation.value;
await ready().catch((error) => {
  $('status').textContent = `the core did not load: ${error.message}`;
  throw error;
});
render();
document.body.dataset.ready = 'true';
