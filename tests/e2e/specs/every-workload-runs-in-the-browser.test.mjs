import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("every workload runs on the workers with the results CPython gives", async () => {
  const cases = [
    ["workload=sum_generator&inputs=10000,100", [50005000, 5050]],
    ["workload=is_prime&inputs=112272535095293,91", [true, false]],
    ["workload=cpu_bound&inputs=4,10", [14, 285]],
    ["workload=power&inputs=2**100", ["1267650600228229401496703205376"]],
    ["workload=points&inputs=1000,2500,12000&params=lookup_ms:1", [850, 1875, 9550]],
  ];
  for (const [query, expected] of cases) {
    const { report, error } = await playground.apiRun(`${query}&executor=threads&max_workers=2`);
    assert.equal(error, undefined, query);
    assert.deepEqual(report.tasks.map((t) => t.result), expected, query);
  }
});

test("every workload × every executor gives the same, exact results", async () => {
  // An error's first line; a process adds where it was raised below it.
  const results = (report) => report.tasks.map((t) => t.result ?? t.error.split("\n")[0]);
  const cases = [
    ["workload=sum_generator&inputs=10000,100", [50005000, 5050]],
    ["workload=is_prime&inputs=112272535095293,91", [true, false]],
    ["workload=cpu_bound&inputs=4,10", [14, 285]],
    ["workload=power&inputs=2**100,3**3", ["1267650600228229401496703205376", "27"]],
    ["workload=points&inputs=1000,-5&params=lookup_ms:1", [850, "ValueError: points must not be negative (got -5)"]],
    ["workload=download&inputs=a.example@5,b.invalid@5", (r) => r.tasks.map((t) => t.state).join() === "finished,failed"
      && /^URLError/.test(r.tasks[1].error) && Number.isInteger(r.tasks[0].result)],
    ["workload=stream&inputs=1,2,3&params=rate:1000,b_ms:0,c_ms:1", (r) => r.tasks.every((t) => t.state === "finished")
      && r.stats.stream.completed === 3],
  ];
  for (const executor of ["sequential", "threads", "processes", "asyncio"]) {
    for (const [query, expected] of cases) {
      const scenario = `${query}&executor=${executor}&max_workers=2`;
      const { report, error } = await playground.apiRun(scenario);
      assert.equal(error, undefined, scenario);
      if (typeof expected === "function") assert.ok(expected(report), `${scenario}: ${JSON.stringify(report.tasks)}`);
      else assert.deepEqual(results(report), expected, scenario);
      assert.equal(report.scenario.executor, executor);
      const failed = report.tasks.find((t) => t.error);
      // As str(exc) in CPython: the message alone, whichever process raised it.
      if (failed && executor === "processes") {
        assert.doesNotMatch(failed.error, /worker process/);
        assert.match(failed.worker, /^SpawnProcess-\d/);
      }
    }
  }
});

test("download in the browser: simulated latency, the made-up domain fails, I/O overlaps under the GIL", async () => {
  const { report } = await playground.apiRun(
    "workload=download&executor=threads&max_workers=4&gil=true&inputs=a.example@200,b.example@200,c.example@200,http://some-made-up-domain.com/@5",
  );
  assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "finished", "finished", "failed"]);
  assert.equal(report.tasks[3].error, "URLError: <urlopen error [Errno -2] Name or service not known>");
  assert.equal(report.completion_order[0], 3, "the failing lookup returns first");
  // Three 200 ms downloads overlapped: far less than 600 ms of waiting in a row.
  const [a, b, c] = report.tasks;
  assert.ok(Math.max(a.started_ms, b.started_ms, c.started_ms) < Math.min(a.finished_ms, b.finished_ms, c.finished_ms));
});

test("points under threads: an unsynchronized cache duplicates work, a locked one does not", async () => {
  const inputs = Array(8).fill(1000).join(",");
  const racy = await playground.apiRun(`workload=points&executor=threads&max_workers=4&inputs=${inputs}&params=cache:unsynchronized,lookup_ms:30`);
  assert.ok(racy.report.stats.cache.duplicate_conversions >= 1, JSON.stringify(racy.report.stats));
  const locked = await playground.apiRun(`workload=points&executor=threads&max_workers=4&inputs=${inputs}&params=cache:locked,lookup_ms:30`);
  assert.equal(locked.report.stats.cache.duplicate_conversions, 0);
  assert.equal(locked.report.stats.cache.lost_updates, 0);
  assert.equal(locked.report.stats.cache.conversions, 1);
});

test("bad points fail their own futures in the browser", async () => {
  const { report } = await playground.apiRun("workload=points&executor=threads&max_workers=2&inputs=-5,12.5,300&params=lookup_ms:0");
  assert.deepEqual(report.tasks.map((t) => t.error), [
    "ValueError: points must not be negative (got -5)",
    "ValueError: points must be a whole number (got 12.5)",
    null,
  ]);
  assert.equal(report.tasks[2].result, 225);
});

test("choosing a workload in the page runs its classic inputs", async () => {
  await playground.chooseWorkload("is_prime");
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(2);
  await playground.run();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(rows.map((r) => r.result), ["True", "True", "True", "True", "True", "False"]);
  assert.deepEqual(browser.problems, []);
});

test("asyncio runs on one worker: downloads overlap, CPU work stalls the loop unless it yields", async () => {
  const downloads = await playground.apiRun("workload=download&executor=asyncio&inputs=a.example@200,b.example@200,c.example@200");
  assert.deepEqual(new Set(downloads.report.tasks.map((t) => t.worker)), new Set(["MainThread"]));
  const [a, b, c] = downloads.report.tasks;
  assert.ok(Math.max(a.started_ms, b.started_ms, c.started_ms) < Math.min(a.finished_ms, b.finished_ms, c.finished_ms));
  const stalled = await playground.apiRun("workload=cpu_bound&executor=asyncio&inputs=30000000,10");
  const [big, small] = stalled.report.tasks;
  assert.ok(small.started_ms >= big.finished_ms, "the small task waited for the big one");
  const yielding = await playground.apiRun("workload=cpu_bound&executor=asyncio&cooperative=true&inputs=30000000,10");
  assert.ok(yielding.report.tasks[1].finished_ms < yielding.report.tasks[0].finished_ms);
  assert.deepEqual(browser.problems, []);
});

test("processes in the browser: Web Workers with their own instance and memory, sharing nothing", async () => {
  const info = await playground.page.evaluate(() => window.futuresLab.info());
  assert.deepEqual(info.executors, ["sequential", "threads", "processes", "asyncio"]);
  assert.equal(info.exception_handling, true, "Chromium has wasm exception handling");
  const options = await playground.page.getByLabel("Executor").locator("option").allTextContents();
  assert.equal(options.length, 4);
  const { report, error } = await playground.apiRun("workload=is_prime&executor=processes&max_workers=2&inputs=97,91,112272535095293");
  assert.equal(error, undefined);
  assert.deepEqual(report.tasks.map((t) => t.result), [true, false, true]);
  assert.ok(report.tasks.every((t) => /^SpawnProcess-\d+$/.test(t.worker)));
  const processes = report.stats.processes;
  assert.ok(processes.workers_started >= 1 && processes.bytes_sent > 0 && processes.bytes_received > 0);
  assert.equal(processes.start_ms.length, processes.workers_started);
  const cached = await playground.apiRun("workload=points&executor=processes&max_workers=2&inputs=1000,1000,1000,1000,1000,1000&params=cache:locked,lookup_ms:40");
  const perWorker = cached.report.stats.per_worker;
  assert.equal(Object.keys(perWorker).length, 2, JSON.stringify(cached.report.stats));
  for (const stats of Object.values(perWorker)) assert.equal(stats.conversions, 1, "each worker converted the key itself");
  const failed = await playground.apiRun("workload=points&executor=processes&max_workers=1&inputs=-5&params=lookup_ms:0");
  assert.equal(failed.report.tasks[0].error, "ValueError: points must not be negative (got -5)");
  assert.equal(failed.report.tasks[0].worker, "SpawnProcess-1");
  assert.deepEqual(browser.problems, []);
});
