// Where ../shared is (the reference data the benchmarks read), next to the package root.
import { join } from 'node:path';
import { findPackageRoot } from '../src/node/package-root';

export function sharedRoot(): string {
  const root = findPackageRoot();
  if (root === null) throw new Error('bench: cannot find the package root (asconfig.json)');
  return join(root, '..', 'shared');
}
