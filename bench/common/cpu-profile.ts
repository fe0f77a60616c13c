import { FrameTally, ownArea, readProfiles, type Area, type CallFrame, type FrameShare } from './profile-frames.js';

/** The parts of a V8 .cpuprofile (node --cpu-prof) read here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
  /** Node id of each sample, with the µs since the previous sample. */
  samples: number[];
  timeDeltas: number[];
}

/** Samples per node id, only those of the last `lastSeconds` of the profile when given. */
function hitsByNode(profile: CpuProfile, lastSeconds: number | undefined): Map<number, number> {
  const times: number[] = [];
  let t = 0;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const from = lastSeconds === undefined ? -Infinity : t - lastSeconds * 1e6;
  const hits = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if ((times[i] ?? 0) >= from) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

/**
 * Self time by function of the profiles in `dir` (all files summed), as shares of all samples:
 * where the process spent its CPU, the first thing to read when a ratio is short. With
 * `lastSeconds`, only the end of each profile counts (the measured run, not the process's start).
 */
export function topSelfTime(dir: string, limit = 15, lastSeconds?: number): FrameShare[] {
  const tally = new FrameTally();
  for (const profile of readProfiles<CpuProfile>(dir, '.cpuprofile')) {
    const byNode = hitsByNode(profile, lastSeconds);
    for (const node of profile.nodes) tally.add(node.callFrame, byNode.get(node.id) ?? 0);
  }
  return tally.top(limit);
}

/**
 * Share of samples (inclusive: the area is anywhere on the stack) per area of the
 * code, an area being a pattern on the frame's URL (e.g. /src\/dns\//) or on its
 * function name for V8's own entries ("(garbage collector)"). The first area that
 * matches a stack, searched from the top frame down, takes the sample, so the
 * shares add up to at most 100 %.
 */
export function shareByArea(dir: string, areas: readonly Area[]): Array<{ name: string; percent: number }> {
  const hits = new Map<string, number>(areas.map((a) => [a.name, 0]));
  let all = 0;
  for (const profile of readProfiles<CpuProfile>(dir, '.cpuprofile')) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const areaOf = new Map<number, string | undefined>();
    const classify = (id: number): string | undefined => {
      if (areaOf.has(id)) return areaOf.get(id);
      const own = ownArea(byId.get(id)!.callFrame, areas);
      const up = parent.get(id);
      const area = own ?? (up === undefined ? undefined : classify(up));
      areaOf.set(id, area);
      return area;
    };
    for (const id of profile.samples) {
      all++;
      const area = classify(id);
      if (area !== undefined) hits.set(area, hits.get(area)! + 1);
    }
  }
  return areas.map((a) => ({ name: a.name, percent: (100 * hits.get(a.name)!) / Math.max(1, all) }));
}
