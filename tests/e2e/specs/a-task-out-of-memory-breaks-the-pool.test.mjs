import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";

// A task that asks for more memory than the module may have (its maximum is
// 1 GiB) used to abort its worker without a word, and the run never ended.
// The allocation error hook now tells the page which task it was before the
// thread ends; the page fails the run and builds a new pool.
// `futuresLab.testing.armOutOfMemory()` makes the next task ask for 1.5 GiB.
let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("a task that runs out of memory fails its run with BrokenThreadPool saying so, and a new pool comes", async () => {
  const { page } = playground;
  // The page's warm-up run takes its turn as the pool comes up: after two
  // runs it is done and cannot take the armed fault.
  for (const _ of [1, 2]) {
    assert.equal((await playground.apiRun("executor=threads&max_workers=2&inputs=10")).report.mode, "browser");
  }
  const before = await page.evaluate(() => window.futuresLab.info());
  await page.evaluate(() => window.futuresLab.testing.armOutOfMemory());
  const { error } = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.match(
    error,
    /^BrokenThreadPool: the task of future #[01] ran out of memory on ThreadPoolExecutor-\d+_[01] \(memory allocation of 1610612736 bytes failed\), and its thread is lost; the page runs without threads until a new pool is up$/,
  );
  const badge = page.getByTestId("pool-badge");
  await badge.filter({ hasText: "worker threads" }).waitFor({ timeout: 30_000 });
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.ok(info.threads >= before.threads, `the new pool starts with the broken one's workers (${info.threads} of ${before.threads})`);
  assert.equal(info.no_threads_because, null);
  const again = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(again.report.mode, "browser");
  assert.deepEqual(again.report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares));
  // The failed request took no memory: the module grew by the new pool's stacks at most.
  const grown = info.wasm_memory_bytes - before.wasm_memory_bytes;
  assert.ok(grown < 128 * 2 ** 20, `the memory grew by ${(grown / 2 ** 20).toFixed(1)} MiB`);
  const problems = browser.problems.filter((p) => !/memory allocation of 1610612736 bytes failed|unreachable/.test(p));
  assert.deepEqual(problems, []);
});

test("the badge says a task ran out of memory while the new pool starts", async () => {
  const { page } = playground;
  // Held back, the new pool's workers leave the badge on the broken pool.
  await browser.context.route("**/pool-worker.js", () => {});
  await page.evaluate(() => window.futuresLab.testing.armOutOfMemory());
  await playground.apiRun("executor=threads&max_workers=2&inputs=10");
  const badge = page.getByTestId("pool-badge");
  await badge.filter({ hasText: "out of memory" }).waitFor({ timeout: 10_000 });
  assert.equal(
    await badge.textContent(),
    "No threads: a task ran out of memory and took its worker thread; until a new pool is up, thread pools run on the virtual clock, the rest for real",
  );
});
