/// <reference lib="dom" />
// A spreadsheet export written by an attacker: its file name, column names and text cells
// are the classic XSS payloads (OWASP XSS Filter Evasion Cheat Sheet: an <img> with an
// onerror handler, breaking out of an attribute with `">`, an inline <script>, a
// javascript: URL, an <svg onload>). Each payload, if it ever ran, would set
// window.__xss to its own label; `inertReport` (run inside a page) also looks for anything
// a payload could have created, since the CSP alone would stop the handlers from running
// and so hide an injection.

/** Label → payload. Every payload sets window.__xss to its label if executed. */
export const PAYLOADS = {
  img: `<img src=x onerror="window.__xss='img'">`,
  attr: `"><svg onload="window.__xss='attr'">`,
  script: `<script>window.__xss='script'</script>`,
  jsUrl: `javascript:window.__xss='jsUrl'`,
  link: `<a href="javascript:window.__xss='link'">click</a>`,
} as const;

export const HOSTILE_FILE = `<img src=x onerror="window.__xss='file'">.csv`;

/** RFC 4180 quoting: fields with a comma, quote or newline are quoted, quotes doubled. */
const field = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * 60 weeks: a target, two spend channels and one numeric control named by payloads, and a
 * text column whose cells are payloads (the importer turns text levels into indicator
 * controls named after the cells). Spends and sales follow a simple positive relation so
 * that a fit has something to find.
 */
export function hostileCsv(weeks = 60): string {
  // "spend_<name>" makes the importer read a channel called <name> (src/data/role-rules.ts).
  const header = ['date', 'sales', `spend_${PAYLOADS.img}`, `spend_${PAYLOADS.attr}`, PAYLOADS.jsUrl, PAYLOADS.script];
  const cells = [PAYLOADS.link, PAYLOADS.script, PAYLOADS.img];
  const rows = [header.map(field).join(',')];
  for (let i = 0; i < weeks; i++) {
    const date = new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10);
    const a = 100 + ((i * 37) % 50);
    const b = 60 + ((i * 53) % 40);
    const c = Math.round(10 * Math.sin(i / 5));
    const sales = 1000 + 3 * a + 2 * b + 5 * c + ((i * 17) % 23);
    rows.push([date, String(sales), String(a), String(b), String(c), cells[i % cells.length]].map(field).join(','));
  }
  return `${rows.join('\n')}\n`;
}

export interface InertReport {
  /** What window.__xss was set to (undefined if nothing ran). */
  flag: unknown;
  /** Elements a payload could have created or armed. */
  armed: string[];
  /** The page's visible text, to check payloads show up as text. */
  text: string;
}

/** Runs in the page (self-contained for page.evaluate). */
export function inertReport(): InertReport {
  const armed: string[] = [];
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 80)}`;
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) armed.push(`${describe(el)} has ${a.name}`);
      if (/(^|:)href$|^src$|^action$|^formaction$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) armed.push(`${describe(el)} ${a.name}=${a.value}`);
    }
  }
  for (const el of Array.from(document.querySelectorAll('img[src="x"], iframe, object, embed'))) armed.push(describe(el));
  for (const el of Array.from(document.querySelectorAll('script'))) if (!el.src) armed.push(`inline ${describe(el)}`);
  return { flag: (window as unknown as { __xss?: unknown }).__xss, armed, text: document.body.innerText };
}
