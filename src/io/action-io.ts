import type { Progress } from './progress.js';

/**
 * What an action needs from whoever runs it. GitHub Actions (github-io.ts, on @actions/core) and the CLI
 * (src/cli) each provide one, so every run() is the same code in a workflow and in a terminal.
 */
export interface ActionIO {
  /** Raw input value ('' when not given). Names are the public input names (`health-timeout`). */
  input(name: string): string;
  /**
   * Whether the input was set by whoever runs the action (a flag, a variable), when that can be known: the CLI
   * knows, the runner does not (it passes action.yml's defaults as set). See src/io/configured-io.ts.
   */
  given?(name: string): boolean;
  setOutput(name: string, value: string | number | boolean): void;
  /** Registers a value to be masked in every later log line. */
  setSecret(value: string): void;
  info(message: string): void;
  /** An annotation on the run: listed in the job's summary page as well as in the log. */
  warning(message: string, annotation?: Annotation): void;
  /** An annotation that is neither a warning nor an error: something a reader of the run should see. */
  notice(message: string, annotation?: Annotation): void;
  debug(message: string): void;
  /**
   * Where one stream of the server's output goes (a command's stdout and stderr, line by line): shown as plain
   * text, masked, and never acted on as a workflow command, whatever the server prints (`::add-mask::`,
   * `::error::`, `::stop-commands::`). Every place that prints server output uses it; end() it when the stream is done.
   */
  remoteOutput(): RemoteOutput;
  /**
   * Shows the bytes and rate of a long transfer (an upload, a backup download): one updating line on a
   * terminal, a plain line now and then in a CI log (src/io/progress.ts). Absent: no progress is shown.
   */
  progress?(label: string, total?: number): Progress;
  /** Runs fn inside a collapsible log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Appends markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  /** Keeps a value for this action's post step (the runner passes it back; not shown in the log). */
  saveState(name: string, value: string): void;
  /** A value the main step saved ('' when none); in the post step only. */
  getState(name: string): string;
  /** Facts about the workflow run, for the ledger and the GitHub API. */
  readonly run: RunContext;
}

/** One stream of server output being shown (ActionIO.remoteOutput). */
export interface RemoteOutput {
  line(text: string): void;
  end(): void;
}

/** What an annotation may carry besides its message. */
export interface Annotation {
  /** Shown as the annotation's heading. */
  title?: string;
}

export interface RunContext {
  repository: string; // owner/name, '' outside GitHub
  actor: string;
  ref: string;
  sha: string;
  runUrl: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
}

export function runContextFromEnv(env: NodeJS.ProcessEnv = process.env): RunContext {
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const runUrl =
    repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : '';
  return {
    repository,
    actor: env.GITHUB_ACTOR ?? env.USER ?? 'unknown',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    runUrl,
    serverUrl,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
}
