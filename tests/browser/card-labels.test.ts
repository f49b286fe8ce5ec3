// Phone cards (table.cards, src/app/styles/global.css): a cell's label ("Why", "Channel /
// measure") wraps between words only. Seen on Meridian's national file: the roles table's long
// reasons squeezed the label "Why" into "W" / "hy". Probe: every label box is at least as wide
// as its longest word in the label's font.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHONE, useBrowser } from './harness';

const browser = useBrowser();
const MERIDIAN = path.resolve(__dirname, '../../../shared/data/meridian/national_media.csv');

describe('phone cards', () => {
  it('labels are never broken inside a word', async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await page.locator('input[type="file"][multiple]').first().setInputFiles(MERIDIAN);
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 60_000 });
    await page.locator('table.roles').waitFor();
    const broken = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      return Array.from(document.querySelectorAll('table.cards td[data-label]')).flatMap((td) => {
        const before = getComputedStyle(td, '::before');
        ctx.font = `${before.fontWeight} ${before.fontSize} ${before.fontFamily}`;
        const label = td.getAttribute('data-label') ?? '';
        const longest = Math.max(...label.split(/\s+/).map((w) => ctx.measureText(w).width));
        const width = parseFloat(before.width);
        return width + 0.5 < longest ? [`${label}: ${width.toFixed(1)} px < ${longest.toFixed(1)} px`] : [];
      });
    });
    expect(broken).toEqual([]);
    await expect(page.locator('table.cards td[data-label]').count()).resolves.toBeGreaterThan(20);
  }, 120_000);
});
