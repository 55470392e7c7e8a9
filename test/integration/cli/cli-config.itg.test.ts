import { execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppRepo } from '../../harness/node-app.js';
import type { NodeAppRepo } from '../../harness/node-app.js';
import { requireParts, serverBaseDir, testUserIds } from '../../harness/parts.js';
import { freePort } from '../../harness/ports.js';
import { ROOT, runAction } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * One vps-deploy.yml for a terminal and a workflow (README, "One config for workflows and terminal"): the CLI
 * deploys with nothing but `--env production`, as `ssh prod` would connect: the host an alias of a test
 * ~/.ssh/config, the key held only by a real ssh-agent, the host key only in that ~/.ssh/known_hosts (hashed).
 * The action run as a workflow runs it (every action.yml default passed as INPUT_*, as the runner does) with
 * `config: vps-deploy.yml` prints the same plan. A secret in the file is refused before anything connects.
 */
let ssh: SshServer;
let sup: Supervisor;
let repo: NodeAppRepo;
let base: string;
let home: string;
let appDir: string;
let port: number;
let agentSock: string;
let agentPid: number | undefined;

beforeAll(async () => {
  requireParts('supervisord', 'flock', 'ssh-agent', 'ssh-add', 'ssh-keygen');
  ssh = await startSshd();
  base = serverBaseDir('cli-config-');
  appDir = join(base, 'srv', 'shop');
  // The server as init leaves it: the app's shared .env in place (secrets never come from vps-deploy.yml).
  port = await freePort();
  mkdirSync(join(appDir, 'shared'), { recursive: true });
  writeFileSync(join(appDir, 'shared', '.env'), `PORT=${port}\n`, { mode: 0o600 });
  const { uid, gid } = testUserIds();
  for (const p of [join(base, 'srv'), appDir, join(appDir, 'shared'), join(appDir, 'shared', '.env')])
    chownSync(p, uid, gid);
  sup = await startSupervisor(appDir);
  repo = createNodeAppRepo([
    ['v1', 'ok'],
    ['v2', 'ok'],
  ]);

  // The operator's home: ~/.ssh/config with the alias, known_hosts (hashed, as HashKnownHosts writes it).
  home = join(base, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(home, '.ssh', 'config'),
    `Host prod\n  HostName ${ssh.host}\n  Port ${ssh.port}\n  User ${ssh.user}\n\nHost *\n  ServerAliveInterval 30\n`,
  );
  writeFileSync(join(home, '.ssh', 'known_hosts'), `${ssh.knownHostsLine}\n`);
  execFileSync('ssh-keygen', ['-q', '-H', '-f', join(home, '.ssh', 'known_hosts')]);
  rmSync(join(home, '.ssh', 'known_hosts.old'), { force: true });

  // A real ssh-agent holds the key; the key file is gone once added.
  agentSock = join(base, 'agent.sock');
  const started = execFileSync('ssh-agent', ['-s', '-a', agentSock]).toString();
  agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(started)?.[1]);
  const keyFile = join(base, 'operator_key');
  writeFileSync(keyFile, ssh.clientKey, { mode: 0o600 });
  execFileSync('ssh-add', ['-q', keyFile], { env: { SSH_AUTH_SOCK: agentSock, PATH: process.env.PATH } });
  rmSync(keyFile);

  writeFileSync(
    join(repo.dir, 'vps-deploy.yml'),
    [
      'app: shop',
      `app-dir: ${appDir}`,
      'strategy: release',
      `restart-command: ${sup.restartCommand}`,
      'health-interval: 200ms',
      'health-timeout: 10s',
      'environments:',
      '  staging:',
      '    host: staging.invalid',
      '  production:',
      '    host: prod',
      '    tag: v1',
      `    health-url: http://127.0.0.1:${port}/health`,
      '    keep-releases: 3',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  if (agentPid) process.kill(agentPid);
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `vps-deploy …` in the repository, with the operator's HOME and agent and nothing else. */
function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const dist = process.env.VPS_DEPLOY_TEST_DIST ?? join(ROOT, 'dist');
    const child = spawn(process.execPath, [join(dist, 'cli', 'index.js'), ...args], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: 'alice', SSH_AUTH_SOCK: agentSock },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every input of actions/deploy at its action.yml default: what the runner passes for a step's unset inputs. */
function runnerDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'actions', 'deploy', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(action.inputs)
      .filter(([, i]) => i.default !== undefined)
      .map(([n, i]) => [n, i.default!]),
  );
}

const planOf = (text: string) => /^Plan: .*$/m.exec(text)?.[0];
const current = () => readlinkSync(join(appDir, 'current'));

describe('vps-deploy.yml shared by the CLI and the action', () => {
  it('the CLI deploys with nothing but --env production: alias, agent and known_hosts as ssh uses them', async () => {
    expect(readdirSync(join(home, '.ssh')).sort()).toEqual(['config', 'known_hosts']);
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toMatch(/^\|1\|/);
    const r = await cli(['deploy', '--env', 'production']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Config: vps-deploy.yml (environments.production) sets host, app, app-dir');
    expect(r.stderr).toContain(
      `~/.ssh/config: Host prod → host ${ssh.host}, username ${ssh.user}, port ${ssh.port}`,
    );
    expect(r.stderr).toContain(`key: the ssh-agent at ${agentSock}`);
    expect(planOf(r.stderr)).toBe(
      `Plan: release release v1 of shop in ${appDir} on ${ssh.user}@${ssh.host}:${ssh.port}; ` +
        `gate http://127.0.0.1:${port}/health from the server (2 successes within 10s); keep 3 releases; ` +
        'roll back on failure',
    );
    expect(current()).toBe('releases/v1');
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
  });

  it('`vps-deploy config --env production` shows each setting and where it came from, the key as the agent', async () => {
    const r = await cli(['config', '--env', 'production']);
    expect(r.code, r.stderr).toBe(0);
    const line = (name: string) => r.stdout.split('\n').find((l) => l.startsWith(`${name}:`)) ?? '';
    expect(line('host')).toMatch(new RegExp(`"${ssh.host}"\\s+# ~/.ssh/config \\(Host prod\\)`));
    expect(line('strategy')).toMatch(/"release"\s+# top level/);
    expect(line('keep-releases')).toMatch(/"3"\s+# environments.production/);
    expect(line('health-successes')).toMatch(/2\s+# default/);
    expect(line('known-hosts')).toMatch(/<1 lines>\s+# ~\/.ssh\/known_hosts/);
    expect(line('key')).toMatch(new RegExp(`\\(ssh-agent\\)\\s+# ${agentSock}`));
  });

  it('a workflow run of actions/deploy with config: vps-deploy.yml prints the same plan', async () => {
    const cliRun = await cli(['deploy', '--env', 'production']);
    expect(cliRun.code, cliRun.stderr).toBe(0);
    // A workflow has no ~/.ssh: the connection comes from its secrets and variables. Everything else from the file,
    // over action.yml's defaults (strategy: compose, keep-releases: 5, …) as the runner passes them.
    const r = await runAction(
      'deploy',
      {
        ...runnerDefaults(),
        config: 'vps-deploy.yml',
        environment: 'production',
        host: ssh.host,
        port: ssh.port,
        username: ssh.user,
        key: ssh.clientKey,
        'known-hosts': ssh.knownHostsLine,
      },
      { cwd: repo.dir },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(planOf(r.stdout)).toBeDefined();
    expect(planOf(r.stdout)).toBe(planOf(cliRun.stderr));
    expect(r.outputs.status).toBe('deployed');
  });

  it('a secret in the file is refused naming the secret to use, before anything connects', async () => {
    writeFileSync(
      join(repo.dir, 'with-secret.yml'),
      `host: prod\nkey: |\n  ${ssh.clientKey.split('\n').join('\n  ')}\n`,
    );
    const before = current();
    const c = await cli(['deploy', '--env', 'production', '--config', 'with-secret.yml', '--tag', 'v2']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('with-secret.yml: key is a secret and is never read from the config file');
    expect(c.stderr).toContain('key: ${{ secrets.DEPLOY_SSH_KEY }}');
    const a = await runAction(
      'deploy',
      { ...runnerDefaults(), config: 'with-secret.yml', host: ssh.host, tag: 'v2' },
      { cwd: repo.dir },
    );
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/::error.*with-secret\.yml: key is a secret.*secrets\.DEPLOY_SSH_KEY/);
    // The key's text is shown nowhere, and nothing changed on the server.
    for (const text of [c.stdout, c.stderr, a.everything]) expect(text).not.toContain('PRIVATE KEY');
    expect(current()).toBe(before);
    expect(existsSync(join(appDir, 'releases', 'v2'))).toBe(false);
  });
});
