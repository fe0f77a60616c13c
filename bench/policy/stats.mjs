// Timing helpers: run a body for a calibrated number of iterations per round, several
// rounds, and report the median rate (SPEC §6: quote medians, never single runs).
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Iterations/s of `body(i)`, `rounds` times, each round lasting about `roundMs`. */
export function measure(body, { rounds = 7, roundMs = 400, warmupMs = 1000 } = {}) {
  // Warm up first (the JIT tiers up over the first ~second), then calibrate an iteration
  // count that takes about roundMs at full speed.
  const warmupEnd = process.hrtime.bigint() + BigInt(warmupMs) * 1_000_000n;
  let batch = 100;
  while (process.hrtime.bigint() < warmupEnd) {
    for (let i = 0; i < batch; i++) body(i);
    batch = Math.min(batch * 2, 100_000);
  }
  let iterations = 1000;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) body(i);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= roundMs / 4) {
      iterations = Math.max(1, Math.round((iterations * roundMs) / ms));
      break;
    }
    iterations *= 4;
  }
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) body(i);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(iterations / seconds);
  }
  return { median: median(rates), rates, iterations };
}

export const fmt = (n) => Math.round(n).toLocaleString('en-US');
