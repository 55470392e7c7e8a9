import { RemoteError, tailOf } from '../io/errors.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import { sh } from '../ssh/quote.js';
import { stepScript } from './script.js';
import type { StepStatus } from './script.js';
import type { InitStep } from './steps.js';

/**
 * Runs init's steps as root: directly when the SSH user is root, through `sudo -n` when it may use sudo without
 * a password. Each step checks, changes only what differs and reports created / updated / unchanged; a dry run
 * runs the same checks and changes nothing.
 */
export type AsRoot = (script: string) => string;

export interface StepReport {
  title: string;
  status: StepStatus;
  notes: { status: StepStatus; what: string }[];
}

/** How this connection becomes root, or a RemoteError saying what the user must give. */
export async function rootAccess(shell: RemoteShell): Promise<AsRoot> {
  const r = await shell.exec('id -u; sudo -n true >/dev/null 2>&1 && echo sudo-ok || true', { log: false });
  const [uid, sudo] = r.stdout.trim().split('\n');
  if (uid === '0') return (script) => sh`sh -c ${script}`;
  if (sudo === 'sudo-ok') return (script) => sh`sudo -n sh -c ${script}`;
  throw new RemoteError(
    `init needs root on ${shell.label}: log in as root, or as a user that may run sudo without a password ` +
      '(sudo -n true failed)',
    'init',
  );
}

export async function runStep(
  shell: RemoteShell,
  asRoot: AsRoot,
  step: InitStep,
  dry: boolean,
  log: Log,
): Promise<StepReport> {
  const r = await shell.exec(asRoot(stepScript(step.body, dry)), { stdin: step.stdin, log: false });
  const notes = [...r.stdout.matchAll(/^@@note (created|updated|unchanged) (.*)$/gm)].map((m) => ({
    status: m[1] as StepStatus,
    what: m[2]!,
  }));
  const status = /^@@status (created|updated|unchanged)$/m.exec(r.stdout)?.[1] as StepStatus | undefined;
  if (r.code !== 0 || !status) {
    const why = r.stderr
      .split('\n')
      .filter((l) => l.trim())
      .join('\n');
    throw new RemoteError(
      `${step.title}: ${r.code === 0 ? 'the step reported no status' : `failed (exit ${r.code})`}${tailOf(why, 20)}`,
      'init',
    );
  }
  for (const n of notes) log.info(`  ${dry ? wouldBe(n.status) : n.status.padEnd(9)} ${n.what}`);
  return { title: step.title, status, notes };
}

/** How a dry run words a status. */
export function wouldBe(status: StepStatus): string {
  return status === 'unchanged' ? 'unchanged' : `would be ${status}`;
}

/** The prerequisites' probe and where systemctl is, run as root (root's PATH has /usr/sbin, where visudo is). */
export async function probeServer(
  shell: RemoteShell,
  asRoot: AsRoot,
  probe: string,
): Promise<{ stdout: string; systemctl: string }> {
  const script = `${probe}\nprintf '@@systemctl %s\\n' "$(command -v systemctl || true)"\n`;
  const r = await shell.exec(asRoot(script), { log: false });
  if (r.code !== 0)
    throw new RemoteError(`checking the server failed (exit ${r.code})${tailOf(r.stderr)}`, 'init');
  return { stdout: r.stdout, systemctl: /^@@systemctl (.*)$/m.exec(r.stdout)?.[1]?.trim() ?? '' };
}
