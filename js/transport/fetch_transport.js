// Sends the core's request JSON to DynamoDB over fetch, signed with SigV4. Works wherever fetch
// and WebCrypto exist: Node >= 18 and browsers.
import { credentialSource, resolveRegion } from './credentials.js';
import { signRequest } from './sigv4.js';
import { UsageError } from '../errors.js';

// SigV4's timestamp form: 20240101T000000Z.
const amzDate = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export class FetchTransport {
  #region;
  #url;
  #credentials;
  #fetch;
  #clockOffsetMs = 0; // DynamoDB's clock minus ours, learnt from a skew error
  #signingKeys = new Map(); // aws4fetch's cache of derived signing keys

  constructor({ region, endpoint, credentials, fetch: fetchImpl } = {}) {
    this.#region = resolveRegion(region);
    this.#url = endpoint ?? `https://dynamodb.${this.#region}.amazonaws.com/`;
    try {
      this.#url = new URL(this.#url).href;
    } catch {
      throw new UsageError(`endpoint ${JSON.stringify(String(endpoint))} is not a URL`, { code: 'usage.invalidEndpoint' });
    }
    this.#credentials = credentialSource(credentials);
    this.#fetch = fetchImpl ?? globalThis.fetch;
    if (typeof this.#fetch !== 'function') {
      throw new UsageError('no fetch in this environment: pass createClient({ fetch })', { code: 'usage.noFetch' });
    }
  }

  get region() {
    return this.#region;
  }

  get endpoint() {
    return this.#url;
  }

  /** POSTs one operation; resolves to { status, body, requestId } whatever the status. */
  async send(operation, body, { signal } = {}) {
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
    };
    if (this.#signingKeys.size > 32) this.#signingKeys.clear(); // rotated credentials, new days
    const signed = await signRequest({
      method: 'POST',
      url: this.#url,
      headers,
      body,
      credentials: await this.#credentials(),
      region: this.#region,
      service: 'dynamodb',
      datetime: this.#clockOffsetMs === 0 ? undefined : amzDate(Date.now() + this.#clockOffsetMs),
      cache: this.#signingKeys,
    });
    const response = await this.#fetch(this.#url, { method: 'POST', headers: signed.headers, body, signal });
    return {
      status: response.status,
      body: await response.text(),
      requestId: response.headers.get('x-amzn-requestid') ?? undefined,
      date: response.headers.get('date') ?? undefined,
    };
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
