/**
 * Why a large replica compacts its heap once after its first load
 * (src/replica/heap-compaction.ts, the one run-time V8 flag plinkd sets): a
 * load in process — each fleet document parsed from its JSON text as the
 * Redis snapshot hands it over, applied to a ReplicaState (endpoints packed)
 * and projected into the region zone — then RSS and heap after two ordinary
 * full collections (what V8 does by itself, at best) against after
 * compactHeap(), in the same process, each read 3 s later (pages are
 * returned to the system in the background).
 *
 *   npm run bench:build && node bench/work/build/bench/scale/compaction.js [--endpoints 200k]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegionZone } from '../../src/dns/projection/region-zone.js';
import { endpointNames } from '../../src/dns/projection/endpoint-records.js';
import { compactHeap } from '../../src/replica/heap-compaction.js';
import { ReplicaState } from '../../src/replica/replica-state.js';
import type { Change } from '../../src/store/types.js';
import { fleetChunks, REGION, SUFFIX } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { RESULTS_DIR } from '../common/paths.js';

interface Memory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
}

const snapshot = (): Memory => {
  const { rss, heapTotal, heapUsed } = process.memoryUsage();
  return { rss, heapTotal, heapUsed };
};

/** V8 hands freed pages back to the system from a background task: RSS is read after it had time. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 3000));

async function child(endpoints: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('compaction: child needs --expose-gc');
  const state = new ReplicaState();
  const zone = createRegionZone(REGION, SUFFIX, ['127.0.0.1'], 1);
  const started = Date.now();
  for (const chunk of fleetChunks(endpoints)) {
    // As from the snapshot: every document is parsed from its text, then kept packed.
    const texts = chunk.changes.map((change) => JSON.stringify(change));
    for (const text of texts) state.apply(JSON.parse(text) as Change);
    for (const { endpoint } of chunk.endpoints) {
      const [first, ...members] = endpointNames(endpoint, state.get('service', endpoint.serviceId));
      if (first !== undefined) zone.setAddressFamily(first.name, first.a, first.aaaa, members);
    }
  }
  const loadSeconds = (Date.now() - started) / 1000;
  gc();
  gc();
  await settle();
  const plain = snapshot();
  compactHeap();
  await settle();
  const compacted = snapshot();
  process.stdout.write(
    `${JSON.stringify({ endpoints, loadSeconds, plain, compacted, names: zone.nameCount, kept: state.count('endpoint') })}\n`,
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(Number(args[1]));
} else {
  const flags = new Flags(args, 'node bench/work/build/bench/scale/compaction.js [--endpoints 200k]', ['endpoints']);
  const endpoints = flags.count('endpoints', 200_000);
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(endpoints)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`compaction child failed (${run.status})`);
  const r = JSON.parse(run.stdout.trim()) as { loadSeconds: number; plain: Memory; compacted: Memory; names: number };
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const date = new Date().toISOString();
  const lines = [
    `# Heap compaction after a first load — ${date}`,
    '',
    `- ${endpoints.toLocaleString('en')} endpoints (${r.names.toLocaleString('en')} zone names) loaded in process in ${r.loadSeconds.toFixed(1)} s: parsed from JSON, packed into a ReplicaState, projected into the region zone`,
    '',
    '| after | RSS | heap total | heap used |',
    '|---|---:|---:|---:|',
    `| two ordinary full GCs | ${mib(r.plain.rss)} | ${mib(r.plain.heapTotal)} | ${mib(r.plain.heapUsed)} |`,
    `| compactHeap() | ${mib(r.compacted.rss)} | ${mib(r.compacted.heapTotal)} | ${mib(r.compacted.heapUsed)} |`,
    '',
    `- **RSS compacted / ordinary: ${(r.compacted.rss / r.plain.rss).toFixed(2)}**; heap pages kept per live byte: ${(r.plain.heapTotal / r.plain.heapUsed).toFixed(2)} → ${(r.compacted.heapTotal / r.compacted.heapUsed).toFixed(2)}`,
    '',
  ];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${date.slice(0, 10)}-heap-compaction.md`);
  writeFileSync(file, lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\nwritten to ${file}\n`);
}
