import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { CLI_TEST_TIMEOUT_MS, accountEnv, cliEnv, plinkdJson, runPlinkd } from '../helpers/cli.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { freePort } from '../helpers/ports.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Exit statuses and the one-line messages: 1 for what the API refused, 2 for a command line that is wrong. */
describe('plinkd CLI errors and waiter', () => {
  let plinkd: PlinkdProcess;
  let consumer: Record<string, string>;
  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, transitionDelayMs: 300 });
    consumer = accountEnv(plinkd.apiUrl, 'consumer');
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  const oneLine = (text: string): void => {
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
  };

  it(
    'an API error: exit 1, Code, Message and RequestId on one stderr line, nothing on stdout',
    async () => {
      const run = await runPlinkd(['privatelink', 'GetVpcEndpointAttribute', '--EndpointId', 'ep-doesnotexist'], consumer);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      oneLine(run.stderr);
      expect(run.stderr).toMatch(
        /^ERROR: Code=EndpointNotFound Message="The specified Endpoint does not exist\." RequestId=[0-9A-F-]{36}\n$/,
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'the server checks what the declaration leaves to it (required, patterns) and answers with the cloud codes',
    async () => {
      const missing = await runPlinkd(['vpc', 'CreateVSwitch', '--ZoneId', 'cn-hangzhou-h', '--CidrBlock', '10.0.0.0/24'], consumer);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Code=MissingParam\.VpcId /);
      const wrongSecret = await runPlinkd(['vpc', 'DescribeVpcs', '--access-key-secret', 'not-the-secret'], consumer);
      expect(wrongSecret.code).toBe(1);
      expect(wrongSecret.stderr).toMatch(/Code=SignatureDoesNotMatch /);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'usage errors: exit 2, one line, nothing sent',
    async () => {
      const cases: Array<[string[], RegExp]> = [
        [['privatelink', 'GetVpcEndpointAttributes'], /no action 'GetVpcEndpointAttributes' \(did you mean GetVpcEndpointAttribute\?\)/],
        [['vpcc', 'CreateVpc'], /unknown command or product 'vpcc' \(did you mean vpc\?\)/],
        [['vpc', 'CreateVpc', '--CidrBlok', '10.0.0.0/8'], /unknown parameter --CidrBlok for vpc CreateVpc \(did you mean --CidrBlock\?\)/],
        [['vpc', 'CreateVpc', '--EnableIpv6', 'maybe'], /--EnableIpv6 is a boolean: true or false, not 'maybe'/],
        [['vpc', 'DescribeVpcs', '--PageSize', 'ten'], /--PageSize is an integer, not 'ten'/],
        [['privatelink', 'CreateVpcEndpoint', '--Zone', 'x'], /--Zone is a list: write it as --Zone\.1\.ZoneId/],
        [['privatelink', 'CreateVpcEndpoint', '--Zone.11.ZoneId', 'x'], /--Zone\.11\.ZoneId: the item number must be 1 to 10/],
        [
          ['privatelink', 'CreateVpcEndpoint', '--Zone.1.Zoneid', 'x'],
          /the items of Zone have the fields ZoneId, VSwitchId, ip, Ipv6Address/,
        ],
        [['vpc', 'CreateVpc', '--VpcName', 'a', '--VpcName', 'b'], /--VpcName is given twice/],
        [['vpc', 'CreateVpc', 'stray'], /unexpected argument 'stray'/],
        [['operator', 'ListResolverBindings', '--dry-run'], /operator ListResolverBindings has no DryRun parameter/],
        [
          ['vpc', 'CreateVpc', '--waiter', 'expr=VpcId', 'to=x'],
          /--waiter repeats the call: use it with a Get, List or Describe action, not CreateVpc/,
        ],
        [['vpc', 'DescribeVpcs', '--waiter', 'to=x'], /--waiter needs expr=<path> and to=<value>/],
        [['vpc', 'DescribeVpcs', '--waiter', 'expr=Vpcs..Vpc', 'to=x'], /--waiter expr='Vpcs\.\.Vpc': a field name is expected/],
        [['vpc', 'DescribeVpcs', '--endpoint', 'ftp://127.0.0.1'], /must be http or https/],
      ];
      for (const [args, message] of cases) {
        const run = await runPlinkd(args, consumer);
        expect({ args, code: run.code }).toEqual({ args, code: 2 });
        oneLine(run.stderr);
        expect(run.stderr).toMatch(/^plinkd: /);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).toBe('');
      }
      const noKey = await runPlinkd(['vpc', 'DescribeVpcs'], cliEnv({ PLINKD_ENDPOINT: plinkd.apiUrl }));
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toMatch(/no AccessKey: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
      // Nothing was created by any of them.
      const vpcs = await plinkdJson(['vpc', 'DescribeVpcs'], consumer);
      expect(vpcs['TotalCount']).toBe(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    '--dry-run sends DryRun=true: the passed validation is printed and exits 0, a failed one exits 1',
    async () => {
      const passed = await runPlinkd(['vpc', 'CreateVpc', '--CidrBlock', '10.9.0.0/16', '--dry-run'], consumer);
      expect(passed.code).toBe(0);
      expect(JSON.parse(passed.stdout)).toMatchObject({ Code: 'DryRunOperation' });
      const failed = await runPlinkd(['vpc', 'CreateVpc', '--CidrBlock', '10.9.0.0/33', '--dry-run'], consumer);
      expect(failed.code).toBe(1);
      expect(failed.stderr).not.toMatch(/DryRunOperation/);
      const vpcs = await plinkdJson(['vpc', 'DescribeVpcs'], consumer);
      expect(vpcs['TotalCount']).toBe(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'an unreachable endpoint: exit 1 naming it',
    async () => {
      const port = await freePort();
      const run = await runPlinkd(['vpc', 'DescribeVpcs', '--endpoint', `http://127.0.0.1:${port}`], consumer);
      expect(run.code).toBe(1);
      oneLine(run.stderr);
      expect(run.stderr).toContain(`ERROR: cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    '--waiter: returns the answer once the path has the value; times out with the last value; no spinner off a terminal',
    async () => {
      const { VpcId } = (await plinkdJson(['vpc', 'CreateVpc', '--CidrBlock', '10.8.0.0/16', '--VpcName', 'waited'], consumer)) as {
        VpcId: string;
      };
      const found = await runPlinkd(
        ['vpc', 'DescribeVpcs', '--VpcId', VpcId, '--waiter', `expr=Vpcs.Vpc[0].VpcName`, 'to=waited', 'interval=0.2'],
        consumer,
      );
      expect(found.code).toBe(0);
      expect(found.stderr).toBe('');
      expect(JSON.parse(found.stdout)).toMatchObject({ Vpcs: { Vpc: [{ VpcId, VpcName: 'waited' }] } });
      const started = Date.now();
      const timedOut = await runPlinkd(
        ['vpc', 'DescribeVpcs', '--VpcId', VpcId, '--waiter', 'expr=Vpcs.Vpc[-1].VpcName', 'to=other', 'timeout=2', 'interval=0.5'],
        consumer,
      );
      expect(timedOut.code).toBe(1);
      expect(timedOut.stdout).toBe('');
      oneLine(timedOut.stderr);
      expect(timedOut.stderr).toBe(`ERROR: wait for Vpcs.Vpc[-1].VpcName to be 'other' timed out after 2s, last 'waited'\n`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    },
    CLI_TEST_TIMEOUT_MS,
  );
  it(
    '--waiter shows a spinner on a terminal (script(1) gives the CLI a pty)',
    async () => {
      const command = [MAIN, 'vpc', 'DescribeVpcs', '--waiter', "'expr=Vpcs.Vpc[0].VpcName'", 'to=never', 'timeout=1', 'interval=0.5'].join(
        ' ',
      );
      const run = await new Promise<{ code: number; output: string }>((resolve) =>
        execFile(
          'script',
          ['-q', '-e', '-c', `${process.execPath} ${command}`, '/dev/null'],
          { env: consumer, timeout: 60_000 },
          (err, stdout) => resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, output: stdout }),
        ),
      );
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for Vpcs\.Vpc\[0\]\.VpcName = never \(now '[^']*', \d+s\)/);
      // The spinner's line is cleared before the last word.
      expect(run.output).toContain("\r\x1b[KERROR: wait for Vpcs.Vpc[0].VpcName to be 'never' timed out after 1s");
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
