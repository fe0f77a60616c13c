/**
 * The servers under test, one per child process so each gets its own core:
 *   echo        bare node:dgram: sets QR and sends the query back (the floor of any Node server)
 *   echo-direct the same, with the send-side lookup plinkd uses (IP literals passed straight
 *               through instead of dns.lookup's regex check and deferred callback)
 *   dns-packet  decode with dns-packet, look up in the same StaticAuthority, encode with dns-packet
 *   plinkd      plinkd's server (fast path + full path) on the same StaticAuthority
 * Usage: node servers.js <kind> <port> <names>; prints "ready" once bound.
 */
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import { startDnsServer } from '../../src/dns/server/index.js';
import { StaticAuthority, StaticViews } from '../../test/helpers/static-authority.js';
import { benchZone } from './bench-zone.js';

const [kind = '', portText = '', namesText = '3000'] = process.argv.slice(2);
const port = Number(portText);
const authority = new StaticAuthority([benchZone(Number(namesText))]);
const views = new StaticViews();

function echo(direct: boolean): void {
  const socket = direct
    ? createSocket({ type: 'udp4', lookup: (address, _options, callback) => callback(null, address, 4) })
    : createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    msg[2] = (msg[2] ?? 0) | 0x80;
    socket.send(msg, rinfo.port, rinfo.address);
  });
  socket.bind(port, '127.0.0.1', () => console.log('ready'));
}

function withDnsPacket(): void {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (question === undefined) return;
    const result = authority.lookup({ name: question.name.toLowerCase(), type: 1, view: { vpcId: undefined, zoneId: undefined } });
    const answers = result.answer.flatMap((r) =>
      r.data.kind === 'A' ? [{ name: r.name, type: 'A' as const, ttl: r.ttl, data: r.data.address }] : [],
    );
    const reply = dnsPacket.encode({
      id: query.id ?? 0,
      type: 'response',
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (result.status === 'nameError' ? 3 : 0),
      questions: [question],
      answers,
    });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  socket.bind(port, '127.0.0.1', () => console.log('ready'));
}

async function plinkd(): Promise<void> {
  await startDnsServer({ listen: [{ host: '127.0.0.1', port }], authority, views });
  console.log('ready');
}

if (kind === 'echo' || kind === 'echo-direct') echo(kind === 'echo-direct');
else if (kind === 'dns-packet') withDnsPacket();
else if (kind === 'plinkd') await plinkd();
else {
  console.error(`unknown server kind "${kind}"`);
  process.exit(2);
}

// Exit normally on a signal so that `node --cpu-prof` can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
