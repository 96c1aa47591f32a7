/**
 * Layout shift as Chromium measures it (the Layout Instability API, what CLS sums): every shift not
 * caused by the person's own input in the last 500 ms, collected in the page from its first paint.
 * A layout measure, not a timing: the sum is the same on a slow machine.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Starts collecting in every page of `context` opened or reloaded from now on. */
export async function watchLayoutShifts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shifts: { value: number; sources: string[] }[] = [];
    (window as unknown as { __layoutShifts: typeof shifts }).__layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      }[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) =>
          s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName),
        );
        shifts.push({ value: entry.value, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts collected so far in `page` (and, with `reset`, start counting again from zero). */
export async function takeLayoutShifts(page: Page, reset = false) {
  return page.evaluate((isReset) => {
    const shifts = (window as unknown as { __layoutShifts: { value: number; sources: string[] }[] })
      .__layoutShifts;
    const taken = [...shifts];
    if (isReset) shifts.length = 0;
    return { sum: taken.reduce((acc, s) => acc + s.value, 0), shifts: taken };
  }, reset);
}
