/**
 * A PostgreSQL connection URL split so its password never reaches a command line or a log: the URL without
 * password goes on pg_dump's command line, the password goes to the server on stdin (into PGPASSWORD).
 */
export interface PostgresUrl {
  /** The URL without its password (also without a `password=` query parameter). */
  url: string;
  password?: string;
  database: string;
}

export function isPostgresUrl(v: string): boolean {
  return parsePostgresUrl(v) !== undefined;
}

export function parsePostgresUrl(v: string): PostgresUrl | undefined {
  if (!/^postgres(ql)?:\/\//.test(v)) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return undefined;
  }
  let password = u.password ? safeDecode(u.password) : undefined;
  const fromQuery = u.searchParams.get('password');
  if (fromQuery !== null) {
    password ??= fromQuery;
    u.searchParams.delete('password');
  }
  u.password = '';
  const database = safeDecode(u.pathname.replace(/^\//, '')) || safeDecode(u.username) || 'postgres';
  return { url: u.toString(), ...(password ? { password } : {}), database };
}

/** Text with every URL's password replaced by `***` (for error messages about the input, whatever the scheme). */
export function redactUrlPasswords(text: string): string {
  return text
    .replace(/(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:)[^\s]*@/g, '$1***@')
    .replace(/([?&]password=)[^&\s]*/gi, '$1***');
}

/** Every password in URLs of the text (any scheme, `user:password@` or `password=`), to mask them. */
export function urlPasswords(text: string): string[] {
  const found = [
    ...[...text.matchAll(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:([^\s]*)@/g)].map((m) => m[1]!),
    ...[...text.matchAll(/[?&]password=([^&\s]*)/gi)].map((m) => m[1]!),
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
