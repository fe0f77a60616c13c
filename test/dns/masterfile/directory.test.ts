import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RRType } from '../../../src/dns/lookup/types.js';
import { loadZoneDirectory } from '../../../src/dns/masterfile/index.js';
import { expectResult, lines, rrs } from '../zone/zone-text.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/zones');

describe('loadZoneDirectory', () => {
  it('loads every <origin>.zone file, following $INCLUDE inside the directory', () => {
    const { zones, errors } = loadZoneDirectory(join(FIXTURES, 'good'));
    expect(errors).toEqual([]);
    expect(zones.map((z) => z.origin)).toEqual(['example.com', 'example.net']);
    const [com, net] = zones;
    expect(lines([...(com?.records() ?? [])])).toEqual(
      rrs(`
example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024060101 7200 900 1209600 300
example.com. 3600 IN NS ns1.example.com.
example.com. 3600 IN NS ns2.example.net.
example.com. 3600 IN MX 10 mail.example.com.
ns1.example.com. 3600 IN A 192.0.2.53
mail.example.com. 3600 IN A 192.0.2.25
www.example.com. 3600 IN A 192.0.2.80
www.example.com. 3600 IN AAAA 2001:db8::80
ingress.example.com. 3600 IN A 192.0.2.10
*.apps.example.com. 60 IN CNAME ingress.example.com.
`),
    );
    expectResult(com!.lookup('shop.apps.example.com', RRType.A), {
      status: 'success',
      answer: 'shop.apps.example.com. 60 IN CNAME ingress.example.com.\ningress.example.com. 3600 IN A 192.0.2.10',
    });
    expect(net?.soa.data).toMatchObject({ refresh: 7200, retry: 900, expire: 1209600, minimum: 300 });
  });

  it('loads the good files and reports each bad one with file and line', () => {
    const { zones, errors } = loadZoneDirectory(join(FIXTURES, 'bad'));
    expect(zones.map((z) => z.origin)).toEqual(['good.example']);
    expect(errors.map((e) => e.message)).toEqual([
      'a..b.zone: the file name is not <origin>.zone: empty label in "a..b"',
      'absolute.example.zone:4: "/etc/hostname" is outside the zones directory',
      'broken.example.zone:4: "192.0.2.999" is not an IPv4 address',
      'escape.example.zone:4: "../good/includes/hosts.inc" is outside the zones directory',
      'example.org.zone:4: example.com is outside zone example.org (out-of-zone data is refused)',
      'example.org.zone:5: example.com is outside zone example.org (out-of-zone data is refused)',
      'example.org.zone: no SOA record at the apex example.org',
      'example.org.zone: no NS records at the apex example.org',
    ]);
    expect(errors.map((e) => [e.file, e.line])).toContainEqual(['broken.example.zone', 4]);
  });

  describe('in a scratch directory', () => {
    let scratch: string | undefined;
    afterEach(() => {
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
      scratch = undefined;
    });
    const zoneText = '$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\n';

    it('refuses an $INCLUDE through a symbolic link that leaves the directory', () => {
      scratch = mkdtempSync(join(tmpdir(), 'plinkd-zones-'));
      const zonesDir = join(scratch, 'zones');
      mkdirSync(zonesDir);
      writeFileSync(join(scratch, 'secret.inc'), 'leak 300 A 192.0.2.66\n');
      symlinkSync(join(scratch, 'secret.inc'), join(zonesDir, 'link.inc'));
      writeFileSync(join(zonesDir, 'example.com.zone'), `${zoneText}$INCLUDE link.inc\n`);
      const { zones, errors } = loadZoneDirectory(zonesDir);
      expect(zones).toEqual([]);
      expect(errors.map((e) => e.message)).toEqual(['example.com.zone:4: "link.inc" is outside the zones directory']);
    });

    it('two files for one zone: the second is refused', () => {
      scratch = mkdtempSync(join(tmpdir(), 'plinkd-zones-'));
      writeFileSync(join(scratch, 'Example.COM.zone'), zoneText);
      writeFileSync(join(scratch, 'example.com.zone'), zoneText);
      const { zones, errors } = loadZoneDirectory(scratch);
      expect(zones.map((z) => z.origin)).toEqual(['example.com']);
      expect(errors.map((e) => e.message)).toEqual(['example.com.zone: zone example.com is already loaded from Example.COM.zone']);
    });

    it('a missing directory is an error, not a crash', () => {
      scratch = mkdtempSync(join(tmpdir(), 'plinkd-zones-'));
      const { zones, errors } = loadZoneDirectory(join(scratch, 'absent'));
      expect(zones).toEqual([]);
      expect(errors[0]?.message).toMatch(/cannot read the zones directory/);
    });
  });
});
