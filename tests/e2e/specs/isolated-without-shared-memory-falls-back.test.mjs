import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

// WebKit's case: the page is cross-origin isolated, but the browser has no
// SharedArrayBuffer, so the module's shared memory cannot be sent to a worker.
// Here Chromium is made to look the same by removing the constructor before
// the page's scripts run.
let browser;
before(async () => {
  browser = await openBrowser();
  await browser.context.addInitScript(() => {
    delete globalThis.SharedArrayBuffer;
  });
});
after(async () => browser?.close());

test("an isolated page that cannot share memory says why, has no pool, and still runs everything else", async () => {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  const notice = page.getByTestId("isolation-notice");
  await notice.waitFor();
  assert.equal(
    await notice.textContent(),
    "This browser cannot share the page's memory with its workers (the page is cross-origin isolated, but SharedArrayBuffer is missing), so thread pools run on the virtual clock; sequential runs, asyncio and process pools still run for real.",
  );
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
  assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), "undefined");

  // ready resolves without a pool instead of failing, and info() says why.
  assert.deepEqual(await page.evaluate(() => window.futuresLab.ready), { threads: 0, start_ms: null });
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.cross_origin_isolated, true);
  assert.equal(info.shared_memory, false);
  assert.match(info.no_threads_because, /^the page is cross-origin isolated, but this browser cannot send shared memory to a worker/);
  await page.getByTestId("pool-badge").filter({ hasText: "no shared memory" }).waitFor();
  assert.equal(await page.getByTestId("pool-badge").textContent(), "No threads: no shared memory in this browser");

  await page.getByRole("button", { name: "한국어" }).click();
  assert.match(await notice.textContent(), /^이 브라우저는 페이지의 메모리를 워커와 공유할 수 없으므로/);
  assert.equal(await page.getByTestId("pool-badge").textContent(), "스레드 없음: 이 브라우저에서는 공유 메모리 없음");
  await page.getByRole("button", { name: "English" }).click();

  // Every executor still gives exact results: sequential and asyncio for
  // real on a worker of their own, processes for real, threads on the
  // virtual clock.
  const expected = [10, 1000].map((n) => Number(sumOfSquares(n)));
  for (const [executor, mode] of [
    ["sequential", "browser"],
    ["asyncio", "browser"],
    ["processes&max_workers=2", "browser"],
    ["threads&max_workers=2", "virtual"],
  ]) {
    const { report, error } = await playground.apiRun(`executor=${executor}&inputs=10,1000`);
    assert.equal(error, undefined, executor);
    assert.equal(report.mode, mode, executor);
    assert.deepEqual(report.tasks.map((t) => t.result), expected, executor);
  }

  // From the controls too.
  await playground.chooseExecutor("sequential");
  await playground.setInputs("10,1000");
  await playground.run();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(rows.map((r) => r.result), [10, 1000].map(sumOfSquares));
  assert.deepEqual(browser.problems, []);
});
