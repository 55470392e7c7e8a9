import { describe, expect, it } from 'vitest';
import { evaluate, ourAction } from '../harness/workflow-steps.js';

describe("the seeds' workflow reader", () => {
  it.each([
    ['org/vps-deploy@v1', 'pipeline'],
    ['acme/vps-deploy/actions/deploy@v1', 'deploy'],
    ['./actions/backup', 'backup'],
    ['./', 'pipeline'],
    ['actions/checkout@v4', undefined],
  ])('%s runs %s', (uses, action) => expect(ourAction(uses)).toBe(action));

  const ctx = { secrets: { KEY: 'k' }, vars: { HOST: 'h' }, inputs: { to: '' }, github: { ref_name: 'v2' } };
  it.each([
    ['${{ secrets.KEY }}', 'k'],
    ['${{ vars.HOST }}:22', 'h:22'],
    ["${{ inputs.to || 'previous' }}", 'previous'],
    ['tag ${{ github.ref_name }}', 'tag v2'],
  ])('%s → %s', (value, want) => expect(evaluate(value, ctx)).toBe(want));

  it('a name the test did not give, or an expression it cannot read, throws', () => {
    expect(() => evaluate('${{ secrets.OTHER }}', ctx, 'x.yml')).toThrow(
      /x.yml: the test gave no value for \$\{\{ secrets.OTHER \}\}/,
    );
    expect(() => evaluate("${{ format('{0}', vars.HOST) }}", ctx)).toThrow(/unsupported expression/);
  });
});
