// actions/backup: a SQLite database (1 GiB by default) backed up on the server and downloaded to the runner,
// against the raw pipeline users write by hand, measured in the same run:
//   ssh host 'sqlite3 db ".backup /tmp/x" && gzip -c /tmp/x' > file
// Targets (issue 5): >= 0.8x the baseline's throughput, peak RSS of the action <= 150 MiB.
//   BENCH_BACKUP_MIB=128 npm run bench -- backup     a quick run on a smaller database
//   BENCH_BACKUP_RUNS=3                               runs of each (interleaved, medians)
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './common.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const USER = 'vpsdeploy';

const sh = (cmd, opts = {}) => execFileSync('/bin/sh', ['-c', cmd], { encoding: 'utf8', ...opts });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((r) => {
      const c = createConnection({ port, host: '127.0.0.1' }, () => (c.destroy(), r(true)));
      c.on('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}`);
}

/** A real OpenSSH server on loopback for the test user (as test/harness/sshd.ts does). */
async function startSshd() {
  if (spawnSync('id', [USER]).status !== 0) sh(`useradd -m -s /bin/bash ${USER}`);
  sh(`usermod -p '*' ${USER}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-sshd-'));
  chmodSync(dir, 0o755);
  for (const k of ['host_key', 'client_key']) sh(`ssh-keygen -q -t ed25519 -N '' -f ${dir}/${k}`);
  const home = sh(`getent passwd ${USER}`).split(':')[5];
  sh(
    `install -d -m 700 -o ${USER} ${home}/.ssh && touch ${home}/.ssh/authorized_keys && chown ${USER} ${home}/.ssh/authorized_keys`,
  );
  appendFileSync(`${home}/.ssh/authorized_keys`, readFileSync(`${dir}/client_key.pub`));
  const port = await freePort();
  writeFileSync(
    `${dir}/sshd_config`,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${dir}/host_key`,
      `PidFile ${dir}/pid`,
      'AuthorizedKeysFile .ssh/authorized_keys',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'StrictModes no',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  const proc = spawn('/usr/sbin/sshd', ['-D', '-f', `${dir}/sshd_config`, '-E', `${dir}/log`], {
    stdio: 'ignore',
  });
  await waitForPort(port);
  const fingerprint = sh(`ssh-keygen -lf ${dir}/host_key.pub`).split(' ')[1];
  return {
    port,
    dir,
    key: `${dir}/client_key`,
    fingerprint,
    stop: () => (proc.kill(), rmSync(dir, { recursive: true, force: true })),
  };
}

/** A database of realistic rows (timestamps, JSON, emails, random tokens), cached between runs by size. */
function makeDatabase(mib) {
  const dir = join(tmpdir(), 'vps-deploy-bench-backup');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const db = join(dir, `app-${mib}m.db`);
  if (!existsSync(db)) {
    const rows = Math.round((mib * 1024 * 1024) / 250);
    process.stderr.write(`bench backup: making a ${mib} MiB SQLite database (${rows} rows, once)…\n`);
    sh(`sqlite3 ${db}.tmp "PRAGMA journal_mode=WAL; CREATE TABLE events(id INTEGER PRIMARY KEY, at TEXT, kind TEXT, email TEXT, payload TEXT, token BLOB);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ${rows})
      INSERT INTO events(at, kind, email, payload, token) SELECT datetime(1700000000 + i*37, 'unixepoch'),
        CASE i % 4 WHEN 0 THEN 'signup' WHEN 1 THEN 'login' WHEN 2 THEN 'order' ELSE 'refund' END, 'user' || (i % 5000) || '@example.com',
        '{\\"cart\\":[' || (i % 97) || ',' || (i % 13) || '],\\"note\\":\\"' || substr(hex(randomblob(40)),1,60) || '\\",\\"ua\\":\\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\\"}',
        randomblob(32) FROM n; PRAGMA wal_checkpoint(TRUNCATE);" && mv ${db}.tmp ${db}`);
  }
  sh(`chown ${USER} ${dir} ${db}`);
  return db;
}

/** Runs a command; wall ms, exit code, and (with /usr/bin/time) the peak RSS in MiB. */
function timed(file, args, { env, out, rss } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = rss ? join(mkdtempSync(join(tmpdir(), 'rss-')), 'rss') : undefined;
    const [f, a] = rss ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, file, ...args]] : [file, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(f, a, {
      env: env ?? process.env,
      stdio: ['ignore', out ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    if (out) child.stdout.pipe(createWriteStream(out));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      resolve({
        ms,
        code,
        stderr,
        rssMiB: rssFile ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined,
      });
    });
  });
}

export async function run({
  runs = Number(process.env.BENCH_BACKUP_RUNS ?? 3),
  mib = Number(process.env.BENCH_BACKUP_MIB ?? 1024),
} = {}) {
  const entry = join(ROOT, 'dist', 'backup', 'index.js');
  if (!existsSync(entry)) throw new Error('dist/backup/index.js is missing: npm run bundle -- backup');
  const db = makeDatabase(mib);
  const bytes = statSync(db).size;
  const server = await startSshd();
  const work = mkdtempSync(join(tmpdir(), 'bench-backup-'));
  chmodSync(work, 0o755);
  const serverDir = join(work, 'server');
  mkdirSync(serverDir);
  chownSync(serverDir, Number(sh(`id -u ${USER}`)), 0);
  const runner = join(work, 'runner');
  mkdirSync(runner);
  const inputs = {
    host: '127.0.0.1',
    port: server.port,
    username: USER,
    key: readFileSync(server.key, 'utf8'),
    'host-fingerprint': server.fingerprint,
    app: 'bench',
    'app-dir': serverDir,
    sqlite: db,
    download: runner,
    'keep-last': 1,
    'keep-daily': 0,
    'keep-weekly': 0,
    'keep-monthly': 0,
  };
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: join(work, 'out'),
    GITHUB_STEP_SUMMARY: join(work, 'sum'),
    GITHUB_WORKSPACE: work,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  writeFileSync(env.GITHUB_OUTPUT, '');
  const sshArgs = [
    '-i',
    server.key,
    '-p',
    String(server.port),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    `${USER}@127.0.0.1`,
  ];
  const raw = `sqlite3 ${db} ".backup ${serverDir}/x.db" && gzip -c ${serverDir}/x.db; rc=$?; rm -f ${serverDir}/x.db; exit $rc`;

  const base = [];
  const action = [];
  const rss = [];
  let compressed = { base: 0, action: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const b = await timed('ssh', [...sshArgs, raw], { out: join(runner, 'raw.db.gz') });
      if (b.code !== 0) throw new Error(`baseline failed: ${b.stderr}`);
      base.push(b.ms);
      compressed.base = statSync(join(runner, 'raw.db.gz')).size;
      rmSync(join(runner, 'raw.db.gz'));
      const a = await timed(process.execPath, [entry], { env, rss: true });
      if (a.code !== 0)
        throw new Error(`the action failed: ${a.stderr}${readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')}`);
      action.push(a.ms);
      rss.push(a.rssMiB);
      const got = sh(`ls ${runner}/*.sqlite.gz`).trim().split('\n');
      compressed.action = statSync(got[0]).size;
      for (const f of got) {
        rmSync(f);
        rmSync(`${f}.sha256`);
      }
    }
  } finally {
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const mibps = (ms) => bytes / 1048576 / (ms / 1000);
  const ratio = mibps(median(action)) / mibps(median(base));
  return [
    {
      name: `backup: ${(bytes / 1048576).toFixed(0)} MiB SQLite, backed up + verified + downloaded`,
      median_ms: median(action),
      baseline: "ssh 'sqlite3 .backup && gzip -c' > file",
      baseline_ms: median(base),
      ratio,
      target: '>= 0.8x throughput',
      pass: ratio >= 0.8,
      notes:
        `${runs} runs interleaved; ${mibps(median(action)).toFixed(0)} vs ${mibps(median(base)).toFixed(0)} MiB/s; ` +
        `compressed ${(compressed.action / 1048576).toFixed(0)} vs ${(compressed.base / 1048576).toFixed(0)} MiB (gzip -1 vs -6); ` +
        'the action also runs integrity_check, gzip -t and sha256 on the server and checks the sha256 on the runner',
    },
    {
      name: 'backup: peak RSS of the action',
      value: `${median(rss).toFixed(1)} MiB`,
      target: '<= 150 MiB',
      pass: Math.max(...rss) <= 150,
      notes: `/usr/bin/time -f %M, max ${Math.max(...rss).toFixed(1)} MiB over ${rss.length} runs (the file is streamed, never buffered)`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run());
