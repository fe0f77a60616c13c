import { describe, expect, it } from 'vitest';
import { applyLocks, combine, restore, suspend } from '../../src/control/suspension.js';
import { endpointDoc, zoneDoc } from './fixtures.js';

const clock = { due: 500, stamp: '2026-01-01T00:00:05Z' };

describe('financial locks', () => {
  it('combine: an entity is locked when it or its account is', () => {
    expect(combine('Normal', 'Normal')).toBe('Normal');
    expect(combine('Normal', undefined)).toBe('Normal');
    expect(combine('FinancialLocked', 'Normal')).toBe('FinancialLocked');
    expect(combine('Normal', 'FinancialLocked')).toBe('FinancialLocked');
  });

  const connected = endpointDoc({
    zones: [
      zoneDoc('cn-hangzhou-h', { resourceId: 'nlb-h1' }),
      zoneDoc('cn-hangzhou-i', { zoneStatus: 'Disconnected' }),
      zoneDoc('cn-hangzhou-j', { zoneStatus: 'Wait' }),
    ],
  });

  it('a lock cuts the live connection and zones and remembers them', () => {
    const cut = suspend(connected, clock);
    expect(cut.connectionStatus).toBe('Disconnecting');
    expect(cut.zones.map((z) => z.zoneStatus)).toEqual(['Disconnecting', 'Disconnected', 'Wait']);
    expect(cut.suspendedConnection).toEqual({ connected: true, zoneIds: ['cn-hangzhou-h'] });
    expect(cut.transitionDueAt).toBe(500);
    // A second lock (another reason) changes nothing.
    expect(suspend(cut, clock)).toBe(cut);
  });

  it('Normal waits for the disconnect to finish, then restores exactly the zones that were live (and waiting ones)', () => {
    const cut = suspend(connected, clock);
    expect(restore(cut, clock)).toBe(cut);
    const disconnected = {
      ...cut,
      connectionStatus: 'Disconnected' as const,
      zones: cut.zones.map((z) => (z.zoneStatus === 'Disconnecting' ? { ...z, zoneStatus: 'Disconnected' as const, resourceId: null } : z)),
    };
    const back = restore(disconnected, clock);
    expect(back.connectionStatus).toBe('Connecting');
    // h was live → reconnects; i was disabled by the provider → stays; j was waiting → connects with the connection.
    expect(back.zones.map((z) => z.zoneStatus)).toEqual(['Connecting', 'Disconnected', 'Connecting']);
    expect(back.suspendedConnection).toBeNull();
  });

  it('an endpoint that was not connected stays disconnected after the lock', () => {
    const pendingAccept = endpointDoc({ connectionStatus: 'Disconnected', zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Wait' })] });
    const cut = suspend(pendingAccept, clock);
    expect(cut.suspendedConnection).toEqual({ connected: false, zoneIds: [] });
    const back = restore(cut, clock);
    expect([back.connectionStatus, back.zones[0]!.zoneStatus, back.suspendedConnection]).toEqual(['Disconnected', 'Wait', null]);
  });

  it('applyLocks follows the effective statuses of endpoint and service; deleting endpoints are left alone', () => {
    expect(applyLocks(connected, 'FinancialLocked', clock).connectionStatus).toBe('Disconnecting');
    expect(applyLocks({ ...connected, endpointBusinessStatus: 'FinancialLocked' }, 'Normal', clock).connectionStatus).toBe('Disconnecting');
    expect(applyLocks(connected, 'Normal', clock)).toBe(connected);
    const deleting = { ...connected, endpointStatus: 'Deleting' as const, connectionStatus: 'Deleting' as const };
    expect(applyLocks(deleting, 'FinancialLocked', clock)).toBe(deleting);
  });
});
