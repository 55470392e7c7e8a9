/** A bounded, single-paragraph excerpt of a health body for outputs, logs and summaries. */
export function bodyExcerpt(body: string, max = 1024): string {
  const t = body.trim();
  return t.length > max ? `${t.slice(0, max)}… (${t.length - max} more bytes read)` : t;
}
