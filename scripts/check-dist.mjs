#!/usr/bin/env node
// Fails when the committed dist/ differs from a fresh `npm run bundle` of src/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fresh = mkdtempSync(join(tmpdir(), 'dist-check-'));
try {
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { env: { ...process.env, DIST_DIR: fresh }, stdio: 'inherit' });
  const list = (d) => (existsSync(d) ? readdirSync(d, { recursive: true }).map(String).sort() : []);
  const a = list(join(root, 'dist'));
  const b = list(fresh);
  const problems = [];
  for (const f of new Set([...a, ...b])) {
    const pa = join(root, 'dist', f);
    const pb = join(fresh, f);
    if (!a.includes(f)) problems.push(`missing from dist/: ${f}`);
    else if (!b.includes(f)) problems.push(`stale file in dist/: ${f}`);
    else if (!readFileSync(pa).equals(readFileSync(pb)) && !readdirSync(join(pa, '..')).includes('__dir__')) {
      try {
        if (!readFileSync(pa).equals(readFileSync(pb))) problems.push(`differs from a rebuild: dist/${f}`);
      } catch {
        /* a directory */
      }
    }
  }
  if (problems.length) {
    console.error(`dist/ is stale: run \`npm run bundle\` and commit dist/.\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`dist/ is fresh (${a.length} files match a rebuild)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
