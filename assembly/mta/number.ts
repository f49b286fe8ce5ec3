// Decimal numbers read from bytes by the WASM parser, with the rules of src/mta/parse-number.ts:
// exact on Clinger's fast path (Clinger 1990, "How to read floating point numbers
// accurately": at most 15 significant digits and 10^k up to 10^22 are exact doubles, so one
// division rounds correctly), and flagged for JavaScript to finish otherwise.

let pow10: usize = 0;

export function numberInit(): void {
  if (pow10 != 0) return;
  pow10 = heap.alloc(23 << 3);
  let p: f64 = 1;
  for (let i = 0; i <= 22; i++) {
    store<f64>(pow10 + (<usize>i << 3), p); // 10^i, exact up to 10^22
    p *= 10;
  }
}

export function isSpace(b: u8): bool {
  return b == 0x20 || b == 0x09;
}

/** Set by number() when its result is approximate and JS must read the exact value. */
export let inexact = false;

/**
 * The number in [s, e): exact on the fast path (at most 15 significant digits, no exponent:
 * Clinger 1990), NaN when the text is not a decimal number (the syntax JS accepts:
 * [+-]digits[.digits][e[+-]digits]). Otherwise an approximation good enough to check sign
 * and range, with `inexact` set so JS replaces it with the correctly rounded value.
 */
export function parseDecimal(input: usize, s: i32, e: i32): f64 {
  inexact = false;
  while (s < e && isSpace(load<u8>(input + <usize>s))) s++;
  while (e > s && isSpace(load<u8>(input + <usize>(e - 1)))) e--;
  if (s == e) return NaN;
  let i = s;
  let negative = false;
  const first = <u32>load<u8>(input + <usize>i);
  if (first == 0x2d || first == 0x2b) {
    negative = first == 0x2d;
    i++;
  }
  let mantissa: f64 = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  let any = false;
  for (; i < e; i++) {
    const b = <u32>load<u8>(input + <usize>i);
    if (b >= 0x30 && b <= 0x39) {
      any = true;
      if (mantissa == 0 && b == 0x30 && !dot) continue;
      mantissa = mantissa * 10 + <f64>(b - 0x30);
      digits++;
      if (dot) fraction++;
    } else if (b == 0x2e && !dot) {
      dot = true;
    } else break;
  }
  if (!any) return NaN;
  let exponent = 0;
  if (i < e) {
    const b = <u32>load<u8>(input + <usize>i);
    if (b != 0x65 && b != 0x45) return NaN;
    i++;
    let expNegative = false;
    if (i < e && (<u32>load<u8>(input + <usize>i) == 0x2d || <u32>load<u8>(input + <usize>i) == 0x2b)) {
      expNegative = <u32>load<u8>(input + <usize>i) == 0x2d;
      i++;
    }
    if (i >= e) return NaN;
    for (; i < e; i++) {
      const d = <u32>load<u8>(input + <usize>i);
      if (d < 0x30 || d > 0x39) return NaN;
      if (exponent < 100000) exponent = exponent * 10 + <i32>(d - 0x30);
    }
    if (expNegative) exponent = -exponent;
    inexact = true;
  }
  if (digits > 15 || fraction > 22) inexact = true;
  let v: f64;
  if (!inexact) v = fraction == 0 ? mantissa : mantissa / load<f64>(pow10 + (<usize>fraction << 3));
  else v = mantissa * Math.pow(10, <f64>(exponent - fraction));
  if (!isFinite(v)) return NaN;
  return negative ? -v : v;
}
