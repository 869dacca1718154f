// What the core cannot know by itself when it applies defaults: the time ('now') and randomness
// ('uuid'). Every write carries both; the core draws UUIDs from the seed.
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function writeInputs() {
  const seed = new Uint8Array(16);
  globalThis.crypto.getRandomValues(seed);
  return { now: Date.now(), seed: hex(seed) };
}
