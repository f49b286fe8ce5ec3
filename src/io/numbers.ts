// Number text for trace files: shortest round-trip decimal (ECMAScript Number::toString
// is specified to give the shortest digits that parse back to the same double), CmdStan's
// spellings for non-finite values, and the sign of zero kept.

/** Shortest round-trip text; NaN / NA (null) → "nan", ±Infinity → "inf" / "-inf", −0 → "-0". */
export function formatNumber(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/**
 * Parse a CSV cell written by us, CmdStan or R: decimal / exponent numbers, and nan, NA,
 * inf, -inf, Inf, infinity (any case). Returns null for NA/NaN, undefined when the text is
 * not a number at all.
 */
export function parseNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const lower = t.toLowerCase();
  if (lower === 'nan' || lower === 'na' || lower === '-nan' || lower === 'null') return null;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  // Number('') and Number('0x10') would be accepted; require decimal syntax.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
