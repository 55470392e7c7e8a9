import { TASKS_MARK } from './commands.js';

/**
 * What `docker service inspect` and `docker service ps` say about a stack, and whether a deploy has converged.
 * Pure: table-tested with output captured from a real engine (test/unit/strategies/swarm/converge.test.ts).
 */

export interface ServiceFacts {
  id: string;
  /** Swarm's name, `<stack>_<service>`. */
  name: string;
  /** The compose file's service name. */
  service: string;
  /** The image the spec asks for (with the digest the manager resolved, when it did). */
  image: string;
  /** Desired replicas; undefined for a global service (one task per eligible node). */
  replicas?: number;
  version: number;
  hasHealthcheck: boolean;
  update?: { state: string; startedAt: string; message: string };
}

export interface TaskFacts {
  id: string;
  name: string;
  image: string;
  node: string;
  /** `running`, `shutdown`, … (lower case). */
  desired: string;
  /** The first word of CurrentState, lower case: `running`, `starting`, `failed`, `rejected`, `preparing`, … */
  state: string;
  error: string;
}

export interface StackView {
  services: ServiceFacts[];
  /** By service ID. */
  tasks: Map<string, TaskFacts[]>;
}

/** What a converge compares against: the stack just before this deploy's `docker stack deploy`. */
export interface StackSnapshot {
  versions: Map<string, number>;
  taskIds: Set<string>;
}

export type Convergence =
  { state: 'converged' } | { state: 'waiting'; reason: string } | { state: 'failed'; reason: string };

/** Failed tasks of the new spec in one service that make a restart loop rather than one unlucky start. */
export const CRASH_LOOP_TASKS = 3;

const PULL_ERROR =
  /No such image|manifest unknown|pull access denied|repository does not exist|not found: manifest|unauthorized/i;

interface InspectJson {
  ID?: string;
  Version?: { Index?: number };
  Spec?: {
    Name?: string;
    Labels?: Record<string, string>;
    TaskTemplate?: { ContainerSpec?: { Image?: string; Healthcheck?: { Test?: string[] } } };
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
  };
  UpdateStatus?: { State?: string; StartedAt?: string; Message?: string };
}

interface TaskJson {
  ID?: string;
  Name?: string;
  Image?: string;
  Node?: string;
  DesiredState?: string;
  CurrentState?: string;
  Error?: string;
}

/** stackViewCommand's output -> the services of `stack` and their tasks. Empty output: no service. */
export function parseStackView(output: string, stack: string): StackView {
  const text = output.trim();
  if (!text) return { services: [], tasks: new Map() };
  const markAt = text.indexOf(`\n${TASKS_MARK}`);
  const inspect = JSON.parse(markAt < 0 ? text : text.slice(0, markAt)) as InspectJson[];
  const services = inspect.map((s) => serviceFacts(s, stack));
  const tasks = new Map<string, TaskFacts[]>();
  let current: TaskFacts[] | undefined;
  for (const line of markAt < 0 ? [] : text.slice(markAt + 1).split('\n')) {
    if (line.startsWith(TASKS_MARK)) {
      current = [];
      tasks.set(line.slice(TASKS_MARK.length).trim(), current);
    } else if (line.trim().startsWith('{') && current) {
      current.push(taskFacts(JSON.parse(line) as TaskJson));
    }
  }
  // `docker service ls -q` prints short IDs, `inspect` full ones: key the tasks by the full ID.
  const byFullId = new Map<string, TaskFacts[]>();
  for (const [id, list] of tasks) byFullId.set(services.find((sv) => sv.id.startsWith(id))?.id ?? id, list);
  return { services, tasks: byFullId };
}

function serviceFacts(s: InspectJson, stack: string): ServiceFacts {
  const name = s.Spec?.Name ?? '';
  const mode = s.Spec?.Mode;
  const test = s.Spec?.TaskTemplate?.ContainerSpec?.Healthcheck?.Test;
  const u = s.UpdateStatus;
  return {
    id: s.ID ?? '',
    name,
    service: name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name,
    image: s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '',
    ...(mode?.Global ? {} : { replicas: mode?.Replicated?.Replicas ?? 1 }),
    version: s.Version?.Index ?? 0,
    // `NONE` is how a compose file's `healthcheck: { disable: true }` arrives.
    hasHealthcheck: !!test?.length && test[0] !== 'NONE',
    ...(u?.State
      ? { update: { state: u.State, startedAt: u.StartedAt ?? '', message: u.Message ?? '' } }
      : {}),
  };
}

function taskFacts(t: TaskJson): TaskFacts {
  return {
    id: t.ID ?? '',
    // Older tasks of a slot come as ` \_ web.1` in the table format: keep the name alone.
    name: (t.Name ?? '').replace(/^[\s\\_]+/, ''),
    image: t.Image ?? '',
    node: t.Node ?? '',
    desired: (t.DesiredState ?? '').toLowerCase(),
    state: (t.CurrentState ?? '').split(' ')[0]!.toLowerCase(),
    // Docker prints the task's error quoted: `"task: non-zero exit (1)"`.
    error: (t.Error ?? '').replace(/^"(.*)"$/s, '$1'),
  };
}

export function snapshotOf(view: StackView): StackSnapshot {
  return {
    versions: new Map(view.services.map((s) => [s.id, s.version])),
    taskIds: new Set([...view.tasks.values()].flat().map((t) => t.id)),
  };
}

/**
 * The services a deploy watches: those named in `services` (each must be in the stack: a typo would otherwise
 * pass unwatched), or every service of the stack. A message naming what the stack has when one is missing.
 */
export function watchedServices(
  view: StackView,
  services: string[],
  stack: string,
): { watched: ServiceFacts[]; missing?: string } {
  if (!services.length) return { watched: view.services };
  const missing = services.filter((n) => !view.services.some((s) => s.service === n));
  if (missing.length) {
    const has = view.services.map((s) => s.service).join(', ') || 'no services';
    return {
      watched: [],
      missing:
        `input "services" names ${missing.join(', ')}, not in stack ${stack} (it has ${has}): ` +
        'name services of the compose file, without the stack prefix',
    };
  }
  return { watched: view.services.filter((s) => services.includes(s.service)) };
}

/**
 * Whether every watched service runs its spec: each task Swarm wants running runs the spec's image, as many
 * as the service's replicas (Swarm reports a task `running` only once its healthcheck, if any, passed). Fails
 * fast when Swarm paused or rolled back this deploy's update (its message), when the nodes cannot pull the
 * image, or when the new tasks crash in a loop. `before` tells this deploy's update and tasks from older ones.
 */
export function convergence(view: StackView, watched: ServiceFacts[], before: StackSnapshot): Convergence {
  const waiting: string[] = [];
  for (const s of watched) {
    const tasks = view.tasks.get(s.id) ?? [];
    const fresh = tasks.filter((t) => !before.taskIds.has(t.id));
    const updatedNow = before.versions.get(s.id) !== s.version;
    const u = s.update;
    const unpullable = fresh.find((t) => PULL_ERROR.test(t.error));
    if (unpullable) {
      return {
        state: 'failed',
        reason:
          `node ${unpullable.node || '(none yet)'} cannot pull the image of ${s.name} (${unpullable.image || s.image}): ` +
          `${unpullable.error}. Push that tag, and check the manager's registry login (registry-username/-password): ` +
          'the deploy passes it to the nodes with --with-registry-auth',
      };
    }
    if (updatedNow && u && (u.state === 'paused' || u.state.startsWith('rollback_'))) {
      const what = u.state === 'paused' ? 'paused the update' : `rolled back the update (${u.state})`;
      return { state: 'failed', reason: `Swarm ${what} of ${s.name}: ${u.message || 'no message'}` };
    }
    const crashed = fresh.filter(
      (t) => (t.state === 'failed' || t.state === 'rejected') && sameImage(t.image, s.image),
    );
    if (crashed.length >= CRASH_LOOP_TASKS) {
      return {
        state: 'failed',
        reason: `${s.name} is restart-looping: ${crashed.length} new tasks failed (last: ${crashed[0]!.error || crashed[0]!.state})`,
      };
    }
    const wanted = tasks.filter((t) => t.desired === 'running');
    const ready = wanted.filter((t) => t.state === 'running' && sameImage(t.image, s.image));
    const enough = s.replicas === undefined ? ready.length > 0 : ready.length >= s.replicas;
    const updating = updatedNow && u && u.state !== 'completed';
    if (!enough || ready.length < wanted.length || updating) {
      const want = s.replicas ?? wanted.length;
      waiting.push(
        `${s.name} ${ready.length}/${want} running the new spec${updating ? ` (update ${u.state})` : ''}`,
      );
    }
  }
  return waiting.length ? { state: 'waiting', reason: waiting.join('; ') } : { state: 'converged' };
}

/**
 * A task's image against the spec's: equal, or one is the other without its `@sha256:` digest (a manager
 * that could not reach the registry keeps the bare tag).
 */
export function sameImage(task: string, spec: string): boolean {
  const bare = (i: string) => i.replace(/@sha256:[0-9a-f]+$/, '');
  return task === spec || (bare(task) === bare(spec) && (!task.includes('@') || !spec.includes('@')));
}

/** Per watched service: desired/running replicas of its spec and the nodes they run on, for the summary. */
export function replicaRows(view: StackView, watched: ServiceFacts[]): string[][] {
  return watched.map((s) => {
    const running = (view.tasks.get(s.id) ?? []).filter(
      (t) => t.desired === 'running' && t.state === 'running' && sameImage(t.image, s.image),
    );
    const nodes = [...new Set(running.map((t) => t.node))].sort();
    return [
      s.service,
      s.image.replace(/@sha256:[0-9a-f]+$/, ''),
      `${s.replicas ?? 'global'}/${running.length}`,
      nodes.join(', ') || '—',
    ];
  });
}
