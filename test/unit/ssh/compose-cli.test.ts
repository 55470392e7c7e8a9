import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRELUDE } from '../../../src/backup/remote-script.js';
import { DETECT_COMPOSE, NO_COMPOSE } from '../../../src/ssh/compose-cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * A PATH holding only stand-ins for what a server may have: `docker` whose `compose` plugin answers or not, and
 * `docker-compose`. Each stand-in prints its name and arguments, so the test sees which one ran and with what.
 */
function serverPath(has: { v2: boolean; v1: boolean }): string {
  const bin = mkdtempSync(join(tmpdir(), 'compose-cli-'));
  dirs.push(bin);
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('docker', has.v2 ? 'echo "docker $*"' : 'echo "docker: unknown command: $1" >&2; exit 1');
  if (has.v1) stub('docker-compose', 'echo "docker-compose $*"');
  return bin;
}

function onServer(script: string, has: { v2: boolean; v1: boolean }) {
  return spawnSync('/bin/sh', ['-c', script], {
    encoding: 'utf8',
    // The stand-ins alone: this machine's real docker and docker-compose must not be found.
    env: { PATH: serverPath(has) },
  });
}

const SERVERS = [
  [{ v2: true, v1: true }, 'v2', 'docker compose ps -q db'],
  [{ v2: false, v1: true }, 'v1', 'docker-compose ps -q db'],
  [{ v2: false, v1: false }, 'none', undefined],
] as const;

describe('one Compose detection for deploys and backups, under a real /bin/sh', () => {
  it('the deploy detection is the text it always was', () => {
    expect(DETECT_COMPOSE).toBe(
      'if docker compose version >/dev/null 2>&1; then echo v2; elif command -v docker-compose >/dev/null 2>&1; ' +
        'then echo v1; else echo none; fi',
    );
  });

  it.each(SERVERS)('%j: the strategy is told %s, a backup runs %s', (has, detected, ran) => {
    expect(onServer(DETECT_COMPOSE, has).stdout).toBe(`${detected}\n`);
    const backup = onServer(`${PRELUDE}\ndc ps -q db`, has);
    if (ran) {
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toBe(`${ran}\n`);
    } else {
      expect(backup.status).toBe(1);
      expect(backup.stderr).toBe(`vps-deploy: ${NO_COMPOSE}\n`);
    }
  });
});
