import { describe, expect, it } from 'vitest';
import { parsePath, queryResult, selectPath, valueText } from '../../src/cli/path-expression.js';

const answer = {
  EndpointStatus: 'Active',
  Bandwidth: 100,
  ZoneAffinityEnabled: false,
  Zones: [
    { ZoneId: 'cn-hangzhou-h', ZoneStatus: 'Connected' },
    { ZoneId: 'cn-hangzhou-i', ZoneStatus: 'Connecting' },
  ],
  Vpcs: { Vpc: [{ VpcId: 'vpc-1', 'Odd-Name': 'x' }] },
};

/** The JMESPath subset of --waiter expr= and --cli-query, table-driven. */
describe('path expressions', () => {
  it.each([
    ['EndpointStatus', 'Active'],
    ['Bandwidth', 100],
    ['ZoneAffinityEnabled', false],
    ['Zones[0].ZoneStatus', 'Connected'],
    ['Zones[-1].ZoneId', 'cn-hangzhou-i'],
    ['Zones[5].ZoneId', null],
    ['Vpcs.Vpc[0].VpcId', 'vpc-1'],
    ['Vpcs.Vpc[0]."Odd-Name"', 'x'],
    ['Missing.Field', null],
    ['Zones[*].ZoneStatus', ['Connected', 'Connecting']],
    ['Zones[].ZoneId', ['cn-hangzhou-h', 'cn-hangzhou-i']],
    ['Vpcs.Vpc[*].Nothing', []],
  ])('%s selects %j', (text, expected) => {
    expect(queryResult(parsePath(text), answer)).toEqual(expected);
  });

  it('compares values as text: strings as they are, other JSON as its text, nothing as empty', () => {
    expect(selectPath(parsePath('Bandwidth'), answer).map(valueText)).toEqual(['100']);
    expect(selectPath(parsePath('ZoneAffinityEnabled'), answer).map(valueText)).toEqual(['false']);
    expect(selectPath(parsePath('Missing'), answer).map(valueText)).toEqual(['']);
  });

  it.each(['', 'Zones[x]', 'Zones..ZoneId', '.Zones', 'Zones[0', 'Zones ZoneId'])(
    'refuses %j with a usage error naming the place',
    (text) => {
      expect(() => parsePath(text)).toThrow(/--waiter expr=/);
    },
  );
});
