/** Bytes of one long transfer (an upload, a download), shown as it goes: ActionIO.progress. */
export interface Progress {
  add(bytes: number): void;
  /** The transfer ended (well or not): the last figures, once. */
  done(): void;
}

export interface ProgressOptions {
  /** What moves: `upload of v1.2.0`. */
  label: string;
  /** Bytes expected, when known (percentages). */
  total?: number | undefined;
  /** A terminal: one line rewritten in place. Otherwise (CI logs) plain lines now and then. */
  tty: boolean;
  write: (text: string) => void;
  now?: () => number;
  /** Without a terminal: a line at most every this many ms (default 10 s), and at each quarter of a known total. */
  everyMs?: number;
}

/** Not worth a progress line: a transfer this small is over before anyone reads it. */
const QUIET_BELOW = 1024 * 1024;

/**
 * Progress of one transfer: bytes, rate and (with a total) percent. On a TTY one line is rewritten (`\r`) at
 * most 5 times a second; in a CI log a plain line every 10 s or each 25 %, and nothing for a transfer under
 * 1 MiB that ends within the first interval. The last line says the total and the mean rate.
 */
export function createProgress(o: ProgressOptions): Progress {
  const now = o.now ?? (() => performance.now());
  const every = o.everyMs ?? 10_000;
  const started = now();
  let bytes = 0;
  let lastShown = started;
  let lastQuarter = 0;
  let shownAny = false;
  let finished = false;
  const line = (final: boolean) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const pct = o.total ? ` (${Math.min(100, Math.floor((bytes / o.total) * 100))}%)` : '';
    const of = o.total ? ` of ${size(o.total)}` : '';
    const verb = final ? 'done' : 'at';
    return `${o.label}: ${verb} ${size(bytes)}${of}${pct}, ${size(bytes / seconds)}/s`;
  };
  return {
    add(n) {
      if (finished) return;
      bytes += n;
      const t = now();
      if (o.tty) {
        if (t - lastShown < 200) return;
        lastShown = t;
        shownAny = true;
        o.write(`\r\x1b[2K${line(false)}`);
        return;
      }
      const quarter = o.total ? Math.floor((bytes / o.total) * 4) : 0;
      if (t - lastShown >= every || (quarter > lastQuarter && quarter < 4)) {
        lastShown = t;
        lastQuarter = quarter;
        shownAny = true;
        o.write(`${line(false)}\n`);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (!shownAny && bytes < QUIET_BELOW) return;
      o.write(o.tty ? `\r\x1b[2K${line(true)}\n` : `${line(true)}\n`);
    },
  };
}

/** 1536 → `1.5 KiB`. */
export function size(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}
