import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeRecovery,
  recoverInterruptedRecreateCommand,
} from '../../../../src/strategies/compose/interrupted-recreate.js';

/**
 * The command runs under a real /bin/sh against a stand-in `docker` on PATH that lists the given containers,
 * answers `inspect` for the ones that exist, and records every call.
 */
function runAgainst(containers: string[]): { out: string; calls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'recreate-'));
  const appDir = join(dir, 'my app');
  mkdirSync(appDir);
  try {
    writeFileSync(join(dir, 'names'), containers.map((c) => `${c}\n`).join(''));
    writeFileSync(
      join(dir, 'docker'),
      [
        '#!/bin/sh',
        `echo "$*" >> ${dir}/calls`,
        'case "$1" in',
        `  ps) [ "$4" = "label=com.docker.compose.project.working_dir=${appDir}" ] && cat ${dir}/names ;;`,
        `  inspect) grep -qx -- "$5" ${dir}/names ;;`,
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(join(dir, 'docker'), 0o755);
    const out = execFileSync('/bin/sh', ['-c', recoverInterruptedRecreateCommand(appDir)], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
    return { out, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('recoverInterruptedRecreateCommand under /bin/sh', () => {
  it.each([
    {
      case: 'a temporary name whose name is free is renamed back',
      containers: ['0123456789ab_shop_web_1', 'shop_warm_1'],
      out: 'renamed 0123456789ab_shop_web_1 shop_web_1\n',
      call: 'rename 0123456789ab_shop_web_1 shop_web_1',
    },
    {
      case: 'a temporary name whose name is taken is removed',
      containers: ['0123456789ab_shop_web_1', 'shop_web_1'],
      out: 'removed 0123456789ab_shop_web_1 shop_web_1\n',
      call: 'rm -f -- 0123456789ab_shop_web_1',
    },
    {
      case: 'names that only look similar are left alone',
      containers: ['0123456789a_shop_web_1', '0123456789AB_shop_web_1', '0123456789ab_', 'shop_web_1'],
      out: '',
      call: undefined,
    },
  ])('$case', ({ containers, out, call }) => {
    const r = runAgainst(containers);
    expect(r.out).toBe(out);
    const changes = r.calls.filter((c) => c.startsWith('rename') || c.startsWith('rm'));
    expect(changes).toEqual(call ? [call] : []);
  });

  it('quotes the app dir', () => {
    expect(recoverInterruptedRecreateCommand("/srv/sh'op; rm -rf /")).toContain(
      `cd '/srv/sh'\\''op; rm -rf /' && wd=$(pwd -P)`,
    );
  });
});

describe('describeRecovery', () => {
  it('names each container changed and ignores other lines', () => {
    expect(
      describeRecovery('renamed 0123456789ab_a_web_1 a_web_1\nnoise\nremoved 0123456789ab_b b\n'),
    ).toEqual([
      'Put container 0123456789ab_a_web_1 back under its name a_web_1 (left by an interrupted up -d)',
      'Removed container 0123456789ab_b (left by an interrupted up -d; b exists)',
    ]);
  });
});
