#!/usr/bin/env node
// Fails when the committed dist/ differs from a fresh `npm run bundle` of src/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fresh = mkdtempSync(join(tmpdir(), 'dist-check-'));
const files = (d) =>
  existsSync(d)
    ? readdirSync(d, { recursive: true })
        .map(String)
        .filter((f) => statSync(join(d, f)).isFile())
        .sort()
    : [];
try {
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], {
    env: { ...process.env, DIST_DIR: fresh },
    stdio: 'inherit',
  });
  const committed = files(join(root, 'dist'));
  const rebuilt = files(fresh);
  const problems = [];
  for (const f of new Set([...committed, ...rebuilt])) {
    if (!committed.includes(f)) problems.push(`missing from dist/: ${f}`);
    else if (!rebuilt.includes(f)) problems.push(`stale file in dist/: ${f}`);
    else if (!readFileSync(join(root, 'dist', f)).equals(readFileSync(join(fresh, f))))
      problems.push(`differs from a rebuild: dist/${f}`);
  }
  if (problems.length) {
    console.error(`dist/ is stale: run \`npm run bundle\` and commit dist/.\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`dist/ is fresh: ${committed.length} files match a rebuild`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
