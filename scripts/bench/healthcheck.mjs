// Cold start of `node dist/healthcheck/index.js` against an immediately healthy endpoint, against two baselines
// measured in the same run: a minimal action on @actions/core (reads one input, sets one output; bundled by ncc
// like the actions) and `node -e 0`.
// Target: median <= 1.25x the minimal action (the floor every toolkit action has), peak RSS <= 80 MiB.
import { createServer } from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, actionEnv, buildMinimalAction, median, peakRssMiB, timed } from './common.mjs';

const TARGET = 1.25;
// The bundles to time: dist/, or where `DIST_DIR=… npm run bundle` put them (as scripts/bundle.mjs reads it).
const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist');

export async function run({ runs = 21 } = {}) {
  const minimal = buildMinimalAction();
  const server = createServer((_q, s) => {
    s.writeHead(200, { 'content-type': 'application/json' });
    s.end('{"status":"ok"}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/health`;
  const entry = join(DIST, 'healthcheck', 'index.js');
  const commands = { node: ['-e', '0'], minimal: [minimal], healthcheck: [entry] };
  // All three get the same environment: this machine's as it is (it sets NODE_EXTRA_CA_CERTS, which node
  // loads at every start), and a bare one (PATH only), closer to a hosted runner's.
  const measure = async (baseEnv) => {
    const env = { ...actionEnv({ url, successes: 1 }), ...baseEnv };
    const ms = { node: [], minimal: [], healthcheck: [] };
    // Interleaved, after one warm-up each, so all see the same machine load and file cache.
    for (const args of Object.values(commands)) await timed(process.execPath, args, { env });
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(commands)) {
        const r = await timed(process.execPath, args, { env });
        if (r.code !== 0) throw new Error(`${name} exited ${r.code} (against a healthy endpoint)`);
        ms[name].push(r.ms);
      }
    }
    return { node: median(ms.node), minimal: median(ms.minimal), healthcheck: median(ms.healthcheck), env };
  };
  let machine, bare, rss;
  try {
    machine = await measure(process.env);
    bare = await measure({ PATH: process.env.PATH });
    rss = [];
    for (let i = 0; i < 5; i++) rss.push((await peakRssMiB(entry, machine.env)).mib);
  } finally {
    server.close();
  }
  const jsKiB = (dir) =>
    readdirSync(dir, { recursive: true })
      .map((f) => join(dir, String(f)))
      .filter((f) => statSync(f).isFile() && f.endsWith('.js'))
      .reduce((n, f) => n + statSync(f).size, 0) / 1024;
  const bundles = readdirSync(DIST).map((d) => `${d} ${jsKiB(join(DIST, d)).toFixed(0)} KiB`);
  const interleaved = `${runs} runs interleaved`;
  return [
    {
      name: 'healthcheck cold start (healthy endpoint)',
      median_ms: machine.healthcheck,
      baseline: 'minimal @actions/core action',
      baseline_ms: machine.minimal,
      ratio: machine.healthcheck / machine.minimal,
      target: `<= ${TARGET}x`,
      pass: machine.healthcheck / machine.minimal <= TARGET,
      notes: `${interleaved}, this machine's environment`,
    },
    {
      name: 'healthcheck cold start (healthy endpoint)',
      median_ms: machine.healthcheck,
      baseline: 'node -e 0',
      baseline_ms: machine.node,
      ratio: machine.healthcheck / machine.node,
      notes: `same runs; the minimal action alone is ${(machine.minimal / machine.node).toFixed(2)}x node -e 0`,
    },
    {
      name: 'healthcheck cold start, bare environment',
      median_ms: bare.healthcheck,
      baseline: 'minimal @actions/core action',
      baseline_ms: bare.minimal,
      ratio: bare.healthcheck / bare.minimal,
      target: `<= ${TARGET}x`,
      pass: bare.healthcheck / bare.minimal <= TARGET,
      notes: 'PATH only (no NODE_EXTRA_CA_CERTS)',
    },
    {
      name: 'healthcheck cold start, bare environment',
      median_ms: bare.healthcheck,
      baseline: 'node -e 0',
      baseline_ms: bare.node,
      ratio: bare.healthcheck / bare.node,
      notes: `same runs; node itself starts faster, so this ratio is higher; minimal action ${(bare.minimal / bare.node).toFixed(2)}x`,
    },
    {
      name: 'healthcheck peak RSS',
      median_ms: null,
      value: `${median(rss).toFixed(1)} MiB`,
      target: '<= 80 MiB',
      pass: median(rss) <= 80,
      notes: `median of ${rss.length}`,
    },
    {
      name: 'bundle sizes (js)',
      value: [...bundles, `minimal action ${jsKiB(dirname(minimal)).toFixed(0)} KiB`].join(', '),
      notes: 'dist/<action>',
    },
  ];
}
