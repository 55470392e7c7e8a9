#!/usr/bin/env node
// Builds one ncc bundle per action (ESM) into dist/<name>/index.js.
//   npm run bundle                 every action under src/actions/<name>/index.ts, and the CLI (src/cli/index.ts)
//   npm run bundle -- deploy cli   only those
//   DIST_DIR=/tmp/x npm run bundle  somewhere else (check-dist builds there and compares)
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const distRoot = process.env.DIST_DIR ?? join(root, 'dist');
const entries = Object.fromEntries([
  ...readdirSync(join(root, 'src', 'actions'))
    .filter((d) => existsSync(join(root, 'src', 'actions', d, 'index.ts')))
    .map((d) => [d, join('src', 'actions', d, 'index.ts')]),
  ['cli', join('src', 'cli', 'index.ts')],
]);
const all = Object.keys(entries);
const names = process.argv.slice(2).length ? process.argv.slice(2) : all;
const ncc = join(root, 'node_modules', '.bin', 'ncc');
const SHIM =
  "import { dirname as __vpsd_dirname } from 'node:path'; import { fileURLToPath as __vpsd_path } from 'node:url'; " +
  'const __dirname = __vpsd_dirname(__vpsd_path(import.meta.url));\n';

for (const name of names) {
  if (!all.includes(name)) throw new Error(`no entry named ${name} (entries: ${all.join(', ')})`);
  const out = join(distRoot, name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    ncc,
    [
      'build',
      entries[name],
      '-o',
      out,
      '--minify',
      '--no-source-map-register',
      '-q',
      '--license',
      'licenses.txt',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  // ncc names ESM output index.mjs in some setups; the action.yml files point at index.js.
  if (existsSync(join(out, 'index.mjs'))) renameSync(join(out, 'index.mjs'), join(out, 'index.js'));
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  if (name === 'cli') chmodSync(join(out, 'index.js'), 0o755); // package.json "bin"

  // ssh2's poly1305 (emscripten) reads __dirname, which ESM modules lack: give the files that use it one.
  for (const f of readdirSync(out).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(out, f), 'utf8');
    if (/\b__dirname\b/.test(code) && !code.includes(SHIM)) {
      // After a shebang (the CLI's entry), which must stay the file's first line.
      const shebang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1) : '';
      writeFileSync(join(out, f), shebang + SHIM + code.slice(shebang.length));
    }
  }
  // ssh2 ships a Windows-only Pageant helper that ncc copies as an asset; agents are never used here.
  rmSync(join(out, 'pagent.exe'), { force: true });
  const files = readdirSync(out, { recursive: true }).map(String);
  const native = files.filter((f) => /\.(node|exe)$/.test(f));
  if (native.length)
    throw new Error(
      `dist/${name} holds native files (${native.join(', ')}): bundles must be pure JavaScript`,
    );
  const size = files.reduce(
    (n, f) => n + (statSync(join(out, f)).isFile() ? statSync(join(out, f)).size : 0),
    0,
  );
  console.log(
    `dist/${name}: ${files.filter((f) => f.endsWith('.js')).length} js file(s), ${(size / 1024).toFixed(0)} KiB`,
  );
}
