import { describe, expect, it } from 'vitest';
import { ALL_INPUT_NAMES } from '../../../src/io/config-keys.js';
import { deployInputSpec } from '../../../src/actions/deploy/inputs.js';
import { pipelineInputSpec } from '../../../src/actions/pipeline/inputs.js';
import { rollbackInputSpec } from '../../../src/actions/rollback/inputs.js';
import { healthcheckInputSpec } from '../../../src/actions/healthcheck/inputs.js';
import { backupInputSpec } from '../../../src/actions/backup/inputs.js';
import { initInputSpec } from '../../../src/actions/init/inputs.js';
import { statusInputSpec } from '../../../src/cli/status.js';

describe('the config file knows every input name', () => {
  it("ALL_INPUT_NAMES is the union of every action's and command's inputs (less config and environment)", () => {
    const specs = [
      deployInputSpec,
      pipelineInputSpec,
      rollbackInputSpec,
      healthcheckInputSpec,
      backupInputSpec,
      initInputSpec,
      statusInputSpec,
    ];
    const union = [...new Set(specs.flatMap((s) => Object.keys(s)))]
      .filter((n) => n !== 'config' && n !== 'environment')
      .sort();
    expect([...ALL_INPUT_NAMES].sort()).toEqual(union);
  });
});
