// Timing helpers. Engines are measured in interleaved rounds (A, B, C, A, B, C, …) so that a
// noisy neighbour slows all of them alike, and medians are quoted (docs/design/performance.md), never best runs.
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeIterations(body, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) body(i);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Warm the JIT for ~warmupMs, then find an iteration count that takes about roundMs. */
function calibrate(body, roundMs, warmupMs) {
  const warmupEnd = process.hrtime.bigint() + BigInt(warmupMs) * 1_000_000n;
  let batch = 100;
  while (process.hrtime.bigint() < warmupEnd) {
    timeIterations(body, batch);
    batch = Math.min(batch * 2, 100_000);
  }
  let iterations = 100;
  for (;;) {
    const seconds = timeIterations(body, iterations);
    if (seconds * 1000 >= roundMs / 4) return Math.max(1, Math.round((iterations * roundMs) / (seconds * 1000)));
    iterations *= 4;
  }
}

/**
 * bodies: { name: (i) => void }. Returns { name: { median, rates, iterations } } in
 * iterations per second.
 */
export function compareRates(bodies, { rounds = 9, roundMs = 300, warmupMs = 1000 } = {}) {
  const names = Object.keys(bodies);
  const iterations = Object.fromEntries(names.map((name) => [name, calibrate(bodies[name], roundMs, warmupMs)]));
  const rates = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) rates[name].push(iterations[name] / timeIterations(bodies[name], iterations[name]));
  }
  return Object.fromEntries(names.map((name) => [name, { median: median(rates[name]), rates: rates[name], iterations: iterations[name] }]));
}

export const fmt = (n) => Math.round(n).toLocaleString('en-US');
