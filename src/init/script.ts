import { raw, sh } from '../ssh/quote.js';

/**
 * The shell text every init step runs as root, and how a step reports back. A step's script checks the server
 * against what it wants, changes only what differs (nothing when DRY=1) and prints one line per thing it
 * looked at (`@@note <created|updated|unchanged> <what>`) and one final `@@status <word>`: the word is the
 * strongest of its notes (created > updated > unchanged). Values reach the text only through src/ssh/quote.ts.
 */
export type StepStatus = 'created' | 'updated' | 'unchanged';

const PRELUDE = `set -eu
status=unchanged
mark() {
  case "$1" in created) status=created ;; updated) [ "$status" = created ] || status=updated ;; esac
  printf '@@note %s %s\\n' "$1" "$2"
}
done_step() { printf '@@status %s\\n' "$status"; }
fail() { printf 'error: %s\\n' "$*" >&2; exit 3; }
meta_of() { stat -c '%a %U %G' -- "$1"; }
`;

/** A whole step script: the prelude, DRY, the body (our own shell text), the final status line. */
export function stepScript(body: string, dry: boolean): string {
  return `${PRELUDE}DRY=${dry ? 1 : 0}\n${body}\ndone_step\n`;
}

/** How `stat -c %a` prints a mode (`755`, `2775`), to compare with what a step wants. */
export function statMode(mode: number): string {
  return mode.toString(8);
}

/** The mode as chmod takes it with five digits, so GNU chmod also clears a directory's setgid bit. */
export function chmodMode(mode: number): string {
  return mode.toString(8).padStart(5, '0');
}

/** The owner's primary group (a user init may create in the same run), or `group` when one is named. */
export function groupExpr(owner: string, group: string): ReturnType<typeof raw> {
  if (group) return raw(sh`${group}`);
  return raw(sh`"$(id -gn ${owner} 2>/dev/null || echo ${owner})"`);
}

export interface FileSpec {
  path: string;
  mode: number;
  owner: string;
  /** '' = the owner's primary group. */
  group: string;
}

/**
 * Shell text that installs the content on stdin as spec.path when it differs (content, mode or owner), atomically
 * (a sibling temp name, then one rename). `validate` runs on "$tmp" before anything is installed, in a dry run
 * too; `after` runs once the file changed. With `keepContent`, an existing file's content is never rewritten;
 * with `keepMeta` too, an existing file is left alone (deploys rewrite shared/.env with their own mode).
 */
export function ensureFileText(
  spec: FileSpec,
  opts: { validate?: string; after?: string; keepContent?: boolean; keepMeta?: boolean } = {},
): string {
  const g = groupExpr(spec.owner, spec.group);
  return `f=${sh`${spec.path}`}
want=${sh`${`${statMode(spec.mode)} ${spec.owner} `}`}${g}
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
cat >"$tmp"
st=
if [ -e "$f" ] || [ -L "$f" ]; then
  [ -f "$f" ] && [ ! -L "$f" ] || fail "$f exists and is not a regular file: move it away first"
  if ${opts.keepContent ? 'true' : 'cmp -s "$tmp" "$f"'}; then
    ${opts.keepMeta ? ':' : '[ "$(meta_of "$f")" = "$want" ] || st=updated'}
  else st=updated; fi
else st=created; fi
${opts.validate ?? ':'}
if [ -n "$st" ] && [ "$DRY" = 0 ]; then
  mkdir -p -- "$(dirname -- "$f")"
  ${opts.keepContent ? `[ "$st" = created ] || cp -p -- "$f" "$tmp"` : ':'}
  new="$f.vps-deploy-new"
  install -m ${chmodMode(spec.mode)} -o ${sh`${spec.owner}`} -g ${g} "$tmp" "$new"
  mv -f -- "$new" "$f"
  ${opts.after ?? ':'}
fi
mark "\${st:-unchanged}" "$f"`;
}

export interface DirSpec {
  path: string;
  mode: number;
  owner: string;
  group: string;
}

/** Shell text that makes each directory exist with its owner, group and mode, changing only what differs. */
export function ensureDirsText(dirs: readonly DirSpec[]): string {
  const lines = dirs.map((d) => {
    const g = groupExpr(d.owner, d.group);
    return `ensure_dir ${sh`${d.path} ${chmodMode(d.mode)} ${statMode(d.mode)} ${d.owner}`} ${g}`;
  });
  return `ensure_dir() {
  if [ ! -d "$1" ] || [ -L "$1" ]; then
    { [ -e "$1" ] || [ -L "$1" ]; } && fail "$1 exists and is not a directory: move it away first"
    [ "$DRY" = 1 ] || { mkdir -p -- "$1"; chown -- "$4:$5" "$1"; chmod -- "$2" "$1"; }
    mark created "$1"; return 0
  fi
  if [ "$(meta_of "$1")" = "$3 $4 $5" ]; then mark unchanged "$1"; return 0; fi
  [ "$DRY" = 1 ] || { chown -- "$4:$5" "$1"; chmod -- "$2" "$1"; }
  mark updated "$1"
}
${lines.join('\n')}`;
}
