import { streamLocal } from './exec.js';
import type { LocalStream } from './exec.js';

/** A tar of a directory's contents (paths relative to it, `.git` left out), written to the stream. */
export function tarDirectory(dir: string): LocalStream {
  return streamLocal('tar', ['-c', '-f', '-', '-C', dir, '--exclude=./.git', '.']);
}
