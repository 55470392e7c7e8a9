import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../io/errors.js';
import { switchSettings } from '../flow/inputs.js';
import type { SwitchInputs, SwitchSettings } from '../flow/inputs.js';
import type { BlueGreenPlan } from '../flow/blue-green-flow.js';
import { proxySwitch } from '../proxy/proxy-switch.js';
import type { ProxyOptions } from '../proxy/proxy-switch.js';

/** `switch: blue-green` resolved on the runner: the settings, with the proxy-config read from the checkout. */
export interface SwitchPlan extends Omit<SwitchSettings, 'proxy'> {
  proxy: ProxyOptions;
}

/** The switch plan of deploy, rollback and the root action; undefined for `switch: restart`. */
export function switchPlan(
  i: SwitchInputs,
  appDir: string,
  workspace: string,
  strategy?: 'compose' | 'release',
): SwitchPlan | undefined {
  const s = switchSettings(i, appDir, strategy);
  if (!s) return undefined;
  const { config, ...proxy } = s.proxy;
  return {
    ...s,
    proxy: { ...proxy, ...(config ? { config: readProxyConfig(config, workspace) } : {}) },
  };
}

/** The flow's side of the plan: ports, drain, public check, and the proxy over the locked connection. */
export function blueGreenPlan(plan: SwitchPlan): BlueGreenPlan {
  return {
    ports: plan.ports,
    drainSeconds: plan.drainSeconds,
    publicHealthUrl: plan.publicHealthUrl,
    proxyFor: (conn, log) => proxySwitch(conn, plan.proxy, log),
  };
}

function readProxyConfig(
  c: { file: string; path: string },
  workspace: string,
): { content: string; path: string } {
  const full = isAbsolute(c.file) ? c.file : join(workspace, c.file);
  if (!existsSync(full))
    throw new ConfigurationError(
      `input "proxy-config" got ${JSON.stringify(c.file)}: there is no such file in ${workspace}`,
    );
  return { content: readFileSync(full, 'utf8'), path: c.path };
}
