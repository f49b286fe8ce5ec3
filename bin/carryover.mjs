#!/usr/bin/env node
// Entry for `npx carryover`: runs the Node bundle built by `npm run build:cli` (also run by
// `prepare` on `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const bundle = fileURLToPath(new URL('../dist-node/carryover.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('carryover: the CLI is not built; run `npm run build:cli` (npm ci does it)\n');
  process.exit(1);
}
await import(bundle);
