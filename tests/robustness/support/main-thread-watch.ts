/// <reference lib="dom" />
// What the big-input tests watch on the page's main thread, installed before the app loads
// (context.addInitScript): every long task (the Long Tasks API reports each task over 50 ms
// with its duration; W3C Long Tasks, "longtask" entries) and every visible change of a
// progress indicator (a <progress> bar or the live status text around it), timestamped on the
// page's performance clock.
import type { BrowserContext, Page } from 'playwright-core';

export interface Watch {
  longTasks: Array<{ start: number; duration: number }>;
  /** One entry per change of what the progress bars and their status say. */
  progress: Array<{ t: number; text: string }>;
}

type W = { __robustnessWatch: Watch };

export async function installWatchers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const watch: Watch = { longTasks: [], progress: [] };
    (window as unknown as W).__robustnessWatch = watch;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) watch.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // A bar moves when its value is set (property or attribute) or its status text changes;
    // record each change with the status text it shows.
    let last = '';
    const look = () => {
      const bars = Array.from(document.querySelectorAll('progress'));
      if (bars.length === 0) return;
      const text = bars.map((b) => `${b.closest('[role="status"]')?.textContent?.trim() ?? ''} [${b.getAttribute('aria-label')}: ${b.position}]`).join(' | ');
      if (text !== last) {
        last = text;
        watch.progress.push({ t: performance.now(), text });
      }
    };
    const value = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value')!;
    Object.defineProperty(HTMLProgressElement.prototype, 'value', {
      ...value,
      set(this: HTMLProgressElement, v: number) {
        value.set!.call(this, v);
        look();
      },
    });
    const start = () => new MutationObserver(look).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    if (document.documentElement) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
}

export function readWatch(page: Page): Promise<Watch> {
  return page.evaluate(() => structuredClone((window as unknown as W).__robustnessWatch));
}
