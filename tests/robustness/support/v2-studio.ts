// Builds the studio with the simulated schema 2 (pages/v2-studio) into a sub-folder of a
// copy of dist/, so that one origin (one IndexedDB) serves the current studio at / and the
// "next version" at /v2/: an upgrade as a user meets it. Built with the studio's own Vite
// config (Svelte, plotly's shims, workers as ES modules); only the root, base and output
// differ, and no service worker is emitted (the test blocks them: the one at / would
// otherwise answer /v2/ with its own cached shell).
import path from 'node:path';
import { build, loadConfigFromFile, type PluginOption } from 'vite';
import { REPO_ROOT } from '../../browser/support/preview';

export const V2_BASE = '/v2/';

const isServiceWorkerPlugin = (p: PluginOption) => !!p && typeof p === 'object' && 'name' in p && p.name === 'carryover:service-worker';

export async function buildV2Studio(outDir: string): Promise<void> {
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, path.join(REPO_ROOT, 'vite.config.ts'));
  if (!loaded) throw new Error('vite.config.ts could not be loaded');
  const { test: _test, plugins = [], ...config } = loaded.config as typeof loaded.config & { test?: unknown };
  await build({
    ...config,
    configFile: false,
    plugins: plugins.flat().filter((p) => !isServiceWorkerPlugin(p as PluginOption)),
    root: path.join(__dirname, '../pages/v2-studio'),
    base: V2_BASE,
    publicDir: path.join(REPO_ROOT, 'public'),
    logLevel: 'warn',
    build: { ...config.build, outDir, emptyOutDir: true },
  });
}
