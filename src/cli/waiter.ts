import { CallFailed, type CliIo } from './io.js';
import { selectPath, valueText } from './path-expression.js';
import type { RpcAnswer } from './rpc-client.js';
import type { WaiterSpec } from './waiter-spec.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Repeats `call` every interval until the waiter's path reaches its value, and
 * answers that last response; an error answer ends the wait with that answer
 * (as the aliyun CLI's waiter does). After `timeout` seconds: CallFailed naming
 * the last value seen. A spinner on stderr, only when stderr is a terminal.
 */
export async function waitFor(spec: WaiterSpec, call: () => Promise<RpcAnswer>, io: CliIo): Promise<RpcAnswer> {
  const started = Date.now();
  let last = '';
  let frame = 0;
  const spinner = io.errIsTty
    ? setInterval(() => {
        const elapsed = Math.floor((Date.now() - started) / 1000);
        io.err(`\r\x1b[K${SPINNER[frame++ % SPINNER.length]} waiting for ${spec.expr.text} = ${spec.to} (now '${last}', ${elapsed}s)`);
      }, 100)
    : undefined;
  try {
    for (;;) {
      const answer = await call();
      if (answer.status !== 200) return answer;
      const values = selectPath(spec.expr, answer.body).map(valueText);
      last = spec.expr.projects ? values.join(',') : (values[0] ?? '');
      const reached = spec.expr.projects ? values.length > 0 && values.every((v) => v === spec.to) : last === spec.to;
      if (reached) return answer;
      if (Date.now() - started + spec.intervalSeconds * 1000 > spec.timeoutSeconds * 1000) {
        throw new CallFailed(`wait for ${spec.expr.text} to be '${spec.to}' timed out after ${spec.timeoutSeconds}s, last '${last}'`);
      }
      await new Promise((resolve) => setTimeout(resolve, spec.intervalSeconds * 1000));
    }
  } finally {
    if (spinner !== undefined) {
      clearInterval(spinner);
      io.err('\r\x1b[K');
    }
  }
}
