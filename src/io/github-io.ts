import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import type { ActionIO, Annotation, RemoteOutput } from './action-io.js';
import { runContextFromEnv } from './action-io.js';
import { SecretFilter } from './secrets.js';
import { createProgress } from './progress.js';

/**
 * What this process has asked the runner to mask. One per process, as the runner's masks are: the main step
 * makes two ActionIOs (runActionWithPost), and failAction runs without one.
 */
const secrets = new SecretFilter();

/**
 * ActionIO on the GitHub Actions runner, through @actions/core: it follows the runner's protocol as the runner
 * changes it (output, state and summary files, masks, annotations), so this file only adapts names.
 * The runner masks what setSecret registered; what it cannot mask (a secret under 4 characters) is withheld
 * here, line by line, from everything written to the log.
 */
export function actionsIO(): ActionIO {
  return {
    // Raw, not trimmed: a key or env file keeps its final newline; the input reader trims what it parses.
    input: (name) => core.getInput(name, { trimWhitespace: false }),
    setOutput(name, value) {
      commandFence.close();
      core.setOutput(name, value);
    },
    setSecret(value) {
      // The runner matches masks line by line: each line of a multi-line secret, and each KEY=value's value,
      // is a mask of its own (secretParts).
      const masks = secrets.add(value);
      commandFence.close();
      for (const m of masks) core.setSecret(m);
    },
    info: (m) => commandFence.text(secrets.withholdShort(m)),
    warning: (m, annotation) => command(() => core.warning(secrets.withholdShort(m), properties(annotation))),
    notice: (m, annotation) => command(() => core.notice(secrets.withholdShort(m), properties(annotation))),
    debug: (m) => command(() => core.debug(secrets.withholdShort(m))),
    // A job log is no terminal: a plain line every 10 s or each quarter.
    progress: (label, total) =>
      createProgress({
        label,
        total,
        tty: false,
        write: (text) => commandFence.text(text.replace(/\n$/, '')),
      }),
    remoteOutput: (): RemoteOutput => ({
      line: (text) => commandFence.fenced(secrets.withholdShort(text)),
      end: () => commandFence.close(),
    }),
    async group(title, fn) {
      command(() => core.startGroup(title));
      try {
        return await fn();
      } finally {
        command(() => core.endGroup());
      }
    },
    async summary(markdown) {
      // Outside a job (a local runner without summaries) there is no file to append to: not an error.
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
    },
    saveState(name, value) {
      commandFence.close();
      core.saveState(name, value);
    },
    getState: (name) => core.getState(name),
    run: runContextFromEnv(),
  };
}

/**
 * Text the runner must show and never act on. The runner reads every stdout line as a possible workflow
 * command (`::name::` at a line's start, `##[name]` anywhere) unless it comes after `::stop-commands::<token>`
 * and before `::<token>::`. Server output is written inside such a fence, opened when the first line comes
 * and closed before anything of ours that is a command (an annotation, a mask, a group), so what we issue is
 * still honoured. The token is new for each fence and random: a server cannot print the line that ends it.
 */
const commandFence = {
  token: '',

  /** Lines that must never be commands: always inside the fence. */
  fenced(text: string): void {
    if (!this.token) {
      this.token = randomBytes(16).toString('hex');
      core.info(`::stop-commands::${this.token}`);
      if (!exitHookSet) process.once('exit', () => commandFence.close());
      exitHookSet = true;
    }
    core.info(text);
  },

  /** Our own text: fenced only if some of it could be read as a command (a path or a holder from the server). */
  text(text: string): void {
    if (this.token || /::|##\[/.test(text)) this.fenced(text);
    else core.info(text);
  },

  close(): void {
    if (!this.token) return;
    core.info(`::${this.token}::`);
    this.token = '';
  },
};
let exitHookSet = false;

/** Issues a workflow command of ours: outside any fence, or the runner would not act on it. */
function command(issue: () => void): void {
  commandFence.close();
  issue();
}

function properties(annotation: Annotation | undefined): core.AnnotationProperties {
  return annotation?.title ? { title: annotation.title } : {};
}

/** The one place an action ends: the error as an error annotation, and exit code 1 (it does not stop node). */
export function failAction(message: string, annotation?: Annotation): void {
  command(() => core.error(secrets.withholdShort(message), properties(annotation)));
  process.exitCode = core.ExitCode.Failure;
}

/** Whether this process is the action's post step (`post:` in action.yml), which runs the same bundle. */
export function isPostStep(): boolean {
  return core.getState('isPost') !== '';
}
