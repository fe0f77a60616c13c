import { bearerGuard } from '../http/bearer-guard.js';
import {
  jsonResponse,
  STRAY_BODY_BYTES,
  type HttpAnswer,
  type HttpRequest,
  type HttpRoute,
  type HttpStreamSink,
} from '../http/http-server.js';
import { buildTopology, type TopologySource } from './build.js';
import type { TopologyFeed } from './feed.js';
import type { TopologyChange } from './types.js';

/** Event streams open at once: each holds a connection and a copy of every change. */
export const MAX_EVENT_STREAMS = 32;
/** A client that lets this much pile up unread is dropped; it reconnects and starts from a snapshot. */
export const MAX_STREAM_BACKLOG_BYTES = 4 * 1024 * 1024;
/** A comment line this often keeps proxies and the browser from timing an idle stream out. */
const KEEP_ALIVE_MS = 15_000;

export interface TopologyRoutesOptions {
  replica: TopologySource;
  feed: TopologyFeed;
  tokens: readonly string[];
}

/**
 * `GET /v1/topology`: the whole picture (types.ts) as JSON. `GET /v1/events`:
 * server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html)
 * — first `topology` with the snapshot, then `change` with `{position, changes}`
 * for every applied batch that touched it. Both need the bearer token of `/v1`; the
 * console reads the stream with fetch(), which can send the header (EventSource cannot),
 * so the token never goes into a URL.
 */
export function topologyRoutes(options: TopologyRoutesOptions): HttpRoute {
  const refuse = bearerGuard(options.tokens);
  let streams = 0;

  const events = (): HttpAnswer => {
    if (streams >= MAX_EVENT_STREAMS) {
      return jsonResponse(503, { code: 'TooManyStreams', message: `at most ${MAX_EVENT_STREAMS} event streams are served at once` });
    }
    streams += 1;
    return {
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      headers: { 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
      open: (sink) => {
        sink.onClose(() => (streams -= 1));
        stream(sink, options);
      },
    };
  };

  return {
    paths: ['/v1/topology', '/v1/events'],
    maxBodyBytes: STRAY_BODY_BYTES,
    serve: (request: HttpRequest) => {
      const refused = refuse(request);
      if (refused !== undefined) return refused;
      if (request.method !== 'GET') return jsonResponse(405, { code: 'MethodNotAllowed', message: `${request.path} accepts GET only` });
      return request.path === '/v1/topology' ? jsonResponse(200, buildTopology(options.replica)) : events();
    },
  };
}

function stream(sink: HttpStreamSink, options: TopologyRoutesOptions): void {
  // The snapshot and the listener are taken in one turn: no batch falls between them.
  sink.write(frame('topology', buildTopology(options.replica)));
  const stop = options.feed.listen((changes: readonly TopologyChange[], position: string) => {
    sink.write(frame('change', { position, changes }));
    if (sink.bufferedBytes > MAX_STREAM_BACKLOG_BYTES) sink.end();
  });
  const keepAlive = setInterval(() => sink.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  sink.onClose(() => {
    stop();
    clearInterval(keepAlive);
  });
}

/** One event: JSON.stringify never writes a newline, so the data is one `data:` line. */
function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
