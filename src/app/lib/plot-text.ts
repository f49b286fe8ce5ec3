// Text that reaches Plotly: Plotly renders a small HTML-like markup (<b>, <br>, <a href>,
// ...) in every string it draws — titles, trace names, category tick labels, hover labels,
// text labels — through svg_text_utils.convertToTspans. Text that may come from user files
// (column, channel and control names, text cells) must stay text, so every string a figure
// carries is escaped here, in the one place every chart passes through (Plot.svelte). Plotly
// decodes &amp; &lt; &gt; back to the characters when it draws (convertEntities, same
// file), so the user's text shows exactly as written. Markup is written only in templates
// (hovertemplate, texttemplate), which never hold user text. Long titles are then broken
// into lines that fit the chart's width instead of being clipped on a phone.
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
 * A data value with every string in it escaped: a string, or an array (of arrays) of
 * values, as Plotly takes categories, text matrices and customdata. Numbers, typed arrays
 * and arrays without strings come back as they are (same object), so big numeric series
 * are not copied.
 */
export function escapeValues<T>(v: T): T {
  if (typeof v === 'string') return escapePlotText(v) as T;
  if (!Array.isArray(v)) return v;
  let changed = false;
  const out = v.map((x) => {
    const y = escapeValues(x);
    if (y !== x) changed = true;
    return y;
  });
  return (changed ? out : v) as T;
}

/** Trace keys whose strings Plotly draws as labels: categories, text labels, hover text. */
const TRACE_TEXT_KEYS = ['x', 'y', 'labels', 'text', 'hovertext', 'customdata'] as const;

function safeTrace(d: Partial<Data>): Partial<Data> {
  const t: Record<string, unknown> = { ...d };
  if (typeof t.name === 'string') t.name = escapePlotText(t.name);
  for (const k of TRACE_TEXT_KEYS) if (k in t) t[k] = escapeValues(t[k]);
  // The colour bar's and the legend group's titles are drawn like any title.
  if (t.colorbar && typeof t.colorbar === 'object') t.colorbar = withTitle(t.colorbar as object, escapePlotText);
  const group = t.legendgrouptitle as { text?: unknown } | undefined;
  if (typeof group?.text === 'string') t.legendgrouptitle = { ...group, text: escapePlotText(group.text) };
  return t as Partial<Data>;
}

function safeAxis(a: object, maxChars: number): object {
  const out = withTitle(a, (t) => wrapPlotText(escapePlotText(t), maxChars)) as Record<string, unknown>;
  // Category orders and tick texts name the same categories as the (escaped) data.
  for (const k of ['categoryarray', 'ticktext']) if (k in out) out[k] = escapeValues(out[k]);
  return out;
}

/**
 * The figure as Plotly should get it: every string it draws escaped (titles, axis titles,
 * trace names, categories, text, hover text, annotations); the chart title and the x-axis
 * titles wrapped to the width (in px), the chart title at the given font size.
 */
export function safeFigure(data: Partial<Data>[], layout: Partial<Layout>, widthPx: number, fontPx = 14): { data: Partial<Data>[]; layout: Partial<Layout> } {
  // A proportional font averages about 0.55 em per character.
  const maxChars = Math.floor(widthPx / (0.55 * fontPx));
  const out: Record<string, unknown> = withTitle(layout, (s) => wrapPlotText(escapePlotText(s), maxChars));
  // An x-axis title spans the plot area only (the container less the y axis's labels, which
  // long category names make wide): wrap it at about 60% of the width, in the 12 px axis font,
  // or a phone clips it ("revenue, summed over the").
  const axisChars = Math.floor((0.6 * widthPx) / (0.55 * 12));
  for (const [k, v] of Object.entries(out)) {
    if (/^[xy]axis\d*$/.test(k) && v && typeof v === 'object') out[k] = safeAxis(v, k.startsWith('x') ? axisChars : 0);
  }
  if (Array.isArray(out.annotations)) out.annotations = out.annotations.map((a: { text?: unknown }) => (typeof a?.text === 'string' ? { ...a, text: escapePlotText(a.text) } : a));
  if (out.legend && typeof out.legend === 'object') out.legend = withTitle(out.legend as object, escapePlotText);
  return { data: data.map(safeTrace), layout: out as Partial<Layout> };
}

/** Lines the wrapped title takes (for the top margin). */
export const titleLines = (layout: Partial<Layout>): number => (titleText(layout.title)?.split('<br>').length ?? 1);

/**
 * Plotly's mode bar (the hover toolbar: download, zoom, pan, ... ; plotly.js
 * components/modebar) sits in the figure's top-right corner, over whatever is there. About
 * 26 px tall; 9 buttons of 25 px plus group gaps on a cartesian chart, ~250 px wide.
 */
export const MODEBAR = { height: 30, width: 260 } as const;

/**
 * True when the centred chart title (already wrapped, longest line in characters at about
 * 0.55 em each) would reach under the mode bar: then the title goes below the bar's band.
 * On a phone that is every chart; on a desktop only very long titles.
 */
export function titleUnderModebar(layout: Partial<Layout>, widthPx: number, fontPx: number): boolean {
  const lines = titleText(layout.title)?.split('<br>') ?? [];
  const longest = Math.max(0, ...lines.map((l) => l.replace(/&(amp|lt|gt);/g, '_').length));
  if (longest === 0) return false;
  const titleHalf = (longest * 0.55 * fontPx) / 2;
  return widthPx / 2 + titleHalf > widthPx - MODEBAR.width;
}
