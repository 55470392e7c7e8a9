import ssh2 from 'ssh2';

/**
 * How many keys the ssh-agent at `socket` holds (0 when it cannot be reached within `timeoutMs`): the CLI uses
 * the agent instead of a key file when it holds any, as `ssh` offers the agent's keys first.
 */
export function agentKeyCount(socket: string, timeoutMs = 3000): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(0), timeoutMs);
    try {
      new ssh2.OpenSSHAgent(socket).getIdentities((err, keys) => {
        clearTimeout(timer);
        resolve(err ? 0 : (keys?.length ?? 0));
      });
    } catch {
      clearTimeout(timer);
      resolve(0);
    }
  });
}
