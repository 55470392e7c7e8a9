import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/io/errors.js';
import { execFailure, isConnectionLoss } from '../../../src/ssh/connection-loss.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a command that could not run: lost connection or refused channel', () => {
  it.each([
    ['read ECONNRESET (code)', withCode('read ECONNRESET', 'ECONNRESET'), true],
    ['write EPIPE (code)', withCode('write EPIPE', 'EPIPE'), true],
    ['ECONNRESET in the text only', new Error('read ECONNRESET'), true],
    ["ssh2's Not connected", new Error('Not connected'), true],
    ["ssh2's No response from server", new Error('No response from server'), true],
    ['a refused channel', new Error('(SSH) Channel open failure: open failed'), false],
    ['a plain string', 'something else', false],
  ] as const)('%s → lost: %s', (_what, e, lost) => {
    expect(isConnectionLoss(e)).toBe(lost);
    const failure = execFailure('vps', 'deploy@vps:22', e, false);
    expect(failure).toBeInstanceOf(RemoteError);
    expect(failure.message).toMatch(
      lost
        ? /^SSH connection to vps was lost while a command ran/
        : /^could not run a command on deploy@vps:22: /,
    );
  });

  it('anything after the close event is a lost connection, whatever ssh2 said', () => {
    expect(execFailure('vps', 'l', new Error('(SSH) Channel open failure'), true).message).toMatch(
      /was lost/,
    );
  });

  it('a RemoteError passes through unchanged', () => {
    const e = new RemoteError('SSH connection to vps:22 was lost');
    expect(execFailure('vps', 'l', e, false)).toBe(e);
  });
});
