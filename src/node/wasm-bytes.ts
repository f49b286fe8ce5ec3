// Reads a compiled WASM module from disk for Node (vitest, the CLI bundle, worker_threads).
// The file lives in src/wasm/ (a build output of `npm run asbuild`); we locate the package
// root with package-root.ts (it walks up from src/node/ or from the dist-node bundle).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from './package-root';

export type WasmName = 'engine' | 'engine.debug' | 'mta' | 'mta.debug';

function packageRoot(): string {
  const root = findPackageRoot();
  if (root !== null) return root;
  throw new Error('carryover: cannot find the package root (asconfig.json) above ' + fileURLToPath(import.meta.url));
}

const cache = new Map<WasmName, Uint8Array>();

export function wasmBytes(name: WasmName): Uint8Array {
  let bytes = cache.get(name);
  if (!bytes) {
    const path = join(packageRoot(), 'src', 'wasm', `${name}.wasm`);
    if (!existsSync(path)) throw new Error(`carryover: ${path} is missing; run \`npm run asbuild\` first`);
    bytes = readFileSync(path);
    cache.set(name, bytes);
  }
  return bytes;
}

export function wasmModule(name: WasmName): WebAssembly.Module {
  return new WebAssembly.Module(wasmBytes(name) as BufferSource);
}
