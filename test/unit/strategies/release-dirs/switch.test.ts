import { describe, expect, it } from 'vitest';
import { inPhase, RemoteError } from '../../../../src/io/errors.js';
import { switchCurrent } from '../../../../src/strategies/release-dirs/switch.js';
import type { RemoteShell } from '../../../../src/ssh/remote-shell.js';

/** A shell whose every command finds the connection gone. */
const lostShell = {
  run: () => Promise.reject(new RemoteError('SSH connection to vps was lost while a command ran')),
} as unknown as RemoteShell;

describe('switching current when the connection is cut', () => {
  // The flow names the phase a failure happened in (activate, rollback, upload's aside copy): moving the link is
  // one step of each of those, so the error must not arrive already named after a phase of its own.
  it.each(['activate', 'rollback', 'upload'])('inside %s the failure is reported as %s', async (phase) => {
    const e = await switchCurrent(lostShell, '/srv/app', 'releases/v2').catch((x: unknown) => x);
    const reported = inPhase(phase, e) as RemoteError;
    expect(reported.phase).toBe(phase);
    expect(reported.message).toMatch(new RegExp(`^${phase}: SSH connection to vps was lost`));
  });
});
