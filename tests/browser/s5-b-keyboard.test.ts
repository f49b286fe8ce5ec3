/// <reference lib="dom" />
// The studio driven with the keyboard only (Tab, Shift+Tab, arrows, Enter; no clicks), on the
// built app: set a short fit on the Fit step, "Try the demo", wait for Results, open Optimize,
// optimise, download the report. Defects this walk found (session 5):
// - "Try the demo", a finished fit opening Results, and Start fit (disabled while the chains
//   run) dropped focus on <body>: a screen reader said nothing and Tab restarted wherever
//   the browser guessed. Focus now goes to the new step's panel (named by its tab), to Cancel
//   beside the disabled Start fit, and back to Download report once the file is built;
// - every chart's mode bar was 7–10 Tab stops (Optimize budget → Download report took 41
//   presses): each bar is now one stop, arrows move within it (toolbar pattern);
// - a focused mode-bar button had Plotly's 1 px black ring: the studio's 2 px accent ring now;
// - every chart had Plotly's "Share chart..." button, which posts the chart's data to
//   cloud.plotly.com after a confirmation: gone, with its server URL emptied.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, useBrowser } from './harness';

const browser = useBrowser();

interface Focus {
  /** 'BODY' when nothing has focus. */
  tag: string;
  id: string;
  labelledby: string | null;
  text: string;
  /** An outline or box shadow is drawn on it (or on its label, for a hidden file input). */
  ring: boolean;
}

function focused(): Focus {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return { tag: 'BODY', id: '', labelledby: null, text: '', ring: false };
  const drawn = (e: Element | null) => {
    if (!e) return false;
    const cs = getComputedStyle(e);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  };
  const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
  const text = `${el.getAttribute('aria-label') ?? ''} ${label} ${el.textContent ?? ''}`.replace(/\s+/g, ' ').trim().slice(0, 60);
  return { tag: el.tagName, id: el.id, labelledby: el.getAttribute('aria-labelledby'), text, ring: drawn(el) || drawn(el.closest('label')) };
}

/** Presses `key` until the focused element's text matches; every stop on the way must show a ring. */
async function pressUntil(page: Page, re: RegExp, key = 'Tab', max = 60): Promise<{ presses: number; unringed: string[] }> {
  const unringed: string[] = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const f = await page.evaluate(focused);
    if (f.tag !== 'BODY' && !f.ring) unringed.push(`${f.tag} ${f.text}`);
    if (re.test(`${f.id} ${f.text}`)) return { presses: i, unringed };
  }
  throw new Error(`${key} never reached ${re}; focus is on ${JSON.stringify(await page.evaluate(focused))}`);
}

const onPanelOf = (page: Page, step: string) =>
  expect.poll(() => page.evaluate(focused), { timeout: 5000 }).toMatchObject({ id: 'panel', labelledby: `tab-${step}` });

describe('keyboard only', () => {
  it('short fit set, Try the demo, Results, Optimize, report: focus never lost, a ring on every stop', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    const unringed: string[] = [];
    const go = async (re: RegExp, key = 'Tab', max = 60) => {
      const r = await pressUntil(page, re, key, max);
      unringed.push(...r.unringed);
      return r.presses;
    };

    // The tab list is the first Tab stop; arrows select Fit.
    await go(/^tab-data /, 'Tab', 1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    for (const [label, v] of [['Chains', '2'], ['Warmup', '200'], ['Draws', '200'], ['Seed', '9']] as const) {
      await go(new RegExp(`^ ${label}`));
      await page.keyboard.press('Control+a');
      await page.keyboard.type(v);
    }
    await go(/^tab-fit /, 'Shift+Tab', 10);
    await page.keyboard.press('Home');
    await go(/Try the demo/, 'Tab', 10);
    await page.keyboard.press('Enter');
    // The Data step is replaced by the Fit step: focus on its panel, not on <body>.
    await onPanelOf(page, 'fit');
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
    await onPanelOf(page, 'results');
    await page.waitForSelector('[data-plot="observed-vs-predicted"] .main-svg', { timeout: 60_000 });
    await s.screenshot('s5-b-keyboard-results');

    // Back to the tabs, Optimize, optimise.
    await go(/^tab-results /, 'Shift+Tab', 5);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await go(/Optimize budget/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.evaluate(focused)).not.toMatchObject({ tag: 'BODY' });
    await page.locator('[data-plot]').last().scrollIntoViewIfNeeded();
    await page.locator('[data-plot] .modebar').last().waitFor({ state: 'attached', timeout: 30_000 });
    const presses = await go(/Download report/);
    // Each chart's mode bar is one stop: this was 41 presses with 7–10 stops a chart.
    const charts = await page.locator('#panel [data-plot] .modebar').count();
    expect(charts).toBeGreaterThan(0);
    expect(presses).toBeLessThanOrEqual(20);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/\.html$/);
    // The buttons are disabled while the file is built; focus comes back to the one pressed.
    await expect.poll(() => page.evaluate(focused), { timeout: 10_000 }).toMatchObject({ text: 'Download report' });
    expect(unringed, 'focused without a visible ring').toEqual([]);
  }, 300_000);

  it('Start fit hands focus to Cancel while the chains run; Cancel hands it back to Start fit', async () => {
    const page = browser().page;
    await page.locator('#tab-fit').focus();
    await page.keyboard.press('Enter');
    // Warmup and draws larger than the first test's, so the fit is still running when Cancel is checked.
    for (const [label, v] of [['Warmup', '600'], ['Draws', '600']] as const) {
      await pressUntil(page, new RegExp(`^ ${label}`));
      await page.keyboard.press('Control+a');
      await page.keyboard.type(v);
    }
    await pressUntil(page, /Start fit/, 'Tab', 10);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(focused), { timeout: 5000 }).toMatchObject({ text: 'Cancel' });
    // Cancel, by keyboard: Cancel is disabled in turn and focus goes back to Start fit.
    await page.keyboard.press('Enter');
    await page.locator('[role="status"]', { hasText: 'Fit cancelled' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(focused), { timeout: 5000 }).toMatchObject({ text: 'Start fit' });
  }, 180_000);

  it('Runs library: Rename goes to the name box (Escape cancels), back to Rename; Delete goes to Keep, back to Delete', async () => {
    const page = browser().page;
    await page.locator('#tab-runs').focus();
    await page.keyboard.press('Enter');
    const row = page.locator('li[data-run-id]').first();
    await row.waitFor();
    const name = (await row.locator('.name').textContent()) ?? '';
    await pressUntil(page, /^ Rename$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^rename-/);
    await page.keyboard.type('not kept');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(focused)).toMatchObject({ text: 'Rename' });
    expect(await row.locator('.name').textContent()).toBe(name);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('renamed by keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('.name').textContent()).toBe('renamed by keyboard');
    await expect.poll(() => page.evaluate(focused)).toMatchObject({ text: 'Rename' });
    // Delete asks first; Enter twice must not delete: the second lands on Keep.
    await pressUntil(page, /^ Delete$/, 'Tab', 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(focused)).toMatchObject({ text: 'Keep' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(focused)).toMatchObject({ text: 'Delete' });
    expect(await row.locator('.name').textContent()).toBe('renamed by keyboard');
  });

  it('lift-test table: Add focuses the new row, ✕ the row that takes its place, the last one Add', async () => {
    const page = browser().page;
    await page.locator('#tab-model').focus();
    await page.keyboard.press('Enter');
    const add = page.getByRole('button', { name: 'Add a test row' });
    const label = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');
    await add.focus();
    await page.keyboard.press('Enter');
    await expect.poll(label).toMatch(/, row 1$/);
    await add.focus();
    await page.keyboard.press('Enter');
    await expect.poll(label).toMatch(/, row 2$/);
    await page.getByRole('button', { name: 'Remove row 2' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(label).toBe('Remove row 1');
    await page.keyboard.press('Enter');
    await expect.poll(label).toBe('Add a test row');
  });

  it("charts: no Share chart button; each mode bar is one Tab stop, arrows move within it", async () => {
    const page = browser().page;
    await page.locator('#tab-results').click();
    const fig = page.locator('[data-plot="observed-vs-predicted"]');
    await fig.locator('.modebar-btn').first().waitFor({ state: 'attached', timeout: 30_000 });
    const bars = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-plot] .modebar')).map((bar) => {
        const buttons = Array.from(bar.querySelectorAll<HTMLElement>('.modebar-btn'));
        return { stops: buttons.filter((b) => b.tabIndex >= 0).length, titles: buttons.map((b) => b.dataset.title ?? '') };
      }),
    );
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) {
      expect(b.stops).toBe(1);
      expect(b.titles).toContain('Download plot as a PNG');
      expect(b.titles.filter((t) => /share|cloud|select/i.test(t))).toEqual([]);
    }
    const first = fig.locator('.modebar-btn').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(focused)).toMatchObject({ text: bars[0].titles[1] });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).tabIndex)).toBe(0);
    // The studio's ring, not Plotly's 1 px black one.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth)).toBe('2px');
    expect(await first.evaluate((b: HTMLElement) => b.tabIndex)).toBe(-1);
    await page.keyboard.press('End');
    expect(await page.evaluate(focused)).toMatchObject({ text: bars[0].titles.at(-1) });
    await page.keyboard.press('Home');
    expect(await page.evaluate(focused)).toMatchObject({ text: 'Download plot as a PNG' });
  });
});
