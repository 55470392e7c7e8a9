import { mkdtempSync, mkdirSync, writeFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cmd, TEST_USER } from './parts.js';
import { ensureDocker, ensureRegistry, removeProjectNetworks } from './docker.js';
import { freePort } from './ports.js';
import { ROOT } from './run-action.js';

/** The modes of the test app (test/fixtures/app): what its /cgi-bin/health answers. */
export type AppMode = 'ok' | 'degraded' | 'unhealthy' | 'crash';

export const APP_FIXTURE = join(ROOT, 'test', 'fixtures', 'app');

/** Builds the test app as `<repo>:<version>` for each version and mode, and pushes it to the loopback registry. */
export function buildAppImage(
  repo: string,
  version: string,
  mode: AppMode,
  opts: { push?: boolean } = {},
): string {
  const ref = `${repo}:${version}`;
  cmd('docker', [
    'build',
    '-q',
    '-t',
    ref,
    '--build-arg',
    `MODE=${mode}`,
    '--build-arg',
    `VERSION=${version}`,
    APP_FIXTURE,
  ]);
  if (opts.push !== false) cmd('docker', ['push', '-q', ref]);
  return ref;
}

/** A compose app for one suite: its own registry repository, app dir, project name and loopback port. */
export interface ComposeApp {
  app: string;
  appDir: string;
  repo: string;
  port: number;
  /** The repo's compose file, in a workspace directory the action reads `compose-file` from. */
  workspace: string;
  composeFile: string;
  healthUrl: string;
  envFile(extra?: string): string;
  /** Removes its containers (the suite's afterAll). */
  down(): void;
}

export async function composeApp(prefix: string): Promise<ComposeApp> {
  await ensureDocker();
  const registry = await ensureRegistry();
  const id = `${prefix}${randomBytes(3).toString('hex')}`;
  const repo = `${registry}/vpsd-itg/${id}`;
  const base = mkdtempSync(join(tmpdir(), `${id}-`));
  cmd('chmod', ['755', base]);
  const appDir = join(base, id);
  mkdirSync(appDir);
  const uid = Number(cmd('id', ['-u', TEST_USER]).trim());
  chownSync(appDir, uid, uid === 0 ? 0 : Number(cmd('id', ['-g', TEST_USER]).trim()));
  const workspace = join(base, 'workspace');
  mkdirSync(workspace);
  const composeFile = 'deploy/docker-compose.yml';
  mkdirSync(join(workspace, 'deploy'));
  writeFileSync(
    join(workspace, composeFile),
    [
      'services:',
      '  web:',
      `    image: ${repo}:\${IMAGE_TAG}`,
      '    ports: ["127.0.0.1:${APP_PORT}:8000"]',
      '    env_file: .env',
      '    restart: unless-stopped',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  return {
    app: id,
    appDir,
    repo,
    port,
    workspace,
    composeFile,
    healthUrl: `http://127.0.0.1:${port}/cgi-bin/health`,
    envFile: (extra = '') => `APP_PORT=${port}\n${extra}`,
    down() {
      const ids = cmd('docker', [
        'ps',
        '-aq',
        '--filter',
        `label=com.docker.compose.project.working_dir=${appDir}`,
      ]).trim();
      if (ids) cmd('docker', ['rm', '-f', ...ids.split('\n')]);
      // Compose made a network for the project: left behind, they exhaust Docker's address pools (~30).
      removeProjectNetworks(id);
    },
  };
}
