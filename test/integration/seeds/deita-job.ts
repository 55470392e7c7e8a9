import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../../harness/run-action.js';
import type { ActionRun, RunOptions } from '../../harness/run-action.js';
import { evaluate, readWorkflow, workflowSteps } from '../../harness/workflow-steps.js';
import type { ExprContext } from '../../harness/workflow-steps.js';

/**
 * Runs one job of an example workflow the way the runner does, step by step: our actions through their bundles with
 * the step's own inputs (plus the suite's overrides for that action), `run:` steps with bash and the job's and
 * step's `env:` evaluated against the context, other actions (checkout, upload-artifact) skipped: the workspace is
 * already there. A failed step skips the rest except `if: always()` steps, as on GitHub.
 */
export interface JobOverrides {
  /** Inputs per action name (`pipeline`, `init`, `rollback`, `backup`, …) laid over the step's own. */
  inputs?: Record<string, Record<string, string>>;
  /** Environment variables laid over the job's and step's `env:` for `run:` steps. */
  env?: Record<string, string>;
}

export interface StepResult {
  label: string;
  /** The action's run (our actions), undefined for a `run:` step. */
  action?: ActionRun;
  /** Exit code; null when skipped. */
  code: number | null;
  output: string;
}

export async function runJob(
  file: string,
  job: string,
  ctx: ExprContext,
  overrides: JobOverrides,
  opts: RunOptions & { workspace: string },
): Promise<StepResult[]> {
  const raw = readWorkflow(file).jobs[job] as {
    env?: Record<string, unknown>;
    steps?: Record<string, unknown>[];
  };
  const jobEnv = envOf(raw.env, ctx, file);
  const home = mkdtempSync(join(tmpdir(), 'deita-runner-home-'));
  const results: StepResult[] = [];
  let failed = false;
  for (const [i, step] of workflowSteps(file, job).entries()) {
    const label = step.id ?? step.name ?? step.uses ?? `step ${i + 1}`;
    if (failed && !/always\(\)/.test(step.if ?? '')) {
      results.push({ label, code: null, output: 'skipped: an earlier step failed' });
      continue;
    }
    if (step.action) {
      const inputs = { ...step.inputs(ctx), ...overrides.inputs?.[step.action] };
      const r = await runAction(step.action, inputs, { cwd: opts.workspace, ...opts });
      results.push({ label, action: r, code: r.code, output: `${r.stdout}\n${r.stderr}` });
      failed ||= r.code !== 0;
    } else if (step.run) {
      const stepEnv = envOf(raw.steps?.[i]?.env as Record<string, unknown> | undefined, ctx, file);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: opts.workspace,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          ...jobEnv,
          ...stepEnv,
          ...overrides.env,
        },
      });
      results.push({ label, code: r.status, output: `${r.stdout}\n${r.stderr}` });
      failed ||= r.status !== 0;
    } else {
      results.push({ label, code: null, output: `not run here: ${step.uses}` });
    }
  }
  return results;
}

function envOf(
  env: Record<string, unknown> | undefined,
  ctx: ExprContext,
  file: string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, evaluate(String(v), ctx, file)]));
}

/** The run of the action step with this `id` in a job's results. */
export function stepRun(results: StepResult[], id: string): ActionRun {
  const run = results.find((r) => r.label === id)?.action;
  if (!run) throw new Error(`no action step ${id} ran: ${jobLog(results)}`);
  return run;
}

/** Every step's label, exit code and output: the message of a failed expectation. */
export function jobLog(results: StepResult[]): string {
  return results.map((r) => `--- ${r.label} (exit ${r.code})\n${r.output.slice(-6000)}`).join('\n');
}
