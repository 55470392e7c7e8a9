import { afterEach, describe, expect, it } from 'vitest';
import { cancelOnSignals, CancelRequest, cancelRequest, ROLLBACK_GRACE_MS } from '../../../src/io/cancel.js';
import type { CancelHandle } from '../../../src/io/cancel.js';

/**
 * The runner's cancel ladder (SIGINT, SIGTERM 7.5 s later, then SIGKILL) as the handlers see it. The signals are
 * emitted to the handlers, not sent: sending one would reach the test runner itself (the real signals are sent
 * to the bundle in test/integration/actions/cancel.itg.test.ts).
 */
let handle: CancelHandle | undefined;
afterEach(() => handle?.dispose());

function setUp() {
  const warnings: string[] = [];
  const exits: number[] = [];
  handle = cancelOnSignals({ warning: (m) => warnings.push(m) }, (code) => exits.push(code));
  return { warnings, exits, signal: handle.signal };
}

describe('cancelOnSignals', () => {
  it('the first signal aborts with the signal and its time; the second is only acknowledged', () => {
    const { warnings, exits, signal } = setUp();
    const before = performance.now();
    process.emit('SIGINT', 'SIGINT');
    expect(signal.aborted).toBe(true);
    const req = cancelRequest(signal)!;
    expect(req).toBeInstanceOf(CancelRequest);
    expect(req.signal).toBe('SIGINT');
    expect(req.at).toBeGreaterThanOrEqual(before);
    expect(req.graceLeftMs(req.at + 1000)).toBeCloseTo(ROLLBACK_GRACE_MS - 1000, 6); // at is a fraction of a ms
    process.emit('SIGTERM', 'SIGTERM');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^SIGINT received \(the run was cancelled\): stopping at the next step/);
    expect(warnings[1]).toMatch(
      /^SIGTERM received: still finishing the cancel \(a rollback is not cut midway\)/,
    );
    expect(exits).toEqual([]);
  });

  it('a third signal leaves at once (130), as a terminal user pressing Ctrl-C again expects', () => {
    const { warnings, exits } = setUp();
    for (let i = 0; i < 3; i++) process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    expect(warnings[2]).toMatch(/third time: leaving now/);
  });

  it('dispose gives the signals back to node', () => {
    const before = process.listenerCount('SIGINT');
    const h = cancelOnSignals({ warning: () => undefined });
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    h.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(h.signal.aborted).toBe(false);
  });
});
