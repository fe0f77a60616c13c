import { describe, expect, it } from 'vitest';
import { boundCounts, pickResource } from '../../src/control/bindings.js';
import { endpointDoc, serviceDoc, zoneDoc } from './fixtures.js';

describe('binding zones to service resources', () => {
  const service = serviceDoc({
    resources: [
      { resourceId: 'nlb-b', resourceType: 'nlb', zoneId: 'cn-hangzhou-h', regionId: 'cn-hangzhou' },
      { resourceId: 'nlb-a', resourceType: 'nlb', zoneId: 'cn-hangzhou-h', regionId: 'cn-hangzhou' },
      { resourceId: 'nlb-c', resourceType: 'nlb', zoneId: 'cn-hangzhou-i', regionId: 'cn-hangzhou' },
    ],
  });

  it('counts the zones bound to each resource', () => {
    const counts = boundCounts([
      endpointDoc({ zones: [zoneDoc('cn-hangzhou-h', { resourceId: 'nlb-a' }), zoneDoc('cn-hangzhou-i', { resourceId: 'nlb-c' })] }),
      endpointDoc({ zones: [zoneDoc('cn-hangzhou-h', { resourceId: 'nlb-a' }), zoneDoc('cn-hangzhou-j')] }),
    ]);
    expect([...counts].sort()).toEqual([
      ['nlb-a', 2],
      ['nlb-c', 1],
    ]);
  });

  it('picks the least-loaded resource of the zone, ties by ResourceId, skipping an excluded one', () => {
    expect(pickResource(service, 'cn-hangzhou-h', new Map())).toBe('nlb-a');
    expect(pickResource(service, 'cn-hangzhou-h', new Map([['nlb-a', 1]]))).toBe('nlb-b');
    expect(pickResource(service, 'cn-hangzhou-h', new Map(), 'nlb-a')).toBe('nlb-b');
    expect(pickResource(service, 'cn-hangzhou-i', new Map())).toBe('nlb-c');
    expect(pickResource(service, 'cn-hangzhou-j', new Map())).toBeNull();
  });
});
