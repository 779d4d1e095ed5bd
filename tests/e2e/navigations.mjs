// Page loads, counted: a service worker's reload is a second load of the
// same page, and a loop of them would be a third, a fourth...

/**
 * Counts the loads of `page`'s main frame from now on: `{ count() }`. A load
 * is counted once its document is parsed (`DOMContentLoaded`), not at its
 * `load` event: the service worker may reload the first document while its
 * module is still loading, before that event fires.
 */
export function countLoads(page) {
  let loads = 0;
  page.on("domcontentloaded", () => loads++);
  return { count: () => loads };
}

/**
 * Evaluates `fn` in the page until it returns a truthy value, across reloads
 * (an evaluation cut short by one is tried again); rejects after `timeout` ms.
 */
export async function pollAcrossLoads(page, fn, { timeout = 15_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      const value = await page.evaluate(fn);
      if (value) return value;
    } catch {
      // The page was reloading: try again in the new document.
    }
    if (Date.now() > until) throw new Error(`not true within ${timeout} ms: ${fn}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
