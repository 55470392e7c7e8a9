import { quoteForShell, raw, sh } from '../ssh/quote.js';

/**
 * The shell text of the app lock (docs/server-layout.md, "lock"): the holder shell that takes `flock`, renews
 * its lease from its stdin and stops the process groups its run started when it lets go, and the wrapper that
 * starts each remote command of a locked run in its own process group, registered with that holder. Pure.
 */

export const MARK = {
  held: 'VPSD-LOCK-HELD',
  busy: 'VPSD-LOCK-BUSY',
  timeout: 'VPSD-LOCK-TIMEOUT',
  noTools: 'VPSD-LOCK-NO-TOOLS',
  noReadTimeout: 'VPSD-LOCK-NO-READ-TIMEOUT',
  /** The holder gave the lock up on its own (connection closed, lease ran out): the reason follows. */
  lost: 'VPSD-LOCK-LOST',
  /** A command of a run whose lease is gone refused to start (on its stderr). */
  leaseGone: 'VPSD-LEASE-GONE',
  /** Right after `held`: state.json on one line (`-` when there is none, `?` when it cannot be read). */
  state: 'VPSD-LOCK-STATE',
  /** The holder's answer to a write line (`ledger`, `put`): its exit code follows. */
  wrote: 'VPSD-LOCK-WROTE',
} as const;

/**
 * Lines the runner writes to the holder besides renewals, each answered by `wrote <rc>` in order: the ledger
 * line and small files (state.json, a recorded env) travel over the channel the lock already holds open, not a
 * new exec channel and process each (what the runner's round trips cost).
 */
export function ledgerLine(record: string): string {
  if (record.includes('\n')) throw new Error('a ledger record is one line');
  return `ledger ${record}\n`;
}

/** Writes `content` to `path` atomically (temp name, mode, rename), as the holder; base64 keeps any byte. */
export function putLine(path: string, content: string | Buffer, mode: number): string {
  const b64 = (x: string | Buffer) => Buffer.from(x).toString('base64');
  return `put ${mode.toString(8)} ${b64(path)} ${b64(content)}\n`;
}

/** Larger files go over SFTP: a shell variable is no place for them. */
export const MAX_PUT_BYTES = 64 * 1024;

/** The line the runner writes to renew the lease, and the one that ends it on purpose. */
export const RENEW_LINE = 'renew\n';
export const RELEASE_LINE = 'release\n';

/** Seconds between TERM and KILL when the holder stops what a run left running. */
export const STOP_GRACE_SECONDS = 5;

/** The registry of one holder's commands: `<dir>/processes/<leaseId>/<pgid>`. */
export function registryOf(dir: string, leaseId: string): string {
  return `${dir}/processes/${leaseId}`;
}

/**
 * What identifies a process group across pid reuse, read with shell builtins only (every remote command of a
 * run reads it, and a fork of cat, sed and cut cost each one some 5 ms). `boot_id` sets $boot to this boot's
 * id; `start_time` sets $st to the start time of process $1 (field 22 of /proc/$1/stat; the name in field 2
 * may hold spaces and parentheses, so the fields are counted after its last ") "). Each is empty when unknown.
 */
const PROCESS_IDENTITY = `boot_id() {
  boot=
  { read -r boot < /proc/sys/kernel/random/boot_id; } 2>/dev/null
}
start_time() {
  st=
  { read -r st < "/proc/$1/stat"; } 2>/dev/null
  [ -n "$st" ] || return 0
  set -f
  set -- \${st##*) }
  set +f
  st=\${20:-}
}`;

/**
 * Stops every process group registered in the directory $1, then removes it: TERM, KILL after the grace, and
 * waits until each group is gone. A registration records the boot and the start time of its group leader,
 * so a pid the kernel reused since (after a reboot, or after the group ended unnoticed) is never signalled.
 */
const STOP_GROUPS = `${PROCESS_IDENTITY}
stop_groups() {
  boot_id
  groups=
  for f in "$1"/*; do
    [ -f "$f" ] || continue
    p=\${f##*/}
    case $p in ''|*[!0-9]*) continue ;; esac
    b= st=
    read -r b st < "$f"
    [ -n "$b" ] && [ "$b" != "$boot" ] && continue
    if [ -n "$st" ] && [ -r "/proc/$p/stat" ]; then
      want=$st
      start_time "$p"
      [ "$st" = "$want" ] || continue
    fi
    kill -TERM -- "-$p" 2>/dev/null && groups="$groups $p"
  done
  n=0
  while [ -n "$groups" ]; do
    left=
    for p in $groups; do kill -0 -- "-$p" 2>/dev/null && left="$left $p"; done
    groups=$left
    [ -z "$groups" ] && break
    n=$((n + 1))
    if [ "$n" -eq ${STOP_GRACE_SECONDS * 5} ]; then
      for p in $groups; do kill -KILL -- "-$p" 2>/dev/null; done
    fi
    [ "$n" -gt ${(STOP_GRACE_SECONDS + 25) * 5} ] && break
    sleep 0.2
  done
  rm -rf "$1"
}`;

/**
 * The holder's writes (see ledgerLine, putLine). `ledger` ends a last line torn by an earlier write first, so it
 * cannot swallow this record. `put` decodes into a temp name only the deploy user can read, then renames.
 */
const HOLDER_WRITES = `ledger() {
  if [ -s releases.jsonl ] && [ -n "$(tail -c 1 releases.jsonl)" ]; then echo >> releases.jsonl || return; fi
  printf '%s\\n' "$1" >> releases.jsonl
}
put() {
  p=$(printf '%s' "$2" | base64 -d && echo x) && p=\${p%x} && t="$p.put-$$" || return
  (umask 077 && printf '%s' "$3" | base64 -d > "$t") && chmod "$1" "$t" && mv -f "$t" "$p" || { rm -f "$t"; return 1; }
}`;

/**
 * The holder: takes `flock` on `<dir>/lock` (waiting up to timeoutSeconds), writes the holder line it reads
 * first from stdin into the lock file, then reads renewals with a timeout of leaseSeconds. It lets go on a
 * `release` line, on end of input (the runner died or the connection was cut: OpenSSH signals nothing to a
 * command without a pty, but its stdin closes) or when no renewal came within the lease (the runner is frozen
 * while its TCP connection stays up). Whatever the reason, it first stops the process groups its run registered
 * and only then frees the lock, so the next holder never runs beside them. Leftovers of a holder that died
 * without this cleanup (killed itself, or a reboot) are stopped by the next holder before it starts.
 * `read -t` is not in POSIX sh: bash (or busybox ash) runs it.
 */
export function lockScript(
  dir: string,
  leaseId: string,
  opts: { timeoutSeconds: number; leaseSeconds: number },
): string {
  const reg = registryOf(dir, leaseId);
  const lease = String(opts.leaseSeconds);
  const script = sh`trap '' PIPE HUP
(read -t 1 x </dev/null) 2>/dev/null; [ $? -eq 1 ] || { echo ${MARK.noReadTimeout}; exit 2; }
mkdir -p ${dir} && cd ${dir} || exit 1
command -v flock >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1 || { echo ${MARK.noTools}; exit 2; }
exec 9<>lock
if ! flock -n 9; then
  echo "${MARK.busy} $(head -c 2000 lock | tr '\\n' '\\t')"
  flock -w ${String(opts.timeoutSeconds)} 9 || { echo "${MARK.timeout} $(head -c 2000 lock | tr '\\n' '\\t')"; exit 3; }
fi
IFS= read -r holder || exit 4
${raw(STOP_GROUPS)}
for d in processes/*/; do [ -d "$d" ] && stop_groups "\${d%/}"; done
mkdir -p ${reg} || exit 5
printf '%s\\n' "$holder" > lock
echo ${MARK.held}
if [ ! -e state.json ]; then echo "${MARK.state} -"
elif st=$(tr '\\n' ' ' < state.json); then printf '%s %s\\n' ${MARK.state} "$st"
else echo "${MARK.state} ?"; fi
${raw(HOLDER_WRITES)}
why=
while [ -z "$why" ]; do
  IFS= read -r -t ${lease} line
  rc=$?
  if [ $rc -eq 0 ]; then
    case $line in
      release) why=released ;;
      'ledger '*) ledger "\${line#ledger }"; echo "${MARK.wrote} $?" ;;
      'put '*) put \${line#put }; echo "${MARK.wrote} $?" ;;
    esac
  elif [ $rc -gt 128 ]; then
    why="its lease ran out: no renewal reached the server for ${lease}s"
  else
    why="its connection closed"
  fi
done
mv ${reg} ${`${reg}.ending`}
if [ "$why" != released ]; then
  printf '%s\\n%s\\n' "$holder" "stopping the commands it started ($why)" > lock
  echo "${MARK.lost} $why"
fi
stop_groups ${`${reg}.ending`}
: > lock`;
  return `exec "$(command -v bash || command -v ash || echo sh)" -c ${quoteForShell(script)}`;
}

/**
 * A command of a locked run, started in its own process group (setsid) and registered in the holder's
 * registry for as long as it runs. Registering is also the check that the lease is still held: the holder
 * renames its registry away before it stops what is in it, so a command sent after the lease ended refuses to
 * start (exit 125, MARK.leaseGone on stderr). The command itself runs in the login shell sshd would have used.
 */
export function leasedCommand(registry: string, command: string): string {
  const guard = `${PROCESS_IDENTITY}
boot_id
start_time $$
{ printf '%s %s\\n' "$boot" "$st" > "$1/$$"; } 2>/dev/null || { echo "${MARK.leaseGone}" >&2; exit 125; }
"\${SHELL:-/bin/sh}" -c "$2"
rc=$?
rm -f "$1/$$"
exit $rc`;
  return sh`exec setsid -w sh -c ${guard} vpsd-leased ${registry} ${command}`;
}
