import { describe, expect, it } from 'vitest';
import { isAtOrBelow, labelsBelow, nameProblem, normalizeName } from '../../../src/dns/zone/names.js';

describe('name helpers', () => {
  it.each([
    ['Example.COM.', 'example.com'],
    ['.', ''],
    ['', ''],
    ['ÀB.c', 'Àb.c'],
  ])('normalizeName(%j) = %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it.each([
    ['www.example.com', 'example.com', ['www']],
    ['a.b.example.com', 'example.com', ['b', 'a']],
    ['example.com', 'example.com', []],
    ['a.b', '', ['b', 'a']],
    ['.b', 'b', ['']],
    ['a..b', 'b', ['', 'a']],
    ['xexample.com', 'example.com', undefined],
    ['example.org', 'example.com', undefined],
    ['com', 'example.com', undefined],
  ])('labelsBelow(%j, %j)', (name, origin, expected) => {
    expect(labelsBelow(name, origin)).toEqual(expected);
    expect(isAtOrBelow(name, origin)).toBe(expected !== undefined);
  });

  it('counts label and name lengths in UTF-8 octets (RFC 1035 §2.3.4)', () => {
    expect(nameProblem('a'.repeat(63))).toBeUndefined();
    expect(nameProblem('é'.repeat(32))).toMatch(/64 octets/);
    const longest = Array.from({ length: 4 }, () => 'a'.repeat(61)).join('.') + '.abcde';
    expect(nameProblem(longest)).toBeUndefined();
    expect(nameProblem(`${longest}f`)).toMatch(/256 octets/);
  });
});
