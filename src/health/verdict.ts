/**
 * The health verdict of one probe (docs/health-verdicts.md). Pure: a response in, a verdict out.
 * The body is trusted over the status code: a 200 saying `"status":"fail"` is unhealthy.
 */
export type Verdict = 'ok' | 'degraded' | 'unhealthy' | 'unreachable';

// ok, pass, up, healthy (and any other word) on a 2xx are `ok`.
const DEGRADED = new Set(['degraded', 'warn']);
const UNHEALTHY = new Set(['unhealthy', 'fail', 'down', 'error']);

export interface ResponseFacts {
  /** HTTP status code, or undefined when no response came (refused, reset, timeout). */
  code?: number | undefined;
  body?: string;
}

export function verdictOf(r: ResponseFacts): Verdict {
  if (r.code === undefined) return 'unreachable';
  if (r.code === 503) return 'unhealthy';
  if (r.code < 200 || r.code > 299) return 'unreachable';
  const status = bodyStatus(r.body ?? '');
  if (status === undefined) return 'ok';
  if (DEGRADED.has(status)) return 'degraded';
  if (UNHEALTHY.has(status)) return 'unhealthy';
  // ok/pass/up/healthy, or a word we do not know: the code says healthy and nothing says otherwise.
  return 'ok';
}

/** The lower-cased `status` of a JSON body (also `application/health+json`), or undefined. */
export function bodyStatus(body: string): string | undefined {
  const t = body.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(t);
    if (parsed && typeof parsed === 'object' && 'status' in parsed) {
      const s = (parsed as { status: unknown }).status;
      if (typeof s === 'string') return s.trim().toLowerCase();
    }
  } catch {
    // A truncated or malformed body is "not JSON": the code decides.
  }
  return undefined;
}

/** Whether a verdict lets the gate count a success. */
export function passes(v: Verdict, allowDegraded: boolean): boolean {
  return v === 'ok' || (v === 'degraded' && allowDegraded);
}
