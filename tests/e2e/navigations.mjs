// Page loads, counted: a service worker's reload is a second load of the
// same page, and a loop of them would be a third, a fourth...

const KEY = "futures-lab:test-loads";

/**
 * Counts the documents `page`'s top frame loads from now on: `{ count() }`,
 * where `count()` resolves to the number. Each document counts itself as it
 * is created, before any of the page's scripts (an init script keeping the
 * tally in the tab's sessionStorage), so a document the service worker
 * reloads early, before any of its events fire, still counts.
 */
export async function countLoads(page) {
  await page.addInitScript((key) => {
    if (window !== window.top || !location.protocol.startsWith("http")) return;
    sessionStorage.setItem(key, String(Number(sessionStorage.getItem(key) ?? 0) + 1));
  }, KEY);
  return {
    count: () => page.evaluate((key) => Number(sessionStorage.getItem(key) ?? 0), KEY),
  };
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
