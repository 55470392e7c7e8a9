import { randomBytes } from 'node:crypto';
import { BASE_IMAGE } from '../../harness/docker.js';
import { cmd } from '../../harness/parts.js';

/**
 * Shell (busybox) that sets `ips` to the addresses a service name resolves to, by busybox's own nslookup: the
 * image's static busybox resolves no names itself (its glibc has no NSS libraries here).
 */
export function resolveScript(service: string): string {
  return (
    `ips=$(busybox nslookup ${service} 2>/dev/null | ` +
    `busybox awk '/^Name:/{n=1;next} n&&/^Address/{sub(/^Address[^:]*:[ \\t]*/,""); print}')`
  );
}

/**
 * Shell that GETs `path` from `$ip` port 8000 into `resp` and fails unless the status is 2xx. By nc with
 * HTTP/1.0: busybox wget crashes (SIGSEGV) on some requests in this image.
 */
function getScript(path: string): string {
  return (
    `resp=$(printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' | nc -w 3 "$ip" 8000 2>&1) && ` +
    `case "$resp" in "HTTP/1."?" 2"*) true ;; *) false ;; esac`
  );
}

/** Asks every task of `service` (port 8000) for `path`: prints each body, fails at the first that fails. */
export function probeScript(service: string, path: string): string {
  return [
    resolveScript(service),
    `[ -n "$ips" ] || { echo "${service} does not resolve" >&2; exit 1; }`,
    `for ip in $ips; do ${getScript(path)} || { echo "$ip: $resp" >&2; exit 1; }; echo "$resp" | busybox tail -n 1; done`,
    // One line: health-command takes one command a line.
  ].join('; ');
}

export interface InNetworkCounts {
  ok: number;
  failed: number;
  /** The first failures: `FAIL <seconds since start> ip=<address> <what>`. */
  failures: string[];
}

/**
 * Requests, one after another, from a busybox container attached to a Swarm stack's network: the way to reach a
 * service by name where the routing mesh does not forward (test/harness/load.ts is loopback-only and cannot be
 * on an overlay network). Each request asks DNS again and takes its first answer, as a new client would;
 * `stop()` ends the loop and reads the counts.
 */
export async function inNetworkLoad(
  network: string,
  service: string,
  path: string,
): Promise<{ stop(): Promise<InNetworkCounts> }> {
  const container = `vpsd-load-${randomBytes(3).toString('hex')}`;
  const script = [
    'ok=0; failed=0; t0=$(date +%s)',
    'while [ ! -e /tmp/stop ]; do',
    `  ${resolveScript(service)}; ip=\${ips%%[!0-9.]*}`,
    `  if ${getScript(path)}; then ok=$((ok+1)); else failed=$((failed+1)); [ $failed -le 20 ] && echo "FAIL $(( $(date +%s) - t0 ))s ip=$ip $(echo $resp | head -c 80)"; fi`,
    'done',
    'echo "COUNTS $ok $failed"',
  ].join('\n');
  cmd('docker', ['run', '-d', '--name', container, '--network', network, BASE_IMAGE, 'sh', '-c', script]);
  // A moment for the first answers, so the counts cover the whole deploy.
  await new Promise((r) => setTimeout(r, 1000));
  return {
    async stop() {
      cmd('docker', ['exec', container, 'touch', '/tmp/stop']);
      cmd('docker', ['wait', container]);
      const logs = cmd('docker', ['logs', container]);
      cmd('docker', ['rm', '-f', container]);
      const [, okCount, failedCount] = /COUNTS (\d+) (\d+)/.exec(logs) ?? [];
      return {
        ok: Number(okCount ?? 0),
        failed: Number(failedCount ?? -1),
        failures: logs.split('\n').filter((l) => l.startsWith('FAIL ')),
      };
    },
  };
}
