import { execFile } from 'node:child_process';

/**
 * Runs the real dig (BIND 9.18) or kdig (Knot 3.x) against a server and parses
 * what they print into one shape, so a test can say what it expects of the
 * header, sections and EDNS, and fail with the tool's own output.
 */

export interface DigRecord {
  name: string;
  ttl: number;
  class: string;
  type: string;
  /** RDATA as the tool prints it. */
  data: string;
}

export interface DigEdns {
  version: number;
  udpSize: number;
  /** Named flags ("do"). */
  flags: string[];
  /** Value of the flag bits that are not defined (dig's "MBZ"), 0 when none. */
  mbz: number;
  /** Options as NAME → value text, e.g. "CLIENT-SUBNET" → "1.2.3.0/24/0", "OPT=100" → "". */
  options: Array<{ name: string; value: string }>;
}

export interface DigResult {
  tool: 'dig' | 'kdig';
  id: number;
  opcode: number;
  /** 12-bit RCODE (dig and kdig both fold in the extended bits). */
  rcode: number;
  status: string;
  /** Header flags that are set: qr aa tc rd ra z ad cd (kdig's JSON has no Z field: never "z" from kdig). */
  flags: string[];
  question: Array<{ name: string; class: string; type: string }>;
  answer: DigRecord[];
  authority: DigRecord[];
  additional: DigRecord[];
  edns: DigEdns | undefined;
  /**
   * Transport of the reply printed: dig says (it retries over TCP after TC);
   * kdig's JSON does not, so for kdig it is known only with +tcp or +ignore.
   */
  transport: 'UDP' | 'TCP' | undefined;
  /** Bytes of the reply. */
  size: number;
  raw: string;
}

export interface DigTarget {
  host: string;
  port: number;
}

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
const OPCODES: Record<string, number> = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5 };
const OPTION_NAMES: Record<number, string> = { 3: 'NSID', 8: 'CLIENT-SUBNET', 9: 'EXPIRE', 10: 'COOKIE', 12: 'PADDING', 15: 'EDE' };

function rcodeNumber(status: string): number {
  if (status === 'BADVERS') return 16;
  const index = RCODES.indexOf(status);
  if (index >= 0) return index;
  const match = /^RESERVED(\d+)$/.exec(status) ?? /^(\d+)$/.exec(status);
  if (match !== null) return Number(match[1]);
  throw new Error(`unknown status ${status}`);
}

function opcodeNumber(text: string): number {
  const known = OPCODES[text];
  if (known !== undefined) return known;
  const match = /^RESERVED(\d+)$/.exec(text);
  if (match === null) throw new Error(`unknown opcode ${text}`);
  return Number(match[1]);
}

function run(tool: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err !== null) reject(new Error(`${tool} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

function parseRecord(line: string): DigRecord {
  const [name = '', ttl = '0', klass = '', type = '', ...rest] = line.split(/\s+/);
  return { name, ttl: Number(ttl), class: klass, type, data: rest.join(' ') };
}

/** Parses dig's default text output (the last message printed, after any TCP retry). */
export function parseDig(raw: string): DigResult {
  const start = raw.lastIndexOf(';; Got answer:');
  if (start < 0) throw new Error(`dig printed no answer:\n${raw}`);
  const text = raw.slice(start);
  const header = /->>HEADER<<- opcode: (\S+), status: (\S+), id: (\d+)/.exec(text);
  const flagLine = /;; flags:([^;]*);/.exec(text);
  if (header === null || flagLine === null) throw new Error(`no header in dig output:\n${raw}`);
  const result: DigResult = {
    tool: 'dig',
    id: Number(header[3]),
    opcode: opcodeNumber(header[1] as string),
    rcode: rcodeNumber(header[2] as string),
    status: header[2] as string,
    // dig shows the Z bit only as "MBZ: 0x4" after the flags.
    flags: (flagLine[1] as string)
      .trim()
      .split(/\s+/)
      .filter((f) => f.length > 0)
      .concat(/;; flags:[^\n]*MBZ: 0x[0-9a-f]*[4-7c-f]\b/i.test(text) ? ['z'] : []),
    question: [],
    answer: [],
    authority: [],
    additional: [],
    edns: undefined,
    transport: /\((TCP)\)/.test(text.split('\n').find((l) => l.startsWith(';; SERVER:')) ?? '') ? 'TCP' : 'UDP',
    size: Number(/;; MSG SIZE\s+rcvd: (\d+)/.exec(text)?.[1] ?? Number.NaN),
    raw,
  };
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^;; (\S+) (PSEUDO)?SECTION:/.exec(line);
    if (heading !== null) {
      section = heading[1] as string;
      continue;
    }
    if (line.trim() === '') {
      if (section === 'OPT') section = '';
      continue;
    }
    if (section === 'OPT') {
      const edns = /^; EDNS: version: (\d+), flags:([^;]*);(?: MBZ: (0x[0-9a-f]+),)? udp: (\d+)/i.exec(line);
      if (edns !== null) {
        result.edns = {
          version: Number(edns[1]),
          flags: (edns[2] as string)
            .trim()
            .split(/\s+/)
            .filter((f) => f.length > 0),
          mbz: edns[3] === undefined ? 0 : Number(edns[3]),
          udpSize: Number(edns[4]),
          options: [],
        };
      } else if (result.edns !== undefined && line.startsWith('; ')) {
        const option = /^; ([A-Z0-9=-]+):?\s*(.*)$/.exec(line);
        if (option !== null) result.edns.options.push({ name: option[1] as string, value: (option[2] as string).trim() });
      }
    } else if (section === 'QUESTION' && line.startsWith(';')) {
      const [name = '', klass = '', type = ''] = line.slice(1).split(/\s+/);
      result.question.push({ name, class: klass, type });
    } else if (section === 'ANSWER' && !line.startsWith(';')) {
      result.answer.push(parseRecord(line));
    } else if (section === 'AUTHORITY' && !line.startsWith(';')) {
      result.authority.push(parseRecord(line));
    } else if (section === 'ADDITIONAL' && !line.startsWith(';')) {
      result.additional.push(parseRecord(line));
    }
  }
  return result;
}

/** dig with +norec +nocookie, a short timeout and one try; `args` come after and win. */
export async function dig(target: DigTarget, args: string[], timeoutMs = 10_000): Promise<DigResult> {
  const base = [`@${target.host}`, '-p', String(target.port), '+norec', '+nocookie', '+time=2', '+tries=1'];
  return parseDig(await run('dig', [...base, ...args], timeoutMs));
}

interface KdigRR {
  NAME: string;
  TYPE: number;
  TYPEname?: string;
  CLASS: number;
  CLASSname?: string;
  TTL: number;
  RDATAHEX?: string;
  [field: string]: unknown;
}

function ecsText(hex: string): string {
  const data = Buffer.from(hex, 'hex');
  const family = data.readUInt16BE(0);
  const address = Buffer.alloc(family === 1 ? 4 : 16);
  data.copy(address, 0, 4);
  const text = family === 1 ? [...address].join('.') : (address.toString('hex').match(/.{4}/g) ?? []).join(':');
  return `${text}/${data[2]}/${data[3]}`;
}

/** An Extended DNS Error (RFC 8914) as `<INFO-CODE>: (<EXTRA-TEXT>)`; dig prints the code's name between them. */
function edeText(hex: string): string {
  const data = Buffer.from(hex, 'hex');
  return `${data.readUInt16BE(0)}: (${data.subarray(2).toString('utf8')})`;
}

function kdigEdns(opt: KdigRR): DigEdns {
  const data = Buffer.from(opt.RDATAHEX ?? '', 'hex');
  const options: DigEdns['options'] = [];
  for (let p = 0; p + 4 <= data.length;) {
    const code = data.readUInt16BE(p);
    const value = data.subarray(p + 4, p + 4 + data.readUInt16BE(p + 2)).toString('hex');
    const name = OPTION_NAMES[code] ?? `OPT=${code}`;
    options.push({ name, value: code === 8 ? ecsText(value) : code === 15 ? edeText(value) : value });
    p += 4 + value.length / 2;
  }
  const flags = opt.TTL & 0xffff;
  return { version: (opt.TTL >>> 16) & 0xff, udpSize: opt.CLASS, flags: flags & 0x8000 ? ['do'] : [], mbz: flags & 0x7fff, options };
}

function kdigRecord(rr: KdigRR): DigRecord {
  const named = Object.keys(rr).find((k) => k.startsWith('rdata'));
  const data = named === undefined ? String(rr.RDATAHEX ?? '') : String(rr[named]);
  return { name: rr.NAME, ttl: rr.TTL, class: rr.CLASSname ?? String(rr.CLASS), type: rr.TYPEname ?? `TYPE${rr.TYPE}`, data };
}

/** kdig with +json (RFC 8427) output; `args` are kdig's own (+norec is added). */
export async function kdig(target: DigTarget, args: string[], timeoutMs = 10_000): Promise<DigResult> {
  const base = [`@${target.host}`, '-p', String(target.port), '+json', '+norec', '+time=2', '+retry=0'];
  const raw = await run('kdig', [...base, ...args], timeoutMs);
  const json = JSON.parse(raw.slice(raw.indexOf('{'))) as Record<string, unknown>;
  if (typeof json['ID'] !== 'number') throw new Error(`kdig printed no answer:\n${raw}`);
  const bit = (name: string): boolean => json[name] === 1 || json[name] === true;
  const additional = (json['additionalRRs'] as KdigRR[] | undefined) ?? [];
  const opt = additional.find((rr) => rr.TYPE === 41);
  const rcode = (json['RCODE'] as number) | (opt === undefined ? 0 : ((opt.TTL >>> 24) & 0xff) << 4);
  const question =
    typeof json['QNAME'] === 'string'
      ? [
          {
            name: json['QNAME'] as string,
            class: String(json['QCLASSname'] ?? json['QCLASS']),
            type: String(json['QTYPEname'] ?? `TYPE${String(json['QTYPE'])}`),
          },
        ]
      : [];
  return {
    tool: 'kdig',
    id: json['ID'] as number,
    opcode: json['Opcode'] as number,
    rcode,
    status: rcode === 16 ? 'BADVERS' : (RCODES[rcode] ?? String(rcode)),
    flags: ['qr', 'aa', 'tc', 'rd', 'ra', 'z', 'ad', 'cd'].filter((f) => bit(f.toUpperCase())),
    question,
    answer: ((json['answerRRs'] as KdigRR[] | undefined) ?? []).map(kdigRecord),
    authority: ((json['authorityRRs'] as KdigRR[] | undefined) ?? []).map(kdigRecord),
    additional: additional.filter((rr) => rr.TYPE !== 41).map(kdigRecord),
    edns: opt === undefined ? undefined : kdigEdns(opt),
    transport: args.includes('+tcp') ? 'TCP' : args.includes('+ignore') ? 'UDP' : undefined,
    size: Number(json['msgLength']),
    raw,
  };
}
