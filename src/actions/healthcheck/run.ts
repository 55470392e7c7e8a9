import { connectionLost } from '../../ssh/remote-shell.js';
import type { ActionIO } from '../../io/action-io.js';
import { ConfigurationError, RemoteError } from '../../io/errors.js';
import { maskSecretInputs } from '../../io/secrets.js';
import { table, codeBlock } from '../../io/summary.js';
import { bodyExcerpt } from '../../health/excerpt.js';
import type { GateResult } from '../../health/gate.js';
import { gateUrl } from '../../health/run-gate.js';
import { sshTargets } from '../../ssh/target.js';
import { readHealthcheckInputs } from './inputs.js';
import type { HealthcheckInputs } from './inputs.js';

/** actions/healthcheck: inputs -> gate (from the runner, or through the SSH host) -> outputs. */
export async function runHealthcheck(io: ActionIO): Promise<boolean> {
  maskSecretInputs(io);
  const inputs = readHealthcheckInputs((n) => io.input(n));
  const result = await io.group(`Health gate: ${inputs.url}`, () => gate(inputs, io));
  report(io, inputs, result);
  await io.summary(summaryOf(inputs, result));
  if (!result.passed) throw new RemoteError(`Health gate failed: ${result.reason}`, 'gate');
  if (result.last.verdict === 'degraded') {
    io.notice(`${inputs.url} passed the gate but reports degraded: ${bodyExcerpt(result.last.body, 200)}`, {
      title: 'Health: degraded',
    });
  }
  return true;
}

async function gate(inputs: HealthcheckInputs, io: ActionIO): Promise<GateResult> {
  const opts = {
    timeoutSeconds: inputs.timeout,
    intervalSeconds: inputs.interval,
    successes: inputs.successes,
    allowDegraded: inputs['allow-degraded'],
    requestTimeoutSeconds: inputs['request-timeout'],
  };
  const target = { url: inputs.url, headers: inputs.headers, followRedirects: inputs['follow-redirects'] };
  if (!inputs.host.length) return gateUrl(target, opts, io);
  if (inputs.host.length > 1) {
    throw new ConfigurationError(
      'input "host" takes one host for actions/healthcheck (run one step per host)',
    );
  }
  const [sshTarget] = sshTargets(inputs);
  // Loaded only when probing through SSH: the runner-side gate starts without the SSH library.
  const { withConnection } = await import('../../ssh/connection.js');
  return withConnection(sshTarget!, io, (conn) =>
    gateUrl({ ...target, dialer: (h, p) => conn.tunnel(h, p) }, opts, io, async () =>
      conn.isOpen ? undefined : connectionLost(conn),
    ),
  );
}

function report(io: ActionIO, inputs: HealthcheckInputs, r: GateResult): void {
  io.setOutput('status', r.last.verdict);
  io.setOutput('http-code', r.last.code ?? '');
  io.setOutput('latency-ms', r.last.latencyMs);
  io.setOutput('body', bodyExcerpt(r.last.body));
  io.setOutput('attempts', r.attempts);
  io.setOutput('passed', r.passed);
  const outcome = r.passed ? 'passed' : 'FAILED';
  io.info(
    `Health gate ${outcome} for ${inputs.url} after ${r.attempts} probe(s), ${(r.elapsedMs / 1000).toFixed(1)}s`,
  );
}

function summaryOf(inputs: HealthcheckInputs, r: GateResult): string {
  const rows = [
    ['gate', r.passed ? 'passed' : `failed: ${r.reason ?? ''}`],
    ['verdict', r.last.verdict],
    ['HTTP code', r.last.code ?? '—'],
    ['latency', `${r.last.latencyMs} ms`],
    ['attempts', r.attempts],
    ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
    ['probed from', inputs.host.length ? `SSH host ${inputs.host[0]}` : 'runner'],
  ];
  const body = bodyExcerpt(r.last.body, 2000);
  return [
    `### ${r.passed ? '✅' : '❌'} Health check: ${inputs.url}`,
    '',
    table(['', ''], rows),
    '',
    ...(body
      ? ['<details><summary>Last response body</summary>', '', codeBlock(body), '', '</details>', '']
      : []),
  ].join('\n');
}
