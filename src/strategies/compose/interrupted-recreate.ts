import { sh } from '../../ssh/quote.js';

/**
 * docker-compose v1 killed in the middle of a recreate leaves the service's old container renamed to
 * `<12 hex of its id>_<name>`, and the next `up -d` then fails with "Renaming a container with the same name as
 * its current name". Run before `up -d`, this puts such a container back under its name when no container holds
 * that name (a rename keeps its anonymous volumes), or removes it when one does. It prints one line per container
 * it changed, `renamed <temporary> <name>` or `removed <temporary> <name>`, for the log.
 * The app's containers are those whose compose working-dir label is the app dir's physical path (the project
 * name is not known here: a `name:` in the file or COMPOSE_PROJECT_NAME may set it). Compose v2 names its
 * temporary containers the same way, so the command is harmless there.
 */
export function recoverInterruptedRecreateCommand(appDir: string): string {
  const names = sh`cd ${appDir} && wd=$(pwd -P) && docker ps -a --filter "label=com.docker.compose.project.working_dir=$wd" --format '{{.Names}}'`;
  // `expr` anchors at the start: 12 lowercase hex digits and an underscore, then the name compose expects.
  return (
    `${names} | while IFS= read -r n; do ` +
    `[ "$(expr "$n" : '[0-9a-f]\\{12\\}_.')" = 14 ] || continue; ` +
    `want=\${n#????????????_}; ` +
    `if docker inspect --type container -- "$want" >/dev/null 2>&1; ` +
    `then docker rm -f -- "$n" >/dev/null && echo "removed $n $want"; ` +
    `else docker rename "$n" "$want" && echo "renamed $n $want"; fi; done`
  );
}

/** The log lines for recoverInterruptedRecreateCommand's output. */
export function describeRecovery(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter(([verb, from, to]) => (verb === 'renamed' || verb === 'removed') && from && to)
    .map(([verb, from, to]) =>
      verb === 'renamed'
        ? `Put container ${from} back under its name ${to} (left by an interrupted up -d)`
        : `Removed container ${from} (left by an interrupted up -d; ${to} exists)`,
    );
}
