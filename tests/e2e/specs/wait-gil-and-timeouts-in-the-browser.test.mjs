import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("api=wait reports the done / not_done split and why wait returned", async () => {
  const { report, error } = await playground.apiRun(
    "executor=threads&max_workers=2&inputs=10,20,30&api=wait&return_when=ALL_COMPLETED",
  );
  assert.equal(error, undefined);
  assert.deepEqual(report.wait.done, [0, 1, 2]);
  assert.deepEqual(report.wait.not_done, []);
  assert.equal(report.wait.reason, "ALL_COMPLETED");
});

test("a zero wait() timeout on long work returns by timeout, measured on the workers' clock", async () => {
  const { report } = await playground.apiRun(
    "executor=threads&max_workers=1&inputs=300000000&api=wait&timeout_s=0&return_when=FIRST_COMPLETED",
  );
  assert.deepEqual(report.wait.not_done, [0]);
  assert.equal(report.wait.reason, "timeout");
  assert.equal(report.tasks[0].state, "finished");
});

test("an as_completed timeout becomes the program's TimeoutError", async () => {
  const { report } = await playground.apiRun("executor=threads&max_workers=1&inputs=10,300000000&timeout_s=0.02");
  const unfinished = 2 - report.completion_order.length;
  assert.ok(unfinished >= 1, "the long task cannot finish in 20 ms");
  assert.equal(report.error, `TimeoutError: ${unfinished} (of 2) futures unfinished`);
  assert.ok(!report.completion_order.includes(1));
});

test("threads under the GIL give exact results and echo the scenario", async () => {
  const { report } = await playground.apiRun("executor=threads&max_workers=2&gil=true&inputs=2000000,3000000");
  assert.equal(report.scenario.gil, true);
  assert.deepEqual(report.tasks.map((t) => t.result), [sumOfSquares(2000000), sumOfSquares(3000000)]);
  assert.deepEqual(browser.problems, []);
});

test("bad wait fields are rejected by name", async () => {
  const { error } = await playground.apiRun("api=wait&return_when=SOMETIMES");
  assert.match(error, /^return_when: must be one of FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED/);
});

test("asyncio gather and TaskGroup in the browser: argument order, the first error, cancelled siblings", async () => {
  const gathered = await playground.apiRun("workload=download&executor=asyncio&api=gather&inputs=a.example@60,b.example@5,c.example@30");
  assert.deepEqual(gathered.report.result_order, [0, 1, 2]);
  assert.deepEqual(gathered.report.completion_order, [1, 2, 0]);
  const failing = await playground.apiRun("workload=download&executor=asyncio&api=gather&inputs=ok.example@5,x.invalid@10,slow.example@3000");
  assert.equal(failing.report.error, "URLError: <urlopen error [Errno -2] Name or service not known>");
  assert.deepEqual(failing.report.tasks.map((t) => t.state), ["finished", "failed", "cancelled"]);
  const group = await playground.apiRun("workload=points&executor=asyncio&api=task_group&inputs=-5,1000&params=lookup_ms:1000");
  assert.match(group.report.error, /^ExceptionGroup: unhandled errors in a TaskGroup \(1 sub-exception\): ValueError/);
  assert.equal(group.report.tasks[1].state, "cancelled");
});
