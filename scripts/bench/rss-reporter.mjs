// Preloaded by the benchmark (node --import) to write the process's peak RSS in KiB when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.VPS_BENCH_RSS_FILE) writeFileSync(process.env.VPS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
