import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputSpec } from '../io/inputs.js';
import { envName } from './args.js';

/** One input as action.yml describes it. */
export interface InputDoc {
  description: string;
  default?: string;
  required?: boolean;
}

/** The action.yml whose inputs a command mirrors (status has none: it takes deploy's connection inputs). */
const METADATA: Record<string, string[]> = {
  deploy: ['actions/deploy/action.yml'],
  rollback: ['actions/rollback/action.yml'],
  healthcheck: ['actions/healthcheck/action.yml'],
  backup: ['actions/backup/action.yml'],
  init: ['actions/init/action.yml'],
  status: ['actions/deploy/action.yml', 'actions/backup/action.yml'],
  config: ['action.yml', 'actions/backup/action.yml', 'actions/init/action.yml'],
};

/**
 * The inputs' descriptions and defaults from the action.yml files, read where they sit beside the code: the
 * repository (or the npm package) holds dist/cli/index.js and actions/<name>/action.yml, and src/cli/ during
 * development, so the first ancestor with the file is the one. Empty when none is found (help then lists names).
 */
export async function inputDocs(
  command: string,
  from = dirname(fileURLToPath(import.meta.url)),
): Promise<Record<string, InputDoc>> {
  const { parse } = await import('yaml');
  const out: Record<string, InputDoc> = {};
  for (const file of METADATA[command] ?? []) {
    let dir = from;
    for (let up = 0; up < 5; up++, dir = dirname(dir)) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const inputs =
        (parse(readFileSync(path, 'utf8')) as { inputs?: Record<string, InputDoc> }).inputs ?? {};
      for (const [name, doc] of Object.entries(inputs)) out[name] ??= doc;
      break;
    }
  }
  return out;
}

/** The groups help shows, in order; an input goes in the first whose test it passes. */
const GROUPS: [title: string, test: (name: string) => boolean][] = [
  ['Config file', (n) => n === 'config' || n === 'environment'],
  [
    'Connection',
    (n) =>
      /^(host|port|username|key|passphrase|password|known-hosts|host-fingerprint|insecure-ignore-host-key|jump-.*|connect-.*)$/.test(
        n,
      ),
  ],
  [
    'Gate',
    (n) =>
      /^(health-.*|allow-degraded|url|command|timeout|interval|successes|request-timeout|headers|follow-redirects|public-health-url)$/.test(
        n,
      ),
  ],
  ['Proxy', (n) => /^(proxy.*|switch|ports|drain-timeout|upstream-file|site-address)$/.test(n)],
  [
    'Backup',
    (n) =>
      /^(sqlite|postgres|volumes|files|backup-dir|backups|keep-(last|daily|weekly|monthly)|mode|restore-from|download|verify|helper-image|confirm)$/.test(
        n,
      ),
  ],
  ['Release', () => true],
];

/** `vps-deploy <command> --help`: each option with its description and default, grouped. */
export function helpText(
  command: string,
  describe: string,
  spec: InputSpec,
  docs: Record<string, InputDoc>,
): string {
  const names = Object.keys(spec);
  const out = [`usage: vps-deploy ${command} [options] [--env NAME] [--json]`, '', describe, ''];
  for (const [title, test] of GROUPS) {
    const mine = names.filter((n) => test(n) && GROUPS.find(([, t]) => t(n))?.[0] === title);
    if (!mine.length) continue;
    out.push(`${title}:`);
    for (const name of mine) {
      const doc = docs[name];
      const facts = [
        doc?.required ? 'required: a flag, vps-deploy.yml or ~/.ssh/config' : '',
        doc?.default ? `default: ${doc.default}` : '',
        `env ${envName(name)}`,
      ].filter(Boolean);
      out.push(`  --${name}`);
      for (const line of wrap(doc?.description ?? '', 92)) out.push(`      ${line}`);
      out.push(`      (${facts.join('; ')})`);
    }
    out.push('');
  }
  out.push(
    'Every option may also be set in vps-deploy.yml (top level or environments.<NAME>, chosen by --env);',
    'a flag wins over the file. --<option>-file PATH reads a value from a file. Secrets (key, password, …)',
    'come from flags, files or variables only; with no key the CLI uses your ssh-agent, then ~/.ssh/id_*.',
    '',
  );
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + word.length + 1 > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}
