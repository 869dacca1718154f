// What the core cannot know by itself when it applies defaults: the time ('now') and randomness
// ('uuid'). A write carries what its model's defaults use (compileModel says which); the core
// draws UUIDs from the seed.
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const none = Object.freeze({});

export function writeInputs(needs = { clock: true, random: true }) {
  if (!needs.clock && !needs.random) return none;
  const inputs = {};
  if (needs.clock) inputs.now = Date.now();
  if (needs.random) {
    const seed = new Uint8Array(16);
    globalThis.crypto.getRandomValues(seed);
    inputs.seed = hex(seed);
  }
  return inputs;
}
