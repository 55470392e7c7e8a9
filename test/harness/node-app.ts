import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './parts.js';

/**
 * A small Node app for the release strategy, in a git repository the test creates: a plain http server that
 * reads PORT from .env in its working directory (shared/.env, linked into the release) and answers /health
 * according to the `behaviour` file of the commit its tag names.
 */
export type Behaviour = 'ok' | 'degraded' | '503' | 'crash';

export interface NodeAppRepo {
  dir: string;
  /** tag -> commit sha */
  commits: Record<string, string>;
}

const SERVER = `'use strict';
const fs = require('node:fs');
const http = require('node:http');
const env = {};
for (const line of fs.readFileSync('.env', 'utf8').split('\\n')) {
  const i = line.indexOf('=');
  if (i > 0) env[line.slice(0, i).trim()] = line.slice(i + 1).trim();
}
const behaviour = fs.readFileSync('behaviour', 'utf8').trim();
const version = fs.readFileSync('version', 'utf8').trim();
if (behaviour === 'crash') {
  console.error('crash: exiting at start on purpose');
  process.exit(3);
}
const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    const code = behaviour === '503' ? 503 : 200;
    const status = behaviour === '503' ? 'unhealthy' : behaviour;
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status, version, cwd: process.cwd() }));
  } else {
    res.end(version + '\\n');
  }
});
server.listen(Number(env.PORT), '127.0.0.1', () => console.log('listening on', env.PORT, 'version', version));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * Creates the repository with one commit and one tag per entry, in order (`{ v1: 'ok', bad: '503' }`).
 * `padding` adds that many small files (a realistic tree for the benchmark) of `padBytes` each.
 */
export function createNodeAppRepo(
  tags: [string, Behaviour][],
  opts: { padding?: number; padBytes?: number; dir?: string } = {},
): NodeAppRepo {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'node-app-'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'server.cjs'), SERVER);
  writeFileSync(join(dir, '.env'), 'PORT=1\n# a placeholder the shared .env replaces\n');
  writeFileSync(join(dir, 'README.md'), 'fixture app for the release strategy tests\n');
  for (let i = 0; i < (opts.padding ?? 0); i++) {
    const sub = join(dir, 'lib', `m${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      join(sub, `f${i}.js`),
      `// ${i}\n${'x'.repeat(Math.max(0, (opts.padBytes ?? 2000) - 10))}\n`,
    );
  }
  const commits: Record<string, string> = {};
  for (const [tag, behaviour] of tags) {
    writeFileSync(join(dir, 'behaviour'), `${behaviour}\n`);
    writeFileSync(join(dir, 'version'), `${tag}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--allow-empty', '-m', `release ${tag}`);
    git(dir, 'tag', tag);
    commits[tag] = git(dir, 'rev-parse', 'HEAD');
  }
  return { dir, commits };
}
