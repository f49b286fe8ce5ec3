// Builds a small test page with Vite's API (no Svelte, no plotly), for tests that need a
// module of the app in a real browser without going through the studio's UI.
import path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './preview';

export async function buildTestPage(dir: string): Promise<string> {
  const outDir = path.join(REPO_ROOT, 'test-results', 'pages', path.basename(dir));
  await build({
    configFile: false,
    root: dir,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false },
  });
  return outDir;
}
