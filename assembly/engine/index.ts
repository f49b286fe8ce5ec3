// The engine's WASM module: one instance runs one chain. Every export is listed here so
// the ABI (driven from src/engine/wasm-engine.ts, the only place doing pointer arithmetic)
// is visible in one file.

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}
