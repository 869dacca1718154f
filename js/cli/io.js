// Shared pieces of the CLI: exit codes, error reporting, model loading, JSON-lines reading with
// byte offsets, the JSON forms of values (export writes them, import and plan read them back),
// and the single-line progress display.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';

import { model, DynamapError, BatchError } from '../index.js';

export const EXIT = Object.freeze({ ok: 0, invalid: 1, usage: 2, service: 3, partial: 4 });

/** A usage error of the CLI itself (bad arguments, unreadable files): exit 2. */
export class CliUsageError extends Error {
  constructor(message, code = 'usage.invalidArgument') {
    super(message);
    this.code = code;
  }
}

/** The exit code an error ends the command with. */
export function exitCodeOf(error) {
  if (error instanceof CliUsageError) return EXIT.usage;
  if (error instanceof BatchError) return error.cause ? exitCodeOf(error.cause) : EXIT.partial;
  if (error instanceof DynamapError) {
    const family = String(error.code ?? '').split('.')[0];
    return family === 'service' || family === 'response' ? EXIT.service : EXIT.usage;
  }
  if (error instanceof TypeError || error?.code === 'ECONNREFUSED' || error?.name === 'AbortError') return EXIT.service;
  return EXIT.service;
}

/** `error <code> at <path>: <message>` lines (one per issue of a ValidationError). */
export function errorLines(error) {
  const line = (code, path, message) => `error ${code}${path ? ` at ${path}` : ''}: ${message}`;
  if (Array.isArray(error?.errors) && error.errors.length > 0) {
    return error.errors.map((e) => line(`validation.${e.code}`, e.path, e.message));
  }
  if (error instanceof DynamapError || error instanceof CliUsageError) return [line(error.code, error.path, error.message)];
  const cause = error?.cause?.code ? ` (${error.cause.code})` : '';
  return [line('network', '', `${error?.message ?? error}${cause}`)];
}

export async function readJsonFile(path, what) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliUsageError(`cannot read ${what} ${path}: ${e.code ?? e.message}`, 'usage.file');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliUsageError(`${what} ${path} is not JSON: ${e.message}`, 'usage.invalidJson');
  }
}

export async function loadModel(path) {
  const definition = await readJsonFile(path, 'model');
  return model(definition); // SchemaError: exit 2 with its path
}

// ---------------------------------------------------------------------------
// Lines with byte offsets: { text, line, end } where `end` is the byte offset just past the line's
// newline, so that a resumed read starts exactly at the next line.

export async function* linesWithOffsets(path, { start = 0, firstLine = 1 } = {}) {
  const stream = createReadStream(path, { start, highWaterMark: 1 << 16 });
  let pending = [];
  let pendingBytes = 0;
  let offset = start;
  let line = firstLine;
  const emit = (buf) => {
    offset += buf.length;
    let text = buf.toString('utf8');
    if (text.endsWith('\n')) text = text.slice(0, -1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return { text, line: line++, end: offset };
  };
  for await (const chunk of stream) {
    let from = 0;
    for (let i = chunk.indexOf(10, from); i !== -1; i = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, i + 1);
      const buf = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      from = i + 1;
      yield emit(buf);
    }
    if (from < chunk.length) {
      pending.push(chunk.subarray(from));
      pendingBytes += chunk.length - from;
    }
  }
  if (pendingBytes > 0) yield emit(Buffer.concat(pending));
}

// ---------------------------------------------------------------------------
// JSON forms of values. Export: Date -> ISO string, Set -> array, bigint -> string, Uint8Array ->
// base64, NumberValue -> its digits. Import/plan: base64 strings become bytes where the model has
// `binary` (also in sets, lists, maps, records); a `ttl` given as ISO text becomes a Date; every
// other type already accepts the exported form (ISO text, arrays for sets, digit strings).

export function toJsonValue(_key, value) {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Set) return [...value];
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return value;
}

export function toJsonLine(value) {
  return JSON.stringify(value, toJsonValue);
}

function resolveSpec(spec, types, depth = 0) {
  let s = typeof spec === 'string' ? { type: spec } : spec ?? {};
  if (depth < 32 && types && typeof s.type === 'string' && Object.hasOwn(types, s.type)) {
    const { type: _t, ...own } = s;
    const base = resolveSpec(types[s.type], types, depth + 1);
    s = { ...base, ...own, type: base.type };
  }
  return s;
}

function reviveWith(value, spec, types) {
  const s = resolveSpec(spec, types);
  switch (s.type) {
    case 'binary':
      return typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : value;
    case 'ttl':
      return typeof value === 'string' && !/^\d+$/.test(value) ? new Date(value) : value;
    case 'set':
    case 'list':
      return Array.isArray(value) ? value.map((v) => reviveWith(v, s.of, types)) : value;
    case 'record':
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveWith(v, s.of, types)]));
      }
      return value;
    case 'map':
      return reviveFields(value, s.fields ?? {}, types);
    default:
      return value;
  }
}

function reviveFields(value, fields, types) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = Object.hasOwn(fields, k) ? reviveWith(v, fields[k], types) : v;
  return out;
}

/** A JSON-parsed item (or key) with its binary and ttl values turned back into JS values. */
export function reviveItem(M, value) {
  const { attributes = {}, types } = M.definition;
  return reviveFields(value, attributes, types);
}

/** A string identifying an item's key (items with equal keys give equal strings). */
export function keyString(M, item) {
  const { partition, sort } = M.definition.key;
  return toJsonLine([item?.[partition], sort === undefined ? null : item?.[sort]]);
}

// ---------------------------------------------------------------------------

export async function writeOut(stream, text) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** A single line on stderr, redrawn with \r, only when stderr is a terminal. */
export function progressLine(stream = process.stderr) {
  const enabled = Boolean(stream.isTTY);
  let last = 0;
  let shown = false;
  return {
    update(text, force = false) {
      if (!enabled) return;
      const now = Date.now();
      if (!force && now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r${text}\x1b[K`);
    },
    done() {
      if (enabled && shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
