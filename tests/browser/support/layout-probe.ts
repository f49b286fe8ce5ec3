/// <reference lib="dom" />
// Functions that run inside the page (passed to page.evaluate, so self-contained: no
// imports, no outer variables). They report problems as strings; the harness asserts.

export interface LayoutReport {
  viewport: { width: number; height: number };
  scrollWidth: number;
  /** Elements sticking out past the right edge of the viewport. */
  overflowing: string[];
  /** Pairs of visible controls whose visible boxes intersect. */
  overlaps: string[];
  /** Plots missing a title or an axis title. */
  untitledPlots: string[];
  controlsChecked: number;
  plotsChecked: number;
}

export function probeLayout(): LayoutReport {
  const describe = (el: Element): string => {
    const id = el.id ? `#${el.id}` : '';
    const label = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${id}${label ? ` "${label}"` : ''}`;
  };
  // The part of an element's box that is actually on screen: clipped by every ancestor
  // that clips its overflow (scroll areas), so a control scrolled out of a panel does not
  // count as overlapping what lies outside the panel.
  const visibleRect = (el: Element): DOMRect | null => {
    let r = el.getBoundingClientRect();
    let left = r.left;
    let top = r.top;
    let right = r.right;
    let bottom = r.bottom;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        r = a.getBoundingClientRect();
        left = Math.max(left, r.left);
        top = Math.max(top, r.top);
        right = Math.min(right, r.right);
        bottom = Math.min(bottom, r.bottom);
      }
    }
    if (right - left < 1 || bottom - top < 1) return null;
    return new DOMRect(left, top, right - left, bottom - top);
  };
  const isShown = (el: Element): boolean =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });

  const vw = document.documentElement.clientWidth;
  const overflowing: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (!isShown(el)) continue;
    const r = visibleRect(el);
    if (r && r.right > vw + 1) overflowing.push(`${describe(el)} right edge ${Math.round(r.right)} > ${vw}`);
  }

  const selector =
    'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab], [role=slider], [tabindex]:not([tabindex="-1"])';
  const controls = Array.from(document.querySelectorAll(selector))
    .filter(isShown)
    .map((el) => ({ el, r: visibleRect(el) }))
    .filter((c): c is { el: Element; r: DOMRect } => c.r !== null);
  const overlaps: string[] = [];
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i];
      const b = controls[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      // More than a pixel of shared area in both directions: borders may touch, boxes may not.
      if (w > 1 && h > 1) overlaps.push(`${describe(a.el)} overlaps ${describe(b.el)} (${Math.round(w)}×${Math.round(h)} px)`);
    }
  }

  const untitledPlots: string[] = [];
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(isShown);
  for (const p of plots) {
    const text = (sel: string) =>
      Array.from(p.querySelectorAll(sel))
        .map((t) => (t.textContent ?? '').trim())
        .filter(Boolean);
    const title = text('.gtitle');
    const hasCartesian = p.querySelector('.cartesianlayer .subplot') !== null;
    const xt = text('text[class^="x"][class$="title"]');
    const yt = text('text[class^="y"][class$="title"]');
    const name = p.closest('[data-plot]')?.getAttribute('data-plot') ?? describe(p);
    if (title.length === 0) untitledPlots.push(`${name}: no title`);
    if (hasCartesian && xt.length === 0) untitledPlots.push(`${name}: no x-axis title`);
    if (hasCartesian && yt.length === 0) untitledPlots.push(`${name}: no y-axis title`);
  }

  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    scrollWidth: document.documentElement.scrollWidth,
    overflowing: overflowing.slice(0, 20),
    overlaps: overlaps.slice(0, 20),
    untitledPlots,
    controlsChecked: controls.length,
    plotsChecked: plots.length,
  };
}
