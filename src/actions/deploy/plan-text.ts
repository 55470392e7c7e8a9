import type { DeployPlan } from './plan.js';

/**
 * The plan in one line, logged before anything connects: what a workflow run and a terminal run will do, the
 * same text when they resolved the same settings (vps-deploy.yml, inputs, ~/.ssh), so the two can be compared.
 * Secrets never appear (the key, passwords, env-file and headers are not part of it).
 */
export function planText(plan: DeployPlan): string {
  const targets = plan.targets.map(
    (t) =>
      `${t.username}@${t.host}:${t.port}${t.jump ? ` via ${t.jump.username}@${t.jump.host}:${t.jump.port}` : ''}`,
  );
  const h = plan.health;
  const gate = [...h.urls, ...h.commands.map((c) => `\`${c}\``)].join(', ');
  return (
    `Plan: ${plan.strategy} release ${plan.tag} of ${plan.location.app} in ${plan.location.appDir} ` +
    `on ${targets.join(', ')}; gate ${gate} from the ${h.from} (${h.gate.successes} successes within ` +
    `${h.gate.timeoutSeconds}s); keep ${plan.keepReleases} releases; ` +
    `${plan.rollbackOnFailure ? 'roll back on failure' : 'no automatic rollback'}`
  );
}
