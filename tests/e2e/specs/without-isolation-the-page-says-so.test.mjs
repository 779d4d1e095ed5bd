import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { countLoads } from "../navigations.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

// No headers and no service worker: nothing can make this page cross-origin
// isolated (as in a browser that blocks service workers, or a frame of a page
// that is not isolated).
let browser;
before(async () => {
  browser = await openBrowser({ headers: {}, serviceWorkers: "block" });
  // Playwright's block resolves register() with nothing; a browser that
  // refuses service workers rejects it, as here.
  await browser.context.addInitScript(() => {
    if (self.ServiceWorkerContainer) {
      ServiceWorkerContainer.prototype.register = () =>
        Promise.reject(new DOMException("Service workers are disabled.", "SecurityError"));
    }
  });
});
after(async () => browser?.close());

const SENTENCE = {
  en: /^This browser gives the page no shared memory here \(it is not cross-origin isolated\), so thread pools run on the virtual clock; sequential runs, asyncio and process pools still run for real\.$/,
  ko: /^이 브라우저는 여기서 페이지에 공유 메모리를 주지 않으므로\(교차 출처 격리가 되지 않음\) 스레드 풀은 가상 시계로 실행하고, 순차 실행과 asyncio, 프로세스 풀은 그대로 실제로 실행합니다\.$/,
};

test("without isolation the page boots once, says so in one sentence in either language, and plays pools on the virtual clock", async () => {
  const page = await browser.newPage();
  const loads = await countLoads(page);
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  const notice = page.getByTestId("isolation-notice");
  await notice.waitFor();
  assert.match(await notice.textContent(), SENTENCE.en);
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);

  // ready resolves (no pool, no rejection), and the API says why.
  assert.deepEqual(await page.evaluate(() => window.futuresLab.ready), { threads: 0, start_ms: null });
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.cross_origin_isolated, false);
  assert.equal(info.threads, 0);
  await page.getByTestId("pool-badge").filter({ hasText: "not cross-origin isolated" }).waitFor();
  assert.equal(await page.getByTestId("pool-badge").textContent(), "No threads: not cross-origin isolated");

  await mkdir("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/without-isolation.png" });

  await page.getByRole("button", { name: "한국어" }).click();
  assert.match(await notice.textContent(), SENTENCE.ko);
  assert.equal(await page.getByTestId("pool-badge").textContent(), "스레드 없음: 교차 출처 격리 안 됨");
  await page.getByRole("button", { name: "English" }).click();

  const { report, error } = await playground.apiRun("executor=threads&inputs=10,20&max_workers=2");
  assert.equal(error, undefined);
  assert.equal(report.mode, "virtual", "threads on the virtual clock");
  assert.equal(report.scenario.clock, "virtual");
  assert.deepEqual(report.tasks.map((t) => t.result), [10, 20].map((n) => Number(sumOfSquares(n))), "results computed for real");

  await page.waitForTimeout(1500);
  assert.equal(await loads.count(), 1, "no reload: the service worker cannot help here");
  assert.deepEqual(browser.problems, []);
});

test("without isolation a sequential run started from the controls runs for real, in a worker of its own, with exact results", async () => {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  await playground.ready();
  await playground.chooseExecutor("sequential");
  await playground.setInputs("10,1000,5000000");
  await playground.run();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(
    rows.map((r) => [r.state, r.worker, r.result]),
    [10, 1000, 5_000_000].map((n) => ["finished", "MainThread", sumOfSquares(n)]),
  );
  assert.match(await playground.wallTimeText(), /^\d+(\.\d)? ms$/);

  // I/O waits block the run's worker, never the page: latencies are real.
  const { report } = await playground.apiRun("workload=download&executor=sequential&inputs=a@60,b@40,c.invalid&api=map");
  assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "finished", "failed"]);
  assert.match(report.error, /^URLError/);
  assert.ok(report.tasks[1].finished_ms - report.tasks[0].finished_ms >= 39, "b waited its 40 ms after a");
  assert.equal(report.environment.cross_origin_isolated, false);
  assert.deepEqual(report.pool, { threads: 0, start_ms: null });
  assert.deepEqual(browser.problems, []);
});

test("without isolation asyncio runs for real on one thread, a process pool for real from the page, and a thread pool started from the controls is labelled virtual", async () => {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  await playground.ready();
  // The loop and the program on the run's one thread: real waits, the
  // orders and cancellations of a loop on a thread of its own.
  const sites = "a.example@150,b.example@40,c.invalid@90,d.example@100";
  const { report, error } = await playground.apiRun(`workload=download&executor=asyncio&inputs=${sites}&api=submit_as_completed`);
  assert.equal(error, undefined);
  assert.equal(report.mode, "browser");
  assert.equal(report.environment.cross_origin_isolated, false);
  assert.deepEqual(report.completion_order, [1, 2, 3, 0]);
  assert.ok(report.wall_ms >= 149, `the slowest site really waited: ${report.wall_ms}`);
  assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "finished", "failed", "finished"]);
  const gathered = await playground.apiRun(`workload=download&executor=asyncio&inputs=${sites}&api=gather`);
  assert.match(gathered.report.error, /^URLError/);
  assert.deepEqual(gathered.report.tasks.map((t) => t.state), ["cancelled", "finished", "failed", "cancelled"], "asyncio.run cancels what is left");
  const cpu = await playground.apiRun("executor=asyncio&inputs=10,1000");
  assert.deepEqual(cpu.report.tasks.map((t) => t.result), [10, 1000].map((n) => Number(sumOfSquares(n))));

  // Worker processes need no shared memory: a real pool, driven from the page.
  const pool = await playground.apiRun("workload=download&executor=processes&max_workers=2&inputs=a.example@200,b.example@40,c.invalid@10,d.example@60&api=map");
  assert.equal(pool.error, undefined);
  assert.equal(pool.report.mode, "browser");
  assert.deepEqual(pool.report.tasks.map((t) => t.state), ["finished", "finished", "failed", "finished"]);
  assert.deepEqual(new Set(pool.report.tasks.map((t) => t.worker)), new Set(["SpawnProcess-1", "SpawnProcess-2"]));
  assert.match(pool.report.error, /^URLError/, "map raises the first failure it reaches");
  assert.deepEqual(pool.report.completion_order, [1, 2, 3, 0]);
  assert.ok(pool.report.wall_ms >= 199, `real waits: ${pool.report.wall_ms}`);
  assert.equal(pool.report.stats.processes.workers_started, 2);
  // map raises at the first failure in input order and cancels the calls
  // still pending. As in CPython, the call queue holds max_workers + 1
  // calls, running from the moment they enter it, and the manager tops it
  // up with the failed result before the program sees it: calls 1 and 2 run.
  const raised = await playground.apiRun("workload=download&executor=processes&max_workers=1&inputs=e.invalid@10,a.example@100,b.example@100,c.example@100,d.example@100&api=map");
  assert.match(raised.report.error, /^URLError/);
  assert.deepEqual(raised.report.tasks.map((t) => t.state), ["failed", "finished", "finished", "cancelled", "cancelled"]);
  assert.deepEqual(raised.report.tasks.map((t) => t.started_ms === null), [false, false, false, true, true], "a cancelled call never ran");
  // A chunk is one work item: its failed call fails it, so map raises
  // without handing over the result of the call before it.
  const chunked = await playground.apiRun("workload=download&executor=processes&max_workers=1&inputs=a.example@5,x.invalid@5,c.example@5,d.example@5&api=map&chunksize=2");
  assert.equal(chunked.report.mode, "browser", "a real run");
  assert.match(chunked.report.error, /^URLError/);
  assert.deepEqual(chunked.report.result_order, [], "nothing received");
  assert.deepEqual(chunked.report.tasks.map((t) => t.worker), Array(4).fill("SpawnProcess-1"));
  const primes = await playground.apiRun("workload=is_prime&executor=processes&max_workers=2&api=map");
  assert.deepEqual(primes.report.tasks.map((t) => t.result), [true, true, true, true, true, false]);

  // A cache shared by a thread pool's tasks plays on the virtual clock too:
  // its races and its lock, with the counts real threads give.
  const racy = await playground.apiRun(`workload=points&executor=threads&max_workers=4&inputs=${Array(8).fill(1000).join(",")}&params=cache:unsynchronized,lookup_ms:30`);
  assert.equal(racy.error, undefined);
  assert.equal(racy.report.mode, "virtual");
  assert.deepEqual([racy.report.stats.cache.conversions, racy.report.stats.cache.lost_updates], [4, 3]);

  // From the controls: a thread pool, labelled as played on the virtual clock.
  await playground.chooseExecutor("threads");
  await playground.setInputs("1000,2000");
  assert.match(await page.getByTestId("clock-label").textContent(), /^Virtual clock: /, "said before the run");
  await playground.chooseExecutor("processes");
  assert.match(await page.getByTestId("clock-label").textContent(), /^Real run: /);
  await playground.chooseExecutor("threads");
  await playground.run();
  await playground.waitForRun();
  assert.match(await page.getByTestId("clock-label").textContent(), /^Virtual clock: /);
  assert.deepEqual((await playground.futureRows()).map((r) => r.result), [1000, 2000].map(sumOfSquares));
  assert.deepEqual(browser.problems, []);
});

test("without isolation a run whose task panics or runs out of memory fails naming it, and the next run is whole", async () => {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  await playground.ready();
  // Each run here has a worker and an instance of its own: the fault armed
  // on the page goes with the next one.
  await page.evaluate(() => window.futuresLab.testing.armPanic());
  const panicked = await playground.apiRun("executor=sequential&inputs=10,1000");
  assert.equal(
    panicked.error,
    "the run's worker failed: the task of future #0 panicked on MainThread (a panic armed for a test (futures_lab_core::arm_panic))",
  );
  const whole = await playground.apiRun("executor=sequential&inputs=10,1000");
  assert.deepEqual(whole.report.tasks.map((t) => t.result), [10, 1000].map((n) => Number(sumOfSquares(n))));

  await page.evaluate(() => window.futuresLab.testing.armOutOfMemory());
  const starved = await playground.apiRun("executor=asyncio&inputs=10,1000");
  assert.equal(
    starved.error,
    "the run's worker failed: the task of future #0 ran out of memory on MainThread (memory allocation of 1610612736 bytes failed)",
  );
  const again = await playground.apiRun("executor=asyncio&inputs=10,1000");
  assert.deepEqual(again.report.tasks.map((t) => t.result), [10, 1000].map((n) => Number(sumOfSquares(n))));
  // From the controls, the run's error is shown and Run is ready again.
  await page.evaluate(() => window.futuresLab.testing.armPanic());
  await playground.chooseExecutor("sequential");
  await playground.setInputs("10,20");
  await playground.run();
  await page.getByTestId("error").waitFor();
  assert.match(await page.getByTestId("error").textContent(), /^the run's worker failed: the task of future #0 panicked on MainThread/);
  assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), true);
  const problems = browser.problems.splice(0);
  assert.ok(problems.every((p) => /panicked|unreachable|memory allocation|Aborted|RuntimeError/.test(p)), problems.join("\n"));
});
