/**
 * The one-line upstream file a user's proxy config includes (docs/blue-green.md, "Proxy: the upstream file"):
 *   Caddy: the site block `import`s it, and it holds `reverse_proxy 127.0.0.1:<port>`;
 *   nginx: `upstream <app> { include …; }`, and it holds `server 127.0.0.1:<port>;`.
 * init writes the first one; a blue-green switch rewrites it. Pure text.
 */
export type UpstreamKind = 'caddy' | 'nginx';

export function upstreamLine(kind: UpstreamKind, port: number): string {
  return kind === 'caddy' ? `reverse_proxy 127.0.0.1:${port}` : `server 127.0.0.1:${port};`;
}

/** The port an upstream file names, or undefined when it is not one line of ours. */
export function upstreamPort(kind: UpstreamKind, text: string): number | undefined {
  const m =
    kind === 'caddy'
      ? /^reverse_proxy 127\.0\.0\.1:(\d+)\s*$/.exec(text.trim())
      : /^server 127\.0\.0\.1:(\d+);\s*$/.exec(text.trim());
  const port = m ? Number(m[1]) : undefined;
  return port !== undefined && port >= 1 && port <= 65535 ? port : undefined;
}
