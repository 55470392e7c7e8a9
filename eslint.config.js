import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, top to bottom. A folder may import the folders below it and never one above or beside
 * it, so a newcomer can read the library bottom-up (README, Architecture):
 *   cli -> actions/<name> -> strategies -> flow -> health, backup, github, init, proxy -> ssh, local -> io
 * Each entry: the files, the folders they must not import, and why.
 */
const LAYERS = [
  [
    'src/io/**',
    ['local', 'ssh', 'health', 'backup', 'github', 'init', 'proxy', 'flow', 'strategies', 'actions', 'cli'],
  ],
  [
    'src/local/**',
    ['ssh', 'health', 'backup', 'github', 'init', 'proxy', 'flow', 'strategies', 'actions', 'cli'],
  ],
  [
    'src/ssh/**',
    ['local', 'health', 'backup', 'github', 'init', 'proxy', 'flow', 'strategies', 'actions', 'cli'],
  ],
  ['src/health/**', ['backup', 'github', 'init', 'proxy', 'flow', 'strategies', 'actions', 'cli']],
  ['src/github/**', ['ssh', 'health', 'backup', 'init', 'proxy', 'flow', 'strategies', 'actions', 'cli']],
  ['src/backup/**', ['github', 'init', 'proxy', 'flow', 'strategies', 'actions', 'cli']],
  // The proxy switch (blue-green): the ssh shell and io only; init and flow use its upstream line and switch.
  ['src/proxy/**', ['local', 'health', 'backup', 'github', 'init', 'flow', 'strategies', 'actions', 'cli']],
  ['src/init/**', ['health', 'backup', 'github', 'flow', 'strategies', 'actions', 'cli']],
  ['src/flow/**', ['backup', 'github', 'strategies', 'actions', 'cli']],
  ['src/strategies/**', ['backup', 'github', 'actions', 'cli']],
  ['src/actions/**', ['cli']],
];
/** Packages that only one folder may load: the rest of src/ goes through that folder's interface. */
const OWNED = [
  ['src/local/', /* processes on the runner */ '^node:child_process$|^@actions/exec$'],
  ['src/ssh/', '^ssh2$|^node-ssh$'],
  ['src/io/', '^@actions/core$'],
  ['src/github/', '^@actions/github$|^@actions/http-client$|^@octokit/'],
];
const ownedBy = (files) =>
  OWNED.filter(([owner]) => !files.startsWith(owner)).map(([owner, regex]) => ({
    regex,
    message: `only ${owner} loads this package: use its interface`,
  }));

const layerRules = [...LAYERS, ['src/cli/**', []]].map(([files, above]) => ({
  files: [files],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...ownedBy(files),
          {
            regex: `^(\\.\\./)+(${above.join('|') || '$^'})(/|$)`,
            message: `${files.replace('/**', '/')} sits below ${above.join(', ')}: imports go one way (README, Architecture)`,
          },
          // One action never reaches into another: it uses the library. The root action is actions/deploy
          // with a different variant object (as actions/cache's root and restore share restoreImpl), so
          // actions/pipeline may use deploy's run and inputs.
          ...(files === 'src/actions/**'
            ? [
                {
                  regex: '^\\.\\./(?!\\.|deploy/)',
                  message: 'an action imports the library, never another action',
                },
              ]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**', '.tmp/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  {
    files: ['src/actions/**'],
    ignores: ['src/actions/pipeline/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ownedBy('src/actions/'),
            { regex: '^(\\.\\./)+cli(/|$)', message: 'only the CLI imports an action, never the reverse' },
            { regex: '^\\.\\./(?!\\.)', message: 'an action imports the library, never another action' },
          ],
        },
      ],
    },
  },
);
