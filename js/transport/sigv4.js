// aws4fetch is loaded at the first signature, not at import: a program that only validates, plans
// or uses the AWS SDK transport never needs it, and its import is ~4 ms of Node's start-up.
let signerClass;
const loadSigner = () =>
  (signerClass ??= import('aws4fetch').then(
    (m) => m.AwsV4Signer,
    (error) => {
      signerClass = undefined; // a failed load is retried by the next request
      throw error;
    },
  ));

const DATETIME = /^\d{8}T\d{6}Z$/;

/**
 * Signs an HTTP request with AWS Signature Version 4 (header mode).
 *
 * `headers` is a plain object; a value may be an array, meaning a header that
 * occurs several times. Every header given is signed, so pass only headers
 * that reach the server unchanged. Returns the headers to send, lower-case
 * names, including `authorization`, `x-amz-date` and, with a session token,
 * `x-amz-security-token`; `host` is left to fetch, which derives it from `url`.
 *
 * Needs WebCrypto as the global `crypto` (browsers, Node >= 19). aws4fetch
 * reads that global directly; on Node 18, dynamap's Node entry
 * (js/core/load_node.js) defines it from node:crypto before anything signs.
 */
export async function signRequest({ method, url, headers, body, credentials, region, service, datetime, cache }) {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials ?? {};
  // Name which fields are missing, never echo their values: they are secrets.
  if (!accessKeyId || !secretAccessKey) {
    throw new TypeError('signRequest: credentials.accessKeyId and credentials.secretAccessKey are required');
  }
  if (!region || !service) throw new TypeError('signRequest: region and service are required');
  if (datetime !== undefined && !DATETIME.test(datetime)) {
    throw new TypeError('signRequest: datetime must look like YYYYMMDDTHHMMSSZ');
  }
  if (!globalThis.crypto?.subtle) {
    throw new Error(
      'signRequest: WebCrypto (globalThis.crypto.subtle) is unavailable in this environment',
    );
  }

  const AwsV4Signer = await loadSigner();
  const signer = new AwsV4Signer({
    method,
    url,
    headers: mergeHeaders(headers),
    body,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    region,
    service,
    datetime,
    // The signing key changes once a day per credentials and region: a cache shared by one
    // transport saves four HMACs on every request.
    cache,
    // aws4fetch skips content-type and friends by default, but DynamoDB's
    // content-type and x-amz-target must be covered like the AWS SDKs do.
    allHeaders: true,
  });
  const signed = await signer.sign();
  return { headers: Object.fromEntries(signed.headers) };
}

// SigV4 joins repeated header values with a bare ",", while a Headers object
// would join them with ", " and change what gets signed.
function mergeHeaders(headers = {}) {
  const merged = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    // A stale authorization header would otherwise be signed into the new one.
    if (key === 'authorization') continue;
    const values = (Array.isArray(value) ? value : [value]).map(v => String(v).trim());
    merged[key] = merged[key] === undefined ? values.join(',') : `${merged[key]},${values.join(',')}`;
  }
  return merged;
}
