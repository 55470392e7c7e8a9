/**
 * Reads an action's stdout as the GitHub runner does (actions/runner: ActionCommandManager.TryProcessCommand,
 * ActionCommand.TryParseV2 / TryParse): lines split at \n, \r\n or \r; `::name props::data` at a line's start
 * (after leading spaces) or `##[name props]data` anywhere is a command if `name` is one the runner knows;
 * after `::stop-commands::<token>` nothing is a command until `::<token>::`; `::add-mask::` hides its value in
 * every later line. What a test can then ask: which commands were honoured, and what the log showed.
 */
export interface HonouredCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
}

export interface RunnerView {
  commands: HonouredCommand[];
  /** The values add-mask registered. */
  masks: string[];
  /** Every line shown in the log as text, with the masks registered so far applied. */
  shown: string[];
  /** The tokens of the fences (stop-commands … resume) in the order they opened. */
  fences: string[];
}

const KNOWN = [
  'stop-commands',
  'error',
  'warning',
  'notice',
  'debug',
  'add-mask',
  'set-output',
  'save-state',
  'set-env',
  'add-path',
  'group',
  'endgroup',
  'echo',
  'add-matcher',
  'remove-matcher',
];

export function readAsRunner(stdout: string): RunnerView {
  const registered = new Set(KNOWN);
  const view: RunnerView = { commands: [], masks: [], shown: [], fences: [] };
  let stopToken: string | undefined;
  const show = (line: string) =>
    view.shown.push(
      [...view.masks].sort((a, b) => b.length - a.length).reduce((l, m) => l.split(m).join('***'), line),
    );
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const c = parse(line, registered);
    if (!c) {
      show(line);
      continue;
    }
    if (stopToken !== undefined) {
      if (c.name.toLowerCase() === stopToken.toLowerCase()) {
        registered.delete(stopToken);
        stopToken = undefined;
      } else show(line);
      continue;
    }
    if (c.name === 'stop-commands') {
      stopToken = c.data;
      registered.add(c.data);
      view.fences.push(c.data);
      continue;
    }
    view.commands.push(c);
    if (c.name === 'add-mask' && c.data.trim()) view.masks.push(c.data);
  }
  return view;
}

function parse(line: string, registered: Set<string>): HonouredCommand | undefined {
  return parseV2(line, registered) ?? parseV1(line, registered);
}

function parseV2(line: string, registered: Set<string>): HonouredCommand | undefined {
  const m = line.trimStart();
  if (!m.startsWith('::')) return undefined;
  const end = m.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = m.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!has(registered, name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0)
    for (const p of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const eq = p.indexOf('=');
      if (eq > 0) properties[p.slice(0, eq)] = unescape(p.slice(eq + 1));
    }
  return { name, properties, data: unescape(m.slice(end + 2)) };
}

function parseV1(line: string, registered: Set<string>): HonouredCommand | undefined {
  const at = line.indexOf('##[');
  if (at < 0) return undefined;
  const rb = line.indexOf(']', at);
  if (rb < 0) return undefined;
  const info = line.slice(at + 3, rb);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!has(registered, name)) return undefined;
  return { name, properties: {}, data: unescape(line.slice(rb + 1)) };
}

const has = (set: Set<string>, name: string) => [...set].some((n) => n.toLowerCase() === name.toLowerCase());
const unescape = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
