// Text that reaches Plotly: Plotly renders a small HTML-like markup in titles and names
// (<b>, <br>, <a href>, ...), so text that may come from user files (column and channel
// names) is escaped first; long titles are then broken into lines that fit the chart's
// width instead of being clipped on a phone.
import type { Data, Layout } from 'plotly.js';

export function escapePlotText(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Greedy word wrap of already escaped text into lines of at most `maxChars`, joined by <br>. */
export function wrapPlotText(escaped: string, maxChars: number): string {
  if (maxChars <= 0 || escaped.length <= maxChars) return escaped;
  const lines: string[] = [];
  let line = '';
  for (const word of escaped.split(' ')) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('<br>');
}

const titleText = (t: unknown): string | undefined =>
  typeof t === 'string' ? t : t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string' ? (t as { text: string }).text : undefined;

function withTitle<T extends object>(obj: T, f: (s: string) => string): T {
  const t = (obj as { title?: unknown }).title;
  const text = titleText(t);
  if (text === undefined) return obj;
  const base = typeof t === 'object' && t !== null ? t : {};
  return { ...obj, title: { ...base, text: f(text) } };
}

/**
 * The figure as Plotly should get it: titles, axis titles and trace names escaped; the
 * chart title wrapped to the width (in px) at the given font size.
 */
export function safeFigure(data: Partial<Data>[], layout: Partial<Layout>, widthPx: number, fontPx = 14): { data: Partial<Data>[]; layout: Partial<Layout> } {
  // A proportional font averages about 0.55 em per character.
  const maxChars = Math.floor(widthPx / (0.55 * fontPx));
  const out: Record<string, unknown> = withTitle(layout, (s) => wrapPlotText(escapePlotText(s), maxChars));
  for (const [k, v] of Object.entries(out)) {
    if (/^[xy]axis\d*$/.test(k) && v && typeof v === 'object') out[k] = withTitle(v, escapePlotText);
  }
  const safeData = data.map((d) => (typeof (d as { name?: unknown }).name === 'string' ? { ...d, name: escapePlotText((d as { name: string }).name) } : d));
  return { data: safeData, layout: out as Partial<Layout> };
}

/** Lines the wrapped title takes (for the top margin). */
export const titleLines = (layout: Partial<Layout>): number => (titleText(layout.title)?.split('<br>').length ?? 1);
