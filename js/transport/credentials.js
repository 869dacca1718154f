// Where the fetch transport finds its region and credentials: the client's options first, then
// the standard AWS_* environment variables (Node only). Both are checked before any request, so a
// missing one is a clear UsageError rather than a signature failure from the server.
import { UsageError } from '../errors.js';

const env = () => globalThis.process?.env ?? {};

export function resolveRegion(region) {
  const value = region ?? env().AWS_REGION ?? env().AWS_DEFAULT_REGION;
  if (typeof value !== 'string' || value === '') {
    throw new UsageError('no AWS region: pass createClient({ region }) or set AWS_REGION', {
      code: 'usage.missingRegion',
    });
  }
  return value;
}

function checkCredentials(credentials, source) {
  const ok =
    credentials !== null &&
    typeof credentials === 'object' &&
    typeof credentials.accessKeyId === 'string' &&
    credentials.accessKeyId !== '' &&
    typeof credentials.secretAccessKey === 'string' &&
    credentials.secretAccessKey !== '' &&
    (credentials.sessionToken === undefined || typeof credentials.sessionToken === 'string');
  // Values go into HTTP headers; one a header cannot carry (a line break read from a file) would
  // fail inside fetch with a message that quotes the whole header. The access key id sits inside
  // the Authorization header; the session token is a header of its own, whose surrounding
  // whitespace fetch and the signer both trim.
  const printable = (v) => /^[\x20-\x7e]*$/.test(v);
  const tokenSafe = (v) => v === undefined || printable(v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''));
  if (ok && !(/^[\x21-\x7e]+$/.test(credentials.accessKeyId) && tokenSafe(credentials.sessionToken))) {
    throw new UsageError(
      `${source} gave an access key id or session token with a character an HTTP header cannot carry (a line break, a control or non-ASCII character)`,
      { code: 'usage.missingCredentials' },
    );
  }
  if (!ok) {
    // Never echo the object: it may hold a secret.
    throw new UsageError(
      `${source} did not give credentials of the form { accessKeyId, secretAccessKey, sessionToken? }`,
      { code: 'usage.missingCredentials' },
    );
  }
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  };
}

/**
 * A function that yields credentials for each request: from a static object, from an async
 * provider function (for rotating credentials), or from the environment.
 */
export function credentialSource(credentials) {
  if (typeof credentials === 'function') {
    return async () => checkCredentials(await credentials(), 'the credentials provider');
  }
  if (credentials !== undefined) {
    const fixed = checkCredentials(credentials, 'createClient({ credentials })');
    return async () => fixed;
  }
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env();
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
    throw new UsageError(
      'no AWS credentials: pass createClient({ credentials }) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      { code: 'usage.missingCredentials' },
    );
  }
  const fixed = checkCredentials(
    { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN || undefined },
    'the environment',
  );
  return async () => fixed;
}
