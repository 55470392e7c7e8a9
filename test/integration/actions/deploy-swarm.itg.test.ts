import { chownSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { buildAppImage } from '../../harness/app-image.js';
import { BASE_IMAGE, ensureDocker, ensureRegistry } from '../../harness/docker.js';
import { cmd, requireParts, TEST_USER } from '../../harness/parts.js';
import { inNetworkLoad, probeScript } from './swarm-load.js';
import { quoteForShell } from '../../../src/ssh/quote.js';

/**
 * strategy: swarm through `node dist/deploy` and `dist/rollback` against a real single-node swarm on this
 * machine's engine (made here only if the engine was in none, and left again afterwards), OpenSSH and a registry.
 * The ingress routing mesh does not forward here (TESTING.md), so the gate and the load run inside the stack's
 * own overlay network: a busybox container on it asks the service by name (DNS round robin over its tasks).
 */
let ssh: SshServer;
let createdSwarm = false;
const id = `sw${randomBytes(3).toString('hex')}`;
const stack = id;
let repo: string;
let appDir: string;
let workspace: string;
const net = () => `${stack}_default`;
const probeArgs = () => [
  'run',
  '--rm',
  '--network',
  net(),
  BASE_IMAGE,
  'sh',
  '-c',
  probeScript('web', '/cgi-bin/health'),
];
/** The gate: every task of web answers 2xx, asked from inside the stack's network. */
const probe = () => ['docker', ...probeArgs()].map(quoteForShell).join(' ');

beforeAll(async () => {
  requireParts('flock');
  await ensureDocker();
  const registry = await ensureRegistry();
  if (cmd('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}']).trim() === 'inactive') {
    cmd('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    createdSwarm = true;
  }
  ssh = await startSshd();
  repo = `${registry}/vpsd-itg/${id}`;
  for (const [tag, mode] of [
    ['v1', 'ok'],
    ['v2', 'ok'],
    ['v3', 'unhealthy'],
    ['v4', 'crash'],
  ] as const)
    buildAppImage(repo, tag, mode);
  const base = mkdtempSync(join(tmpdir(), `${id}-`));
  cmd('chmod', ['755', base]);
  appDir = join(base, id);
  mkdirSync(appDir);
  const uid = Number(cmd('id', ['-u', TEST_USER]).trim());
  chownSync(appDir, uid, Number(cmd('id', ['-g', TEST_USER]).trim()));
  workspace = join(base, 'workspace');
  mkdirSync(join(workspace, 'deploy'), { recursive: true });
  writeFileSync(
    join(workspace, 'deploy', 'stack.yml'),
    [
      'services:',
      '  web:',
      `    image: ${repo}:\${IMAGE_TAG}`,
      '    env_file: .env',
      '    deploy:',
      '      replicas: 2',
      // DNS round robin: this machine's kernel has no IPVS for Swarm's virtual IPs.
      '      endpoint_mode: dnsrr',
      '      update_config: { parallelism: 1, order: start-first, failure_action: rollback, monitor: 2s }',
      '      rollback_config: { parallelism: 0, order: start-first }',
      '      restart_policy: { condition: any, delay: 1s }',
      'networks:',
      '  default:',
      '    attachable: true',
      '',
    ].join('\n'),
  );
}, 180_000);

afterAll(async () => {
  try {
    cmd('docker', ['stack', 'rm', stack]);
    // The network goes once its tasks are gone; leaving the swarm before that strands it.
    for (let i = 0; i < 30 && cmd('docker', ['network', 'ls', '-q', '--filter', `name=${net()}`]).trim(); i++)
      await new Promise((r) => setTimeout(r, 1000));
  } finally {
    if (createdSwarm) cmd('docker', ['swarm', 'leave', '--force']);
    await ssh?.stop();
  }
}, 60_000);

function deploy(tag: string, extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runAction(
    'deploy',
    {
      ...sshInputs(ssh),
      app: id,
      'app-dir': appDir,
      tag,
      strategy: 'swarm',
      'compose-file': 'deploy/stack.yml',
      'env-file': `GREETING=hello-${tag}\n`,
      'health-command': probe(),
      'health-interval': '300ms',
      'health-timeout': '40s',
      ...extra,
    },
    { cwd: workspace, env },
  );
}

function rollback(to: string): Promise<ActionRun> {
  return runAction('rollback', {
    ...sshInputs(ssh),
    app: id,
    'app-dir': appDir,
    to,
    'health-command': probe(),
    'health-interval': '300ms',
    'health-timeout': '40s',
  });
}

const state = () =>
  JSON.parse(readFileSync(join(appDir, '.vps-deploy', 'state.json'), 'utf8')) as Record<string, unknown>;
const ledger = () =>
  readFileSync(join(appDir, '.vps-deploy', 'releases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const specImage = () =>
  cmd('docker', [
    'service',
    'inspect',
    '--format',
    '{{.Spec.TaskTemplate.ContainerSpec.Image}}',
    `${stack}_web`,
  ])
    .trim()
    .replace(/@sha256:.*$/, '');
/** The versions the tasks of web answer with (a task still stopping after start-first may answer too). */
const serving = () =>
  cmd('docker', probeArgs())
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { version: string }).version)
    .filter((v, i, all) => all.indexOf(v) === i);
const runningTasks = () =>
  cmd('docker', [
    'service',
    'ps',
    '--filter',
    'desired-state=running',
    '--format',
    '{{.Image}} {{.CurrentState}}',
    `${stack}_web`,
  ])
    .trim()
    .split('\n')
    .filter((l) => / Running /.test(l));

describe('actions/deploy and actions/rollback with strategy: swarm', () => {
  it('deploys v1 as a stack of 2 replicas; the summary shows replicas per service and their node', async () => {
    const r = await deploy('v1');
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1' });
    expect(specImage()).toBe(`${repo}:v1`);
    expect(runningTasks()).toHaveLength(2);
    expect(serving()).toEqual(['v1']);
    expect(state()).toMatchObject({ current: 'v1', previous: null, strategy: 'swarm' });
    expect(r.summary).toMatch(new RegExp(`\\| web \\| ${repo.replace(/[.]/g, '\\.')}:v1 \\| 2/2 \\| \\S+`));
    // The env-file went into the service spec through `env_file: .env`.
    expect(
      cmd('docker', [
        'service',
        'inspect',
        '--format',
        '{{json .Spec.TaskTemplate.ContainerSpec.Env}}',
        `${stack}_web`,
      ]),
    ).toContain('GREETING=hello-v1');
    expect(r.stdout).toContain(`Creating service ${stack}_web`);
  });

  it('v2 rolls over the 2 replicas start-first under load while a concurrent deploy waits on the lock', async () => {
    const load = await inNetworkLoad(net(), 'web', '/cgi-bin/health');
    const [a, b] = await Promise.all([
      deploy('v2', {}, { GITHUB_RUN_ID: '1001' }),
      new Promise<ActionRun>((res) =>
        setTimeout(() => res(deploy('v2', {}, { GITHUB_RUN_ID: '1002' })), 400),
      ),
    ]);
    const counts = await load.stop();
    console.log(`swarm start-first update of 2 replicas under in-network load: ${JSON.stringify(counts)}`);
    expect(a.code, a.everything).toBe(0);
    expect(b.code, b.everything).toBe(0);
    expect(b.stdout).toMatch(/Waiting up to 300s for the deploy lock of .* held by deploy of v2 by octocat/);
    expect(specImage()).toBe(`${repo}:v2`);
    expect(serving()).toEqual(['v2']);
    expect(counts.ok).toBeGreaterThan(20);
    // Target 0. With DNS round robin a client may still be given a task that is stopping (seen: 1 refused
    // connection of 1283); the count is reported above and in the README, and bounded here.
    expect(counts.failed, counts.failures.join('\n')).toBeLessThanOrEqual(Math.ceil(counts.ok / 100));
  });

  it('a release answering 503 fails the gate and the stack goes back to v2', async () => {
    // A 503 is not fatal by itself: the gate waits out health-timeout, kept short here.
    const r = await deploy('v3', { 'health-timeout': '15s' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2' });
    expect(specImage()).toBe(`${repo}:v2`);
    expect(serving()).toEqual(['v2']);
    expect(state()).toMatchObject({ current: 'v2', previous: 'v1' });
    expect(ledger().at(-1)).toMatchObject({ tag: 'v3', outcome: 'rolled-back' });
  });

  it('a crashing release is caught from Swarm itself and the stack goes back to v2', async () => {
    const r = await deploy('v4');
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v2' });
    expect(r.stdout).toMatch(
      /Swarm (paused|rolled back) the update( \(rollback_\w+\))? of .*_web|restart-looping/,
    );
    expect(specImage()).toBe(`${repo}:v2`);
    expect(serving()).toEqual(['v2']);
  });

  it('an image the nodes cannot pull fails naming it, and v2 stays', async () => {
    const r = await deploy('v9');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cannot pull the image of .*_web/);
    expect(specImage()).toBe(`${repo}:v2`);
  });

  it('a services name not in the stack is refused before anything changes', async () => {
    const before = ledger().length;
    const r = await deploy('v1', { services: 'wbe' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/input "services" names wbe, not a service of stack .*\(it has web\)/);
    expect(specImage()).toBe(`${repo}:v2`);
    expect(
      ledger()
        .slice(before)
        .map((l) => l.outcome),
    ).toEqual(['started', 'aborted']);
  });

  it('manual rollback to previous returns the stack to v1, with the env-file it ran with', async () => {
    const r = await rollback('previous');
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v1', 'from-tag': 'v2' });
    expect(specImage()).toBe(`${repo}:v1`);
    expect(serving()).toEqual(['v1']);
    expect(
      cmd('docker', [
        'service',
        'inspect',
        '--format',
        '{{json .Spec.TaskTemplate.ContainerSpec.Env}}',
        `${stack}_web`,
      ]),
    ).toContain('GREETING=hello-v1');
    expect(state()).toMatchObject({ current: 'v1', previous: 'v2', strategy: 'swarm' });
  });
});
