// Compiles every AssemblyScript entry in asconfig.json, release and debug, in one process
// (loading binaryen once costs ~3.4 s; TOOLCHAIN.md). Skips an output that is newer than
// every file under assembly/, so repeated `npm test` runs do not pay for it again.
import asc from 'assemblyscript/asc';
import { statSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// One WASM module per entry; asc reads the shared flags of each target from asconfig.json.
const entries = { engine: 'assembly/engine/index.ts', mta: 'assembly/mta/index.ts' };
const outputs = { release: 'src/wasm/{name}.wasm', debug: 'src/wasm/{name}.debug.wasm' };
const force = process.argv.includes('--force');

function newestSource(dir) {
  let t = statSync(join(root, 'asconfig.json')).mtimeMs;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return t;
}

const newest = newestSource(join(root, 'assembly'));
let failed = false;
for (const [name, entry] of Object.entries(entries)) {
  if (!existsSync(join(root, entry))) continue;
  for (const [target, pattern] of Object.entries(outputs)) {
    const out = pattern.replace('{name}', name);
    mkdirSync(join(root, dirname(out)), { recursive: true });
    if (!force && existsSync(join(root, out)) && statSync(join(root, out)).mtimeMs > newest) continue;
    const args = [entry, '--config', 'asconfig.json', '--target', target, '--outFile', out];
    const t0 = performance.now();
    const { error, stderr } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
    if (error) {
      console.error(`asbuild: ${entry} (${target}) failed: ${error.message}`);
      console.error(stderr.toString());
      failed = true;
    } else {
      console.log(`asbuild: ${out} (${Math.round(performance.now() - t0)} ms)`);
    }
  }
}
process.exit(failed ? 1 : 0);
