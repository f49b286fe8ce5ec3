// Prints the test files that need no ../shared reference data, one per line, for
//   npx vitest run $(node tests/pwa/list-no-shared.mjs)
// (the GitHub Pages workflow). Exits 1 if the list is empty: `vitest run` with no file
// arguments would silently run everything instead.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { module } = await runnerImport(fileURLToPath(new URL('./no-shared.ts', import.meta.url)), { configFile: false, logLevel: 'warn' });
const files = module.testsWithoutShared(root);
if (files.length === 0) {
  console.error('list-no-shared: no test file runs without ../shared');
  process.exit(1);
}
console.log(files.join('\n'));
