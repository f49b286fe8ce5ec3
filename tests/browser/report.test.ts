/// <reference lib="dom" />
// Issue 5 acceptance 4: the executive report opens in headless Chromium with networking
// disabled and every chart renders; a channel named `<img src=x onerror=alert(1)>` (and a
// control named to break out of an attribute) appears as text. The report comes from a real
// short fit, with lift tests (labelled like markup) so the agreement table is checked too.
// The harness fails the test on any request outside the origin, page error or CSP
// violation; console errors are collected here too.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { InferenceData, LiftTest } from '../../src/core/types';
import type { Posterior } from '../../src/analysis/posterior';
import { impliedLiftDraws } from '../../src/calibration/lift-agreement';
import { estimate as summarise } from '../../src/core/estimate';
import { analyseForReport, renderExecutiveSummary, reportInput } from '../../src/report';
import { shortFit } from '../report/fixture';
import { REPO_ROOT, useBrowser } from './harness';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL2 = '"><svg onload=alert(2)>';

/**
 * The run as if calibrated by one lift test per channel, labelled like markup: the first at
 * the model's implied lift (agrees), the second 3 σ below it (flagged), so the agreement
 * table renders with both verdicts.
 */
function withLiftTests(idata: InferenceData, post: Posterior): InferenceData {
  const tests: LiftTest[] = post.spec.channels.map((ch, c) => {
    const base = { channel: ch.name, x: 0.5 * post.data.channelMax[c], delta_x: 0.2 * post.data.channelMax[c], delta_y: 0, sigma: 1, label: `${EVIL2} test ${c + 1}` };
    const m = summarise(impliedLiftDraws(base, post.spec, post.draws, post.data.channelMax[c], post.data.targetMaxAbs)).mean!;
    const sigma = 0.1 * Math.abs(m) + 1;
    return { ...base, sigma, delta_y: m - 3 * c * sigma };
  });
  return { ...idata, attrs: { ...idata.attrs, model: { ...idata.attrs.model, lift_tests: tests } } };
}

async function buildReport(): Promise<{ html: string; dir: string }> {
  const { idata, data } = await shortFit({ x1: EVIL, event_1: EVIL2 });
  const a = analyseForReport(idata);
  if ('errors' in a) throw new Error(JSON.stringify(a.errors));
  const html = renderExecutiveSummary(reportInput(withLiftTests(idata, a.posterior), a, { target: data.target.name, sources: [`raw/${EVIL}.csv`] }));
  const dir = path.join(REPO_ROOT, 'test-results', 'pages', 'report');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), html);
  return { html, dir };
}

// Started at import so the fit does not hold the browser lock.
const report = buildReport();
const session = useBrowser({ serve: async () => (await report).dir, readySelector: '[data-testid="report"]' });

interface ChartCheck {
  kind: string;
  title: string;
  axes: string[];
  marks: number;
  box: { w: number; h: number };
  shown: { w: number; h: number };
}

/** In the page: every chart's title, axis titles, drawn marks and their painted size. */
async function charts(page: Page): Promise<ChartCheck[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>('svg.chart')).map((svg) => {
      const marks = svg.querySelector<SVGGElement>('g.marks')!;
      const drawn = Array.from(marks.querySelectorAll<SVGGraphicsElement>('rect, path, line')).filter((e) => {
        const b = e.getBBox();
        return b.width > 0 || b.height > 0;
      });
      const bb = marks.getBBox();
      const r = svg.getBoundingClientRect();
      return {
        kind: svg.dataset.chart ?? '',
        title: svg.querySelector('.chart-title')?.textContent ?? '',
        axes: Array.from(svg.querySelectorAll('.axis-title')).map((t) => t.textContent ?? ''),
        marks: drawn.length,
        box: { w: bb.width, h: bb.height },
        shown: { w: r.width, h: r.height },
      };
    }),
  );
}

function expectChartsDrawn(list: ChartCheck[], channels: number, parameters: number) {
  const count = (k: string) => list.filter((c) => c.kind === k).length;
  expect([count('waterfall'), count('allocation'), count('response'), count('marginal-roas'), count('trace')]).toEqual([1, 1, channels, channels, parameters]);
  for (const c of list) {
    expect(c.title.length, `${c.kind} title`).toBeGreaterThan(0);
    expect(c.axes.filter((a) => a.length > 0), `${c.title} axis titles`).toHaveLength(2);
    expect(c.marks, `${c.title}: drawn marks`).toBeGreaterThan(0);
    expect(c.box.w, `${c.title}: marks width`).toBeGreaterThan(5);
    expect(c.box.h, `${c.title}: marks height`).toBeGreaterThan(0);
    expect(c.shown.w * c.shown.h, `${c.title}: painted`).toBeGreaterThan(0);
  }
}

async function hostileTextStaysText(page: Page) {
  const dom = await page.evaluate(() => ({
    imgs: document.querySelectorAll('img').length,
    handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
    svgOutsideCharts: Array.from(document.querySelectorAll('svg')).filter((s) => !s.classList.contains('chart')).length,
    text: document.body.textContent ?? '',
    title: document.title,
  }));
  expect(dom.imgs).toBe(0);
  expect(dom.handlers).toEqual([]);
  expect(dom.svgOutsideCharts).toBe(0);
  expect(dom.text).toContain(EVIL);
  expect(dom.text).toContain(EVIL2);
  expect(dom.text).toContain(`raw/${EVIL}.csv`);
}

describe('the executive report in Chromium', () => {
  it('opens with networking disabled: every chart renders, the hashed stylesheet applies, user text stays text', async () => {
    const s = session();
    const { html } = await report;
    await s.context.setOffline(true);
    const page = await s.context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => s.pageErrors.push(e.message));
    const before = s.requests.length;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      expect(s.requests.slice(before), 'requests while offline').toEqual([]);
      const list = await charts(page);
      const params = await page.evaluate(() => document.querySelectorAll('table.params tbody tr').length);
      expectChartsDrawn(list, 2, params);
      expect(params).toBeGreaterThan(10);
      // The stylesheet was allowed by its hash: system font and the channel bar colour apply.
      const style = await page.evaluate(() => ({
        font: getComputedStyle(document.body).fontFamily,
        bar: getComputedStyle(document.querySelector('rect.bar.channel')!).fill,
      }));
      expect(style.font).toMatch(/system-ui/);
      expect(style.bar).toBe('rgb(47, 95, 179)');
      await hostileTextStaysText(page);
      const agreement = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="lift-agreement"] tbody tr'), (tr) => tr.textContent ?? ''));
      expect(agreement).toHaveLength(2);
      expect(agreement[0]).toMatch(/test 1.*agrees/);
      expect(agreement[1]).toMatch(/test 2.*\+3\.00.*flagged/);
      expect(await page.evaluate(() => document.querySelector('[data-testid="provisional"]') !== null)).toBe(true);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
      await s.context.setOffline(false);
    }
  });

  it('served as a file: one request (the document), a clean layout at desktop and phone widths, no serious axe findings', async () => {
    const s = session();
    const before = s.requests.length;
    const page = await s.open();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    expect(s.requests.slice(before).filter((u) => !u.endsWith('/favicon.ico'))).toEqual([s.url]);
    expectChartsDrawn(await charts(page), 2, await page.evaluate(() => document.querySelectorAll('table.params tbody tr').length));
    await hostileTextStaysText(page);
    await s.assertLayout('report desktop');
    await s.assertAccessible('report');
    await s.screenshot('report-desktop');
    await s.open({ width: 390, height: 844 });
    await s.assertLayout('report phone');
    await s.screenshot('report-phone');
    expect(consoleErrors).toEqual([]);
  });
});
