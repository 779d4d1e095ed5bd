import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const REPORT_FIELDS = [
  "scenario", "mode", "wall_ms", "cpu_ms", "tasks", "completion_order",
  "result_order", "wait", "stats", "error", "control", "callbacks", "pool", "environment",
];
const TASK_FIELDS = [
  "id", "input", "worker", "state", "submitted_ms", "started_ms", "finished_ms", "result", "error", "time",
];
const TIME_PARTS = ["computing_ms", "io_ms", "gil_ms", "lock_ms", "loop_ms", "start_ms"];

test("futuresLab.run(object) resolves with a Report with every field", async () => {
  const { report, error } = await playground.apiRun({
    workload: "cpu_bound", executor: "threads", max_workers: 2, inputs: [5000000, 4000000, 10],
  });
  assert.equal(error, undefined);
  assert.deepEqual(Object.keys(report).sort(), [...REPORT_FIELDS].sort());
  for (const task of report.tasks) {
    assert.deepEqual(Object.keys(task).sort(), [...TASK_FIELDS].sort());
    // The parts of its time add up to its running time (waiting for a
    // worker process to start comes before it); CPU time is the computing.
    assert.deepEqual(Object.keys(task.time).sort(), [...TIME_PARTS].sort());
    assert.equal(task.time.start_ms, 0, "threads start no process");
    const parts = TIME_PARTS.filter((part) => part !== "start_ms").reduce((sum, part) => sum + task.time[part], 0);
    assert.ok(Math.abs(parts - (task.finished_ms - task.started_ms)) < 0.01, JSON.stringify(task));
  }
  const computing = report.tasks.reduce((sum, task) => sum + task.time.computing_ms, 0);
  assert.ok(Math.abs(report.cpu_ms - computing) < 1e-6);
  assert.equal(report.mode, "browser");
  assert.equal(report.wait, null);
  assert.equal(report.error, null);
  assert.equal(report.stats, null);
  assert.deepEqual(report.control, [], "nothing was cancelled");
  assert.deepEqual(report.callbacks, [], "no callbacks were added");
  assert.ok(report.wall_ms > 0 && report.cpu_ms > 0);
  // The pool's workers that run: at least the run's own (2 workers, the run, its watcher).
  assert.ok(report.pool.threads >= 4, `${report.pool.threads} workers`);
  assert.ok(report.pool.start_ms > 0);
  assert.equal(report.environment.cross_origin_isolated, true);
  assert.ok(report.environment.hardware_concurrency >= 1);
  assert.match(report.environment.user_agent, /Chrome/);
  // Results beyond 2^53 come as exact decimal strings, small ones as numbers.
  assert.equal(report.tasks[0].result, sumOfSquares(5000000));
  assert.equal(report.tasks[2].result, 285);
  assert.deepEqual([...report.completion_order].sort(), [0, 1, 2]);
  assert.deepEqual(report.result_order, report.completion_order);
  for (const task of report.tasks) {
    assert.equal(task.state, "finished");
    assert.ok(task.started_ms >= task.submitted_ms && task.finished_ms >= task.started_ms);
  }
});

test("futuresLab.run(query) with api=map gives results in input order", async () => {
  const { report } = await playground.apiRun("workload=cpu_bound&inputs=3000000,10,20&executor=threads&max_workers=2&api=map");
  assert.deepEqual(report.result_order, [0, 1, 2]);
  assert.deepEqual(report.tasks.map((t) => t.result), [sumOfSquares(3000000), 285, 2470]);
  assert.equal(report.scenario.api, "map");
});

test("a threads run uses at least two distinct workers", async () => {
  const { report } = await playground.apiRun("executor=threads&max_workers=2");
  const workers = new Set(report.tasks.map((t) => t.worker));
  assert.ok(workers.size >= 2, `workers: ${[...workers]}`);
  assert.deepEqual(browser.problems, []);
});
