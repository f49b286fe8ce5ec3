// Allocation helpers. The module runs on AssemblyScript's stub runtime (a bump allocator
// that never frees, TOOLCHAIN.md), so every buffer here is allocated once per instance and
// reused; an instance serves one analysis and is then dropped with all its memory.

/**
 * A zeroed block. Nothing in this module frees memory, so the stub allocator only ever hands
 * out fresh bytes at the top of the heap, and fresh WebAssembly pages are zero: no fill is
 * needed (filling the big summary and input buffers cost more than using them).
 */
export function zalloc(bytes: usize): usize {
  return heap.alloc(max<usize>(bytes, 8));
}

export function ldU16(base: usize, i: i32): i32 {
  return <i32>load<u16>(base + (<usize>i << 1));
}

export function ldI32(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

export function stI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}

export function ldF64(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

export function stF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

export function addF64(base: usize, i: i32, v: f64): void {
  const p = base + (<usize>i << 3);
  store<f64>(p, load<f64>(p) + v);
}
