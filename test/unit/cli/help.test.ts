import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { helpText, inputDocs } from '../../../src/cli/help.js';
import { deployInputSpec } from '../../../src/actions/deploy/inputs.js';
import { backupInputSpec } from '../../../src/actions/backup/inputs.js';

const names = Object.keys(deployInputSpec);
const known = (n: string) => (names.includes(n) ? 'value' : undefined);

describe('an unknown flag suggests the closest one', () => {
  it.each([
    ['--helth-url', 'unknown option --helth-url for "deploy": did you mean --health-url?'],
    ['--hots', 'did you mean --host?'],
    ['--keep-release', 'did you mean --keep-releases?'],
    ['--jsn', 'did you mean --json?'],
    ['--qqqqqqqqqq', 'unknown option --qqqqqqqqqq for "deploy": see vps-deploy deploy --help'],
  ])('%s', (flag, message) => {
    expect(() => parseArgs(['deploy', flag, 'x'], known, names)).toThrow(message);
  });

  it('--env picks a section; it is not an input', () => {
    const a = parseArgs(['deploy', '--env', 'production', '--app', 'x'], known, names);
    expect([a.env, a.flags.get('app'), a.flags.has('env')]).toEqual(['production', 'x', false]);
    expect(parseArgs(['deploy', '--env=staging'], known, names).env).toBe('staging');
    expect(() => parseArgs(['deploy', '--env'], known, names)).toThrow('option --env needs a value');
  });
});

describe('help from the action metadata', () => {
  it("deploy: each option's description and default from actions/deploy/action.yml, grouped", async () => {
    const text = helpText('deploy', 'deploy one release', deployInputSpec, await inputDocs('deploy'));
    const groups = text.split('\n').filter((l) => /^[A-Z][a-z ]+:$/.test(l));
    // (Proxy: too, once deploy has the blue-green switch's inputs.)
    expect(groups.filter((g) => g !== 'Proxy:')).toEqual([
      'Config file:',
      'Connection:',
      'Gate:',
      'Release:',
    ]);
    const port = text.slice(text.indexOf('  --port\n'));
    expect(port).toMatch(/^ {2}--port\n {6}SSH port\.\n {6}\(default: 22; env VPS_DEPLOY_PORT\)/);
    expect(text).toMatch(/--keep-releases\n(.*\n){1,3} +\(default: 5; env VPS_DEPLOY_KEEP_RELEASES\)/);
    // Every option is listed once.
    for (const n of names) expect(text.split(`\n  --${n}\n`).length, n).toBe(2);
  });

  it('backup groups its own inputs under Backup', async () => {
    const text = helpText('backup', 'back up', backupInputSpec, await inputDocs('backup'));
    const backup = text.slice(text.indexOf('Backup:'), text.indexOf('\n\n', text.indexOf('Backup:')));
    expect(backup).toContain('--sqlite');
    expect(backup).toContain('--keep-daily');
    expect(text.slice(text.indexOf('Connection:'))).toContain('--host');
  });
});
