#!/usr/bin/env node
// Benchmark of the release strategy (scripts/bench/<area>.mjs: `run()` returns rows for `npm run bench`).
//
// 1. A deploy of a small app (~1 MB, 500 files) with the release strategy (connect, git archive streamed into
//    releases/<tag>, shared links, atomic switch, restart, health gate through the SSH tunnel, prune), against the
//    seeds' hand-run deploy: `ssh host 'cd app && git fetch && git checkout <tag> && restart'` + a curl loop until
//    two passing probes. Same server (real OpenSSH), same service manager (supervisord), same gate cadence.
// 2. Upload of a 50 MB release (incompressible files): our tar stream over one ssh2 exec channel into `tar -x`,
//    against `tar -c | ssh host 'tar -x'` with the OpenSSH client. Both include connecting.
// Medians of several interleaved runs; every baseline is measured in the same run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './common.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GATE = {
  timeoutSeconds: 20,
  intervalSeconds: 0.1,
  successes: 2,
  allowDegraded: true,
  requestTimeoutSeconds: 2,
};
const quiet = { info() {}, debug() {}, warning() {} };


/** The TypeScript sources and harness, compiled once into build/ (inside the repo, so node_modules resolves). */
function compile() {
  const out = join(ROOT, 'build', 'bench-release');
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'tsc'),
    ['-p', join(ROOT, 'tsconfig.json'), '--outDir', out],
    {
      stdio: 'inherit',
    },
  );
  return out;
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
  const { releaseStrategy } = await load('src/strategies/release-dirs/strategy.js');
  const { resolveSource } = await load('src/strategies/release-dirs/source.js');
  const { uploadRelease } = await load('src/strategies/release-dirs/upload.js');
  const { gateUrl } = await load('src/health/run-gate.js');
  const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');

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
    base = mkdtempSync(join(tmpdir(), 'bench-release-'));
    chmodSync(base, 0o755);
    chownSync(base, uid, gid);
    const asUser = (script) => cmd('su', ['-s', '/bin/sh', TEST_USER, '-c', script]);
    const keyFile = join(base, 'client_key');
    writeFileSync(keyFile, ssh.clientKey, { mode: 0o600 });
    const sshArgs = [
      '-i',
      keyFile,
      '-p',
      String(ssh.port),
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `${ssh.user}@${ssh.host}`,
    ];
    const target = {
      host: ssh.host,
      port: ssh.port,
      username: ssh.user,
      privateKey: ssh.clientKey,
      knownHosts: '',
      hostFingerprint: ssh.fingerprint,
      insecureIgnoreHostKey: false,
      connectTimeoutSeconds: 10,
      connectRetries: 1,
    };

    // One tag per deploy, each a one-file change on top of the last (as releases come): after the first, the
    // release strategy sends only what changed (incremental uploads), as `git checkout` touches only that.
    const repo = createNodeAppRepo(
      Array.from({ length: RUNS + 1 }, (_, i) => [`v${i + 1}`, 'ok']),
      { padding: 500, padBytes: 2000, dir: join(base, 'workspace') },
    );
    const rows = [];
    {
      // ---- 1. deploy: release strategy vs git fetch/checkout/restart + curl loop ----
      const releasePort = await freePort();
      const gitPort = await freePort();
      const releaseDir = join(base, 'release app');
      const gitDir = join(base, 'git-app');
      mkdirSync(gitDir);
      chownSync(gitDir, uid, gid);
      const origin = join(base, 'origin.git');
      execFileSync('git', ['clone', '-q', '--bare', repo.dir, origin]);
      spawnSync('chown', ['-R', `${uid}:${gid}`, origin]);
      asUser(
        `git clone -q ${quoteForShell(origin)} ${quoteForShell(join(gitDir, 'current'))} && printf 'PORT=${gitPort}\\n' > ${quoteForShell(join(gitDir, 'current', '.env'))}`,
      );
      const supRelease = await startSupervisor(releaseDir);
      cleanups.push(() => supRelease.stop());
      const supGit = await startSupervisor(gitDir);
      cleanups.push(() => supGit.stop());

      const releaseDeploy = async (tag) => {
        const conn = await SshConnection.open(target, quiet);
        try {
          const s = releaseStrategy(
            { conn, app: 'bench', appDir: releaseDir, log: quiet },
            {
              workspace: repo.dir,
              source: '',
              sharedFiles: ['.env'],
              sharedDirs: [],
              envFile: `PORT=${releasePort}\n`,
              installCommand: '',
              migrateCommand: '',
              restartCommand: supRelease.restartCommand,
            },
          );
          await s.prepare(tag);
          await s.migrate(tag);
          await s.activate(tag);
          const g = await gateUrl(
            { url: `http://127.0.0.1:${releasePort}/health`, dialer: (h, p) => conn.tunnel(h, p) },
            GATE,
            quiet,
          );
          if (!g.passed) throw new Error(`release deploy of ${tag} failed its gate: ${g.reason}`);
          await s.prune(5, [tag], []);
        } finally {
          conn.dispose();
        }
      };
      const gitDeploy = (tag) => {
        const remote = `cd ${quoteForShell(join(gitDir, 'current'))} && git fetch -q --tags && git checkout -q ${tag} && ${supGit.restartCommand} >/dev/null`;
        const loop =
          `ssh "$@" ${quoteForShell(remote)} && ok=0 && n=0 && while [ $ok -lt 2 ]; do n=$((n+1)); [ $n -gt 200 ] && exit 1; ` +
          `if curl -fsS -o /dev/null http://127.0.0.1:${gitPort}/health; then ok=$((ok+1)); else ok=0; fi; if [ $ok -lt 2 ]; then sleep 0.1; fi; done`;
        const r = spawnSync('sh', ['-c', loop, 'bench', ...sshArgs], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`baseline deploy of ${tag} failed: ${r.stderr}`);
      };
      // The whole action as a workflow runs it: node start, inputs, lock, ledger, state, the strategy, the gate.
      const actionPort = await freePort();
      const actionDir = join(base, 'action app');
      const supAction = await startSupervisor(actionDir);
      cleanups.push(() => supAction.stop());
      const runDir = join(base, 'runner');
      mkdirSync(runDir);
      const actionDeploy = (tag) => {
        const files = { GITHUB_OUTPUT: join(runDir, 'output'), GITHUB_STEP_SUMMARY: join(runDir, 'summary') };
        for (const f of Object.values(files)) writeFileSync(f, '');
        const inputs = {
          host: ssh.host,
          port: ssh.port,
          username: ssh.user,
          key: ssh.clientKey,
          'host-fingerprint': ssh.fingerprint,
          app: 'bench',
          'app-dir': actionDir,
          tag,
          strategy: 'release',
          'env-file': `PORT=${actionPort}\n`,
          'restart-command': supAction.restartCommand,
          'health-url': `http://127.0.0.1:${actionPort}/health`,
          'health-interval': '100ms',
          'health-successes': 2,
          'health-timeout': '20s',
        };
        const env = {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          GITHUB_ACTIONS: 'true',
          GITHUB_REPOSITORY: 'acme/bench',
          GITHUB_WORKSPACE: repo.dir,
          RUNNER_TEMP: runDir,
          ...files,
        };
        for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
        // Two moments: the new version healthy (the log line of the gate's last needed probe, as the compose
        // benchmark measures) and the process exit (after state, ledger, prune and the summary too).
        return new Promise((resolve, reject) => {
          const t0 = performance.now();
          let healthyMs;
          let out = '';
          const child = spawn(process.execPath, [join(DIST, 'deploy', 'index.js')], { env, cwd: repo.dir });
          // BENCH_TRACE=1 prints each line the action writes with its ms since the start, on stderr: the profile.
          const trace = (d) => {
            const ms = (performance.now() - t0).toFixed(0).padStart(5);
            for (const l of d.toString().split('\n')) if (l) process.stderr.write(`${ms} ${l.slice(0, 200)}\n`);
          };
          if (process.env.BENCH_TRACE) child.stderr.on('data', trace);
          child.stdout.on('data', (d) => {
            if (process.env.BENCH_TRACE) trace(d);
            out += d.toString();
            if (healthyMs === undefined && /probe \d+: \S+ .*\[2\/2\]/.test(out)) healthyMs = performance.now() - t0;
          });
          child.on('close', (code) => {
            if (code !== 0 || healthyMs === undefined) reject(new Error(`actions/deploy of ${tag} failed: ${out.slice(-2000)}`));
            else resolve({ healthyMs, exitMs: performance.now() - t0 });
          });
        });
      };
      const withAction = existsSync(join(DIST, 'deploy', 'index.js'));

      await releaseDeploy('v1');
      gitDeploy('v1');
      if (withAction) await actionDeploy('v1');
      const ours = [];
      const theirs = [];
      const action = [];
      const actionExit = [];
      for (let i = 0; i < RUNS; i++) {
        const tag = `v${i + 2}`;
        let t = performance.now();
        await releaseDeploy(tag);
        ours.push(performance.now() - t);
        t = performance.now();
        gitDeploy(tag);
        theirs.push(performance.now() - t);
        if (withAction) {
          const a = await actionDeploy(tag);
          action.push(a.healthyMs);
          actionExit.push(a.exitMs);
        }
      }
      const files = Number(
        execFileSync('git', ['-C', repo.dir, 'ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean)
          .length,
      );
      const bytes = execFileSync('git', ['-C', repo.dir, 'archive', 'v1'], { maxBuffer: 1 << 26 }).length;
      rows.push({
        name: `release strategy deploy (${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB tar) vs ssh git fetch/checkout/restart + curl loop`,
        median_ms: Math.round(median(ours)),
        baseline_ms: Math.round(median(theirs)),
        ratio: Number((median(ours) / median(theirs)).toFixed(2)),
        target: '<= 1.3x',
        pass: median(ours) / median(theirs) <= 1.3,
        notes: `the strategy driven in-process (no node start-up); ${RUNS} runs each, interleaved; both gate on 2 passing probes 100 ms apart; ours includes the SSH handshake, upload, links, atomic switch, supervisorctl restart, tunnelled probes, prune`,
      });

      if (action.length) {
        rows.push({
          name: 'node dist/deploy/index.js (strategy: release, same app): start -> new version healthy, vs the same hand-run deploy',
          median_ms: Math.round(median(action)),
          baseline_ms: Math.round(median(theirs)),
          ratio: Number((median(action) / median(theirs)).toFixed(2)),
          target: '<= 1.1x',
          pass: median(action) / median(theirs) <= 1.1,
          notes:
            'the whole action as the runner starts it: node start-up, input checks, SSH, lock, ledger, upload, switch, restart, gate',
        });
        rows.push({
          name: 'the same, to the process exit (state, ledger, prune, summary after the gate)',
          median_ms: Math.round(median(actionExit)),
          baseline_ms: Math.round(median(theirs)),
          ratio: Number((median(actionExit) / median(theirs)).toFixed(2)),
          notes: 'for information: the hand-run script has nothing after its curl loop',
        });
      }

      // ---- 2. upload throughput: 50 MB ----
      const big = join(base, 'big');
      mkdirSync(big);
      for (let i = 0; i < 50; i++) writeFileSync(join(big, `blob${i}.bin`), randomBytes(1024 * 1024));
      const dest = join(base, 'uploads');
      mkdirSync(dest);
      chownSync(dest, uid, gid);
      const source = await resolveSource(big, big, 'v1');
      const oursUp = [];
      const theirsUp = [];
      let sent = 0;
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        const conn = await SshConnection.open(target, quiet);
        try {
          sent = (await uploadRelease(conn, source, join(dest, `ours-${i}`))).bytes;
        } finally {
          conn.dispose();
        }
        oursUp.push(performance.now() - t);
        t = performance.now();
        const out = join(dest, `pipe-${i}`);
        const r = spawnSync('sh', [
          '-c',
          `tar -c -f - -C "$0" . | ssh "$@" ${quoteForShell(`mkdir -p ${quoteForShell(out)} && tar -x -f - -C ${quoteForShell(out)}`)}`,
          big,
          ...sshArgs,
        ]);
        if (r.status !== 0) throw new Error(`tar | ssh failed: ${r.stderr}`);
        theirsUp.push(performance.now() - t);
        rmSync(join(dest, `ours-${i}`), { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      }
      const mbps = (ms) => sent / 1024 / 1024 / (ms / 1000);
      rows.push({
        name: `upload of a ${Math.round(sent / 1024 / 1024)} MB release: tar over one ssh2 exec channel vs tar | ssh 'tar -x'`,
        median_ms: Math.round(median(oursUp)),
        baseline_ms: Math.round(median(theirsUp)),
        ratio: Number((median(theirsUp) / median(oursUp)).toFixed(2)),
        target: '>= 0.8x',
        pass: median(theirsUp) / median(oursUp) >= 0.8,
        notes: `ratio = our throughput / the pipe's (target >= 0.8): ${mbps(median(oursUp)).toFixed(0)} MB/s vs ${mbps(median(theirsUp)).toFixed(0)} MB/s; both include connecting; incompressible data, no compression on either side`,
      });
    }
    return rows;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await run();
  console.table(rows);
  if (existsSync(join(ROOT, 'bench-results')) || process.env.BENCH_JSON) {
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results', 'release.json'), JSON.stringify(rows, null, 2));
  }
}
