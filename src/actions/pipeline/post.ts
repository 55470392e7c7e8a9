import type { ActionIO } from '../../io/action-io.js';
import { dockerLogout } from '../../local/docker.js';

/** What the main step leaves its post step: the registry the runner's docker was logged in to. */
export const LOGIN_STATE = 'runner-registry-login';

/**
 * The root action's post step (action.yml `post:`, `post-if: always()`): logs the runner's docker out of the
 * registry the main step logged in to, so a self-hosted runner keeps no registry credentials in
 * ~/.docker/config.json after the job. A logout that fails warns; it never fails a job whose work is done.
 */
export async function runPipelinePost(io: ActionIO): Promise<void> {
  const registry = io.getState(LOGIN_STATE);
  if (!registry) {
    io.debug('the main step logged in to no registry on the runner: nothing to log out of');
    return;
  }
  await dockerLogout(io, registry);
}
