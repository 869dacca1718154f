// Sends the core's request JSON to DynamoDB over fetch, signed with SigV4. Works wherever fetch
// and WebCrypto exist: Node >= 18 and browsers.
import { credentialSource, resolveRegion } from './credentials.js';
import { Redactor } from './redact.js';
import { DEFAULT_MAX_RESPONSE_BYTES, decodeText, networkFailure, readBodyBytes, tooLarge } from './response_body.js';
import { signRequest } from './sigv4.js';
import { DynamapError, UsageError } from '../errors.js';

// SigV4's timestamp form: 20240101T000000Z.
const amzDate = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export class FetchTransport {
  #region;
  #url;
  #credentials;
  #fetch;
  #clockOffsetMs = 0; // DynamoDB's clock minus ours, learnt from a skew error
  #signingKeys = new Map(); // aws4fetch's cache of derived signing keys
  #maxResponseBytes;
  #redactor = new Redactor(); // the credentials requests were signed with, kept out of errors

  constructor({ region, endpoint, credentials, fetch: fetchImpl, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = {}) {
    this.#maxResponseBytes = maxResponseBytes;
    this.#region = resolveRegion(region);
    this.#url = endpoint ?? `https://dynamodb.${this.#region}.amazonaws.com/`;
    try {
      this.#url = new URL(this.#url).href;
    } catch {
      throw new UsageError(`endpoint ${JSON.stringify(String(endpoint))} is not a URL`, { code: 'usage.invalidEndpoint' });
    }
    this.#credentials = credentialSource(credentials);
    if (typeof (fetchImpl ?? globalThis.fetch) !== 'function') {
      throw new UsageError('no fetch in this environment: pass createClient({ fetch })', { code: 'usage.noFetch' });
    }
    // Never called as a method of this transport: a browser's fetch refuses any `this` but the
    // window ("Illegal invocation"), which Node's fetch does not check.
    this.#fetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  }

  get region() {
    return this.#region;
  }

  get endpoint() {
    return this.#url;
  }

  /**
   * POSTs one operation; resolves to { status, body, requestId } whatever the status. A body over
   * maxResponseBytes is response.tooLarge; no whole answer (refused, reset, cut short) is
   * service.network.
   */
  async send(operation, body, { signal } = {}) {
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
    };
    if (this.#signingKeys.size > 32) this.#signingKeys.clear(); // rotated credentials, new days
    const credentials = await this.#credentials();
    this.#redactor.remember(credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken);
    const signed = await signRequest({
      method: 'POST',
      url: this.#url,
      headers,
      body,
      credentials,
      region: this.#region,
      service: 'dynamodb',
      datetime: this.#clockOffsetMs === 0 ? undefined : amzDate(Date.now() + this.#clockOffsetMs),
      cache: this.#signingKeys,
    });
    try {
      const send = this.#fetch;
      const response = await send(this.#url, { method: 'POST', headers: signed.headers, body, signal });
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > this.#maxResponseBytes) {
        response.body?.cancel().catch(() => {});
        throw tooLarge(operation, this.#maxResponseBytes, response.status);
      }
      const bytes = await readBodyBytes(response.body, this.#maxResponseBytes, operation);
      const text = bytes === undefined ? await response.text() : decodeText(bytes, response.status, operation);
      if (bytes === undefined && text.length > this.#maxResponseBytes) throw tooLarge(operation, this.#maxResponseBytes, response.status);
      return {
        status: response.status,
        body: text,
        requestId: response.headers.get('x-amzn-requestid') ?? undefined,
        date: response.headers.get('date') ?? undefined,
      };
    } catch (error) {
      // A cancelled or timed-out attempt rejects with the signal's reason: the client names it.
      if (signal?.aborted || error instanceof DynamapError) throw error;
      throw networkFailure(operation, error, (text) => this.redact(text));
    }
  }

  /** `text` without the credentials this transport signed with, nor any signature. */
  redact(text) {
    return this.#redactor.redact(text);
  }

  /** Adopts DynamoDB's clock (from a Date header); false if that changes nothing. */
  correctClock(serverTimeMs) {
    if (!Number.isFinite(serverTimeMs)) return false;
    const offset = serverTimeMs - Date.now();
    if (Math.abs(offset - this.#clockOffsetMs) < 1000) return false;
    this.#clockOffsetMs = offset;
    return true;
  }

  // Keeps console.log(client) and util.inspect free of anything secret.
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `FetchTransport { region: '${this.#region}', endpoint: '${this.#url}' }`;
  }

  toJSON() {
    return { transport: 'fetch', region: this.#region, endpoint: this.#url };
  }
}
