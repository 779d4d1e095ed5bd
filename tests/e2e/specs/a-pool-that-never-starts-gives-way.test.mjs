import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { ISOLATION_HEADERS } from "../server.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

// A pool may never finish starting (Firefox's used to stall, see
// www/pool-bootstrap.js). Here the pool's bootstrap worker never answers, and the page must give up on it after its
// limit, say so, and run everything without threads; nothing waits for good.
let browser;
before(async () => {
  browser = await openBrowser();
  await browser.context.route("**/pool-bootstrap.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      headers: ISOLATION_HEADERS,
      body: "self.addEventListener('message', () => {});",
    }),
  );
});
after(async () => browser?.close());

test("a pool that never starts: a run asked for at load waits, then runs without threads, and the badge says why", async () => {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  const began = Date.now();
  await playground.goto("?executor=threads&max_workers=2&inputs=10,1000&run=1");
  const ready = page.evaluate(() =>
    window.futuresLab.ready.then(
      (info) => ({ info }),
      (error) => ({ error: String(error.message ?? error) }),
    ),
  );
  await page
    .getByTestId("pool-badge")
    .filter({ hasText: "did not start" })
    .waitFor({ timeout: 30_000 });
  assert.ok(Date.now() - began >= 14_000, "it waited for the pool's limit first");
  assert.equal(
    await page.getByTestId("pool-badge").textContent(),
    "No threads: the worker pool did not start within 15 s; thread pools run on the virtual clock, the rest for real",
  );
  assert.match((await ready).error, /did not start within 15 s/, "ready settles, with the reason");

  // The run asked for at load went on, on the virtual clock.
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(rows.map((r) => r.result), [10, 1000].map(sumOfSquares));
  assert.match(await page.getByTestId("clock-label").textContent(), /^Virtual clock: /);

  // Everything else runs for real, without the pool.
  for (const executor of ["sequential", "asyncio", "processes&max_workers=2"]) {
    const { report, error } = await playground.apiRun(`executor=${executor}&inputs=10,1000`);
    assert.equal(error, undefined, executor);
    assert.equal(report.mode, "browser", executor);
    assert.deepEqual(report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares), executor);
  }
  const problems = browser.problems.filter((p) => !p.includes("did not start within 15 s"));
  assert.deepEqual(problems, []);
});
