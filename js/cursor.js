// Cursors: where a query or scan stopped (DynamoDB's LastEvaluatedKey), as an opaque base64url
// string. With createClient({ cursorSecret }) they are signed (HMAC-SHA256), so a cursor that
// was altered is refused; either way the core checks that it is a key of this table and index.
import { UsageError } from './errors.js';
import { base64ToBytes, bytesToBase64 } from './core/base64.js';

const toUrl = (b64) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromUrl = (text) => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return b64 + '='.repeat((4 - (b64.length % 4)) % 4);
};
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

async function hmac(secret, text) {
  const key = await globalThis.crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toUrl(bytesToBase64(new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, utf8.encode(text)))));
}

const invalid = (why) => new UsageError(`invalid cursor: ${why}`, { code: 'usage.invalidCursor' });

export async function encodeCursor(lastKey, scope, secret) {
  if (lastKey === undefined) return undefined;
  const body = toUrl(bytesToBase64(utf8.encode(JSON.stringify({ s: scope, k: lastKey }))));
  return secret === undefined ? body : `${body}.${await hmac(secret, body)}`;
}

/** The start key inside a cursor; `scope` names the table and index it must belong to. */
export async function decodeCursor(cursor, scope, secret) {
  if (typeof cursor !== 'string' || cursor === '') throw invalid('expected the cursor string a page returned');
  const [body, signature, extra] = cursor.split('.');
  if (extra !== undefined) throw invalid('malformed');
  if (secret !== undefined) {
    if (signature === undefined || signature !== (await hmac(secret, body))) throw invalid('the signature does not match');
  } else if (signature !== undefined) {
    throw invalid('it is signed, but this client has no cursorSecret');
  }
  let parsed;
  try {
    parsed = JSON.parse(fromUtf8.decode(base64ToBytes(fromUrl(body))));
  } catch {
    throw invalid('malformed');
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.s !== scope || typeof parsed.k !== 'object') {
    throw invalid(`it does not belong to ${scope}`);
  }
  return parsed.k;
}
