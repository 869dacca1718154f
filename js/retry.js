// Retries like the AWS SDK's standard mode: a few attempts, exponential backoff with full
// jitter, a longer base for throttling, a cap, and a retry budget shared by the whole client so
// that an outage does not turn into a retry storm. Only what can succeed on a second try is
// retried: throttling, HTTP 429/5xx, timeouts, network failures; never a condition failure, a
// validation error or a cancelled transaction.
import { ServiceError } from './errors.js';

export const defaultRetry = Object.freeze({
  attempts: 3, // including the first
  baseDelayMs: 100,
  throttlingBaseDelayMs: 500,
  maxDelayMs: 20_000,
  budget: 500, // tokens; a retry costs 5 (10 after a timeout), a success gives 1 back
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

export class RetryBudget {
  #tokens;
  #capacity;

  constructor(capacity) {
    this.#capacity = capacity;
    this.#tokens = capacity;
  }

  take(error) {
    const cost = error?.code === 'service.timeout' ? 10 : 5;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  succeed() {
    this.#tokens = Math.min(this.#capacity, this.#tokens + 1);
  }
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

/**
 * Runs `attempt(n)` until it succeeds, fails for good, the attempts run out or the budget does.
 * An error with `retryNow` (a clock-skew correction) is tried again at once.
 */
export async function withRetries(policy, attempt, signal, budget) {
  for (let n = 1; ; n++) {
    try {
      const result = await attempt(n);
      budget?.succeed();
      return result;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (n >= policy.attempts || !isRetryable(error)) throw error;
      if (budget && !budget.take(error)) throw error;
      if (!error.retryNow) await sleep(backoffDelay(policy, n, isThrottle(error)), signal);
    }
  }
}
