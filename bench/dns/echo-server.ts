/**
 * The ceiling of any one-process Node UDP server, measured in the same run as
 * plinkd and NSD: bare node:dgram that sets QR and sends each query straight
 * back (with the same IP-literal lookup plinkd's listener uses). Whatever
 * plinkd does per query costs on top of this.
 * Usage: node echo-server.js <port>; prints "ready" once bound.
 */
import { createSocket } from 'node:dgram';

const port = Number(process.argv[2]);
const socket = createSocket({ type: 'udp4', lookup: (address, _options, callback) => callback(null, address, 4) });
socket.on('message', (msg, rinfo) => {
  msg[2] = (msg[2] ?? 0) | 0x80;
  socket.send(msg, rinfo.port, rinfo.address);
});
socket.bind(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => socket.close(() => process.exit(0)));
