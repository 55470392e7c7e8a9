#!/usr/bin/env node
// npm run bench [-- area ...]: runs scripts/bench/<area>.mjs (all by default), prints one table and writes
// bench-results/bench.json. Medians of several runs; every ratio is against a baseline measured in the same run.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const all = readdirSync(join(here, 'bench'))
  .filter((f) => f.endsWith('.mjs') && !['common.mjs', 'rss-reporter.mjs'].includes(f))
  .map((f) => f.replace(/\.mjs$/, ''));
const areas = process.argv.slice(2).length ? process.argv.slice(2) : all;

const rows = [];
for (const area of areas) {
  process.stderr.write(`bench: ${area}…\n`);
  try {
    const mod = await import(join(here, 'bench', `${area}.mjs`));
    for (const r of await mod.run()) rows.push({ area, ...r });
  } catch (e) {
    rows.push({ area, name: 'FAILED', notes: e instanceof Error ? e.message : String(e), pass: false });
  }
}

const fmt = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : (v ?? ''));
const table = [
  ['area', 'measure', 'median', 'baseline', 'baseline median', 'ratio', 'target', 'ok', 'notes'],
  ...rows.map((r) => [
    r.area,
    r.name,
    r.value ?? (r.median_ms != null ? `${fmt(r.median_ms)} ms` : ''),
    r.baseline ?? '',
    r.baseline_ms != null ? `${fmt(r.baseline_ms)} ms` : '',
    r.ratio != null ? `${fmt(r.ratio, 2)}x` : '',
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
    r.notes ?? '',
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const [n, row] of table.entries()) {
  console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  '));
  if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
mkdirSync(join(here, '..', 'bench-results'), { recursive: true });
const file = join(here, '..', 'bench-results', 'bench.json');
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2));
console.log(`\nwrote ${file}`);
