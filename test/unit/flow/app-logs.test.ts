import { describe, expect, it } from 'vitest';
import {
  APP_LOG_LINES,
  appLogsOf,
  boundedTail,
  printServerText,
  showAppLogs,
} from '../../../src/flow/app-logs.js';
import { untilReady } from '../../../src/flow/await-ready.js';
import { deployRelease } from '../../../src/flow/deploy-flow.js';
import { rollbackRelease } from '../../../src/flow/rollback-flow.js';
import { summaryMarkdown } from '../../../src/flow/report.js';
import type { Readiness } from '../../../src/flow/strategy.js';
import type { GateResult } from '../../../src/health/gate.js';
import { withFakeServer } from '../../fakes/fake-server.js';
import { RecordingLog } from '../../fakes/recording-log.js';

const SERVING_V1 = { current: 'v1', previous: 'v0', strategy: 'compose' as const };
const APP_LOGS =
  'web-1  | booting v2\nweb-1  | DATABASE_URL=postgres://u:hunter2-secret@db/x\nweb-1  | crashed';

describe("the app's logs after a failure", () => {
  it('a failed gate: read before the rollback, shown in a group, redacted, and kept for the summary', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'unhealthy' } },
      });
      run.ctx.secrets.push('hunter2-secret');
      run.strategy.appLogs = APP_LOGS;
      const r = await deployRelease(run.ctx, {
        tag: 'v2',
        strategy: 'compose',
        keepReleases: 3,
        rollbackOnFailure: true,
      });
      expect(r.status).toBe('rolled-back');
      expect(run.strategy.logsRead).toBe(1);
      expect(r.logs).toBe(APP_LOGS.replace('hunter2-secret', '***'));
      const group = run.log.lines.indexOf('## App logs after the failed gate of v2 (last lines)');
      expect(group).toBeGreaterThan(-1);
      expect(run.log.lines.indexOf('## Roll back to v1')).toBeGreaterThan(group);
      expect(run.log.lines.join('\n')).not.toContain('hunter2-secret');
      const md = summaryMarkdown(
        'Deploy v2',
        'rolled-back',
        [{ host: 'vps', result: r }],
        ['hunter2-secret'],
      );
      expect(md).toContain('<details><summary>vps: app logs of v2 (last lines)</summary>');
      expect(md).toContain('web-1  | crashed');
    }));

  it('a passed gate reads no logs', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
      });
      run.strategy.appLogs = APP_LOGS;
      const r = await deployRelease(run.ctx, {
        tag: 'v2',
        strategy: 'compose',
        keepReleases: 3,
        rollbackOnFailure: true,
      });
      expect(r.status).toBe('deployed');
      expect(run.strategy.logsRead).toBe(0);
      expect(r.logs).toBeUndefined();
    }));

  it.each(['fails-to-migrate', 'fails-to-start'] as const)(
    '%s: the logs are shown and reach the report',
    (build) =>
      withFakeServer(async (server) => {
        await server.seedState(SERVING_V1);
        const run = server.connect({
          strategy: { name: 'release', onServer: { v1: 'ok' }, builds: { v2: build } },
        });
        run.strategy.appLogs = 'Nov 23 app[1]: ModuleNotFoundError: No module named x';
        const outcome = await deployRelease(run.ctx, {
          tag: 'v2',
          strategy: 'release',
          keepReleases: 3,
          rollbackOnFailure: true,
        }).then(
          (r) => ({ logs: r.logs }),
          (e: unknown) => appLogsOf(e),
        );
        expect(outcome.logs).toContain('ModuleNotFoundError');
        expect(run.log.lines.some((l) => l.startsWith('## App logs after the failed'))).toBe(true);
      }),
  );

  it('a manual rollback whose target fails its gate shows that target’s logs', () =>
    withFakeServer(async (server) => {
      await server.seedState({ current: 'v1', previous: 'v0', strategy: 'release' });
      const run = server.connect({ strategy: { name: 'release', onServer: { v0: 'unhealthy', v1: 'ok' } } });
      run.strategy.appLogs = 'v0 says: no such table';
      const r = await rollbackRelease(run.ctx, 'previous');
      expect(r.status).toBe('failed');
      expect(r.logs).toBe('v0 says: no such table');
    }));

  it('no logs (no logs-command, or they cannot be read): nothing shown, the failure reported as before', async () => {
    const log = new RecordingLog();
    expect(await showAppLogs({ log, secrets: [] }, { logs: async () => '' }, 'x')).toBe('');
    expect(
      await showAppLogs({ log, secrets: [] }, { logs: () => Promise.reject(new Error('boom')) }, 'x'),
    ).toBe('');
    expect(log.lines).toEqual([]);
  });

  it('server text goes through the fence for server output when the log has one, never through info()', () => {
    const fenced: string[] = [];
    const log = Object.assign(new RecordingLog(), {
      remoteOutput: () => ({ line: (t: string) => fenced.push(t), end: () => fenced.push('<end>') }),
    });
    printServerText(log, '::error title=x::spoofed\nok');
    expect(fenced).toEqual(['::error title=x::spoofed', 'ok', '<end>']);
    expect(log.lines).toEqual([]);
  });

  it('is bounded: the last lines, and no more bytes than a summary should carry', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const tail = boundedTail(many).split('\n');
    expect(tail).toHaveLength(APP_LOG_LINES);
    expect(tail.at(-1)).toBe('line 999');
    const wide = Array.from({ length: 100 }, () => 'x'.repeat(1000)).join('\n');
    expect(Buffer.byteLength(boundedTail(wide))).toBeLessThanOrEqual(32 * 1024);
  });
});

describe("the gate waits for Docker's own health state", () => {
  const passed: GateResult = {
    passed: true,
    last: { verdict: 'ok', code: 200, latencyMs: 3, body: '' },
    attempts: 2,
    elapsedMs: 1000,
  };
  const script = (...states: Readiness[]) => {
    let i = 0;
    return { readiness: async () => states[Math.min(i++, states.length - 1)]! };
  };
  const clock = () => {
    let t = 10_000;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  };
  const opts = { timeoutSeconds: 10, intervalSeconds: 1 };
  const starting: Readiness = {
    state: 'waiting',
    reason: 'Docker healthcheck of shop-web-1 (service web) still starting',
  };

  it('ready at once: passes as the URL did', async () => {
    expect(
      await untilReady(script({ state: 'ready' }), passed, opts, new RecordingLog(), clock()),
    ).toMatchObject({ passed: true });
  });

  it('starting, then healthy: passes after waiting, and says why it waited once', async () => {
    const log = new RecordingLog();
    const r = await untilReady(script(starting, starting, { state: 'ready' }), passed, opts, log, clock());
    expect(r).toMatchObject({ passed: true, elapsedMs: 3000 });
    expect(log.lines).toEqual([`  ${starting.reason}: waiting`]);
  });

  it('starting, then unhealthy: fails at once with Docker’s reason', async () => {
    const r = await untilReady(
      script(starting, {
        state: 'failed',
        reason: 'Docker healthcheck: shop-web-1 (service web) unhealthy; last check said: boom',
      }),
      passed,
      opts,
      new RecordingLog(),
      clock(),
    );
    expect(r).toMatchObject({ passed: false, reason: expect.stringContaining('last check said: boom') });
  });

  it('starting for ever: fails when health-timeout (counted from the gate’s start) runs out', async () => {
    const r = await untilReady(script(starting), passed, opts, new RecordingLog(), clock());
    expect(r.passed).toBe(false);
    expect(r.reason).toBe(`health-timeout (10s) ran out: ${starting.reason}`);
    expect(r.elapsedMs).toBeLessThanOrEqual(10_000);
  });

  it('a failed URL gate is returned as it is, without asking', async () => {
    const failed = { ...passed, passed: false, reason: 'timeout' };
    let asked = 0;
    const r = await untilReady(
      { readiness: async () => (asked++, { state: 'ready' }) },
      failed,
      opts,
      new RecordingLog(),
    );
    expect(r).toBe(failed);
    expect(asked).toBe(0);
  });

  it('the flow: a release still starting is not promoted until Docker says healthy', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
        health: { gate: { timeoutSeconds: 5 } },
      });
      run.strategy.startingChecks = 2;
      const r = await deployRelease(run.ctx, {
        tag: 'v2',
        strategy: 'compose',
        keepReleases: 3,
        rollbackOnFailure: true,
      });
      expect(r.status).toBe('deployed');
      expect(run.log.lines).toContain(
        '  Docker healthcheck of shop-app-1 (service app) still starting: waiting',
      );
    }));

  it('the flow: unhealthy by Docker after the URL passed fails the gate, and the rollback is tried', () =>
    withFakeServer(async (server) => {
      await server.seedState(SERVING_V1);
      const run = server.connect({
        strategy: { name: 'compose', onServer: { v1: 'ok' }, builds: { v2: 'ok' } },
      });
      run.strategy.startingChecks = 1;
      run.strategy.afterStarting = {
        state: 'failed',
        reason: 'Docker healthcheck: shop-app-1 (service app) unhealthy',
      };
      const r = await deployRelease(run.ctx, {
        tag: 'v2',
        strategy: 'compose',
        keepReleases: 3,
        rollbackOnFailure: true,
      });
      // The scripted strategy stays unhealthy for v1 too: the rollback is tried and fails the same way.
      expect(r.restore?.tag).toBe('v1');
      expect(r.status).toBe('failed');
      expect(r.failure).toMatch(
        /the health gate of v2 failed: Docker healthcheck: shop-app-1 \(service app\) unhealthy/,
      );
    }));
});
