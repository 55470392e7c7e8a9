import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { cmd } from '../../harness/parts.js';
import { removeProjectNetworks } from '../../harness/docker.js';

/**
 * What Docker itself says about the Deita stack an app-dir runs (the suite checks the server by its own means,
 * never by what the action reported): its containers by service, Postgres queried inside its container.
 */
export interface StackContainer {
  id: string;
  service: string;
  image: string;
  state: string;
}

export function stackContainers(appDir: string): StackContainer[] {
  const out = cmd('docker', [
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project.working_dir=${appDir}`,
    // One-off `compose run` containers (the migrate-command's) are not the app.
    '--filter',
    'label=com.docker.compose.oneoff=False',
    '--format',
    '{{.ID}} {{.Label "com.docker.compose.service"}} {{.Image}} {{.State}}',
  ]).trim();
  return (out ? out.split('\n') : [])
    .map((l) => {
      const [id, service, image, state] = l.split(' ');
      return { id: id!, service: service!, image: image!, state: state! };
    })
    .sort((a, b) => `${a.service}${a.id}`.localeCompare(`${b.service}${b.id}`));
}

/** service -> the image tags its containers run, e.g. { backend: ['v2'], frontend: ['v2'] }. */
export function tagsByService(appDir: string): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const c of stackContainers(appDir)) (by[c.service] ??= []).push(c.image.split(':').pop()!);
  return by;
}

export function psql(appDir: string, sql: string): string {
  const pg = stackContainers(appDir).find((c) => c.service === 'postgres');
  if (!pg) throw new Error(`no postgres container in ${appDir}`);
  return cmd('docker', ['exec', pg.id, 'psql', '-U', 'deita', '-d', 'deita', '-AtXc', sql]).trim();
}

/** Compose v1's project name for an app-dir: its folder name, lower case, letters and digits only. */
export function projectOf(appDir: string): string {
  return basename(appDir)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Removes every container, volume and network of the stack (as root, whatever state a failed run left). */
export function removeStack(appDir: string): void {
  const project = projectOf(appDir);
  const ids = spawnSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`], {
    encoding: 'utf8',
  }).stdout.trim();
  if (ids) spawnSync('docker', ['rm', '-f', ...ids.split('\n')], { stdio: 'ignore' });
  const volumes = spawnSync(
    'docker',
    ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`],
    { encoding: 'utf8' },
  ).stdout.trim();
  if (volumes) spawnSync('docker', ['volume', 'rm', '-f', ...volumes.split('\n')], { stdio: 'ignore' });
  removeProjectNetworks(project);
}
