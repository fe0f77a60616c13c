import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZoneDirectory } from '../../../src/dns/masterfile/index.js';
import { ACCESS_KEYS } from '../../helpers/cloud.js';
import { dig, type DigResult } from '../../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { until } from '../../helpers/scenario.js';

/** A master file for `origin` whose www address is `address`. */
function zoneFile(origin: string, address: string, extra = ''): string {
  return `$ORIGIN ${origin}.
$TTL 300
@    IN SOA ns1 hostmaster 2026010101 3600 600 86400 60
@    IN NS  ns1
ns1  IN A   192.0.2.53
www  IN A   ${address}
${extra}`;
}

/**
 * `--zones-dir` (docs/dns.md): master files are served as
 * public zones at start and reloaded on SIGHUP — a file added, changed or
 * removed is seen by dig after the signal; a file that stops parsing keeps
 * its last good version, as NSD and BIND do.
 */
describe('static zones from --zones-dir, reloaded on SIGHUP', () => {
  let dir: string;
  let plinkd: PlinkdProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plinkd-zones-'));
    writeFileSync(join(dir, 'example.net.zone'), zoneFile('example.net', '192.0.2.10', 'alias IN CNAME www\n*.wild IN TXT "any"\n'));
    writeFileSync(join(dir, 'README.txt'), 'not a zone');
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, extraArgs: ['--zones-dir', dir] });
  });
  afterAll(async () => {
    await plinkd.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (name: string, type = 'A'): Promise<DigResult> => dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, [name, type]);
  const hup = (): void => {
    plinkd.child.kill('SIGHUP');
  };

  it('serves the zones present at start to every source, by the same rules as the others', async () => {
    const www = await ask('www.example.net');
    expect(www.status).toBe('NOERROR');
    expect(www.flags).toContain('aa');
    expect(www.answer.map((r) => `${r.ttl} ${r.data}`)).toEqual(['300 192.0.2.10']);
    expect((await ask('alias.example.net')).answer.map((r) => r.data)).toEqual(['www.example.net.', '192.0.2.10']);
    expect((await ask('a.b.wild.example.net', 'TXT')).answer.map((r) => r.data)).toEqual(['"any"']);
    const missing = await ask('nope.example.net');
    expect(missing.status).toBe('NXDOMAIN');
    expect(missing.authority[0]).toMatchObject({ type: 'SOA', ttl: 60 });
    expect((await dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, ['-b', '127.0.0.99', 'www.example.net', 'A'])).status).toBe(
      'NOERROR',
    );
  });

  it('sees a changed file and a new file after SIGHUP', async () => {
    writeFileSync(join(dir, 'example.net.zone'), zoneFile('example.net', '192.0.2.11'));
    writeFileSync(join(dir, 'example.org.zone'), zoneFile('example.org', '192.0.2.20'));
    // Nothing changes before the signal.
    expect((await ask('www.example.org')).status).toBe('REFUSED');
    hup();
    const changed = await until(
      () => ask('www.example.net'),
      (r) => r.answer[0]?.data === '192.0.2.11',
    );
    expect(changed.answer).toHaveLength(1);
    expect(
      (
        await until(
          () => ask('www.example.org'),
          (r) => r.status === 'NOERROR',
        )
      ).answer.map((r) => r.data),
    ).toEqual(['192.0.2.20']);
    expect((await ask('alias.example.net')).status).toBe('NXDOMAIN');
  });

  it('keeps the last good version of a file that stops parsing, and drops a removed file', async () => {
    writeFileSync(join(dir, 'example.net.zone'), '$ORIGIN example.net.\n@ IN SOA ( broken\n');
    unlinkSync(join(dir, 'example.org.zone'));
    hup();
    await until(
      () => ask('www.example.org'),
      (r) => r.status === 'REFUSED',
    );
    expect((await ask('www.example.net')).answer.map((r) => r.data)).toEqual(['192.0.2.11']);
    expect(plinkd.output()).toMatch(/"msg":"zone file not loaded".*"file":"example\.net\.zone"/);
    expect(plinkd.output()).toMatch(/"msg":"zone file failed to load; serving its previous version".*"origin":"example\.net"/);
    unlinkSync(join(dir, 'example.net.zone'));
    hup();
    await until(
      () => ask('www.example.net'),
      (r) => r.status === 'REFUSED',
    );
    // The region zone is untouched throughout.
    expect((await ask('cn-hangzhou.privatelink.aliyuncs.com', 'SOA')).status).toBe('NOERROR');
  });
});

describe('the example zone shipped in zones/', () => {
  it('loads without errors and is served only with --zones-dir', async () => {
    const loaded = loadZoneDirectory(new URL('../../../zones', import.meta.url).pathname);
    expect(loaded.errors).toEqual([]);
    expect(loaded.zones.map((z) => z.origin)).toEqual(['example.test']);
    const plain = await startPlinkd({ accessKeys: ACCESS_KEYS });
    try {
      expect((await dig({ host: plain.dnsHost, port: plain.dnsPort }, ['www.example.test', 'A'])).status).toBe('REFUSED');
    } finally {
      await plain.stop();
    }
  });
});
