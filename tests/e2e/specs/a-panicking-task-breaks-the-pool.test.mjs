import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";

// The browser build aborts on panic, so a task that panics on a pool worker
// takes the worker's thread with it. The run must fail with BrokenThreadPool
// naming the task (never hang), the page must stay usable without threads,
// and a new pool must take the broken one's place. `futuresLab.testing.
// armPanic()` makes the next task panic. The new pool's workers are held
// back here until the page has been tried without threads.
let browser;
let playground;
let holdWorkers = false;
let heldWorkers = 0;
let releaseWorkers;
const workersReleased = new Promise((resolve) => (releaseWorkers = resolve));
before(async () => {
  ({ browser, playground } = await openPlayground());
  // Routing turns the HTTP cache off: every pool worker asks for its script.
  await browser.context.route("**/pool-worker.js", async (route) => {
    if (holdWorkers) {
      heldWorkers += 1;
      await workersReleased;
    }
    await route.continue();
  });
});
after(async () => browser?.close());

const sums = (report) => report.tasks.map((t) => String(t.result));

test("a task that panics fails its run with BrokenThreadPool; the page goes on without threads, then with a new pool", async () => {
  const { page } = playground;
  // Runs take turns, and the page's warm-up run asks for its turn as the
  // pool comes up: once two runs are back, it is done and cannot take the
  // armed panic.
  for (const _ of [1, 2]) {
    const first = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
    assert.equal(first.report.mode, "browser");
  }
  const before = await page.evaluate(() => window.futuresLab.info());

  holdWorkers = true;
  await page.evaluate(() => window.futuresLab.testing.armPanic());
  const { error, isError } = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(isError, true);
  assert.match(
    error,
    /^BrokenThreadPool: the task of future #[01] panicked on ThreadPoolExecutor-\d+_[01] \(a panic armed for a test \(futures_lab_core::arm_panic\)\), and its thread is lost; the page runs without threads until a new pool is up$/,
  );
  const badge = page.getByTestId("pool-badge");
  await badge.filter({ hasText: "panicked" }).waitFor({ timeout: 10_000 });
  assert.equal(
    await badge.textContent(),
    "No threads: a task panicked and took its worker thread; until a new pool is up, thread pools run on the virtual clock, the rest for real",
  );
  let info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.threads, 0);
  assert.match(info.no_threads_because, /^BrokenThreadPool: /);

  // Meanwhile the page goes on: thread pools on the virtual clock, the rest for real.
  const threads = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(threads.error, undefined);
  assert.equal(threads.report.mode, "virtual");
  assert.deepEqual(sums(threads.report), [10, 1000].map(sumOfSquares));
  for (const executor of ["sequential", "asyncio", "processes&max_workers=2"]) {
    const { report, error: failed } = await playground.apiRun(`executor=${executor}&inputs=10,1000`);
    assert.equal(failed, undefined, executor);
    assert.equal(report.mode, "browser", executor);
    assert.deepEqual(sums(report), [10, 1000].map(sumOfSquares), executor);
  }

  // The new pool comes: one new worker for each of the old pool's threads,
  // and threads for real again, from the API and the controls.
  assert.equal(heldWorkers, before.threads, "the new pool's workers were asked for");
  releaseWorkers();
  await badge.filter({ hasText: "worker threads" }).waitFor({ timeout: 30_000 });
  assert.match(await badge.textContent(), /^Cross-origin isolated · \d+ worker threads/);
  info = await page.evaluate(() => window.futuresLab.info());
  assert.ok(info.threads >= before.threads, `the new pool starts with the broken one's workers (${info.threads} of ${before.threads})`);
  assert.equal(info.no_threads_because, null);
  const again = await playground.apiRun("executor=threads&max_workers=4&inputs=10,1000,20,30");
  assert.equal(again.error, undefined);
  assert.equal(again.report.mode, "browser");
  assert.deepEqual(sums(again.report), [10, 1000, 20, 30].map(sumOfSquares));
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(2);
  await playground.setInputs("10, 1000");
  await playground.run();
  await playground.waitForRun();
  assert.deepEqual((await playground.futureRows()).map((r) => r.result), [10, 1000].map(sumOfSquares));
  assert.match(await page.getByTestId("clock-label").textContent(), /^Real run/);
  // A run from the controls is followed by the page's own runs (CPython's
  // prediction, the sequential baseline): once they are back, none of them
  // can take the armed panic.
  await page.getByTestId("cpython-prediction").locator("a").waitFor({ timeout: 30_000 });
  await page.getByTestId("speed-up").filter({ hasText: "×" }).waitFor({ timeout: 30_000 });

  // And a second panic breaks the new pool as the first broke the old one
  // (the page was never reloaded: its third pool comes the same way).
  const askedFor = heldWorkers;
  await page.evaluate(() => window.futuresLab.testing.armPanic());
  const second = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.match(second.error, /^BrokenThreadPool: the task of future #[01] panicked/);
  await badge.filter({ hasText: "worker threads" }).waitFor({ timeout: 30_000 });
  assert.equal(heldWorkers - askedFor, before.threads, "a third pool's workers were asked for");
  const third = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(third.report.mode, "browser");
  assert.deepEqual(sums(third.report), [10, 1000].map(sumOfSquares));

  const problems = browser.problems.filter((p) => !/armed for a test|unreachable/.test(p));
  assert.deepEqual(problems, []);
});
