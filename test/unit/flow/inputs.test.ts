import { describe, expect, it } from 'vitest';
import { gateInputSpec, healthPlan, DEFAULT_HEALTH_URL } from '../../../src/flow/inputs.js';
import { readInputs, splitCommandLines } from '../../../src/io/inputs.js';

const plan = (raw: Record<string, string>) => healthPlan(readInputs(gateInputSpec, (n) => raw[n] ?? ''));
const problem = (raw: Record<string, string>) => {
  try {
    plan(raw);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('healthPlan from the gate inputs', () => {
  it.each<[string, Record<string, string>, Partial<ReturnType<typeof plan>>]>([
    ['nothing given: the default URL', {}, { urls: [DEFAULT_HEALTH_URL], commands: [], headers: {} }],
    [
      'several URL lines, a socket among them',
      { 'health-url': 'http://127.0.0.1:8000/health\n\nhttp+unix://%2Frun%2Fsum%2Fgunicorn.sock/health/\n' },
      { urls: ['http://127.0.0.1:8000/health', 'http+unix://%2Frun%2Fsum%2Fgunicorn.sock/health/'] },
    ],
    [
      'a URL with a comma stays one URL',
      { 'health-url': 'http://127.0.0.1:8000/health?checks=db,cache' },
      { urls: ['http://127.0.0.1:8000/health?checks=db,cache'] },
    ],
    [
      'commands alone: no URL at all (a worker with no HTTP port)',
      {
        'health-command':
          'systemctl is-active sum-celery\n# a comment\n/usr/bin/python3 -m celery -A sum \\\n  inspect ping',
      },
      {
        urls: [],
        commands: ['systemctl is-active sum-celery', '/usr/bin/python3 -m celery -A sum  inspect ping'],
      },
    ],
    [
      'headers, a value with a colon kept whole',
      { 'health-headers': 'Host: sum.example.com\nCF-Access-Client-Secret:  abc:def  ' },
      { headers: { Host: 'sum.example.com', 'CF-Access-Client-Secret': 'abc:def' } },
    ],
  ])('%s', (_, raw, expected) => {
    expect(plan(raw)).toMatchObject(expected);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a URL without a scheme',
      { 'health-url': '127.0.0.1:8000/health' },
      /input "health-url" got "127.0.0.1:8000\/health": takes an http:\/\/ or https:\/\/ URL, .* or an http\+unix:\/\/ URL/,
    ],
    [
      'a relative socket path',
      { 'health-url': 'http://a/h\nhttp+unix://run.sock/health' },
      /got "http:\/\/a\/h\\nhttp\+unix:\/\/run.sock\/health": takes .*; line 2 is not one/,
    ],
    [
      'a header line without a colon, never shown',
      { 'health-headers': 'Host: a\nX-Token s3cr3t-value' },
      /input "health-headers" got \(a secret, not shown\): takes "Name: value" lines; line 2 is not one/,
    ],
  ])('%s is refused, naming the input', (_, raw, message) => {
    const m = problem(raw);
    expect(m).toMatch(message);
    expect(m).not.toContain('s3cr3t-value');
  });
});

describe('splitCommandLines', () => {
  it.each<[string, string[]]>([
    ['sudo systemctl restart sum', ['sudo systemctl restart sum']],
    [
      'sudo systemctl restart sum\nsudo systemctl restart sum-celery\n',
      ['sudo systemctl restart sum', 'sudo systemctl restart sum-celery'],
    ],
    ['  a  \r\n\r\n# skip me\n  b', ['a', 'b']],
    ['make \\\n  build \\\n  install\nnext', ['make  build  install', 'next']],
    ['dangling \\', ['dangling']],
    ['', []],
  ])('%j -> %j', (text, lines) => {
    expect(splitCommandLines(text)).toEqual(lines);
  });
});
