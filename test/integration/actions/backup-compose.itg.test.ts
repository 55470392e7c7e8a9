import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { ensurePostgresClientImage, startPostgres } from '../../harness/postgres.js';
import type { PostgresServer } from '../../harness/postgres.js';
import { ensureDocker } from '../../harness/docker.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import { cmd, requireParts, shell, TEST_USER } from '../../harness/parts.js';

/**
 * `postgres: compose:<service>`: pg_dump and pg_restore run inside the service's container (through real
 * Docker Compose). The container holds PostgreSQL 15's client tools; the cluster it dumps is the suite's
 * throwaway one, reached through its socket directory mounted into the container.
 */
let ssh: SshServer;
let pg: PostgresServer;
let appDir: string;
const project = `bkc${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  requireParts('sshd', 'docker-compose');
  ssh = await startSshd();
  pg = await startPostgres();
  await ensureDocker();
  const image = ensurePostgresClientImage();
  appDir = mkdtempSync(join(tmpdir(), 'bk-compose-'));
  writeFileSync(
    join(appDir, 'docker-compose.yml'),
    [
      "version: '2.4'",
      'services:',
      '  db:',
      `    image: ${image}`,
      "    command: ['sleep', '100000']",
      '    environment:',
      '      POSTGRES_USER: postgres',
      '      POSTGRES_DB: shop',
      '      PGHOST: /sock',
      `      PGPORT: '${pg.port}'`,
      '    volumes:',
      `      - '${pg.socketDir}:/sock'`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(appDir, '.env'), `COMPOSE_PROJECT_NAME=${project}\n`);
  shell(`chown -R ${TEST_USER} ${appDir}`);
  cmd('docker-compose', ['up', '-d'], { cwd: appDir });
  pg.createDatabase('shop');
  pg.sql(
    'shop',
    'CREATE TABLE orders(id serial PRIMARY KEY, total numeric); INSERT INTO orders(total) SELECT g FROM generate_series(1, 3000) g;',
  );
});

afterAll(async () => {
  if (appDir) {
    cmd('docker-compose', ['down', '-t', '0'], { cwd: appDir });
    rmSync(appDir, { recursive: true, force: true });
  }
  pg?.stop();
  await ssh?.stop();
});

describe('actions/backup: postgres compose:<service>', () => {
  it('dumps inside the container, verifies by a full read, and restores in one transaction', async () => {
    const base = { ...sshInputs(ssh), app: 'shop', 'app-dir': appDir };
    const r = await runAction('backup', { ...base, postgres: 'compose:db' });
    expect(r.code, r.everything).toBe(0);
    const [made] = JSON.parse(r.outputs.backups!) as { source: string; path: string; verified: boolean }[];
    expect(made).toMatchObject({ source: 'postgres-db', verified: true });
    // The dump is a real custom-format archive of every row.
    pg.createDatabase('shop_copy');
    pg.client('pg_restore', ['-d', 'shop_copy', made!.path]);
    expect(pg.sql('shop_copy', 'SELECT count(*), sum(total) FROM orders').trim()).toBe('3000|4501500');

    pg.sql('shop', 'DELETE FROM orders WHERE id > 100');
    const restored = await runAction('backup', {
      ...base,
      postgres: 'compose:db',
      mode: 'restore',
      'restore-from': made!.path.split('/').pop()!,
      confirm: 'i-know-this-will-overwrite',
    });
    expect(restored.code, restored.everything).toBe(0);
    expect(pg.sql('shop', 'SELECT count(*) FROM orders').trim()).toBe('3000');
    expect(restored.outputs['safety-backup']).toMatch(/shop_postgres-db_\d{8}T\d{6}Z\.dump$/);
  });

  it('a service that is not running fails the step and leaves nothing', async () => {
    const r = await runAction('backup', {
      ...sshInputs(ssh),
      app: 'shop',
      'app-dir': appDir,
      postgres: 'compose:nosuch',
    });
    expect(r.code).toBe(1);
    expect(r.outputs.backups).toBe('[]');
    expect(r.stdout).toMatch(/nosuch/);
    expect(cmd('sh', ['-c', `ls -A ${appDir}/backups | grep nosuch || true`]).trim()).toBe('');
  });
});
