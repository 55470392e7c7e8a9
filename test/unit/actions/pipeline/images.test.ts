import { describe, expect, it } from 'vitest';
import {
  buildArgEnv,
  buildArgSecrets,
  buildCommands,
  buildPlans,
  imagesLineProblem,
} from '../../../../src/actions/pipeline/build.js';
import { readPipelineInputs } from '../../../../src/actions/pipeline/inputs.js';

const i = {
  image: '',
  context: '.',
  dockerfile: '',
  'build-args': ['VERSION=v1', 'NPM_TOKEN=npm_secret_token'],
  registry: 'ghcr.io',
  'registry-username': 'bot',
  'registry-password': 'pw',
};

describe('several images (input "images")', () => {
  it('each line is built with its own context and Dockerfile, tagged <tag> and sha-<short>', () => {
    const plans = buildPlans(
      { ...i, images: ['ghcr.io/acme/api backend', 'ghcr.io/acme/web  frontend   frontend/Dockerfile.prod'] },
      'v1',
      '0123456789',
      '/ws',
    );
    expect(plans.map((p) => [p.refs, p.context, p.dockerfile])).toEqual([
      [['ghcr.io/acme/api:v1', 'ghcr.io/acme/api:sha-0123456'], '/ws/backend', ''],
      [
        ['ghcr.io/acme/web:v1', 'ghcr.io/acme/web:sha-0123456'],
        '/ws/frontend',
        '/ws/frontend/Dockerfile.prod',
      ],
    ]);
    expect(plans.every((p) => p.login?.registry === 'ghcr.io')).toBe(true);
  });

  it('without "images", the single image inputs work as before', () => {
    const plans = buildPlans({ ...i, image: 'ghcr.io/acme/shop', images: [] }, 'v1', '', '/ws');
    expect(plans.map((p) => p.refs)).toEqual([['ghcr.io/acme/shop:v1']]);
  });

  it.each([
    [
      { image: 'ghcr.io/acme/shop', images: ['ghcr.io/acme/api backend'] },
      /"image" and "images" were both given/,
    ],
    [{ images: ['ghcr.io/acme/api backend', 'ghcr.io/acme/api frontend'] }, /lists ghcr.io\/acme\/api twice/],
    [{ 'build-args': ['PATH=/x'], image: 'a/b' }, /build-args" names PATH/],
    [{ 'build-args': ['DOCKER_HOST=tcp://x'], image: 'a/b' }, /names DOCKER_HOST/],
  ])('refuses %j', (extra, message) => {
    expect(() => buildPlans({ ...i, ...extra }, 'v1', '', '/ws')).toThrow(message);
  });

  it.each([
    ['ghcr.io/acme/api backend', undefined],
    ['ghcr.io/acme/api backend backend/Dockerfile', undefined],
    ['ghcr.io/acme/api', /is not "<image> <context>/],
    ['ghcr.io/acme/api a b c', /is not "<image> <context>/],
    ['ghcr.io/Acme/api:v1 backend', /not an image name without tag/],
    ['ghcr.io/acme/api ../outside', /"\.\." segment/],
    ['ghcr.io/acme/api backend ../Dockerfile', /"\.\." segment/],
  ])('line %j', (line, expected) => {
    const problem = imagesLineProblem(line);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });

  it('a bad line is refused by the input reader, with the others, before anything runs', () => {
    expect(() =>
      readPipelineInputs(
        (n) => ({ host: 'h', username: 'u', images: 'ghcr.io/acme/api backend\nnot-an-image-line' })[n] ?? '',
      ),
    ).toThrow(/input "images" got .*not-an-image-line/);
    expect(() => readPipelineInputs((n) => ({ host: 'h', username: 'u', target: 'a b' })[n] ?? '')).toThrow(
      /input "target" got "a b"/,
    );
  });
});

describe('build args and target', () => {
  const plan = buildPlans({ ...i, image: 'r', target: 'prod' }, 'v1', '', '/ws')[0]!;
  it('values stay off docker argv: the names go on it, the values in its environment', () => {
    const [build] = buildCommands(plan, false);
    expect(build).toEqual([
      'build',
      '-t',
      'r:v1',
      '--target',
      'prod',
      '--build-arg',
      'VERSION',
      '--build-arg',
      'NPM_TOKEN',
      '/ws',
    ]);
    expect(build!.join(' ')).not.toContain('npm_secret_token');
    expect(buildArgEnv(plan)).toEqual({ VERSION: 'v1', NPM_TOKEN: 'npm_secret_token' });
    expect(buildArgEnv({ buildArgs: ['A=x=y', 'B='] })).toEqual({ A: 'x=y', B: '' });
  });
  it('values of 4 characters or more are masked; shorter ones would mask every such text', () => {
    expect(buildArgSecrets(['VERSION=v1', 'NPM_TOKEN=npm_secret_token', 'EMPTY=', 'MODE=prod'])).toEqual([
      'npm_secret_token',
      'prod',
    ]);
  });
});
