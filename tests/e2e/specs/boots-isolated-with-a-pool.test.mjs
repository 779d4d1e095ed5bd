import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { PlaygroundPage } from "../playground-page.mjs";

let browser;
before(async () => (browser = await openBrowser()));
after(async () => browser?.close());

test("the page boots isolated with a few workers, and the pool grows to every thread a run asks for", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  const first = await playground.page.evaluate(() => window.futuresLab.ready);
  const info = await playground.ready();
  assert.equal(await playground.page.evaluate(() => crossOriginIsolated), true);
  assert.equal(info.cross_origin_isolated, true);
  assert.ok(first.threads > 0 && first.threads < 32, `ready with ${first.threads} workers, not the whole pool`);
  assert.ok(first.start_ms > 0, "the start is timed");
  assert.equal(info.mode, "browser");
  assert.deepEqual(info.executors, ["sequential", "threads", "processes", "asyncio"]);
  assert.ok(info.workloads.includes("cpu_bound"));
  await playground.badge().filter({ hasText: "worker threads" }).waitFor();
  assert.match(await playground.badge().textContent(), /Cross-origin isolated · \d+ worker threads/);

  // 32 downloads at once on 32 threads: each needs a worker of its own.
  const inputs = Array.from({ length: 32 }, (_, k) => `u${k}@300`).join(",");
  const { report, error } = await playground.apiRun(
    `workload=download&executor=threads&max_workers=32&inputs=${inputs}`,
  );
  assert.equal(error, undefined);
  assert.equal(new Set(report.tasks.map((task) => task.worker)).size, 32, "32 threads ran");
  const lastStart = Math.max(...report.tasks.map((task) => task.started_ms));
  const firstEnd = Math.min(...report.tasks.map((task) => task.finished_ms));
  assert.ok(lastStart < firstEnd, `all 32 ran at once (last started ${lastStart} ms, first ended ${firstEnd} ms)`);
  assert.ok(report.wall_ms < 1_000, `one round of 300 ms downloads, not several (${report.wall_ms} ms)`);
  assert.equal(report.pool.threads, 34, "the run's pool has every thread");
  assert.equal((await playground.ready()).threads, 34);
  await playground.badge().filter({ hasText: "34 worker threads" }).waitFor();
  assert.deepEqual(browser.problems, []);
});
