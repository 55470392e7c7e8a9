import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { backupInputSpec, readBackupInputs } from '../../../../src/actions/backup/inputs.js';

const action = YAML.parse(
  readFileSync(new URL('../../../../actions/backup/action.yml', import.meta.url), 'utf8'),
) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

describe('actions/backup/action.yml', () => {
  it('declares exactly the inputs the action reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(backupInputSpec).sort());
    for (const [name, i] of Object.entries(action.inputs))
      expect(i.description.length, name).toBeGreaterThan(5);
  });

  it('its defaults are the ones the code applies when an input is empty', () => {
    const fromYml = readBackupInputs((n) =>
      action.inputs[n]?.required ? (n === 'host' ? 'h' : 'u') : (action.inputs[n]?.default ?? ''),
    );
    const fromEmpty = readBackupInputs((n) => (n === 'host' ? 'h' : n === 'username' ? 'u' : ''));
    expect(fromYml).toEqual(fromEmpty);
  });

  it('runs the committed bundle on node24 and names the outputs of actions/backup/README.md', () => {
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/backup/index.js' });
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['backups', 'pruned', 'bytes']));
  });
});
