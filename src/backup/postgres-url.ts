/**
 * A PostgreSQL connection URL split so its password never reaches a command line or a log: the URL without
 * password goes on pg_dump's command line, the password goes to the server on stdin (into PGPASSWORD).
 */
export interface PostgresUrl {
  /** The URL without its password (also without `password=` or `sslpassword=` query parameters). */
  url: string;
  password?: string;
  /** The client key's passphrase (`sslpassword=`): a secret like the password, kept off the URL as well. */
  sslPassword?: string;
  database: string;
}

export function isPostgresUrl(v: string): boolean {
  return parsePostgresUrl(v) !== undefined;
}

const SECRET_PARAMS = new Set(['password', 'sslpassword']);

export function parsePostgresUrl(v: string): PostgresUrl | undefined {
  if (!/^postgres(ql)?:\/\//.test(v)) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return undefined;
  }
  // Not URLSearchParams: it reads `+` as a space and re-encodes what it keeps, where libpq decodes only %XX.
  // The parameters left for pg_dump keep their text exactly as given.
  const params = u.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((text) => {
      const eq = text.indexOf('=');
      const key = eq < 0 ? text : text.slice(0, eq);
      return { text, key: safeDecode(key), value: eq < 0 ? '' : safeDecode(text.slice(eq + 1)) };
    });
  const param = (key: string) => params.find((p) => p.key === key)?.value;
  const password = (u.password ? safeDecode(u.password) : undefined) || param('password');
  const sslPassword = param('sslpassword');
  const kept = params.filter((p) => !SECRET_PARAMS.has(p.key)).map((p) => p.text);
  u.password = '';
  u.search = kept.length ? `?${kept.join('&')}` : '';
  const database = safeDecode(u.pathname.replace(/^\//, '')) || safeDecode(u.username) || 'postgres';
  return {
    url: u.toString(),
    ...(password ? { password } : {}),
    ...(sslPassword ? { sslPassword } : {}),
    database,
  };
}

/** Text with every URL's password replaced by `***` (for error messages about the input, whatever the scheme). */
export function redactUrlPasswords(text: string): string {
  return text
    .replace(/(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:)[^\s]*@/g, '$1***@')
    .replace(/([?&](?:ssl)?password=)[^&\s]*/gi, '$1***');
}

/** Every password in URLs of the text (any scheme, `user:password@`, `password=` or `sslpassword=`), to mask them. */
export function urlPasswords(text: string): string[] {
  const found = [
    ...[...text.matchAll(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:([^\s]*)@/g)].map((m) => m[1]!),
    ...[...text.matchAll(/[?&](?:ssl)?password=([^&\s]*)/gi)].map((m) => m[1]!),
  ].filter(Boolean);
  return [...new Set(found.flatMap((p) => [p, safeDecode(p)]))];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
