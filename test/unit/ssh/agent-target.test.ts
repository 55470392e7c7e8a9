import { describe, expect, it } from 'vitest';
import { AuthAttempts } from '../../../src/ssh/auth.js';
import { sshInputSpec, sshTargets } from '../../../src/ssh/target.js';
import { readInputs } from '../../../src/io/inputs.js';

const inputs = (v: Record<string, string>) =>
  readInputs(sshInputSpec, (n) => ({ host: 'h', username: 'deploy', ...v })[n] ?? '');

describe('an ssh-agent (SSH_AUTH_SOCK) logs in when no key or password is given', () => {
  it.each([
    [{}, '/run/agent.sock', '/run/agent.sock'],
    [{ key: 'K' }, '/run/agent.sock', undefined],
    [{ password: 'pw12' }, '/run/agent.sock', undefined],
    [{ 'jump-host': 'bastion' }, '/run/agent.sock', '/run/agent.sock'],
  ])('%j with agent %s', (given, socket, agent) => {
    const [t] = sshTargets(inputs(given), socket);
    expect(t!.agent).toBe(agent);
    if (t!.jump) expect(t!.jump.agent).toBe(agent);
  });

  it('no key, no password, no agent: the error says all three', () => {
    expect(() => sshTargets(inputs({}), '')).toThrow(
      'input "key" or "password" is required: give a private key (from a secret) or a password, or start an ssh-agent (SSH_AUTH_SOCK) holding the key',
    );
  });

  it("the agent's keys are offered after none, and a refusal names ssh-add -l", () => {
    const auth = new AuthAttempts({ username: 'deploy', agent: '/run/agent.sock' });
    const asked: unknown[] = [];
    auth.next(null, false, (m) => void asked.push(m));
    auth.next(['publickey'], false, (m) => void asked.push(m));
    auth.next(['publickey'], false, (m) => void asked.push(m));
    expect(asked).toEqual([
      { type: 'none', username: 'deploy' },
      { type: 'agent', username: 'deploy', agent: '/run/agent.sock' },
      false,
    ]);
    expect(auth.refusal('h', 22)).toBe(
      "authentication failed for deploy@h:22: tried agent; the server offers publickey (check that one of the ssh-agent's keys (ssh-add -l) is in ~deploy/.ssh/authorized_keys on the server)",
    );
  });
});
