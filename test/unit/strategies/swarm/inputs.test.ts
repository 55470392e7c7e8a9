import { describe, expect, it } from 'vitest';
import { readDeployInputs } from '../../../../src/actions/deploy/inputs.js';
import { readRollbackInputs } from '../../../../src/actions/rollback/inputs.js';
import { deployPlan } from '../../../../src/actions/deploy/plan.js';
import { runContextFromEnv } from '../../../../src/io/action-io.js';
import { checkServiceNames, composeServiceNames } from '../../../../src/strategies/swarm/stack-files.js';

const run = { ...runContextFromEnv({}), repository: 'acme/shop', workspace: '/ws' };
const deployInputs = (extra: Record<string, string>) =>
  readDeployInputs((n) => ({ host: 'srv', username: 'deploy', key: 'k', tag: 'v1', ...extra })[n] ?? '');

describe('strategy: swarm inputs', () => {
  it('deploy takes strategy swarm and a stack name; the plan carries both', async () => {
    const p = await deployPlan(deployInputs({ strategy: 'swarm', stack: 'shop-prod' }), run);
    expect(p).toMatchObject({ strategy: 'swarm', stack: 'shop-prod' });
    expect((await deployPlan(deployInputs({ strategy: 'swarm' }), run)).stack).toBe('');
  });

  it.each(['shop_prod x', '-shop', 'a'.repeat(51), 'shop;id'])('refuses the stack name %j', (stack) => {
    expect(() => deployInputs({ strategy: 'swarm', stack })).toThrow(
      /input "stack" got .*takes a Swarm stack name/,
    );
  });

  it('rollback takes a stack name', () => {
    expect(
      readRollbackInputs((n) => ({ host: 'srv', username: 'deploy', key: 'k', stack: 'shop' })[n] ?? '')
        .stack,
    ).toBe('shop');
  });

  it('refuses switch: blue-green with strategy: swarm, saying what to use', async () => {
    await expect(deployPlan(deployInputs({ strategy: 'swarm', switch: 'blue-green' }), run)).rejects.toThrow(
      /input "switch" blue-green is for strategy: compose or release; .*order: start-first/,
    );
  });
});

describe('services against the compose file', () => {
  const file = 'services:\n  web:\n    image: x:${IMAGE_TAG}\n  worker:\n    image: y\n';
  it('reads the service names', () => {
    expect(composeServiceNames(file)).toEqual(['web', 'worker']);
    expect(composeServiceNames('not: [yaml')).toEqual([]);
  });
  it('accepts names the file has, refuses others naming what it has', () => {
    expect(() => checkServiceNames(['web'], file, 'shop')).not.toThrow();
    expect(() => checkServiceNames(['web', 'wrker'], file, 'shop')).toThrow(
      'input "services" names wrker, not a service of stack shop\'s compose file (it has web, worker): name services as the compose file does, without the stack prefix',
    );
  });
});
