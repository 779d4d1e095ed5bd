import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

/** Starts a run from a URL and waits until future 0 is running. */
async function startRun(query) {
  await playground.goto(`?${query}&run=1`);
  await playground.page.locator('[data-testid="future-row"][data-state="running"]').first().waitFor();
}

const log = (testid) => playground.page.getByTestId(testid).locator("li").allTextContents();
const states = async () => (await playground.futureRows()).map((r) => r.state);

test("cancel on a single future: the running one refuses, a pending one is cancelled", async () => {
  await startRun("workload=download&inputs=a.example@1000,b.example@1000,c.example@1000&executor=threads&max_workers=1");
  const cancel = (id) => playground.page.locator(`[data-testid="future-row"]:nth-child(${id + 1}) [data-testid="cancel-future"]`).click();
  await cancel(0);
  await cancel(2);
  await playground.waitForRun();
  const lines = await log("control-log");
  assert.equal(lines.length, 2, lines.join("\n"));
  assert.match(lines[0], /futures\[0\]\.cancel\(\) → False: it is running, and a running future cannot be cancelled$/);
  assert.match(lines[1], /futures\[2\]\.cancel\(\) → True: it was pending, so it will never run$/);
  assert.deepEqual(await states(), ["finished", "finished", "cancelled"]);
});

test("shutdown(wait=False, cancel_futures=True) cancels what waits in the queue", async () => {
  await startRun("workload=download&inputs=a.example@1500,b.example@1500,c.example@1500,d.example@1500&executor=threads&max_workers=1");
  const page = playground.page;
  await page.getByTestId("shutdown-wait").uncheck();
  await page.getByTestId("shutdown-cancel-futures").check();
  await page.getByRole("button", { name: "Shut down" }).click();
  await playground.waitForRun();
  const [line] = await log("control-log");
  assert.match(line, /executor\.shutdown\(wait=False, cancel_futures=True\) → returned at \d+\.\d ms; cancelled \{1, 2, 3\}/);
  assert.deepEqual(await states(), ["finished", "cancelled", "cancelled", "cancelled"]);
});

test("asyncio: Task.cancel() on a running task is a request that ends it at its next await", async () => {
  await startRun("workload=download&inputs=a.example@1000,b.example@1000&executor=asyncio");
  await playground.page.locator('[data-testid="future-row"]:nth-child(1) [data-testid="cancel-future"]').click();
  await playground.waitForRun();
  const [line] = await log("control-log");
  assert.match(line, /tasks\[0\]\.cancel\(\) → True: the task gets CancelledError at its next await$/);
  assert.deepEqual(await states(), ["cancelled", "finished"]);
});

test("done callbacks are logged with the thread that ran each", async () => {
  // Latencies far apart: a loaded machine may start a thread tens of ms late.
  await playground.goto("?workload=download&inputs=a.example@150,b.example@250,c.example@20&executor=threads&max_workers=3");
  await playground.page.getByTestId("callbacks").check();
  await playground.run();
  await playground.waitForRun();
  const lines = await log("callbacks-log");
  assert.equal(lines.length, 3, lines.join("\n"));
  // Completion order: c (20 ms), a (150 ms), b (250 ms); each on the worker that finished it.
  assert.deepEqual(lines.map((l) => l.match(/future #(\d)/)[1]), ["2", "0", "1"]);
  for (const line of lines) assert.match(line, /callback ran on ThreadPoolExecutor-\d+_[0-2]$/);
  assert.match(await playground.page.getByTestId("code").textContent(), /add_done_callback/);
  assert.deepEqual(browser.problems, []);
});

test("Cancel pending on a process pool: what was queued runs, the rest never starts, and no worker process is left computing", async () => {
  // Twelve calls of about a second on two processes: cancelled after two
  // seconds, the calls in the call queue (marked running, as CPython marks
  // them) still run, and nothing else ever starts.
  await startRun(`workload=cpu_bound&inputs=${Array(12).fill(1000000000).join(",")}&executor=processes&max_workers=2`);
  const page = playground.page;
  await page.waitForTimeout(2000);
  await page.getByRole("button", { name: "Cancel pending" }).click();
  await playground.waitForRun();
  const shown = await states();
  const finished = shown.filter((s) => s === "finished").length;
  assert.ok(finished >= 2 && finished < 12, shown.join(" "));
  assert.deepEqual(shown, [...Array(finished).fill("finished"), ...Array(12 - finished).fill("cancelled")]);
  const [line] = await log("control-log");
  const cancelled = line.match(/cancel\(\) on every pending future → cancelled \{([\d, ]+)\} \(none had started\)$/);
  assert.ok(cancelled, line);
  assert.deepEqual(cancelled[1].split(", ").map(Number), [...Array(12).keys()].slice(finished));
  // The pool ended its worker processes when it shut down.
  assert.equal(await page.evaluate(() => window.futuresLab.info().process_workers), 0);
  assert.deepEqual(browser.problems, []);
});
