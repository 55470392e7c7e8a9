/**
 * Where a health URL points: a host and port (http, https), or a Unix socket on the server (http+unix, the
 * requests-unixsocket form: the socket path percent-encoded as the host, `http+unix://%2Frun%2Fapp.sock/health`).
 * Pure: a URL in, what to connect to and what to ask for out.
 */
export type HealthEndpoint =
  | { kind: 'tcp'; url: URL }
  | {
      kind: 'unix';
      socketPath: string;
      /** The request line's target, as an http URL on `localhost` (the Host header unless health-headers sets one). */
      url: URL;
    };

export const UNIX_SCHEME = 'http+unix:';

export const HEALTH_URL_TAKES =
  'an http:// or https:// URL, like http://127.0.0.1:8000/health, or an http+unix:// URL for a Unix socket, ' +
  'like http+unix://%2Frun%2Fapp%2Fgunicorn.sock/health (the socket path percent-encoded)';

/** The endpoint of a health URL, or undefined when it is not one we can probe. */
export function healthEndpoint(raw: string | URL): HealthEndpoint | undefined {
  let u: URL;
  try {
    u = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    return undefined;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:')
    return u.hostname ? { kind: 'tcp', url: u } : undefined;
  if (u.protocol !== UNIX_SCHEME || !u.host) return undefined;
  let socketPath: string;
  try {
    socketPath = decodeURIComponent(u.host);
  } catch {
    return undefined;
  }
  if (!socketPath.startsWith('/') || socketPath.includes('\0')) return undefined;
  return { kind: 'unix', socketPath, url: new URL(`http://localhost${u.pathname || '/'}${u.search}`) };
}

export function isHealthUrl(raw: string): boolean {
  return healthEndpoint(raw) !== undefined;
}
