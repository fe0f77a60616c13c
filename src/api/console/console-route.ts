import { readFileSync } from 'node:fs';
import { STRAY_BODY_BYTES, type HttpRequest, type HttpResponse, type HttpRoute } from '../http/http-server.js';

/**
 * The web console (docs/console.md): a few static files served at `/console`,
 * read once when the route is made. The page holds no data; it reads the `/v1`
 * routes with the bearer token the user gives it (the URL fragment `#token=…`,
 * which browsers never send, or a login field). The build copies the files
 * next to this module (scripts/copy-static.mjs).
 */
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'stream.js': 'text/javascript; charset=utf-8',
  'diagram.js': 'text/javascript; charset=utf-8',
  'inventory.js': 'text/javascript; charset=utf-8',
  'dns-panel.js': 'text/javascript; charset=utf-8',
  'policy-panel.js': 'text/javascript; charset=utf-8',
};

/**
 * Scripts and styles from this origin only, no inline code, requests to this origin
 * only, and the page never framed: tenants' names shown on it cannot run as code.
 */
const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

export function consoleRoute(directory: URL = new URL('./static/', import.meta.url)): HttpRoute {
  const pages = new Map<string, HttpResponse>();
  for (const [file, contentType] of Object.entries(FILES)) {
    let body: Buffer;
    try {
      body = readFileSync(new URL(file, directory));
    } catch {
      body = Buffer.from(`console file ${file} is missing: build with "npm run build" (it copies src/api/console/static)\n`);
      pages.set(file, { status: 500, contentType: 'text/plain; charset=utf-8', body, headers: HEADERS });
      continue;
    }
    pages.set(file, { status: 200, contentType, body, headers: HEADERS });
  }
  return {
    paths: ['/console', '/console/*'],
    maxBodyBytes: STRAY_BODY_BYTES,
    serve: (request: HttpRequest) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
      const file = request.path === '/console' || request.path === '/console/' ? 'index.html' : request.path.slice('/console/'.length);
      return pages.get(file);
    },
  };
}
