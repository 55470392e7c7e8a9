import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PARTS } from './parts.js';
import { DIST } from './run-action.js';

/**
 * Before the first suite: the committed bundles exist, and the real parts are installed. As root on a fresh
 * Debian machine the missing Debian packages are installed here (as .ci/run does); otherwise a missing part
 * fails the run naming the package, in the suite that needs it.
 */
export default function setup(): void {
  for (const a of ['healthcheck', 'deploy', 'rollback', 'pipeline', 'backup', 'cli']) {
    if (!existsSync(join(DIST, a, 'index.js')))
      throw new Error(`dist/${a}/index.js is missing: run npm run bundle`);
  }
  const missing = [
    ...new Set(
      Object.values(PARTS)
        .filter((p) => !existsSync(p.binary))
        .map((p) => p.pkg),
    ),
  ];
  if (!missing.length || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log(`integration tests: installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (update.status !== 0 || install.status !== 0)
    throw new Error(`apt-get install ${missing.join(' ')} failed`);
}
