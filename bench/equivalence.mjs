// Equivalence of outputs before anything is timed. Requests are compared as parsed structures:
// placeholders (#name, :value) are substituted into the expression text, conditions are parsed
// and put in a canonical order (AND/OR operands sorted, parentheses dropped), update expressions
// become sorted lists of actions, and AttributeValue maps are compared exactly (set members in
// any order, as DynamoDB stores them). Typed values (reads) are compared exactly too: a Date is
// a Date, a Set a Set. Attributes a library keeps for its own bookkeeping (`ignore`) are left out
// of both sides, and the caller names them in the report.

/** Canonical text of a JSON-like value: sorted keys, Sets and Dates tagged. */
export function canonical(value) {
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (value instanceof Set) return `Set{${[...value].map(canonical).sort().join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An AttributeValue with set members in a canonical order (DynamoDB sets are unordered). */
function canonicalAV(av) {
  if (av === null || typeof av !== 'object') return av;
  const [[type, v]] = Object.entries(av);
  switch (type) {
    case 'SS': case 'NS': case 'BS': return { [type]: [...v].sort() };
    case 'M': return { M: mapAV(v) };
    case 'L': return { L: v.map(canonicalAV) };
    default: return av;
  }
}

const mapAV = (map, ignore = []) =>
  Object.fromEntries(Object.entries(map).filter(([k]) => !ignore.includes(k)).map(([k, v]) => [k, canonicalAV(v)]));

// --- expressions -----------------------------------------------------------------------------

const TOKEN = /\s*(#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|<>|<=|>=|[-+=<>(),.[\]]|[A-Za-z_][A-Za-z0-9_]*|\d+)/y;

function tokenize(text, names, values) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`cannot read expression at ${start}: ${text}`);
    }
    const t = m[1];
    if (t[0] === '#') {
      if (!(t in names)) throw new Error(`undefined name placeholder ${t}`);
      tokens.push({ name: names[t] });
    } else if (t[0] === ':') {
      if (!(t in values)) throw new Error(`undefined value placeholder ${t}`);
      tokens.push({ value: canonical(canonicalAV(values[t])) });
    } else if (/^[A-Za-z_]/.test(t)) tokens.push({ word: t.toUpperCase(), raw: t });
    else tokens.push({ punct: t });
  }
  return tokens;
}

class Reader {
  constructor(tokens) { this.tokens = tokens; this.i = 0; }
  peek() { return this.tokens[this.i]; }
  next() { return this.tokens[this.i++]; }
  isPunct(p) { return this.peek()?.punct === p; }
  isWord(w) { return this.peek()?.word === w; }
  expect(p) { if (!this.isPunct(p)) throw new Error(`expected ${p}`); this.i++; }
  done() { return this.i >= this.tokens.length; }

  // path := name ('.' name | '[' n ']')*   (a bare word is an unescaped attribute name)
  path() {
    const t = this.next();
    const first = t.name ?? t.raw;
    if (first === undefined) throw new Error('expected a path');
    let out = JSON.stringify(first);
    for (;;) {
      if (this.isPunct('.')) { this.i++; const s = this.next(); out += `.${JSON.stringify(s.name ?? s.raw)}`; }
      else if (this.isPunct('[')) { this.i++; out += `[${this.next().punct ?? ''}`; this.expect(']'); out += ']'; }
      else return out;
    }
  }

  // operand := value | function(args) | path
  operand() {
    const t = this.peek();
    if (t.value !== undefined) { this.i++; return t.value; }
    if (t.word !== undefined && this.tokens[this.i + 1]?.punct === '(') {
      this.i += 2;
      const args = [];
      if (!this.isPunct(')')) {
        do { args.push(this.sum()); } while (this.isPunct(',') && this.i++);
      }
      this.expect(')');
      return `${t.word.toLowerCase()}(${args.join(',')})`;
    }
    return this.path();
  }

  // sum := operand (('+'|'-') operand)?   (update SET values)
  sum() {
    const a = this.operand();
    if (this.isPunct('+') || this.isPunct('-')) { const op = this.next().punct; return `${a}${op}${this.operand()}`; }
    return a;
  }

  // condition := and (OR and)* ; and := not (AND not)* ; not := NOT not | primary
  condition() { return this.chain('OR', () => this.conjunction()); }
  conjunction() { return this.chain('AND', () => this.negation()); }
  chain(word, part) {
    const parts = [part()];
    while (this.isWord(word)) { this.i++; parts.push(part()); }
    if (parts.length === 1) return parts[0];
    // (a OR b) OR c is a OR b OR c: flatten, then order.
    const flat = parts.flatMap((p) => (p.startsWith(`${word}[`) ? JSON.parse(p.slice(word.length)) : [p]));
    return `${word}${JSON.stringify(flat.sort())}`;
  }
  negation() {
    if (this.isWord('NOT')) { this.i++; return `NOT(${this.negation()})`; }
    return this.primary();
  }
  primary() {
    if (this.isPunct('(')) { this.i++; const c = this.condition(); this.expect(')'); return c; }
    const left = this.operand();
    const t = this.peek();
    if (t === undefined || t.word === 'AND' || t.word === 'OR' || t.punct === ')') return left; // a function
    if (t.word === 'BETWEEN') {
      this.i++;
      const low = this.operand();
      if (!this.isWord('AND')) throw new Error('expected AND in BETWEEN');
      this.i++;
      return `between(${left},${low},${this.operand()})`;
    }
    if (t.word === 'IN') {
      this.i++; this.expect('(');
      const list = [this.operand()];
      while (this.isPunct(',')) { this.i++; list.push(this.operand()); }
      this.expect(')');
      return `in(${left},[${list.sort().join(',')}])`;
    }
    const op = this.next().punct;
    const right = this.operand();
    if (op === '=' || op === '<>') return `${op}(${[left, right].sort().join(',')})`;
    return `${op}(${left},${right})`;
  }

  // update := (SET a, b | REMOVE p, q | ADD p v, ... | DELETE p v, ...)+
  update(ignore) {
    const clauses = {};
    while (!this.done()) {
      const clause = this.next().word;
      const actions = (clauses[clause] ??= []);
      do {
        const path = this.path();
        let action = path;
        if (clause === 'SET') { this.expect('='); action = `${path}=${this.sum()}`; }
        else if (clause === 'ADD' || clause === 'DELETE') action = `${path} ${this.operand()}`;
        if (!ignore.includes(JSON.parse(path.split(/[.[]/)[0]))) actions.push(action);
      } while (this.isPunct(',') && this.i++);
    }
    for (const k of Object.keys(clauses)) if (clauses[k].length === 0) delete clauses[k]; else clauses[k].sort();
    return clauses;
  }
}

const CONDITIONS = ['ConditionExpression', 'KeyConditionExpression', 'FilterExpression'];

/** A request in a form where equal semantics give equal structures. */
export function normalizeRequest(request, ignore = []) {
  const { ExpressionAttributeNames: names = {}, ExpressionAttributeValues: values = {}, ...rest } = request;
  const out = {};
  for (const [field, v] of Object.entries(rest)) {
    if (field === 'ReturnValues' && v === 'NONE') continue; // DynamoDB's default
    if (CONDITIONS.includes(field)) {
      const reader = new Reader(tokenize(v, names, values));
      out[field] = reader.condition();
      if (!reader.done()) throw new Error(`${field}: unread text in ${v}`);
    } else if (field === 'UpdateExpression') out[field] = new Reader(tokenize(v, names, values)).update(ignore);
    else if (field === 'Item') out[field] = mapAV(v, ignore);
    else if (field === 'Key' || field === 'ExclusiveStartKey') out[field] = mapAV(v);
    else out[field] = v;
  }
  return out;
}

/** The first place where two canonical structures differ, or undefined. */
export function firstDifference(expected, actual, path = '') {
  const ce = canonical(expected);
  const ca = canonical(actual);
  if (ce === ca) return undefined;
  const plain = (v) => v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Set) && !Array.isArray(v);
  if (plain(expected) && plain(actual)) {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!(k in actual)) return `${path}${k}: missing`;
      if (!(k in expected)) return `${path}${k}: unexpected`;
      const d = firstDifference(expected[k], actual[k], `${path}${k}.`);
      if (d !== undefined) return d;
    }
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}${i}.`);
      if (d !== undefined) return d;
    }
  }
  const show = (v) => {
    const s = typeof v === 'string' ? v : canonical(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  };
  return `${path.replace(/\.$/, '') || 'value'}: expected ${show(expected)}, got ${show(actual)}`;
}

/** Typed values (reads, unmarshall) without the ignored top-level attributes. */
export function compareValues(expected, actual, ignore = []) {
  const strip = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => !ignore.includes(k))) : v);
  return firstDifference(strip(expected), strip(actual));
}

/** AttributeValue maps (marshall). */
export const compareItems = (expected, actual) => firstDifference(mapAV(expected), mapAV(actual));

/** Requests, compared as normalized structures. */
export function compareRequests(expected, actual, ignore = []) {
  try {
    return firstDifference(normalizeRequest(expected), normalizeRequest(actual, ignore));
  } catch (error) {
    return `cannot compare: ${error.message}`;
  }
}
