import type { ActionIO } from '../../io/action-io.js';
import { table } from '../../io/summary.js';
import { aptLine, missingPackages } from '../../init/prerequisites.js';
import type { PrerequisiteState } from '../../init/prerequisites.js';
import { wouldBe } from '../../init/run-steps.js';
import type { StepReport } from '../../init/run-steps.js';
import type { InitSettings } from '../../init/settings.js';
import { deployCommands } from '../../init/sudoers.js';

export interface HostInit {
  host: string;
  systemctl: string;
  prerequisites: PrerequisiteState[];
  steps: StepReport[];
}

/** Outputs and the summary: one row per step and host, then what is missing and the commands deploys use. */
export async function reportInit(io: ActionIO, s: InitSettings, hosts: HostInit[]): Promise<void> {
  const changed = hosts.some((h) => h.steps.some((st) => st.status !== 'unchanged'));
  io.setOutput('changed', changed);
  io.setOutput(
    'steps',
    JSON.stringify(
      hosts.flatMap((h) => h.steps.map((st) => ({ host: h.host, step: st.title, status: st.status }))),
    ),
  );
  const missing = [...new Set(hosts.flatMap((h) => missingPackages(h.prerequisites)))];
  io.setOutput('missing', missing.join(' '));
  const commands = hosts[0] ? deployCommands(s, hosts[0].systemctl) : [];
  const first = (verb: string) => commands.find((c) => c.verb === verb)?.command;
  for (const verb of ['restart', 'start', 'stop', 'reload'] as const) {
    const c = first(verb);
    io.setOutput(`${verb}-command`, c ? `sudo ${c}` : '');
  }
  const verdict = s.dryRun
    ? changed
      ? 'dry run: these changes would be made'
      : 'dry run: the server is already set up, nothing would change'
    : changed
      ? 'set up'
      : 'already set up: nothing changed';
  if (!changed) io.info(verdict);
  const rows = hosts.flatMap((h) =>
    h.steps.map((st) => [h.host, st.title, s.dryRun ? wouldBe(st.status) : st.status]),
  );
  const lines = [
    `### ${s.app} on ${hosts.map((h) => h.host).join(', ')}: ${verdict}`,
    '',
    table(['host', 'step', 'status'], rows),
    '',
    missing.length
      ? `Missing for deploys and backups: ${hosts
          .flatMap((h) => h.prerequisites.filter((p) => !p.present).map((p) => `${p.name} (${p.why})`))
          .join(', ')}. Install with \`${aptLine(missing)}\`.`
      : 'Every prerequisite is present.',
    '',
    ...(commands.length
      ? [
          `Deploys may run (as ${s.deployUser}): ${commands.map((c) => `\`sudo ${c.command}\``).join(', ')}.`,
          '',
        ]
      : []),
  ];
  await io.summary(lines.join('\n'));
}
