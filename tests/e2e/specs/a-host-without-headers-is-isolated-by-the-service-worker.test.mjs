import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { countLoads, pollAcrossLoads } from "../navigations.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

// dist/ as GitHub Pages serves it: no COOP/COEP headers at all.
let browser;
before(async () => (browser = await openBrowser({ headers: {} })));
after(async () => browser?.close());

test("served without headers, the page isolates itself through the service worker after one reload and runs threads for real", async () => {
  const page = await browser.newPage();
  const loads = await countLoads(page);
  await page.goto(`${browser.baseUrl}/`);
  await pollAcrossLoads(page, () => self.crossOriginIsolated);
  assert.ok(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active !== undefined),
    "the service worker is active",
  );
  assert.equal(
    (await page.request.get(`${browser.baseUrl}/`)).headers()["cross-origin-embedder-policy"],
    undefined,
    "the server itself sends no headers",
  );

  const playground = new PlaygroundPage(page, browser.baseUrl);
  await page.waitForFunction(() => window.futuresLab !== undefined);
  const info = await playground.ready();
  assert.equal(info.cross_origin_isolated, true);
  assert.ok(info.threads > 0, `pool has ${info.threads} threads`);
  assert.equal(await page.getByTestId("isolation-notice").count(), 0);

  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(2);
  await playground.setInputs("1000000,1000001,1000002,1000003");
  await playground.run();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(
    rows.map((r) => [r.state, r.result]),
    [1000000, 1000001, 1000002, 1000003].map((n) => ["finished", sumOfSquares(n)]),
  );
  rows.forEach((r) => assert.match(r.worker, /^ThreadPoolExecutor-\d+_[01]$/));
  assert.equal(await loads.count(), 2, "the first load and the service worker's one reload");

  // Later visits are isolated from the first byte: no reload at all.
  await page.reload();
  await page.waitForFunction(() => window.futuresLab !== undefined);
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
  assert.equal(await loads.count(), 3, "only the reload asked for");
  assert.deepEqual(browser.problems, []);
});
