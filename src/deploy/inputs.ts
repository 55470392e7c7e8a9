import {
  bool,
  duration,
  httpUrl,
  integer,
  list,
  matching,
  oneOf,
  readInputs,
  text,
} from '../common/inputs.js';
import type { InputSpec, InputsOf, RawInputs } from '../common/inputs.js';
import { remoteInputSpec } from '../ssh/target.js';

/** A release tag: it names images and directories and travels into remote commands (quoted all the same). */
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const TAG_TAKES =
  'a tag of letters, digits, ".", "_" and "-" (up to 128, starting with a letter or digit), like v1.4.2';

const relativePath = {
  test: (s: string) => !s.startsWith('/') && !s.split('/').includes('..') && !s.includes('\0'),
  takes: 'a path inside the app directory',
};

/** The health gate inputs, shared by deploy, the root action and rollback. */
export const gateInputSpec = {
  'health-url': httpUrl({ fallback: 'http://127.0.0.1:8000/health' }),
  'health-from': oneOf(['server', 'runner'], 'server'),
  'health-timeout': duration(60, { max: 3600 }),
  'health-interval': duration(1, { max: 600 }),
  'health-successes': integer(2, 1, 100),
  'health-request-timeout': duration(5, { max: 600 }),
  'allow-degraded': bool(true),
  'lock-timeout': duration(300, { allowZero: true, max: 86_400 }),
};

/** actions/deploy inputs (SPEC.md, "actions/deploy"). */
export const deployInputSpec = {
  ...remoteInputSpec,
  ...gateInputSpec,
  tag: matching(TAG_PATTERN, TAG_TAKES),
  strategy: oneOf(['compose', 'release'], 'compose'),
  'compose-file': text(),
  'env-file': text(),
  'tag-variable': matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name like IMAGE_TAG', {
    fallback: 'IMAGE_TAG',
  }),
  services: list({ test: (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), takes: 'a compose service name' }),
  registry: matching(
    /^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._/-]*)?$/,
    'a registry host like ghcr.io or 127.0.0.1:5000',
  ),
  'registry-username': text(),
  'registry-password': text(),
  source: text(),
  'shared-files': list(relativePath),
  'shared-dirs': list(relativePath),
  'install-command': text(),
  'migrate-command': text(),
  'restart-command': text(),
  'keep-releases': integer(5, 1, 1000),
  'rollback-on-failure': bool(true),
  environment: text(),
  'environment-url': httpUrl(),
  'github-token': text(),
} satisfies InputSpec;

export type DeployInputs = InputsOf<typeof deployInputSpec>;

export function readDeployInputs(raw: RawInputs): DeployInputs {
  return readInputs(deployInputSpec, raw);
}
