import { sh } from '../ssh/quote.js';
import { accountsStepText, authorizedKeysStepText } from './accounts.js';
import { layoutStepText } from './layout.js';
import { siteContent, siteStepText, upstreamLine, upstreamStepText } from './proxy.js';
import type { InitSettings } from './settings.js';
import { sudoersContent, sudoersStepText } from './sudoers.js';
import { unitContent, unitPath, unitStepText } from './unit.js';

/** One thing init makes sure of: its shell body (see script.ts) and the content it installs, on stdin. */
export interface InitStep {
  title: string;
  body: string;
  stdin: string;
}

/** What the server said before any step: where systemctl is (sudoers names commands by full path). */
export interface ServerFacts {
  systemctl: string;
  /** Packages to install first (install: true and something missing). */
  install: string[];
}

/** The plan as a list of titles, known from the inputs alone (printed before anything connects). */
export function planTitles(s: InitSettings): string[] {
  return stepsOf(s, { systemctl: '/usr/bin/systemctl', install: [] }).map((st) => st.title);
}

/** Every step, in the order they run: each later one relies on what the earlier ones made. */
export function stepsOf(s: InitSettings, facts: ServerFacts): InitStep[] {
  const steps: InitStep[] = [];
  if (facts.install.length)
    steps.push({
      title: `packages: ${facts.install.join(' ')}`,
      body: `if [ "$DRY" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${sh`${facts.install}`} >&2 || fail ${sh`${`apt-get install -y ${facts.install.join(' ')} failed (above)`}`}
fi
mark created ${sh`${facts.install.join(' ')}`}`,
      stdin: '',
    });
  const users = [s.appGroup && `group ${s.appGroup}`, s.appUser && `app user ${s.appUser}`]
    .filter(Boolean)
    .join(', ');
  steps.push({
    title: `deploy user ${s.deployUser}${users ? `, ${users}` : ''}`,
    body: accountsStepText(s),
    stdin: '',
  });
  steps.push({
    title: `authorized_keys of ${s.deployUser} (${s.deployKeys.length} key(s))`,
    body: authorizedKeysStepText(s.deployUser),
    stdin: s.deployKeys.map((k) => `${k}\n`).join(''),
  });
  steps.push({ title: `layout of ${s.appDir}`, body: layoutStepText(s), stdin: '' });
  if (s.unit) {
    const content = s.unit.ownFile ?? unitContent(s, { ...s.unit, execStart: s.unit.execStart ?? '' });
    steps.push({
      title: `systemd unit ${unitPath(s.unit)}${s.unit.ownFile ? ' (your unit file)' : ''}`,
      body: unitStepText(s.unit, facts.systemctl),
      stdin: content,
    });
  }
  const sudoers = sudoersContent(s, facts.systemctl);
  if (sudoers)
    steps.push({
      title: `sudoers drop-in ${s.sudoersPath}`,
      body: sudoersStepText(s.sudoersPath),
      stdin: sudoers,
    });
  if (s.proxy) {
    const ports = s.unit?.ports.length ? s.unit.ports : [s.proxy.port];
    steps.push({
      title: `upstream file ${s.proxy.upstreamPath}`,
      body: upstreamStepText(s.proxy, s.deployUser, s.appGroup, ports),
      stdin: `${upstreamLine(s.proxy.kind, ports[0]!)}\n`,
    });
    steps.push({
      title: `${s.proxy.kind} site ${s.proxy.sitePath}`,
      body: siteStepText(s.proxy, facts.systemctl),
      stdin: siteContent(s.app, s.proxy),
    });
  }
  return steps;
}
