import { errText, RemoteError } from '../io/errors.js';

/**
 * What ssh2 says when the transport itself went, as opposed to a refused channel: a socket error code, or the
 * messages ssh2 rejects a request with once it knows the connection is gone. The 'close' event that marks the
 * connection lost can arrive just after the request that found the dead socket has already been rejected.
 */
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const GONE_MESSAGES = [
  /\bNot connected\b/i,
  /\bNo response from server\b/i,
  /\bsocket (?:hang up|closed)\b/i,
];

export function isConnectionLoss(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  const message = e instanceof Error ? e.message : String(e);
  return GONE_MESSAGES.some((m) => m.test(message)) || [...SOCKET_CODES].some((c) => message.includes(c));
}

/** The error a command that could not run gets: "was lost" when the transport went, else what ssh2 said. */
export function execFailure(host: string, label: string, e: unknown, closed: boolean): RemoteError {
  if (e instanceof RemoteError) return e;
  if (closed || isConnectionLoss(e)) {
    return new RemoteError(`SSH connection to ${host} was lost while a command ran (${errText(e)})`);
  }
  return new RemoteError(`could not run a command on ${label}: ${errText(e)}`);
}
