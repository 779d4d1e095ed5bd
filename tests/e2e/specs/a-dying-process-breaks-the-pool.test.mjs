import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("a worker process that crashes breaks the pool: BrokenProcessPool, and the page goes on", async () => {
  const page = playground.page;
  // A slow producer: the worker process is idle between requests.
  const running = playground.apiRun(
    "workload=stream&executor=processes&max_workers=1&inputs=1,2,3,4,5,6,7,8&params=rate:4,capacity:2,b_ms:0,c_ms:1",
  );
  let worker;
  for (let i = 0; i < 100 && !worker; i++) {
    worker = page.workers().find((w) => w.url().endsWith("/process-worker.js"));
    if (!worker) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(worker, "the process pool started a worker process");
  await new Promise((r) => setTimeout(r, 600));
  // An uncaught error inside the worker: the process crashes.
  await worker.evaluate(() => setTimeout(() => { throw new Error("simulated crash"); }, 0));
  const { report, error } = await running;
  const message = error ?? JSON.stringify(report.tasks.map((t) => t.error));
  assert.match(message, /BrokenProcessPool|A process in the process pool was terminated abruptly/);
  // The page keeps working: a new run gets a new pool.
  const again = await playground.apiRun("workload=cpu_bound&executor=processes&max_workers=1&inputs=10");
  assert.equal(again.report.tasks[0].result, 285);
});
