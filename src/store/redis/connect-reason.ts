export const CONNECTION_RESET = 'connection reset by the server';
export const WRONG_PROTOCOL = 'not a Redis server: it answered in another protocol (wrong port? an HTTP server?)';

/**
 * Why a connection attempt to Redis failed, in words an operator can act on
 * (each failed attempt at start is logged with it). Undefined for ioredis's
 * follow-on noise that says nothing new.
 */
export function connectFailureReason(err: unknown): string | undefined {
  if (!(err instanceof Error)) return String(err);
  const { code } = err as NodeJS.ErrnoException;
  const message = err.message;
  if (message.startsWith("Stream isn't writeable")) return undefined;
  if (code === 'ECONNREFUSED') return `connection refused (${message.replace(/^connect ECONNREFUSED /, '')}): nothing listens there`;
  if (code === 'ETIMEDOUT') return 'connection timed out';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${message})`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return CONNECTION_RESET;
  if (message.startsWith('NOAUTH')) return 'authentication failed: the server wants a password (redis://:<password>@host:port)';
  if (message.startsWith('WRONGPASS') || /invalid password|invalid username-password/i.test(message))
    return 'authentication failed: wrong user name or password';
  if (err.name === 'ParserError' || message.startsWith('Protocol error')) return WRONG_PROTOCOL;
  const nodeError = (err as { lastNodeError?: Error }).lastNodeError;
  if (nodeError !== undefined) {
    if (/cluster support disabled/i.test(nodeError.message))
      return 'the server is not a Redis Cluster: use redis:// (or redis-sentinel://), not redis-cluster://';
    return `${message} (${connectFailureReason(nodeError) ?? nodeError.message})`;
  }
  return message;
}
