import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { renderSummary } from '../../../src/cli/render-summary.js';
import { table } from '../../../src/io/summary.js';

const known = (n: string) =>
  ['allow-degraded'].includes(n) ? 'boolean' : ['url', 'key', 'timeout'].includes(n) ? 'value' : undefined;

describe('CLI arguments mirror the inputs', () => {
  it.each([
    [['healthcheck', '--url', 'http://x/h'], { url: 'http://x/h' }],
    [['healthcheck', '--url=http://x/h?a=b'], { url: 'http://x/h?a=b' }],
    [['healthcheck', '--allow-degraded'], { 'allow-degraded': 'true' }],
    [['healthcheck', '--no-allow-degraded'], { 'allow-degraded': 'false' }],
    [['healthcheck', '--allow-degraded', 'false'], { 'allow-degraded': 'false' }],
    [['healthcheck', '--allow-degraded', '--timeout', '5s'], { 'allow-degraded': 'true', timeout: '5s' }],
  ] as const)('%j', (argv, flags) => {
    const a = parseArgs([...argv], known);
    expect(a.command).toBe('healthcheck');
    expect(Object.fromEntries(a.flags)).toEqual(flags);
  });

  it('--<input>-file reads a value from a file', () => {
    const a = parseArgs(['deploy', '--key-file', '~/.ssh/id_ed25519', '--json'], known);
    expect(a.files.get('key')).toBe('~/.ssh/id_ed25519');
    expect(a.json).toBe(true);
  });

  it.each([
    [['x', '--nope', '1'], /unknown option --nope/],
    [['x', '--url'], /--url needs a value/],
    [['x', 'y'], /unexpected argument "y"/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseArgs(argv, known)).toThrow(message);
  });
});

describe('summaries in a terminal', () => {
  it('aligns tables and drops markup', () => {
    const md = `### Deploy\n\n${table(
      ['host', 'tag'],
      [
        ['vps-1', 'v1.2.0'],
        ['b', 'a|b'],
      ],
    )}\n\n<details><summary>Body</summary>\n\n\`\`\`\n{}\n\`\`\`\n\n</details>`;
    expect(renderSummary(md)).toBe(
      [
        'Deploy',
        '──────',
        '',
        '  host   tag',
        '  ─────  ──────',
        '  vps-1  v1.2.0',
        '  b      a|b',
        '',
        'Body:',
        '',
        '{}',
        '',
      ].join('\n'),
    );
  });
});
