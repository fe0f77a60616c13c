import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChange, type ChangeRequest } from '../../src/control/change-runner.js';
import { Plane } from '../../src/control/plane.js';
import { CloudError } from '../../src/errors/catalogue.js';
import type { Vpc } from '../../src/model/types.js';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

/**
 * The change runner on the real memory store: DryRun and ClientToken are honoured by the runner,
 * whatever the change itself does — the changes here check neither.
 */
describe('the change runner', () => {
  let store: MemoryStore;
  let replica: Replica;
  let plane: Plane;

  beforeEach(async () => {
    store = new MemoryStore();
    replica = new Replica(store);
    await replica.start();
    plane = new Plane(store, replica, { regions: [], domainSuffix: 'test', transitionDelayMs: 0 });
  });
  afterEach(async () => {
    replica.stop();
    await store.close();
  });

  const vpc = (description: string): Vpc => ({
    vpcId: 'vpc-runner',
    uid: '2222222222222222',
    regionId: 'cn-hangzhou',
    vpcName: '',
    description,
    cidrBlock: '10.0.0.0/16',
    ipv6CidrBlock: null,
    status: 'Available',
    createdAt: '2026-11-25T00:00:00Z',
    resourceGroupId: '',
    dependents: {},
  });
  const request = (params: Record<string, unknown>): ChangeRequest => ({
    uid: '2222222222222222',
    action: 'ModifyVpcAttribute',
    kind: 'change',
    params,
  });
  let runs = 0;
  /** A change that knows nothing of DryRun or ClientToken: it writes the VPC's description. */
  const describeVpc =
    (description: string) =>
    async (p: Plane): Promise<string> => {
      runs += 1;
      await p.write(async (tx) => tx.put('vpc', 'vpc-runner', vpc(description)));
      return description;
    };
  const codeOf = async (work: Promise<unknown>): Promise<string | undefined> =>
    work.then(
      () => undefined,
      (err: unknown) => (err instanceof CloudError ? err.code : String(err)),
    );

  it('a dry run runs the change and its checks but commits nothing, and answers DryRunOperation', async () => {
    expect(await codeOf(runChange(plane, request({ DryRun: true, Description: 'a' }), describeVpc('a')))).toBe('DryRunOperation');
    expect(runs).toBeGreaterThan(0);
    expect(await store.get('vpc', 'vpc-runner')).toBeUndefined();
    const refused = async (): Promise<void> => plane.write(async () => Promise.reject(new CloudError('InvalidVpcId.NotFound')));
    expect(await codeOf(runChange(plane, request({ DryRun: true }), refused))).toBe('InvalidVpcId.NotFound');
    expect(await codeOf(runChange(plane, request({ DryRun: true }), async () => 'nothing to write'))).toBe('DryRunOperation');
  });

  it('a dry run answers where the change says its checks are done, and runs nothing after', async () => {
    let after = 0;
    const checkedChange = async (p: Plane): Promise<string> => {
      await p.write(async (tx) => {
        if ((await tx.get('vpc', 'vpc-runner')) !== undefined) throw new CloudError('InvalidVpcId.NotFound');
        p.checksDone();
        after += 1;
        tx.put('vpc', 'vpc-runner', vpc('checked'));
      });
      return 'checked';
    };
    expect(await codeOf(runChange(plane, request({ DryRun: true }), checkedChange))).toBe('DryRunOperation');
    expect(after).toBe(0);
    expect(await store.get('vpc', 'vpc-runner')).toBeUndefined();
    // Not a dry run: checksDone changes nothing.
    expect(await runChange(plane, request({}), checkedChange)).toEqual({ replayed: false, value: 'checked' });
    expect(after).toBe(1);
    // A check that fails still answers its error in a dry run.
    expect(await codeOf(runChange(plane, request({ DryRun: true }), checkedChange))).toBe('InvalidVpcId.NotFound');
  });

  it('a dry run does not spend the ClientToken', async () => {
    await codeOf(runChange(plane, request({ DryRun: true, ClientToken: 't-1', Description: 'a' }), describeVpc('a')));
    expect(await runChange(plane, request({ ClientToken: 't-1', Description: 'a' }), describeVpc('a'))).toEqual({
      replayed: false,
      value: 'a',
    });
    expect((await store.get('vpc', 'vpc-runner'))?.description).toBe('a');
  });

  it('a retry with the same ClientToken changes nothing; the token with other parameters is refused', async () => {
    expect(await runChange(plane, request({ ClientToken: 't-2', Description: 'b' }), describeVpc('b'))).toEqual({
      replayed: false,
      value: 'b',
    });
    await store.transact(async (tx) => tx.put('vpc', 'vpc-runner', vpc('changed since')));
    const before = runs;
    expect(await runChange(plane, request({ ClientToken: 't-2', Description: 'b' }), describeVpc('b'))).toEqual({ replayed: true });
    expect(runs).toBe(before);
    expect((await store.get('vpc', 'vpc-runner'))?.description).toBe('changed since');
    expect(await codeOf(runChange(plane, request({ ClientToken: 't-2', Description: 'c' }), describeVpc('c')))).toBe(
      'IdempotentParameterMismatch',
    );
  });

  it('without a token or DryRun the change just runs', async () => {
    expect(await runChange(plane, request({ Description: 'd' }), describeVpc('d'))).toEqual({ replayed: false, value: 'd' });
    expect((await store.get('vpc', 'vpc-runner'))?.description).toBe('d');
  });

  it('a dry-run create runs without its ClientToken and commits nothing; a dry-run read runs its checks only and answers DryRunOperation', async () => {
    const seen: Array<Readonly<Record<string, unknown>>> = [];
    const tokens: Array<string | undefined> = [];
    const create = async (p: Plane, params: Readonly<Record<string, unknown>>): Promise<string> => {
      seen.push(params);
      tokens.push(p.createToken()?.clientToken);
      return describeVpc('created')(p);
    };
    const asked = { uid: '2222222222222222', action: 'CreateVpc', kind: 'create' as const };
    expect(await codeOf(runChange(plane, { ...asked, params: { DryRun: true, ClientToken: 't-3' } }, create))).toBe('DryRunOperation');
    expect(seen).toEqual([{ DryRun: true }]);
    expect(await store.get('vpc', 'vpc-runner')).toBeUndefined();
    // Not a dry run: the create is handed its token (createOnce maps it to what it made), and the runner records none.
    expect(await runChange(plane, { ...asked, params: { ClientToken: 't-3' } }, create)).toEqual({ replayed: false, value: 'created' });
    expect(seen[1]).toEqual({ ClientToken: 't-3' });
    // …through the plane it runs on, which a dry run's does not carry.
    expect(tokens).toEqual([undefined, 't-3']);
    expect([...replica.values('idempotency')]).toEqual([]);

    // The create's write is the plane's own: committed, and read back here at once (Plane.write waits for the replica).
    expect(replica.get('vpc', 'vpc-runner')?.description).toBe('created');
    expect((await store.get('vpc', 'vpc-runner'))?.description).toBe('created');

    let reads = 0;
    const read = async (): Promise<string> => {
      reads += 1;
      return 'listed';
    };
    const checked: Array<Readonly<Record<string, unknown>>> = [];
    const check = (params: Readonly<Record<string, unknown>>): void => {
      checked.push(params);
    };
    const listing = { uid: '2222222222222222', action: 'DescribeVpcs', kind: 'read' as const };
    // A read's dry run runs its parameter checks and reads nothing (the cloud's DryRun on a read queries no resources).
    expect(await codeOf(runChange(plane, { ...listing, params: { DryRun: true, VpcId: 'vpc-a' } }, read, check))).toBe('DryRunOperation');
    expect(reads).toBe(0);
    expect(checked).toEqual([{ DryRun: true, VpcId: 'vpc-a' }]);
    const refusing = (): void => {
      throw new CloudError('InvalidTagKey');
    };
    expect(await codeOf(runChange(plane, { ...listing, params: { DryRun: true } }, read, refusing))).toBe('InvalidTagKey');
    // A read with no checks beyond its parameters' specs passes them all.
    expect(await codeOf(runChange(plane, { ...listing, params: { DryRun: true } }, read))).toBe('DryRunOperation');
    expect(reads).toBe(0);
    // Not a dry run: the read runs (it makes its own checks).
    expect(await runChange(plane, { ...listing, params: {} }, read, check)).toEqual({ replayed: false, value: 'listed' });
    expect(reads).toBe(1);
    expect(checked).toHaveLength(1);
  });
});
