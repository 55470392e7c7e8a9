import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ActionIO } from '../../../src/io/action-io.js';
import { inputGiven } from '../../../src/io/configured-io.js';
import { CONFIG_REFUSED_NAMES } from '../../../src/io/config-file.js';
import type { InputSpec } from '../../../src/io/inputs.js';
import { deployInputSpec } from '../../../src/actions/deploy/inputs.js';
import { pipelineInputSpec } from '../../../src/actions/pipeline/inputs.js';
import { rollbackInputSpec } from '../../../src/actions/rollback/inputs.js';
import { healthcheckInputSpec } from '../../../src/actions/healthcheck/inputs.js';
import { backupInputSpec } from '../../../src/actions/backup/inputs.js';
import { initInputSpec } from '../../../src/actions/init/inputs.js';

/**
 * The runner passes every unset input with its action.yml default, so each default must count as "not given"
 * (or vps-deploy.yml could never set that input from a workflow): README, "The runner's defaults".
 */
describe("every action.yml default counts as not given on the runner, so vps-deploy.yml's value applies", () => {
  it.each([
    ['action.yml', pipelineInputSpec],
    ['actions/deploy/action.yml', deployInputSpec],
    ['actions/rollback/action.yml', rollbackInputSpec],
    ['actions/healthcheck/action.yml', healthcheckInputSpec],
    ['actions/backup/action.yml', backupInputSpec],
    ['actions/init/action.yml', initInputSpec],
  ] as [string, InputSpec][])('%s', (file, spec) => {
    const inputs = (
      parse(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')) as {
        inputs: Record<string, { default?: string }>;
      }
    ).inputs;
    // Secrets never come from the file (github-token's default is the runner's `${{ github.token }}`).
    const withDefaults = Object.entries(inputs).filter(
      ([n, i]) => i.default && !CONFIG_REFUSED_NAMES.includes(n),
    );
    expect(withDefaults.length).toBeGreaterThan(0);
    for (const [name, i] of withDefaults) {
      const io = { input: (n: string) => (n === name ? i.default! : '') } as ActionIO;
      expect(inputGiven(io, spec, name), `${file}: ${name}: ${i.default}`).toBe(false);
    }
    // And a value other than the default is given.
    const io = { input: (n: string) => (n === 'connect-retries' ? '7' : '') } as ActionIO;
    if ('connect-retries' in spec) expect(inputGiven(io, spec, 'connect-retries')).toBe(true);
  });
});
