import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger as Pino } from 'pino';

/**
 * Structured JSON logs through pino, one object per line on stderr (docs/dns.md "Operations"):
 * `{"level":"info","time":"<ISO 8601>",<child fields>,"msg":"…",<fields>}`. Callers pass
 * fields, never preformatted strings with secrets in them; the `redact` pass replaces any field
 * whose name looks like a secret as a last guard. Errors are written as {name, message}.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const SECRET_FIELD = /secret|password|signature|token|authorization/i;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** Receives each line, newline included (tests; default: stderr, written synchronously). */
export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, sink?: LogSink, base: Record<string, unknown> = {}): Logger {
  // Synchronous: a line logged just before process.exit (a fatal error, a signal) is not lost.
  const stream: DestinationStream = sink === undefined ? destination({ dest: 2, sync: true }) : { write: sink };
  const root = pino(
    {
      level,
      base: null,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // clean() has made errors {name, message} already; pino's own would add the stack.
      serializers: { err: (value: unknown) => value },
    },
    stream,
  );
  return wrap(Object.keys(base).length === 0 ? root : root.child(clean(base)));
}

function wrap(log: Pino): Logger {
  // A level below the threshold is a no-op that does not even clean its fields.
  const at = (level: LogLevel): ((msg: string, fields?: Record<string, unknown>) => void) => {
    if (!log.isLevelEnabled(level)) return () => undefined;
    const write = log[level].bind(log);
    // The message before the fields, as a reader scans a line (and as plinkd has always written it).
    return (msg, fields) => (fields === undefined ? write(msg) : write({ msg, ...clean(fields) }));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(log.child(clean(fields))),
  };
}

/** The fields as written: secret-looking names redacted, errors as {name, message}. */
function clean(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const value = fields[key];
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : value instanceof Error ? { name: value.name, message: value.message } : value;
  }
  return out;
}
