import { runLocal, streamLocal } from './exec.js';
import type { LocalStream } from './exec.js';

/**
 * The commit a tag names in a git checkout, or undefined when the checkout has no such tag (or is no git
 * repository). Without git on the runner it throws a MissingToolError.
 */
export async function commitOf(workspace: string, tag: string): Promise<string | undefined> {
  const r = await runLocal('git', ['-C', workspace, 'rev-parse', '--verify', '--quiet', `${tag}^{commit}`], {
    allowFailure: true,
  });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** A tar of the commit's tree, as `git archive` writes it (no .git, nothing untracked). */
export function gitArchive(workspace: string, commit: string): LocalStream {
  return streamLocal('git', ['-C', workspace, 'archive', '--format=tar', commit]);
}
