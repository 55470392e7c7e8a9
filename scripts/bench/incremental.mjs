#!/usr/bin/env node
// Benchmark of incremental release uploads (scripts/bench/<area>.mjs: `run()` returns rows for `npm run bench`).
//
// 1. A one-file change to a 200 MB app (BENCH_BIG_MB; many small files and a few large ones) deployed with
//    `node dist/deploy/index.js` (strategy: release): bytes sent (from the log) against the app's size, and the
//    time start -> new version healthy against the same one-file deploy of a 1 MB app (500 files).
// 2. The full upload path (a first deploy: tar over one ssh2 channel, then the tree hash verified on the server)
//    of the 200 MB tree, in-process, against `git archive | ssh host 'tar -x'` with the OpenSSH client. Both
//    include connecting.
// Medians of BENCH_RUNS (default 5) runs; every baseline is measured in the same run, on the same real OpenSSH
// server and supervisord. BENCH_DIST points at another dist/ (default: this repository's).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './common.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 200);
const quiet = { info() {}, debug() {}, warning() {} };

function compile() {
  const out = join(ROOT, 'build', 'bench-incremental');
  rmSync(out, { recursive: true, force: true });
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json'), '--outDir', out], {
      stdio: 'inherit',
    });
  } catch (e) {
    // A type error elsewhere in a tree others are editing still emits the JavaScript a measurement needs.
    if (!existsSync(join(out, 'src', 'strategies', 'release-dirs', 'incremental.js'))) throw e;
  }
  return out;
}

/** Adds a big tree to a repository: 90% in small files (2000 of them), the rest in four large ones. */
function addBigTree(dir, mb) {
  const total = mb * 1024 * 1024;
  const small = Math.floor((total * 0.9) / 2000);
  for (let i = 0; i < 2000; i++) {
    const sub = join(dir, 'static', `d${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    // Half text (compressible, like a frontend bundle), half random (like wheels and images).
    writeFileSync(join(sub, `asset${i}.js`), i % 2 ? randomBytes(small) : `// ${i}\n${'a'.repeat(small)}`);
  }
  mkdirSync(join(dir, 'vendor'), { recursive: true });
  for (let i = 0; i < 4; i++) writeFileSync(join(dir, 'vendor', `wheel${i}.whl`), randomBytes(Math.floor(total * 0.025)));
}

export async function run() {
  const build = compile();
  const load = (p) => import(join(build, p));
  const { startSshd } = await load('test/harness/sshd.js');
  const { startSupervisor } = await load('test/harness/supervisor.js');
  const { createNodeAppRepo } = await load('test/harness/node-app.js');
  const { TEST_USER, cmd } = await load('test/harness/parts.js');
  const { freePort } = await load('test/harness/ports.js');
  const { SshConnection } = await load('src/ssh/connection.js');
  const { quoteForShell } = await load('src/ssh/quote.js');
  const { resolveSource } = await load('src/strategies/release-dirs/source.js');
  const { buildRelease } = await load('src/strategies/release-dirs/incremental.js');

  const ssh = await startSshd();
  const cleanups = [];
  let base = '';
  try {
    return await measure();
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await ssh.stop();
    if (base) rmSync(base, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  }

  async function measure() {
    const uid = Number(cmd('id', ['-u', TEST_USER]).trim());
    const gid = Number(cmd('id', ['-g', TEST_USER]).trim());
    base = mkdtempSync(join(tmpdir(), 'bench-incr-'));
    chmodSync(base, 0o755);
    chownSync(base, uid, gid);
    const keyFile = join(base, 'client_key');
    writeFileSync(keyFile, ssh.clientKey, { mode: 0o600 });
    const sshArgs = ['-i', keyFile, '-p', String(ssh.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${ssh.user}@${ssh.host}`];
    const tags = Array.from({ length: RUNS + 1 }, (_, i) => [`v${i + 1}`, 'ok']);
    const small = createNodeAppRepo(tags, { padding: 500, padBytes: 2000, dir: join(base, 'small') });
    process.stderr.write(`bench: incremental: making a ${BIG_MB} MB repository…\n`);
    const big = createNodeAppRepo([], { dir: join(base, 'big') });
    addBigTree(big.dir, BIG_MB);
    const git = (dir, ...args) =>
      execFileSync('git', ['-C', dir, '-c', 'user.name=b', '-c', 'user.email=b@example.com', '-c', 'core.looseCompression=1', ...args]);
    for (const [tag] of tags) {
      writeFileSync(join(big.dir, 'behaviour'), 'ok\n');
      writeFileSync(join(big.dir, 'version'), `${tag}\n`);
      git(big.dir, 'add', '-A');
      git(big.dir, 'commit', '-q', '-m', tag);
      git(big.dir, 'tag', tag);
    }
    const appBytes = execFileSync('du', ['-sb', '--exclude=.git', big.dir], { encoding: 'utf8' }).split('\t')[0];

    const apps = {};
    for (const [name, repo] of [['small', small], ['big', big]]) {
      const port = await freePort();
      const appDir = join(base, `${name} app`);
      const sup = await startSupervisor(appDir);
      cleanups.push(() => sup.stop());
      apps[name] = { repo, port, appDir, sup };
    }
    const runDir = join(base, 'runner');
    mkdirSync(runDir);
    const deploy = (app, tag) => {
      const files = { GITHUB_OUTPUT: join(runDir, 'output'), GITHUB_STEP_SUMMARY: join(runDir, 'summary') };
      for (const f of Object.values(files)) writeFileSync(f, '');
      const inputs = {
        host: ssh.host, port: ssh.port, username: ssh.user, key: ssh.clientKey, 'host-fingerprint': ssh.fingerprint,
        app: 'bench', 'app-dir': app.appDir, tag, strategy: 'release', 'env-file': `PORT=${app.port}\n`,
        'restart-command': app.sup.restartCommand, 'health-url': `http://127.0.0.1:${app.port}/health`,
        'health-interval': '100ms', 'health-successes': 2, 'health-timeout': '60s',
      };
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/bench', GITHUB_WORKSPACE: app.repo.dir, RUNNER_TEMP: runDir, ...files };
      for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
      return new Promise((resolve, reject) => {
        const t0 = performance.now();
        let healthyMs;
        let out = '';
        const child = spawn(process.execPath, [join(DIST, 'deploy', 'index.js')], { env, cwd: app.repo.dir });
        child.stdout.on('data', (d) => {
          out += process.env.BENCH_TIMELINE ? `[${Math.round(performance.now() - t0)} ms]${d}` : d.toString();
          if (healthyMs === undefined && /probe \d+: \S+ .*\[2\/2\]/.test(out)) healthyMs = performance.now() - t0;
        });
        child.on('close', (code) => {
          const sent = /([\d.]+) (KB|MB) sent \((\w+) upload\)/.exec(out);
          if (code !== 0 || healthyMs === undefined || !sent) return reject(new Error(`deploy of ${tag} failed: ${out.slice(-3000)}`));
          resolve({ healthyMs, exitMs: performance.now() - t0, bytes: Number(sent[1]) * 1024 * (sent[2] === 'MB' ? 1024 : 1), how: sent[3], out });
        });
      });
    };

    const rows = [];
    const firstBig = await deploy(apps.big, 'v1');
    await deploy(apps.small, 'v1');
    const bigRuns = [];
    const smallRuns = [];
    for (let i = 2; i <= RUNS + 1; i++) {
      bigRuns.push(await deploy(apps.big, `v${i}`));
      smallRuns.push(await deploy(apps.small, `v${i}`));
    }
    const incremental = bigRuns.filter((r) => r.how === 'incremental').length;
    const bytes = median(bigRuns.map((r) => r.bytes));
    rows.push({
      name: `one-file change to a ${Math.round(appBytes / 1024 / 1024)} MB app (2004 files): bytes sent, as a share of the app`,
      value: `${(bytes / 1024).toFixed(1)} KB (${((bytes / appBytes) * 100).toFixed(3)}%)`,
      target: '<= 1%',
      pass: bytes / appBytes <= 0.01 && incremental === bigRuns.length,
      notes: `${incremental}/${bigRuns.length} deploys incremental; the first deploy sent ${(firstBig.bytes / 1024 / 1024).toFixed(0)} MB (${firstBig.how})`,
    });
    const b = median(bigRuns.map((r) => r.healthyMs));
    const s = median(smallRuns.map((r) => r.healthyMs));
    rows.push({
      name: `the same deploy (node dist/deploy/index.js, start -> new version healthy) vs a one-file change to a 1 MB app`,
      median_ms: Math.round(b),
      baseline: '1 MB app (505 files), same change',
      baseline_ms: Math.round(s),
      ratio: Number((b / s).toFixed(2)),
      target: '<= 1.5x',
      pass: b / s <= 1.5,
      notes: `${RUNS} runs each, interleaved; gate: 2 passing probes 100 ms apart; the big app's time includes hashing the whole new release on the server, the runner reading only the changed files (the previous release's tree record); to the process exit: ${Math.round(median(bigRuns.map((r) => r.exitMs)))} vs ${Math.round(median(smallRuns.map((r) => r.exitMs)))} ms`,
    });

    // ---- full upload path: buildRelease with no previous release (upload + verify) vs git archive | ssh tar -x
    const target = { host: ssh.host, port: ssh.port, username: ssh.user, privateKey: ssh.clientKey, knownHosts: '', hostFingerprint: ssh.fingerprint, insecureIgnoreHostKey: false, connectTimeoutSeconds: 10, connectRetries: 1 };
    const dest = join(base, 'uploads');
    mkdirSync(dest);
    chownSync(dest, uid, gid);
    const source = await resolveSource(big.dir, '', 'v1');
    const ours = [];
    const theirs = [];
    let sent = 0;
    // Each timed upload starts with nothing left to write back (sync), and the two take turns going first: the
    // 200 MB the one before wrote and the 400 MB just removed would otherwise slow whichever comes next.
    const oursOnce = async (i) => {
      const t = performance.now();
      const conn = await SshConnection.open(target, quiet);
      try {
        const r = await buildRelease(conn, { source, workspace: big.dir, tag: 'v1', incoming: join(dest, `ours-${i}`), shared: ['.env'], log: quiet });
        sent = r.bytes;
      } finally {
        conn.dispose();
      }
      ours.push(performance.now() - t);
    };
    const pipeOnce = (i) => {
      const t = performance.now();
      const out = join(dest, `pipe-${i}`);
      const r = spawnSync('sh', ['-c', `git -C "$0" archive --format=tar v1 | ssh "$@" ${quoteForShell(`mkdir -p ${quoteForShell(out)} && tar -x -f - -C ${quoteForShell(out)}`)}`, big.dir, ...sshArgs]);
      if (r.status !== 0) throw new Error(`git archive | ssh failed: ${r.stderr}`);
      theirs.push(performance.now() - t);
    };
    for (let i = 0; i < Math.min(RUNS, 4); i++) {
      for (const run of i % 2 ? [pipeOnce, oursOnce] : [oursOnce, pipeOnce]) {
        spawnSync('sync');
        await run(i);
      }
      rmSync(join(dest, `ours-${i}`), { recursive: true, force: true });
      rmSync(join(dest, `pipe-${i}`), { recursive: true, force: true });
    }
    const mbps = (ms) => sent / 1024 / 1024 / (ms / 1000);
    rows.push({
      name: `full upload path of the ${Math.round(sent / 1024 / 1024)} MB release (first deploy: upload + tree hash verified) vs git archive | ssh 'tar -x'`,
      median_ms: Math.round(median(ours)),
      baseline_ms: Math.round(median(theirs)),
      ratio: Number((median(theirs) / median(ours)).toFixed(2)),
      target: '>= 0.8x',
      pass: median(theirs) / median(ours) >= 0.8,
      notes: `ratio = our throughput / the pipe's: ${mbps(median(ours)).toFixed(0)} MB/s vs ${mbps(median(theirs)).toFixed(0)} MB/s; ${ours.length} runs each, taking turns going first, each after a sync; both include connecting`,
    });
    if (process.env.BENCH_TIMELINE) console.error(`${bigRuns.at(-1).out}\n\n${smallRuns.at(-1).out}`);
    return rows;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.table(await run());
}
