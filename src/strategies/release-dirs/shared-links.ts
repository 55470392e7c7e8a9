import { posix } from 'node:path';
import { ConfigurationError, inPhase } from '../../io/errors.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import { linkSharedCommand, makeSharedDirsCommand, missingSharedFilesCommand } from './commands.js';
import { SHARED } from './layout.js';
import { installFirstEnv } from '../env-release.js';
import type { Log } from '../../ssh/remote-shell.js';
import type { SharedLink } from './layout.js';

/**
 * Files and dirs that outlive releases (.env, media/, a SQLite file's directory) live in <app-dir>/shared and
 * are linked into each release. A shared file is the user's (secrets, settings): only shared/.env is written,
 * from `env-file`, and at the switch (env-release.ts) unless there is none yet; a missing one stops the deploy
 * before the switch. It is never created empty, which would start the app without its configuration. Shared
 * dirs are created empty when missing (media/, logs/).
 */
export async function prepareShared(
  conn: RemoteShell,
  appDir: string,
  plan: SharedLink[],
  envFile: string,
  log: Log,
): Promise<void> {
  const shared = posix.join(appDir, SHARED);
  const dirs = plan.filter((l) => l.kind === 'dir').map((l) => l.sharedPath);
  const fileParents = plan.filter((l) => l.kind === 'file').map((l) => posix.dirname(l.sharedPath));
  try {
    await conn.run(
      makeSharedDirsCommand(shared, [...new Set([...dirs, ...fileParents])]),
      'creating shared/',
      {
        log: false,
      },
    );
  } catch (e) {
    throw inPhase('shared', e);
  }
  // shared/.env comes from env-file at the switch: it need not be there yet.
  const files = plan.filter((l) => l.kind === 'file' && !(envFile && l.path === '.env'));
  if (files.length) await assertSharedFiles(conn, shared, files);
  await installFirstEnv(conn, envFile, posix.join(shared, '.env'), log, 'shared/.env');
}

async function assertSharedFiles(conn: RemoteShell, shared: string, files: SharedLink[]): Promise<void> {
  const r = await conn.run(missingSharedFilesCommand(files), 'checking shared files', { log: false });
  const missing = r.stdout.split('\n').filter(Boolean);
  if (missing.length) {
    const envHint = missing.includes('.env') ? ' (for .env: pass the "env-file" input from a secret)' : '';
    throw new ConfigurationError(
      `shared file${missing.length > 1 ? 's' : ''} missing on the server: ${missing
        .map((m) => posix.join(shared, m))
        .join(', ')}. ` +
        `The deploy stopped before switching releases; nothing changed. Create ${missing.length > 1 ? 'them' : 'it'} ` +
        `on the server${envHint}, or remove ${missing.length > 1 ? 'them' : 'it'} from "shared-files"`,
    );
  }
}

/** Replaces whatever the release holds at each shared path by a link into shared/ (one remote command). */
export async function linkShared(conn: RemoteShell, plan: SharedLink[]): Promise<void> {
  if (!plan.length) return;
  try {
    await conn.run(linkSharedCommand(plan), 'linking shared files into the release', { log: false });
  } catch (e) {
    throw inPhase('shared', e);
  }
}
