import { createSocket } from 'node:dgram';
import type RPCClient from '@alicloud/pop-core';
import dnsPacket from 'dns-packet';
import { call, type Stack } from '../../api/conveniences/stack.js';
import { pvtz } from '../../api/pvtz/pvtz-helpers.js';
import type { DigTarget } from '../../helpers/dig.js';

type Json = Record<string, unknown>;

export const dnsTarget = (stack: Stack): DigTarget => ({ host: stack.plinkd.dnsHost, port: stack.plinkd.dnsPort });

/** dig's `-b`: the query leaves from this loopback address, which a resolver binding maps to a VPC. */
export const from = (source: string): string[] => ['-b', source];

/** Operator CreateResolverBinding: queries from `sourceCidr` belong to `vpcId` (and `zoneId`, if given). */
export async function bindResolver(stack: Stack, vpcId: string, sourceCidr: string, zoneId?: string): Promise<string> {
  const operator = stack.client('operator', 'operator');
  const created = await call(operator, 'CreateResolverBinding', {
    RegionId: undefined,
    VpcId: vpcId,
    SourceCidr: sourceCidr,
    ...(zoneId === undefined ? {} : { ZoneId: zoneId }),
  });
  return created['BindingId'] as string;
}

/** A private zone with the given records (`[rr, type, value, extra?]`), bound to `vpcIds`. */
export async function privateZone(
  client: RPCClient,
  zoneName: string,
  records: Array<[string, string, string, Json?]>,
  vpcIds: string[],
): Promise<string> {
  const { ZoneId } = (await pvtz(client, 'AddZone', { ZoneName: zoneName })) as { ZoneId: string };
  for (const [rr, type, value, extra] of records)
    await pvtz(client, 'AddZoneRecord', { ZoneId, Rr: rr, Type: type, Value: value, ...extra });
  const vpcs: Json = {};
  vpcIds.forEach((vpcId, i) => (vpcs[`Vpcs.${i + 1}.VpcId`] = vpcId));
  await pvtz(client, 'BindZoneVpc', { ZoneId, ...vpcs });
  return ZoneId;
}

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export interface UdpAnswer {
  rcode: string;
  flags: number;
  answers: dnsPacket.Answer[];
  authorities: dnsPacket.Answer[];
}

/**
 * One query over UDP from `source` (a 127.0.0.x address the socket binds to),
 * decoded by dns-packet — an independent decoder. For tests that ask hundreds
 * of questions, where a dig process each would take minutes.
 */
export function queryFrom(
  source: string,
  target: DigTarget,
  name: string,
  type: dnsPacket.RecordType,
  timeoutMs = 2000,
): Promise<UdpAnswer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const id = Math.floor(Math.random() * 0xffff);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer to ${name} ${type} from ${source} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.on('message', (message) => {
      const packet = dnsPacket.decode(message);
      if (packet.id !== id) return;
      clearTimeout(timer);
      socket.close();
      const flags = packet.flags ?? 0;
      resolve({
        rcode: RCODES[flags & 0xf] ?? String(flags & 0xf),
        flags,
        answers: packet.answers ?? [],
        authorities: packet.authorities ?? [],
      });
    });
    socket.bind(0, source, () => {
      socket.send(dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ type, name, class: 'IN' }] }), target.port, target.host);
    });
  });
}
