import * as core from '@actions/core';
import type { ActionIO, Annotation } from './action-io.js';
import { runContextFromEnv } from './action-io.js';

/**
 * ActionIO on the GitHub Actions runner, through @actions/core: it follows the runner's protocol as the runner
 * changes it (output, state and summary files, masks, annotations), so this file only adapts names.
 */
export function actionsIO(): ActionIO {
  return {
    // Raw, not trimmed: a key or env file keeps its final newline; the input reader trims what it parses.
    input: (name) => core.getInput(name, { trimWhitespace: false }),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret(value) {
      // Mask every line of a multi-line secret too: the runner matches masks line by line. Lines shorter
      // than 4 characters (a PEM's blank or `}` lines) would mask every such text in the log instead.
      for (const part of new Set([value, ...value.split(/\r?\n/)])) {
        if (part.trim().length >= 4) core.setSecret(part);
      }
    },
    info: (m) => core.info(m),
    warning: (m, annotation) => core.warning(m, properties(annotation)),
    notice: (m, annotation) => core.notice(m, properties(annotation)),
    debug: (m) => core.debug(m),
    group: (title, fn) => core.group(title, fn),
    async summary(markdown) {
      // Outside a job (a local runner without summaries) there is no file to append to: not an error.
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
    },
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    run: runContextFromEnv(),
  };
}

function properties(annotation: Annotation | undefined): core.AnnotationProperties {
  return annotation?.title ? { title: annotation.title } : {};
}

/** The one place an action ends: the error as an error annotation, and exit code 1 (it does not stop node). */
export function failAction(message: string, annotation?: Annotation): void {
  core.error(message, properties(annotation));
  process.exitCode = core.ExitCode.Failure;
}

/** Whether this process is the action's post step (`post:` in action.yml), which runs the same bundle. */
export function isPostStep(): boolean {
  return core.getState('isPost') !== '';
}
