import { bool, httpUrl, integer, list, matching, oneOf, readInputs, text } from '../../io/inputs.js';
import { configInputSpec } from '../../io/configured-io.js';
import type { InputSpec, InputsOf, RawInputs } from '../../io/inputs.js';
import { remoteInputSpec } from '../../ssh/target.js';
import { gateInputSpec, serviceNames, switchInputSpec, tagVariable } from '../../flow/inputs.js';
import { TAG_PATTERN, TAG_TAKES } from '../../flow/tag.js';
import { extraFileProblem } from '../../strategies/compose/extra-files.js';
import { stackName } from '../../strategies/swarm/inputs.js';

const relativePath = {
  test: (s: string) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
  takes: 'a path inside the app directory',
};

/** actions/deploy inputs (actions/deploy/README.md). */
export const deployInputSpec = {
  ...remoteInputSpec,
  ...gateInputSpec,
  tag: matching(TAG_PATTERN, TAG_TAKES),
  strategy: oneOf(['compose', 'release', 'swarm'], 'compose'),
  stack: stackName(),
  'compose-file': text(),
  'env-file': text(),
  'tag-variable': tagVariable(),
  services: serviceNames(),
  registry: matching(
    /^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/,
    'a registry host like ghcr.io or 127.0.0.1:5000',
  ),
  'registry-username': text(),
  'registry-password': text(),
  source: text(),
  // action.yml's default: so a workflow passing it still lets vps-deploy.yml set shared-files (configured-io.ts).
  'shared-files': list(relativePath, { fallback: ['.env'] }),
  'shared-dirs': list(relativePath),
  'install-command': text(),
  'migrate-command': text(),
  'restart-command': text(),
  'logs-command': text(),
  'extra-files': list(
    { test: (s) => !extraFileProblem(s), takes: 'a local/path[:remote/path] line without ".." segments' },
    { lines: true },
  ),
  ...switchInputSpec,
  'keep-releases': integer(5, 1, 1000),
  'rollback-on-failure': bool(true),
  environment: text(),
  'environment-url': httpUrl(),
  'github-token': text(),
  ...configInputSpec,
} satisfies InputSpec;

export type DeployInputs = InputsOf<typeof deployInputSpec>;

export function readDeployInputs(raw: RawInputs): DeployInputs {
  return readInputs(deployInputSpec, raw);
}
