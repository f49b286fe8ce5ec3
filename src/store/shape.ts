// Shapes of the nested arrays InferenceData is made of (chain × draw × dims...).

/** Shape of a rectangular nested array of numbers (null allowed), or a reason it is not one. */
export function nestedShape(a: unknown): { shape: number[] } | { problem: string } {
  if (!Array.isArray(a)) return { problem: 'is not an array' };
  const shape: number[] = [];
  let level: unknown[] = a;
  for (;;) {
    shape.push(level.length);
    if (level.length === 0 || !Array.isArray(level[0])) break;
    level = level[0] as unknown[];
  }
  const problem = checkRect(a, shape, 0, []);
  return problem ? { problem } : { shape };
}

function checkRect(a: unknown, shape: number[], depth: number, at: number[]): string | null {
  const where = at.length ? ` at [${at.join('][')}]` : '';
  if (depth === shape.length) {
    return a === null || typeof a === 'number' ? null : `holds ${JSON.stringify(a)?.slice(0, 30)}${where}, not a number`;
  }
  if (!Array.isArray(a)) return `is not rectangular${where} (expected an array of ${shape[depth]})`;
  if (a.length !== shape[depth]) return `is not rectangular${where} (length ${a.length}, expected ${shape[depth]})`;
  for (let i = 0; i < a.length; i++) {
    const p = checkRect(a[i], shape, depth + 1, [...at, i]);
    if (p) return p;
  }
  return null;
}

/** Flattens the values of a nested array, leaves in row-major order (null → NaN). */
export function flatten(a: unknown, out: number[] = []): number[] {
  if (Array.isArray(a)) for (const x of a) flatten(x, out);
  else out.push(a === null ? NaN : (a as number));
  return out;
}
