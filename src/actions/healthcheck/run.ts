import { connectionLost } from '../../ssh/remote-shell.js';
import type { ActionIO } from '../../io/action-io.js';
import { RemoteError } from '../../io/errors.js';
import { maskSecretInputs } from '../../io/secrets.js';
import { table, codeBlock } from '../../io/summary.js';
import type { HealthCheck } from '../../health/checks.js';
import { commandCheck } from '../../health/command-probe.js';
import { bodyExcerpt } from '../../health/excerpt.js';
import type { GateResult } from '../../health/gate.js';
import { describeVerdict } from '../../health/gate.js';
import { gateChecks, urlCheck } from '../../health/run-gate.js';
import type { HealthTarget } from '../../health/run-gate.js';
import { sshTargets } from '../../ssh/target.js';
import { readHealthcheckInputs } from './inputs.js';
import type { HealthcheckInputs } from './inputs.js';

/** actions/healthcheck: inputs -> gate (from the runner, or through the SSH host) -> outputs. */
export async function runHealthcheck(io: ActionIO): Promise<boolean> {
  maskSecretInputs(io);
  const inputs = readHealthcheckInputs((n) => io.input(n));
  const title = gateTitle(inputs);
  const result = await io.group(`Health gate: ${title}`, () => gate(inputs, io));
  report(io, title, result);
  await io.summary(summaryOf(inputs, title, result));
  if (!result.passed) throw new RemoteError(`Health gate failed: ${result.reason}`, 'gate');
  if (result.last.verdict === 'degraded') {
    io.notice(`${title} passed the gate but reports degraded: ${bodyExcerpt(result.last.body, 200)}`, {
      title: 'Health: degraded',
    });
  }
  return true;
}

/** The URL, or how many checks the gate waits for. */
function gateTitle(inputs: HealthcheckInputs): string {
  const all = [...inputs.url, ...inputs.command];
  return all.length === 1 ? all[0]! : `${all.length} checks`;
}

async function gate(inputs: HealthcheckInputs, io: ActionIO): Promise<GateResult> {
  const opts = {
    timeoutSeconds: inputs.timeout,
    intervalSeconds: inputs.interval,
    successes: inputs.successes,
    allowDegraded: inputs['allow-degraded'],
    requestTimeoutSeconds: inputs['request-timeout'],
  };
  const target = (url: string): HealthTarget => ({
    url,
    headers: inputs.headers,
    followRedirects: inputs['follow-redirects'],
  });
  if (!inputs.host.length)
    return gateChecks(
      inputs.url.map((u) => urlCheck(target(u))),
      opts,
      io,
    );
  const [sshTarget] = sshTargets(inputs);
  // Loaded only when probing through SSH: the runner-side gate starts without the SSH library.
  const { withConnection } = await import('../../ssh/connection.js');
  return withConnection(sshTarget!, io, (conn) => {
    const checks: HealthCheck[] = [
      ...inputs.url.map((u) =>
        urlCheck({
          ...target(u),
          dialer: (h, p) => conn.tunnel(h, p),
          socketDialer: (path) => conn.unixSocket(path),
        }),
      ),
      ...inputs.command.map((c) => commandCheck(conn, c)),
    ];
    const via = inputs.url.length ? ' through the SSH host' : '';
    return gateChecks(checks, opts, io, async () => (conn.isOpen ? undefined : connectionLost(conn)), via);
  });
}

function report(io: ActionIO, title: string, r: GateResult): void {
  io.setOutput('status', r.last.verdict);
  io.setOutput('http-code', r.last.code ?? '');
  io.setOutput('latency-ms', r.last.latencyMs);
  io.setOutput('body', bodyExcerpt(r.last.body));
  io.setOutput('attempts', r.attempts);
  io.setOutput('passed', r.passed);
  const outcome = r.passed ? 'passed' : 'FAILED';
  io.info(
    `Health gate ${outcome} for ${title} after ${r.attempts} probe(s), ${(r.elapsedMs / 1000).toFixed(1)}s`,
  );
  for (const c of r.checks ?? []) io.info(`  ${c.label}: ${describeVerdict(c.last)}`);
}

function summaryOf(inputs: HealthcheckInputs, title: string, r: GateResult): string {
  const rows = [
    ['gate', r.passed ? 'passed' : `failed: ${r.reason ?? ''}`],
    ['verdict', r.last.verdict],
    ['HTTP code', r.last.code ?? '—'],
    ['latency', `${r.last.latencyMs} ms`],
    ['attempts', r.attempts],
    ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
    ['probed from', inputs.host.length ? `SSH host ${inputs.host[0]}` : 'runner'],
  ];
  const checks = r.checks?.length
    ? [
        '',
        table(
          ['check', 'last verdict'],
          r.checks.map((c) => [c.label, describeVerdict(c.last)]),
        ),
      ]
    : [];
  const body = bodyExcerpt(r.last.body, 2000);
  return [
    `### ${r.passed ? '✅' : '❌'} Health check: ${title}`,
    '',
    table(['', ''], rows),
    ...checks,
    '',
    ...(body
      ? ['<details><summary>Last response body</summary>', '', codeBlock(body), '', '</details>', '']
      : []),
  ].join('\n');
}
