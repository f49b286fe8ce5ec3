/// <reference lib="dom" />
// A CFO prints the executive report. On A4 in Chromium's print layout (186 mm = 703 px
// between the report's @page margins): no chart, table or scroll region wider than the page
// (Chromium would shrink the whole document or cut it); every status badge and the
// provisional banner legible with "background graphics" off, the print dialog's default
// (a badge was white text on a background that does not print); headings kept with what
// follows them and rows, figures and charts never split across pages; and no paragraph set
// below 12 px on screen (the "What to do" and units notes were 10 px). The report comes from
// a real short fit whose gates fail, so the banner and fail badges are on the page.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analyseForReport, renderExecutiveSummary, reportInput } from '../../src/report';
import { shortFit } from '../report/fixture';
import { REPO_ROOT, useBrowser } from './harness';

/** A4 (210 mm) less the report's 12 mm side margins, at 96 px per inch. */
const A4_CONTENT_PX = Math.floor(((210 - 24) / 25.4) * 96);

async function buildReport(): Promise<string> {
  const { idata } = await shortFit();
  const a = analyseForReport(idata);
  if ('errors' in a) throw new Error(JSON.stringify(a.errors));
  const html = renderExecutiveSummary(reportInput(idata, a, { target: 'revenue', sources: ['mmm_example.csv'], created_at: '2026-01-01T00:00:00.000Z' }));
  const dir = path.join(REPO_ROOT, 'test-results', 'pages', 's5-e-print');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), html);
  return dir;
}

const report = buildReport();
const session = useBrowser({ serve: () => report, readySelector: '[data-testid="report"]' });

/** WCAG 2.x contrast ratio of an rgb() colour against white paper. */
function contrastOnWhite(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const L = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (L + 0.05);
}

async function printPage(): Promise<Page> {
  const page = await session().open({ width: A4_CONTENT_PX, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  return page;
}

describe('the executive report printed on A4', () => {
  it('no chart, table or scroll region is wider than the page', async () => {
    const page = await printPage();
    const over = await page.evaluate(() => {
      const W = document.documentElement.clientWidth;
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('svg.chart, table, .table-scroll, .chart-scroll, p, figure'))) {
        const b = el.getBoundingClientRect();
        const label = el.querySelector('caption')?.textContent ?? el.getAttribute('data-chart') ?? el.className.toString();
        if (b.right > W + 0.5) out.push(`${el.tagName} ${label}: right edge ${b.right.toFixed(0)} > ${W}`);
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.push(`${el.tagName} ${label}: scrolls ${el.scrollWidth} in ${el.clientWidth}`);
      }
      return { out, doc: document.documentElement.scrollWidth, W };
    });
    expect(over.out).toEqual([]);
    expect(over.doc).toBeLessThanOrEqual(over.W);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('every badge and the provisional banner are legible without background graphics', async () => {
    const page = await printPage();
    const marks = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.badge, .banner'), (el) => ({ text: el.textContent ?? '', color: getComputedStyle(el).color, border: getComputedStyle(el).borderTopStyle })),
    );
    expect(marks.some((m) => /provisional/i.test(m.text))).toBe(true);
    expect(marks.some((m) => /^fail$/i.test(m.text.trim()))).toBe(true);
    for (const m of marks) {
      // Only the text and border print when backgrounds do not: both must show on white (3:1, WCAG 1.4.11).
      expect(contrastOnWhite(m.color), `"${m.text.slice(0, 30)}" in ${m.color}`).toBeGreaterThanOrEqual(3);
      expect(m.border, m.text.slice(0, 30)).not.toBe('none');
    }
  });

  it('keeps headings with what follows and never splits a row, figure or chart across pages', async () => {
    const page = await printPage();
    const breaks = await page.evaluate(() => {
      const style = (sel: string) => Array.from(document.querySelectorAll(sel), (e) => getComputedStyle(e));
      return {
        h2After: style('h2').map((s) => s.breakAfter),
        introAfter: style('section > h2 + p').map((s) => s.breakAfter),
        captionAfter: style('caption').map((s) => s.breakAfter),
        inside: style('figure, tr, svg.chart, .banner, table:not(.params)').map((s) => s.breakInside),
        nav: style('nav').map((s) => s.display),
      };
    });
    expect(breaks.h2After.length).toBeGreaterThanOrEqual(6);
    expect(new Set([...breaks.h2After, ...breaks.introAfter, ...breaks.captionAfter])).toEqual(new Set(['avoid']));
    expect(new Set(breaks.inside)).toEqual(new Set(['avoid']));
    // Section links mean nothing on paper.
    expect(breaks.nav).toEqual(['none']);
  });
});

/** Estimate cells whose mean shares a line with its interval (the mean should stand alone, the interval under it). */
async function meansNotAlone(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('td.num')).flatMap((td) => {
      const text = td.textContent ?? '';
      if (!text.includes('(90% interval')) return [];
      const ci = td.querySelector('.ci');
      if (!ci) return [`${text}: no interval line`];
      const mean = document.createRange();
      mean.setStart(td, 0);
      mean.setEndBefore(ci);
      const m = mean.getBoundingClientRect();
      const c = ci.getClientRects()[0];
      return c.top >= m.bottom - 0.5 ? [] : [text];
    }),
  );
}

describe('estimates in tables: the mean on its own line, the interval under it', () => {
  it('printed on A4 and on a phone', async () => {
    expect(await meansNotAlone(await printPage())).toEqual([]);
    expect(await meansNotAlone(await session().open({ width: 390, height: 844 }))).toEqual([]);
  });
});

describe('the executive report on screen', () => {
  it('sets no paragraph below 12 px (notes and hints included)', async () => {
    const page = await session().open({ width: 1440, height: 900 });
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('p, li, td, th, figcaption'))
        .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12)
        .map((e) => `${e.tagName}.${e.className}: ${getComputedStyle(e).fontSize} "${(e.textContent ?? '').slice(0, 40)}"`),
    );
    expect(small).toEqual([]);
  });
});
