import { describe, expect, it } from 'vitest';
import { healthEndpoint, isHealthUrl } from '../../../src/health/endpoint.js';

describe('healthEndpoint', () => {
  it.each([
    ['http://127.0.0.1:8000/health', 'tcp', undefined, 'http://127.0.0.1:8000/health'],
    ['https://shop.example.com/health?deep=1', 'tcp', undefined, 'https://shop.example.com/health?deep=1'],
    [
      'http+unix://%2Frun%2Fsum%2Fgunicorn.sock/health/',
      'unix',
      '/run/sum/gunicorn.sock',
      'http://localhost/health/',
    ],
    ['http+unix://%2Ftmp%2Fa%20b.sock/x?y=1', 'unix', '/tmp/a b.sock', 'http://localhost/x?y=1'],
    ['http+unix://%2Frun%2Fapp.sock', 'unix', '/run/app.sock', 'http://localhost/'],
  ])('%s is %s', (url, kind, socketPath, request) => {
    const e = healthEndpoint(url)!;
    expect(e.kind).toBe(kind);
    expect(e.url.href).toBe(request);
    expect(e.kind === 'unix' ? e.socketPath : undefined).toBe(socketPath);
  });

  it.each([
    'ftp://example.com/health',
    'http+unix://relative.sock/health', // a socket path must be absolute
    'http+unix://%2Frun%00x.sock/health', // NUL cannot be in a path
    'http+unix://%E0%A4%A/health', // bad percent-encoding
    'http+unix:///health',
    'not a url',
    '127.0.0.1:8000/health',
  ])('%s is not a health URL', (url) => {
    expect(isHealthUrl(url)).toBe(false);
  });
});
