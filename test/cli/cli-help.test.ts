import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { apiActions } from '../../src/api/products/all-actions.js';
import type { ScalarSpec } from '../../src/api/rpc/params.js';
import { PRODUCTS } from '../../src/cli/catalogue.js';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runPlinkd } from '../helpers/cli.js';

/** Help texts come from the action registry and the parameter declarations the server validates with. */
describe('plinkd help', () => {
  const env = cliEnv({});

  it('every action of the registry belongs to a CLI product', () => {
    const versions = new Set(PRODUCTS.map((p) => p.version));
    expect(apiActions.filter((a) => !versions.has(a.version)).map((a) => `${a.version}/${a.name}`)).toEqual([]);
  });

  it(
    'plinkd --help lists the products and the commands',
    async () => {
      const run = await runPlinkd(['--help'], env);
      expect(run.code).toBe(0);
      for (const product of PRODUCTS) {
        const count = apiActions.filter((a) => a.version === product.version).length;
        expect(run.stdout).toMatch(new RegExp(`^  ${product.name} +.*: ${count} actions$`, 'm'));
      }
      for (const command of ['topology', 'completion', 'serve']) expect(run.stdout).toMatch(new RegExp(`^  plinkd ${command}`, 'm'));
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'plinkd <product> --help lists exactly the registry actions of the product',
    async () => {
      for (const product of PRODUCTS) {
        const run = await runPlinkd([product.name, '--help'], env);
        expect(run.code).toBe(0);
        const listed = run.stdout
          .split('actions:\n')[1]!
          .split('\n\n')[0]!
          .split('\n')
          .map((line) => line.trim().split(/\s+/)[0]);
        const registered = apiActions.filter((a) => a.version === product.version).map((a) => a.name);
        expect([...listed].sort()).toEqual([...registered].sort());
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );

  const typeText = (spec: ScalarSpec): RegExp => {
    if (spec.type === 'boolean') return /^boolean/;
    if (spec.type === 'integer') return /^integer/;
    if (spec.enum !== undefined) return new RegExp(`^${spec.enum.join(' \\| ')}`);
    return /^string/;
  };

  it(
    'plinkd <product> <Action> --help lists each declared parameter with its type and whether it is required',
    async () => {
      const samples: Array<[string, string]> = [
        ['privatelink', 'CreateVpcEndpoint'],
        ['vpc', 'CreateVSwitch'],
        ['pvtz', 'AddZoneRecord'],
        ['operator', 'CreateResolverBinding'],
      ];
      for (const [productName, actionName] of samples) {
        const product = PRODUCTS.find((p) => p.name === productName)!;
        const action = apiActions.find((a) => a.version === product.version && a.name === actionName)!;
        const run = await runPlinkd([productName, actionName, '--help'], env);
        expect(run.code).toBe(0);
        const rows = new Map(
          [...run.stdout.matchAll(/^ {2}(--\S+) +(.+)$/gm)].filter((m) => !m[1]!.match(/^--[a-z]/)).map((m) => [m[1]!, m[2]!]),
        );
        const expected: Array<[string, ScalarSpec, boolean]> = [];
        for (const [name, spec] of Object.entries(action.params)) {
          if (spec.type === 'list') expected.push([`--${name}.N`, spec.item, spec.required === true]);
          else if (spec.type === 'objects')
            for (const [field, f] of Object.entries(spec.fields)) expected.push([`--${name}.N.${field}`, f, f.required === true]);
          else expected.push([`--${name}`, spec, spec.required === true]);
        }
        expect([...rows.keys()].sort()).toEqual(expected.map(([flag]) => flag).sort());
        for (const [flag, spec, required] of expected) {
          const row = rows.get(flag)!;
          expect({ flag, row }).toEqual({ flag, row: expect.stringMatching(typeText(spec)) });
          expect({ flag, required: /\brequired\b/.test(row) }).toEqual({ flag, required });
        }
        if (product.docsProduct !== undefined)
          expect(run.stdout).toContain(`https://api.aliyun.com/api/${product.docsProduct}/${product.version}/${actionName}`);
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

function shell(program: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(program, args, { timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

describe('plinkd completion', () => {
  const env = cliEnv({});

  it(
    'bash: a script bash accepts, completing products, actions, flags and enum values',
    async () => {
      const run = await runPlinkd(['completion', 'bash'], env);
      expect(run.code).toBe(0);
      expect(await shell('bash', ['-n'], run.stdout)).toMatchObject({ code: 0, stderr: '' });
      const complete = async (words: string[]): Promise<string[]> => {
        const script = `${run.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _plinkd; printf '%s\\n' "\${COMPREPLY[@]}"`;
        const result = await shell('bash', ['-c', script]);
        expect(result.stderr).toBe('');
        return result.stdout.split('\n').filter((w) => w !== '');
      };
      expect(await complete(['plinkd', 'p'])).toEqual(['privatelink', 'pvtz']);
      expect(await complete(['plinkd', 'privatelink', 'CreateVpcE'])).toEqual(['CreateVpcEndpoint', 'CreateVpcEndpointService']);
      expect(await complete(['plinkd', 'privatelink', 'CreateVpcEndpoint', '--Zone.1.'])).toEqual([
        '--Zone.1.ZoneId',
        '--Zone.1.VSwitchId',
        '--Zone.1.ip',
        '--Zone.1.Ipv6Address',
      ]);
      expect(await complete(['plinkd', 'privatelink', 'CreateVpcEndpoint', '--AddressIpVersion', ''])).toEqual(['IPv4', 'DualStack']);
      expect(await complete(['plinkd', 'vpc', 'CreateVpc', '--dr'])).toEqual(['--dry-run']);
      expect(await complete(['plinkd', 'completion', ''])).toEqual(['bash', 'zsh']);
      // Words that are not identifiers never reach an eval.
      expect(await complete(['plinkd', 'x;touch /tmp/plinkd-pwned', ''])).toEqual([]);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'zsh: a script zsh accepts, offering the same words',
    async () => {
      const run = await runPlinkd(['completion', 'zsh'], env);
      expect(run.code).toBe(0);
      expect(await shell('zsh', ['-n'], run.stdout)).toMatchObject({ code: 0, stderr: '' });
      // compdef and compadd stubbed: the completion function's own choice of words, as zsh would filter them.
      const offered = async (words: string[]): Promise<string[]> => {
        const script = `compdef() { :; }; compadd() { [[ $1 == -a ]] && print -l -- \${(P)2}; }\n${run.stdout}\nwords=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _plinkd`;
        const result = await shell('zsh', ['-c', script]);
        expect(result.stderr).toBe('');
        return result.stdout.split('\n').filter((w) => w !== '');
      };
      const actions = apiActions.filter((a) => a.version === '2016-04-28').map((a) => a.name);
      expect((await offered(['plinkd', 'vpc', ''])).sort()).toEqual([...actions, '--help'].sort());
      expect(await offered(['plinkd', 'privatelink', 'CreateVpcEndpoint', '--AddressIpVersion', ''])).toEqual(['IPv4', 'DualStack']);
      expect(await offered(['plinkd', 'vpc', 'CreateVpc', '--'])).toContain('--CidrBlock');
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'another shell is a usage error',
    async () => {
      const run = await runPlinkd(['completion', 'fish'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('plinkd: completion: name a shell, bash or zsh (plinkd completion bash)\n');
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
