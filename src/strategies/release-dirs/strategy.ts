import { connectionLost } from '../../ssh/remote-shell.js';
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { ConfigurationError, inPhase } from '../../io/errors.js';
import type { RemoteShell } from '../../ssh/remote-shell.js';
import {
  INCOMING_PREFIX,
  planSharedLinks,
  REPLACED_PREFIX,
  releasePaths,
  tagOfCurrentTarget,
} from './layout.js';
import { choosePrune, releasesNewestFirst } from './prune.js';
import { resolveSource, sourceFacts, sourceKind, sourcePath } from './source.js';
import {
  assertCurrentReplaceable,
  listReleases,
  readCurrent,
  switchCurrent,
  switchCurrentIfComplete,
} from './switch.js';
import {
  appLogsCommand,
  existsCommand,
  hardLinkCopyCommand,
  MOVED_ASIDE,
  placeReleaseCommand,
  removeDirCommand,
  removeReleasesCommand,
  renameDirCommand,
  replaceDirCommand,
  sqliteFilesCommand,
  writeRevisionCommand,
} from './commands.js';
import type { Revision } from './commands.js';
import { linkShared, prepareShared } from './shared-links.js';
import { applyEnv, recordEnv, RELEASE_ENV } from '../env-release.js';
import type {
  DeployStrategy,
  Readiness,
  ReleaseStrategyOptions,
  StrategyContext,
} from '../../flow/strategy.js';
import { buildRelease, previousRelease } from './incremental.js';
import { runUserCommands } from './user-commands.js';
import { checkSlotOptions, ReleaseSlots } from './blue-green.js';

/**
 * The `release` strategy, for apps a service manager runs (systemd, supervisord): each tag becomes
 * <app-dir>/releases/<tag> (a git archive or a given source, streamed over SSH), shared files are linked into
 * it, install/migrate run inside it, and `current` is switched to it by one atomic rename, then the user's
 * restart-command runs. Reverting is switching back and restarting.
 */
export function releaseStrategy(ctx: StrategyContext, opts: ReleaseStrategyOptions): DeployStrategy {
  checkReleaseOptions(opts);
  return new ReleaseDirectories(ctx, opts);
}

/** Every check of the options that needs no server and no tag (releaseStrategy calls it). */
export function checkReleaseOptions(opts: ReleaseStrategyOptions): void {
  planSharedLinks('/app', 'check', opts.sharedFiles, opts.sharedDirs);
  if (opts.blueGreen) checkSlotOptions(opts.blueGreen);
  const path = sourcePath(opts.workspace, opts.source);
  if (path) sourceKind(path, sourceFacts(path));
}

/**
 * Before connecting: the options, and that the tag's release can be made (the workspace has the tag, or
 * `source` is usable). Asynchronous because it asks the runner's git.
 */
export async function checkReleaseTag(opts: ReleaseStrategyOptions, tag: string): Promise<void> {
  checkReleaseOptions(opts);
  await resolveSource(opts.workspace, opts.source, tag);
}

/** A release dir moved aside while its tag is deployed again, kept until the new one proves itself. */
interface Aside {
  name: string;
  /** `current` pointed at the tag when it was moved: the aside is what served before this deploy. */
  wasCurrent: boolean;
}

class ReleaseDirectories implements DeployStrategy {
  readonly name = 'release' as const;
  /** A failed re-deploy of the serving tag is undone from the copy prepare() set aside. */
  readonly restoresRedeploy = true;
  private readonly conn: RemoteShell;
  private readonly asides = new Map<string, Aside>();
  private readonly activated = new Set<string>();
  /** The tag prepare() made ready in this run: its first activate puts its env-file in place. */
  private preparedTag?: string;
  /** switch: blue-green: two instances on slot links (blue-green.ts). */
  readonly blueGreen?: ReleaseSlots;

  constructor(
    private readonly ctx: StrategyContext,
    private readonly opts: ReleaseStrategyOptions,
  ) {
    this.conn = ctx.conn;
    if (opts.blueGreen)
      this.blueGreen = new ReleaseSlots(ctx, opts.blueGreen, {
        applyEnv: (tag) => this.putEnvInPlace(tag, tag === this.preparedTag),
        logsCommand: opts.logsCommand ?? '',
        available: () => this.available(),
      });
  }

  async prepare(tag: string): Promise<void> {
    const { appDir, log } = this.ctx;
    const p = releasePaths(appDir, tag);
    const plan = planSharedLinks(appDir, tag, this.opts.sharedFiles, this.opts.sharedDirs);
    const source = await resolveSource(this.opts.workspace, this.opts.source, tag);
    const current = await readCurrent(this.conn, appDir);
    assertCurrentReplaceable(appDir, current);
    await prepareShared(this.conn, appDir, plan, this.opts.envFile, log);

    const incoming = posix.join(p.releases, `${INCOMING_PREFIX}${tag}-${stamp()}`);
    let record = '';
    log.info(`Uploading ${source.describe} (commit ${source.commit}) to ${p.release}`);
    try {
      const up = await buildRelease(this.conn, {
        source,
        workspace: this.opts.workspace,
        tag,
        incoming,
        shared: plan.map((l) => l.path),
        log,
        copyUnchanged: !!(this.opts.installCommand || this.opts.migrateCommand),
        ...previousRelease(appDir, current),
      });
      log.info(`  ${formatBytes(up.bytes)} sent (${up.how} upload) in ${(up.ms / 1000).toFixed(1)}s`);
      // The config this release runs with, kept in it (pruned with it) and put in place at the switch.
      await recordEnv(
        this.conn,
        this.opts.envFile,
        posix.join(p.shared, '.env'),
        posix.join(incoming, RELEASE_ENV),
      );
      record = up.record;
    } catch (e) {
      await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
      throw inPhase('upload', e);
    }

    const servingThisTag = current.kind === 'link' && tagOfCurrentTarget(current.target) === tag;
    const revision = {
      tag,
      commit: source.commit,
      source: source.describe,
      deployedAt: new Date().toISOString(),
    };
    const aside = await this.placeRelease(tag, incoming, servingThisTag, revision, record);
    try {
      await linkShared(this.conn, plan);
      if (this.opts.installCommand)
        await this.runUserCommand('install-command', this.opts.installCommand, tag, 'install');
    } catch (e) {
      await this.restoreAfterFailedPrepare(tag, aside).catch((r: unknown) =>
        log.warning(
          `could not restore releases/${tag} after the failure: ${r instanceof Error ? r.message : String(r)}`,
        ),
      );
      throw e;
    }
    if (aside) this.asides.set(tag, aside);
    this.preparedTag = tag;
  }

  async migrate(tag: string): Promise<void> {
    if (this.opts.migrateCommand)
      await this.runUserCommand('migrate-command', this.opts.migrateCommand, tag, 'migrate');
  }

  async activate(tag: string): Promise<void> {
    const { appDir, log } = this.ctx;
    const p = releasePaths(appDir, tag);
    const aside = this.asides.get(tag);
    const fresh = tag === this.preparedTag && !this.activated.has(tag);
    if (aside?.wasCurrent && this.activated.has(tag)) {
      // Rolling back a re-deploy of the serving tag: the copy moved aside is what served before.
      await this.restoreAside(tag, aside);
      this.asides.delete(tag);
    } else {
      if (!(await switchCurrentIfComplete(this.conn, appDir, p.release, p.currentTarget))) {
        const onServer = await this.available();
        throw new ConfigurationError(
          `release ${JSON.stringify(tag)} is not on the server (${p.releases}); releases there: ` +
            (onServer.length ? onServer.join(', ') : 'none'),
        );
      }
    }
    log.info(`current -> ${p.currentTarget}`);
    this.activated.add(tag);
    await this.putEnvInPlace(tag, fresh);
    if (this.opts.restartCommand)
      await this.runUserCommand('restart-command', this.opts.restartCommand, tag, 'restart', p.current);
    else
      log.info('No restart-command: nothing restarts the app (set one, e.g. sudo systemctl restart <app>)');
  }

  /** The config recorded with `tag` becomes shared/.env (without env-file a fresh release recorded it as it is). */
  private async putEnvInPlace(tag: string, fresh: boolean): Promise<void> {
    if (fresh && !this.opts.envFile) return;
    const p = releasePaths(this.ctx.appDir, tag);
    await applyEnv(
      this.conn,
      this.ctx.log,
      tag,
      posix.join(p.release, RELEASE_ENV),
      posix.join(p.shared, '.env'),
      'shared/.env',
    );
  }

  async fatal(): Promise<string | undefined> {
    // The service manager is the user's (systemd, supervisord, …): the health gate is the only judge here.
    return this.conn.isOpen ? undefined : connectionLost(this.conn);
  }

  async readiness(): Promise<Readiness> {
    // The service manager is the user's: the health URL is its only view of the app.
    return { state: 'ready' };
  }

  async logs(): Promise<string> {
    if (!this.opts.logsCommand || !this.conn.isOpen) return '';
    try {
      const r = await this.conn.exec(appLogsCommand(this.opts.logsCommand, this.ctx.appDir), {
        log: false,
        maxStdout: 256 * 1024,
      });
      const out = r.stdout.trimEnd();
      return r.code === 0 ? out : `${out}${out ? '\n' : ''}(logs-command exited ${r.signal ?? r.code})`;
    } catch (e) {
      this.ctx.log.debug(`logs-command failed: ${e instanceof Error ? e.message : String(e)}`);
      return '';
    }
  }

  async available(): Promise<string[]> {
    const entries = await listReleases(this.conn, this.ctx.appDir);
    return releasesNewestFirst(entries).map((e) => e.name);
  }

  async prune(keep: number, protect: string[], failed: string[]): Promise<string[]> {
    const { appDir, log } = this.ctx;
    const [entries, current] = await Promise.all([
      listReleases(this.conn, appDir),
      readCurrent(this.conn, appDir),
    ]);
    const serving = current.kind === 'link' ? tagOfCurrentTarget(current.target) : undefined;
    // A release a slot link names may be running (blue-green): never pruned, whatever its age.
    const slotted = this.blueGreen ? [...(await this.blueGreen.slots()).values()] : [];
    const choice = choosePrune(entries, {
      keep,
      protect: [...protect, ...slotted],
      failed,
      ...(serving ? { current: serving } : {}),
    });
    const holdsData = await this.withSqlite([...choice.remove, ...choice.leftovers]);
    choice.remove = choice.remove.filter((t) => !holdsData.has(t));
    const doomed = [...choice.remove, ...choice.leftovers.filter((d) => !holdsData.has(d))];
    if (!doomed.length) return [];
    await this.conn.run(removeReleasesCommand(appDir, doomed), 'pruning releases', { log: false });
    if (choice.remove.length)
      log.info(`Pruned releases: ${choice.remove.join(', ')} (kept ${choice.keep.join(', ')})`);
    for (const d of choice.leftovers) this.asides.forEach((a, t) => a.name === d && this.asides.delete(t));
    return choice.remove;
  }

  /**
   * The dirs of releases/ among `names` that hold a SQLite database: an app that opens ./app.db keeps its data
   * in the release, and pruning would delete it. Each is named in a warning and kept.
   */
  private async withSqlite(names: string[]): Promise<Set<string>> {
    const { appDir, log } = this.ctx;
    if (!names.length) return new Set();
    const releases = posix.join(appDir, 'releases');
    const r = await this.conn.run(
      sqliteFilesCommand(names.map((n) => posix.join(releases, n))),
      'looking for SQLite databases in the releases to prune',
      { log: false },
    );
    const kept = new Set<string>();
    for (const file of r.stdout.split('\n').filter(Boolean)) {
      const rel = posix.relative(appDir, file);
      const name = posix.relative(releases, file).split('/')[0]!;
      if (!kept.has(name))
        log.warning(
          `releases/${name} is not pruned: ${rel} is a SQLite database (SQLite format 3) inside the release. ` +
            'Data belongs in shared/ (a shared-dirs entry such as data); move it there, then remove the release by hand',
        );
      kept.add(name);
    }
    return kept;
  }

  /**
   * Writes REVISION (and the tree record, `record`) into the uploaded dir, the mark of a complete release, and puts
   * it in place as releases/<tag>, moving an existing one aside (restored on failure). Incoming is removed if
   * anything fails. One command, unless the tag is the one being served.
   */
  private async placeRelease(
    tag: string,
    incoming: string,
    servingThisTag: boolean,
    revision: Revision,
    record: string,
  ): Promise<Aside | undefined> {
    const { appDir } = this.ctx;
    const p = releasePaths(appDir, tag);
    const name = `${REPLACED_PREFIX}${tag}-${stamp()}`;
    const asidePath = posix.join(p.releases, name);
    const writeRevision = writeRevisionCommand(incoming, revision, true);
    const withRecord = { log: false, stdin: record };
    let exists = false;
    let servedFromAside = false;
    try {
      if (!servingThisTag) {
        const r = await this.conn.run(
          `${writeRevision} && ${placeReleaseCommand(incoming, p.release, asidePath)}`,
          `writing REVISION and placing releases/${tag}`,
          withRecord,
        );
        return r.stdout.includes(MOVED_ASIDE) ? { name, wasCurrent: false } : undefined;
      }
      await this.conn.run(writeRevision, 'writing REVISION', withRecord);
      exists = (await this.conn.exec(existsCommand(p.release), { log: false })).code === 0;
      if (exists) {
        // The serving release cannot be renamed (current would dangle for an instant): hard-link copy it,
        // point current at the copy in one rename, and only then clear the name.
        await this.conn.run(
          hardLinkCopyCommand(p.release, asidePath),
          `copying the serving releases/${tag} aside`,
        );
        await switchCurrent(this.conn, appDir, `releases/${name}`);
        servedFromAside = true;
        await this.conn.run(removeDirCommand(p.release), `removing the old releases/${tag}`);
      }
      await this.conn.run(renameDirCommand(incoming, p.release), `placing releases/${tag}`);
    } catch (e) {
      await this.conn.exec(removeDirCommand(incoming), { log: false }).catch(() => undefined);
      if (servedFromAside) await this.restoreAside(tag, { name, wasCurrent: true }).catch(() => undefined);
      throw inPhase('upload', e);
    }
    return exists ? { name, wasCurrent: true } : undefined;
  }

  private async restoreAfterFailedPrepare(tag: string, aside: Aside | undefined): Promise<void> {
    const p = releasePaths(this.ctx.appDir, tag);
    if (!aside) {
      await this.conn.run(removeDirCommand(p.release), `removing the unfinished releases/${tag}`);
      return;
    }
    if (aside.wasCurrent) {
      await this.restoreAside(tag, aside);
    } else {
      const asidePath = posix.join(p.releases, aside.name);
      await this.conn.run(replaceDirCommand(p.release, asidePath, 'rename'), `restoring releases/${tag}`);
    }
  }

  /** releases/<tag> becomes the aside copy again, with `current` resolvable at every instant. */
  private async restoreAside(tag: string, aside: Aside): Promise<void> {
    const { appDir, log } = this.ctx;
    const p = releasePaths(appDir, tag);
    const asidePath = posix.join(p.releases, aside.name);
    log.info(`Restoring the releases/${tag} that served before this deploy`);
    await switchCurrent(this.conn, appDir, `releases/${aside.name}`);
    await this.conn.run(replaceDirCommand(p.release, asidePath, 'copy'), `restoring releases/${tag}`);
    await switchCurrent(this.conn, appDir, p.currentTarget);
    await this.conn.run(removeDirCommand(asidePath), 'removing the copy set aside');
  }

  private runUserCommand(
    input: string,
    command: string,
    tag: string,
    phase: string,
    cwd?: string,
  ): Promise<void> {
    const { appDir, log } = this.ctx;
    const p = releasePaths(appDir, tag);
    const where = { tag, appDir, releaseDir: p.release, cwd: cwd ?? p.release };
    return runUserCommands(this.conn, log, input, command, phase, where);
  }
}

function stamp(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
