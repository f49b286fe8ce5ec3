// Reading the report back: the text of its tables and numbers as a reader sees them, and
// whether a shown number is a JSON value correctly rounded. The oracle is the rounding, not
// the report's own formatter: "1.63M" stands for [1.625M, 1.635M), so a JSON value outside
// that half-unit window (another estimate, a median for a mean, a stale run) fails.

/** The report's tables by caption: each row's cells (th and td) as plain text. */
export interface ShownTable {
  caption: string;
  rows: string[][];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

/** Markup to the text a reader sees (our own markup: no comments or CDATA inside cells). */
export function text(fragment: string): string {
  return fragment
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

export function tables(doc: string): ShownTable[] {
  return [...doc.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => {
    const body = m[1];
    const caption = text(/<caption>([\s\S]*?)<\/caption>/.exec(body)?.[1] ?? '');
    const rows = [...body.replace(/<thead>[\s\S]*?<\/thead>/, '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1])),
    );
    return { caption, rows };
  });
}

/** The one table whose caption starts with `prefix`. */
export function table(doc: string, prefix: string): ShownTable {
  const found = tables(doc).filter((t) => t.caption.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} tables captioned "${prefix}…"`);
  return found[0];
}

/** A row by its first cell. */
export function row(t: ShownTable, head: string): string[] {
  const r = t.rows.find((x) => x[0] === head);
  if (!r) throw new Error(`no row "${head}" in "${t.caption}" (rows: ${t.rows.map((x) => x[0]).join(', ')})`);
  return r;
}

const SUFFIX: Record<string, number> = { k: 1e3, M: 1e6, B: 1e9, T: 1e12, '%': 0.01 };

/** A shown number and half a unit of its last shown digit (both in the value's units). */
export interface Shown {
  value: number;
  half: number;
}

/** "1.63M", "-27.2k", "2,569,752", "0.0933", "50.6%", "+28%", "1.2e-5"; null for anything else. */
export function parseShown(s: string): Shown | null {
  const m = /^([-+−]?)([\d,]*\.?\d+)(?:e([+-]?\d+))?([kMBT%]?)$/.exec(s.trim());
  if (!m) return null;
  const digits = m[2].replace(/,/g, '');
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  const exp = m[3] ? Number(m[3]) : 0;
  const scale = (m[4] ? SUFFIX[m[4]] : 1) * 10 ** exp;
  const sign = m[1] === '-' || m[1] === '−' ? -1 : 1;
  return { value: sign * Number(digits) * scale, half: 0.5 * 10 ** -decimals * scale };
}

/** Whether `shown` is `value` rounded to the digits shown (a hair of slack for binary fractions). */
export function rounds(shown: string, value: number | null | undefined): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return shown === 'n/a';
  const s = parseShown(shown);
  if (!s) return false;
  return Math.abs(value - s.value) <= s.half * (1 + 1e-9) + 1e-12 * Math.abs(value);
}

/** "mean (90% interval q05 to q95)" as three shown numbers. */
export function parseEstimateText(s: string): { mean: string; q05: string; q95: string } | null {
  const m = /^(\S+) \(90% interval (\S+) to (\S+)\)$/.exec(s.trim());
  return m ? { mean: m[1], q05: m[2], q95: m[3] } : null;
}
