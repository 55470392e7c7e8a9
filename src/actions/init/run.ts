import { readFileSync } from 'node:fs';
import type { ActionIO } from '../../io/action-io.js';
import { ConfigurationError } from '../../io/errors.js';
import { maskSecretInputs } from '../../io/secrets.js';
import { withConnection } from '../../ssh/connection.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import {
  aptLine,
  missingPackages,
  parseProbe,
  prerequisitesOf,
  probeText,
} from '../../init/prerequisites.js';
import type { PrerequisiteState } from '../../init/prerequisites.js';
import { probeServer, rootAccess, runStep } from '../../init/run-steps.js';
import type { StepReport } from '../../init/run-steps.js';
import type { InitSettings } from '../../init/settings.js';
import { planTitles, stepsOf } from '../../init/steps.js';
import { readInitInputs } from './inputs.js';
import { planOf } from './plan.js';
import { reportInit } from './report.js';
import type { HostInit } from './report.js';

/**
 * actions/init: inputs -> plan (printed before anything connects) -> per host: root access, prerequisites,
 * then each step (check, change only what differs, report) -> outputs. A dry run stops after the checks.
 */
export async function runInit(io: ActionIO): Promise<void> {
  maskSecretInputs(io);
  const inputs = readInitInputs((n) => io.input(n));
  const plan = planOf(inputs, io.run.repository, io.run.workspace, (p) => readFileSync(p, 'utf8'));
  const s = plan.settings;
  io.info(`Plan${s.dryRun ? ' (dry run: nothing will change)' : ''} for ${s.app} in ${s.appDir}:`);
  planTitles(s).forEach((t, n) => io.info(`  ${n + 1}. ${t}`));
  const hosts: HostInit[] = [];
  for (const target of plan.targets) {
    hosts.push(
      await io.group(`${s.dryRun ? 'Check' : 'Set up'} ${target.host}`, () =>
        withConnection(target, io, (c) => initHost(c, s, io)),
      ),
    );
  }
  await reportInit(io, s, hosts);
}

async function initHost(shell: RemoteShell, s: InitSettings, io: ActionIO): Promise<HostInit> {
  const asRoot = await rootAccess(shell);
  const prereqs = prerequisitesOf(s);
  const probe = await probeServer(shell, asRoot, probeText(prereqs));
  const states = parseProbe(prereqs, probe.stdout);
  reportPrerequisites(io, shell.host, states);
  const missing = missingPackages(states);
  const blocking = states.filter((p) => !p.present && p.forInit);
  if (blocking.length && !s.install) {
    throw new ConfigurationError(
      `${shell.host} lacks what init needs: ${blocking.map((p) => `${p.name} (${p.why})`).join(', ')}. ` +
        `Install it (${aptLine(missingPackages(blocking))}) or run init with install: true`,
    );
  }
  const systemctl = probe.systemctl || '/usr/bin/systemctl';
  const steps = stepsOf(s, { systemctl, install: s.install ? missing : [] });
  const reports: StepReport[] = [];
  for (const step of steps) {
    io.info(`${step.title}`);
    reports.push(await runStep(shell, asRoot, step, s.dryRun, io));
  }
  return { host: shell.host, systemctl, prerequisites: states, steps: reports };
}

function reportPrerequisites(io: ActionIO, host: string, states: PrerequisiteState[]): void {
  for (const p of states) io.info(`  ${p.present ? 'present' : 'MISSING'} ${p.name} (${p.why})`);
  const missing = missingPackages(states);
  if (missing.length)
    io.warning(
      `${host} misses ${states
        .filter((p) => !p.present)
        .map((p) => p.name)
        .join(', ')}: ${aptLine(missing)}`,
    );
}
