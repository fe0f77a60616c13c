import { describe, expect, it } from 'vitest';
import { readName } from '../../../src/dns/wire/name-read.js';
import { parseNameText } from '../../../src/dns/wire/name-text.js';
import { EncodeError, WireFormatError } from '../../../src/dns/wire/errors.js';
import { MessageWriter } from '../../../src/dns/wire/message-writer.js';

/** A message whose body starts right after a 12-byte zero header. */
function message(...body: number[]): Buffer {
  return Buffer.from([...new Array<number>(12).fill(0), ...body]);
}

function labels(...parts: string[]): number[] {
  return parts.flatMap((p) => [p.length, ...Buffer.from(p, 'latin1')]).concat(0);
}

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof WireFormatError) return err.reason;
    throw err;
  }
  return 'no error';
}

describe('readName', () => {
  it('reads an uncompressed name in its original case', () => {
    const buf = message(...labels('WwW', 'Example', 'TEST'));
    expect(readName(buf, 12)).toEqual({ text: 'WwW.Example.TEST', end: buf.length });
  });

  it('reads the root as the empty name', () => {
    expect(readName(message(0), 12)).toEqual({ text: '', end: 13 });
  });

  it('follows a pointer back to an earlier name and ends after the pointer', () => {
    // 12: example.test ; 26: www + pointer to 12
    const buf = message(...labels('example', 'test'), 3, ...Buffer.from('www'), 0xc0, 12);
    expect(readName(buf, 26)).toEqual({ text: 'www.example.test', end: 32 });
  });

  it('follows a chain of pointers, each further back', () => {
    const buf = message(...labels('test'), 7, ...Buffer.from('example'), 0xc0, 12, 3, ...Buffer.from('www'), 0xc0, 18);
    expect(readName(buf, 28).text).toBe('www.example.test');
  });

  it('escapes dots, backslashes and non-printable bytes (RFC 1035 §5.1)', () => {
    const buf = message(4, 0x61, 0x2e, 0x5c, 0x20, 2, 0xff, 0x41, 0);
    expect(readName(buf, 12).text).toBe('a\\.\\\\\\032.\\255A');
  });

  it.each([
    ['a pointer to itself', message(0xc0, 12), 12, 'bad-pointer'],
    ['a forward pointer', message(0xc0, 14, 0), 12, 'bad-pointer'],
    ['a pointer into the header', message(0xc0, 2), 12, 'bad-pointer'],
    ['a loop through an earlier label', message(1, 0x61, 0xc0, 12), 12, 'pointer-loop'],
    ['two names pointing at each other (one pointer is then forward)', message(1, 0x61, 0xc0, 16, 1, 0x62, 0xc0, 12), 16, 'bad-pointer'],
    ['extended label type 0x40', message(0x41, 0), 12, 'bad-label-type'],
    ['reserved label type 0x80', message(0x81, 0), 12, 'bad-label-type'],
    ['a label past the end', message(5, 0x61, 0x62), 12, 'truncated'],
    ['a pointer cut in half', message(1, 0x61, 0xc0), 12, 'truncated'],
    ['no terminating zero', message(1, 0x61), 12, 'truncated'],
  ] as const)('refuses %s', (_what, buf, start, expected) => {
    expect(reason(() => readName(buf, start))).toBe(expected);
  });

  it('refuses a name over 255 octets', () => {
    const long = labels(...new Array<string>(5).fill('x'.repeat(63)));
    expect(reason(() => readName(message(...long), 12))).toBe('name-too-long');
  });

  it('refuses a name over 255 octets built from pointers', () => {
    // Four 63-octet labels (256 octets with their lengths) reached through pointers.
    const body: number[] = [];
    const base = 12;
    body.push(63, ...Buffer.alloc(63, 0x61), 0); // 12..76: one label + root
    let previous = base;
    for (let i = 0; i < 4; i++) {
      const at = base + body.length;
      body.push(63, ...Buffer.alloc(63, 0x62 + i), 0xc0 | (previous >> 8), previous & 0xff);
      previous = at;
    }
    expect(reason(() => readName(message(...body), previous))).toBe('name-too-long');
  });

  it('accepts exactly 255 octets', () => {
    const name = labels('x'.repeat(63), 'x'.repeat(63), 'x'.repeat(63), 'x'.repeat(61));
    expect(name.length).toBe(255);
    expect(readName(message(...name), 12).text.length).toBe(253);
  });
});

describe('parseNameText', () => {
  it('splits labels and lowercases the suffix keys', () => {
    const parsed = parseNameText('WWW.Example.test');
    expect(parsed.labels.map((l) => l.toString())).toEqual(['WWW', 'Example', 'test']);
    expect(parsed.suffixKeys).toEqual(['www.example.test', 'example.test', 'test']);
  });

  it('treats "" and "." as the root and tolerates one trailing dot', () => {
    expect(parseNameText('').labels).toEqual([]);
    expect(parseNameText('.').labels).toEqual([]);
    expect(parseNameText('a.b.').labels.length).toBe(2);
  });

  it('reverses the escapes readName writes', () => {
    const parsed = parseNameText('a\\.\\\\\\032.\\255A');
    expect(parsed.labels.map((l) => [...l])).toEqual([
      [0x61, 0x2e, 0x5c, 0x20],
      [0xff, 0x41],
    ]);
  });

  it.each([
    ['an empty label', 'a..b'],
    ['a label of 64 octets', `${'x'.repeat(64)}.test`],
    ['a name of 256 octets', new Array<string>(4).fill('x'.repeat(63)).join('.') + '.xx'],
    ['an escape over 255', 'a\\256'],
    ['a dangling backslash', 'a\\'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseNameText(text)).toThrow(EncodeError);
  });
});

describe('MessageWriter name compression (RFC 1035 §4.1.4)', () => {
  it('writes a repeated suffix as a pointer to its first copy', () => {
    const w = new MessageWriter(512);
    w.bytes(Buffer.alloc(12));
    w.name(parseNameText('www.example.test'));
    w.name(parseNameText('mail.EXAMPLE.test'));
    const out = w.finish();
    expect([...out.subarray(30)]).toEqual([4, ...Buffer.from('mail'), 0xc0, 16]);
    expect(readName(out, 30).text).toBe('mail.example.test');
  });

  it('leaves names uncompressed when asked (SRV targets, RFC 2782)', () => {
    const w = new MessageWriter(512);
    w.bytes(Buffer.alloc(12));
    w.name(parseNameText('example.test'));
    w.name(parseNameText('example.test'), false);
    expect(w.finish().length).toBe(12 + 14 + 14);
  });

  it('never points past offset 0x3fff', () => {
    const w = new MessageWriter(65535);
    w.bytes(Buffer.alloc(0x4000));
    w.name(parseNameText('late.example'));
    w.name(parseNameText('late.example'));
    const out = w.finish();
    expect(out.length).toBe(0x4000 + 14 + 14);
  });
});
