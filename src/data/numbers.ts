// Reading numbers as spreadsheets export them: thousands separators, decimal comma, currency
// signs, accounting negatives "(12.50)". A file uses one convention; we infer it from the cells
// that can only be read one way, and say so when we had to guess.

/** Which character separates decimals; the other of ',' and '.' may group thousands. */
export type DecimalMark = '.' | ',';

export type NumberReading =
  | { ok: true; value: number }
  | { ok: false; missing: true }
  | { ok: false; missing: false; reason: string; hint: string };

/** Spellings of a missing value (R, pandas, SQL, Excel); read as an empty cell, not an error. */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'none', 'nil', '-', '--', '.']);
/** Spellings of "not a number": an error, because a model cannot use them. */
const NOT_FINITE = /^[+-]?(nan|inf|infinity|∞|#div\/0!|#value!|#num!|#ref!|#name\?|#null!)$/i;
const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;
const CURRENCY = /^[$€£¥₹]|[$€£¥₹]$|^(usd|eur|gbp|chf|jpy)\s*|\s*(usd|eur|gbp|chf|jpy)$/gi;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The evidence of a cell shaped "-123.4567" (digits, one dot, digits: what most machine
 * exports write), scanned without regular expressions; undefined for any other shape. Same
 * answer as the general rules of decimalEvidence: the dot is a decimal mark unless exactly
 * three digits follow a non-zero integer part ("1.234" may group thousands).
 */
function plainDecimalEvidence(cell: string): DecimalMark | null | undefined {
  const n = cell.length;
  const start = cell.charCodeAt(0) === 45 ? 1 : 0;
  let i = start;
  while (i < n && isDigit(cell.charCodeAt(i))) i++;
  const dot = i;
  if (dot === start || dot >= n || cell.charCodeAt(dot) !== 46) return undefined;
  for (i = dot + 1; i < n; i++) if (!isDigit(cell.charCodeAt(i))) return undefined;
  const fraction = n - dot - 1;
  if (fraction === 0) return undefined;
  return fraction !== 3 || (dot - start === 1 && cell.charCodeAt(start) === 48) ? '.' : null;
}

/** Evidence a cell gives about the decimal mark: 'dot', 'comma' or none. */
export function decimalEvidence(cell: string): DecimalMark | null {
  if (cell.indexOf(',') < 0 && cell.indexOf('.') < 0) return null;
  const plain = plainDecimalEvidence(cell);
  if (plain !== undefined) return plain;
  // Signs, accounting parentheses and a currency ("€1.234,56", "-$1,234.56", "1.234,56 €")
  // say nothing about the mark: stripped, as readNumber strips them before reading.
  const s = cell.replace(SPACES, '').replace(/^[-+(]|\)$/g, '').replace(CURRENCY, '').replace(/^[-+]/, '');
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s) || /^\d{1,3}(,\d{3}){2,}$/.test(s)) return '.';
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^\d{1,3}(\.\d{3}){2,}$/.test(s)) return ',';
  // One separator followed by other than exactly three digits can only be a decimal mark;
  // so can one after a leading zero ("0.318", "0,5").
  if (/^\d*\.(\d{1,2}|\d{4,})$/.test(s) || /^0\.\d+$/.test(s) || /^\d+\.\d*e[-+]?\d+$/i.test(s)) return '.';
  if (/^\d*,(\d{1,2}|\d{4,})$/.test(s) || /^0,\d+$/.test(s)) return ',';
  return null;
}

/** A cell like "1,234" or "1.234" that reads differently under the two conventions. */
export function isAmbiguous(cell: string): boolean {
  return /^[-+]?\d{1,3}[.,]\d{3}$/.test(cell.replace(SPACES, ''));
}

/**
 * Decide the decimal mark of a column from its cells, falling back to the file's evidence,
 * then to the delimiter (a ';'-separated file is the European convention).
 */
export function chooseDecimalMark(
  columnVotes: { dot: number; comma: number },
  fileVotes: { dot: number; comma: number },
  delimiter: string,
): { mark: DecimalMark; guessed: boolean } {
  for (const v of [columnVotes, fileVotes]) {
    if (v.dot > v.comma) return { mark: '.', guessed: false };
    if (v.comma > v.dot) return { mark: ',', guessed: false };
  }
  return { mark: delimiter === ';' ? ',' : '.', guessed: true };
}

/** Plain numbers, the common case, skip the general path. */
const PLAIN: Record<DecimalMark, RegExp> = { '.': /^-?\d+(?:\.\d+)?$/, ',': /^-?\d+(?:,\d+)?$/ };

/**
 * The value of a plain number cell ("-1234.5678", any length), or NaN for anything else
 * (which readNumber's general path then reads or explains): the common case, without
 * allocating, for files with millions of cells. A digit string too long for a double is
 * not plain (NaN), so the general path says it is too large.
 */
export function plainNumber(raw: string, mark: DecimalMark): number {
  if (!PLAIN[mark].test(raw)) return NaN;
  const value = Number(mark === ',' ? raw.replace(',', '.') : raw);
  return Number.isFinite(value) ? value : NaN;
}

/** The hint of a cell that is not a number; readers that know the column say more. */
export const NOT_A_NUMBER_HINT = 'this column should hold numbers; fix the cell, or leave the column out of the model';

/** Read one cell under a decimal convention. */
export function readNumber(raw: string, mark: DecimalMark): NumberReading {
  const plain = plainNumber(raw, mark);
  if (!Number.isNaN(plain)) return { ok: true, value: plain };
  let s = raw.trim().replace(/\u2212/g, '-'); // U+2212 MINUS SIGN, as some locales export it
  if (MISSING.has(s.toLowerCase())) return { ok: false, missing: true };
  if (NOT_FINITE.test(s)) {
    return { ok: false, missing: false, reason: `"${raw}" is not a finite number`, hint: 'replace it with the real value, or leave the cell empty to have it imputed' };
  }
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true; // accounting notation
    s = s.slice(1, -1);
  }
  s = s.replace(CURRENCY, '').replace(SPACES, '');
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== s.startsWith('-');
    s = s.slice(1);
  }
  const normal = normalise(s, mark);
  if (normal === null) {
    const hint = /%$/.test(s)
      ? 'write percentages as plain numbers (12.5 rather than 12.5%)'
      : NOT_A_NUMBER_HINT;
    return { ok: false, missing: false, reason: `"${truncate(raw)}" is not a number`, hint };
  }
  const value = Number(normal);
  if (!Number.isFinite(value)) {
    return { ok: false, missing: false, reason: `"${truncate(raw)}" is too large to store as a number`, hint: 'check the cell; values beyond 1e308 cannot be modelled' };
  }
  return { ok: true, value: negative ? -value : value };
}

/** Number shapes per decimal mark: grouped or plain integer part, optional fraction and exponent. */
const SHAPES: Record<DecimalMark, { grouped: RegExp; fraction: RegExp; group: string }> = {
  '.': { grouped: /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/, fraction: /^()\.(\d+)(?:[eE]([-+]?\d+))?$/, group: ',' },
  ',': { grouped: /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d*))?(?:[eE]([-+]?\d+))?$/, fraction: /^(),(\d+)(?:[eE]([-+]?\d+))?$/, group: '.' },
};

/** Strip thousands separators (only in valid 3-digit groups) and make the decimal mark a dot. */
function normalise(s: string, mark: DecimalMark): string | null {
  const shape = SHAPES[mark];
  const m = shape.grouped.exec(s) ?? shape.fraction.exec(s);
  if (!m) return null;
  const intPart = (m[1] || '0').split(shape.group).join('');
  return `${intPart}.${m[2] || '0'}${m[3] !== undefined ? 'e' + m[3] : ''}`;
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}
