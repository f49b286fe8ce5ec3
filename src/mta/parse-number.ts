// Decimal numbers straight from bytes. The fast path is Clinger's (1990, "How to read
// floating point numbers accurately"): a mantissa of at most 15 digits and a power of ten
// up to 10^22 are both exact doubles, so one IEEE division rounds correctly, the same double
// parseFloat gives. Anything else (exponents, long mantissas) goes through Number().

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const decoder = new TextDecoder('utf-8');

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

/** The number in buf[start, end) (surrounding spaces allowed), or NaN when it is not one. Empty gives NaN. */
export function parseNumber(buf: Uint8Array, start: number, end: number): number {
  while (start < end && isSpace(buf[start])) start++;
  while (end > start && isSpace(buf[end - 1])) end--;
  if (start === end) return NaN;
  let i = start;
  let negative = false;
  if (buf[i] === 0x2d || buf[i] === 0x2b) {
    negative = buf[i] === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenDot = false;
  let any = false;
  for (; i < end; i++) {
    const b = buf[i];
    if (b >= 0x30 && b <= 0x39) {
      any = true;
      if (mantissa === 0 && b === 0x30 && !seenDot) continue; // leading zeros
      mantissa = mantissa * 10 + (b - 0x30);
      digits++;
      if (seenDot) fraction++;
    } else if (b === 0x2e && !seenDot) {
      seenDot = true;
    } else {
      return slowParse(buf, start, end);
    }
  }
  if (!any) return NaN;
  if (digits > 15 || fraction > 22) return slowParse(buf, start, end);
  const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  return negative ? -v : v;
}

function slowParse(buf: Uint8Array, start: number, end: number): number {
  const text = decoder.decode(buf.subarray(start, end));
  // Number() accepts '', '0x1f', 'Infinity'; a data file means none of those.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
  return Number(text);
}
