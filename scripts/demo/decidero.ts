/**
 * The demo's systemd seed: Decidero's shape (FastAPI under uvicorn, SQLite, Caddy, an app user), deployed by
 * the steps of workflows-examples/fastapi-sqlite-caddy/ exactly as its suite runs them
 * (test/integration/seeds/decidero.itg.test.ts): a fresh server (real OpenSSH letting root in, a real Caddy, a
 * systemctl stand-in that runs the units init writes), setup.yml's init, deploy.yml for v1, v2 and a release
 * whose /health answers 503 while requests flow through Caddy, backup.yml's nightly SQLite backup, then status.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { serverBaseDir } from '../../test/harness/parts.js';
import { freePort } from '../../test/harness/ports.js';
import { startLoad } from '../../test/harness/load.js';
import { runAction } from '../../test/harness/run-action.js';
import { ourStep } from '../../test/harness/workflow-steps.js';
import type { ExprContext } from '../../test/harness/workflow-steps.js';
import { startInitTarget } from '../../test/integration/actions/init-target.js';
import {
  addNote,
  createFastapiRepo,
  deployKeyPair,
  knownHostsOf,
  notes,
  decideroOnThisMachine,
  removeAccounts,
} from '../../test/integration/seeds/fastapi-seed.js';
import { banner, cleanups, say, show, status } from './common.js';

const EXAMPLE = 'workflows-examples/fastapi-sqlite-caddy';

export async function decideroDemo(): Promise<void> {
  banner('1. Decidero-shaped: FastAPI + SQLite under systemd behind Caddy (fastapi-sqlite-caddy/)');
  const id = randomBytes(3).toString('hex');
  const target = await startInitTarget();
  const deployUser = `dcd${id}`;
  const appUser = `dca${id}`;
  cleanups.push(() => removeAccounts([deployUser, appUser], ['decidero']));
  const base = serverBaseDir('demo-decidero-');
  cleanups.push(() => rmSync(base, { recursive: true, force: true }));
  cleanups.push(() => target.stop()); // runs first: the server stops before its files go
  const appDir = join(base, 'decidero');
  const ports = [await freePort(), await freePort()];
  const proxy = `http://127.0.0.1:${target.proxyPort}`;
  const key = deployKeyPair(target.dir);
  const repo = createFastapiRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['v3', '503'],
  ]);
  cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
  say(`A fresh server: OpenSSH on 127.0.0.1:${target.port} (root by key), Caddy on :${target.proxyPort}.`);

  // The example's own steps, moved onto this machine as its suite moves them; the users get names of this run
  // (they are removed at the end).
  const onThisMachine = decideroOnThisMachine(target, appDir, ports);
  const overrides: Record<string, string> = { port: String(target.port), username: deployUser };
  const initOnly: Record<string, string> = {
    'deploy-user': deployUser,
    'app-user': appUser,
    'unit-dir': target.unitDir,
    'proxy-site': join(target.caddySites, 'decidero.caddy'),
    'proxy-config': target.caddyConfig,
  };
  const ctx = (extra: ExprContext = {}): ExprContext => ({
    vars: { DEPLOY_HOST: target.host, DEPLOY_KNOWN_HOSTS: knownHostsOf(target), DEPLOY_PUBLIC_KEY: key.pub },
    secrets: {
      ROOT_SSH_KEY: target.rootKey,
      DEPLOY_SSH_KEY: key.priv,
      DECIDERO_ENV_FILE: `DECIDERO_JWT_SECRET_KEY=${randomBytes(24).toString('hex')}\nDATABASE_URL=sqlite:////opt/decidero/shared/data/decidero.db\n`,
    },
    ...extra,
  });
  const run = (file: string, action: string, c: ExprContext, extra: Record<string, string> = {}) => {
    const inputs = onThisMachine(ourStep(`${EXAMPLE}/${file}`, action).inputs(c));
    const mine = action === 'init' ? { ...overrides, ...initOnly, username: 'root' } : overrides;
    return runAction(action, { ...inputs, ...mine, ...extra }, { cwd: repo, timeoutMs: 180_000 });
  };
  // No pip download here: a venv that sees Debian's FastAPI and uvicorn replaces `pip install -r requirements.txt`.
  const install = { 'install-command': '/usr/bin/python3 -m venv --system-site-packages .venv' };
  const deploy = (tag: string) => run('deploy.yml', 'deploy', ctx({ github: { ref_name: tag } }), install);

  show(
    'setup.yml: init, once, as root',
    await run('setup.yml', 'init', ctx({ inputs: { 'dry-run': 'false' } })),
  );
  show('deploy.yml: v1', await deploy('v1'));
  await addNote(proxy, 'a row written under v1');
  const load = startLoad({ url: `${proxy}/`, rps: 50, maxSeconds: 150 });
  cleanups.push(async () => void (await load.stop()));
  show('deploy.yml: v2, blue-green, while requests flow through Caddy', await deploy('v2'));
  show(
    'deploy.yml: v3, whose /health answers 503: gated on its own port, never gets a request',
    await deploy('v3'),
  );
  const report = await load.stop();
  say(
    `\n  ${report.sent} requests through Caddy during the two deploys: ${report.failed} failed ` +
      `(answers ${JSON.stringify(report.bodies)})`,
  );
  say(`  rows in SQLite, written through the app: ${(await notes(proxy)).map((n) => n.body).join('; ')}`);
  show('backup.yml: the nightly SQLite backup, verified', await run('backup.yml', 'backup', ctx()));
  status(
    {
      host: target.host,
      port: target.port,
      username: deployUser,
      fingerprint: target.fingerprint,
      key: key.priv,
    },
    'decidero',
    appDir,
  );
}
