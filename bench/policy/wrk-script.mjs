import { writeFileSync } from 'node:fs';

/** Writes the wrk Lua script that POSTs `body` as JSON with the bearer `token` (both benches of /v1/authorize use it). */
export function writeAuthorizeScript(path, body, token) {
  const lua = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(
    path,
    [
      'wrk.method = "POST"',
      `wrk.body = ${lua(body)}`,
      'wrk.headers["Content-Type"] = "application/json"',
      `wrk.headers["Authorization"] = ${lua(`Bearer ${token}`)}`,
      '',
    ].join('\n'),
  );
}
