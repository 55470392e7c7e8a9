import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '../../harness/sshd.js';
import type { SshServer } from '../../harness/sshd.js';
import { runAction, sshInputs } from '../../harness/run-action.js';
import type { ActionRun } from '../../harness/run-action.js';
import { APP_FIXTURE, composeApp } from '../../harness/app-image.js';
import type { ComposeApp } from '../../harness/app-image.js';
import { cmd, requireParts, serverBaseDir } from '../../harness/parts.js';

/**
 * The compose strategy, wider: services with a Docker HEALTHCHECK are gated on Docker's own state too
 * (`starting` waits, `unhealthy` fails at once, naming Docker's last check line), the app's logs are shown when a
 * gate fails (compose `logs --tail`; release directories: logs-command), and extra-files ship beside the compose
 * file with each release and come back with a rollback. Real OpenSSH, Docker engine, registry, docker-compose.
 */
let ssh: SshServer;
let health: ComposeApp;
let files: ComposeApp;
const SECRET = 'vpsd-wide-s3cret-51ae09';

/** The test app with a Docker HEALTHCHECK whose answer the CHECK build arg decides (ok, slow, fail). */
function buildCheckedImage(app: ComposeApp, tag: string, check: 'ok' | 'slow' | 'fail'): void {
  const dir = join(app.workspace, 'checked-app');
  if (!existsSync(dir)) {
    cpSync(APP_FIXTURE, dir, { recursive: true });
    writeFileSync(
      join(dir, 'check.sh'),
      [
        '#!/bin/sh',
        'case "$(cat /check)" in',
        '  fail) echo "checking db"; echo "db:5432 connection refused"; exit 1 ;;',
        // Healthy from the second check on: `starting` for about a second after the URL already answers.
        '  slow) n=$(($(cat /tmp/checks 2>/dev/null || echo 0) + 1)); echo "$n" > /tmp/checks; [ "$n" -ge 2 ] ;;',
        '  *) exit 0 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        'FROM local/busybox:1',
        'ARG MODE=ok',
        'ARG VERSION=v1',
        'ARG CHECK=ok',
        'RUN mkdir -p /www/cgi-bin /www/public && echo "$MODE" > /mode && echo "$VERSION" > /version && echo "$CHECK" > /check',
        'COPY health.cgi /www/cgi-bin/health',
        'COPY start.sh /start.sh',
        'COPY check.sh /check.sh',
        'RUN chmod 755 /www/cgi-bin/health /start.sh /check.sh',
        'HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD ["/bin/sh", "/check.sh"]',
        'CMD ["/bin/sh", "-c", "echo \\"app $(cat /version) starting: connecting to db at db:5432\\"; exec /start.sh"]',
        '',
      ].join('\n'),
    );
  }
  const ref = `${app.repo}:${tag}`;
  cmd('docker', [
    'build',
    '-q',
    '-t',
    ref,
    '--build-arg',
    `VERSION=${tag}`,
    '--build-arg',
    `CHECK=${check}`,
    dir,
  ]);
  cmd('docker', ['push', '-q', ref]);
}

beforeAll(async () => {
  requireParts('docker-compose', 'flock');
  ssh = await startSshd();
  health = await composeApp('cwh');
  files = await composeApp('cwf');
  for (const [tag, check] of [
    ['h1', 'ok'],
    ['h2', 'slow'],
    ['h3', 'fail'],
  ] as const)
    buildCheckedImage(health, tag, check);
  for (const [tag, check] of [
    ['f1', 'ok'],
    ['f2', 'fail'],
    ['f3', 'ok'],
  ] as const)
    buildCheckedImage(files, tag, check);
  // The files app mounts ./public (never replaced itself: what is inside is), as a Caddyfile or a bundle would be.
  writeFileSync(
    join(files.workspace, files.composeFile),
    readFileSync(join(files.workspace, files.composeFile), 'utf8') +
      '    volumes: ["./public:/www/public:ro"]\n',
  );
});
afterAll(async () => {
  health?.down();
  files?.down();
  await ssh?.stop();
});

function deploy(app: ComposeApp, tag: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    'deploy',
    {
      ...sshInputs(ssh),
      app: app.app,
      'app-dir': app.appDir,
      tag,
      'compose-file': app.composeFile,
      'env-file': app.envFile(`SECRET_TOKEN=${SECRET}\n`),
      'health-url': app.healthUrl,
      'health-interval': '200ms',
      'health-timeout': '30s',
      ...extra,
    },
    { cwd: app.workspace },
  );
}
const serving = async (app: ComposeApp) =>
  ((await (await fetch(app.healthUrl)).json()) as { version: string }).version;
const dockerHealth = (app: ComposeApp) =>
  cmd('docker', [
    'ps',
    '--filter',
    `label=com.docker.compose.project.working_dir=${app.appDir}`,
    '--format',
    '{{.Status}}',
  ]).trim();

describe("Docker's healthcheck state gates a compose release", () => {
  it('healthy: deployed once Docker says so', async () => {
    const r = await deploy(health, 'h1');
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'h1' });
    // Even a passing check says `starting` until Docker first runs it: promoted once it said healthy.
    expect(dockerHealth(health)).toContain('(healthy)');
  });

  it('starting: the gate waits after the URL passed, until Docker says healthy', async () => {
    const r = await deploy(health, 'h2');
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'deployed', tag: 'h2' });
    expect(r.stdout).toMatch(/Docker healthcheck of \S+ \(service web\) still starting: waiting/);
    // Promoted only once Docker itself said healthy.
    expect(dockerHealth(health)).toContain('(healthy)');
  });

  it('unhealthy: fails at once, naming the service and the check, shows the logs, and rolls back', async () => {
    const r = await deploy(health, 'h3');
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'h2', 'previous-tag': 'h2' });
    expect(r.stdout).toMatch(
      /the health gate of h3 failed: Docker healthcheck: \S+ \(service web\) unhealthy; last check said: db:5432 connection refused/,
    );
    // Not the health-timeout (30s): Docker's verdict ended the gate.
    expect(r.stdout).not.toContain('health-timeout (30s) ran out');
    // The app's own logs, read before the rollback: in a log group and, collapsed, in the summary.
    expect(r.stdout).toContain('::group::App logs after the failed gate of h3 (last lines)');
    expect(r.stdout).toContain('app h3 starting: connecting to db at db:5432');
    expect(r.summary).toContain(`<details><summary>127.0.0.1: app logs of h3 (last lines)</summary>`);
    expect(r.summary).toContain('app h3 starting: connecting to db at db:5432');
    expect(await serving(health)).toBe('h2');
  });
});

describe('extra-files: shipped with each release, brought back by a rollback', () => {
  const bundle = (text: string) => {
    mkdirSync(join(files.workspace, 'site', 'assets'), { recursive: true });
    writeFileSync(join(files.workspace, 'site', 'index.html'), `bundle ${text}\n`);
    writeFileSync(join(files.workspace, 'site', 'assets', 'app.js'), `console.log('${text}')\n`);
    mkdirSync(join(files.workspace, 'deploy'), { recursive: true });
    writeFileSync(join(files.workspace, 'deploy', 'Caddyfile'), `:80 { respond "${text}" }\n`);
  };
  const EXTRA = 'site:public/site\ndeploy/Caddyfile:proxy/Caddyfile';
  const page = async () =>
    (await (await fetch(`http://127.0.0.1:${files.port}/public/site/index.html`)).text()).trim();
  const onServer = (p: string) => readFileSync(join(files.appDir, p), 'utf8').trim();

  it('a deploy puts them in place before up -d, and the container sees them', async () => {
    bundle('f1');
    const r = await deploy(files, 'f1', { 'extra-files': EXTRA });
    expect(r.code, r.everything).toBe(0);
    expect(r.stdout).toContain('Uploaded 3 extra file(s) for f1: public/site, proxy/Caddyfile');
    expect(await page()).toBe('bundle f1');
    expect(onServer('proxy/Caddyfile')).toBe(':80 { respond "f1" }');
    expect(onServer('.vps-deploy/files/f1/MANIFEST')).toBe('public/site\nproxy/Caddyfile');
  });

  it("a failed gate's rollback brings back the files of the release it returns to", async () => {
    bundle('f2');
    const r = await deploy(files, 'f2', { 'extra-files': EXTRA });
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'f1' });
    expect(r.stdout).toContain('Extra files of f2 in place: public/site, proxy/Caddyfile');
    expect(r.stdout).toContain('Extra files of f1 in place: public/site, proxy/Caddyfile');
    expect(await page()).toBe('bundle f1');
    expect(onServer('proxy/Caddyfile')).toBe(':80 { respond "f1" }');
  });

  it('a manual rollback brings them back too', async () => {
    bundle('f3');
    const d = await deploy(files, 'f3', { 'extra-files': EXTRA });
    expect(d.code, d.everything).toBe(0);
    expect(await page()).toBe('bundle f3');
    const r = await runAction(
      'rollback',
      {
        ...sshInputs(ssh),
        app: files.app,
        'app-dir': files.appDir,
        'health-url': files.healthUrl,
        'health-interval': '200ms',
        'health-timeout': '30s',
      },
      { cwd: files.workspace },
    );
    expect(r.code, r.everything).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'rolled-back', tag: 'f1' });
    expect(await page()).toBe('bundle f1');
    expect(onServer('public/site/assets/app.js')).toBe("console.log('f1')");
  });

  it.each([
    ['../outside:x', /input "extra-files" got "\.\.\/outside:x"/],
    ['site:/etc/caddy/site', /the remote path \/etc\/caddy\/site is outside app-dir/],
    ['site:.env', /belongs to vps-deploy/],
  ])('%j is refused before anything connects', async (line, message) => {
    const r = await deploy(files, 'f3', { 'extra-files': line });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).not.toContain('ssh: connected');
  });
});

describe('release directories: logs-command after a failed restart', () => {
  it('shows its output in the step log and the summary, secrets masked, server commands fenced', async () => {
    const base = serverBaseDir('wide-release-');
    const appDir = join(base, 'app');
    const source = join(base, 'source');
    mkdirSync(source);
    writeFileSync(join(source, 'app.py'), 'print("hi")\n');
    const r = await runAction(
      'deploy',
      {
        ...sshInputs(ssh),
        app: 'wide',
        'app-dir': appDir,
        strategy: 'release',
        source,
        tag: 'r1',
        'env-file': `SECRET_TOKEN=${SECRET}\n`,
        'restart-command': 'echo "Job for wide.service failed" >&2; exit 3',
        'logs-command':
          'echo "Nov 23 wide[42]: ImportError: cannot import name x"; grep SECRET_TOKEN shared/.env; ' +
          'echo "::error title=spoofed::from the server"',
      },
      { cwd: base },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::group::App logs after the failed activation of r1 (last lines)');
    expect(r.stdout).toContain('Nov 23 wide[42]: ImportError: cannot import name x');
    expect(r.summary).toContain('<details><summary>127.0.0.1: app logs of r1 (last lines)</summary>');
    expect(r.summary).toContain('ImportError: cannot import name x');
    // The env file's line came back from the server: redacted before it was shown anywhere.
    expect(r.stdout).toContain('***');
    expect(r.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(SECRET);
    // The server's `::error` line is shown as text: inside a stop-commands fence whose token it did not know.
    const at = r.stdout.indexOf('::error title=spoofed::from the server');
    expect(at).toBeGreaterThan(-1);
    const fence = [...r.stdout.slice(0, at).matchAll(/^::stop-commands::(\S+)$/gm)].at(-1)?.[1];
    expect(fence, 'a stop-commands fence before the server text').toBeTruthy();
    expect(r.stdout.slice(0, at)).not.toContain(`::${fence}::`);
    expect(r.stdout.slice(at)).toContain(`::${fence}::`);
  });
});
