import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * A separate process that stats <dir>/current/REVISION in a tight loop and counts the misses: proof that
 * `current` resolved at every instant while it ran (a non-atomic switch shows up as misses).
 */
export function pollCurrent(dir: string): { stop(): Promise<{ n: number; miss: number }> } {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const fs=require('fs');const f=process.argv[1];let n=0,miss=0,stop=false;
       process.on('SIGTERM',()=>{stop=true});
       (function loop(){for(let i=0;i<2000;i++){n++;try{fs.statSync(f)}catch{miss++}}
         if(stop){process.stdout.write(JSON.stringify({n,miss}));process.exit(0)}setImmediate(loop)})();`,
      join(dir, 'current', 'REVISION'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return {
    async stop() {
      const done = new Promise((r) => child.on('close', r));
      child.kill('SIGTERM');
      await done;
      return JSON.parse(out) as { n: number; miss: number };
    },
  };
}
