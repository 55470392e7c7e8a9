import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, requireParts, serverBaseDir, testUserIds } from '../../harness/parts.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { startSupervisor } from '../../harness/supervisor.js';
import type { Supervisor } from '../../harness/supervisor.js';

/**
 * Several processes and a wider gate (health-url lines, http+unix, health-command, health-headers, restart-command
 * lines), run as the committed bundles against a real OpenSSH server and a real gunicorn (Debian `gunicorn`) that
 * supervisord runs from <app-dir>/current on a Unix socket only. Like Django behind ALLOWED_HOSTS, the app answers
 * 400 to an unknown Host, and 403 without its token header.
 */
const HOST = 'sum.example.com';
const TOKEN = 'hdr-t0ken-5c1f9e77d2';

const APP = `import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
def read(name):
    with open(os.path.join(HERE, name)) as f:
        return f.read().strip()
VERSION, BEHAVIOUR = read('version'), read('behaviour')
def app(environ, start_response):
    def answer(status, body):
        start_response(status, [('Content-Type', 'application/json')])
        return [json.dumps(body).encode()]
    if environ.get('HTTP_HOST') != '${HOST}':
        return answer('400 Bad Request', {'error': 'DisallowedHost'})
    if environ.get('HTTP_X_HEALTH_TOKEN') != '${TOKEN}':
        return answer('403 Forbidden', {'error': 'no token'})
    if environ.get('PATH_INFO') == '/ready/' and BEHAVIOUR == 'ready503':
        return answer('503 Service Unavailable', {'status': 'fail', 'version': VERSION})
    return answer('200 OK', {'status': 'ok', 'version': VERSION})
`;
/** What a `celery inspect ping` says of the release's worker, as a health-command sees it. */
const WORKER_CHECK = `import sys
if open('behaviour').read().strip() == 'worker-down':
    sys.exit('Error: No nodes replied within time constraint.')
print('-> celery@sum: OK pong')
`;

let ssh: SshServer;
let sup: Supervisor;
let base: string;
let appDir: string;
let socket: string;
let repo: string;

function gitRepo(tags: [string, string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'py-app-'));
  const git = (...args: string[]) =>
    cmd('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@e',
      },
    });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'app.py'), APP);
  writeFileSync(join(dir, 'worker_check.py'), WORKER_CHECK);
  for (const [tag, behaviour] of tags) {
    writeFileSync(join(dir, 'behaviour'), `${behaviour}\n`);
    writeFileSync(join(dir, 'version'), `${tag}\n`);
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', tag);
    git('tag', tag);
  }
  return dir;
}

beforeAll(async () => {
  requireParts('supervisord');
  if (!existsSync('/usr/lib/python3/dist-packages/gunicorn')) {
    throw new Error('integration tests need gunicorn: apt-get install -y gunicorn');
  }
  ssh = await startSshd();
  base = serverBaseDir('gate-wide-');
  appDir = join(base, 'sum');
  const run = join(base, 'run');
  mkdirSync(run);
  const { uid, gid } = testUserIds();
  chownSync(run, uid, gid);
  socket = join(run, 'gunicorn.sock');
  repo = gitRepo([
    ['v1', 'ok'],
    ['v2', 'ready503'],
    ['v3', 'ok'],
    ['v4', 'worker-down'],
    ['v5', 'ok'],
  ]);
  sup = await startSupervisor(appDir, {
    command: `/usr/bin/python3 -m gunicorn --bind unix:${socket} --workers 1 app:app`,
  });
});

afterAll(async () => {
  await sup?.stop();
  await ssh?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (repo) rmSync(repo, { recursive: true, force: true });
});

const socketUrl = (path: string) => `http+unix://${encodeURIComponent(socket)}${path}`;
const headers = `Host: ${HOST}\nX-Health-Token: ${TOKEN}`;
const workerCheck = () => `cd ${appDir}/current && /usr/bin/python3 worker_check.py`;
const current = () => readlinkSync(join(appDir, 'current'));
/** The step's log without the ::add-mask:: lines, where a masked value must not appear. */
const logOf = (r: ActionRun) => r.stdout.replace(/^::add-mask::.*$/gm, '');

function deploy(tag: string, extra: Record<string, string>): Promise<ActionRun> {
  return runAction(
    'deploy',
    {
      ...sshInputs(ssh),
      app: 'sum',
      'app-dir': appDir,
      strategy: 'release',
      tag,
      'env-file': 'DJANGO_SETTINGS_MODULE=sum.settings\n',
      'restart-command': sup.restartCommand,
      'health-interval': '200ms',
      'health-timeout': '8s',
      ...extra,
    },
    { cwd: repo },
  );
}

describe('a wider gate: Unix sockets, several URLs, health commands, headers; restart-command lines', () => {
  it('deploys gunicorn on a Unix socket, gated through the SSH host (direct-streamlocal) with Host and a masked token header', async () => {
    const r = await deploy('v1', {
      'health-url': socketUrl('/health/'),
      'health-headers': headers,
      'restart-command': `${sup.restartCommand}\nsupervisorctl -c ${sup.conf} status app`,
    });
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v1', health: 'ok' });
    expect(current()).toBe('releases/v1');
    expect(readFileSync(ssh.logFile, 'utf8')).toContain(`server_request_direct_streamlocal`);
    // Each restart line reported with its exit.
    expect(r.stdout).toContain('restart-command line 1: exit 0');
    expect(r.stdout).toMatch(/restart-command line 2 ".*status app"/);
    expect(r.stdout).toContain('restart-command line 2: exit 0');
    // The token is handed to the runner's masking and shown nowhere else.
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(logOf(r) + r.stderr + r.summary).not.toContain(TOKEN);
  });

  it('a two-URL gate where one URL fails rolls back, and the summary lists each URL', async () => {
    const r = await deploy('v2', {
      'health-url': `${socketUrl('/health/')}\n${socketUrl('/ready/')}`,
      'health-headers': headers,
      'health-timeout': '3s',
    });
    expect(r.code, logOf(r)).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v1' });
    expect(current()).toBe('releases/v1');
    expect(r.stdout).toMatch(/health gate of v2 failed: .*last verdict unhealthy \(HTTP 503.*\/ready\//);
    expect(r.summary).toContain('health checks of v2');
    expect(r.summary).toMatch(/%2Fgunicorn.sock\/health\/ \| ok \(HTTP 200/);
    expect(r.summary).toMatch(/%2Fgunicorn.sock\/ready\/ \| unhealthy \(HTTP 503/);
    expect(r.summary).toContain('health checks of v1');
    expect(logOf(r) + r.summary).not.toContain(TOKEN);
  });

  it('gates a worker on health-command lines alone (no URL): passes on exit 0', async () => {
    const r = await deploy('v3', {
      'health-url': '',
      'health-command': `supervisorctl -c ${sup.conf} status app\n${workerCheck()}`,
    });
    expect(r.code, logOf(r)).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'v3', health: 'ok' });
    expect(r.stdout).toContain('Gating on 2 checks');
    expect(r.stdout).toMatch(/probe \d+: command supervisorctl .*: ok; command cd .*: ok \[2\/2\]/);
  });

  it('a failing health-command fails the gate naming it, and the previous release comes back', async () => {
    const r = await deploy('v4', {
      'health-url': '',
      'health-command': `supervisorctl -c ${sup.conf} status app\n${workerCheck()}`,
      'health-timeout': '3s',
    });
    expect(r.code, logOf(r)).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v3' });
    expect(current()).toBe('releases/v3');
    expect(r.stdout).toContain('exit 1: Error: No nodes replied within time constraint.');
    expect(r.summary).toMatch(/worker_check.py \| unhealthy — exit 1: Error: No nodes replied/);
  });

  it('a failing restart-command line fails activate naming its line and exit; the previous release comes back', async () => {
    const celery = `test "$VPS_DEPLOY_TAG" != v5 || { echo "Failed to restart sum-celery.service: Unit not found." >&2; exit 5; }`;
    const r = await deploy('v5', {
      'health-url': socketUrl('/health/'),
      'health-headers': headers,
      'restart-command': `${sup.restartCommand}\n${celery}\necho never runs > ${base}/third-line`,
    });
    expect(r.code, logOf(r)).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'v3' });
    expect(current()).toBe('releases/v3');
    expect(r.stdout).toContain(
      `restart: restart-command line 2 ${JSON.stringify(celery)} failed (exit 5) after the switch; the 1 line(s) after it did not run`,
    );
    expect(r.stdout).toContain('Failed to restart sum-celery.service: Unit not found.');
    // On the way back the same lines ran for v3, all three.
    expect(readFileSync(join(base, 'third-line'), 'utf8')).toBe('never runs\n');
  });
});

describe('actions/healthcheck with a wider gate', () => {
  const check = (extra: Record<string, string>) =>
    runAction('healthcheck', { ...sshInputs(ssh), interval: '200ms', timeout: '3s', ...extra });

  it('a Unix socket without the Host the app allows fails with HTTP 400; with health headers it passes', async () => {
    const refused = await check({ url: socketUrl('/health/') });
    expect(refused.code).toBe(1);
    expect(refused.outputs).toMatchObject({ status: 'unreachable', 'http-code': '400', passed: 'false' });
    const passed = await check({ url: socketUrl('/health/'), headers });
    expect(passed.code, passed.stdout).toBe(0);
    expect(passed.outputs).toMatchObject({ status: 'ok', 'http-code': '200', passed: 'true' });
    expect(passed.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(logOf(passed) + passed.summary).not.toContain(TOKEN);
  });

  it('a URL and a command together: both listed, both must pass', async () => {
    const r = await check({ url: socketUrl('/health/'), headers, command: 'test -S ' + socket });
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toMatch(/\| test -S .* \| ok \|/);
    const missing = await check({
      url: socketUrl('/health/'),
      headers,
      command: 'test -S /nonexistent.sock',
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/last verdict unhealthy .*test -S \/nonexistent.sock: exit 1/);
  });

  it('a command without a host is refused before anything runs', async () => {
    const r = await runAction('healthcheck', { command: 'true' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('input "command" runs on the server: give "host"');
  });
});
