// `npm ci` runs this: build the WASM and the Node bundle so `npx carryover` works in a
// clean clone. Skipped when installed as a dependency without the sources.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
if (existsSync('assembly') && existsSync('node_modules/assemblyscript')) {
  execSync('npm run asbuild', { stdio: 'inherit' });
  execSync('npm run build:cli', { stdio: 'inherit' });
}
