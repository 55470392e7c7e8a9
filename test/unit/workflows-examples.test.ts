import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The workflows users copy (workflows-examples/) and our own (.github/workflows/) against the action.yml files
 * they use: every `with:` key is a declared input, every required input is given, permissions are explicit, and
 * no secret is written as a literal. An action.yml that is not in the tree fails the test naming the file.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  file: string;
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps?: Step[] }>;
}
interface ActionInput {
  required?: boolean;
  default?: unknown;
}

function workflowFiles(dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  // One folder per seed app (workflows-examples/<shape>/deploy.yml, rollback.yml, …) as well as loose files.
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function loadWorkflow(file: string): Workflow {
  const doc = parse(readFileSync(join(root, file), 'utf8')) as Omit<Workflow, 'file'>;
  return { ...doc, file };
}

/**
 * The action.yml a `uses:` refers to when it is one of ours, relative to the repository root:
 * `<owner>/vps-deploy@v1` and `./` are the root action; `<owner>/vps-deploy/actions/<name>@v1` and
 * `./actions/<name>` are actions/<name>/action.yml. Anything else (actions/checkout, ...) is not ours.
 */
export function ourActionFile(uses: string): string | undefined {
  const local = /^\.\/?(?:actions\/([A-Za-z0-9_-]+)\/?)?$/.exec(uses);
  const remote = /^[A-Za-z0-9_.-]+\/vps-deploy(?:\/actions\/([A-Za-z0-9_-]+))?@[^\s]+$/.exec(uses);
  const m = local ?? remote;
  if (!m) return undefined;
  return m[1] ? `actions/${m[1]}/action.yml` : 'action.yml';
}

/** Inputs whose value is a credential: they must come from an expression (a secret), never a literal. */
const SECRET_INPUTS = new Set([
  'key',
  'passphrase',
  'password',
  'jump-key',
  'jump-passphrase',
  'registry-password',
  'env-file',
  'github-token',
]);
const SECRET_ENV_NAME = /PASSWORD|PASSPHRASE|SECRET|TOKEN|PRIVATE_KEY/i;
const EXPRESSION = /^\$\{\{[^}]*\}\}$/;

/**
 * Why a `with:`/`env:` value is a literal secret, or undefined when it is not. `fromSecrets` additionally
 * requires credential inputs to name `secrets.*` or the workflow token (the examples users copy).
 */
export function literalSecretProblem(name: string, value: unknown, fromSecrets = false): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  const trimmed = text.trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----|PRIVATE KEY-----/.test(text)) return 'holds a literal private key';
  const credential = SECRET_INPUTS.has(name) || SECRET_ENV_NAME.test(name);
  if (credential && trimmed !== '') {
    if (!EXPRESSION.test(trimmed)) return 'is a credential written as a literal: use ${{ secrets.NAME }}';
    if (fromSecrets && !/\bsecrets\.|\bgithub\.token\b/.test(trimmed))
      return 'is a credential that does not come from secrets.* or github.token';
  }
  const userinfo = /:\/\/[^\s/:@]+:([^\s@/]+)@/.exec(text);
  if (userinfo && !userinfo[1]!.startsWith('${{')) return 'holds a URL with a literal password';
  const assignment =
    /\b[A-Za-z_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)[A-Za-z_]*\s*[=:]\s*(?!["']?\$)(\S+)/i.exec(text);
  if (assignment) return `assigns a literal to ${assignment[0].split(/[=:]/)[0]!.trim()}`;
  return undefined;
}

const exampleFiles = workflowFiles('workflows-examples');
const ownFiles = workflowFiles('.github/workflows');
const allFiles = [...exampleFiles, ...ownFiles];
const workflows = allFiles.map(loadWorkflow);

interface UseOfOurs {
  workflow: string;
  job: string;
  index: number;
  step: Step;
  actionFile: string;
}
const usesOfOurs: UseOfOurs[] = workflows.flatMap((w) =>
  Object.entries(w.jobs ?? {}).flatMap(([job, j]) =>
    (j.steps ?? []).flatMap((step, index) => {
      const actionFile = step.uses ? ourActionFile(step.uses) : undefined;
      return actionFile ? [{ workflow: w.file, job, index, step, actionFile }] : [];
    }),
  ),
);
const label = (u: UseOfOurs) => `${u.workflow} jobs.${u.job}.steps[${u.index}] (${u.step.uses})`;

function loadInputs(actionFile: string): Record<string, ActionInput> {
  const abs = join(root, actionFile);
  if (!existsSync(abs)) {
    throw new Error(
      `${actionFile} is not in the tree: the workflows use it, so it must exist (the action is written on another branch until it is merged)`,
    );
  }
  const doc = parse(readFileSync(abs, 'utf8')) as { inputs?: Record<string, ActionInput | null> };
  return Object.fromEntries(Object.entries(doc.inputs ?? {}).map(([k, v]) => [k, v ?? {}]));
}

describe('ourActionFile', () => {
  it.each([
    ['org/vps-deploy@v1', 'action.yml'],
    ['acme/vps-deploy@main', 'action.yml'],
    ['org/vps-deploy/actions/deploy@v1', 'actions/deploy/action.yml'],
    ['org/vps-deploy/actions/backup@v1.2.0', 'actions/backup/action.yml'],
    ['./', 'action.yml'],
    ['.', 'action.yml'],
    ['./actions/healthcheck', 'actions/healthcheck/action.yml'],
    ['actions/checkout@v4', undefined],
    ['actions/upload-artifact@v4', undefined],
    ['org/vps-deploy-fork@v1', undefined],
    ['./some/other', undefined],
  ])('%s -> %s', (uses, file) => {
    expect(ourActionFile(uses)).toBe(file);
  });
});

describe('literalSecretProblem', () => {
  it.each([
    ['key', '${{ secrets.DEPLOY_SSH_KEY }}', true, undefined],
    ['registry-password', '${{ secrets.GITHUB_TOKEN }}', true, undefined],
    ['github-token', '${{ github.token }}', true, undefined],
    ['key', '${{ steps.target.outputs.key }}', false, undefined],
    [
      'key',
      '${{ steps.target.outputs.key }}',
      true,
      'is a credential that does not come from secrets.* or github.token',
    ],
    [
      'key',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n',
      false,
      'holds a literal private key',
    ],
    ['password', 'hunter2', false, 'is a credential written as a literal: use ${{ secrets.NAME }}'],
    ['env-file', 'DEBUG=false\n', false, 'is a credential written as a literal: use ${{ secrets.NAME }}'],
    ['password', '', false, undefined],
    ['postgres', 'postgresql://sum:s3cret@127.0.0.1:5432/sum', false, 'holds a URL with a literal password'],
    ['postgres', 'postgresql://sum:${{ secrets.PGPASS }}@127.0.0.1/sum', false, undefined],
    ['postgres', 'postgresql://sum_site_user@127.0.0.1:5432/sum_rehearsal_db', false, undefined],
    ['postgres', 'compose:postgres', false, undefined],
    ['start-command', 'DB_PASSWORD=hunter2 ./run', false, 'assigns a literal to DB_PASSWORD'],
    ['start-command', 'DB_PASSWORD="$DB_PASSWORD" ./run', false, undefined],
    ['PASSPHRASE', '${{ secrets.BACKUP_PASSPHRASE }}', true, undefined],
    ['API_TOKEN', 'abc123', false, 'is a credential written as a literal: use ${{ secrets.NAME }}'],
    ['confirm', 'i-know-this-will-overwrite', false, undefined],
    ['health-url', 'http://127.0.0.1:8000/health', false, undefined],
  ])('%s: %j (from secrets: %s) -> %s', (name, value, fromSecrets, problem) => {
    expect(literalSecretProblem(name, value, fromSecrets)).toBe(problem);
  });
});

describe('the workflows', () => {
  it('exist: five examples users copy (and a folder per seed app), and the project’s own', () => {
    expect(exampleFiles.map((f) => f.replace('workflows-examples/', '')).sort()).toEqual(
      expect.arrayContaining([
        'backup-nightly.yml',
        'deploy-on-tag.yml',
        'deploy-swarm.yml',
        'deploy-systemd.yml',
        'rollback.yml',
      ]),
    );
    expect(ownFiles.length).toBeGreaterThan(0);
    expect(usesOfOurs.length).toBeGreaterThan(0);
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s sets permissions explicitly', (_file, w) => {
    const jobs = Object.values(w.jobs ?? {});
    const explicit = w.permissions !== undefined || jobs.every((j) => j.permissions !== undefined);
    expect(explicit, 'top-level `permissions:` (or one on every job) is required').toBe(true);
    for (const p of [w.permissions, ...jobs.map((j) => j.permissions)]) {
      expect(p, 'write-all is never minimal').not.toBe('write-all');
    }
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s writes no secret as a literal', (file, w) => {
    const fromSecrets = file.startsWith('workflows-examples/');
    const problems: string[] = [];
    for (const [job, j] of Object.entries(w.jobs ?? {})) {
      (j.steps ?? []).forEach((step, i) => {
        for (const [kind, values] of [
          ['with', step.with],
          ['env', step.env],
        ] as const) {
          for (const [name, value] of Object.entries(values ?? {})) {
            const problem = literalSecretProblem(name, value, fromSecrets && kind === 'with');
            if (problem) problems.push(`jobs.${job}.steps[${i}].${kind}.${name} ${problem}`);
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('every use of our actions matches its action.yml', () => {
  const files = [...new Set(usesOfOurs.map((u) => u.actionFile))].sort();

  it.each(files)('%s exists', (actionFile) => {
    expect(
      existsSync(join(root, actionFile)),
      `${actionFile} is missing: ${usesOfOurs
        .filter((u) => u.actionFile === actionFile)
        .map(label)
        .join(', ')} use it`,
    ).toBe(true);
  });

  it.each(usesOfOurs.map((u) => [label(u), u] as const))('%s', (_label, u) => {
    const inputs = loadInputs(u.actionFile);
    const given = Object.keys(u.step.with ?? {});
    const undeclared = given.filter((k) => !(k in inputs));
    expect(undeclared, `not inputs of ${u.actionFile}`).toEqual([]);
    const missing = Object.entries(inputs)
      .filter(([k, v]) => v.required === true && v.default === undefined && !given.includes(k))
      .map(([k]) => k);
    expect(missing, `required inputs of ${u.actionFile} without a default`).toEqual([]);
  });
});
