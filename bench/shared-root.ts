// Where ../shared is, from the source tree or the dist-node bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function sharedRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'asconfig.json'))) return join(dir, '..', 'shared');
    dir = dirname(dir);
  }
  throw new Error('bench: cannot find the package root (asconfig.json)');
}
