#!/usr/bin/env node
// The reference part of each action's README, generated from its action.yml so the two cannot drift.
//   node scripts/action-docs.mjs          rewrite actions/<name>/README.md and docs/action.md (the root action)
//   node scripts/action-docs.mjs --check  exit 1 naming every stale or missing file (CI runs this)
// Only the text between the markers is generated; anything a person writes before or after them is kept.
// README.md gets the root action's reference too, but only where its owner put the root markers.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const MARKERS = {
  action: [
    '<!-- action-docs:start (generated from action.yml by scripts/action-docs.mjs: do not edit) -->',
    '<!-- action-docs:end -->',
  ],
  root: [
    '<!-- action-docs:root:start (generated from action.yml by scripts/action-docs.mjs: do not edit) -->',
    '<!-- action-docs:root:end -->',
  ],
};

// Inputs shown in the usage snippet besides the required ones, with the values a workflow would give them.
const SSH = ['host', 'username', 'key', 'known-hosts'];
const SHOWN = {
  '': [...SSH, 'build', 'image', 'health-url'],
  backup: [...SSH, 'sqlite', 'download'],
  init: [...SSH, 'app', 'exec-start', 'app-port', 'proxy', 'site-address', 'dry-run'],
  default: [...SSH, 'url', 'health-url'],
};
const EXAMPLE_VALUES = {
  host: '${{ vars.DEPLOY_HOST }}',
  username: 'deploy',
  key: '${{ secrets.DEPLOY_SSH_KEY }}',
  'known-hosts': '${{ vars.DEPLOY_KNOWN_HOSTS }}',
  url: 'http://127.0.0.1:8000/health',
  'health-url': 'http://127.0.0.1:8000/health',
  build: 'true',
  image: 'ghcr.io/${{ github.repository }}',
  sqlite: '/srv/myapp/shared/data/app.db',
  download: '${{ runner.temp }}/backups',
};
// Where one action's example differs from the rest: init logs in as root (once) to create the deploy user.
const ACTION_VALUES = {
  init: {
    username: 'root',
    key: '${{ secrets.ROOT_SSH_KEY }}',
    'deploy-key': '${{ vars.DEPLOY_PUBLIC_KEY }}',
    app: 'shop',
    'exec-start': '/srv/shop/current/.venv/bin/uvicorn app.main:app --port ${APP_PORT}',
    'app-port': '8000',
    proxy: 'caddy',
    'site-address': 'shop.example.com',
    'dry-run': 'true',
  },
};

/** Every action.yml in the repository: the root one (if present) and actions/<name>/action.yml. */
function findActions() {
  const found = [];
  if (existsSync(join(root, 'action.yml'))) found.push({ name: '', file: 'action.yml' });
  const dir = join(root, 'actions');
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const file = join('actions', name, 'action.yml');
    if (existsSync(join(root, file))) found.push({ name, file });
  }
  return found;
}

const cell = (text) =>
  String(text ?? '')
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text === '' ? '' : `\`${String(text).replace(/`/g, "'")}\``);

function yamlScalar(value) {
  return /^[\w$</][\w./:@${}<> -]*$/.test(value) && !/: | #|\s$/.test(value) ? value : JSON.stringify(value);
}

/** The generated Markdown for one action.yml; `level` is the heading level of its title. */
function renderAction(action, spec, level) {
  const h = (n) => '#'.repeat(level + n);
  const inputs = Object.entries(spec.inputs ?? {}).map(([name, v]) => [name, v ?? {}]);
  const outputs = Object.entries(spec.outputs ?? {}).map(([name, v]) => [name, v ?? {}]);
  const uses = action.name ? `org/vps-deploy/actions/${action.name}@v1` : 'org/vps-deploy@v1';
  const required = (v) => v.required === true && v.default === undefined;
  const usual = SHOWN[action.name] ?? SHOWN.default;
  const shown = inputs.filter(([name, v]) => required(v) || usual.includes(name));

  const lines = [
    `${h(0)} ${spec.name ?? action.name}`,
    '',
    cell(spec.description),
    '',
    `${h(1)} Usage`,
    '',
    '```yaml',
  ];
  lines.push(`- uses: ${uses} # org: the owner of the vps-deploy repository you use`);
  if (shown.length) {
    lines.push('  with:');
    const values = { ...EXAMPLE_VALUES, ...ACTION_VALUES[action.name] };
    for (const [name] of shown) lines.push(`    ${name}: ${yamlScalar(values[name] ?? `<${name}>`)}`);
  }
  lines.push('```', '', `${h(1)} Inputs`, '');
  if (inputs.length) {
    lines.push('| name | required | default | description |', '|---|---|---|---|');
    for (const [name, v] of inputs) {
      const def = v.default === undefined ? '' : String(v.default);
      lines.push(
        `| \`${name}\` | ${required(v) ? 'yes' : 'no'} | ${cell(code(def))} | ${cell(v.description)} |`,
      );
    }
  } else lines.push('None.');
  lines.push('', `${h(1)} Outputs`, '');
  if (outputs.length) {
    lines.push('| name | description |', '|---|---|');
    for (const [name, v] of outputs) lines.push(`| \`${name}\` | ${cell(v.description)} |`);
  } else lines.push('None.');
  return lines.join('\n');
}

/** `text` with the block between the markers replaced by `body`; undefined when the markers are not both there. */
function replaceBlock(text, [start, end], body) {
  const startTag = start.replace(/ \(.*\) -->$/, '');
  const from = text.indexOf(startTag);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) return undefined;
  return text.slice(0, from) + `${start}\n${body}\n${end}` + text.slice(to + end.length);
}

/** Each file this run owns, with the content it should have (or a problem that needs a person). */
function plan() {
  const targets = [];
  for (const action of findActions()) {
    const spec = parse(readFileSync(join(root, action.file), 'utf8')) ?? {};
    const files = action.name
      ? [{ path: join('actions', action.name, 'README.md'), markers: MARKERS.action, level: 1, create: true }]
      : [
          { path: join('docs', 'action.md'), markers: MARKERS.action, level: 1, create: true },
          { path: 'README.md', markers: MARKERS.root, level: 2, create: false },
        ];
    for (const t of files) {
      const abs = join(root, t.path);
      const body = renderAction(action, spec, t.level);
      const current = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
      if (current === undefined) {
        if (t.create) targets.push({ ...t, current, wanted: `${t.markers[0]}\n${body}\n${t.markers[1]}\n` });
        continue;
      }
      const wanted = replaceBlock(current, t.markers, body);
      if (wanted === undefined) {
        if (t.create)
          targets.push({
            ...t,
            current,
            problem: `has no ${t.markers[1].replace(':end', ':start/end')} markers`,
          });
        continue;
      }
      targets.push({ ...t, current, wanted });
    }
  }
  return targets;
}

const check = process.argv.includes('--check');
const targets = plan();
const stale = targets.filter((t) => t.problem || t.current !== t.wanted);
if (check) {
  if (stale.length) {
    console.error(
      'action docs are stale: run `node scripts/action-docs.mjs` and commit.\n' +
        stale
          .map(
            (t) =>
              `  ${t.path}: ${t.problem ?? (t.current === undefined ? 'missing' : 'differs from its action.yml')}`,
          )
          .join('\n'),
    );
    process.exit(1);
  }
  console.log(`action docs are fresh: ${targets.length} file(s) match their action.yml`);
} else {
  let failed = false;
  for (const t of stale) {
    if (t.problem) {
      console.error(`${t.path} ${t.problem}: add them where the reference belongs`);
      failed = true;
      continue;
    }
    mkdirSync(dirname(join(root, t.path)), { recursive: true });
    writeFileSync(join(root, t.path), t.wanted);
    console.log(`wrote ${relative(process.cwd(), join(root, t.path)) || t.path}`);
  }
  if (!stale.length) console.log(`action docs are fresh: ${targets.length} file(s)`);
  if (failed) process.exit(1);
}
