// GET /v1/events read with fetch(): unlike EventSource it can send the bearer token
// as a header, so the token is never part of a URL (docs/console.md).

export class Unauthorized extends Error {}

/**
 * Reads server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html)
 * until the stream ends or `signal` aborts; calls onEvent(name, data) per event.
 */
export async function readEvents(token, onEvent, signal) {
  const response = await fetch('/v1/events', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store', signal });
  if (response.status === 401) throw new Unauthorized('the API token was refused');
  if (!response.ok || response.body === null) throw new Error(`GET /v1/events answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatch(block, onEvent);
    }
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
}

/**
 * Follows the stream for as long as the page is open: when it ends or fails it is
 * opened again after a pause (1 s, doubling up to 15 s) and starts from a fresh
 * snapshot. This reconnects a dropped stream; it does not poll.
 */
export function follow(token, handlers) {
  const controller = new AbortController();
  let pause = 1000;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        handlers.onState('connecting');
        await readEvents(
          token,
          (name, data) => {
            pause = 1000;
            handlers.onState('live');
            handlers.onEvent(name, data);
          },
          controller.signal,
        );
      } catch (err) {
        if (controller.signal.aborted) return;
        if (err instanceof Unauthorized) {
          handlers.onUnauthorized();
          return;
        }
      }
      handlers.onState('offline');
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 15000);
    }
  };
  run();
  return () => controller.abort();
}
