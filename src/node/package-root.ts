// The package root (the folder holding asconfig.json) for Node code that reads files shipped
// with the package: the WASM modules, the holiday calendar, the benchmark data. Found by
// walking up from this module, which works both from src/ and from the dist-node bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, or null when no folder above this module holds asconfig.json. */
export function findPackageRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'asconfig.json'))) return dir;
    dir = dirname(dir);
  }
  return null;
}
