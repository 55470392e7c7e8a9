import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { cmd } from '../../harness/parts.js';
import { removeProjectNetworks } from '../../harness/docker.js';

/**
 * Reading and removing the Echora suite's compose stack by Docker's own labels (what a deploy left running), not
 * through the deploy tool: the test checks the server by its own means.
 */

/** service -> ids of the running or stopped containers of the compose project in appDir (one-off runs left out). */
export function containersOf(appDir: string): Record<string, string[]> {
  const out = cmd('docker', [
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project.working_dir=${appDir}`,
    '--format',
    '{{.ID}} {{.Label "com.docker.compose.service"}} {{.Label "com.docker.compose.oneoff"}}',
  ]).trim();
  const by: Record<string, string[]> = {};
  for (const l of out ? out.split('\n') : []) {
    const [cid, service, oneoff] = l.split(' ');
    if (oneoff === 'True') continue;
    (by[service!] ??= []).push(cid!);
  }
  return by;
}

function postgresContainer(appDir: string): string {
  const ids = containersOf(appDir).postgres ?? [];
  if (ids.length !== 1) throw new Error(`expected one postgres container in ${appDir}, found ${ids.length}`);
  return ids[0]!;
}

/** A query as the image's POSTGRES_USER through the container's local socket; psql's unaligned rows. */
export function psql(appDir: string, query: string): string {
  return cmd('docker', [
    'exec',
    postgresContainer(appDir),
    'psql',
    '-X',
    '-q',
    '-At',
    '-v',
    'ON_ERROR_STOP=1',
    '-U',
    'echora',
    '-d',
    'echora',
    '-c',
    query,
  ]).trim();
}

/** A custom-format dump on the server as SQL text, by the postgres container's own pg_restore. */
export function restoreToText(appDir: string, dump: string): string {
  const r = spawnSync(
    'sh',
    ['-c', 'docker exec -i "$1" pg_restore -f - <"$2"', 'sh', postgresContainer(appDir), dump],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`pg_restore of ${dump} failed: ${r.stderr}`);
  return r.stdout;
}

/** Removes the stack's containers, volumes and network, and the backend images of this run. */
export function cleanUpStack(appDir: string, backendRepo: string): void {
  const ids = Object.values(containersOf(appDir)).flat();
  const oneoff = cmd('docker', [
    'ps',
    '-aq',
    '--filter',
    `label=com.docker.compose.project.working_dir=${appDir}`,
  ]).trim();
  const all = [...new Set([...ids, ...oneoff.split('\n').filter(Boolean)])];
  if (all.length) spawnSync('docker', ['rm', '-f', ...all], { stdio: 'ignore' });
  // Compose v1 names the project after the directory, lower case, letters and digits only.
  const project = basename(appDir)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const volumes = cmd('docker', [
    'volume',
    'ls',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
  ])
    .trim()
    .split('\n')
    .filter(Boolean);
  if (volumes.length) spawnSync('docker', ['volume', 'rm', ...volumes], { stdio: 'ignore' });
  removeProjectNetworks(project);
  const images = cmd('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', backendRepo])
    .trim()
    .split('\n')
    .filter(Boolean);
  if (images.length) spawnSync('docker', ['rmi', ...images], { stdio: 'ignore' });
}
