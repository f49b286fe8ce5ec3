// The harness's own checks must fail when they should: a probe that never reports
// anything would let every layout pass. Bad pages are built with setContent on a bare
// browser (no app, no server), so the file's afterEach checks do not apply here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isLocal } from './harness';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { probeLayout } from './support/layout-probe';
import { acquireBrowserLock } from './support/lock';

let browser: Browser;
let page: Page;
let release: () => void;

beforeAll(async () => {
  release = await acquireBrowserLock();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 700 } });
});
afterAll(async () => {
  await browser?.close();
  release?.();
});

const layoutOf = async (html: string) => {
  await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body style="margin:0">${html}</body></html>`);
  return page.evaluate(probeLayout);
};

describe('layout probe', () => {
  it('passes a clean page', async () => {
    const r = await layoutOf('<main><button>One</button> <button>Two</button></main>');
    expect(r.overflowing).toEqual([]);
    expect(r.overlaps).toEqual([]);
    expect(r.controlsChecked).toBe(2);
  });

  it('finds horizontal overflow', async () => {
    const r = await layoutOf('<div style="width:600px">wide</div>');
    expect(r.scrollWidth).toBeGreaterThan(390);
    expect(r.overflowing.join()).toMatch(/div.*right edge 600 > 390/);
  });

  it('ignores content inside a horizontal scroll area', async () => {
    const r = await layoutOf('<div style="overflow-x:auto;width:300px"><div style="width:900px">table</div></div>');
    expect(r.overflowing).toEqual([]);
    expect(r.scrollWidth).toBeLessThanOrEqual(390);
  });

  it('finds overlapping controls, not merely touching ones', async () => {
    const overlap = await layoutOf(
      '<button style="position:absolute;left:10px;top:10px;width:100px">A</button><button style="position:absolute;left:60px;top:12px;width:100px">B</button>',
    );
    expect(overlap.overlaps.join()).toMatch(/button "A" overlaps button "B"/);
    const touching = await layoutOf(
      '<button style="position:absolute;left:10px;top:10px;width:50px;height:30px">A</button><button style="position:absolute;left:60px;top:10px;width:50px;height:30px">B</button>',
    );
    expect(touching.overlaps).toEqual([]);
  });

  it('does not count hidden controls', async () => {
    const r = await layoutOf(
      '<button style="position:absolute;left:0;top:0">A</button><button style="position:absolute;left:0;top:0;visibility:hidden">B</button>',
    );
    expect(r.overlaps).toEqual([]);
  });

  it('finds plots without a title or axis titles', async () => {
    const plot = (title: string, xt: string, yt: string) =>
      `<div data-plot="p-${title || 'none'}" class="js-plotly-plot"><svg><g class="cartesianlayer"><g class="subplot xy"></g></g>` +
      `<g class="infolayer"><text class="gtitle">${title}</text><g class="g-xtitle"><text class="xtitle">${xt}</text></g>` +
      `<g class="g-ytitle"><text class="ytitle">${yt}</text></g></g></svg></div>`;
    const r = await layoutOf(plot('Good', 'Date', 'Sales') + plot('', 'Date', '') + plot('No x', '', 'Sales'));
    expect(r.plotsChecked).toBe(3);
    expect(r.untitledPlots).toEqual(['p-none: no title', 'p-none: no y-axis title', 'p-No x: no x-axis title']);
  });
});

describe('axe', () => {
  it('reports serious violations (an unlabelled input, an image without alt)', async () => {
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><input type="text"><img src="data:,"></main></body></html>');
    const ids = (await seriousAxeViolations(page)).map((v) => v.id);
    expect(ids).toContain('label');
    expect(ids).toContain('image-alt');
  });
});

describe('request recording', () => {
  it('classifies requests by origin', () => {
    const o = 'http://127.0.0.1:4173';
    expect(isLocal('http://127.0.0.1:4173/assets/x.js', o)).toBe(true);
    expect(isLocal('data:image/png;base64,AAAA', o)).toBe(true);
    expect(isLocal('blob:http://127.0.0.1:4173/1234', o)).toBe(true);
    expect(isLocal('http://127.0.0.1:5173/x.js', o)).toBe(false);
    expect(isLocal('https://cdn.example.com/plotly.js', o)).toBe(false);
    expect(isLocal('not a url', o)).toBe(false);
  });

  it('sees a page reaching outside (the event the harness records)', async () => {
    const ctx = await browser.newContext();
    const seen: string[] = [];
    ctx.on('request', (r) => seen.push(r.url()));
    // Answer it locally so the test needs no network.
    await ctx.route('http://198.51.100.7/**', (r) => r.fulfill({ status: 204 }));
    const p = await ctx.newPage();
    await p.setContent('<img alt="" src="http://198.51.100.7/pixel.png">');
    await p.waitForTimeout(200);
    await ctx.close();
    expect(seen).toContain('http://198.51.100.7/pixel.png');
  });
});
