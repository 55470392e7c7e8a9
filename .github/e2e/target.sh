#!/usr/bin/env bash
# A throwaway deploy target on the CI runner itself (run as root): OpenSSH on 127.0.0.1, a deploy user with a
# fresh key, an app-dir it owns with a shared .env and a SQLite database, and a restart script that stands in
# for `sudo systemctl restart app`. Prints (or writes to $GITHUB_OUTPUT) what the workflow passes as inputs.
#   E2E_USER (deploy)  E2E_SSH_PORT (2222)  E2E_APP_DIR (/srv/e2e-app)  E2E_APP_PORT (18080)
set -euo pipefail
user=${E2E_USER:-deploy}
port=${E2E_SSH_PORT:-2222}
app_dir=${E2E_APP_DIR:-/srv/e2e-app}
app_port=${E2E_APP_PORT:-18080}
work=$(mktemp -d /tmp/e2e-target.XXXXXX)
chmod 755 "$work"

for k in host_key other_host_key client_key; do ssh-keygen -q -t ed25519 -N '' -C e2e -f "$work/$k"; done

id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
usermod -p '*' "$user" # a locked account (`!`) is refused by sshd even for key logins
home=$(getent passwd "$user" | cut -d: -f6)
install -d -m 700 -o "$user" -g "$user" "$home/.ssh" "$home/bin"
cat "$work/client_key.pub" >>"$home/.ssh/authorized_keys"
chown "$user:" "$home/.ssh/authorized_keys" && chmod 600 "$home/.ssh/authorized_keys"

cat >"$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowTcpForwarding yes
Subsystem sftp internal-sftp
CONF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# What the actions find on the server: app-dir owned by the deploy user, the shared .env (a missing one fails a
# release deploy on purpose), a database with known rows for the backup and restore checks.
install -d -o "$user" -g "$user" "$app_dir" "$app_dir/shared" "$app_dir/shared/data" "$app_dir/scratch"
printf 'APP_MODE=e2e\n' >"$app_dir/shared/.env"
sqlite3 "$app_dir/shared/data/app.db" \
  "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('one'),('two'),('three');"
chown -R "$user:" "$app_dir/shared" && chmod 600 "$app_dir/shared/.env"

# The service manager of this target: stop the app, start the release `current` points to.
cat >"$home/bin/restart-app" <<SCRIPT
#!/bin/sh
set -eu
pidfile="\$HOME/app.pid"
if [ -f "\$pidfile" ]; then
  pid=\$(cat "\$pidfile")
  kill "\$pid" 2>/dev/null || true
  i=0
  while kill -0 "\$pid" 2>/dev/null && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done
fi
cd "$app_dir/current"
PORT=$app_port setsid python3 app.py </dev/null >>"$app_dir/shared/app.log" 2>&1 &
echo \$! >"\$pidfile"
SCRIPT
chown "$user:" "$home/bin/restart-app" && chmod 755 "$home/bin/restart-app"

fp() { ssh-keygen -lf "$1" | cut -d' ' -f2; }
out=${GITHUB_OUTPUT:-/dev/stdout}
{
  echo "user=$user"
  echo "port=$port"
  echo "app-dir=$app_dir"
  echo "health-url=http://127.0.0.1:$app_port/health"
  echo "restart-command=$home/bin/restart-app"
  echo "known-hosts=[127.0.0.1]:$port $(cut -d' ' -f1,2 "$work/host_key.pub")"
  echo "host-fingerprint=$(fp "$work/host_key.pub")"
  echo "other-fingerprint=$(fp "$work/other_host_key.pub")"
  echo "sshd-pid-file=$work/sshd.pid"
  echo 'key<<E2E_KEY_END'
  cat "$work/client_key"
  echo 'E2E_KEY_END'
} >>"$out"
