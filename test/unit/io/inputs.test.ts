import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../../../src/io/errors.js';
import {
  bool,
  duration,
  headers,
  httpUrl,
  integer,
  kind,
  list,
  oneOf,
  parseDuration,
  readInputs,
  refined,
  refuse,
  splitList,
  text,
} from '../../../src/io/inputs.js';
import { remoteInputSpec, sshTargets, appLocation } from '../../../src/ssh/target.js';

const read = <S extends Parameters<typeof readInputs>[0]>(spec: S, values: Record<string, string>) =>
  readInputs(spec, (n) => values[n] ?? '');

describe('field kinds', () => {
  it.each([
    ['30', 30],
    ['30s', 30],
    ['1.5s', 1.5],
    ['500ms', 0.5],
    ['2m', 120],
    ['1h', 3600],
    [' 5 ', 5],
    ['5 s', 5],
    ['-5', undefined],
    ['5x', undefined],
    ['', undefined],
    ['1e3', undefined],
  ])('parseDuration(%j) = %s', (v, s) => expect(parseDuration(v)).toBe(s));

  it.each([
    ['true', true],
    ['True', true],
    ['yes', true],
    ['on', true],
    ['1', true],
    ['false', false],
    ['NO', false],
    ['off', false],
    ['', true],
  ])('bool(%j) = %s (default true)', (v, b) => expect(read({ x: bool(true) }, { x: v }).x).toBe(b));

  it('lists split on newlines and commas, dropping blanks and comments', () => {
    expect(splitList('a, b\n\n# note\nc,')).toEqual(['a', 'b', 'c']);
  });

  it('every bad input is reported at once, each naming input, value and what it takes', () => {
    const spec = {
      timeout: duration(60),
      successes: integer(2, 1, 100),
      url: httpUrl({ required: true }),
      m: oneOf(['a', 'b'], 'a'),
    };
    let message = '';
    try {
      read(spec, { timeout: '0', successes: '0', url: 'ftp://x', m: 'c' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      message = (e as Error).message;
    }
    expect(message).toContain('input "timeout" got "0": takes a duration > 0');
    expect(message).toContain('input "successes" got "0": takes a whole number from 1 to 100');
    expect(message).toContain('input "url" got "ftp://x": takes an http:// or https:// URL');
    expect(message).toContain('input "m" got "c": takes one of a, b');
  });

  it('never echoes a secret input', () => {
    const spec = { key: refined(text(), () => false, 'is not a key') };
    expect(() => read(spec, { key: 'hunter2-very-secret' })).toThrow(
      /input "key" got \(a secret, not shown\): is not a key/,
    );
    try {
      read(spec, { key: 'hunter2-very-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('headers parse Name: value lines', () => {
    expect(read({ h: headers() }, { h: 'Authorization: Bearer x:y\nX-A:1' }).h).toEqual({
      Authorization: 'Bearer x:y',
      'X-A': '1',
    });
    expect(() => read({ h: headers() }, { h: 'no colon here' })).toThrow(/takes "Name: value" lines/);
  });

  it('list items are checked one by one', () => {
    const spec = { hosts: list({ test: (s) => /^[a-z]+$/.test(s), takes: 'lower case' }) };
    expect(read(spec, { hosts: 'a,b' }).hosts).toEqual(['a', 'b']);
    expect(() => read(spec, { hosts: 'a,B' })).toThrow(/"B" is not lower case/);
  });
});

describe('fields', () => {
  it("a refined kind keeps the kind's own check first, then the refinement", () => {
    const even = refined(integer(0, 0, 10), (n) => n % 2 === 0, 'takes an even number');
    expect(read({ n: even }, { n: '4' }).n).toBe(4);
    expect(() => read({ n: even }, { n: '3' })).toThrow('input "n" got "3": takes an even number');
    expect(() => read({ n: even }, { n: '12' })).toThrow(
      'input "n" got "12": takes a whole number from 0 to 10',
    );
  });

  it('an error that is not a refusal is a bug: it is not reported as a bad input', () => {
    const broken = kind((v) => (v ? JSON.parse('{') : refuse('never')) as unknown);
    expect(() => read({ x: broken }, { x: 'a' })).toThrow(SyntaxError);
  });

  it('a zod schema is a field too (an action may need more than the kinds)', () => {
    const spec = { port: z.string().regex(/^\d+$/, 'takes digits').transform(Number), name: text() };
    expect(read(spec, { port: '8080', name: 'x' })).toEqual({ port: 8080, name: 'x' });
    expect(() => read(spec, { port: 'http' })).toThrow('input "port" got "http": takes digits');
  });
});

describe('shared remote inputs', () => {
  const base = { host: 'vps.example.com', username: 'deploy', key: 'k' };
  it('hosts: several, newline- or comma-separated, each one target', () => {
    const i = read(remoteInputSpec, { ...base, host: 'a.example.com,\nb.example.com' });
    expect(sshTargets(i).map((t) => t.host)).toEqual(['a.example.com', 'b.example.com']);
  });

  it.each([
    [{ host: 'bad host' }, 'input "host" got "bad host"'],
    [{ port: '70000' }, 'input "port" got "70000": takes a whole number from 1 to 65535'],
    [{ 'host-fingerprint': 'MD5:aa' }, 'input "host-fingerprint" got "MD5:aa": takes SHA256:'],
    [{ app: '../etc' }, 'input "app" got "../etc": takes an app slug'],
    [{ 'app-dir': 'relative/dir' }, 'input "app-dir" got "relative/dir": takes an absolute path'],
    [{ 'connect-timeout': 'soon' }, 'input "connect-timeout" got "soon"'],
    [{ username: 'root; rm -rf /' }, 'input "username" got "root; rm -rf /"'],
  ])('%o is refused', (bad, message) => {
    expect(() => read(remoteInputSpec, { ...base, ...bad })).toThrow(message);
  });

  it('needs a key or a password', () => {
    expect(() => sshTargets(read(remoteInputSpec, { host: 'h', username: 'u' }))).toThrow(
      /"key" or "password" is required/,
    );
  });

  it('app defaults to the repository name, app-dir to /srv/<app>', () => {
    const i = read(remoteInputSpec, base);
    expect(appLocation(i, 'acme/shop.web')).toEqual({ app: 'shop-web', appDir: '/srv/shop-web' });
    expect(appLocation(read(remoteInputSpec, { ...base, 'app-dir': '/opt/my app/' }), 'acme/x').appDir).toBe(
      '/opt/my app',
    );
  });

  it('jump-host parses user@host:port', () => {
    const t = sshTargets(read(remoteInputSpec, { ...base, 'jump-host': 'ops@bastion.example.com:2200' }))[0]!;
    expect(t.jump).toMatchObject({ host: 'bastion.example.com', port: 2200, username: 'ops' });
  });
});
