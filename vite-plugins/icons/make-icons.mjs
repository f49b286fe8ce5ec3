// Regenerates public/icons/*.png from vite-plugins/icons/draw.ts:
//   node vite-plugins/icons/make-icons.mjs
// The drawing is TypeScript; Vite's module runner loads it under plain Node (no loader or
// extra dependency). tests/pwa/icons.test.ts checks the committed files are this output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const { module: draw } = await runnerImport(here('./draw.ts'), { configFile: false, logLevel: 'warn' });
const { module: png } = await runnerImport(here('./png.ts'), { configFile: false, logLevel: 'warn' });

const outDir = here('../../public/icons/');
mkdirSync(outDir, { recursive: true });
for (const icon of draw.ICONS) {
  const bytes = png.encodePng(icon.size, icon.size, draw.drawIcon(icon.size, icon.variant));
  writeFileSync(outDir + icon.file, bytes);
  console.log(`public/icons/${icon.file}: ${icon.size}×${icon.size} ${icon.variant}, ${bytes.length} bytes`);
}
