// Wall-time measurement: calls are run in batches (about 2 ms each, to keep the clock out of the
// figure) until a round's time is up; a figure is the median of the rounds' ops/s. Rounds of the
// libraries compared are interleaved by the caller, so a noisy moment hits all of them alike.

export const config = {
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 100),
  roundMs: Number(process.env.BENCH_ROUND_MS ?? 75),
  rounds: Number(process.env.BENCH_ROUNDS ?? 10),
};

let sink; // results land here so no call can be optimized away
export const consume = () => sink;

/** A timer for one function: decides its batch size and whether it returns a promise. */
export async function prepare(fn) {
  const first = fn();
  const async = typeof first?.then === 'function';
  if (async) await first;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 2) {
    sink = async ? await fn() : fn();
    n++;
  }
  return { fn, async, batch: Math.max(1, n) };
}

/** Runs `timer` for `ms` of wall time; returns ops/s. */
export async function runFor({ fn, async, batch }, ms) {
  const t0 = performance.now();
  const end = t0 + ms;
  let n = 0;
  let now = t0;
  do {
    if (async) for (let i = 0; i < batch; i++) sink = await fn();
    else for (let i = 0; i < batch; i++) sink = fn();
    n += batch;
    now = performance.now();
  } while (now < end);
  return (n * 1000) / (now - t0);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Measures several functions side by side: warm-up, then `rounds` interleaved rounds each. */
export async function compare(fns) {
  const timers = [];
  for (const fn of fns) timers.push(await prepare(fn));
  for (const t of timers) await runFor(t, config.warmupMs);
  const samples = timers.map(() => []);
  for (let r = 0; r < config.rounds; r++) {
    for (let i = 0; i < timers.length; i++) samples[i].push(await runFor(timers[i], config.roundMs));
  }
  return samples.map(median);
}
