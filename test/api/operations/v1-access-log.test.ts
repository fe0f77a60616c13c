import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpRoute } from '../../../src/api/http/http-server.js';
import { withV1AccessLog, type V1AccessLogEntry } from '../../../src/api/http/v1-access-log.js';

const request = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  query: '',
  headers: {},
  rawHeaders: [],
  body: Buffer.alloc(0),
  remoteAddress: '127.0.0.1',
});

function logged(serve: HttpRoute['serve']): { route: HttpRoute; entries: V1AccessLogEntry[] } {
  const entries: V1AccessLogEntry[] = [];
  const route = withV1AccessLog({ paths: ['/v1/*'], maxBodyBytes: 0, serve }, (entry) => entries.push(entry));
  return { route, entries };
}

describe('the /v1 access log', () => {
  it('writes a route that throws as the 500 InternalError the server answers, and passes the error on', () => {
    const { route, entries } = logged(() => {
      throw new Error('boom');
    });
    expect(() => route.serve(request('/v1/topology'))).toThrow('boom');
    expect(entries.map((e) => [e.path, e.status, e.code])).toEqual([['/v1/topology', 500, 'InternalError']]);
  });

  it('writes a route whose answer rejects the same way', async () => {
    const { route, entries } = logged(() => Promise.reject(new Error('late boom')));
    await expect(route.serve(request('/v1/topology'))).rejects.toThrow('late boom');
    expect(entries.map((e) => [e.status, e.code])).toEqual([[500, 'InternalError']]);
  });

  it('leaves answered decisions out and writes refused ones', () => {
    const { route, entries } = logged((r) =>
      r.path === '/v1/authorize'
        ? { status: 200, contentType: 'application/json', body: '{}' }
        : { status: 401, contentType: 'application/json', body: '{"code":"Unauthorized"}' },
    );
    route.serve(request('/v1/authorize'));
    route.serve(request('/v1/authorize:batch'));
    expect(entries.map((e) => [e.path, e.status, e.code])).toEqual([['/v1/authorize:batch', 401, 'Unauthorized']]);
  });
});
