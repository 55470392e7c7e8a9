// Cold start of `node dist/healthcheck/index.js` against an immediately healthy endpoint, vs `node -e 0`.
// Target (issue 2): median ratio <= 2.0x, peak RSS <= 80 MiB.
import { createServer } from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, actionEnv, median, peakRssMiB, timed } from './common.mjs';

export async function run({ runs = 15 } = {}) {
  const server = createServer((_q, s) => {
    s.writeHead(200, { 'content-type': 'application/json' });
    s.end('{"status":"ok"}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/health`;
  const entry = join(ROOT, 'dist', 'healthcheck', 'index.js');
  // Both commands get the same environment: this machine's as it is (it sets NODE_EXTRA_CA_CERTS, which node
  // loads at every start), and a bare one (PATH only), closer to a hosted runner's.
  const measure = async (baseEnv) => {
    const env = { ...actionEnv({ url, successes: 1 }), ...baseEnv };
    const base = [];
    const action = [];
    // Interleaved, after one warm-up each, so both see the same machine load and file cache.
    await timed(process.execPath, ['-e', '0'], { env });
    await timed(process.execPath, [entry], { env });
    for (let i = 0; i < runs; i++) {
      base.push((await timed(process.execPath, ['-e', '0'], { env })).ms);
      const r = await timed(process.execPath, [entry], { env });
      if (r.code !== 0) throw new Error(`healthcheck exited ${r.code} against a healthy endpoint`);
      action.push(r.ms);
    }
    return { base: median(base), action: median(action), env };
  };
  const machine = await measure(process.env);
  const bare = await measure({ PATH: process.env.PATH });
  const env = machine.env;
  const rss = [];
  for (let i = 0; i < 5; i++) rss.push((await peakRssMiB(entry, env)).mib);
  server.close();
  const bundles = readdirSync(join(ROOT, 'dist')).map((d) => {
    const dir = join(ROOT, 'dist', d);
    const bytes = readdirSync(dir, { recursive: true })
      .map((f) => join(dir, String(f)))
      .filter((f) => statSync(f).isFile() && f.endsWith('.js'))
      .reduce((n, f) => n + statSync(f).size, 0);
    return `${d} ${(bytes / 1024).toFixed(0)} KiB`;
  });
  return [
    {
      name: 'healthcheck cold start (healthy endpoint)',
      median_ms: machine.action,
      baseline: 'node -e 0',
      baseline_ms: machine.base,
      ratio: machine.action / machine.base,
      target: '<= 2.0x',
      pass: machine.action / machine.base <= 2.0,
      notes: `${runs} runs interleaved, this machine's environment`,
    },
    {
      name: 'healthcheck cold start, bare environment',
      median_ms: bare.action,
      baseline: 'node -e 0',
      baseline_ms: bare.base,
      ratio: bare.action / bare.base,
      notes: 'PATH only (no NODE_EXTRA_CA_CERTS): node itself starts faster, so the ratio is higher',
    },
    {
      name: 'healthcheck peak RSS',
      median_ms: null,
      value: `${median(rss).toFixed(1)} MiB`,
      target: '<= 80 MiB',
      pass: median(rss) <= 80,
      notes: `median of ${rss.length}`,
    },
    { name: 'bundle sizes (js)', value: bundles.join(', '), notes: 'dist/<action>' },
  ];
}
