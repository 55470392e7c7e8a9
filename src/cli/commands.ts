import type { ActionIO } from '../io/action-io.js';
import type { InputSpec } from '../io/inputs.js';

/** A CLI command: the same run() as the action, and the input spec its flags mirror. */
export interface Command {
  describe: string;
  spec: () => Promise<InputSpec>;
  run: () => Promise<(io: ActionIO, signal?: AbortSignal) => Promise<unknown>>;
}

// Loaded lazily: a command pulls in only its own action's code.
export const COMMANDS: Record<string, Command> = {
  deploy: {
    describe: 'deploy one tag-pinned release (compose or release strategy), gate it, roll back on failure',
    spec: async () => (await import('../actions/deploy/inputs.js')).deployInputSpec,
    run: async () => {
      const { runDeploy, deployAction } = await import('../actions/deploy/run.js');
      return (io, signal) => runDeploy(io, deployAction, signal);
    },
  },
  rollback: {
    describe: 'return to the previous release (or --to <tag> still on the server), gated',
    spec: async () => (await import('../actions/rollback/inputs.js')).rollbackInputSpec,
    run: async () => (await import('../actions/rollback/run.js')).runRollback,
  },
  healthcheck: {
    describe: 'gate on a /health endpoint, from here or through the SSH host (--url, --host …)',
    spec: async () => (await import('../actions/healthcheck/inputs.js')).healthcheckInputSpec,
    run: async () => (await import('../actions/healthcheck/run.js')).runHealthcheck,
  },
  backup: {
    describe: 'back up, list or restore SQLite / PostgreSQL / Docker volumes / files (--sqlite, --mode …)',
    spec: async () => (await import('../actions/backup/inputs.js')).backupInputSpec,
    run: async () => (await import('../actions/backup/run.js')).runBackup,
  },
  init: {
    describe:
      'first-time server setup as root: deploy user, app-dir, systemd unit, sudoers, proxy site (--dry-run)',
    spec: async () => (await import('../actions/init/inputs.js')).initInputSpec,
    run: async () => (await import('../actions/init/run.js')).runInit,
  },
  config: {
    describe:
      'show the settings a deploy would use (vps-deploy.yml with --env NAME, flags, ~/.ssh), secrets masked',
    spec: async () => (await import('../actions/deploy/inputs.js')).deployInputSpec,
    // main prints the settings instead of running anything.
    run: async () => async () => undefined,
  },
  status: {
    describe: "show what each host runs (current, previous) and the app's last ledger entries",
    spec: async () => (await import('./status.js')).statusInputSpec,
    run: async () => (await import('./status.js')).runStatus,
  },
};
