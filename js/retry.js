// Retries like the AWS SDK's standard mode: a few attempts, exponential backoff with full
// jitter, a longer base for throttling, a cap. Only what can succeed on a second try is retried:
// throttling, HTTP 429/5xx, network failures; never a condition failure or a validation error.
import { ServiceError } from './errors.js';

export const defaultRetry = Object.freeze({
  attempts: 3, // including the first
  baseDelayMs: 100,
  throttlingBaseDelayMs: 500,
  maxDelayMs: 20_000,
});

export function retryPolicy(options = {}) {
  const policy = { ...defaultRetry, ...options };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0 || (name === 'attempts' && (value < 1 || !Number.isInteger(value)))) {
      throw new TypeError(`retry.${name}: expected a number >= ${name === 'attempts' ? 1 : 0}`);
    }
  }
  return Object.freeze(policy);
}

export function isRetryable(error) {
  if (error?.name === 'AbortError') return false;
  if (error instanceof ServiceError) return error.retryable === true;
  return error instanceof TypeError; // fetch's network failure
}

const isThrottle = (error) => error?.name === 'ThrottledError';

/** The delay before attempt `attempt` (1 = the first retry): full jitter. */
export function backoffDelay(policy, attempt, throttled = false) {
  const base = throttled ? policy.throttlingBaseDelayMs : policy.baseDelayMs;
  const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1));
  return Math.random() * ceiling;
}

export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** Runs `attempt()` until it succeeds, fails for good, or the attempts run out. */
export async function withRetries(policy, attempt, signal) {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= policy.attempts || !isRetryable(error)) throw error;
      await sleep(backoffDelay(policy, n, isThrottle(error)), signal);
    }
  }
}
