import { sh } from '../ssh/quote.js';
import type { InitSettings } from './settings.js';

/**
 * The accounts: the deploy user (logs in with the given key, owns `<app-dir>`), and optionally the app user and
 * group the service runs as. The deploy user joins the app group (to read what the app writes in shared/) and,
 * for the compose strategy, the docker group. Users init creates get the password `*`: no password login, yet
 * not "locked" (OpenSSH refuses a locked account even with a valid key when it does not use PAM).
 */
export function accountsStepText(s: InitSettings): string {
  const lines: string[] = [];
  if (s.appGroup) {
    lines.push(`if getent group ${sh`${s.appGroup}`} >/dev/null; then mark unchanged ${sh`${`group ${s.appGroup}`}`}
else [ "$DRY" = 1 ] || groupadd --system ${sh`${s.appGroup}`}; mark created ${sh`${`group ${s.appGroup}`}`}; fi`);
  }
  if (s.appUser) {
    lines.push(`if id -u ${sh`${s.appUser}`} >/dev/null 2>&1; then mark unchanged ${sh`${`user ${s.appUser}`}`}
else [ "$DRY" = 1 ] || useradd --system --gid ${sh`${s.appGroup || s.appUser}`} --home-dir ${sh`${s.appDir}`} --no-create-home --shell /usr/sbin/nologin ${sh`${s.appUser}`}
  mark created ${sh`${`user ${s.appUser} (system, no login)`}`}; fi`);
  }
  lines.push(`if id -u ${sh`${s.deployUser}`} >/dev/null 2>&1; then mark unchanged ${sh`${`user ${s.deployUser}`}`}
else [ "$DRY" = 1 ] || useradd --create-home --shell /bin/bash --password '*' ${sh`${s.deployUser}`}
  mark created ${sh`${`user ${s.deployUser}`}`}; fi`);
  const groups = [...(s.appGroup ? [s.appGroup] : [])];
  for (const g of groups) lines.push(joinGroup(s.deployUser, g, false));
  if (s.strategy === 'compose') lines.push(joinGroup(s.deployUser, 'docker', true));
  return lines.join('\n');
}

/** Adds the user to the group unless already in it; `ifExists`: a group that is not there is only noted. */
function joinGroup(user: string, group: string, ifExists: boolean): string {
  const what = sh`${`${user} in group ${group}`}`;
  const join = `if id -nG ${sh`${user}`} 2>/dev/null | tr ' ' '\\n' | grep -qxF ${sh`${group}`}; then mark unchanged ${what}
else [ "$DRY" = 1 ] || usermod -aG ${sh`${group} ${user}`}; mark updated ${what}; fi`;
  if (!ifExists) return join;
  return `if getent group ${sh`${group}`} >/dev/null; then
${join}
else mark unchanged ${sh`${`no ${group} group yet: install docker, then run init again`}`}; fi`;
}

/**
 * The deploy user's authorized_keys (keys on stdin, one a line): each given key is added when missing; keys the
 * file already holds stay, so init never locks out a key someone added by hand.
 */
export function authorizedKeysStepText(deployUser: string): string {
  return `home=$(getent passwd ${sh`${deployUser}`} | cut -d: -f6)
if [ -z "$home" ]; then
  [ "$DRY" = 1 ] || fail ${sh`${`user ${deployUser} does not exist`}`}
  cat >/dev/null; mark created ${sh`${`~${deployUser}/.ssh/authorized_keys`}`}
else
  grp=$(id -gn ${sh`${deployUser}`})
  d="$home/.ssh"; f="$d/authorized_keys"
  if [ ! -d "$d" ]; then [ "$DRY" = 1 ] || install -d -m 700 -o ${sh`${deployUser}`} -g "$grp" "$d"; mark created "$d"; fi
  tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
  [ ! -f "$f" ] || cat -- "$f" >"$tmp"
  added=0
  while IFS= read -r key; do
    [ -n "$key" ] || continue
    if ! grep -qxF -e "$key" "$tmp"; then printf '%s\\n' "$key" >>"$tmp"; added=$((added + 1)); fi
  done
  if [ ! -f "$f" ]; then st=created; elif [ "$added" -gt 0 ]; then st=updated
  elif [ "$(meta_of "$f")" != "600 ${sh`${deployUser}`} $grp" ]; then st=updated; else st=; fi
  if [ -n "$st" ] && [ "$DRY" = 0 ]; then
    install -m 00600 -o ${sh`${deployUser}`} -g "$grp" "$tmp" "$f.vps-deploy-new"
    mv -f -- "$f.vps-deploy-new" "$f"
  fi
  mark "\${st:-unchanged}" "$f ($added key(s) added)"
fi`;
}
