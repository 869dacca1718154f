// Keeps credentials out of what a user sees. A server (or a proxy in front of it) may echo a
// request's headers in its error text: DynamoDB's own InvalidSignatureException quotes the
// canonical request, x-amz-security-token included, and a broken proxy may print the whole
// Authorization header. Every text that reaches an error from outside (an error body, a network
// failure's message and its causes) goes through redact() first.
//
// Two layers: the exact values a transport signed with (access key id, secret key, session
// token), and patterns that catch any SigV4 signature or credential scope whatever its key.

const MIN_SECRET_LENGTH = 8; // shorter "secrets" (DynamoDB Local's 'x') would garble messages
const MAX_SECRETS = 32; // rotating credentials: the most recent ones are kept

const patterns = [
  [/(Signature=)[0-9a-fA-F]+/g, '$1[redacted]'],
  [/(Credential=)[^\s,"'\\]+/g, '$1[redacted]'],
  [/\b[0-9a-f]{64}\b/g, '[redacted]'], // a signature quoted on its own
];

const REDACTED = '[redacted]';

/** Redacts the SigV4 patterns only (for text no transport vouched for). */
export function redactPatterns(text) {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

export class Redactor {
  #secrets = new Set(); // insertion order: the oldest is dropped first

  /** Remembers values to redact (credentials a request was signed with). */
  remember(...values) {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      this.#secrets.delete(value);
      this.#secrets.add(value);
      if (this.#secrets.size > MAX_SECRETS) this.#secrets.delete(this.#secrets.values().next().value);
    }
  }

  /** `text` with every remembered secret and every signature or credential scope replaced. */
  redact(text) {
    if (typeof text !== 'string') return text;
    let out = text;
    // Longest first, so that a token containing a shorter secret is replaced whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return redactPatterns(out);
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return 'Redactor';
  }

  toJSON() {
    return 'Redactor';
  }
}

/**
 * A copy of `error` fit to be kept as a `cause`: its name, code, message and stack redacted,
 * and its own causes likewise (a few levels). Other properties (a socket, an SDK's $response
 * with headers and body) are left out: they may hold what was sent.
 */
export function redactedCopy(error, redact, depth = 0) {
  if (!(error instanceof Error) && (error === null || typeof error !== 'object')) {
    return new Error(redact(String(error)));
  }
  const copy = new Error(redact(String(error.message ?? '')));
  copy.name = typeof error.name === 'string' ? error.name : 'Error';
  copy.stack = redact(typeof error.stack === 'string' ? error.stack : `${copy.name}: ${copy.message}`);
  for (const key of ['code', 'errno', 'syscall']) {
    if (typeof error[key] === 'string' || typeof error[key] === 'number') copy[key] = typeof error[key] === 'string' ? redact(error[key]) : error[key];
  }
  if (error.cause !== undefined && depth < 4) {
    Object.defineProperty(copy, 'cause', { value: redactedCopy(error.cause, redact, depth + 1), writable: true, configurable: true });
  }
  return copy;
}
