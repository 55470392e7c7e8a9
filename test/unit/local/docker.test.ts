import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalCommandError } from '../../../src/local/exec.js';
import { docker, dockerLogin, dockerLogout, hasBuildx } from '../../../src/local/docker.js';

/**
 * A stand-in `docker` first on PATH records what it was given (arguments one per line, stdin for login) and
 * answers as told by STUB_* variables; the last test uses the real docker CLI.
 */
const STUB = `#!/bin/sh
printf '%s\\n' "$@" > "$STUB_DIR/argv"
case "$1" in
  login) cat > "$STUB_DIR/stdin"; echo 'Login Succeeded'; exit "\${STUB_LOGIN_EXIT:-0}" ;;
  buildx) exit "\${STUB_BUILDX_EXIT:-0}" ;;
  *) echo 'step 1/2'; echo 'no space left' >&2; exit "\${STUB_EXIT:-0}" ;;
esac
`;

let dir: string;
const saved = { ...process.env };
const logged: { info: string[]; warning: string[] } = { info: [], warning: [] };
const log = { info: (m: string) => logged.info.push(m), warning: (m: string) => logged.warning.push(m) };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vps-docker-'));
  writeFileSync(join(dir, 'docker'), STUB);
  chmodSync(join(dir, 'docker'), 0o755);
  process.env.PATH = `${dir}:${saved.PATH}`;
  process.env.STUB_DIR = dir;
  logged.info = [];
  logged.warning = [];
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

describe('dockerLogin', () => {
  const login = { registry: 'reg.example:5000', username: 'bot', password: 's3cret pass$(id)' };

  it('gives the password on stdin only', async () => {
    await dockerLogin(log, login);
    expect(readFileSync(join(dir, 'stdin'), 'utf8')).toBe(login.password);
    const argv = readFileSync(join(dir, 'argv'), 'utf8');
    expect(argv).toBe('login\n--username\nbot\n--password-stdin\nreg.example:5000\n');
    expect(logged.info).toEqual(['Login Succeeded']);
  });

  it('a refused login fails the build phase, naming the registry', async () => {
    process.env.STUB_LOGIN_EXIT = '1';
    const e = await dockerLogin(log, login).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LocalCommandError);
    expect((e as LocalCommandError).phase).toBe('build');
    expect((e as Error).message).toBe('docker login reg.example:5000 failed (exit 1):\nLogin Succeeded');
    expect((e as Error).message).not.toContain('s3cret');
  });
});

describe('docker', () => {
  it('logs every output line and names the subcommand when it fails', async () => {
    process.env.STUB_EXIT = '3';
    const e = await docker(log, ['build', '-t', 'app:v1', '.']).catch((x: unknown) => x);
    expect((e as Error).message).toBe('docker build failed (exit 3):\nstep 1/2\nno space left');
    expect((e as LocalCommandError).phase).toBe('build');
    expect(logged.info).toEqual(['step 1/2', 'no space left']);
    const push = await docker(log, ['push', 'reg/app:v1']).catch((x: unknown) => x);
    expect((push as Error).message).toMatch(/^docker push reg\/app:v1 failed \(exit 3\)/);
  });

  it('passes the arguments as they are, with no shell between', async () => {
    await docker(log, ['build', '--build-arg', 'A=$(id) "b" c', '.']);
    expect(readFileSync(join(dir, 'argv'), 'utf8')).toBe('build\n--build-arg\nA=$(id) "b" c\n.\n');
  });
});

describe('hasBuildx', () => {
  it.each([
    ['0', true],
    ['1', false],
  ])('exit %s of docker buildx version -> %s', async (exit, expected) => {
    process.env.STUB_BUILDX_EXIT = exit;
    expect(await hasBuildx()).toBe(expected);
  });
});

describe('dockerLogout', () => {
  it('only warns when docker is missing', async () => {
    process.env.PATH = join(dir, 'none');
    await expect(dockerLogout(log, 'reg.example')).resolves.toBeUndefined();
    expect(logged.warning).toEqual([
      'could not log the runner out of reg.example: docker is not available on the runner: it is not installed or not on PATH',
    ]);
  });

  it('removes the registry from the real docker CLI config', async () => {
    process.env.PATH = saved.PATH;
    process.env.DOCKER_CONFIG = dir;
    const auth = Buffer.from('bot:pw').toString('base64');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { '127.0.0.1:5999': { auth }, 'other.example': { auth } } }),
    );
    await dockerLogout(log, '127.0.0.1:5999');
    expect(logged.warning).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).auths)).toEqual([
      'other.example',
    ]);
  });
});
