import { describe, expect, it } from 'vitest';
import { bodyStatus, passes, verdictOf } from '../../../src/health/verdict.js';

describe('verdictOf (docs/health-verdicts.md)', () => {
  it.each([
    [200, '{"status":"ok"}', 'ok'],
    [200, '{"status":"pass"}', 'ok'],
    [200, '{"status":"UP"}', 'ok'],
    [204, '', 'ok'],
    [200, '{"status":"healthy","checks":{}}', 'ok'],
    [200, 'OK', 'ok'],
    [200, '{"version":"1"}', 'ok'],
    [200, '{"status":"ok", "trunc', 'ok'],
    [200, '[1,2]', 'ok'],
    [200, '{"status":3}', 'ok'],
    [200, '{"status":"degraded"}', 'degraded'],
    [200, '{"status":"warn"}', 'degraded'],
    [200, '{"status":"unhealthy"}', 'unhealthy'],
    [200, '{"status":"fail"}', 'unhealthy'],
    [200, '{"status":"down"}', 'unhealthy'],
    [200, '{"status":"error"}', 'unhealthy'],
    [200, '  {"status":" Fail "}', 'unhealthy'],
    [503, '{"status":"ok"}', 'unhealthy'],
    [503, '', 'unhealthy'],
    [500, '{"status":"ok"}', 'unreachable'],
    [502, '', 'unreachable'],
    [404, '', 'unreachable'],
    [301, '', 'unreachable'],
    [302, '', 'unreachable'],
    [undefined, '', 'unreachable'],
  ])('HTTP %s with %j is %s', (code, body, verdict) => {
    expect(verdictOf({ code, body })).toBe(verdict);
  });

  it('reads application/health+json the same way', () => {
    expect(bodyStatus('{"status":"pass","version":"1","checks":{"db":[{"status":"pass"}]}}')).toBe('pass');
  });

  it.each([
    ['ok', true, true],
    ['ok', false, true],
    ['degraded', true, true],
    ['degraded', false, false],
    ['unhealthy', true, false],
    ['unreachable', true, false],
  ] as const)('%s passes with allowDegraded=%s: %s', (v, allow, expected) => {
    expect(passes(v, allow)).toBe(expected);
  });
});
