import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ActionIO } from '../../../src/io/action-io.js';
import { runContextFromEnv } from '../../../src/io/action-io.js';
import { parseConfigFile } from '../../../src/io/config-file.js';
import { configureInputs } from '../../../src/io/configured-io.js';
import { readInputs } from '../../../src/io/inputs.js';
import { deployInputSpec } from '../../../src/actions/deploy/inputs.js';

const read = (text: string) =>
  parseConfigFile(text, 'vps-deploy.yml', (t) => parse(t, { schema: 'failsafe' }));

const CONFIG = `
app: shop
port: 2200
strategy: release
health-url: http://127.0.0.1:8000/health
environments:
  staging:
    host: staging.example.com
  production:
    host: [prod1.example.com, prod2.example.com]
    port: 22022
    keep-releases: 9
`;

/** An ActionIO over a workspace holding `config`, with `inputs` as the runner (or the CLI) passes them. */
function ioWith(config: string | undefined, inputs: Record<string, string>, given?: string[]): ActionIO {
  const workspace = mkdtempSync(join(tmpdir(), 'vpsd-config-'));
  if (config !== undefined) writeFileSync(join(workspace, 'vps-deploy.yml'), config);
  const lines: string[] = [];
  return {
    input: (n) => inputs[n] ?? '',
    ...(given ? { given: (n: string) => given.includes(n) } : {}),
    setOutput: () => undefined,
    setSecret: () => undefined,
    info: (m) => void lines.push(m),
    warning: () => undefined,
    notice: () => undefined,
    debug: () => undefined,
    remoteOutput: () => ({ line: () => undefined, end: () => undefined }),
    group: (_t, fn) => fn(),
    summary: async () => undefined,
    saveState: () => undefined,
    getState: () => '',
    run: { ...runContextFromEnv({}), workspace },
  };
}

async function resolved(config: string | undefined, inputs: Record<string, string>, given?: string[]) {
  const { io, origin } = await configureInputs(ioWith(config, inputs, given), deployInputSpec);
  return { inputs: readInputs(deployInputSpec, (n) => io.input(n)), origin };
}

describe('precedence: explicit input > environment section > top level > default', () => {
  it.each([
    // [what, inputs given, environment, input name, expected value, expected origin]
    ['default when nothing sets it', {}, '', 'health-timeout', 60, 'default'],
    ['top level over the default', {}, '', 'port', 2200, 'top'],
    [
      'environment section over the top level',
      { environment: 'production' },
      '',
      'port',
      22022,
      'environment',
    ],
    ['top level where the section is silent', { environment: 'production' }, '', 'app', 'shop', 'top'],
    ['explicit input over the section', { environment: 'production', port: '2' }, '', 'port', 2, 'input'],
    ['explicit input over the top level', { app: 'blog' }, '', 'app', 'blog', 'input'],
    [
      'a section list, one item a line',
      { environment: 'production' },
      '',
      'host',
      ['prod1.example.com', 'prod2.example.com'],
      'environment',
    ],
    ['another section', { environment: 'staging' }, '', 'host', ['staging.example.com'], 'environment'],
    // A workflow cannot be told from action.yml's default: an input meaning the default counts as not set.
    ['an input equal to its default counts as not set (runner)', { port: '22' }, '', 'port', 2200, 'top'],
    [
      'an input equal to its default in another form (runner)',
      { strategy: 'compose' },
      '',
      'strategy',
      'release',
      'top',
    ],
  ] as const)('%s', async (_what, inputs, _env, name, value, from) => {
    const r = await resolved(CONFIG, inputs);
    expect(r.inputs[name as keyof typeof r.inputs]).toEqual(value);
    expect(r.origin(name)).toBe(from);
  });

  it('the CLI knows what was given: a flag equal to the default still wins', async () => {
    const r = await resolved(CONFIG, { port: '22' }, ['port']);
    expect([r.inputs.port, r.origin('port')]).toEqual([22, 'input']);
  });

  it('without a file the inputs are as they were', async () => {
    const r = await resolved(undefined, { host: 'h', port: '2222' });
    expect([r.inputs.host, r.inputs.port, r.origin('app')]).toEqual([['h'], 2222, 'default']);
  });

  it('a named config file that does not exist is an error', async () => {
    await expect(resolved(undefined, { config: 'deploy/vps.yml' })).rejects.toThrow(
      'input "config" got "deploy/vps.yml": there is no such file',
    );
  });

  it('an environment the file has no section for names those it has', async () => {
    await expect(resolved(CONFIG, { environment: 'prod' })).rejects.toThrow(
      'vps-deploy.yml has no environments.prod (it has staging, production)',
    );
  });

  it('a file without environments ignores the environment (a GitHub environment only)', async () => {
    const r = await resolved('app: shop\n', { environment: 'preview' });
    expect(r.inputs.app).toBe('shop');
  });
});

describe('values are read as a workflow passes them, and checked by the same schemas', () => {
  it('tag: 1.10 stays "1.10" (failsafe: every scalar is text)', () => {
    expect(read('tag: 1.10\nallow-degraded: no\n').top).toEqual({ tag: '1.10', 'allow-degraded': 'no' });
  });

  it('every bad value at once, each with its place', async () => {
    const bad = 'port: seventy\nenvironments:\n  staging:\n    strategy: blue\n';
    await expect(resolved(bad, {})).rejects.toThrow(
      'Invalid config file\n' +
        '  vps-deploy.yml: port got "seventy": takes a whole number from 1 to 65535\n' +
        '  vps-deploy.yml: environments.staging.strategy got "blue": takes one of compose, release',
    );
  });

  it('a mapping where a value belongs is refused', () => {
    expect(() => read('host: { name: x }\n')).toThrow(
      'vps-deploy.yml: host takes a text, a number, true/false or a list of them',
    );
  });
});

describe('secrets are refused, naming the secret to use instead', () => {
  it.each([
    [
      'key: "-----BEGIN OPENSSH PRIVATE KEY-----"',
      'vps-deploy.yml: key is a secret',
      '${{ secrets.DEPLOY_SSH_KEY }}',
      'ssh-agent',
    ],
    [
      'password: hunter22',
      'vps-deploy.yml: password is a secret',
      '${{ secrets.DEPLOY_SSH_PASSWORD }}',
      'VPS_DEPLOY_PASSWORD',
    ],
    [
      'registry-password: x',
      'registry-password is a secret',
      '${{ secrets.REGISTRY_PASSWORD }}',
      '--registry-password-file',
    ],
    ['env-file: "DB=x"', 'env-file is a secret', '${{ secrets.APP_ENV_FILE }}', 'VPS_DEPLOY_ENV_FILE'],
    ['jump-passphrase: x', 'jump-passphrase is a secret', '${{ secrets.JUMP_SSH_PASSPHRASE }}', ''],
    ['passphrase: x', 'passphrase is a secret', '${{ secrets.DEPLOY_SSH_PASSPHRASE }}', ''],
    ['github-token: x', 'github-token is a secret', '${{ secrets.GITHUB_TOKEN }}', ''],
    [
      'health-headers: "Authorization: Bearer x"',
      'health-headers is a secret',
      '${{ secrets.HEALTH_HEADERS }}',
      '',
    ],
    [
      'environments:\n  production:\n    jump-key: x',
      'vps-deploy.yml: environments.production.jump-key is a secret',
      '${{ secrets.JUMP_SSH_KEY }}',
      '',
    ],
  ])('%s', (text, what, secret, terminal) => {
    const thrown = (() => {
      try {
        read(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    })();
    expect(thrown).toContain(what);
    expect(thrown).toContain(secret);
    expect(thrown).toContain(terminal);
    // The refusal never repeats the value.
    expect(thrown).not.toMatch(/hunter22|BEGIN OPENSSH|Bearer/);
  });

  it('a URL with a password under any key is refused without showing it', () => {
    expect(() => read('postgres: postgres://app:s3cret@db/app\n')).toThrow(
      /postgres holds a URL with a password.*VPS_DEPLOY_POSTGRES/,
    );
    expect(() => read('postgres: postgres://app:s3cret@db/app\n')).not.toThrow(/s3cret/);
  });
});

describe('unknown keys suggest the closest name', () => {
  it.each([
    ['helth-url: x', 'helth-url is not an input: did you mean "health-url"?'],
    ['app_dir: /srv/x', 'app_dir is not an input: did you mean "app-dir"?'],
    ['enviroments: {}', 'enviroments is not an input: did you mean "environments"?'],
    [
      'environments:\n  staging:\n    hots: x',
      'environments.staging.hots is not an input: did you mean "host"?',
    ],
    ['zzzzzzzzzzzz: 1', 'zzzzzzzzzzzz is not an input'],
    ['environment: production', 'environment cannot be set in the file: the `environment` input or --env'],
    ['config: other.yml', 'config cannot be set in the file'],
  ])('%s', (text, message) => expect(() => read(text)).toThrow(message));

  it("another action's input is known (one file serves every action)", () => {
    expect(read('sqlite: /srv/app/db.sqlite3\nkeep-daily: 7\n').top.sqlite).toBe('/srv/app/db.sqlite3');
  });

  it('every problem at once', () => {
    expect(() => read('helth-url: x\nkey: y\n')).toThrow(/helth-url[^]*key is a secret/);
  });
});

describe("the CLI's --env names a section that must exist", () => {
  it.each([
    [undefined, /--env production: there is no vps-deploy.yml in .* \(or name one with --config FILE\)/],
    ['app: shop\n', 'vps-deploy.yml has no environments.production (it has none)'],
    ['environments:\n  staging: {}\n', 'vps-deploy.yml has no environments.production (it has staging)'],
  ])('%j', async (config, message) => {
    await expect(
      configureInputs(ioWith(config, {}, []), deployInputSpec, { environment: 'production', strict: true }),
    ).rejects.toThrow(message);
  });
});
