import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/io/errors.js';
import { execFailure, isConnectionLoss } from '../../../src/ssh/connection-loss.js';
import { SshConnection } from '../../../src/ssh/connection.js';

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

describe('SshConnection: a socket error is the connection lost, before ssh2 says close', () => {
  // The flow asks isOpen right after a command failed: ssh2 emits 'error' (ECONNRESET) before 'close', and a
  // connection still called open then got a rollback attempted on it, which hid the phase of the cut.
  const make = () => {
    const client = new EventEmitter();
    const Ctor = SshConnection as unknown as new (...args: unknown[]) => SshConnection;
    const target = { host: 'vps', port: 22, username: 'deploy' };
    const log = { info() {}, debug() {}, warning() {} };
    return { client, conn: new Ctor({ ssh: {}, client }, undefined, target, log) };
  };

  it.each([
    ['ECONNRESET', false, withCode('read ECONNRESET', 'ECONNRESET')],
    ['EPIPE', false, withCode('write EPIPE', 'EPIPE')],
    ['a protocol error that is not the socket', true, new Error('Handshake failed: no matching cipher')],
  ] as const)('%s → isOpen %s', (_what, open, e) => {
    const { client, conn } = make();
    expect(conn.isOpen).toBe(true);
    client.emit('error', e);
    expect(conn.isOpen).toBe(open);
    client.emit('close');
    expect(conn.isOpen).toBe(false);
  });
});
