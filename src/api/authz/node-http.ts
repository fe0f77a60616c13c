import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { answerJson, MAX_BODY_BYTES, type AuthzResponse } from './routes.js';

/**
 * Mounting the authz routes on a node:http server: read the body (bounded), call `handle`,
 * write the JSON answer. Requests that are not /v1 routes go to `fallback` (the rest of the
 * API), or get a 404. Kept apart from routes.ts so the routes stay framework-free.
 */

type Handle = (method: string, path: string, authorization: string | undefined, body: Buffer) => AuthzResponse | undefined;

export function writeJson(response: ServerResponse, status: number, body: unknown): void {
  writeJsonText(response, status, JSON.stringify(body));
}

function writeJsonText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function authzRequestListener(
  routes: { handle: Handle },
  fallback?: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void,
): RequestListener {
  return (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge) {
        writeJson(response, 413, { code: 'PayloadTooLarge', message: `request body exceeds ${MAX_BODY_BYTES} bytes` });
        return;
      }
      // One chunk (the usual case for a small JSON body) is used as is, without a copy.
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const answer = routes.handle(request.method ?? 'GET', request.url ?? '/', request.headers.authorization, body);
      if (answer !== undefined) writeJsonText(response, answer.status, answerJson(answer));
      else if (fallback !== undefined) fallback(request, response, body);
      else writeJson(response, 404, { code: 'NotFound', message: `no route ${request.url ?? '/'}` });
    });
    request.on('error', () => response.destroy());
  };
}
