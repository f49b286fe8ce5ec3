// Where an output object holds a number that is not finite. JSON.stringify writes NaN and
// ±Infinity as null without a word, so outputs are checked before they are serialised: a
// number that cannot be computed must be null on purpose (MODEL.md §8), never a NaN.

/** Paths (`channels.tv.roas.q05`) of non-finite numbers in a plain object tree; at most `limit`. */
export function nonFinitePaths(value: unknown, limit = 10, path = '', out: string[] = []): string[] {
  if (out.length >= limit) return out;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path || '(root)'} = ${value}`);
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length && out.length < limit; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) out.push(`${path}[${i}] = ${a[i]}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFinitePaths(v, limit, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, limit, path ? `${path}.${k}` : k, out);
  }
  return out;
}
