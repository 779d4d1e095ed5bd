import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";

// The browser build aborts on panic, so a task that panics on a pool worker
// takes the worker's thread with it. The run must fail with BrokenThreadPool
// naming the task (never hang), and the page must stay usable without
// threads. `futuresLab.testing.armPanic()` makes the next task panic.
let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("a task that panics fails its run with BrokenThreadPool, and the page goes on without threads", async () => {
  const { page } = playground;
  // Runs take turns: once this one is back, the page's warm-up run is done.
  const first = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(first.report.mode, "browser");

  await page.evaluate(() => window.futuresLab.testing.armPanic());
  const { error, isError } = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(isError, true);
  assert.match(
    error,
    /^BrokenThreadPool: the task of future #0 panicked on ThreadPoolExecutor-\d+_[01] \(a panic armed for a test \(futures_lab_core::arm_panic\)\), and its thread is lost; the page now runs without threads \(reload it for a new pool\)$/,
  );
  await page.getByTestId("pool-badge").filter({ hasText: "panicked" }).waitFor({ timeout: 10_000 });
  assert.equal(
    await page.getByTestId("pool-badge").textContent(),
    "No threads: a task panicked and took its worker thread; thread pools run on the virtual clock, the rest for real (reload for threads)",
  );
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.threads, 0);
  assert.match(info.no_threads_because, /^BrokenThreadPool: /);

  // The page goes on: thread pools on the virtual clock, the rest for real.
  const threads = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(threads.error, undefined);
  assert.equal(threads.report.mode, "virtual");
  assert.deepEqual(threads.report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares));
  for (const executor of ["sequential", "asyncio", "processes&max_workers=2"]) {
    const { report, error: failed } = await playground.apiRun(`executor=${executor}&inputs=10,1000`);
    assert.equal(failed, undefined, executor);
    assert.equal(report.mode, "browser", executor);
    assert.deepEqual(report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares), executor);
  }
  // And from the controls.
  await playground.goto("?executor=threads&max_workers=2&inputs=10,1000&run=1");
  await playground.waitForRun();
  assert.deepEqual((await playground.futureRows()).map((r) => r.result), [10, 1000].map(sumOfSquares));
  const problems = browser.problems.filter((p) => !/armed for a test|unreachable/.test(p));
  assert.deepEqual(problems, []);
});
