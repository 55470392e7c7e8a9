import { raw, sh } from '../../ssh/quote.js';
import type { PostgresUrl } from '../postgres-url.js';

/**
 * PostgreSQL: custom-format dumps (compressed, restorable table by table), written straight to the backup's
 * temp file by pg_dump, so its exit status is the dump's. Verified by a full read (`pg_restore -f /dev/null`):
 * `--list` reads only the table of contents and passes a truncated dump. The password never appears on a
 * command line: it arrives on stdin and is exported as PGPASSWORD for pg_dump/pg_restore alone.
 */

const PASSWORD_FROM_STDIN =
  'IFS= read -r PGPASSWORD || [ -n "${PGPASSWORD:-}" ] || fail "no password on stdin"; export PGPASSWORD';
/**
 * The client key's passphrase (`sslpassword`) has no libpq environment variable: it reaches libpq through a
 * service file of this run's own (mode 600 under umask 077), which fills in what the URL leaves unset.
 */
const SSL_PASSWORD_FROM_STDIN = (svc: string) =>
  [
    svc,
    'IFS= read -r sslpw || [ -n "${sslpw:-}" ] || fail "no sslpassword on stdin"',
    `printf '[vps-deploy]\\nsslpassword=%s\\n' "$sslpw" >"$svc" || fail "cannot write the libpq service file"`,
    'unset sslpw; PGSERVICEFILE=$svc; PGSERVICE=vps-deploy; export PGSERVICEFILE PGSERVICE',
  ].join('\n');

/** What a postgres URL script reads on stdin, one line each: the password, then the client key's passphrase. */
export function postgresStdin(pg: PostgresUrl): string | undefined {
  const lines = [pg.password, pg.sslPassword].filter((l): l is string => l !== undefined);
  return lines.length ? lines.map((l) => `${l}\n`).join('') : undefined;
}

function secretsFromStdin(pg: PostgresUrl, svc: string): string[] {
  return [
    ...(pg.password ? [PASSWORD_FROM_STDIN] : []),
    ...(pg.sslPassword ? [SSL_PASSWORD_FROM_STDIN(svc)] : []),
  ];
}

const NEEDS = (tool: string) =>
  sh`command -v ${tool} >/dev/null 2>&1 || fail ${`${tool} is not installed on the server (apt-get install postgresql-client)`}`;

// Inside the container: the official image's variables name the user and database.
const IN_CONTAINER_USER = '-U "${POSTGRES_USER:-postgres}"';
const IN_CONTAINER_DB = '"${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"';
export const RESTORE_FLAGS = '--clean --if-exists --exit-on-error --single-transaction --no-password';

export function postgresUrlBackup(pg: PostgresUrl): { produce: string; verify: string } {
  return {
    produce: [
      NEEDS('pg_dump'),
      // "$tmp".* is removed by the backup script's cleanup, whatever happens.
      ...secretsFromStdin(pg, 'svc="$tmp.pgservice"'),
      sh`pg_dump --format=custom --no-password --dbname=${pg.url} >"$tmp" || fail ${`pg_dump of ${pg.url} failed`}`,
    ].join('\n'),
    verify: [NEEDS('pg_restore'), FULL_READ].join('\n'),
  };
}

const FULL_READ =
  'pg_restore --file=/dev/null "$tmp" || fail "pg_restore could not read the whole dump: it is not a backup"';

export function postgresUrlRestore(pg: PostgresUrl): string {
  return [
    NEEDS('pg_restore'),
    ...secretsFromStdin(pg, `svc=$(mktemp) || fail "mktemp failed"; trap 'rm -f "$svc"' EXIT`),
    sh`pg_restore ${raw(RESTORE_FLAGS)} --dbname=${pg.url} "$src" || fail ${`pg_restore into ${pg.url} failed; in one transaction, so the database is as it was`}`,
    sh`echo ${`restored ${pg.url}`}`,
  ].join('\n');
}

/** The running container of a compose service in app-dir, as "$cid". */
function containerOf(appDir: string, service: string): string {
  return [
    sh`cd ${appDir} || fail ${`app-dir ${appDir} does not exist`}`,
    sh`cid=$(dc ps -q ${service}) && [ -n "$cid" ] || fail ${`compose service ${service} is not running in ${appDir}`}`,
  ].join('\n');
}

export function composePostgresBackup(appDir: string, service: string): { produce: string; verify: string } {
  const dump = `exec pg_dump --format=custom --no-password ${IN_CONTAINER_USER} ${IN_CONTAINER_DB}`;
  return {
    produce: [
      containerOf(appDir, service),
      sh`docker exec "$cid" sh -c ${dump} >"$tmp" || fail ${`pg_dump in compose service ${service} failed`}`,
    ].join('\n'),
    verify: sh`docker exec -i "$cid" pg_restore --file=/dev/null <"$tmp" || fail "pg_restore could not read the whole dump: it is not a backup"`,
  };
}

export function composePostgresRestore(appDir: string, service: string): string {
  const restore = `exec pg_restore ${RESTORE_FLAGS} ${IN_CONTAINER_USER} --dbname=${IN_CONTAINER_DB}`;
  return [
    containerOf(appDir, service),
    sh`docker exec -i "$cid" sh -c ${restore} <"$src" || fail ${`pg_restore in compose service ${service} failed; in one transaction, so the database is as it was`}`,
    sh`echo ${`restored compose:${service}`}`,
  ].join('\n');
}
