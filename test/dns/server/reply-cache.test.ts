import { describe, expect, it } from 'vitest';
import type { ResolvedView } from '../../../src/dns/lookup/types.js';
import { nameKeyHash, nameKeyOf, scanFastQuery, type FastQuery } from '../../../src/dns/server/fast-path.js';
import { ReplyCache, type CachedReply } from '../../../src/dns/server/reply-cache.js';
import { encodeQuery, parseNameText } from '../../../src/dns/wire/index.js';

const VIEW: ResolvedView = { view: { vpcId: undefined, zoneId: undefined }, scopePrefixLength: 0 };
const query = (nameKey: string): FastQuery => ({
  qtype: 1,
  nameEnd: 0,
  nameKey,
  nameHash: nameKeyHash(nameKey),
  limit: 512,
  edns: false,
  dnssecOk: false,
  ecsKey: '',
  clientSubnet: undefined,
});
const entry = (wire: Buffer): CachedReply => ({
  qtype: 1,
  limit: 512,
  edns: false,
  dnssecOk: false,
  ecsKey: '',
  vpcId: undefined,
  zoneId: undefined,
  scope: 0,
  wire,
  rcode: 0,
  view: '-',
});

describe('ReplyCache keeps its own copy of every reply', () => {
  it('is not changed when the buffer it was given is reused, across generations', () => {
    const cache = new ReplyCache(1000, 1 << 20);
    const scratch = Buffer.alloc(64);
    for (let i = 0; i < 1500; i++) {
      scratch.fill(i & 0xff);
      cache.set(`name${i}`, entry(scratch.subarray(0, 40)));
    }
    scratch.fill(0xee);
    // Generations of 500: the 1500th set turned the newest 500 into the cold generation.
    for (const i of [1499, 1200, 1000]) expect(cache.get(query(`name${i}`), VIEW)?.wire).toEqual(Buffer.alloc(40, i & 0xff));
    // Read again: now promoted into (and copied into) the hot generation.
    for (const i of [1499, 1200, 1000]) expect(cache.get(query(`name${i}`), VIEW)?.wire).toEqual(Buffer.alloc(40, i & 0xff));
    for (const i of [999, 700, 10]) expect(cache.get(query(`name${i}`), VIEW)).toBeUndefined();
  });
});

describe('the name hash the scan computes', () => {
  it('is the hash of the lowercased cache key, whatever the case asked', () => {
    for (const name of ['ep-1.Example.COM', 'a', 'ep-x-cn-hangzhou-h.epsrv-y.cn-hangzhou.privatelink.aliyuncs.com', 'ZZ.z']) {
      const fast = scanFastQuery(encodeQuery({ id: 1, name, type: 1 }), 'udp');
      expect(fast?.nameKey).toBe(nameKeyOf(name.toLowerCase()));
      expect(fast?.nameHash).toBe(nameKeyHash(nameKeyOf(name.toLowerCase())));
    }
    expect(nameKeyHash(nameKeyOf('a.b'))).not.toBe(nameKeyHash(nameKeyOf('a.c')));
  });

  it('finds a cached name whatever its case, and misses a name never cached', () => {
    const cache = new ReplyCache(1000, 1 << 20);
    cache.set(nameKeyOf('www.example.com'), entry(Buffer.alloc(20, 7)));
    const asked = (name: string) => scanFastQuery(encodeQuery({ id: 1, name, type: 1 }), 'udp') as FastQuery;
    expect(cache.get(asked('WWW.Example.com'), VIEW)?.wire).toEqual(Buffer.alloc(20, 7));
    expect(cache.get(asked('www.example.org'), VIEW)).toBeUndefined();
  });
});

describe('ReplyCache admission (doorkeeper)', () => {
  const fill = (cache: ReplyCache, count: number): void => {
    for (let i = 0; i < count; i++) cache.set(`fill${i}`, entry(Buffer.alloc(20)));
  };

  it('keeps a first-seen question out of a fresh cache and admits it on its second sighting', () => {
    const cache = new ReplyCache(1000, 1 << 20);
    let admitted = 0;
    for (let i = 0; i < 400; i++) if (cache.admits(query(`new${i}`))) admitted++;
    // Two bits of 2^15 per question (cleared after 1000 new ones): a false "seen" is rare.
    expect(admitted).toBeLessThan(10);
    expect(cache.admits(query('twice'))).toBe(false);
    expect(cache.admits(query('twice'))).toBe(true);
    expect(cache.admits({ ...query('twice2'), qtype: 28 })).toBe(false);
    expect(cache.admits(query('twice2'))).toBe(false);
  });

  it('once full, admits a question only the second time it misses, and the hot set stays', () => {
    const cache = new ReplyCache(1000, 1 << 20);
    fill(cache, 500);
    expect(cache.get(query('fill499'), VIEW)).toBeDefined();
    let admitted = 0;
    for (let i = 0; i < 900; i++) if (cache.admits(query(`once${i}`))) admitted++;
    expect(admitted).toBeLessThan(20);
    expect(cache.get(query('fill499'), VIEW)).toBeDefined();
    expect(cache.admits(query('twice'))).toBe(false);
    expect(cache.admits(query('twice'))).toBe(true);
  });

  it('admits at its next miss a reply dropped because its answer changed, full or not', () => {
    for (const filled of [0, 500]) {
      const cache = new ReplyCache(1000, 1 << 20);
      fill(cache, filled);
      cache.set('changed', entry(Buffer.alloc(20)));
      cache.dropName('changed');
      expect(cache.get(query('changed'), VIEW)).toBeUndefined();
      expect(cache.admits(query('changed'))).toBe(true);
    }
  });

  it('after a clear, admits at its next miss a question seen before, and a new one at its second', () => {
    const cache = new ReplyCache(1000, 1 << 20);
    fill(cache, 500);
    expect(cache.admits(query('before'))).toBe(false);
    cache.clear();
    expect(cache.admits(query('before'))).toBe(true);
    expect(cache.admits(query('after'))).toBe(false);
    expect(cache.admits(query('after'))).toBe(true);
  });

  it('admits nothing when the cache is off', () => {
    const cache = new ReplyCache(0, 0);
    expect(cache.admits(query('x'))).toBe(false);
    expect(cache.admits(query('x'))).toBe(false);
  });
});

describe('parseNameText memo', () => {
  it('returns the same parse for the same text and stays right past its bound', () => {
    const first = parseNameText('ns1.cn-hangzhou.privatelink.aliyuncs.com');
    expect(parseNameText('ns1.cn-hangzhou.privatelink.aliyuncs.com')).toBe(first);
    for (let i = 0; i < 10_000; i++) parseNameText(`n${i}.example`);
    const again = parseNameText('ns1.cn-hangzhou.privatelink.aliyuncs.com');
    expect(again.labels.map((l) => l.toString('latin1'))).toEqual(['ns1', 'cn-hangzhou', 'privatelink', 'aliyuncs', 'com']);
    expect(again.suffixKeys[1]).toBe('cn-hangzhou.privatelink.aliyuncs.com');
    expect(parseNameText('A.Example').suffixKeys).toEqual(['a.example', 'example']);
    expect(() => parseNameText(`${'x'.repeat(64)}.example`)).toThrow();
    expect(() => parseNameText(`${'x'.repeat(64)}.example`)).toThrow();
  });
});
