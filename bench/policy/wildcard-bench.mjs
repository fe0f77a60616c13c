// The design-card question: minimatch for RAM wildcards? Correctness first (RAM semantics:
// `*` = any run including '/' and ':', `?` = one character, everything else literal), then
// speed, against plinkd's WildcardPattern and an escaped, anchored RegExp.
import { Minimatch } from 'minimatch';
import { WildcardPattern } from '../../dist/policy/wildcard.js';
import { compareRates } from './stats.mjs';

const R = 'acs:oss:cn-hangzhou:1234567890123456';
/** [pattern, text, RAM answer] */
export const CASES = [
  ['acs:oss:*:*:bucket/*', `${R}:bucket/a/b/c.txt`, true], // * crosses ':' and '/'
  ['acs:oss:*:*:bucket/*', `${R}:bucket`, false],
  ['acs:*:bucket', `${R}:bucket`, true], // one * spans several ARN fields
  ['acs:oss:*:*:bucket/?', `${R}:bucket/a`, true],
  ['acs:oss:*:*:bucket/?', `${R}:bucket/ab`, false],
  ['acs:oss:*:*:b/*', `${R}:b/.hidden`, true], // no dot-file rule
  ['acs:oss:*:*:b/{x,y}', `${R}:b/x`, false], // braces are literal
  ['acs:oss:*:*:b/{x,y}', `${R}:b/{x,y}`, true],
  ['acs:oss:*:*:b/[ab]', `${R}:b/a`, false], // brackets are literal
  ['acs:oss:*:*:b/[ab]', `${R}:b/[ab]`, true],
  ['acs:oss:*:*:b/+(x)', `${R}:b/+(x)`, true], // extglob syntax is literal
  ['!acs:oss:*:*:secret/*', `${R}:public/k`, false], // '!' is not negation
  ['#acs:oss:*', '#acs:oss:x', true], // '#' is not a comment
  ['acs:oss:*:*:b.c/(x)+', `${R}:b.c/(x)+`, true], // regex metacharacters literal
  ['acs:oss:*:*:b.c/(x)+', `${R}:bxc/xx`, false],
  ['acs:oss:*:*:**', `${R}:a/b/c`, true],
  ['acs:oss:*:*:a\\*', `${R}:a\\xyz`, true], // backslash is not an escape
  ['*', '', true],
];

const MINIMATCH_OPTIONS = { dot: true, nobrace: true, noext: true, nonegate: true, nocomment: true, nocase: false };
const escapeRegExp = (c) => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const toRegExp = (pattern) =>
  new RegExp(`^${[...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegExp(c))).join('')}$`, 'u');

export const ENGINES = {
  plinkd: (pattern) => {
    const p = new WildcardPattern(pattern, false);
    return (text) => p.test(text);
  },
  'minimatch (defaults)': (pattern) => {
    const m = new Minimatch(pattern);
    return (text) => m.match(text);
  },
  'minimatch (dot, nobrace, noext, nonegate, nocomment)': (pattern) => {
    const m = new Minimatch(pattern, MINIMATCH_OPTIONS);
    return (text) => m.match(text);
  },
  'escaped RegExp': (pattern) => {
    const re = toRegExp(pattern);
    return (text) => re.test(text);
  },
};

export function runWildcardBench() {
  const correctness = {};
  for (const [name, make] of Object.entries(ENGINES)) {
    const wrong = CASES.filter(([pattern, text, expected]) => make(pattern)(text) !== expected);
    correctness[name] = { right: CASES.length - wrong.length, total: CASES.length, wrong: wrong.map(([p, t]) => `${p} vs ${t}`) };
  }
  // Speed: the resource patterns of the typical endpoint policy against typical ARNs.
  const patterns = [
    'acs:oss:*:1234567890123456:app-data',
    'acs:oss:*:1234567890123456:app-data/*',
    'acs:oss:*:*:public-*/*',
    'acs:oss:*:1234567890123456:logs/*',
  ];
  const texts = [
    `${R}:app-data/img/1.png`,
    'acs:oss:cn-beijing:42:public-assets/css/site.css',
    `${R}:logs/2026/05/01/a.gz`,
    `${R}:other/k`,
  ];
  let sink = 0;
  const bodies = {};
  for (const [name, make] of Object.entries(ENGINES)) {
    const matchers = patterns.map(make);
    bodies[name] = (i) => {
      const text = texts[i & 3];
      for (let j = 0; j < matchers.length; j++) if (matchers[j](text)) sink++;
    };
  }
  const speed = compareRates(bodies, { rounds: 5, roundMs: 200, warmupMs: 300 });
  if (sink === -1) console.log('');
  // Each body call performs 4 pattern matches.
  for (const value of Object.values(speed)) value.matchesPerSecond = value.median * patterns.length;
  return { correctness, speed };
}
