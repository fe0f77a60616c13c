import { describe, expect, it } from 'vitest';
import { move } from '../../src/control/status.js';
import { httpStatusOf } from '../../src/api/rpc/http-status.js';
import { CloudError } from '../../src/errors/catalogue.js';
import {
  IllegalTransitionError,
  TABLES,
  TRANSITIONAL_CONNECTION,
  TRANSITIONAL_ENDPOINT,
  TRANSITIONAL_ZONE,
  canTransition,
  transition,
  type Lifecycle,
  type StatusOf,
} from '../../src/model/transitions.js';

/**
 * The lifecycles of docs/control-plane.md, written out independently of the tables in
 * src/model/transitions.ts: every pair of statuses is walked, the listed
 * moves must be accepted and every other one refused with the cloud's code.
 */
const LEGAL: { [L in Lifecycle]: { statuses: readonly StatusOf<L>[]; moves: ReadonlyArray<[StatusOf<L>, StatusOf<L>]> } } = {
  service: {
    statuses: ['Creating', 'Active', 'Pending', 'Deleting'],
    moves: [
      ['Creating', 'Active'],
      ['Active', 'Pending'],
      ['Active', 'Deleting'],
      ['Pending', 'Active'],
    ],
  },
  endpoint: {
    statuses: ['Creating', 'Active', 'Pending', 'Deleting'],
    moves: [
      ['Creating', 'Active'],
      ['Active', 'Pending'],
      ['Active', 'Deleting'],
      ['Pending', 'Active'],
    ],
  },
  connection: {
    statuses: ['Pending', 'Connecting', 'Connected', 'Disconnecting', 'Disconnected', 'Deleting', 'ServiceDeleted'],
    moves: [
      ['Disconnected', 'Connecting'],
      ['Disconnected', 'Deleting'],
      ['Disconnected', 'ServiceDeleted'],
      ['Connecting', 'Connected'],
      ['Connecting', 'Disconnecting'],
      ['Connected', 'Pending'],
      ['Connected', 'Disconnecting'],
      ['Connected', 'Deleting'],
      ['Pending', 'Connected'],
      ['Pending', 'Disconnecting'],
      ['Disconnecting', 'Disconnected'],
      ['ServiceDeleted', 'Deleting'],
    ],
  },
  zone: {
    statuses: ['Creating', 'Wait', 'Connecting', 'Connected', 'Disconnecting', 'Disconnected', 'Deleting'],
    moves: [
      ['Creating', 'Wait'],
      ['Creating', 'Connecting'],
      ['Wait', 'Connecting'],
      ['Wait', 'Deleting'],
      ['Connecting', 'Connected'],
      ['Connecting', 'Disconnecting'],
      ['Connected', 'Disconnecting'],
      ['Connected', 'Deleting'],
      ['Disconnecting', 'Disconnected'],
      ['Disconnected', 'Connecting'],
      ['Disconnected', 'Deleting'],
    ],
  },
};

const CODES: Record<Lifecycle, string> = {
  service: 'IncorrectStatus.VpcEndpointService',
  endpoint: 'IncorrectStatus.VpcEndpoint',
  connection: 'IncorrectStatus.VpcEndpointConnection',
  zone: 'IncorrectStatus.VpcEndpointZone',
};

function walk<L extends Lifecycle>(lifecycle: L): Array<{ from: StatusOf<L>; to: StatusOf<L>; legal: boolean }> {
  const { statuses, moves } = LEGAL[lifecycle];
  const pairs: Array<{ from: StatusOf<L>; to: StatusOf<L>; legal: boolean }> = [];
  for (const from of statuses) for (const to of statuses) pairs.push({ from, to, legal: moves.some(([f, t]) => f === from && t === to) });
  return pairs;
}

describe.each(Object.keys(LEGAL) as Lifecycle[])('the %s lifecycle', (lifecycle) => {
  const pairs = walk(lifecycle);

  it.each(pairs.filter((p) => p.legal))('allows $from → $to', ({ from, to }) => {
    expect(canTransition(lifecycle, from, to)).toBe(true);
    expect(transition(lifecycle, from, to)).toBe(to);
  });

  it.each(pairs.filter((p) => !p.legal))('refuses $from → $to with the cloud code', ({ from, to }) => {
    expect(canTransition(lifecycle, from, to)).toBe(false);
    let thrown: unknown;
    try {
      transition(lifecycle, from, to);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect((thrown as IllegalTransitionError).code).toBe(CODES[lifecycle]);
    // Through the API the same refusal is an CloudError naming the resource.
    let apiError: unknown;
    try {
      move(lifecycle, from, to, 'res-1');
    } catch (err) {
      apiError = err;
    }
    expect(apiError).toBeInstanceOf(CloudError);
    expect((apiError as CloudError).code).toBe(CODES[lifecycle]);
    expect(httpStatusOf((apiError as CloudError).kind)).toBe(400);
    expect((apiError as CloudError).message).toContain('[res-1]');
  });
});

describe('transitional statuses', () => {
  // Written out independently, as LEGAL above: the statuses a resource passes through.
  it.each([
    ['endpoint', TRANSITIONAL_ENDPOINT, ['Creating', 'Pending', 'Deleting']],
    ['connection', TRANSITIONAL_CONNECTION, ['Connecting', 'Disconnecting', 'Pending']],
    ['zone', TRANSITIONAL_ZONE, ['Creating', 'Connecting', 'Disconnecting', 'Deleting']],
  ] as const)('%s: %j, each one the reconciler can leave (by a move, or by removing it when Deleting)', (lifecycle, set, expected) => {
    expect([...set].sort()).toEqual([...expected].sort());
    const table: Readonly<Record<string, readonly string[]>> = TABLES[lifecycle];
    for (const status of set) {
      expect(Object.keys(table)).toContain(status);
      if (status !== 'Deleting') expect(table[status]!.length, status).toBeGreaterThan(0);
    }
  });
});
