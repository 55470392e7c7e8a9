import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './run-action.js';

/**
 * The steps of a workflow a user copies (workflows-examples/), read so a test can run exactly those steps' inputs
 * with `runAction`: the seeds' end-to-end suites deploy what the example says, not a copy of it that could drift.
 *
 * `${{ … }}` expressions are evaluated against the context the test gives (secrets, vars, inputs, github, runner,
 * steps.<id>.outputs, env, matrix): a dotted name, a quoted literal, or `a || b` alternatives. Anything else, or a
 * name the context does not have, throws naming the expression and the file, so an example can not use an
 * expression its test silently ignores.
 */
export type ExprContext = Record<string, unknown>;

export interface WorkflowStep {
  job: string;
  id?: string;
  name?: string;
  uses?: string;
  /** Our dist bundle the step runs (`deploy`, `pipeline` for the root action, …); undefined for other actions. */
  action?: string;
  run?: string;
  if?: string;
  /** The step's `with:` as written. */
  raw: Record<string, unknown>;
  /** The step's `with:` with every expression evaluated against ctx. */
  inputs(ctx: ExprContext): Record<string, string>;
}

export interface Workflow {
  file: string;
  on: unknown;
  jobs: Record<string, { needs?: unknown; steps?: Record<string, unknown>[] }>;
}

export function readWorkflow(file: string): Workflow {
  const doc = parse(readFileSync(join(ROOT, file), 'utf8')) as Omit<Workflow, 'file'> & { on?: unknown };
  // YAML 1.1 readers turn `on` into true; the yaml package (1.2) keeps it as the string key.
  return { file, on: doc.on, jobs: doc.jobs };
}

/** `org/vps-deploy@v1` → pipeline; `org/vps-deploy/actions/<name>@v1` → <name>; anything else → undefined. */
export function ourAction(uses: string | undefined): string | undefined {
  if (!uses) return undefined;
  const m = /^(?:[A-Za-z0-9_.-]+\/vps-deploy|\.)(?:\/actions\/([A-Za-z0-9_-]+))?(?:@[^\s]+)?\/?$/.exec(uses);
  if (!m) return undefined;
  return m[1] ?? 'pipeline';
}

export function workflowSteps(file: string, job?: string): WorkflowStep[] {
  const wf = readWorkflow(file);
  const jobs = job ? { [job]: wf.jobs[job] } : wf.jobs;
  const steps: WorkflowStep[] = [];
  for (const [name, j] of Object.entries(jobs)) {
    if (!j) throw new Error(`${file}: no job ${name} (jobs: ${Object.keys(wf.jobs).join(', ')})`);
    for (const s of j.steps ?? []) {
      const raw = (s.with ?? {}) as Record<string, unknown>;
      const uses = s.uses as string | undefined;
      steps.push({
        job: name,
        ...(s.id ? { id: String(s.id) } : {}),
        ...(s.name ? { name: String(s.name) } : {}),
        ...(uses ? { uses } : {}),
        ...(ourAction(uses) ? { action: ourAction(uses)! } : {}),
        ...(s.run ? { run: String(s.run) } : {}),
        ...(s.if ? { if: String(s.if) } : {}),
        raw,
        inputs: (ctx) =>
          Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, evaluate(String(v), ctx, file)])),
      });
    }
  }
  return steps;
}

/** The one step of `file` that runs our `action` (and has `id` when given); throws when there is not exactly one. */
export function ourStep(file: string, action: string, id?: string): WorkflowStep {
  const found = workflowSteps(file).filter((s) => s.action === action && (id === undefined || s.id === id));
  if (found.length !== 1) {
    throw new Error(
      `${file}: expected one step using our ${action} action${id ? ` with id ${id}` : ''}, found ${found.length}`,
    );
  }
  return found[0]!;
}

/** Evaluates every `${{ … }}` in a value. */
export function evaluate(value: string, ctx: ExprContext, file = 'workflow'): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    const v = evalExpr(expr, ctx);
    if (v === undefined) throw new Error(`${file}: the test gave no value for \${{ ${expr} }}`);
    return String(v);
  });
}

function evalExpr(expr: string, ctx: ExprContext): unknown {
  for (const alt of expr.split('||').map((a) => a.trim())) {
    const lit = /^'((?:[^']|'')*)'$/.exec(alt);
    if (lit) return lit[1]!.replace(/''/g, "'");
    if (/^-?\d+(\.\d+)?$/.test(alt)) return alt;
    if (alt === 'true' || alt === 'false') return alt;
    if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(alt)) {
      throw new Error(
        `unsupported expression part "${alt}" in \${{ ${expr} }}: the seeds' harness reads names, literals and ||`,
      );
    }
    let cur: unknown = ctx;
    for (const part of alt.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[part];
    if (cur !== undefined && cur !== null && cur !== '') return cur;
  }
  return undefined;
}
