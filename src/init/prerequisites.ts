import type { InitSettings } from './settings.js';

/**
 * What the chosen strategy, backups, proxy and init's own steps need on the server, each checked by a shell
 * test and named with the Debian/Ubuntu package that provides it. `forInit` tools are needed by init itself
 * (a step would fail without them); the rest are reported for the deploys and backups to come.
 */
export interface Prerequisite {
  name: string;
  /** A POSIX shell test that exits 0 when it is there. */
  test: string;
  pkg: string;
  why: string;
  forInit: boolean;
}

const has = (bin: string) => `command -v ${bin} >/dev/null 2>&1`;

export function prerequisitesOf(s: InitSettings): Prerequisite[] {
  const out: Prerequisite[] = [
    { name: 'flock', test: has('flock'), pkg: 'util-linux', why: 'the deploy lock', forInit: false },
  ];
  const add = (p: Prerequisite) => {
    if (!out.some((o) => o.name === p.name)) out.push(p);
  };
  if (s.strategy === 'release') {
    add({ name: 'tar', test: has('tar'), pkg: 'tar', why: 'release uploads', forInit: false });
  } else {
    add({
      name: 'docker',
      test: has('docker'),
      pkg: 'docker.io',
      why: 'the compose strategy',
      forInit: false,
    });
    add({
      name: 'docker compose',
      test: `docker compose version >/dev/null 2>&1 || ${has('docker-compose')}`,
      pkg: 'docker-compose',
      why: 'the compose strategy',
      forInit: false,
    });
  }
  for (const kind of s.backups) {
    if (kind === 'sqlite')
      add({ name: 'sqlite3', test: has('sqlite3'), pkg: 'sqlite3', why: 'sqlite backups', forInit: false });
    if (kind === 'postgres')
      add({
        name: 'pg_dump',
        test: has('pg_dump'),
        pkg: 'postgresql-client',
        why: 'postgres backups',
        forInit: false,
      });
    if (kind === 'files' || kind === 'volumes') {
      add({ name: 'tar', test: has('tar'), pkg: 'tar', why: `${kind} backups`, forInit: false });
      add({ name: 'gzip', test: has('gzip'), pkg: 'gzip', why: `${kind} backups`, forInit: false });
    }
    if (kind === 'volumes')
      add({ name: 'docker', test: has('docker'), pkg: 'docker.io', why: 'volume backups', forInit: false });
  }
  if (s.unit || s.proxy)
    add({
      name: 'systemctl',
      test: has('systemctl'),
      pkg: 'systemd',
      why: 'the unit and reloads',
      forInit: true,
    });
  if (s.unit || s.proxy || s.sudoCommands.length)
    add({ name: 'visudo', test: has('visudo'), pkg: 'sudo', why: 'the sudoers drop-in', forInit: true });
  if (s.proxy)
    add({
      name: s.proxy.kind,
      test: has(s.proxy.kind),
      pkg: s.proxy.kind,
      why: 'the proxy site',
      forInit: true,
    });
  return out;
}

/** The probe: one `@@have <index> <yes|no>` line per prerequisite. */
export function probeText(prereqs: readonly Prerequisite[]): string {
  return prereqs
    .map((p, i) => `if { ${p.test}; }; then echo "@@have ${i} yes"; else echo "@@have ${i} no"; fi`)
    .join('\n');
}

export interface PrerequisiteState extends Prerequisite {
  present: boolean;
}

export function parseProbe(prereqs: readonly Prerequisite[], stdout: string): PrerequisiteState[] {
  const seen = new Map<number, boolean>();
  for (const m of stdout.matchAll(/^@@have (\d+) (yes|no)$/gm)) seen.set(Number(m[1]), m[2] === 'yes');
  return prereqs.map((p, i) => ({ ...p, present: seen.get(i) ?? false }));
}

/** The packages that provide what is missing, once each, in the order found. */
export function missingPackages(states: readonly PrerequisiteState[]): string[] {
  return [...new Set(states.filter((s) => !s.present).map((s) => s.pkg))];
}

export function aptLine(pkgs: readonly string[]): string {
  return `apt-get install -y ${pkgs.join(' ')}`;
}
