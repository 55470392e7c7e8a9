import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCommands, buildPlan } from '../../../../src/actions/pipeline/build.js';
import { pipelineInputSpec } from '../../../../src/actions/pipeline/inputs.js';
import { deployInputSpec, readDeployInputs } from '../../../../src/actions/deploy/inputs.js';
import { deployPlan, resolveTag } from '../../../../src/actions/deploy/plan.js';
import { stepStatus } from '../../../../src/flow/report.js';
import type { HostReport } from '../../../../src/flow/report.js';
import { rollbackInputSpec } from '../../../../src/actions/rollback/inputs.js';
import { runContextFromEnv } from '../../../../src/io/action-io.js';

const run = (ref = 'refs/heads/main', sha = 'abcdef0123456789') => ({
  ...runContextFromEnv({}),
  ref,
  sha,
  repository: 'acme/shop',
  workspace: '/ws',
});

describe('the tag', () => {
  it.each([
    ['v1.2.3', 'refs/heads/main', undefined, 'v1.2.3'],
    ['', 'refs/tags/v2.0.0', undefined, 'v2.0.0'],
    ['v9', 'refs/tags/v2.0.0', undefined, 'v9'],
    ['', 'refs/heads/main', 'sha-abcdef0', 'sha-abcdef0'],
  ])('input %j, ref %s -> %s', (input, ref, fallback, expected) => {
    expect(resolveTag(input, run(ref), fallback)).toBe(expected);
  });
  it.each([
    ['', 'refs/heads/main', /input "tag" is required/],
    ['', 'refs/tags/release/1 x', /cannot be a release tag/],
  ])('fails for %j on %s', (input, ref, message) => {
    expect(() => resolveTag(input, run(ref))).toThrow(message);
  });
  it.each(['v1;rm -rf /', '$(id)', '-v1', '.hidden', 'a'.repeat(129), 'v1\nv2'])(
    'rejects the hostile tag %j before connecting',
    (tag) => {
      expect(() => readDeployInputs((n) => (n === 'tag' ? tag : ''))).toThrow(
        /input "tag" got .*takes a tag/,
      );
    },
  );
});

describe('deploy plan', () => {
  const inputs = (extra: Record<string, string>) =>
    readDeployInputs((n) => ({ host: 'srv', username: 'deploy', key: 'k', tag: 'v1', ...extra })[n] ?? '');
  it('defaults as docs/action.md says', async () => {
    const p = await deployPlan(inputs({}), run());
    expect(p).toMatchObject({
      tag: 'v1',
      strategy: 'compose',
      location: { app: 'shop', appDir: '/srv/shop' },
      keepReleases: 5,
      rollbackOnFailure: true,
      lockTimeoutSeconds: 300,
      health: {
        urls: ['http://127.0.0.1:8000/health'],
        commands: [],
        headers: {},
        from: 'server',
        gate: { timeoutSeconds: 60, intervalSeconds: 1, successes: 2, allowDegraded: true },
      },
      compose: { tagVariable: 'IMAGE_TAG', services: [], envFile: '' },
      release: { sharedFiles: ['.env'], sharedDirs: [], workspace: '/ws' },
    });
    expect(p.compose.registry).toBeUndefined();
  });
  it('registry login on the server needs all three registry inputs', async () => {
    await expect(
      deployPlan(inputs({ registry: 'ghcr.io', 'registry-password': 'p' }), run()),
    ).rejects.toThrow(/go together/);
    expect(
      (
        await deployPlan(
          inputs({ registry: 'ghcr.io', 'registry-username': 'u', 'registry-password': 'p' }),
          run(),
        )
      ).compose.registry,
    ).toEqual({
      host: 'ghcr.io',
      username: 'u',
      password: 'p',
    });
  });
  it('a compose-file that is not in the workspace fails before connecting', async () => {
    await expect(deployPlan(inputs({ 'compose-file': 'nope.yml' }), run())).rejects.toThrow(
      /input "compose-file" got "nope.yml"/,
    );
  });
});

describe('image build on the runner', () => {
  const i = {
    image: 'ghcr.io/acme/shop',
    context: 'app',
    dockerfile: '',
    'build-args': ['MODE=ok'],
    registry: 'ghcr.io',
    'registry-username': 'bot',
    'registry-password': 'pw',
  };
  it('tags <tag> and sha-<short>, paths from the workspace, login when credentials are given', () => {
    expect(buildPlan(i, 'v1', '0123456789abcdef', '/ws')).toEqual({
      refs: ['ghcr.io/acme/shop:v1', 'ghcr.io/acme/shop:sha-0123456'],
      context: '/ws/app',
      dockerfile: '',
      buildArgs: ['MODE=ok'],
      login: { registry: 'ghcr.io', username: 'bot', password: 'pw' },
    });
    expect(buildPlan({ ...i, 'registry-password': '' }, 'sha-0123456', '0123456789', '/ws')).toMatchObject({
      refs: ['ghcr.io/acme/shop:sha-0123456'],
    });
    expect(() => buildPlan({ ...i, image: '' }, 'v1', '', '/ws')).toThrow(/input "image" is required/);
  });
  const plan = {
    refs: ['r:v1', 'r:sha-1'],
    context: '/ws',
    dockerfile: '/ws/Dockerfile.prod',
    buildArgs: ['A=1'],
  };
  it.each([
    [
      true,
      [
        [
          'buildx',
          'build',
          '--push',
          '-t',
          'r:v1',
          '-t',
          'r:sha-1',
          '-f',
          '/ws/Dockerfile.prod',
          '--build-arg',
          'A',
          '/ws',
        ],
      ],
    ],
    [
      false,
      [
        ['build', '-t', 'r:v1', '-t', 'r:sha-1', '-f', '/ws/Dockerfile.prod', '--build-arg', 'A', '/ws'],
        ['push', 'r:v1'],
        ['push', 'r:sha-1'],
      ],
    ],
  ])('buildx %s', (buildx, expected) => expect(buildCommands(plan, buildx)).toEqual(expected));
});

describe('step status over several hosts', () => {
  const r = (status?: 'deployed' | 'rolled-back' | 'failed'): HostReport =>
    status
      ? { host: 'h', result: { status, attempted: 'v', current: 'v', before: null, phases: {}, pruned: [] } }
      : { host: 'h', error: 'x' };
  it.each([
    [[r('deployed'), r('deployed')], 'deployed'],
    [[r('deployed'), r('rolled-back')], 'rolled-back'],
    [[r('deployed'), r()], 'failed'],
    [[], 'failed'],
  ])('%#', (reports, expected) => expect(stepStatus(reports, 'deployed')).toBe(expected));
});

describe('action.yml files document every input the code reads', () => {
  it.each([
    ['action.yml', pipelineInputSpec],
    ['actions/deploy/action.yml', deployInputSpec],
    ['actions/rollback/action.yml', rollbackInputSpec],
  ])('%s', (file, spec) => {
    const y = parse(readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8')) as {
      inputs: Record<string, { description: string }>;
      outputs: Record<string, unknown>;
      runs: { using: string };
    };
    expect(Object.keys(y.inputs).sort()).toEqual(Object.keys(spec).sort());
    for (const [name, v] of Object.entries(y.inputs)) expect(v.description, name).toBeTruthy();
    expect(y.runs.using).toBe('node24');
    expect(Object.keys(y.outputs)).toEqual(
      expect.arrayContaining(['status', 'tag', 'health', 'duration-seconds']),
    );
  });
});
