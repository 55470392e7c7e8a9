import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireParts, shell } from './parts.js';
import { waitForPort } from './sshd.js';

/**
 * A daemon the harness leaves running must not keep a descriptor it inherited: under `flock <file> <command>` (how
 * suites are serialised on a shared machine) dockerd kept the lock file open and so held the lock for good.
 */
const CLOSE_INHERITED_FDS = 'exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-';

/**
 * A real Docker engine and registry on this machine. No image can be pulled here, so the base image is made
 * from the busybox binary (TESTING.md) and also tagged busybox:stable, the backup action's default helper image.
 */
export const REGISTRY = '127.0.0.1:5000';
export const BASE_IMAGE = 'local/busybox:1';

function dockerOk(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

export async function ensureDocker(): Promise<void> {
  requireParts('dockerd', 'busybox');
  if (!dockerOk()) {
    const log = join(tmpdir(), 'dockerd.log');
    const child = spawn('/bin/sh', ['-c', `${CLOSE_INHERITED_FDS}; exec dockerd >${log} 2>&1`], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    const deadline = Date.now() + 60_000;
    while (!dockerOk()) {
      if (Date.now() > deadline) throw new Error(`dockerd did not start within 60 s (see ${log})`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  if (spawnSync('docker', ['image', 'inspect', BASE_IMAGE], { stdio: 'ignore' }).status !== 0) {
    const root = mkdtempSync(join(tmpdir(), 'rootfs-'));
    for (const d of ['bin', 'tmp', 'etc', 'var/www', 'data']) mkdirSync(join(root, d), { recursive: true });
    shell(`cp /bin/busybox ${root}/bin/busybox`);
    for (const c of [
      'sh',
      'httpd',
      'cat',
      'echo',
      'sleep',
      'mkdir',
      'ls',
      'tar',
      'gzip',
      'wget',
      'date',
      'rm',
      'cp',
      'env',
      'true',
      'false',
      'test',
      'kill',
      'touch',
      'id',
      'printf',
      'head',
      'wc',
      'sha256sum',
      'find',
      'chmod',
      'mv',
      'grep',
      'sed',
      'nc',
      'ps',
      'seq',
      'ln',
      'dd',
      'sync',
    ]) {
      symlinkSync('busybox', join(root, 'bin', c));
    }
    writeFileSync(
      join(root, 'etc', 'passwd'),
      'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
    );
    writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
    shell(`tar -C ${root} -c . | docker import -c 'ENV PATH=/bin' - ${BASE_IMAGE}`);
  }
  sweepLeftovers();
  if (spawnSync('docker', ['image', 'inspect', 'busybox:stable'], { stdio: 'ignore' }).status !== 0) {
    shell(`docker tag ${BASE_IMAGE} busybox:stable`);
  }
}

/** A real registry (Debian's docker-registry) on 127.0.0.1:5000; plain HTTP on loopback needs no TLS. */
export async function ensureRegistry(): Promise<string> {
  requireParts('docker-registry');
  const up = spawnSync('sh', ['-c', `exec 3<>/dev/tcp/127.0.0.1/5000`], {
    stdio: 'ignore',
    shell: '/bin/bash',
  });
  if (up.status !== 0) {
    const dir = mkdtempSync(join(tmpdir(), 'registry-'));
    const conf = join(dir, 'config.yml');
    writeFileSync(
      conf,
      `version: 0.1\nstorage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }\nhttp: { addr: ${REGISTRY} }\n`,
    );
    const child = spawn(
      '/bin/sh',
      ['-c', `${CLOSE_INHERITED_FDS}; exec docker-registry serve ${conf} >${dir}/registry.log 2>&1`],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    child.unref();
    await waitForPort(5000, '127.0.0.1', 20_000);
  }
  return REGISTRY;
}

/** Whether the path exists (for assertions about what is left on the "server"). */
export function exists(p: string): boolean {
  return existsSync(p);
}

/** Compose projects the suites, benchmarks and demo create: `<prefix><6 hex>`, see app-image.ts composeApp. */
const TEST_PROJECT = /^(dpl|pipe|bench|demo)[0-9a-f]{6}$/;

/** Removes the networks compose created for a project (they outlive its containers). */
export function removeProjectNetworks(project: string): void {
  const r = spawnSync(
    'docker',
    ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`],
    {
      encoding: 'utf8',
    },
  );
  const ids = r.stdout.trim().split('\n').filter(Boolean);
  if (ids.length) spawnSync('docker', ['network', 'rm', ...ids], { stdio: 'ignore' });
}

/**
 * Containers and networks of earlier runs killed before their clean-up (a cancelled run, a Ctrl-C): only those of
 * our own test projects, by name. Without this, a machine that ran the suites often runs out of network pools.
 */
function sweepLeftovers(): void {
  const projects = (args: string[]) =>
    spawnSync('docker', args, { encoding: 'utf8' })
      .stdout.split('\n')
      .map((l) => l.trim().split(' '))
      .filter(([, project]) => project && TEST_PROJECT.test(project));
  const containers = projects(['ps', '-a', '--format', '{{.ID}} {{.Label "com.docker.compose.project"}}']);
  // A container younger than an hour may belong to a suite running right now (a developer may run several).
  const stale = containers.filter(([id]) => {
    const created = spawnSync('docker', ['inspect', '-f', '{{.Created}}', id!], {
      encoding: 'utf8',
    }).stdout.trim();
    return Date.now() - new Date(created).getTime() > 60 * 60 * 1000;
  });
  if (stale.length) spawnSync('docker', ['rm', '-f', ...stale.map(([id]) => id!)], { stdio: 'ignore' });
  const networks = projects(['network', 'ls', '--format', '{{.ID}} {{.Label "com.docker.compose.project"}}']);
  // `docker network rm` refuses a network a container still uses: a live suite's network stays.
  for (const [id] of networks) spawnSync('docker', ['network', 'rm', id!], { stdio: 'ignore' });
}
