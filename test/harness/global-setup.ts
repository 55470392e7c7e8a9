import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-action.js';

/** Integration suites run the committed bundles: make sure they exist before the first suite starts. */
export default function setup(): void {
  for (const a of ['healthcheck']) {
    if (!existsSync(join(ROOT, 'dist', a, 'index.js'))) throw new Error(`dist/${a}/index.js is missing: run npm run bundle`);
  }
}
