import { bool, list, matching, readInputs, text } from '../../io/inputs.js';
import type { InputsOf, RawInputs } from '../../io/inputs.js';
import { deployInputSpec } from '../deploy/inputs.js';
import { IMAGE_NAME, imagesLineProblem } from './build.js';

/** The root action's inputs: those of actions/deploy plus the image build (docs/action.md, `build`). */
export const pipelineInputSpec = {
  ...deployInputSpec,
  build: bool(false),
  image: matching(IMAGE_NAME, 'an image name without tag, like ghcr.io/acme/shop'),
  images: list(
    { test: (s) => !imagesLineProblem(s), takes: 'an "<image> <context> [<dockerfile>]" line' },
    { lines: true },
  ),
  target: matching(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Dockerfile stage name'),
  context: text({ fallback: '.' }),
  dockerfile: text(),
  'build-args': list(
    { test: (s) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(s), takes: 'a NAME=value line' },
    { lines: true },
  ),
};

export type PipelineInputs = InputsOf<typeof pipelineInputSpec>;

export function readPipelineInputs(raw: RawInputs): PipelineInputs {
  return readInputs(pipelineInputSpec, raw);
}
