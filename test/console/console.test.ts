import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, ACCOUNTS, cloudClient } from '../helpers/cloud.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { call, clientsFor, createActiveService, createNetwork, type Network } from '../helpers/scenario.js';

const TOKEN = 'console-browser-token-0123';
/** Long enough to see an endpoint in Creating before the reconciler makes it Active. */
const TRANSITION_MS = 2500;
const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i'] as const;

/**
 * The web console in real headless Chromium against a real plinkd: an endpoint created
 * through the API appears and changes state on the page without a reload, from the event
 * stream alone; the token never goes into a request line.
 */
describe('web console', () => {
  let plinkd: PlinkdProcess;
  let browser: Browser;
  let network: Network;
  let serviceId: string;
  /** Every request the browser made, with its headers (read as it is sent: pages close later). */
  const requests: Array<{ url: string; headers: Promise<Record<string, string>> }> = [];

  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, apiTokens: TOKEN, transitionDelayMs: TRANSITION_MS });
    const provider = clientsFor(plinkd.apiUrl, 'provider');
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    network = await createNetwork(consumer, 4, ZONES);
    serviceId = await createActiveService(provider, { ServiceDescription: 'orders-api' }, ZONES);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    // The rest of the picture, for the inventory panel (and the README's screenshot).
    const pvtz = cloudClient(plinkd.apiUrl, 'consumer', 'pvtz');
    const { ZoneId } = (await pvtz.request('AddZone', { ZoneName: 'corp.example' }, { method: 'POST' })) as { ZoneId: string };
    await pvtz.request('BindZoneVpc', { ZoneId, 'Vpcs.1.VpcId': network.vpcId }, { method: 'POST' });
    await pvtz.request('AddZoneRecord', { ZoneId, Rr: 'www', Type: 'A', Value: '10.4.9.9' }, { method: 'POST' });
    await cloudClient(plinkd.apiUrl, 'operator', 'operator').request(
      'CreateResolverBinding',
      { RegionId: 'cn-hangzhou', VpcId: network.vpcId, SourceCidr: '127.0.0.4/32' },
      { method: 'POST' },
    );
    await call(consumer.vpc, 'CreateVpcGatewayEndpoint', { VpcId: network.vpcId, ServiceName: 'com.aliyun.cn-hangzhou.oss' });
    browser = await launchBrowser();
    browser.context.on('request', (request: Request) => requests.push({ url: request.url(), headers: request.allHeaders() }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await plinkd?.stop();
  });

  const urls = (): string[] => requests.map((r) => r.url);

  it('shows an endpoint created through the API, then its state changes, without a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${plinkd.apiUrl}/console#token=${TOKEN}`);
    await page.waitForSelector('#live[data-state="live"]');
    // The token left the address bar, and no request line carries it.
    expect(page.url()).toBe(`${plinkd.apiUrl}/console`);
    await page.evaluate(() => Object.assign(globalThis, { consoleLoadedOnce: true }));
    await page.waitForSelector(`[data-service-id="${serviceId}"][data-status="Active"]`);

    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const { EndpointId } = (await call(consumer.privatelink, 'CreateVpcEndpoint', {
      VpcId: network.vpcId,
      ServiceId: serviceId,
      EndpointName: 'orders',
      'SecurityGroupId.1': 'sg-console',
      'Zone.1.ZoneId': ZONES[0],
      'Zone.1.VSwitchId': network.vSwitches[ZONES[0]],
      'Zone.2.ZoneId': ZONES[1],
      'Zone.2.VSwitchId': network.vSwitches[ZONES[1]],
    })) as { EndpointId: string };
    const endpoint = `[data-endpoint-id="${EndpointId}"]`;
    await page.waitForSelector(`${endpoint}[data-status="Creating"]`, { timeout: TRANSITION_MS });
    await page.waitForSelector(`${endpoint}[data-status="Active"][data-connection="Connected"]`, { timeout: 30_000 });
    const zones = page.locator(`${endpoint} + .children [data-zone-id]`);
    // A zone leaves Wait one transition after the endpoint is Connected (as the cloud's zones do), so
    // wait as long as the endpoint's own wait, not the poll's one-second default.
    await expect
      .poll(
        () =>
          zones.evaluateAll((nodes: Array<{ getAttribute(name: string): string | null }>) =>
            nodes.map((n) => n.getAttribute('data-status')),
          ),
        { timeout: 30_000 },
      )
      .toEqual(['Connected', 'Connected']);
    const addresses = await page.locator(`${endpoint} + .children .address`).allTextContents();
    expect(addresses).toHaveLength(2);
    expect(addresses.every((a) => /^10\.4\.[01]\.\d+$/.test(a))).toBe(true);
    expect(await page.locator(`${endpoint} .names li.answered`).count()).toBe(3);

    expect(await page.evaluate(() => (globalThis as { consoleLoadedOnce?: boolean }).consoleLoadedOnce)).toBe(true);
    // Live from the one event stream: no polling of the topology.
    expect(urls().filter((u) => u.endsWith('/v1/events'))).toHaveLength(1);
    expect(urls().filter((u) => u.endsWith('/v1/topology'))).toHaveLength(0);

    await page.fill('#dns-name', 'www.corp.example');
    await page.selectOption('#dns-vpc', network.vpcId);
    await page.click('#dns-form button[type="submit"]');
    await page.waitForSelector('#dns-result .answer-head[data-rcode="NOERROR"]');
    await screenshotIfAsked(page);
    await page.close();
  }, 120_000);

  it('answers the DNS question of a clicked name, and simulates a policy naming the deciding statement', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${plinkd.apiUrl}/console#token=${TOKEN}`);
    await page.waitForSelector('[data-endpoint-id] .names li.answered');
    await page.locator('[data-endpoint-id] .names li.answered button').first().click();
    await page.waitForSelector('#dns-result .answer-head[data-rcode="NOERROR"]');
    const records = await page.locator('#dns-result pre.records').first().textContent();
    expect(records!.trim().split('\n')).toHaveLength(2);
    expect(await page.locator('#dns-result .why').textContent()).toContain('public zone cn-hangzhou.privatelink.aliyuncs.com');

    await page.fill('#dns-name', 'www.nowhere.example');
    await page.click('#dns-form button[type="submit"]');
    await page.waitForSelector('#dns-result .answer-head[data-rcode="REFUSED"]');

    await page.fill('#policy-context', '{"acs:SourceIp": "192.168.7.7"}');
    await page.click('#policy-form button[type="submit"]');
    await page.waitForSelector('#policy-result [data-decision="ExplicitDeny"]');
    expect(await page.locator('#policy-result .deciding').getAttribute('data-statement')).toBe('1');
    // The decision names the statement by index and, beside it, by its Sid.
    expect(await page.locator('#policy-result .deciding').textContent()).toBe('Decided by Statement[1] (Sid "OnlyFromTheVpc")');
    await page.fill('#policy-context', '{"acs:SourceIp": "10.1.2.3"}');
    await page.click('#policy-form button[type="submit"]');
    await page.waitForSelector('#policy-result [data-decision="Allow"]');
    expect(await page.locator('#policy-result .deciding').textContent()).toBe('Decided by Statement[0]');
    await page.close();
  }, 120_000);

  it('asks for the token when it has none, refuses a wrong one, and never puts it in a request line', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${plinkd.apiUrl}/console`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', 'not-the-right-token');
    await page.click('#login button[type="submit"]');
    await page.waitForSelector('#login-error:has-text("the API token was refused")');
    await page.fill('#token', TOKEN);
    await page.click('#login button[type="submit"]');
    await page.waitForSelector('#live[data-state="live"]');
    expect(await page.locator('#app').isVisible()).toBe(true);
    await page.close();
    expect(urls().length).toBeGreaterThan(0);
    for (const url of urls()) expect(url).not.toContain(TOKEN);
    const api = requests.filter((r) => r.url.includes('/v1/'));
    expect(api.length).toBeGreaterThan(0);
    for (const request of api) expect((await request.headers)['authorization']).toMatch(/^Bearer /);
  }, 120_000);
});

/** `PLINKD_CONSOLE_SCREENSHOT=docs/console.png npx vitest run test/console` writes the README's picture. */
async function screenshotIfAsked(page: Page): Promise<void> {
  const path = process.env['PLINKD_CONSOLE_SCREENSHOT'];
  if (path === undefined || path === '') return;
  mkdirSync(dirname(path), { recursive: true });
  // After the flash of the last change has faded (console.css: 1.6 s).
  await page.waitForTimeout(2000);
  await page.screenshot({ path, fullPage: true });
}
