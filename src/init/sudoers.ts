import type { InitSettings } from './settings.js';
import { unitInstances } from './unit.js';
import { ensureFileText } from './script.js';

/**
 * The sudoers drop-in: the deploy user may run, as root and without a password, exactly the commands deploys
 * run (restart/start/stop of the app's unit or slots, reload of the proxy) and the extra `sudo-commands`,
 * nothing else. It is checked with `visudo -cf` before it is installed and never installed otherwise: a drop-in
 * sudo cannot parse breaks sudo for everyone on the server.
 */

/** sudoers reads `,` `:` `=` `\` in a command's arguments as syntax: they are escaped with a backslash. */
export function sudoersArg(arg: string): string {
  return arg.replace(/[\\,:=]/g, (c) => `\\${c}`);
}

/** The commands deploys run with sudo, as they must type them (sudo compares the words exactly). */
export function deployCommands(s: InitSettings, systemctl: string): { verb: string; command: string }[] {
  const out: { verb: string; command: string }[] = [];
  if (s.unit) {
    for (const instance of unitInstances(s.unit))
      for (const verb of ['restart', 'start', 'stop'])
        out.push({ verb, command: `${systemctl} ${verb} ${instance}` });
  }
  if (s.proxy) out.push({ verb: 'reload', command: `${systemctl} reload ${s.proxy.service}` });
  return out;
}

/** The drop-in's text; undefined when there is nothing to allow. */
export function sudoersContent(s: InitSettings, systemctl: string): string | undefined {
  const ours = deployCommands(s, systemctl).map(({ command }) =>
    command.split(' ').map(sudoersArg).join(' '),
  );
  const all = [...ours, ...s.sudoCommands];
  if (!all.length) return undefined;
  return [
    `# Written by vps-deploy init for ${s.app}: what deploys run with sudo, and nothing else.`,
    '# Checked with visudo -cf before it was installed; a later init run rewrites it.',
    ...all.map((c) => `${s.deployUser} ALL=(root) NOPASSWD: ${c}`),
    '',
  ].join('\n');
}

/** The step body: visudo checks the new text first (in a dry run too); a refused text is never installed. */
export function sudoersStepText(path: string): string {
  const validate = `command -v visudo >/dev/null 2>&1 || fail "visudo not found: install sudo (apt-get install -y sudo)"
if ! out=$(visudo -cf "$tmp" 2>&1); then
  printf '%s\\n' "$out" >&2
  fail "visudo -cf refused the new sudoers drop-in $f (above), so it was not installed: sudo is as it was"
fi`;
  return ensureFileText({ path, mode: 0o440, owner: 'root', group: 'root' }, { validate });
}
