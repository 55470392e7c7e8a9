import { Cancelled, cancelRequest, untilAborted } from '../io/cancel.js';
import { errText } from '../io/errors.js';
import type { GateResult } from '../health/gate.js';
import { describeVerdict } from '../health/gate.js';
import type { Log, RemoteShell } from '../ssh/remote-shell.js';
import { healthFacts, phaseField } from './attempt.js';
import type { Attempt, FlowResult } from './attempt.js';
import type { CancelWatch } from './cancel.js';
import { showAppLogs } from './app-logs.js';
import { gateRelease } from './gate-release.js';
import { healthAtPort, nextPort, publicCheckPlan, servingPortOf } from './blue-green-ports.js';
import { promoted, writeState } from './state.js';
import type { DeployState } from './state.js';
import type { BlueGreenStrategy, DeployStrategy } from './strategy.js';

/** The proxy in front of the app, as src/proxy/proxy-switch.ts implements it (docs/blue-green.md). */
export interface ProxySwitch {
  servingPort(): Promise<number | undefined>;
  checkConfig(): Promise<void>;
  switchTo(port: number): Promise<void>;
  restoreConfig(): Promise<void>;
}

/** What `switch: blue-green` adds to a deploy or rollback (the action builds it from the inputs). */
export interface BlueGreenPlan {
  /** The two slot ports; [] = the strategy chooses (compose: an ephemeral port read back). */
  ports: number[];
  drainSeconds: number;
  /** Probed through the proxy after the switch; '' = none. */
  publicHealthUrl: string;
  /** The proxy over the locked shell. */
  proxyFor(conn: RemoteShell, log: Log): ProxySwitch;
}

export interface BlueGreenRun {
  strategy: DeployStrategy;
  bg: BlueGreenStrategy;
  proxy: ProxySwitch;
  plan: BlueGreenPlan;
  state: DeployState;
  tag: string;
  action: 'deploy' | 'rollback';
  /** After a passed deploy: prune beyond keep-releases (rollback: none). */
  prune?: (protect: (string | null)[]) => Promise<string[]>;
}

/**
 * The blue-green sequence after prepare and migrate (docs/blue-green.md, "The sequence"): start `tag` beside
 * what serves, on the other port -> gate it there directly -> (fails) stop it: traffic never moved -> (passes)
 * switch the proxy -> public check (fails: switch back) -> promote + state.json + ledger -> drain -> stop the
 * old instance -> prune. A cancel before the switch stops the new instance; after it the new one stays (it
 * passed its gate) and the old one is stopped without draining.
 */
export async function blueGreenSwitch(
  attempt: Attempt,
  watch: CancelWatch,
  r: BlueGreenRun,
): Promise<FlowResult> {
  const { ctx } = attempt;
  const { bg, tag, state } = r;
  const before = state.current;
  const serving = servingPortOf(await r.proxy.servingPort(), state.port);
  const wanted = nextPort(r.plan.ports, serving);
  const where = serving ? `port ${serving}` : 'no port of ours';
  ctx.log.info(`Blue-green: ${before ?? 'nothing'} serves on ${where}; starting ${tag} beside it`);
  const ok = r.action === 'deploy' ? 'deployed' : 'rolled-back';
  const kept = r.action === 'deploy' && before ? 'rolled-back' : 'failed';
  const result = (status: FlowResult['status'], port: number, moved: boolean, rest: Partial<FlowResult>) => ({
    status,
    attempted: tag,
    current: moved ? tag : before,
    before,
    phases: attempt.phases,
    pruned: [],
    traffic: { port, serving: moved ? port : (serving ?? null), moved },
    ...rest,
  });

  await watch.stopIfCancelled(attempt);
  watch.enter('start');
  let port = wanted;
  try {
    port = await attempt.phase('start', `Start ${tag} beside the serving instance`, () =>
      bg.startBeside(tag, wanted),
    );
  } catch (e) {
    if (!ctx.conn.isOpen) return lost(attempt, e, wanted);
    const logs = await showAppLogs(ctx, { logs: () => bg.logsAt(wanted) }, `the failed start of ${tag}`);
    await stopQuietly(attempt, bg, wanted, `the ${tag} that failed to start`);
    const failure = `${tag} failed to start on port ${wanted}: ${bare(e, 'start')}; traffic never moved`;
    await attempt.finish({ outcome: kept, phase: 'start', error: failure, port: wanted });
    return result(kept, wanted, false, { failure, ...(logs ? { logs } : {}) });
  }

  watch.enter('gate');
  const view = { fatal: () => bg.fatalAt(port), readiness: () => r.strategy.readiness() };
  const gate = await attempt
    .phase('gate', `Health gate of ${tag} on port ${port}`, () =>
      gateRelease(ctx.conn, view, healthAtPort(ctx.health, port), ctx.log, ctx.signal),
    )
    .catch((e: unknown) => lost(attempt, e, port));
  if (watch.request) {
    await stopQuietly(attempt, bg, port, `${tag} (cancelled before the switch)`);
    await watch.stopIfCancelled(attempt);
  }
  if (!gate.passed) {
    const logs = await showAppLogs(ctx, { logs: () => bg.logsAt(port) }, `the failed gate of ${tag}`);
    await stopQuietly(attempt, bg, port, `the ${tag} that failed its gate`);
    const failure = `the health gate of ${tag} on port ${port} failed: ${gate.reason ?? describeVerdict(gate.last)}; traffic never moved`;
    await attempt.finish({ outcome: kept, phase: 'gate', error: failure, health: healthFacts(gate), port });
    return result(kept, port, false, { gate, failure, ...(logs ? { logs } : {}) });
  }

  // The switch: from here a cancel keeps the new release (it passed its gate) and stops the old one.
  watch.enter('switch');
  // A run killed from here until promote leaves state.json saying that `tag` may be what serves.
  try {
    await markSwitching(attempt, state, tag);
    await attempt.phase('switch', `Switch the proxy to port ${port}`, () => r.proxy.switchTo(port));
  } catch (e) {
    if (!ctx.conn.isOpen) return lost(attempt, e, port, gate);
    await unmark(attempt, state);
    await stopQuietly(attempt, bg, port, `${tag} (the switch failed)`);
    const failure = `switching the proxy to ${tag} on port ${port} failed: ${bare(e, 'switch')}; traffic never moved`;
    await attempt.finish({ outcome: kept, phase: 'switch', error: failure, health: healthFacts(gate), port });
    return result(kept, port, false, { gate, failure });
  }

  const publicCheck =
    r.plan.publicHealthUrl && !ctx.signal?.aborted ? await checkPublic(attempt, r) : undefined;
  if (publicCheck && !publicCheck.passed && !publicCheck.cancelled) {
    const failure = `the public check of ${tag} (${r.plan.publicHealthUrl}) failed: ${publicCheck.reason ?? describeVerdict(publicCheck.last)}`;
    const back = await switchBack(attempt, r, port, serving);
    const phase = 'public-check';
    if (back.error) {
      const text = `${failure}; switching back failed too (${back.error}): ${tag} on port ${port} serves`;
      await attempt.finish({ outcome: 'failed', phase, error: text, health: healthFacts(gate), port });
      return result('failed', port, true, { gate, failure: text });
    }
    await unmark(attempt, state);
    const text = `${failure}; traffic was switched back${serving ? ` to port ${serving}` : ''}`;
    await attempt.finish({ outcome: kept, phase, error: text, health: healthFacts(gate), port });
    return result(kept, port, false, { gate, failure: text });
  }

  await attempt
    .phase('promote', `Record ${tag} as current`, async () => {
      await bg.promote(tag, port);
      await writeState(ctx.conn, ctx.appDir, { ...promoted(state, tag, r.strategy.name), port });
    })
    .catch(async (e: unknown) => {
      await attempt.finish({ outcome: 'failed', phase: 'promote', error: errText(e), port });
      throw e;
    });
  await attempt.finish({ outcome: ok, health: healthFacts(gate), port });
  const cancelled = cancelRequest(ctx.signal);
  if (cancelled)
    ctx.log.warning(
      `cancelled (${cancelled.signal}) after the switch: ${tag} stays, the old instance stops now`,
    );
  else await drain(attempt, r.plan.drainSeconds);
  if (serving !== undefined && serving !== port)
    await stopQuietly(attempt, bg, serving, `${before ?? 'what served before'}`);
  const pruned = r.prune && !ctx.signal?.aborted ? await r.prune([tag, before]) : [];
  return result(ok, port, true, { gate, pruned });
}

/** state.json before the switch: what it said, plus a mark naming `tag` as what may serve (faults.md). */
async function markSwitching(attempt: Attempt, state: DeployState, tag: string): Promise<void> {
  const { ctx } = attempt;
  const mark = {
    tag,
    restoring: state.current,
    phase: 'switch',
    since: new Date().toISOString(),
    runUrl: ctx.run.runUrl,
  };
  await writeState(ctx.conn, ctx.appDir, { ...state, interrupted: mark });
}

/** Traffic did not move after all: state.json as it was before the mark. */
async function unmark(attempt: Attempt, state: DeployState): Promise<void> {
  try {
    await writeState(attempt.ctx.conn, attempt.ctx.appDir, state);
  } catch (e) {
    attempt.ctx.log.warning(`could not write state.json (${errText(e)})`);
  }
}

/** Waits drain-timeout for in-flight requests on the old instance; a cancel ends the wait. */
async function drain(attempt: Attempt, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  await attempt.phase('drain', `Drain the old instance (${seconds}s)`, () =>
    untilAborted(new Promise<void>((res) => setTimeout(res, seconds * 1000)), attempt.ctx.signal),
  );
}

async function checkPublic(attempt: Attempt, r: BlueGreenRun): Promise<GateResult> {
  const { ctx } = attempt;
  const view = { fatal: async () => undefined, readiness: () => r.strategy.readiness() };
  return attempt.phase('public-check', `Public check through the proxy: ${r.plan.publicHealthUrl}`, () =>
    gateRelease(ctx.conn, view, publicCheckPlan(ctx.health, r.plan.publicHealthUrl), ctx.log, ctx.signal),
  );
}

/** After a failed public check: traffic back to what served, the proxy config put back, the new one stopped. */
async function switchBack(
  attempt: Attempt,
  r: BlueGreenRun,
  port: number,
  serving: number | undefined,
): Promise<{ error?: string }> {
  try {
    if (serving !== undefined)
      await attempt.phase('switch-back', `Switch the proxy back to port ${serving}`, () =>
        r.proxy.switchTo(serving),
      );
  } catch (e) {
    return { error: bare(e, 'switch-back') };
  }
  await r.proxy.restoreConfig();
  await stopQuietly(attempt, r.bg, port, `${r.tag} (its public check failed)`);
  return {};
}

/** Stops the instance on `port`; a failure is a warning (what serves is not affected), never the run's error. */
async function stopQuietly(
  attempt: Attempt,
  bg: BlueGreenStrategy,
  port: number,
  what: string,
): Promise<void> {
  try {
    await attempt.phase('stop', `Stop ${what}`, () => bg.stopAt(port));
  } catch (e) {
    attempt.ctx.log.warning(
      `stopping ${what} on port ${port} failed: ${bare(e, 'stop')} (the proxy sends it no traffic; stop it by hand)`,
    );
  }
}

/** The connection is gone: nothing more can be done on the server; the ledger line is attempted, the error thrown. */
async function lost(attempt: Attempt, e: unknown, port: number, gate?: GateResult): Promise<never> {
  if (e instanceof Cancelled) throw e;
  await attempt.finish({
    outcome: 'failed',
    ...phaseField(e),
    error: errText(e),
    ...(gate ? { health: healthFacts(gate) } : {}),
    port,
  });
  throw e;
}

/** An error's message without the phase prefix attempt.phase() gave it (the failure text names the step). */
function bare(e: unknown, phase: string): string {
  const text = errText(e);
  return text.startsWith(`${phase}: `) ? text.slice(phase.length + 2) : text;
}
