/// <reference lib="dom" />
// The browser-test harness: every browser test file calls `useBrowser()` at top level.
// It serves (a private copy of) the production build (dist/, built by `npm test` before vitest) with
// `vite preview`, drives Debian's chromium through playwright-core, and fails a test on
// anything the studio must never do: a request outside its own origin, a page error, or a
// Content-Security-Policy violation. Helpers take screenshots (test-results/, not
// committed), assert the layout at a given viewport, and run axe-core.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { probeLayout, type LayoutReport } from './support/layout-probe';
import { acquireBrowserLock } from './support/lock';
import { REPO_ROOT, snapshotDist, startPreview, type PreviewServer } from './support/preview';

export { REPO_ROOT };
export const SHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The app's URL (base path included, ends with '/'). */
  url: string;
  origin: string;
  /** Every request the page, its workers and service worker made, in order. */
  requests: string[];
  /** Requests that left the origin (data: and blob: URLs are local and allowed). */
  foreignRequests: string[];
  pageErrors: string[];
  cspViolations: CspViolation[];
  /** Opens a fresh page on the app (closing the current one) and waits for the shell. */
  open(viewport?: { width: number; height: number }): Promise<Page>;
  screenshot(name: string): Promise<string>;
  /** Scrolls every visible plot into view once so that it is drawn (plots draw lazily). */
  drawAllPlots(): Promise<void>;
  /** Draws every plot, then asserts: no horizontal overflow, no overlapping controls, every plot titled. */
  assertLayout(label: string): Promise<LayoutReport>;
  /** Asserts axe-core finds no serious or critical violation. */
  assertAccessible(label: string): Promise<void>;
}

export interface BrowserOptions {
  /** Builds and returns a directory to serve instead of dist/ (a test page). */
  serve?: () => Promise<string>;
  /** Selector that says the app has started; default the studio shell. */
  readySelector?: string;
}

/** Count of layout problems in a report (0 = the layout passes). */
export const layoutProblems = (r: LayoutReport) =>
  r.overflowing.length + r.overlaps.length + r.untitledPlots.length + (r.scrollWidth > r.viewport.width ? 1 : 0);

/** True for requests that stay on the machine: the app's own origin, data: and blob: URLs. */
export function isLocal(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Registers the hooks of one browser-test file and returns a getter for its session.
 * Browser files run one at a time across vitest workers (a lock in test-results/).
 */
export function useBrowser(options: BrowserOptions = {}): () => BrowserSession {
  let session: BrowserSession | undefined;
  let server: PreviewServer | undefined;
  let release: (() => void) | undefined;
  let snapshot: { dir: string; remove(): void } | undefined;
  // The shell is up and the saved session restored (so a test's first action cannot race it).
  const readySelector = options.readySelector ?? '[data-testid="studio"][data-restored="true"]';

  beforeAll(async () => {
    release = await acquireBrowserLock();
    if (options.serve) server = await startPreview(await options.serve());
    else {
      snapshot = await snapshotDist();
      server = await startPreview(snapshot.dir);
    }
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'allow' });
    const s: BrowserSession = {
      browser,
      context,
      page: undefined as unknown as Page,
      url: server.url,
      origin: server.origin,
      requests: [],
      foreignRequests: [],
      pageErrors: [],
      cspViolations: [],
      open: async (viewport = DESKTOP) => {
        if (s.page && !s.page.isClosed()) await s.page.close();
        s.page = await context.newPage();
        await s.page.setViewportSize(viewport);
        s.page.on('pageerror', (e) => s.pageErrors.push(`${e.name}: ${e.message}`));
        await s.page.goto(s.url);
        await s.page.waitForSelector(readySelector, { timeout: 30_000 });
        return s.page;
      },
      screenshot: async (name) => {
        mkdirSync(SHOTS_DIR, { recursive: true });
        const file = path.join(SHOTS_DIR, `${name}.png`);
        await s.page.screenshot({ path: file, fullPage: true });
        return file;
      },
      drawAllPlots: async () => {
        // Plots draw when they come near the viewport; visit each so every one is drawn and checked.
        for (const fig of await s.page.locator('[data-plot]').all()) {
          if (!(await fig.isVisible())) continue;
          await fig.scrollIntoViewIfNeeded();
          await fig.locator('.main-svg, .plot-error').first().waitFor({ timeout: 30_000 });
        }
        await s.page.evaluate(() => window.scrollTo(0, 0));
      },
      assertLayout: async (label) => {
        await s.drawAllPlots();
        // Let the layout settle first: plots redraw on the next frames after a resize.
        let report = await s.page.evaluate(probeLayout);
        for (let waited = 0; waited < 3000 && layoutProblems(report) > 0; waited += 250) {
          await s.page.waitForTimeout(250);
          report = await s.page.evaluate(probeLayout);
        }
        expect.soft(report.overflowing, `${label}: horizontal overflow (scrollWidth ${report.scrollWidth})`).toEqual([]);
        expect.soft(report.scrollWidth, `${label}: page wider than the viewport`).toBeLessThanOrEqual(report.viewport.width);
        expect.soft(report.overlaps, `${label}: overlapping controls`).toEqual([]);
        expect.soft(report.untitledPlots, `${label}: plots without title or axis titles`).toEqual([]);
        return report;
      },
      assertAccessible: async (label) => {
        expect(await seriousAxeViolations(s.page), `${label}: axe serious/critical violations`).toEqual([]);
      },
    };
    context.on('request', (r) => {
      s.requests.push(r.url());
      if (!isLocal(r.url(), s.origin)) s.foreignRequests.push(r.url());
    });
    // CSP violations are DOM events: forward them to the test through a binding.
    await context.exposeBinding('__carryoverCsp', (_src, v: CspViolation) => {
      s.cspViolations.push(v);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __carryoverCsp(v: object): void }).__carryoverCsp({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}`,
        });
      });
    });
    session = s;
  });

  afterEach(() => {
    if (!session) return;
    const { foreignRequests, pageErrors, cspViolations } = session;
    // Reset before asserting so one failure does not cascade into the next test.
    session.foreignRequests = [];
    session.pageErrors = [];
    session.cspViolations = [];
    expect(foreignRequests, 'requests outside the origin').toEqual([]);
    expect(pageErrors, 'uncaught page errors').toEqual([]);
    expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
  });

  afterAll(async () => {
    await session?.browser.close().catch(() => undefined);
    await server?.stop();
    snapshot?.remove();
    release?.();
  });

  return () => {
    if (!session) throw new Error('browser session not started (useBrowser() must be called at the top of the test file)');
    return session;
  };
}
